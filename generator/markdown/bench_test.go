package markdown

import (
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// BenchmarkConvert converts generated articles of about 800 words with
// headings, a list, a table and links: the markdown stage of a build.
func BenchmarkConvert(b *testing.B) {
	var docs [][]byte
	for i := range 16 {
		docs = append(docs, corpus.Post(i, corpus.Options{Seed: 1}))
	}
	c := New(Options{Typographer: true, BasePath: "/"})
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := c.Convert("post.md", 1, docs[i%len(docs)], nil); err != nil {
			b.Fatal(err)
		}
	}
}
