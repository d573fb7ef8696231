package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// urlAttrs returns the values of the attributes key of the elements tag
// in the HTML fragment h, in order.
func urlAttrs(t *testing.T, h, tag, key string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(h))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			for _, a := range n.Attr {
				if a.Key == key {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestRawHTMLSitePaths: with unsafeHTML, a site path in raw HTML, inline
// or a block, gets the base path exactly as a markdown link's does; other
// URLs are kept as written.
func TestRawHTMLSitePaths(t *testing.T) {
	for _, base := range []string{"/repo/", "/"} {
		c := New(Options{UnsafeHTML: true, BasePath: base})
		for _, u := range []string{"/about/", "/about/?a=1#x", "/repo/about/", "https://other.example/x", "//cdn.example/y", "rel/", "#top", "mailto:a@b.c"} {
			md, err := c.Convert("f.md", 1, []byte("[m]("+u+")\n"), nil)
			if err != nil {
				t.Fatal(err)
			}
			want := urlAttrs(t, md.HTML, "a", "href")
			if len(want) != 1 {
				t.Fatalf("markdown link %s: %q", u, md.HTML)
			}
			src := `Inline <a href="` + u + `">a</a> <img src="` + u + `" srcset="` + u + ` 1x, ` + u + ` 2x">.

<div>
<iframe src="` + u + `"></iframe><video poster="` + u + `"></video><form action="` + u + `"></form><object data="` + u + `"></object>
</div>
`
			d, err := c.Convert("f.md", 1, []byte(src), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, ta := range [][2]string{{"a", "href"}, {"img", "src"}, {"iframe", "src"}, {"video", "poster"}, {"form", "action"}, {"object", "data"}} {
				got := urlAttrs(t, d.HTML, ta[0], ta[1])
				if len(got) != 1 || got[0] != want[0] {
					t.Errorf("base %s: <%s %s=%q> is %q, want %q as the markdown link's", base, ta[0], ta[1], u, got, want[0])
				}
			}
			if got := urlAttrs(t, d.HTML, "img", "srcset"); len(got) != 1 || got[0] != want[0]+" 1x, "+want[0]+" 2x" {
				t.Errorf("base %s: srcset of %q is %q", base, u, got)
			}
		}
	}
}
