package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// benchServer serves a generated site of n articles with the default
// theme and subscribes to its events.
func benchServer(b *testing.B, n int) (dir string, events *sse) {
	dir = b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if err := corpus.CopyDir(filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes")); err != nil {
		b.Fatal(err)
	}
	r := start(b, dir, Options{})
	return dir, r.subscribe(b)
}

// BenchmarkServeArticleEdit measures the time from writing an article of a
// 1,000-article site to the browser's reload event: the watcher's debounce,
// the incremental build and the event.
func BenchmarkServeArticleEdit(b *testing.B) { benchServeEdit(b, 1000) }

// BenchmarkServeArticleEdit10k is the same at 10,000 articles: the
// preview server's target is a reload within 100 ms.
func BenchmarkServeArticleEdit10k(b *testing.B) { benchServeEdit(b, 10000) }

// BenchmarkServeRetitle10k is the same for a new title, which the pages
// of the article's neighbours and related articles, its lists and its
// feeds show.
func BenchmarkServeRetitle10k(b *testing.B) {
	benchServeChange(b, 10000, func(dir string, i int) error { return corpus.Retitle(dir, 10000/2, i) })
}

func benchServeEdit(b *testing.B, n int) {
	benchServeChange(b, n, func(dir string, i int) error { return corpus.Edit(dir, n/2, i) })
}

// benchServeChange measures the time from change(dir, i), the i-th
// change of a served site of n articles, to the reload event.
func benchServeChange(b *testing.B, n int, change func(dir string, i int) error) {
	dir, events := benchServer(b, n)
	b.ResetTimer()
	for i := range b.N {
		if err := change(dir, i); err != nil {
			b.Fatal(err)
		}
		events.next(b, "reload", "index.html")
	}
}

// BenchmarkServeTemplateEdit measures the same for an edit of a template
// that every page uses: every page is rendered again.
func BenchmarkServeTemplateEdit(b *testing.B) {
	dir, events := benchServer(b, 1000)
	footer := filepath.Join(dir, "themes/default/templates/partials/footer.html")
	orig, err := os.ReadFile(footer)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		text := strings.Replace(string(orig), "</footer>", fmt.Sprintf("<span hidden>edit %d</span></footer>", i), 1)
		writeFile(b, dir, "themes/default/templates/partials/footer.html", text)
		events.next(b, "reload", "index.html")
	}
}
