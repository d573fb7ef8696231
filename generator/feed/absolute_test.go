package feed

import (
	"net/url"
	"testing"
)

func TestAbsolute(t *testing.T) {
	base, _ := url.Parse("https://example.org/repo/2024/05/rally/")
	for _, tc := range []struct{ in, want string }{
		{`<a href="/repo/about/">a</a>`, `<a href="https://example.org/repo/about/">a</a>`},
		{`<img src="chart.png" alt="x">`, `<img src="https://example.org/repo/2024/05/rally/chart.png" alt="x">`},
		{`<a href="#fn:1">1</a>`, `<a href="https://example.org/repo/2024/05/rally/#fn:1">1</a>`},
		{`<a href="https://other.example/x">x</a>`, `<a href="https://other.example/x">x</a>`},
		{`<a href="mailto:a@b.c">m</a>`, `<a href="mailto:a@b.c">m</a>`},
		{`<img srcset="a.png 1x, /repo/b.png 2x">`, `<img srcset="https://example.org/repo/2024/05/rally/a.png 1x, https://example.org/repo/b.png 2x">`},
		{`<p class='x'>Tom &amp; Jerry <!-- c --></p>`, `<p class='x'>Tom &amp; Jerry <!-- c --></p>`},
		// Raw HTML's other URL attributes: a quotation's source (blockquote,
		// q, del, ins), a form's target.
		{`<blockquote cite="/repo/about/">q</blockquote><q cite="src.html">q</q>`,
			`<blockquote cite="https://example.org/repo/about/">q</blockquote><q cite="https://example.org/repo/2024/05/rally/src.html">q</q>`},
		{`<form action="/repo/search/"><button formaction="s/">b</button></form>`,
			`<form action="https://example.org/repo/search/"><button formaction="https://example.org/repo/2024/05/rally/s/">b</button></form>`},
		{`<a href="../x/?a=1&amp;b=2">q</a>`, `<a href="https://example.org/repo/2024/05/x/?a=1&amp;b=2">q</a>`},
		// A tag whose URL changes is written again as html.Token writes
		// it: names lower case, every value quoted and escaped, a
		// self-closing tag's slash kept.
		{"<A HREF=\"/x\" CLASS=z title='it\"s'>x</A><img srcset=\"a.png 1x\"/><td title=\"a\r\nb\" href=c>",
			"<a href=\"https://example.org/x\" class=\"z\" title=\"it&#34;s\">x</A><img srcset=\"https://example.org/repo/2024/05/rally/a.png 1x\"/><td title=\"a\nb\" href=\"https://example.org/repo/2024/05/rally/c\">"},
	} {
		got, err := Absolute([]byte(tc.in), base)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("Absolute(%s)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
