package build

import (
	"context"
	"os"
	"testing"
)

// TestSessionKeepsSearchIndex: a Session's search index is one stored
// value, taken as it is while the articles' ids are the same (a static
// file added, a page edited), made again when an article changes, and
// every build's output is a fresh build's.
func TestSessionKeepsSearchIndex(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	var was *searchEntry
	for _, st := range []struct {
		name    string
		change  func()
		changed []string
		kept    bool
	}{
		{"first build", func() {}, nil, false},
		{"a static file added", func() { e.put("static/notes.txt", "notes\n") }, []string{"static/notes.txt"}, true},
		{"a page edited", func() { e.edit("content/about.md", "\n---\n", "\n---\nEdited. ") }, []string{"content/about.md"}, true},
		{"an article edited", func() { e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed sharply") }, []string{"content/posts/first-note.md"}, false},
		{"an article retitled", func() {
			e.edit("content/posts/first-note.md", "title: \"First note:", "title: \"First note, retitled:")
		}, []string{"content/posts/first-note.md"}, false},
		{"site.yaml edited", func() { e.edit("site.yaml", "title: ", "title: Re ") }, []string{"site.yaml"}, false},
		{"nothing changed", func() {}, []string{}, true},
	} {
		st.change()
		_, mem, err := s.Build(context.Background(), st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		fresh, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
		if err != nil {
			t.Fatalf("%s: fresh build: %v", st.name, err)
		}
		sameTrees(t, fresh, mem)
		got, ok := s.cache.store.Look(pathKey("search", ""))
		if !ok || got.search == nil || len(got.search.files) == 0 {
			t.Fatalf("%s: no search index stored", st.name)
		}
		if kept := got.search == was; kept != st.kept {
			t.Errorf("%s: index kept %v, want %v", st.name, kept, st.kept)
		}
		was = got.search
	}
}
