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
	got := keptDoc(t, s, corpus.PostPath(1))
	if got.fig == nil || len(got.fig.Charts) == 0 {
		t.Fatalf("no document with charts kept for %s", corpus.PostPath(1))
	}
	html := got.doc.HTML
	from := uintptr(unsafe.Pointer(unsafe.StringData(html)))
	for k, c := range got.fig.Charts {
		for _, svg := range []string{string(c.SVG), string(c.SVGNarrow)} {
			at := uintptr(unsafe.Pointer(unsafe.StringData(svg)))
			if len(svg) == 0 || at < from || at+uintptr(len(svg)) > from+uintptr(len(html)) {
				t.Errorf("chart %d: a drawing of %d bytes is a copy of its own, not the page's", k, len(svg))
			}
		}
	}
}

// keptDoc is the converted page of the source file that s holds (page.doc).
func keptDoc(t *testing.T, s *Session, file string) *converted {
	t.Helper()
	held := heldDocs(s, file)
	if len(held) != 1 {
		t.Fatalf("%s: %d documents kept, want 1", file, len(held))
	}
	return held[0]
}

// heldDocs are the converted pages of the source file that s holds.
func heldDocs(s *Session, file string) []*converted {
	var held []*converted
	for arg, v := range s.cache.content.store.Held("page.doc") {
		if place, err := placeFrom(arg); err == nil && place.file == file {
			held = append(held, v.(*converted))
		}
	}
	return held
}

// heldViews returns the views of the article of source path file that
// s's store holds (article.view's).
func heldViews(s *Session, file string) []*articleView {
	var held []*articleView
	for arg, v := range s.cache.content.store.Held("article.view") {
		if arg == file {
			held = append(held, v.(*articleView))
		}
	}
	return held
}
