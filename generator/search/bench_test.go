package search

import (
	"fmt"
	"strings"
	"testing"
)

// articleBody is an article's HTML as a build makes it: n paragraphs of
// about 60 words, each with a link and emphasis, a heading every third.
func articleBody(n int) string {
	words := strings.Fields("Small caps trailed large caps as the spread between Value and growth widened over the quarter while credit rallied")
	var b strings.Builder
	for i := range n {
		if i%3 == 1 {
			fmt.Fprintf(&b, "<h2 id=\"s%d\">Section %d of the note</h2>\n", i, i)
		}
		b.WriteString("<p>")
		for k := range 60 {
			switch k {
			case 20:
				fmt.Fprintf(&b, `<a href="/tags/t%d/">%s</a> `, i, words[(i+k)%len(words)])
			case 40:
				fmt.Fprintf(&b, "<em>%s</em> ", words[(i+k)%len(words)])
			default:
				b.WriteString(words[(i*7+k)%len(words)])
				if k%12 == 11 {
					b.WriteString(". ")
				} else {
					b.WriteString(" ")
				}
			}
		}
		b.WriteString("&amp; more.</p>\n")
	}
	return b.String()
}

// BenchmarkSections measures splitting an article into its sections,
// which a build does for every article.
func BenchmarkSections(b *testing.B) {
	body := articleBody(16)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Sections(body)
	}
}

// BenchmarkPrepare measures weighing an article's words and making its
// fragment, which a build does for every article.
func BenchmarkPrepare(b *testing.B) {
	d := Doc{URL: "/2024/05/note/", Title: "Small caps trail as the spread widens", Date: "2024-05-01",
		Tags: []string{"Equities", "Small caps"}, Summary: "Small caps trailed large caps.", Sections: Sections(articleBody(16))}
	for b.Loop() {
		Prepare(d)
	}
}
