package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// CheckFiles checks that the files site.yaml names are in fsys, the site
// folder: the theme's templates/base.html and each local dataset's file
// (and a data loader's inputs). Each problem names site.yaml's line and
// what to do; all are reported at once. A remote dataset's file is its
// committed copy, which need not exist yet.
func (c *Config) CheckFiles(fsys fs.FS) error {
	var errs []error
	base := path.Join("themes", c.Theme, "templates", "base.html")
	if _, err := fs.Stat(fsys, base); err != nil {
		hint := "set theme to a folder of themes/"
		if names := folders(fsys, "themes"); len(names) > 0 {
			hint += fmt.Sprintf(" (themes here: %s)", strings.Join(names, ", "))
		}
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%q: %s does not exist: %s", c.Theme, base, hint)
		} else {
			err = fmt.Errorf("%q: %s: %w", c.Theme, base, err)
		}
		errs = append(errs, c.KeyError("theme", err))
	}
	for _, name := range c.DatasetNames() {
		d := c.Datasets[name]
		key := "datasets." + name
		if d.File != "" && !d.Remote() {
			if err := regular(fsys, d.File); err != nil {
				errs = append(errs, c.KeyError(key+".file", err))
			}
		}
		for i, in := range d.Inputs {
			if err := regular(fsys, in); err != nil {
				errs = append(errs, c.KeyError(fmt.Sprintf("%s.inputs.%d", key, i), err))
			}
		}
	}
	return errors.Join(errs...)
}

// regular checks that p is a file of fsys.
func regular(fsys fs.FS, p string) error {
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s does not exist (paths are from the site folder, such as content/data/prices.csv)", p)
	case err != nil:
		return fmt.Errorf("%s: %w", p, err)
	case info.IsDir():
		return fmt.Errorf("%s is a folder, not a file", p)
	}
	return nil
}

// folders lists the folders in dir, sorted.
func folders(fsys fs.FS, dir string) []string {
	entries, _ := fs.ReadDir(fsys, dir)
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}
