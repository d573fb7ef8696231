//go:build unix

package content

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpecialFiles: a named pipe under content/, in a bundle or not, is an
// error of Load, reported with the others; outside a bundle it was left
// out without a word (and in one, reported only once the rest built).
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "content", "posts", "b")
	if err := os.MkdirAll(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bundle, "index.md"), []byte("---\ntitle: B\ndate: 2024-01-01\n---\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(bundle, "pipe.bin"), filepath.Join(dir, "content", "loose.bin")} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("named pipes: ", err)
		}
	}
	_, err := Load(os.DirFS(dir), Options{})
	for _, want := range []string{"content/posts/b/pipe.bin: not a regular file (a named pipe)", "content/loose.bin: not a regular file (a named pipe)"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

// TestControlCharacterNames: a file or folder under content/ whose name
// holds a line break or a tab is an error naming it quoted, not an article
// whose messages split at its name; the folder is not read further.
func TestControlCharacterNames(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "content", "posts")
	for _, d := range []string{posts, filepath.Join(posts, "b\tc")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	art := []byte("---\ntitle: A\ndate: 2024-01-01\n---\nx\n")
	for _, p := range []string{"a\nb.md", "b\tc/index.md", "ok.md"} {
		if err := os.WriteFile(filepath.Join(posts, p), art, 0o644); err != nil {
			t.Skip("this file system refuses the name: ", err)
		}
	}
	files, err := Load(os.DirFS(dir), Options{})
	for _, want := range []string{`"content/posts/a\nb.md": the name holds a control character`, `"content/posts/b\tc": the name holds a control character`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if len(files) != 1 || files[0].Path != "content/posts/ok.md" {
		t.Errorf("loaded %v, want ok.md alone", files)
	}
}
