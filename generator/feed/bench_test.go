package feed

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// emailDoc is an email edition's page as the default theme makes one: a
// head with styles, then an article of n paragraphs, each with links,
// emphasis and entities, a list and an image every fifth.
func emailDoc(n int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Note</title><style>body{margin:0}</style></head><body><table role="presentation" width="100%"><tr><td>`)
	for i := range n {
		fmt.Fprintf(&b, "<h2 style=\"margin:24px 0 8px;\">Section %d</h2>\n<p style=\"margin:0 0 16px;\">Small caps trailed large caps by %d%% &amp; more,\n  as <em>the spread</em> widened; see <a href=\"https://example.org/notes/%d/\" style=\"color:#1f5fbf;\">the note</a>.</p>\n", i, i, i)
		if i%5 == 0 {
			fmt.Fprintf(&b, "<ul><li>First point %d</li><li>Second&nbsp;point</li></ul><img src=\"https://example.org/c%d.png\" alt=\"Chart %d, rising\">\n", i, i, i)
		}
	}
	b.WriteString("</td></tr></table></body></html>")
	return []byte(b.String())
}

// BenchmarkText measures the plain-text part of an email edition of a
// long article, which every build makes for every article.
func BenchmarkText(b *testing.B) {
	doc := emailDoc(60)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Text(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmail measures making an article's HTML fit for email.
func BenchmarkEmail(b *testing.B) {
	doc := emailDoc(60)
	base, _ := url.Parse("https://example.org/2024/05/note/")
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Email(doc, base); err != nil {
			b.Fatal(err)
		}
	}
}
