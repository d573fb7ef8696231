//go:build unix

package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestSourceFSRefusesNamedPipes(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skip(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := SourceFS(dir)
	_, err := fs.ReadFile(fsys, "pipe.md") // would block forever on os.DirFS
	if err == nil || !strings.Contains(err.Error(), "pipe.md: not a regular file (a named pipe)") {
		t.Errorf("got %v", err)
	}
	if b, err := fs.ReadFile(fsys, "ok.md"); err != nil || string(b) != "x" {
		t.Errorf("a regular file: %q, %v", b, err)
	}
	if _, err := fs.ReadDir(fsys, "."); err != nil {
		t.Errorf("reading the folder: %v", err)
	}
}
