package feed

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// textPieces are the bits randomHTML strings together: every case Text
// and its wrapping tell apart (blocks, lists, tables, links, footnotes,
// images, preformatted text, entities, white space of every kind, long
// words, merge tags and lone "<").
var textPieces = []string{
	"<p>", "</p>", "<div>", "</div>", "<h2 id=\"x\">", "</h2>", "<ul>", "</ul>", "<ol>", "<ol start=\"7\">", "<ol start=\" x\">", "</ol>",
	"<li>", "</li>", "<br>", "<hr>", "<blockquote>", "</blockquote>", "<pre>", "</pre>", "<figure>", "</figure>",
	"<table>", "<table role=\"presentation\">", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>",
	"<a href=\"https://e.org/a/\">", "<a href=\"\">", "<a>", "</a>", "<a href=\"{{ unsubscribe_url }}\">",
	"<a href=\"#fn:1\" class=\"footnote-ref\">", "<a class=\"footnote-backref\" href=\"#r\">↩</a>",
	"<img src=\"c.png\" alt=\"A chart\">", "<img alt=\"\">", "<script>var a = '<p>';</script>", "<style>p{}</style>",
	"<svg><svg>x</svg>y</svg>", "<head><title>T</title></head>", "<body>", "</body>", "<em>", "</em>", "<code>", "</code>",
	"word ", "word", " ", "  ", "\n", "\t", "\r\n", "&nbsp;", "&amp;", "&lt;", "&gt;", "&#160;", "\u00a0", "\u0085", "\u2003",
	"x", "12. ", "- ", "1. ", "123. ", "< ", "<{{ a b }}>", "<a b c d e f>", "<x", "y>", "é", "日本語",
	strings.Repeat("long", 20), "https://e.org/" + strings.Repeat("u", 70) + "/",
	"The S&amp;P 500 rose, as small caps trailed large caps by 3% over the quarter, ",
	"\x01", "<!-- c -->", "<p style=\"x\">",
	"<P>", "</P>", "<A HREF=\"/x\">", "</A>", "<Ol Start=3>", "<a\x00b>", "</a\x00b>", "<im\x00g alt=z>", "<br/>", "<hr />",
	"<img src=x alt=y/>", "<div class=\"table-scroll\">", "<SCRIPT>x</SCRIPT>", "<td style=\"a\">", "<a href='/y' title=\"<&>\">",
	"<a href=\"../rel/\">", "<a href=\"#f\">", "<link rel=x>", "<meta a=b>", "<p\tclass=\"x\"\n>", "<tr/>", "</br>", "<p/>",
	"<a =x>", "<a b c=d>", "<a a=1 a=2>", "<li\f>", "<textarea><p></textarea>", "<title>x</title>", "</>", "</ p>",
}

// randomHTML strings together n random pieces.
func randomHTML(r *rand.Rand, n int) []byte {
	var b strings.Builder
	for range n {
		b.WriteString(textPieces[r.IntN(len(textPieces))])
	}
	return []byte(b.String())
}

// TestTextSameAsBefore checks that Text gives, byte for byte, what it
// gave before it wrote its draft and lines into byte slices (refText).
func TestTextSameAsBefore(t *testing.T) {
	docs := [][]byte{emailDoc(3), emailDoc(60), nil, []byte(" \n "), []byte("<body>\u00a0</body>")}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		docs = append(docs, randomHTML(r, 1+i%200))
	}
	for _, doc := range docs {
		want, werr := refText(doc)
		got, err := Text(doc)
		if got != want || (err == nil) != (werr == nil) {
			t.Fatalf("Text(%q)\n= %q, %v\nwant %q, %v", doc, got, err, want, werr)
		}
	}
}

// TestEmailSameAsBefore checks that Email gives, byte for byte, what it
// gave before (refEmail).
func TestEmailSameAsBefore(t *testing.T) {
	base, _ := url.Parse("https://e.org/2024/05/note/")
	docs := [][]byte{emailDoc(3), articleHTML(5), nil}
	r := rand.New(rand.NewPCG(11, 12))
	for i := range 3000 {
		docs = append(docs, randomHTML(r, 1+i%200))
	}
	for _, doc := range docs {
		want, werr := refEmail(doc, base)
		got, err := Email(doc, base)
		if !bytes.Equal(got, want) || (err == nil) != (werr == nil) {
			t.Fatalf("Email(%q)\n= %q, %v\nwant %q, %v", doc, got, err, want, werr)
		}
	}
}

// FuzzEmailSameAsBefore is TestEmailSameAsBefore on any input.
func FuzzEmailSameAsBefore(f *testing.F) {
	f.Add(articleHTML(2))
	r := rand.New(rand.NewPCG(13, 14))
	for range 20 {
		f.Add(randomHTML(r, 40))
	}
	base, _ := url.Parse("https://e.org/2024/05/note/")
	f.Fuzz(func(t *testing.T, doc []byte) {
		want, werr := refEmail(doc, base)
		got, err := Email(doc, base)
		if !bytes.Equal(got, want) || (err == nil) != (werr == nil) {
			t.Fatalf("Email(%q)\n= %q, %v\nwant %q, %v", doc, got, err, want, werr)
		}
	})
}

// FuzzTextSameAsBefore is TestTextSameAsBefore on any input.
func FuzzTextSameAsBefore(f *testing.F) {
	f.Add(emailDoc(2))
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(randomHTML(r, 40))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		want, werr := refText(doc)
		got, err := Text(doc)
		if got != want || (err == nil) != (werr == nil) {
			t.Fatalf("Text(%q)\n= %q, %v\nwant %q, %v", doc, got, err, want, werr)
		}
	})
}
