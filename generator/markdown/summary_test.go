package markdown

import (
	"strings"
	"testing"
)

// TestSummary: a front-matter summary is inline markdown, converted as
// the body's text is (site paths under the base path, raw HTML escaped
// but for the tags that pass, typographic quotes), with what would open a
// block read as text, and its plain text has no markup.
func TestSummary(t *testing.T) {
	c := New(Options{Typographer: true, BasePath: "/r/"})
	for _, tc := range []struct{ src, html, text string }{
		{"Small caps **lag** the [S&P 500](https://example.com) since 2001",
			`Small caps <strong>lag</strong> the <a href="https://example.com">S&amp;P 500</a> since 2001`,
			"Small caps lag the S&P 500 since 2001"},
		{"See `code` and [about](/about/)", `See <code>code</code> and <a href="/r/about/">about</a>`, "See code and about"},
		{"# of defaults doubled", "# of defaults doubled", "# of defaults doubled"},
		{"2001. The year small caps led", "2001. The year small caps led", "2001. The year small caps led"},
		{"- 3% on the day", "- 3% on the day", "- 3% on the day"},
		{"> a quote", "&gt; a quote", "> a quote"},
		{"[Note]: rising", "[Note]: rising", "[Note]: rising"},
		{"m<sup>2</sup> and <script>x</script>", "m<sup>2</sup> and &lt;script&gt;x&lt;/script&gt;", "m2 and <script>x</script>"},
		{`Rates "held"`, "Rates &ldquo;held&rdquo;", "Rates “held”"},
		{"one\nline", "one\nline", "one line"},
	} {
		h, text, err := c.Summary("a.md", 3, tc.src, nil)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if string(h) != tc.html || text != tc.text {
			t.Errorf("%q:\n got %q, %q\nwant %q, %q", tc.src, h, text, tc.html, tc.text)
		}
	}
	if _, _, err := c.Summary("a.md", 3, "A [link](javascript:alert(1))", nil); err == nil || !strings.HasPrefix(err.Error(), "a.md:3: ") {
		t.Errorf("a javascript: link: %v, want an error at a.md:3", err)
	}
	h, _, err := New(Options{UnsafeHTML: true}).Summary("a.md", 3, `A <span class="x">span</span>`, nil)
	if err != nil || string(h) != `A <span class="x">span</span>` {
		t.Errorf("unsafeHTML: %q, %v, want the raw HTML passed as the body's is", h, err)
	}
}

func FuzzSummary(f *testing.F) {
	for _, s := range []string{"a **b** [c](/d/)", "# h", "1. x\n\n2. y", "<script>x</script>", "*a_ *a_ *a_", "[a](b \"t\") `c`"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, _, err := New(Options{Typographer: true, BasePath: "/r/"}).Summary("f.md", 1, s, nil)
		if err != nil {
			return
		}
		if strings.Contains(string(h), "<script") || strings.Contains(string(h), "<p>") || strings.Contains(string(h), "<h1") {
			t.Errorf("a block or a raw script reached the summary: %q", h)
		}
	})
}
