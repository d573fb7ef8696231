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
