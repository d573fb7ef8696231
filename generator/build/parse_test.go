package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSessionTakesLoadAgain: a Session's build takes the last build's
// content again, with the files the watcher reported read again, while no
// folder it listed changed; a folder that did (a file the watcher missed)
// makes it read the content anew.
func TestSessionTakesLoadAgain(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	posts := filepath.Join(dir, "content/posts")
	// Folders as an author's are between edits: changed long ago (a
	// folder changed within racyWindow is listed again every build).
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	build := func(changed ...string) *Result {
		t.Helper()
		res, _, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	build()
	first := s.cache.last.laid.files
	e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed sharply")
	res := build("content/posts/first-note.md")
	if !s.reusedLoad() {
		t.Error("a text edit read the content anew")
	}
	if res.Parsed != 1 {
		t.Errorf("parsed %d files, want 1", res.Parsed)
	}
	if got := s.cache.last.laid.files; len(got) != len(first) {
		t.Fatalf("%d files, want %d", len(got), len(first))
	}
	// A new article the watcher did not report: its folder's time says so.
	e.put("content/posts/unreported.md", "---\ntitle: Unreported\ndate: 2024-04-02\n---\nText.\n")
	later := old.Add(time.Minute)
	if err := os.Chtimes(posts, later, later); err != nil {
		t.Fatal(err)
	}
	e.edit("content/posts/first-note.md", "narrowed sharply", "narrowed at last")
	res = build("content/posts/first-note.md")
	if s.reusedLoad() {
		t.Error("the build took the last content again after its folder changed")
	}
	if res.Articles != len(s.cache.last.laid.site.Articles) || res.Sources["2024/04/unreported/index.html"] == "" {
		t.Errorf("the new article is not built: %d articles", res.Articles)
	}
}

// reusedLoad reports whether the last build took the last Load's content
// again.
func (s *Session) reusedLoad() bool { return s.cache.loadAgain }
