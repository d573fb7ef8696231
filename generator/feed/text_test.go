package feed

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTextReadsAsMail checks the plain-text part as a reader of plain
// text meets it: footnote references in brackets (not "500.1", a number
// run into the word before it), the notes' links back left out, ordered
// lists numbered, a linked image's URL on its own line, and lines wrapped
// at TextWidth (a list item's further lines indented, a URL whole,
// preformatted text as it is, a link's URL whole though it holds spaces).
func TestTextReadsAsMail(t *testing.T) {
	long := strings.Repeat("word ", 30)
	url := "https://e.org/" + strings.Repeat("x", 80) + "/"
	code := "  " + strings.Repeat("c", 90)
	in := `<body><p>The S&amp;P 500.<sup id="fnref:1"><a href="https://e.org/a/#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> Next.</p>` +
		`<p>` + long + `<a href="` + url + `">here</a></p>` +
		`<ol><li><strong>First.</strong> ` + long + `</li><li>Second.</li></ol>` +
		`<p><a href="https://e.org/c/"><img src="https://e.org/c.png" alt="A chart"></a></p>` +
		`<p>` + long + `<a href="{{ unsubscribe_url }}">Unsubscribe</a>.</p>` +
		`<pre>` + code + "\n" + `</pre>` +
		`<div class="footnotes"><ol><li id="fn:1"><p>A note.&#160;<a href="https://e.org/a/#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div></body>`
	got := textOf(t, in)
	for _, want := range []string{
		"The S&P 500.[1] Next.\n",
		"\n<" + url + ">\n",
		"1. First. word word",
		"\n   word word",
		"\n2. Second.\n",
		"[A chart]\n\n<https://e.org/c/>\n",
		"\n" + code + "\n\n1. A note.\n",
		"<{{ unsubscribe_url }}>.", // a merge tag whole
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Text lacks %q:\n%s", want, got)
		}
	}
	for _, bad := range []string{"500.1", "#fn:1", "#fnref:1", "↩", "\x01", "\n <"} {
		if strings.Contains(got, bad) {
			t.Errorf("Text holds %q:\n%s", bad, got)
		}
	}
	for l := range strings.Lines(got) {
		l = strings.TrimSuffix(l, "\n")
		if n := utf8.RuneCountInString(l); n > TextWidth && l != "<"+url+">" && l != code {
			t.Errorf("line of %d characters: %q", n, l)
		}
	}
}

// TestTextTables: a table's rows are a line each, one after the other,
// cells two spaces apart, not wrapped however long (a wrapped row loses
// its columns); a layout table's (role="presentation", as the email
// edition's) are text, wrapped; wrapped lines end without a space.
func TestTextTables(t *testing.T) {
	head := "<tr><th>Peak (monthly average)</th><th>Trough</th><th>Depth</th><th>Months to trough</th><th>Regained peak</th><th>Months from peak to recovery</th></tr>"
	in := "<body><p>Before.</p><table><thead>" + head + "</thead><tbody><tr><td>1929-09</td><td>1932-06</td><td>−84.8%</td><td>33</td><td>1954-09</td><td>300</td></tr></tbody></table>" +
		`<table role="presentation"><tr><td>` + strings.Repeat("layout ", 20) + `</td></tr></table></body>`
	got := textOf(t, in)
	want := "Before.\n\nPeak (monthly average)  Trough  Depth  Months to trough  Regained peak  Months from peak to recovery\n" +
		"1929-09  1932-06  −84.8%  33  1954-09  300\n\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("Text:\n%s\nwant it to start\n%s", got, want)
	}
	for l := range strings.Lines(got) {
		if strings.HasSuffix(l, " \n") || strings.HasPrefix(l, "layout") && len(l) > TextWidth+1 {
			t.Errorf("line ends in a space, or a layout table's is not wrapped: %q", l)
		}
	}
}

// TestTextNestedLists: a list in a list item reads as one in plain text:
// its items indented under the item's text, a long one wrapped to its own
// text's column, an item's later paragraph under its text too, and
// preformatted text as it is.
func TestTextNestedLists(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("word ", 20))
	in := `<body><ul><li>Rates<ul><li>Short end</li><li>` + long + `</li></ul></li><li>Spreads<ol start="9"><li>Nine</li><li>Ten<ul><li>Deep</li></ul></li></ol><p>A later paragraph.</p><pre>  code
x</pre></li></ul><p>After.</p></body>`
	got := textOf(t, in)
	want := "- Rates\n" +
		"  - Short end\n" +
		"  - word word word word word word word word word word word word word\n" +
		"    word word word word word word word\n" +
		"- Spreads\n" +
		"  9. Nine\n" +
		"  10. Ten\n" +
		"      - Deep\n\n" +
		"  A later paragraph.\n\n" +
		"  code\nx\n\n" +
		"After.\n"
	if got != want {
		t.Errorf("Text:\n%s\nwant\n%s", got, want)
	}
}

// TestTextDefinitionLists: a definition list reads as one in plain text:
// each term on a line of its own, its definitions on the lines under it,
// indented (a long one wrapped to that indent), a list in a definition
// under its text, and a blank line before the next term; the term no
// longer runs into its definition ("RatesThe price of money.").
func TestTextDefinitionLists(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("word ", 20))
	in := `<body><p>Before.</p><dl><dt>Rates</dt><dd>The price of money.</dd><dd>` + long + `</dd>` +
		`<dt>Spreads</dt><dd><p>Differences:</p><ul><li>credit</li></ul></dd></dl><p>After.</p></body>`
	got := textOf(t, in)
	want := "Before.\n\n" +
		"Rates\n" +
		"    The price of money.\n" +
		"    word word word word word word word word word word word word word\n" +
		"    word word word word word word word\n\n" +
		"Spreads\n\n" +
		"    Differences:\n\n" +
		"    - credit\n\n" +
		"After.\n"
	if got != want {
		t.Errorf("Text:\n%s\nwant\n%s", got, want)
	}
}

// TestTextQuotations: in plain text a quotation's lines start with "> ",
// as mail quotes, so the words quoted are not read as the author's: a
// long paragraph wrapped with the mark on each line, a second paragraph,
// a list and a nested quotation marked too, and the text after it not.
func TestTextQuotations(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("word ", 20))
	in := `<body><p>The chair said:</p><blockquote><p>` + long + `</p><p>Second.</p><ul><li>an item</li></ul>` +
		`<blockquote><p>Nested.</p></blockquote></blockquote><p>After.</p><ul><li>Item<blockquote><p>In an item.</p></blockquote></li></ul></body>`
	got := textOf(t, in)
	want := "The chair said:\n\n" +
		"> word word word word word word word word word word word word word word\n" +
		"> word word word word word word\n\n" +
		"> Second.\n\n" +
		"> - an item\n\n" +
		"> > Nested.\n\n" +
		"After.\n\n" +
		"- Item\n\n" +
		"  > In an item.\n"
	if got != want {
		t.Errorf("Text:\n%s\nwant\n%s", got, want)
	}
}

// TestTextSpaceBetweenElements: white space alone between two inline
// elements parts their words, as it does in the HTML ("The **Fed** *cut*"
// read "The Fedcut"); between two table cells, as the email edition
// writes them a line each, it adds nothing to the two spaces that part
// them, and between blocks nothing at all.
func TestTextSpaceBetweenElements(t *testing.T) {
	in := "<body><p>The <strong>Fed</strong> <em>cut</em> rates and <code>SOFR</code> <a href=\"https://e.org/\">fell</a>\n<em>sharply</em>.</p>\n" +
		"<table>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n<tr>\n<td><em>1</em> <em>2</em></td>\n<td>3</td>\n</tr>\n</table>\n<ul>\n<li><em>x</em> <b>y</b></li>\n</ul>\n</body>"
	got := textOf(t, in)
	want := "The Fed cut rates and SOFR fell <https://e.org/> sharply.\n\na  b\n1 2  3\n\n- x y\n"
	if got != want {
		t.Errorf("Text:\n%q\nwant\n%q", got, want)
	}
}

// TestTextStruck: struck-out text (markdown's ~~text~~, del; s) keeps
// its marks in plain text, where a corrected figure otherwise read as
// standing beside its correction ("5% 4%").
func TestTextStruck(t *testing.T) {
	in := `<body><p>Growth was <del>5%</del> 4%, and <s>not</s> <em>was</em>.</p></body>`
	got := textOf(t, in)
	if want := "Growth was ~~5%~~ 4%, and ~~not~~ was.\n"; got != want {
		t.Errorf("Text: %q, want %q", got, want)
	}
}

// textOf is Text of the HTML in, failing t on an error.
func textOf(t *testing.T, in string) string {
	t.Helper()
	got, err := Text([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	return got
}
