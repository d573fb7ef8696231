package corpus

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"testing/fstest"
)

// CopyDir copies the folder src into dst, for putting a theme beside a site.
func CopyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// AddDir adds the files under the folder root to m, at prefix ("." for the
// top), for tests that build from memory.
func AddDir(m fstest.MapFS, root, prefix string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		m[path.Join(prefix, filepath.ToSlash(rel))] = &fstest.MapFile{Data: b, Mode: 0o644}
		return nil
	})
}
