package figure

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/config"
)

// brokenFS fails Stat of one path with a given error.
type brokenFS struct {
	fstest.MapFS
	path string
	err  error
}

func (b brokenFS) Stat(name string) (fs.FileInfo, error) {
	if name == b.path {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: b.err}
	}
	return b.MapFS.Stat(name)
}

func TestResolveSaysWhyNotFound(t *testing.T) {
	m := fstest.MapFS{"content/posts/a/d.csv/x": {Data: []byte("x")}}
	st := NewStore(m, config.Default())
	if _, err := st.Resolve("d.csv", "content/posts/a/index.md"); err == nil || !strings.Contains(err.Error(), "content/posts/a/d.csv is a folder, not a CSV file") {
		t.Errorf("a folder: got %v", err)
	}
	st = NewStore(brokenFS{fstest.MapFS{}, "content/posts/a/p.csv", errors.New("not a regular file (a named pipe)")}, config.Default())
	if _, err := st.Resolve("p.csv", "content/posts/a/index.md"); err == nil || !strings.Contains(err.Error(), "content/posts/a/p.csv: not a regular file (a named pipe)") || strings.Contains(err.Error(), "not found") {
		t.Errorf("an unusable file: got %v", err)
	}
}
