package feed

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
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

// emailPage is an email edition as a build writes one for a note of
// prose: the template's head and layout tables around n paragraphs of
// about 60 words, each with a link, under a heading every third.
func emailPage(n int) []byte {
	words := strings.Fields("small caps trailed large caps as the spread between value and growth widened over the quarter while credit")
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Note</title></head>` +
		`<body style="margin:0;padding:0;"><table role="presentation" style="width:100%;"><tr><td style="padding:16px 8px;">` +
		`<h1 style="margin:0;"><a href="https://example.org/2024/05/note/" style="color:#1d1f23;">Note</a></h1>` + "\n" +
		`<p style="margin:8px 0 0;">Desk · 25 June 2026 · <a href="https://example.org/2024/05/note/">Read on the web</a></p>` + "\n")
	for i := range n {
		if i%3 == 1 {
			fmt.Fprintf(&b, "<h2 id=\"s%d\" style=\"margin:24px 0 8px;\">Section %d</h2>\n", i, i)
		}
		b.WriteString(`<p style="margin:0 0 16px;">`)
		for k := range 60 {
			if k == 30 {
				fmt.Fprintf(&b, `<a href="https://example.org/tags/t%d/" style="color:#1f5fbf;">%s</a> `, i, words[(i+k)%len(words)])
				continue
			}
			b.WriteString(words[(i*7+k)%len(words)])
			if k%12 == 11 {
				b.WriteString(". ")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString("&amp; more.</p>\n")
	}
	b.WriteString(`</td></tr><tr><td style="padding:8px;"><a href="{{ unsubscribe_url }}">Unsubscribe</a></td></tr></table></body></html>`)
	return []byte(b.String())
}

// BenchmarkTextPage measures the plain-text part of an email edition
// of prose, as a build makes one for every article: the tokenizer, and
// long lines to wrap.
func BenchmarkTextPage(b *testing.B) {
	doc := emailPage(16)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Text(doc); err != nil {
			b.Fatal(err)
		}
	}
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
		if _, err := Email(doc, base, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmailArticle measures making an article's body fit for its
// email edition, as a build does for every article.
func BenchmarkEmailArticle(b *testing.B) {
	doc := []byte(corpus.ArticleHTML(16))
	base, _ := url.Parse("https://example.org/2024/05/note/")
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := Email(doc, base, nil); err != nil {
			b.Fatal(err)
		}
	}
}
