package browsertest

import (
	"path/filepath"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// generatedSite writes a generated site (corpus.Write) with the
// repository's default theme into a new temporary folder, and returns
// the folder.
func generatedSite(tb testing.TB, opts corpus.Options) string {
	tb.Helper()
	dir := tb.TempDir()
	opts.Theme = filepath.Join("..", "..", "themes", "default")
	if err := corpus.Write(dir, opts); err != nil {
		tb.Fatal(err)
	}
	return dir
}
