package query

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFS: the file system of a query's Ctx is a file system as package
// fs specifies one (fstest.TestFS), and what code written against fs.FS
// reads through it is recorded: a query that walks a folder runs again
// when a file in it changes, and only then.
func TestFS(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":            {Data: []byte("title: x\n")},
		"content/a.md":         {Data: []byte("# A\n")},
		"content/posts/b.md":   {Data: []byte("# B\n")},
		"content/posts/c/i.md": {Data: []byte("# C\n")},
	}
	check := &Kind[string]{Name: "check", Compute: func(c *Ctx, _ string) (string, error) {
		return "", fstest.TestFS(c.FS(), "site.yaml", "content/a.md", "content/posts/b.md", "content/posts/c/i.md")
	}}
	// walk is a loader written against fs.FS: the text of every .md file.
	walk := &Kind[string]{Name: "walk", Compute: func(c *Ctx, dir string) (string, error) {
		var b strings.Builder
		err := fs.WalkDir(c.FS(), dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			text, err := fs.ReadFile(c.FS(), p)
			b.WriteString(p + ": " + string(text))
			return err
		})
		return b.String(), err
	}}
	s := NewStore(fsys, check, walk)
	c := s.Begin(nil)
	if _, err := Get(c, check, ""); err != nil {
		t.Fatal(err)
	}
	want := "content/a.md: # A\ncontent/posts/b.md: # B\ncontent/posts/c/i.md: # C\n"
	if got, err := Get(c, walk, "content"); err != nil || got != want {
		t.Fatalf("walk = %q, %v", got, err)
	}
	s.End(true)

	for _, st := range []struct {
		edit    func()
		changed []string
		want    string
		ran     int
	}{
		{func() { fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: y\n")} }, []string{"site.yaml"}, want, 0},
		{func() { fsys["content/posts/c/i.md"] = &fstest.MapFile{Data: []byte("# D\n")} }, []string{"content/posts/c/i.md"}, strings.Replace(want, "# C", "# D", 1), 1},
		{func() { fsys["content/posts/c/notes.txt"] = &fstest.MapFile{Data: []byte("x")} }, []string{"content/posts/c/notes.txt"}, strings.Replace(want, "# C", "# D", 1), 1},
		{func() { delete(fsys, "content/a.md") }, []string{"content/a.md"}, "content/posts/b.md: # B\ncontent/posts/c/i.md: # D\n", 1},
		// Reported by its own path only: the folders above it are new.
		{func() { fsys["content/new/deep/e.md"] = &fstest.MapFile{Data: []byte("# E\n")} }, []string{"content/new/deep/e.md"}, "content/new/deep/e.md: # E\ncontent/posts/b.md: # B\ncontent/posts/c/i.md: # D\n", 1},
	} {
		st.edit()
		c := s.Begin(st.changed)
		got, err := Get(c, walk, "content")
		if err != nil || got != st.want || s.Runs("walk") != st.ran {
			t.Errorf("after %v: walk = %q, %v, ran %d; want %q, ran %d", st.changed, got, err, s.Runs("walk"), st.want, st.ran)
		}
		s.End(true)
	}
	if _, err := fs.ReadFile(NewStore(fsys).Begin(nil).FS(), "../x"); err == nil {
		t.Error("a path out of the root was read")
	}
}

// TestFSMisses: what the store's file system says of a name that is not
// there is what the source says, word for word, so that a build through
// the store fails as one without it does; and SharedFS gives the bytes
// the store keeps, where FS gives a copy.
func TestFSMisses(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("# A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := os.DirFS(dir)
	c := NewStore(src).Begin(nil)
	for _, name := range []string{"content/b.md", "gone/b.md", "content/a.md/x", "site.yaml"} {
		for op, f := range map[string]func(fs.FS) error{
			"ReadFile": func(f fs.FS) error { _, err := fs.ReadFile(f, name); return err },
			"ReadDir":  func(f fs.FS) error { _, err := fs.ReadDir(f, name); return err },
			"Stat":     func(f fs.FS) error { _, err := fs.Stat(f, name); return err },
			"Open":     func(f fs.FS) error { _, err := f.Open(name); return err },
		} {
			want, got := f(src), f(c.FS())
			if want == nil || got == nil || got.Error() != want.Error() || errors.Is(got, fs.ErrNotExist) != errors.Is(want, fs.ErrNotExist) {
				t.Errorf("%s %s: %v, the source's %v", op, name, got, want)
			}
		}
	}
	if _, err := fs.ReadDir(c.FS(), "content/a.md"); err == nil || err.Error() != func() string { _, err := fs.ReadDir(src, "content/a.md"); return err.Error() }() {
		t.Errorf("ReadDir of a file: %v", err)
	}
	a, _ := fs.ReadFile(c.SharedFS(), "content/a.md")
	b, _ := fs.ReadFile(c.SharedFS(), "content/a.md")
	d, _ := fs.ReadFile(c.FS(), "content/a.md")
	if string(a) != "# A\n" || &a[0] != &b[0] || &a[0] == &d[0] {
		t.Errorf("SharedFS reads %q, shared %v; FS's copy %v", a, &a[0] == &b[0], &a[0] != &d[0])
	}
}

// TestListAbsentFolder: a folder listed while it was not there is listed
// again once a file reported by its own path makes it, and so is the
// folder above it.
func TestListAbsentFolder(t *testing.T) {
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("a")}}
	ls := &Kind[string]{Name: "ls", Compute: func(c *Ctx, dir string) (string, error) {
		var names []string
		for _, d := range []string{path.Dir(dir), dir} {
			list, err := c.List(d)
			if err != nil {
				names = append(names, d+" absent")
			}
			for _, e := range list {
				names = append(names, path.Join(d, e.Name))
			}
		}
		return strings.Join(names, " "), nil
	}}
	s := NewStore(fsys, ls)
	if got, _ := Get(s.Begin(nil), ls, "content/later"); got != "content/a.md content/later absent" {
		t.Fatalf("before: %q", got)
	}
	s.End(true)
	fsys["content/later/f.md"] = &fstest.MapFile{Data: []byte("f")}
	want := "content/a.md content/later content/later/f.md"
	if got, _ := Get(s.Begin([]string{"content/later/f.md"}), ls, "content/later"); got != want {
		t.Errorf("after content/later/f.md was made: %q, want %q", got, want)
	}
}

// TestReadSum: the sum ReadSum gives is the SHA-256 of the bytes, made
// once as the store read them, and the read is recorded as Read's is.
func TestReadSum(t *testing.T) {
	fsys := fstest.MapFS{"a.md": {Data: []byte("# A\n")}}
	hash := &Kind[Key]{Name: "hash", Compute: func(c *Ctx, name string) (Key, error) {
		b, sum, err := c.ReadSum(name)
		if err == nil && sum != Sum(b) {
			t.Errorf("ReadSum's sum %x is not the SHA-256 of %q", sum, b)
		}
		return sum, err
	}}
	s := NewStore(fsys, hash)
	if got, err := Get(s.Begin(nil), hash, "a.md"); err != nil || got != Sum([]byte("# A\n")) {
		t.Fatalf("hash = %x, %v", got, err)
	}
	s.End(true)
	fsys["a.md"] = &fstest.MapFile{Data: []byte("# B\n")}
	if got, _ := Get(s.Begin([]string{"a.md"}), hash, "a.md"); got != Sum([]byte("# B\n")) || s.Runs("hash") != 1 {
		t.Errorf("after an edit: hash = %x, ran %d", got, s.Runs("hash"))
	}
}
