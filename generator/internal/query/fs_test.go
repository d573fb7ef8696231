package query

import (
	"io/fs"
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
