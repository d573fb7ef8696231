package feed

import (
	"net/url"
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	base, _ := url.Parse("https://example.org/research/2024/05/rally/")
	in := `<p>See <a href="/research/tags/x/">x</a> and <a href="#fn:1">1</a>.</p>` +
		`<script>alert(1)</script><svg viewBox="0 0 1 1"><script>x</script><text>chart</text></svg>` +
		`<link rel="stylesheet" href="a.css"><style>p{}</style><iframe src="x"></iframe>` +
		`<div class="table-scroll"><table><tr><th>a</th><td style="color:red">b</td></tr></table></div>` +
		`<img src="chart.png" alt="A chart">`
	out, err := Email([]byte(in), base, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, bad := range []string{"<script", "alert", "<svg", "chart</text>", "<link", "<style", "<iframe", `href="/`, `href="#`} {
		if strings.Contains(got, bad) {
			t.Errorf("email fragment holds %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		`<a href="https://example.org/research/tags/x/" style="color:#1f5fbf;">x</a>`,
		`href="https://example.org/research/2024/05/rally/#fn:1"`,
		`<p style="margin:0 0 16px;">See`,
		`<td style="color:red">b</td>`,                              // an element's own style is kept
		`<div class="table-scroll" style="overflow-x:auto;"><table`, // a wide table scrolls in its box
		`<img src="https://example.org/research/2024/05/rally/chart.png" alt="A chart" style="max-width:100%;height:auto;border:0;">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("email fragment lacks %q:\n%s", want, got)
		}
	}
}

// TestEmailConditionalComments: what a conditional comment holds for
// Outlook alone is made fit for email as the rest is (its URLs absolute),
// its comments kept; the markers around what the other clients show, and
// any other comment, are copied as they are.
func TestEmailConditionalComments(t *testing.T) {
	base, _ := url.Parse("https://example.org/research/2024/05/rally/")
	in := `<!--[if mso]><img src="/research/a.png" alt="wide" style="display:block;"><script>x</script><![endif]-->` +
		`<!--[if !mso]><!--><img src="/research/a.narrow.png" alt="narrow" style="display:block;"><!--<![endif]-->` +
		`<!-- a note, with <a href="/x/">a link</a> -->`
	out, err := Email([]byte(in), base, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `<!--[if mso]><img src="https://example.org/research/a.png" alt="wide" style="display:block;"><![endif]-->` +
		`<!--[if !mso]><!--><img src="https://example.org/research/a.narrow.png" alt="narrow" style="display:block;"><!--<![endif]-->` +
		`<!-- a note, with <a href="/x/">a link</a> -->`
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestEmailWritesTags checks how Email writes the tags it keeps: as
// html.Token writes them (names lower case, every value quoted and
// escaped, a self-closing tag's slash kept), end tags and text byte for
// byte.
func TestEmailWritesTags(t *testing.T) {
	base, _ := url.Parse("https://example.org/2024/05/note/")
	in := "<P CLASS=x>Tom &amp; Jerry said \"hi\"</P><A HREF='../a b/?q=1&amp;r=2' title=\"it's <b>\">x</A>" +
		"<img src=c.png alt=\"A &lt;\"/><td title=\"a\r\nb\">y</td><br/>"
	want := `<p class="x" style="margin:0 0 16px;">Tom &amp; Jerry said "hi"</P>` +
		`<a href="https://example.org/2024/05/a%20b/?q=1&amp;r=2" title="it&#39;s &lt;b&gt;" style="color:#1f5fbf;">x</A>` +
		`<img src="https://example.org/2024/05/note/c.png" alt="A &lt;" style="max-width:100%;height:auto;border:0;"/>` +
		"<td title=\"a\nb\" style=\"padding:4px 8px;border-bottom:1px solid #e2ded5;\">y</td><br/>"
	got, err := Email([]byte(in), base, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("Email:\n got %s\nwant %s", got, want)
	}
}

// TestTextSpaces checks how Text lays out white space: runs of it (a
// no-break space among them) are one space, a space stays between words
// of two text nodes where the HTML has one, table cells are two spaces
// apart, and preformatted text is kept as it is.
func TestTextSpaces(t *testing.T) {
	in := "<body><p>  One&nbsp; <em>two</em>\tthree </p><table><tr><td>a</td><td>b</td></tr></table>" +
		"<pre>  keep\n  this</pre><p>see <a href=\"https://e.org/\">https://e.org/</a> and <A HREF=\"https://e.org/x\">X</A></p></body>"
	want := "One two three\n\na  b\n\n  keep\n  this\n\nsee https://e.org/ and X <https://e.org/x>\n"
	got, err := Text([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Text:\n%q\nwant\n%q", got, want)
	}
}

func TestText(t *testing.T) {
	doc := `<!DOCTYPE html><html><head><title>T</title><style>x</style></head><body>` +
		`<h1><a href="https://e.org/a/">The title</a></h1><p>One  <em>two</em>
three &amp; four.</p><ul><li>a</li><li>b</li></ul><ol><li><p>Note.</p></li></ol><img src="https://e.org/c.png" alt="A chart rising"><script>no</script></body></html>`
	got, err := Text([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := "The title <https://e.org/a/>\n\nOne two three & four.\n\n- a\n- b\n\n1. Note.\n\n[A chart rising]\n"
	if got != want {
		t.Errorf("Text:\n%q\nwant\n%q", got, want)
	}
}

// TestEmailImageSizes: an img without width and height gets both from
// its file's size, at most EmailContentWidth wide and in its shape (a
// 1600×800 PNG is 552×276; a small one keeps its size); one that has
// either, or whose size is not known (another site's), is left as it is.
func TestEmailImageSizes(t *testing.T) {
	base, _ := url.Parse("https://example.org/2024/05/rally/")
	sizes := map[string][2]int{
		"https://example.org/2024/05/rally/wide.png":  {1600, 800},
		"https://example.org/2024/05/rally/small.gif": {120, 40},
		"https://example.org/2024/05/rally/tall.jpg":  {1000, 3001},
	}
	size := func(src string) (int, int, bool) {
		s, ok := sizes[src]
		return s[0], s[1], ok
	}
	in := `<p><img src="wide.png" alt="a"><img src="small.gif" alt="b"><img src="tall.jpg" alt="c">` +
		`<img src="wide.png" width="300" alt="d"><img src="https://other.example/x.png" alt="e"></p>`
	out, err := Email([]byte(in), base, size)
	if err != nil {
		t.Fatal(err)
	}
	const st = ` style="max-width:100%;height:auto;border:0;">`
	for _, want := range []string{
		`<img src="https://example.org/2024/05/rally/wide.png" alt="a" width="552" height="276"` + st,
		`<img src="https://example.org/2024/05/rally/small.gif" alt="b" width="120" height="40"` + st,
		`<img src="https://example.org/2024/05/rally/tall.jpg" alt="c" width="552" height="1657"` + st,
		`<img src="https://example.org/2024/05/rally/wide.png" width="300" alt="d"` + st,
		`<img src="https://other.example/x.png" alt="e"` + st,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("email lacks %s:\n%s", want, out)
		}
	}
}

// TestEmailTaskList: a task list's checkboxes (markdown's "- [x] done"),
// which an email edition cannot carry as inputs, are ballot boxes there,
// checked or not, and so in its plain-text part: a task done and one
// open do not read the same. Other inputs are left out.
func TestEmailTaskList(t *testing.T) {
	base, _ := url.Parse("https://example.org/2024/05/rally/")
	in := `<ul>
<li><input checked="" disabled="" type="checkbox"> CPI released</li>
<li><input disabled="" type="checkbox"> FOMC decision</li>
</ul>
<p><input type="text" name="q"> after</p>`
	out, err := Email([]byte(in), base, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "<input") {
		t.Errorf("email holds an input:\n%s", out)
	}
	got, err := Text(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := "- ☑ CPI released\n- ☐ FOMC decision\n\nafter\n"; got != want {
		t.Errorf("Text of the email: %q, want %q", got, want)
	}
}

// TestEmailFootnoteBackLinks: a footnote's link back to its reference
// ("↩︎") is left out of the email edition, with what it holds, as from
// its plain-text part: in a message it opened the web page instead of
// returning the reader to the text; the note and its other links stay.
func TestEmailFootnoteBackLinks(t *testing.T) {
	base, _ := url.Parse("https://example.org/2024/05/rally/")
	in := `<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>See <a href="/src/">the source</a>.&#160;` +
		`<a href="#fnref:1" class="footnote-backref" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span></a></p></li></ol></div><p>After.</p>`
	out, err := Email([]byte(in), base, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, bad := range []string{"footnote-backref", "#fnref:1", "&#x21a9;"} {
		if strings.Contains(got, bad) {
			t.Errorf("email holds %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{`<a href="https://example.org/src/" style="color:#1f5fbf;">the source</a>.&#160;</p></li></ol></div><p style="margin:0 0 16px;">After.</p>`} {
		if !strings.Contains(got, want) {
			t.Errorf("email lacks %q:\n%s", want, got)
		}
	}
}
