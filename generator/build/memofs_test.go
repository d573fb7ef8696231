package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/internal/keep"
)

// countFS counts the listings read from the file system underneath.
type countFS struct {
	fs.FS
	lists int
}

func (c *countFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.lists++
	return fs.ReadDir(c.FS, name)
}

func names(t *testing.T, fsys fs.FS, dir string) []string {
	t.Helper()
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// TestMemoFSListings checks that a folder's listing is kept only while its
// modification time is unchanged and old enough to be trusted.
func TestMemoFSListings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	age := func() { // sets the folder's time an hour back, to the same time every call
		t.Helper()
		if err := os.Chtimes(dir, past, past); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "a")
	under := &countFS{FS: os.DirFS(dir)}
	m := &memoFS{fsys: under, store: &keep.Generations[key, stored]{}}

	// Just changed: read every time.
	names(t, m, ".")
	names(t, m, ".")
	if under.lists != 2 {
		t.Errorf("a folder changed just now was listed %d times in two reads, want 2", under.lists)
	}
	// Old enough: read once.
	age()
	under.lists = 0
	names(t, m, ".")
	names(t, m, ".")
	if under.lists != 1 {
		t.Errorf("an unchanged folder was listed %d times in two reads, want 1", under.lists)
	}
	// A file's bytes change: the folder is the same.
	write("a.md", "edited")
	age()
	m.forget([]string{"a.md"})
	names(t, m, ".")
	if under.lists != 1 {
		t.Errorf("editing a file listed its folder again")
	}
	// A file is added, unreported: the modification time tells.
	write("b.md", "b")
	if got := names(t, m, "."); !slices.Equal(got, []string{"a.md", "b.md"}) {
		t.Errorf("after adding b.md: %v", got)
	}
	// A file is removed in a folder whose time is then set back: the
	// watcher's report drops the listing.
	age()
	names(t, m, ".")
	if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	age()
	m.forget([]string{"."})
	if got := names(t, m, "."); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("after removing b.md: %v", got)
	}
	// The caller may reorder what it gets.
	ents, _ := m.ReadDir(".")
	if len(ents) > 0 {
		ents[0] = nil
	}
	if got := names(t, m, "."); !slices.Equal(got, []string{"a.md"}) {
		t.Errorf("a caller's change reached the kept listing: %v", got)
	}
}

// readFS counts the files read from the file system underneath.
type readFS struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (r *readFS) ReadFile(name string) ([]byte, error) {
	r.mu.Lock()
	r.reads[name]++
	r.mu.Unlock()
	return fs.ReadFile(r.FS, name)
}

// TestSessionReadsOnce checks that a Session reads each file once until
// the watcher reports it, across a site.yaml change (which lets go of
// everything made with the old one), and that a file reported is read
// again.
func TestSessionReadsOnce(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 12, Seed: 5, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	under := &readFS{FS: os.DirFS(dir), reads: map[string]int{}}
	s := NewSession(under, Options{Now: fixedNow})
	build := func(changed ...string) {
		t.Helper()
		if _, _, err := s.Build(context.Background(), changed); err != nil {
			t.Fatal(err)
		}
	}
	read := func() []string { // the files that exist, read since the last call
		t.Helper()
		var names []string
		for name := range under.reads {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
				names = append(names, name)
			}
		}
		clear(under.reads)
		slices.Sort(names)
		return names
	}
	build()
	post := corpus.PostPath(3)
	if under.reads[post] != 1 || under.reads[ConfigFile] != 1 {
		t.Fatalf("the first build read %s %d times and %s %d times, want once each", post, under.reads[post], ConfigFile, under.reads[ConfigFile])
	}
	read()
	cfg, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), append(cfg, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	build(ConfigFile)
	if got := read(); !slices.Equal(got, []string{ConfigFile}) {
		t.Errorf("after a site.yaml edit the Session read %v, want site.yaml only", got)
	}
	if err := corpus.Edit(dir, 3, 1); err != nil {
		t.Fatal(err)
	}
	build(post)
	if got := read(); !slices.Equal(got, []string{post}) {
		t.Errorf("after an edit of %s the Session read %v, want it only", post, got)
	}
}

// ageFolders sets the modification time of every folder under dir an hour
// back, as of a site last changed long ago: a Session keeps their listings
// from its first build (see racyWindow), not from whichever build comes
// two seconds after they were written.
func ageFolders(t *testing.T, dir string) {
	t.Helper()
	past := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
}
