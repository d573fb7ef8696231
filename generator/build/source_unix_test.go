//go:build unix

package build

import (
	"errors"
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

// TestSourceFSPermissionHint: a file or folder the system refuses to read
// (without read permission for the user who builds) is an error saying how
// to grant it, still an fs.ErrPermission; a link out of the site is not
// such a refusal, and other errors are as they were. As root nothing is
// refused, so the refusals are the system's errors as os.Root gives them;
// as another user the file system refuses for real.
func TestSourceFSPermissionHint(t *testing.T) {
	for _, tc := range []struct {
		err  error
		dir  bool
		want string
	}{
		{&fs.PathError{Op: "openat", Path: "content/a.md", Err: syscall.EACCES}, false, "open content/a.md: permission denied: let the user who builds read it (chmod a+r content/a.md)"},
		{&fs.PathError{Op: "openat", Path: "content/x", Err: syscall.EACCES}, true, "open content/x: permission denied: let the user who builds read it (chmod a+rx content/x)"},
		{&fs.PathError{Op: "openat", Path: "content/a.md", Err: syscall.ENOENT}, false, "open content/a.md: no such file or directory"},
		{&fs.PathError{Op: "open", Path: "content/a.md", Err: &OutsideError{Name: "content/a.md", Link: "content/a.md", Target: "/etc/passwd"}}, false, "open content/a.md: "},
	} {
		err := permissionHint(tc.err, tc.err.(*fs.PathError).Path, tc.dir)
		if !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(tc.want, "denied") && !errors.Is(err, fs.ErrPermission) {
			t.Errorf("%v: got %v, want %s", tc.err, err, tc.want)
		}
		if !strings.Contains(tc.want, "chmod") && strings.Contains(err.Error(), "chmod") {
			t.Errorf("%v: a hint where none belongs: %v", tc.err, err)
		}
	}
	if os.Geteuid() == 0 {
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := fs.ReadFile(SourceFS(dir), "a.md")
	if err == nil || !strings.Contains(err.Error(), "(chmod a+r a.md)") {
		t.Errorf("an unreadable file: %v", err)
	}
}

// TestSourceFSAbsoluteLinks: an absolute link to a file in the site, or to
// the site folder itself, is refused as absolute (the site must not depend
// on where it lies), not called a link out of the site.
func TestSourceFSAbsoluteLinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"content/b.md": filepath.Join(root, "content/a.md"), "content/site": root, "content/out": filepath.Dir(root)} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	fsys := SourceFS(dir)
	for name, want := range map[string]string{
		"content/b.md":        "an absolute link, which a build does not follow even into the site folder",
		"content/site/site.x": "an absolute link, which a build does not follow even into the site folder",
		"content/out":         "outside the site folder",
	} {
		if name == "content/site/site.x" {
			if err := os.WriteFile(filepath.Join(dir, "site.x"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, err := fs.Stat(fsys, name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
}
