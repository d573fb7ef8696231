package build

import (
	"context"
	"os"
	"testing"
	"unsafe"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestSessionSharesDrawings: a Session keeps each chart's drawings once,
// in its page's HTML, which its own page and embed show too; the output
// is a fresh build's.
func TestSessionSharesDrawings(t *testing.T) {
	dir := chartSite(t, 3, 1)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	_, mem, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	fresh, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, fresh, mem)
	got, ok := s.cache.store.Look(pathKey("doc", corpus.PostPath(1)))
	if !ok || got.doc == nil || got.doc.fig == nil || len(got.doc.fig.Charts) == 0 {
		t.Fatalf("no document with charts kept for %s", corpus.PostPath(1))
	}
	html := got.doc.doc.HTML
	from := uintptr(unsafe.Pointer(unsafe.StringData(html)))
	for k, c := range got.doc.fig.Charts {
		for _, svg := range []string{string(c.SVG), string(c.SVGNarrow)} {
			at := uintptr(unsafe.Pointer(unsafe.StringData(svg)))
			if len(svg) == 0 || at < from || at+uintptr(len(svg)) > from+uintptr(len(html)) {
				t.Errorf("chart %d: a drawing of %d bytes is a copy of its own, not the page's", k, len(svg))
			}
		}
	}
}
