//go:build unix

package query

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFSLinks: through a query's file system a listing says what is a
// link (fs.WalkDir does not follow one), fs.Stat follows it as the
// file system beneath does, a special file is named for what it is and
// not read (a named pipe would make the read wait forever), and a link
// pointed elsewhere, reported by its path, makes its readers run again.
func TestFSLinks(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"content/a.md": "# A\n", "other/b.md": "# B\n", "other/c.md": "# C\n"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "content/link.md")
	if err := os.Symlink("../other/b.md", link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other", filepath.Join(dir, "content/folder")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content/pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	// look says, for each name of content/, its type as listed, what Stat
	// gives and what reading it gives.
	look := &Kind[string]{Name: "look", Compute: func(c *Ctx, _ string) (string, error) {
		des, err := fs.ReadDir(c.FS(), "content")
		if err != nil {
			return "", err
		}
		var b strings.Builder
		for _, d := range des {
			p := "content/" + d.Name()
			info, err := fs.Stat(c.FS(), p)
			if err != nil {
				return "", err
			}
			text, err := fs.ReadFile(c.FS(), p)
			fmt.Fprintf(&b, "%s %v %v %q %v\n", d.Name(), d.Type(), info.Mode().Type(), text, err != nil)
		}
		return b.String(), nil
	}}
	s := NewStore(os.DirFS(dir), look)
	got, err := Get(s.Begin(nil), look, "")
	want := "a.md ---------- ---------- \"# A\\n\" false\n" +
		"folder L--------- d--------- \"\" true\n" +
		"link.md L--------- ---------- \"# B\\n\" false\n" +
		"pipe p--------- p--------- \"\" true\n"
	if err != nil || got != want {
		t.Fatalf("look = %v\n%s\nwant\n%s", err, got, want)
	}
	s.End(true)
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other/c.md", link); err != nil {
		t.Fatal(err)
	}
	got, err = Get(s.Begin([]string{"content/link.md"}), look, "")
	if want := strings.Replace(want, "# B", "# C", 1); err != nil || got != want || s.Runs("look") != 1 {
		t.Errorf("after the link moved: look = %v, ran %d\n%s\nwant\n%s", err, s.Runs("look"), got, want)
	}
}
