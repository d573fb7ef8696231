package build

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// memoFS keeps the bytes of the files read through it until forget says
// they changed, and the listings of folders while their modification time
// says they did not.
type memoFS struct {
	fsys  fs.FS
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string]listing
}

// listing is a folder's entries as read at a modification time.
type listing struct {
	mod     time.Time
	size    int64
	entries []fs.DirEntry
}

// racyWindow is how long after a folder changed its listing is not kept:
// a file system's clock may give a change made within the same tick the
// same modification time (git's "racily clean" index entries).
const racyWindow = 2 * time.Second

// Open implements fs.FS.
func (m *memoFS) Open(name string) (fs.File, error) { return m.fsys.Open(name) }

// ReadDir implements fs.ReadDirFS. A listing is read again when the
// folder's modification time or size changed, when it was read less than
// racyWindow after the folder changed, and when the file system gives no
// modification times (fstest.MapFS). Callers may reorder the slice.
func (m *memoFS) ReadDir(name string) ([]fs.DirEntry, error) {
	info, err := fs.Stat(m.fsys, name)
	if err != nil {
		return nil, err
	}
	mod := info.ModTime()
	m.mu.Lock()
	l, ok := m.dirs[name]
	m.mu.Unlock()
	if ok && l.mod.Equal(mod) && l.size == info.Size() {
		return slices.Clone(l.entries), nil
	}
	entries, err := fs.ReadDir(m.fsys, name)
	if err != nil {
		return nil, err
	}
	if age := time.Since(mod); !mod.IsZero() && age > racyWindow {
		m.mu.Lock()
		if m.dirs == nil {
			m.dirs = map[string]listing{}
		}
		m.dirs[name] = listing{mod: mod, size: info.Size(), entries: slices.Clone(entries)}
		m.mu.Unlock()
	}
	return entries, nil
}

// Stat implements fs.StatFS.
func (m *memoFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(m.fsys, name) }

// ReadFile implements fs.ReadFileFS. Callers must not modify the bytes.
func (m *memoFS) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	b, ok := m.files[name]
	m.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := fs.ReadFile(m.fsys, name)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.files[name] = b
	m.mu.Unlock()
	return b, nil
}

// cleanPath returns the slash path p as the site's files name it: from
// the site root, without a leading or trailing slash ("" for the root).
func cleanPath(p string) string { return strings.Trim(path.Clean("/"+p), "/") }

// forget drops the files and the listings of folders at or under the
// changed paths; nil drops all. (A folder whose entries changed has a new
// modification time, which ReadDir sees without being told.)
func (m *memoFS) forget(changed []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if changed == nil {
		clear(m.files)
		clear(m.dirs)
		return
	}
	for _, c := range changed {
		c = cleanPath(c)
		if c == "" {
			clear(m.files)
			clear(m.dirs)
			return
		}
		delete(m.files, c)
		for name := range m.files {
			if strings.HasPrefix(name, c+"/") {
				delete(m.files, name)
			}
		}
		delete(m.dirs, c)
		for name := range m.dirs {
			if strings.HasPrefix(name, c+"/") {
				delete(m.dirs, name)
			}
		}
	}
}
