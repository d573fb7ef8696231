package build

import (
	"errors"
	"io/fs"
	"os"
)

// SourceFS returns the site folder dir as a file system that opens only
// regular files and folders. Anything else (a named pipe, a socket, a
// device) is an error naming the path: opening a named pipe would block the
// build forever. Symbolic links are followed.
func SourceFS(dir string) fs.FS {
	return sourceFS{os.DirFS(dir).(statFS)}
}

type statFS interface {
	fs.FS
	fs.StatFS
}

type sourceFS struct{ fsys statFS }

func (s sourceFS) Open(name string) (fs.File, error) {
	if _, err := s.Stat(name); err != nil {
		return nil, err
	}
	return s.fsys.Open(name)
}

// Stat implements fs.StatFS; it fails for what Open refuses.
func (s sourceFS) Stat(name string) (fs.FileInfo, error) {
	info, err := s.fsys.Stat(name)
	if err != nil {
		return nil, err
	}
	if m := info.Mode(); !m.IsRegular() && !m.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file (" + kindOf(m) + ")")}
	}
	return info, nil
}

func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "not a file"
}
