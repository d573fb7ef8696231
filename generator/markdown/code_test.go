package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCodeBlocksAsHugo: a fenced code block is a <pre tabindex="0"> (so
// the keyboard can scroll a wide line) around a <code> that names its
// language as Hugo 0.111.3 writes it (class="language-go" data-lang="go"),
// whether chroma highlights it (go), does not know it (mermaid, shown as
// written) or it names none; with line numbers in a table only the
// code's <pre> is focusable.
func TestCodeBlocksAsHugo(t *testing.T) {
	src := "```go\nfunc f() {}\n```\n\n```mermaid\ngraph TD; A-->B<x>\n```\n\n```\nplain & <b>\n```\n\n```go {linenos=table}\nx := 1\n```\n"
	d, doc := convertDoc(t, src)
	type block struct{ tabindex, preClass, codeClass, lang, text string }
	var got []block
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "pre" {
			b := block{tabindex: getAttr(n, "tabindex"), preClass: getAttr(n, "class")}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "code" {
					b.codeClass, b.lang = getAttr(c, "class"), getAttr(c, "data-lang")
				}
			}
			b.text = strings.TrimSpace(nodeTextOf(n))
			got = append(got, b)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	want := []block{
		{"0", "chroma", "language-go", "go", "func f() {}"},
		{"0", "", "language-mermaid", "mermaid", "graph TD; A-->B<x>"},
		{"0", "", "", "", "plain & <b>"},
		{"", "chroma", "", "", "1"}, // the line numbers
		{"0", "chroma", "language-go", "go", "x := 1"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d <pre>, want %d: %+v\n%s", len(got), len(want), got, d.HTML)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("<pre> %d: %+v, want %+v", i+1, got[i], want[i])
		}
	}
	if !strings.Contains(d.HTML, `<span class="line"><span class="cl"><span class="kd">func</span>`) {
		t.Errorf("chroma's lines are not kept:\n%s", d.HTML)
	}
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func nodeTextOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeTextOf(c))
	}
	return b.String()
}

// convertDoc converts the markdown src with the default options and
// parses the HTML it gives.
func convertDoc(t *testing.T, src string) (*Doc, *html.Node) {
	t.Helper()
	d, err := New(Options{}).Convert("a.md", 1, []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(d.HTML))
	if err != nil {
		t.Fatal(err)
	}
	return d, doc
}

// elements returns the elements named tag under n, in document order.
func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	if n.Type == html.ElementNode && n.Data == tag {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, elements(c, tag)...)
	}
	return out
}
