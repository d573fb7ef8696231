package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/themes"
)

// CheckFiles checks that the theme site.yaml names is in fsys, the site
// folder, naming site.yaml's line and the themes there. A dataset's file is
// checked where a chart or figure uses it (see DatasetFileError), so a
// dataset declared for later does not fail a build.
func (c *Config) CheckFiles(fsys fs.FS) error {
	var errs []error
	base := path.Join("themes", c.Theme, "templates", "base.html")
	// The default theme is built into tearsheet: a site's themes/default/
	// holds only the files it changes, if any.
	if _, err := fs.Stat(fsys, base); err != nil && c.Theme != themes.DefaultName {
		hint := "set theme to a folder of themes/, or to default (the built-in theme)"
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
	return errors.Join(errs...)
}

// DatasetFileError checks that the file of the local dataset name is a
// file of fsys. Its error names site.yaml's line of the file: key:
// "site.yaml:12: datasets.prices.file: content/data/prices.csv does not
// exist (…)". It is a *data.ParseError, of site.yaml, as the error of a
// data file that does not load is of that file: every chart and figure
// that reads the dataset meets the same, which a build reports once.
func (c *Config) DatasetFileError(fsys fs.FS, name string) error {
	d := c.Datasets[name]
	p := d.File
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = fmt.Errorf("%s", MissingFile(fsys, p))
	case err != nil:
		err = fmt.Errorf("%s: %w", p, err)
	case info.IsDir():
		err = fmt.Errorf("%s is a folder, not a file", p)
	default:
		return nil
	}
	key := "datasets." + name + ".file"
	return &data.ParseError{Name: c.File, Line: c.Line(key), Err: fmt.Errorf("%s: %w", key, err)}
}

// MissingFile says that the data file p, named in site.yaml, is not in
// fsys, and how to name it: a file whose name differs from p's only in
// letter case (Prices.csv for prices.csv), which a Mac or Windows finds
// and Linux, where the site is published, does not, is named.
func MissingFile(fsys fs.FS, p string) string {
	msg := fmt.Sprintf("%s does not exist (paths are from the site folder, such as content/data/prices.csv)", p)
	entries, _ := fs.ReadDir(fsys, path.Dir(p))
	for _, e := range entries {
		if e.Name() != path.Base(p) && strings.EqualFold(e.Name(), path.Base(p)) {
			return msg + fmt.Sprintf(": did you mean %s? Names differ in letter case", path.Join(path.Dir(p), e.Name()))
		}
	}
	return msg
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

// WrittenFolder returns the folder of the site that p, a clean path from
// the site's root, lies in when builds write that folder rather than read
// it: public/, the default destination, or a hidden folder such as
// .cache/, where builds keep what they fetched and drew. A build never
// reads its data from there: the next build from a fresh clone, which has
// neither, would fail or show other numbers. "" for any other path.
func WrittenFolder(p string) string {
	top, _, _ := strings.Cut(p, "/")
	if top == "public" || strings.HasPrefix(top, ".") && top != "." && top != ".." {
		return top + "/"
	}
	return ""
}

// WrittenFolderError is the error of a data file at p, which key (such as
// datasets.prices.file, or a chart's data) names as written, in the
// folder WrittenFolder returns.
func WrittenFolderError(written, p string) error {
	return fmt.Errorf("%q is in %s, which builds write, not read: keep data files with the site's sources, for example in content/data/", p, written)
}
