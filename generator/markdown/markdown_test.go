package markdown

import (
	"fmt"
	"strings"
	"testing"
)

type specEcho struct{ calls []int }

func (s *specEcho) Inline(expr string, line int) (string, string, error) {
	if expr == "bad" {
		return "", "", fmt.Errorf("a.md:%d: unknown figure", line)
	}
	return "<" + expr + ">", "from test", nil
}

func (s *specEcho) Chart(spec []byte, line int) ([]byte, error) {
	s.calls = append(s.calls, line)
	if strings.Contains(string(spec), "bad") {
		return nil, fmt.Errorf("a.md:%d: chart: bad spec", line)
	}
	return []byte("<figure class=\"figure\">" + strings.TrimSpace(string(spec)) + "</figure>"), nil
}

func TestConvert(t *testing.T) {
	src := `Intro with a [site link](/about/) and an [external](https://example.com/) one.

Second paragraph.

<!--more-->

## First section

Text <script>alert(1)</script> here.

<div>block html</div>

<!-- a comment -->

### Sub {#custom}

` + "```chart\ndata: prices.csv\n```" + `

## Second

` + "```go\nfunc f() {}\n```\n"
	fig := &specEcho{}
	c := New(Options{Typographer: true, BasePath: "/repo/"})
	d, err := c.Convert("a.md", 5, []byte(src), fig)
	if err != nil {
		t.Fatal(err)
	}
	h := string(d.HTML)
	for _, want := range []string{
		`<a href="/repo/about/">site link</a>`,
		`<a href="https://example.com/">external</a>`,
		`&lt;script&gt;alert(1)&lt;/script&gt;`,
		`&lt;div&gt;block html&lt;/div&gt;`,
		`<h3 id="custom">Sub</h3>`,
		`<figure class="figure">data: prices.csv</figure>`,
		`<span class="kd">func</span>`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	for _, bad := range []string{"<script>", "a comment", "more--", "```chart"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains %q:\n%s", bad, h)
		}
	}
	if len(fig.calls) != 1 || fig.calls[0] != 5+17-1 {
		t.Errorf("chart called at lines %v, want [21] (fence on line 17 of a body starting at line 5)", fig.calls)
	}
	if !strings.Contains(string(d.SummaryHTML), "Second paragraph") || strings.Contains(string(d.SummaryHTML), "First section") {
		t.Errorf("summary: %s", d.SummaryHTML)
	}
	if d.SummaryText != "Intro with a site link and an external one. Second paragraph." {
		t.Errorf("summary text: %q", d.SummaryText)
	}
	var toc []string
	for _, h := range d.TOC {
		toc = append(toc, fmt.Sprintf("%d:%s:%s", h.Level, h.ID, h.Text))
	}
	if strings.Join(toc, " ") != "2:first-section:First section 3:custom:Sub 2:second:Second" {
		t.Errorf("toc: %v", toc)
	}
	if d.Words < 15 || d.Words > 40 || d.Charts != 1 {
		t.Errorf("words %d charts %d", d.Words, d.Charts)
	}
}

func TestInlineFigures(t *testing.T) {
	src := "Growth was {{ x.y }} a year.\n\nSecond {{ bad }} and {{ bad }} on line 3.\n"
	_, err := New(Options{}).Convert("a.md", 7, []byte(src), &specEcho{})
	if err == nil || strings.Count(err.Error(), "a.md:9: unknown figure") != 2 {
		t.Errorf("want two errors at a.md:9, got %v", err)
	}
	d, err := New(Options{}).Convert("a.md", 7, []byte("Growth was {{ x.y | cagr }} a year, not `{{ literal }}` nor \\{{ escaped }}.\n"), &specEcho{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>Growth was <span class="figure-inline" title="from test">&lt;x.y | cagr&gt;</span> a year, not <code>{{ literal }}</code> nor {{ escaped }}.</p>`
	if strings.TrimSpace(string(d.HTML)) != want {
		t.Errorf("got  %s\nwant %s", d.HTML, want)
	}
	if d.Inlines != 1 {
		t.Errorf("inlines %d", d.Inlines)
	}
}

func TestSummaryFirstParagraph(t *testing.T) {
	d, err := New(Options{}).Convert("a.md", 1, []byte("# Title\n\nFirst para[^1].\n\nSecond.\n\n[^1]: note\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(d.SummaryHTML) != "<p>First para.</p>\n" {
		t.Errorf("summary %q", d.SummaryHTML)
	}
}

func TestChartErrorsCollected(t *testing.T) {
	src := "```chart\nbad: 1\n```\n\ntext\n\n```chart\nbad: 2\n```\n"
	_, err := New(Options{}).Convert("a.md", 10, []byte(src), &specEcho{})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "a.md:10:") || !strings.Contains(msg, "a.md:16:") {
		t.Errorf("want both chart errors with lines 10 and 16: %v", msg)
	}
	if len(unwrapAll(err)) != 2 {
		t.Errorf("want 2 errors, got %v", err)
	}
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestUnsafeHTML(t *testing.T) {
	d, err := New(Options{UnsafeHTML: true}).Convert("a.md", 1, []byte("<div class=x>ok</div>\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.HTML), `<div class=x>ok</div>`) {
		t.Errorf("unsafeHTML must pass raw HTML: %s", d.HTML)
	}
}

func TestMaxBytes(t *testing.T) {
	_, err := New(Options{MaxBytes: 10}).Convert("a.md", 4, []byte(strings.Repeat("x", 11)), nil)
	if err == nil || !strings.Contains(err.Error(), "a.md:4:") || !strings.Contains(err.Error(), "maxBytes") {
		t.Errorf("got %v", err)
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"# h\n\npara *em* **strong** [l](/x/)\n",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"```chart\ndata: x.csv\n```\n",
		"<!--more-->\n\n<div>x</div>\n",
		"text[^1]\n\n[^1]: note\n",
		"- [ ] task\n- [x] done\n",
		"*a_ *a_ *a_ *a_",
		"| a | {{ x.Y | last }} |\n|---|---|\n| {{ p | q }} \\| `{{ c | d }}` | {{ e |\n",
	} {
		f.Add(s)
	}
	for _, s := range shapes() {
		f.Add(string(s.make(2000))) // the hostile shapes, small
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := New(Options{Typographer: true, BasePath: "/r/", MaxBytes: 1 << 16}).Convert("f.md", 1, []byte(s), &specEcho{})
		if err != nil {
			return
		}
		if strings.Contains(string(d.HTML), "<script") {
			t.Errorf("raw script reached the output: %q", d.HTML)
		}
		if strings.ContainsRune(d.HTML, pipeStandIn) && !strings.ContainsRune(s, pipeStandIn) {
			t.Errorf("a hidden pipe reached the output: %q", d.HTML)
		}
	})
}

// TestMoreMarker: the summary ends at <!--more-->, or Zola's
// <!-- more -->, wherever it stands: on a line of its own, or within a
// paragraph, where the summary keeps the paragraph's text before it. The
// body keeps every word and loses the marker.
func TestMoreMarker(t *testing.T) {
	for _, c := range []struct{ src, summary, body string }{
		{"One.\n\n<!--more-->\n\nTwo.\n", "<p>One.</p>\n", "<p>One.</p>\n<p>Two.</p>\n"},
		{"One.\n\n<!-- more -->\n\nTwo.\n", "<p>One.</p>\n", "<p>One.</p>\n<p>Two.</p>\n"},
		{"One.\n\nTwo *x* <!--more--> three.\n\nFour.\n", "<p>One.</p>\n<p>Two <em>x</em></p>\n", "<p>One.</p>\n<p>Two <em>x</em>  three.</p>\n<p>Four.</p>\n"},
		{"Lede ends here.<!-- more --> The rest.\n", "<p>Lede ends here.</p>\n", "<p>Lede ends here. The rest.</p>\n"},
		{"One\n<!--more-->\nTwo\n", "<p>One</p>\n", "<p>One</p>\n<p>Two</p>\n"},
		// A marker with no text before it gives no empty summary: the
		// first paragraph, as without a marker.
		{"<!--more-->\n\nOne.\n\nTwo.\n", "<p>One.</p>\n", "<p>One.</p>\n<p>Two.</p>\n"},
		{"## Lede\n\n<!--more-->\n\nOne.\n\nTwo.\n", "<p>One.</p>\n", "<h2 id=\"lede\">Lede</h2>\n<p>One.</p>\n<p>Two.</p>\n"},
	} {
		for _, unsafe := range []bool{false, true} {
			d, err := New(Options{UnsafeHTML: unsafe}).Convert("a.md", 1, []byte(c.src), nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(d.SummaryHTML) != c.summary {
				t.Errorf("%q (unsafe %v): summary %q, want %q", c.src, unsafe, d.SummaryHTML, c.summary)
			}
			if !unsafe && d.HTML != c.body {
				t.Errorf("%q: body %q, want %q", c.src, d.HTML, c.body)
			}
			if strings.Contains(d.HTML, "more") || strings.Contains(string(d.SummaryHTML), "more") {
				t.Errorf("%q (unsafe %v): the marker is in the body %q", c.src, unsafe, d.HTML)
			}
		}
	}
	// Another comment is no marker: the summary is the first paragraph.
	d, err := New(Options{}).Convert("a.md", 1, []byte("One <!--less--> two.\n\nThree.\n"), nil)
	if err != nil || string(d.SummaryHTML) != "<p>One  two.</p>\n" {
		t.Errorf("a comment that is not a marker: summary %q, %v", d.SummaryHTML, err)
	}
	// A marker opening a line with text after it: markdown reads the
	// line as raw HTML, which is not shown, so the text would be lost.
	_, err = New(Options{}).Convert("content/posts/a.md", 5, []byte("One.\n\n<!--more--> The rest.\n"), nil)
	if want := "content/posts/a.md:7: the text after <!--more--> on its line would not be shown"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

// TestTextAfterComment: a line that starts with an HTML comment is raw
// HTML to markdown, and comments are dropped without unsafeHTML, so text
// after the comment on that line would be lost: it is an error at its
// line. A comment on lines of its own, or within a paragraph, loses
// nothing; with unsafeHTML the line is passed through, and shown.
func TestTextAfterComment(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int // of the error; 0 for none
	}{
		{"One.\n\n<!-- a note --> Lost words.\n", 3},
		{"One.\n\n<!-- a note\nover lines --> Lost too.\n", 4},
		{"One.\n\n<!-- a note -->\n\nTwo.\n", 0},
		{"One.\n\n<!-- a note -->   \n\nTwo.\n", 0},
		{"One <!-- inline --> two.\n", 0},
		{"```\n<!-- in code --> text\n```\n", 0},
	} {
		_, err := New(Options{}).Convert("a.md", 1, []byte(c.src), nil)
		switch want := fmt.Sprintf("a.md:%d: the text after the HTML comment", c.line); {
		case c.line == 0 && err != nil:
			t.Errorf("%q: %v, want no error", c.src, err)
		case c.line > 0 && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: %v, want an error starting %q", c.src, err, want)
		}
		if _, err := New(Options{UnsafeHTML: true}).Convert("a.md", 1, []byte(c.src), nil); err != nil {
			t.Errorf("%q with unsafeHTML: %v", c.src, err)
		}
	}
}

// TestLinkifyHTTPS: a bare www. address becomes an https link, as in
// Hugo; an address written with its scheme keeps it.
func TestLinkifyHTTPS(t *testing.T) {
	d, err := New(Options{}).Convert("a.md", 1, []byte("See www.example.org and http://old.example.org/.\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="https://www.example.org" class="link-url">www.example.org</a>`, `<a href="http://old.example.org/" class="link-url">http://old.example.org/</a>`} {
		if !strings.Contains(d.HTML, want) {
			t.Errorf("%s lacks %s", d.HTML, want)
		}
	}
}

// TestLinkURLClass: a link whose text is its address (a bare URL, or the
// same address in a link's text) has the class link-url, which the
// theme's print style sheet reads to print the address of the others only.
func TestLinkURLClass(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"<https://example.org/a>\n", `<a href="https://example.org/a" class="link-url">https://example.org/a</a>`},
		{"See https://example.org/a.\n", `<a href="https://example.org/a" class="link-url">https://example.org/a</a>`},
		{"[example.org](https://www.example.org/)\n", `<a href="https://www.example.org/" class="link-url">example.org</a>`},
		{"[https://example.org/a](https://example.org/a)\n", `<a href="https://example.org/a" class="link-url">https://example.org/a</a>`},
		{"[the data](https://example.org/a)\n", `<a href="https://example.org/a">the data</a>`},
		{"[example.org](https://example.org/other)\n", `<a href="https://example.org/other">example.org</a>`},
		{"[a note](#fn)\n", `<a href="#fn">a note</a>`},
		{"[rates.csv](rates.csv)\n", `<a href="rates.csv">rates.csv</a>`},
	} {
		d, err := New(Options{}).Convert("a.md", 1, []byte(c.src), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.HTML, c.want) {
			t.Errorf("%q: %s lacks %s", c.src, d.HTML, c.want)
		}
	}
}

// TestInlineHTMLPasses: without unsafeHTML, a few inline elements without
// attributes pass when opened and closed in order within their block;
// the rest of raw HTML stays escaped, and with it a block's tags that do
// not nest.
func TestInlineHTMLPasses(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"Area in m<sup>2</sup> and H<sub>2</sub>O.\n", "<p>Area in m<sup>2</sup> and H<sub>2</sub>O.</p>\n"},
		{"Line one<br>line two<BR/>three.\n", "<p>Line one<br>line two<br>three.</p>\n"},
		{"— <cite>Rob Pike<sup>1</sup></cite>\n", "<p>— <cite>Rob Pike<sup>1</sup></cite></p>\n"},
		{"| a |\n|---|\n| x<br>y |\n", "<td>x<br>y</td>"},
		{"Unclosed <sup>2 here.\n", "<p>Unclosed &lt;sup&gt;2 here.</p>\n"},
		{"Crossed <b><i>x</b></i>.\n", "<p>Crossed &lt;b&gt;&lt;i&gt;x&lt;/b&gt;&lt;/i&gt;.</p>\n"},
		{"With attributes <sup class=\"x\">2</sup>.\n", "<p>With attributes &lt;sup class=&#34;x&#34;&gt;2&lt;/sup&gt;.</p>\n"},
		{"Script <script>alert(1)</script>.\n", "<p>Script &lt;script&gt;alert(1)&lt;/script&gt;.</p>\n"},
		{"Link <a href=\"javascript:x\">y</a>.\n", "<p>Link &lt;a href=&#34;javascript:x&#34;&gt;y&lt;/a&gt;.</p>\n"},
		{"Across <sup>one\n\ntwo</sup>.\n", "<p>Across &lt;sup&gt;one</p>\n<p>two&lt;/sup&gt;.</p>\n"},
	} {
		d, err := New(Options{}).Convert("a.md", 1, []byte(c.src), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.HTML, c.want) {
			t.Errorf("%q:\n%s\nwant it to hold\n%s", c.src, d.HTML, c.want)
		}
	}
}

// TestWordCount: a word split by emphasis or a passing tag is one word; a
// line break, the end of a line or of a block ends one; code and
// figures are not prose.
func TestWordCount(t *testing.T) {
	for src, want := range map[string]int{
		"un*believ*able H<sub>2</sub>O word\n": 3,
		"one<br>two\n":                         2,
		"one\ntwo\n":                           2,
		"# Head\nBody\n":                       2,
		"it's a well-known fact\n":             4,
		"text\n\n```\nnot counted here\n```\n": 1,
		"a **b**c `code span` d\n":             5,
	} {
		d, err := New(Options{}).Convert("a.md", 1, []byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		if d.Words != want {
			t.Errorf("%q: %d words, want %d", src, d.Words, want)
		}
	}
}

// TestPlainText: block ends part words, inline elements do not, so an
// inline figure followed by punctuation reads as the page does.
func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		`<p>The rate was <data value="5.33">5.33%</data>, then it fell.</p>`: "The rate was 5.33%, then it fell.",
		`<p>A <a href="/x/">link</a>; <em>stress</em>.</p><p>Next</p>`:       "A link; stress. Next",
		`<ul><li>one</li><li>two</li></ul>`:                                  "one two",
		`<p>line<br>break</p>`:                                               "line break",
		`<p>x<strong>y</strong>z &amp; <code>q</code>!</p>`:                  "xyz & q!",
		`<p>cut <span`: "cut",
	} {
		if got := plainText([]byte(in)); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFootnoteBacklinkNames: each link back from a footnote has a name of
// its own (its title, the sign hidden), saying which note and which of its
// references it returns to, so a screen reader's list of links does not
// show several "↩︎" that lead to different places; the links still go
// where goldmark sends them.
func TestFootnoteBacklinkNames(t *testing.T) {
	src := "One[^a] and two[^b], then one again[^a].\n\n[^a]: First note.\n[^b]: Second note.\n"
	d, err := New(Options{}).Convert("a.md", 1, []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<a href="#fnref:1" class="footnote-backref" title="Back to the text of note 1, reference 1 of 2" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span></a>`,
		`<a href="#fnref1:1" class="footnote-backref" title="Back to the text of note 1, reference 2 of 2" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span></a>`,
		`<a href="#fnref:2" class="footnote-backref" title="Back to the text of note 2" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span></a>`,
		`<sup id="fnref:1">`, `<sup id="fnref1:1">`, `<sup id="fnref:2">`,
	} {
		if !strings.Contains(d.HTML, want) {
			t.Errorf("%s\nlacks %s", d.HTML, want)
		}
	}
}
