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

// TestScriptURLs: a link or image whose address goldmark would publish
// as "" (javascript:, vbscript:, file:, data: but for a few image types)
// is an error at its line that says what to write instead; other schemes
// pass, with or without unsafeHTML.
func TestScriptURLs(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		c := New(Options{UnsafeHTML: unsafe})
		for _, tc := range []struct{ src, want string }{
			{"Intro.\n\nSee [x](javascript:alert(1)) now.\n", `f.md:12: link "javascript:alert(1)": a javascript: address runs a script`},
			{"Intro.\n\nSee [x](JavaScript:void(0)).\n", `f.md:12: link "JavaScript:void(0)": a javascript: address runs a script`},
			{"Intro.\n\nSee <vbscript:msgbox>.\n", `f.md:12: link "vbscript:msgbox": a vbscript: address runs a script`},
			{"Intro.\n\n![a chart](file:///home/me/chart.png)\n", `f.md:12: image "file:///home/me/chart.png": a file: address names a file on your computer`},
			{"Intro.\n\nOne\ntwo [d](data:text/html,hi).\n", `f.md:13: link "data:text/html,hi": a data: address holds the data itself`},
			{"Intro.\n\nSee [x](JaVaScRiPt&#58;alert(1)).\n", `f.md:12: link "JaVaScRiPt:alert(1)": a javascript: address runs a script`},
			{"Intro.\n\nSee [x](java&#x73;cript&colon;alert(1)).\n", `f.md:12: link "javascript:alert(1)": a javascript: address runs a script`},
		} {
			_, err := c.Convert("f.md", 10, []byte(tc.src), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("unsafe %v, %q: got %v, want %q", unsafe, tc.src, err, tc.want)
			}
		}
		ok := "[m](mailto:a@b.c) [t](tel:+15551234) [h](https://example.org/) [s](/about/) [r](#top) ![p](data:image/png;base64,iVBORw0KGgo=) <https://example.org/x>\n"
		if _, err := c.Convert("f.md", 1, []byte(ok), nil); err != nil {
			t.Errorf("unsafe %v: %v", unsafe, err)
		}
	}
}

// TestSitePathsStartingAsTheBasePath: a site path whose first segment is
// the base path's name (a project site published at /data/ or /tags/,
// whose site has /data/NAME/ and /tags/) gets the base path as every other
// site path does, in a markdown link, an image and raw HTML: kept as
// written, "/tags/" led to the home page and "/data/fedfunds/" to no page.
func TestSitePathsStartingAsTheBasePath(t *testing.T) {
	for _, tc := range []struct{ base, dest, want string }{
		{"/data/", "/data/fedfunds/", "/data/data/fedfunds/"},
		{"/tags/", "/tags/", "/tags/tags/"},
		{"/tags/", "/tags/rates/#latest", "/tags/tags/rates/#latest"},
		{"/repo/", "/repo/about/", "/repo/repo/about/"},
		{"/a/b/", "/a/b/c.png", "/a/b/a/b/c.png"},
	} {
		c := New(Options{UnsafeHTML: true, BasePath: tc.base})
		src := "[m](" + tc.dest + ") ![i](" + tc.dest + ")\n\n<a href=\"" + tc.dest + "\">r</a>\n"
		d, err := c.Convert("f.md", 1, []byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := append(urlAttrs(t, d.HTML, "a", "href"), urlAttrs(t, d.HTML, "img", "src")...)
		if len(got) != 3 || got[0] != tc.want || got[1] != tc.want || got[2] != tc.want {
			t.Errorf("base %s: %s is %q (link, raw link, image), want %s", tc.base, tc.dest, got, tc.want)
		}
	}
}
