package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
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
	m := &memoFS{fsys: under, files: map[string][]byte{}}

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
