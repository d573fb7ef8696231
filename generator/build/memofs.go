package build

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/keep"
)

// memoFS is a Session's view of the site's files: what it reads through
// memoFS is a value of the Session's store like any other (stored.read),
// so a file read once is read from memory until forget says it changed,
// and a full build that no longer reads it lets go of it (a deleted
// article's source, say). A file's bytes are kept under
// pathKey("file", path), a folder's listing under pathKey("dir", path)
// and used while the folder's modification time and size are the same.
type memoFS struct {
	fsys  fs.FS
	store *keep.Generations[key, stored]
}

// fileRead is a file's bytes, or a folder's listing with the modification
// time and size it was read at, as memoFS read it from path.
type fileRead struct {
	path    string
	data    []byte
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
	mod, size := info.ModTime(), info.Size()
	k := pathKey("dir", name)
	if s, ok := m.store.GetIf(k, func(s stored) bool {
		r := s.read
		return r != nil && r.mod.Equal(mod) && r.size == size
	}); ok {
		return slices.Clone(s.read.entries), nil
	}
	entries, err := fs.ReadDir(m.fsys, name)
	if err != nil {
		return nil, err
	}
	if age := time.Since(mod); !mod.IsZero() && age > racyWindow {
		m.store.Keep(k, stored{read: &fileRead{path: name, mod: mod, size: size, entries: slices.Clone(entries)}})
	}
	return entries, nil
}

// Stat implements fs.StatFS.
func (m *memoFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(m.fsys, name) }

// ReadFile implements fs.ReadFileFS. Callers must not modify the bytes.
func (m *memoFS) ReadFile(name string) ([]byte, error) {
	k := pathKey("file", name)
	if s, ok := m.store.GetIf(k, func(s stored) bool { return s.read != nil }); ok {
		return s.read.data, nil
	}
	b, err := fs.ReadFile(m.fsys, name)
	if err != nil {
		return nil, err
	}
	m.store.Keep(k, stored{read: &fileRead{path: name, data: b}})
	return b, nil
}

// cleanPath returns the slash path p as the site's files name it: from
// the site root, without a leading or trailing slash ("" for the root).
func cleanPath(p string) string { return strings.Trim(path.Clean("/"+p), "/") }

// forget lets go of the files and the listings of folders at or under the
// changed paths; nil lets go of all. (A folder whose entries changed has a
// new modification time, which ReadDir sees without being told.) A path
// whose file was read is a file: only a folder, or a path never read, has
// the store searched for what lies under it.
func (m *memoFS) forget(changed []string) {
	var under []string
	for _, c := range changed {
		c = cleanPath(c)
		if c == "" {
			changed = nil
			break
		}
		m.store.Delete(pathKey("dir", c))
		if !m.store.Delete(pathKey("file", c)) {
			under = append(under, c+"/")
		}
	}
	if changed != nil && len(under) == 0 {
		return
	}
	m.store.Retain(func(_ key, s stored) bool {
		r := s.read
		return r == nil || changed != nil && !slices.ContainsFunc(under, func(u string) bool { return strings.HasPrefix(r.path, u) })
	})
}
