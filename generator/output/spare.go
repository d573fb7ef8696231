package output

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// The spare is the folder holding the build before last, kept in the
// manifest folder between builds (when it is on the destination's file
// system): the next build takes it as its staging folder, so that making
// a whole staging folder costs the files and folders that changed rather
// than a link and a folder for every file of the site. Its files are
// mostly hard links shared with the destination, so it costs little room.
// A spare may hold anything (a killed build's half-written files): Commit
// makes it exactly the build before the swap (prune, linkKept), and files
// are written into it as new files, never over one that may be shared
// with the destination.
const sparePrefix = "spare-"

// spareFor returns where the spare of the destination dest, whose parent
// is parent, is kept: in the manifest folder dir, when it is on the same
// device as parent (a rename between them must work); else "" (also before
// the first build, which makes the manifest folder).
func spareFor(dir, dest, parent string) string {
	if dir == "" {
		return ""
	}
	di, err := os.Lstat(dir) // made by the first commit
	if err != nil {
		return ""
	}
	pi, err := os.Lstat(parent)
	if err != nil || device(di) != device(pi) || device(di) == 0 {
		return ""
	}
	return filepath.Join(dir, sparePrefix+CacheName(dest))
}

// claimSpare moves the spare, if there is one, to the staging folder s.dir
// (empty, made with a name of its own) and reports whether it did.
func (s *Stage) claimSpare() bool {
	if s.spare == "" {
		return false
	}
	if _, err := os.Lstat(s.spare); err != nil {
		return false
	}
	// os.Rename does not replace a folder: free the name first.
	if os.Remove(s.dir) != nil {
		return false
	}
	if os.Rename(s.spare, s.dir) == nil {
		return true
	}
	_ = os.Mkdir(s.dir, 0o700)
	return false
}

// giveBack keeps the folder dir (a staging folder, or the previous build)
// as the spare, or removes it when there is a spare already or none is
// kept.
func (s *Stage) giveBack(dir string) error {
	if s.spare != "" {
		if _, err := os.Lstat(s.spare); errors.Is(err, fs.ErrNotExist) && os.Rename(dir, s.spare) == nil {
			return nil
		}
	}
	return os.RemoveAll(dir)
}

// clearPath removes whatever stands at the path p of a reused staging folder,
// so that a file written there is a new one.
func clearPath(p string) error {
	err := os.Remove(p)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if fi, lerr := os.Lstat(p); lerr == nil && fi.IsDir() {
		return os.RemoveAll(p)
	}
	return err
}

// prune removes from a reused staging folder every entry that is neither
// a file nor a folder of the build (files and folders the last build did
// not write are carried again afterwards).
func (s *Stage) prune() error {
	dirs := folders(s.files)
	return walk(s.stagePath, func(name string, e fs.DirEntry) (bool, error) {
		if _, ok := s.files[name]; ok {
			return false, nil
		}
		if dirs[name] && e.IsDir() {
			return true, nil
		}
		return false, os.RemoveAll(s.stagePath(name))
	})
}

// sameFile reports whether the staging folder holds, at name, the very
// file f of the destination (the same inode).
func (s *Stage) sameFile(name string, f outFile) bool {
	if f.stat.ino == 0 {
		return false
	}
	fi, err := os.Lstat(s.stagePath(name))
	return err == nil && fi.Mode().IsRegular() && statOf(fi) == f.stat
}

// isSpare reports whether name, an entry of the manifest folder, is a
// spare, and returns the name its manifest has.
func isSpare(name string) (string, bool) {
	key, ok := strings.CutPrefix(name, sparePrefix)
	return key + manifestExt, ok && path.Base(key) == key
}
