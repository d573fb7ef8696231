package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTableScroll checks that each markdown table is the only child of its
// own scroll box, focusable and named by its number, and that nothing else
// is wrapped.
func TestTableScroll(t *testing.T) {
	src := "Intro.\n\n| a | b |\n|---|--:|\n| 1 | 300 |\n\nBetween.\n\n- list\n\n| c |\n|---|\n| 2 |\n"
	d, err := New(Options{}).Convert("a.md", 1, []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(d.HTML))
	if err != nil {
		t.Fatal(err)
	}
	var boxes []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "div" {
			boxes = append(boxes, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(boxes) != 2 {
		t.Fatalf("%d divs, want one per table (2):\n%s", len(boxes), d.HTML)
	}
	for i, box := range boxes {
		attrs := map[string]string{}
		for _, a := range box.Attr {
			attrs[a.Key] = a.Val
		}
		want := map[string]string{"class": "table-scroll", "tabindex": "0", "role": "region", "aria-label": "Table " + string(rune('1'+i))}
		for k, v := range want {
			if attrs[k] != v {
				t.Errorf("box %d: %s=%q, want %q", i+1, k, attrs[k], v)
			}
		}
		var kids []string
		for c := box.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				kids = append(kids, c.Data)
			}
		}
		if len(kids) != 1 || kids[0] != "table" {
			t.Errorf("box %d holds %v, want one table", i+1, kids)
		}
	}
	if d.Words == 0 || !strings.Contains(d.HTML, `<td class="align-right">300</td>`) {
		t.Errorf("table text lost:\n%s", d.HTML)
	}
}
