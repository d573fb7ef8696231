package markdown

import (
	"html"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/util"
)

// A fenced code block is written as Hugo writes it:
//
//	<pre tabindex="0" class="chroma"><code class="language-go" data-lang="go">…</code></pre>
//
// tabindex="0" lets a reader who uses the keyboard focus the block and
// scroll a line wider than the page in every browser (Chromium focuses a
// box that scrolls by itself; Safari does not, as for a table's box, which
// has tabindex="0" too); the language stays on the <code>
// (CommonMark's class="language-…" and Hugo's data-lang) for a style
// sheet or a script, also when chroma does not know it (```mermaid). With
// line numbers in a table ({linenos=table}) the code's own <pre> is so.

// codeOptions has chroma write the <pre><code> of a highlighted block.
func codeOptions(c highlighting.CodeBlockContext) []chromahtml.Option {
	lang, _ := c.Language()
	return []chromahtml.Option{chromahtml.WithPreWrapper(codePre{lang: html.EscapeString(string(lang))})}
}

// codePre is chroma's PreWrapper of a block in the language lang (escaped).
type codePre struct{ lang string }

// Start opens the <pre> of the code (code) or of its line numbers.
func (p codePre) Start(code bool, styleAttr string) string {
	if !code {
		return "<pre" + styleAttr + ">"
	}
	return `<pre tabindex="0"` + styleAttr + "><code" + langAttrs(p.lang) + ">"
}

// End closes what Start opened.
func (p codePre) End(code bool) string {
	if !code {
		return "</pre>"
	}
	return "</code></pre>"
}

func langAttrs(lang string) string {
	if lang == "" {
		return ""
	}
	return ` class="language-` + lang + `" data-lang="` + lang + `"`
}

// codeWrapper writes the <pre><code> around a block chroma does not
// highlight (a language it does not know, or none); codeOptions has chroma
// write those of a block it highlights.
func codeWrapper(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	switch {
	case c.Highlighted():
	case !entering:
		_, _ = w.WriteString("</code></pre>\n")
	default:
		lang, _ := c.Language()
		_, _ = w.WriteString(`<pre tabindex="0"><code` + langAttrs(html.EscapeString(string(lang))) + ">")
	}
}
