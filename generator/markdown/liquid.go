package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// templateTag matches a template tag at the start of its text, "{%" to
// "%}" (which may go on to the next lines): a Liquid tag of Jekyll ({% highlight ruby %}), or a
// Tera tag or shortcode of Zola ({% note() %}). Its groups are the tag's
// name, a "(" when a shortcode's arguments follow it, and its first
// argument.
var templateTag = regexp.MustCompile(`^\{%-?\s*([A-Za-z_][A-Za-z0-9_]*)?[ \t]*(\()?\s*([^\s%]*)[^%]{0,200}?-?%\}`)

// zolaShortcode matches the start of a Zola shortcode after its "{{" or
// "{%": a name and the "(" of its arguments, note(body="….
var zolaShortcode = regexp.MustCompile(`^-?[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*\(`)

// checkTemplateTag records an error for a template tag, "{%" … "%}", in
// prose text: Jekyll runs Liquid and Zola runs Tera over the markdown
// before converting it, and tearsheet runs neither, so the tag would be
// published as written. The message says what to write instead. A tag in
// code (a code span or a fenced block) stays literal, as code showing a
// template does. One error per line: Jekyll's {% raw %}…{% endraw %}
// around a code span on one line is one mistake.
func (st *docState) checkTemplateTag(n *ast.Text, src []byte) {
	v := n.Segment.Value(src)
	at := bytes.Index(v, []byte("{%"))
	if at < 0 && len(v) > 0 && v[len(v)-1] == '{' {
		if next, ok := n.NextSibling().(*ast.Text); ok && bytes.HasPrefix(next.Segment.Value(src), []byte("%")) {
			at = len(v) - 1
		}
	}
	if at < 0 {
		return
	}
	off := n.Segment.Start + at
	line := st.lineBase + st.lineAt(off) - 1
	if line == st.tagLine {
		return
	}
	st.tagLine = line
	st.errs = append(st.errs, fmt.Errorf("%s:%d: %s", st.file, line, templateTagMsg(src[off:])))
}

// templateTagMsg says what a template tag at the start of b is and what to
// write in its place.
func templateTagMsg(b []byte) string {
	m := templateTag.FindSubmatch(b)
	if m == nil {
		return fmt.Sprintf("%q opens a template tag ({%% … %%}) that markdown does not run and that does not close: write what it stood for, or put it in `code` to show it", strayExcerpt(b))
	}
	tag, name, arg := strings.Join(strings.Fields(string(m[0])), " "), string(m[1]), string(m[3])
	const liquid = "is Jekyll's (a Liquid tag), which tearsheet does not run"
	switch {
	case m[2] != nil || name == "end":
		return fmt.Sprintf("%s is a Zola shortcode, which tearsheet does not have: write the markdown or HTML it stood for (a link, an image, a fenced code block)", tag)
	case name == "highlight":
		return fmt.Sprintf("%s %s: write the code as a fenced block, ```%s on this line and ``` in place of {%% endhighlight %%}", tag, liquid, arg)
	case name == "endhighlight":
		return fmt.Sprintf("%s %s: write ``` in its place, and ```LANGUAGE in place of its {%% highlight LANGUAGE %%}", tag, liquid)
	case name == "raw" || name == "endraw":
		return fmt.Sprintf("%s %s: delete {%% raw %%} and {%% endraw %%}; braces in `code` and in fenced code blocks are shown as written, and in prose \\{{ shows {{", tag, liquid)
	case name == "include" || name == "include_relative":
		return fmt.Sprintf("%s %s: tearsheet has no includes; write the markdown or HTML of %s in its place (HTML is shown as HTML only with markdown: {unsafeHTML: true} in site.yaml)", tag, liquid, arg)
	case name == "link" || name == "post_url":
		return fmt.Sprintf("%s %s: write the address of the article or page it names as a site path, such as /2024/05/title/ for an article (site.yaml's permalink); tearsheet puts the base URL before it", tag, liquid)
	}
	return fmt.Sprintf("%s is template code (Jekyll's Liquid or Zola's Tera), which markdown does not run: write what it produced, or put it in `code` to show it", tag)
}
