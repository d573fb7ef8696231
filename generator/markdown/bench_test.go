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

// BenchmarkShapes converts every hostile shape (see shapes) at 2 MB and
// 10 MB: each must finish, converted or refused, in well under a second,
// however deep the nesting or many the openers that never close.
func BenchmarkShapes(b *testing.B) {
	for _, s := range shapes() {
		for _, size := range []struct {
			name string
			n    int
		}{{"2MB", 2 << 20}, {"10MB", 10 << 20}} {
			src := s.make(size.n)
			b.Run(s.name+"/"+size.name, func(b *testing.B) {
				c := New(Options{Typographer: true, BasePath: "/"})
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					_, _ = c.Convert("post.md", 1, src, nil)
				}
			})
		}
	}
}
