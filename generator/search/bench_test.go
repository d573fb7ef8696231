package search

import (
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// BenchmarkSections measures splitting an article into its sections,
// which a build does for every article.
func BenchmarkSections(b *testing.B) {
	body := corpus.ArticleHTML(16)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Sections(body)
	}
}

// BenchmarkPrepare measures weighing an article's words and making its
// fragment, which a build does for every article.
func BenchmarkPrepare(b *testing.B) {
	d := Doc{URL: "/2024/05/note/", Title: "Small caps trail as the spread widens", Date: "2024-05-01",
		Tags: []string{"Equities", "Small caps"}, Summary: "Small caps trailed large caps.", Sections: Sections(corpus.ArticleHTML(16))}
	for b.Loop() {
		Prepare(d)
	}
}
