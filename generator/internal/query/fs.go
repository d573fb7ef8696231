package query

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"time"
)

// FS returns the store's files as a file system whose every read is
// recorded as a read of c's query: code written against fs.FS (a loader
// of content or of a theme) runs in a query as it is. A file's or folder's
// information comes from its folder's listing, and a file's size from its
// bytes; modification times are zero, as a query's result may not depend
// on them.
func (c *Ctx) FS() fs.FS { return ctxFS{c: c} }

// SharedFS is FS but for ReadFile, which returns the bytes the store
// keeps, not a copy: the caller must not change them. It is for a build's
// driver that reads many files and keeps what it read (a preview's
// output shares a static file's bytes).
func (c *Ctx) SharedFS() fs.FS { return ctxFS{c: c, shared: true} }

type ctxFS struct {
	c      *Ctx
	shared bool
}

// entry returns what the listing of name's folder says of it: a folder's
// root is a folder.
func (f ctxFS) entry(op, name string) (Entry, error) {
	if !fs.ValidPath(name) {
		return Entry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return Entry{Name: ".", Dir: true}, nil
	}
	list, err := f.c.List(path.Dir(name))
	if err != nil {
		return Entry{}, f.missing(op, name)
	}
	base := path.Base(name)
	at, ok := slices.BinarySearchFunc(list, base, func(e Entry, n string) int {
		switch {
		case e.Name < n:
			return -1
		case e.Name > n:
			return 1
		}
		return 0
	})
	if !ok {
		return Entry{}, f.missing(op, name)
	}
	return list[at], nil
}

// missing is the error of op for name, which the listings say is not
// there: the source's own, so that a build through the store fails with
// the words a build without one gives (its miss is recorded already, as
// a read of the listing that does not name it).
func (f ctxFS) missing(op, name string) error {
	src := f.c.s.src
	var err error
	switch op {
	case "open":
		var file fs.File
		if file, err = src.Open(name); err == nil {
			file.Close()
		}
	case "read":
		_, err = fs.ReadFile(src, name)
	case "readdir":
		_, err = fs.ReadDir(src, name)
	default:
		_, err = fs.Stat(src, name)
	}
	if err == nil {
		// Made since it was listed: not there for this build.
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return err
}

// follow returns e as what it names: a link's or a special file's entry
// is that of what fs.Stat says it is (recorded, Ctx.Mode); such a file
// that is not a regular one is an error for op, as reading it could wait
// forever (a named pipe).
func (f ctxFS) follow(op, name string, e Entry) (Entry, fs.FileMode, error) {
	if e.Dir || e.Type == 0 {
		return e, e.Type, nil
	}
	mode, err := f.c.Mode(name)
	if err != nil {
		return e, 0, err
	}
	switch {
	case mode.IsDir():
		e.Dir = true
	case !mode.IsRegular() && op != "stat":
		return e, mode, &fs.PathError{Op: op, Path: name, Err: errors.New("not a regular file")}
	}
	return e, mode, nil
}

// Open implements fs.FS.
func (f ctxFS) Open(name string) (fs.File, error) {
	e, err := f.entry("open", name)
	if err == nil {
		e, _, err = f.follow("open", name, e)
	}
	if err != nil {
		return nil, err
	}
	if e.Dir {
		list, err := f.c.List(name)
		if err != nil {
			return nil, err
		}
		return &openDir{info: info{name: path.Base(name), dir: true}, list: list, at: name, fsys: f}, nil
	}
	b, err := f.c.Read(name)
	if err != nil {
		return nil, err
	}
	return &openFile{info: info{name: e.Name, size: int64(len(b))}, r: bytes.NewReader(b)}, nil
}

// ReadFile implements fs.ReadFileFS: the caller may change the bytes, so
// they are a copy of those the store keeps.
func (f ctxFS) ReadFile(name string) ([]byte, error) {
	e, err := f.entry("read", name)
	if err == nil {
		_, _, err = f.follow("read", name, e)
	}
	if err != nil {
		return nil, err
	}
	b, err := f.c.Read(name)
	if f.shared {
		return b, err
	}
	return bytes.Clone(b), err
}

// ReadDir implements fs.ReadDirFS.
func (f ctxFS) ReadDir(name string) ([]fs.DirEntry, error) {
	e, err := f.entry("readdir", name)
	if err == nil {
		e, _, err = f.follow("readdir", name, e)
	}
	if err != nil {
		return nil, err
	}
	if !e.Dir {
		if _, err := fs.ReadDir(f.c.s.src, name); err != nil {
			return nil, err // the source's words
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	list, err := f.c.List(name)
	if err != nil {
		return nil, err
	}
	return dirEntries(f, name, list), nil
}

// Stat implements fs.StatFS.
func (f ctxFS) Stat(name string) (fs.FileInfo, error) {
	e, err := f.entry("stat", name)
	if err != nil {
		return nil, err
	}
	return f.info(name, e)
}

// info is what Stat says of name, whose listing's entry is e.
func (f ctxFS) info(name string, e Entry) (fs.FileInfo, error) {
	e, mode, err := f.follow("stat", name, e)
	switch {
	case err != nil:
		return nil, err
	case e.Dir:
		return info{name: path.Base(name), dir: true}, nil
	case !mode.IsRegular():
		return info{name: e.Name, mode: mode}, nil
	}
	b, err := f.c.Read(name)
	if err != nil {
		return nil, err
	}
	return info{name: e.Name, size: int64(len(b))}, nil
}

func dirEntries(f ctxFS, dir string, list []Entry) []fs.DirEntry {
	des := make([]fs.DirEntry, len(list))
	for i, e := range list {
		des[i] = dirEntry{f: f, at: path.Join(dir, e.Name), e: e}
	}
	return des
}

// info is a file's or folder's fs.FileInfo; mode is a special file's.
type info struct {
	name string
	size int64
	dir  bool
	mode fs.FileMode
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return i.size }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return i.mode.Type() | 0o444
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }

type dirEntry struct {
	f  ctxFS
	at string
	e  Entry
}

func (d dirEntry) Name() string { return d.e.Name }
func (d dirEntry) IsDir() bool  { return d.e.Dir }
func (d dirEntry) Type() fs.FileMode {
	if d.e.Dir {
		return fs.ModeDir
	}
	return d.e.Type
}
func (d dirEntry) Info() (fs.FileInfo, error) { return d.f.info(d.at, d.e) }

type openFile struct {
	info
	r *bytes.Reader
}

func (o *openFile) Stat() (fs.FileInfo, error) { return o.info, nil }
func (o *openFile) Read(b []byte) (int, error) { return o.r.Read(b) }
func (o *openFile) Close() error               { return nil }

// Seek and ReadAt let http.ServeContent and others read the file.
func (o *openFile) Seek(off int64, whence int) (int64, error) { return o.r.Seek(off, whence) }
func (o *openFile) ReadAt(b []byte, off int64) (int, error)   { return o.r.ReadAt(b, off) }

type openDir struct {
	info
	list []Entry
	at   string
	fsys ctxFS
	read int
}

func (o *openDir) Stat() (fs.FileInfo, error) { return o.info, nil }
func (o *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: o.at, Err: errors.New("is a folder")}
}
func (o *openDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (o *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := o.list[o.read:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	o.read += len(rest)
	return dirEntries(o.fsys, o.at, rest), nil
}
