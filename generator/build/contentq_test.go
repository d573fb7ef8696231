package build

import (
	"os"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// BenchmarkContentEdit10k measures the content stage of a Session's build
// after an edit of one article's text at 10,000 articles: the edited file
// parsed again, every other checked.
func BenchmarkContentEdit10k(b *testing.B) {
	dir := benchSite(b, 10000)
	fsys := os.DirFS(dir)
	st := newContentStage(fsys)
	cfg, err := loadConfig(fsys, Options{})
	if err != nil {
		b.Fatal(err)
	}
	sc := schemaOf(cfg)
	st.begin(nil)
	if _, _, err := st.run(sc, 4); err != nil {
		b.Fatal(err)
	}
	st.store.End(true)
	for i := 0; b.Loop(); i++ {
		if err := corpus.Edit(dir, 7, i); err != nil {
			b.Fatal(err)
		}
		st.begin([]string{corpus.PostPath(7)})
		if _, n, err := st.run(sc, 4); err != nil || n != 1 {
			b.Fatalf("parsed %d, %v", n, err)
		}
		st.store.End(true)
	}
}
