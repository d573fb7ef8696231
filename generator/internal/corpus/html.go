package corpus

import (
	"fmt"
	"strings"
)

// ArticleHTML is an article's body as a build's markdown makes it, for
// benchmarks of what is done with it (email editions, the search index):
// n paragraphs of about 60 words in sentences, each with three links to
// site paths and emphasis, under a heading every third, and a list every
// fourth: about what a generated corpus's notes hold.
func ArticleHTML(n int) string {
	words := strings.Fields("Small caps trailed large caps as the spread between Value and growth widened over the quarter while credit rallied")
	var b strings.Builder
	for i := range n {
		if i%3 == 1 {
			fmt.Fprintf(&b, "<h2 id=\"s%d\">Section %d of the note</h2>\n", i, i)
		}
		b.WriteString("<p>")
		for k := range 60 {
			switch k {
			case 10, 30, 50:
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
		if i%4 == 3 {
			b.WriteString("<ul>\n<li>First point</li>\n<li>Second point</li>\n</ul>\n")
		}
	}
	return b.String()
}
