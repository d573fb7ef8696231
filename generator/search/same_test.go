package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// wordPieces are the bits randomText strings together: ASCII words in
// both cases, digits, punctuation, accents precomposed and combining,
// other scripts, white space of every kind, entities and tags.
var wordPieces = []string{
	"Volcker", "rates", "RATES", "S&P", "500", "x", " ", "  ", "\n", "\t", "-", "'", "’", ".", ",", "·", "—",
	"Résumé", "ÉTÉ", "e\u0301", "\u0301", "\u0301\u0302", "naïve", "日本語", "Ωμέγα", "ß", "İstanbul", "ǅ",
	"\u00a0", "\u2003", "\u0085", "\ufffd", "\xff", "\xe2\x82", "\xc2", "\xa0", "\x80", "\x83", "\xe2\x80", "١٢٣", "x²", "Ⅻ", "ﬁ", "\u034f", "a\u0308\u0323",
	"&amp;", "&nbsp;", "&eacute;", "<em>", "</em>", "<p>", "</p>", "<h2 id=\"h\">", "</h2>", "<table>", "</table>",
	"<figure id=\"f\">", "</figure>", "<p class=\"figure__title\">", "<svg>", "</svg>", "<!-- c -->", "<", "1 < 2",
	"<a href=\"x.csv\">", "<a download>", "</a>", "<span data-nosearch>", "</span>", "<br/>", "<H3 ID=\"Up\">", "</H3>",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(wordPieces[r.IntN(len(wordPieces))])
	}
	return b.String()
}

// samePrepared reports whether a and b weigh the same words the same
// (refPrepare makes no fragment).
func samePrepared(a, b *Prepared) bool {
	return slices.Equal(a.terms, b.terms)
}

// TestPrepareSameAsBefore checks that Sections, the words and Prepare
// give what they gave before they kept their words in slices and
// collapsed white space as they read (refSections, refPrepare).
func TestPrepareSameAsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		s := randomText(r, 1+i%150)
		if got, want := Sections(s), refSections(s); !sameSections(got, want) {
			t.Fatalf("Sections(%q)\n= %q\nwant %q", s, got, want)
		}
		var got []string
		appendWords(nil, s, func(w []byte) { got = append(got, string(w)) })
		if want := Words(s); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Fatalf("words of %q\n= %q\nwant %q", s, got, want)
		}
		d := Doc{URL: "/a/", Title: randomText(r, 5), Date: "2024-01-02", Tags: []string{randomText(r, 2), "Fed"},
			Summary: randomText(r, i%3), Sections: Sections(s)}
		for k := range i % 4 {
			d.Sections = append(d.Sections, Section{Anchor: "x", Heading: randomText(r, k), Text: randomText(r, 3*k)})
		}
		if !samePrepared(Prepare(d), refPrepare(d)) {
			t.Fatalf("Prepare(%q) differs", d)
		}
	}
}

func sameSections(a, b []Section) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzPrepareSameAsBefore is TestPrepareSameAsBefore on any text.
func FuzzPrepareSameAsBefore(f *testing.F) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		f.Add(randomText(r, 30), randomText(r, 4))
	}
	f.Fuzz(func(t *testing.T, body, title string) {
		if got, want := Sections(body), refSections(body); !sameSections(got, want) {
			t.Fatalf("Sections(%q)\n= %q\nwant %q", body, got, want)
		}
		d := Doc{URL: "/a/", Title: title, Tags: []string{title}, Summary: title, Sections: refSections(body)}
		if !samePrepared(Prepare(d), refPrepare(d)) {
			t.Fatalf("Prepare(%q) differs", d)
		}
	})
}
