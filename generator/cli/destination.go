package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/output"
)

// destFlags are the flags of tearsheet build that say where it writes and
// what it may remove there.
type destFlags struct {
	destination string
	clean       bool
}

func (f *destFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.destination, "destination", "", "the output folder (default SOURCE/public)")
	fs.BoolVar(&f.clean, "clean-destination", false, "make the output folder exactly the build: remove the files in it that this build does not make, also those tearsheet did not write (needed to build into a folder holding files but no earlier build)")
}

// sourceFolders are the folders of a site, from its root, that hold its
// sources: a destination is never inside one of them.
var sourceFolders = []string{"content", "themes", "layouts", "static", "data", ".git", ".cache"}

// checkDestination resolves dest (symbolic links, ".", "..") and refuses a
// destination a build must never replace: the site folder, a folder that
// holds it, one inside a folder of its sources (sourceFolders, and those of
// site.yaml's dataset files and data loader inputs), the file system's root
// and the home folder. It returns the resolved destination.
func checkDestination(source, dest string) (string, error) {
	resolved, err := output.Resolve(dest)
	if err != nil {
		return "", fmt.Errorf("--destination %s: %w", dest, err)
	}
	site, err := output.Resolve(source)
	if err != nil {
		return "", fmt.Errorf("--source %s: %w", source, err)
	}
	refuse := func(why string) error {
		return &refusedError{fmt.Errorf("--destination %s: %s; a build replaces its destination, so it would delete them. Nothing was changed: choose a folder of its own, such as %s (the default)", dest, why, filepath.Join(source, "public"))}
	}
	// Compare folders with os.SameFile rather than by name, so that a
	// second name for a folder (a bind mount, a case-insensitive file
	// system) is seen for what it is.
	for d := site; ; d = filepath.Dir(d) {
		if same(d, resolved) {
			if d == site {
				return "", refuse("it is the site folder, which holds the site's sources")
			}
			return "", refuse(fmt.Sprintf("it holds the site folder %s and its sources", site))
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if home, err := os.UserHomeDir(); err == nil && same(home, resolved) {
		return "", refuse("it is your home folder, which holds your files")
	}
	if filepath.Dir(resolved) == resolved {
		return "", refuse("it is the root of the file system")
	}
	for _, name := range protectedFolders(site) {
		p, err := output.Resolve(filepath.Join(site, name))
		if err != nil {
			continue
		}
		inside := filepath.IsLocal(relative(p, resolved)) || resolved == p
		for d := resolved; !inside; d = filepath.Dir(d) {
			inside = same(d, p)
			if filepath.Dir(d) == d {
				break
			}
		}
		if inside {
			return "", refuse(fmt.Sprintf("it is inside %s, which holds the site's sources", filepath.Join(source, name)))
		}
	}
	return resolved, nil
}

// protectedFolders returns the folders of the site in site that hold
// sources, from the site root: sourceFolders, and the folders of the
// dataset files and data loader inputs that site.yaml names, when it
// loads (with unknown keys, say): else none (the build reports it).
func protectedFolders(site string) []string {
	out := slices.Clone(sourceFolders)
	src, err := readSiteFile(site, build.ConfigFile, 1<<20)
	if err != nil {
		return out // a named pipe, say: the build reports it
	}
	cfg, _ := config.Load(bytes.NewReader(src), build.ConfigFile)
	if cfg == nil {
		return out
	}
	for _, name := range cfg.DatasetNames() {
		d := cfg.Datasets[name]
		for _, file := range append([]string{d.File}, d.Inputs...) {
			if dir := filepath.Dir(filepath.FromSlash(file)); file != "" && dir != "." && filepath.IsLocal(dir) {
				out = append(out, dir)
			}
		}
	}
	return out
}

// relative is the path p from the folder base, "" when there is none.
func relative(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil {
		return ""
	}
	return r
}

// same reports whether the paths a and b name the same existing folder.
func same(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// refusedError is a destination checkDestination refuses; its message
// says what to do.
type refusedError struct{ error }

func (e *refusedError) Unwrap() error { return e.error }

// refusalHint returns what to do about a destination the build refused,
// and whether it did: "" for a refusal whose message says it already.
func refusalHint(err error, source, dest string) (string, bool) {
	if fe := (*output.ForeignError)(nil); errors.As(err, &fe) {
		return fmt.Sprintf("Nothing was changed. tearsheet keeps the record of each build in %s. If %s is an earlier build of this site whose record was deleted, or its files may all go, build again with --clean-destination: it will then hold exactly this build. Otherwise choose an empty or new --destination (files to publish with the site belong in static/).", manifestDir(source), dest), true
	}
	return "", errors.As(err, new(*refusedError))
}
