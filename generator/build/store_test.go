package build

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// TestSessionParsesOnlyChanges checks that a Session's full builds parse
// only the source files whose bytes changed, taking the rest from its
// store, and that the store lets go of a deleted file's.
func TestSessionParsesOnlyChanges(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	var sources []string
	err := fs.WalkDir(os.DirFS(dir), "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			sources = append(sources, p)
		}
		return err
	})
	if err != nil || len(sources) < 3 {
		t.Fatalf("sources %v, %v", sources, err)
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	build := func(step string, want int) {
		t.Helper()
		res, _, err := s.Build(context.Background(), nil) // nil: a full build
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if res.Parsed != want {
			t.Errorf("%s: parsed %d files, want %d", step, res.Parsed, want)
		}
	}
	build("first build", len(sources))
	build("nothing changed", 0)
	e.edit("content/about.md", "\n---\n", "\n---\nEdited. ")
	build("about.md edited", 1)
	gone := sources[len(sources)-1]
	if _, ok := s.cache.store.Look(pathKey("file", gone)); !ok {
		t.Fatalf("the store holds no parse of %s", gone)
	}
	e.remove(gone)
	build(gone+" deleted", 0)
	if _, ok := s.cache.store.Look(pathKey("file", gone)); ok {
		t.Errorf("the store still holds the parse of %s, deleted", gone)
	}
}
