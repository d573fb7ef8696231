package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// SourceFS returns the site folder dir as a file system that reads nothing
// from outside dir and opens only regular files and folders.
//
// Symbolic links are followed while they stay inside dir: a link to a file
// or folder of the site is that file or folder. A link whose target lies
// outside dir (an absolute link, or one climbing out with ".."), however
// many links lead to it, is an error naming the link and its target, so
// that no file of the build machine (/etc/passwd, /proc/self/environ, a
// CI secret) can reach the output through a link committed to the site.
// Links are resolved by os.Root, one path element at a time, so a link
// changed while the build runs cannot lead out either. An absolute link
// to a file inside dir is refused too: make it relative.
//
// Anything that is not a regular file or folder (a named pipe, a socket,
// a device) is an error naming the path: opening a named pipe would block
// the build forever.
func SourceFS(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return sourceFS{dir: dir, err: err}
	}
	return sourceFS{dir: dir, fsys: root.FS().(statFS)}
}

type statFS interface {
	fs.FS
	fs.StatFS
}

// sourceFS is SourceFS's file system. err, when set, is why dir could not
// be opened, returned for every name.
type sourceFS struct {
	dir  string
	fsys statFS
	err  error
}

func (s sourceFS) Open(name string) (fs.File, error) {
	info, err := s.Stat(name)
	if err != nil {
		return nil, err
	}
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, permissionHint(err, name, info.IsDir())
	}
	return f, nil
}

// permissionHint adds to an error of reading name that is a refusal of
// the system (a file or folder without read permission for the user who
// builds) how to grant it; any other error is returned as it is. Like
// Stat, it names the system call as os.DirFS does.
func permissionHint(err error, name string, dir bool) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	pe.Op = strings.TrimSuffix(pe.Op, "at")
	if errors.Is(pe.Err, fs.ErrPermission) && !errors.As(pe.Err, new(*OutsideError)) {
		mode := "a+r"
		if dir {
			mode = "a+rx"
		}
		pe.Err = fmt.Errorf("%w: let the user who builds read it (chmod %s %s)", pe.Err, mode, name)
	}
	return err
}

// Stat implements fs.StatFS; it fails for what Open refuses.
func (s sourceFS) Stat(name string) (fs.FileInfo, error) {
	if s.err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: s.err}
	}
	info, err := s.fsys.Stat(name)
	if err != nil {
		// os.Root names its system calls (statat, openat); say stat, as
		// os.DirFS does. A folder on the way that cannot be searched is
		// the refusal of the system that permissionHint explains.
		err = s.explain(name, err)
		if errors.As(err, new(*OutsideError)) {
			return nil, err
		}
		return nil, permissionHint(err, path.Dir(name), true)
	}
	if m := info.Mode(); !m.IsRegular() && !m.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file (" + kindOf(m) + "): tearsheet reads files and folders only; remove it, or put a file in its place")}
	}
	return info, nil
}

// explain turns os.Root's refusal of a link that leads out of the site
// into an error naming the link and its target. Any other error is
// returned as it is.
func (s sourceFS) explain(name string, err error) error {
	if !fs.ValidPath(name) {
		return err
	}
	full := filepath.Join(s.dir, filepath.FromSlash(name))
	if _, oerr := os.Stat(full); oerr != nil {
		return err // missing, a loop, unreadable: not a refusal
	}
	// The file exists, yet the root refused it: some element of the path
	// is a link leading out of the site. Name the first.
	parts := strings.Split(name, "/")
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		at := filepath.Join(s.dir, filepath.FromSlash(p))
		target, lerr := os.Readlink(at)
		if lerr != nil {
			continue // not a link
		}
		if _, serr := s.fsys.Stat(p); serr == nil {
			continue // a link that stays inside
		}
		e := &OutsideError{Name: name, Link: p, Target: target}
		if real, rerr := filepath.EvalSymlinks(at); rerr == nil {
			if real != target {
				e.Resolved = real
			}
			if root, rerr := filepath.EvalSymlinks(s.dir); rerr == nil && filepath.IsAbs(target) && (real == root || strings.HasPrefix(real, root+string(filepath.Separator))) {
				e.Absolute = true
			}
		}
		return e
	}
	return &OutsideError{Name: name, Link: name}
}

// OutsideError is a file of the site reached through a symbolic link that
// leads outside the site folder, which a build never follows. It is an
// fs.ErrPermission. Its message does not name the file: callers do.
type OutsideError struct {
	Name     string // the file asked for, a slash path from the site root
	Link     string // the link on its path that leads out (Name itself, or a folder above it)
	Target   string // what the link points to, as written in it
	Resolved string // where the chain of links ends, when not at Target
	// Absolute is set for an absolute link to a file inside the site,
	// which is refused all the same: the site must not depend on where
	// it lies on one machine.
	Absolute bool
}

func (e *OutsideError) Error() string {
	what := "a symbolic link"
	if e.Link != e.Name {
		what = "reached through the symbolic link " + e.Link + ","
	}
	to := ""
	if e.Target != "" {
		to = " to " + e.Target
	}
	if e.Resolved != "" {
		to += " (which resolves to " + e.Resolved + ")"
	}
	if e.Absolute {
		return what + to + ": an absolute link, which a build does not follow even into the site folder: make it a relative link"
	}
	return what + to + ", outside the site folder, which a build never reads: copy the file into the site, or point the link inside it with a relative path"
}

// Is makes an OutsideError an fs.ErrPermission.
func (e *OutsideError) Is(target error) bool { return target == fs.ErrPermission }

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
