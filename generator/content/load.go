package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tearsheet/tearsheet/generator/internal/fslink"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/internal/scratch"
)

// Options controls which files Load reads.
type Options struct {
	Location *time.Location // time zone for dates without an offset; UTC when nil
	// Parse, when not nil, parses each markdown file in place of
	// ParseWith: the preview server's takes a file whose bytes and schema
	// are those of one parsed before from memory (see Schema.Key), and
	// may return the same File again. Load does not change the File it
	// returns: it gives the index file of a bundle its Assets on a copy.
	// Like ParseWith, it returns the File with an error when only its
	// front matter's values are wrong (see Broken).
	Parse func(path string, src []byte, sc Schema) (*File, error)
	// Broken, when not nil, is told of each file Load leaves out because
	// of an error in its front matter's values (a date that is no date,
	// say) while its body was read (Body, BodyLine): the caller may check
	// the body too, so that one build reports every error of the file.
	// It is called from Load's goroutine, in path order.
	Broken func(f *File)
	// Static, when not nil, is given the files under content/ that are
	// neither markdown nor in a bundle's folder (a folder with an index
	// file, whether its article is published or not), in the order
	// fs.WalkDir visits them: they are copied to the output as they are.
	// It is called once the folders are read.
	Static func(paths []string)
	// Workers reads and parses files in parallel; GOMAXPROCS when 0.
	Workers int
	// Taxonomies are the taxonomies of site.yaml beyond tags and authors,
	// whose keys front matter may hold, and any closed lists of terms.
	Taxonomies []Taxonomy
	// Warn, when not nil, is told of content Load does not read though
	// another generator would (Hugo's and Zola's _index.md, Jekyll's
	// _posts/, a markdown file beside a bundle's index), each message
	// starting with the path and saying what to do instead; it is called
	// from Load's goroutine, in path order for each kind.
	Warn func(msg string)
}

// Load walks content/ in fsys and returns every markdown file, sorted by
// path, with all problems found joined into one error. Folders and files
// whose names start with "." or "_" are skipped, and so is content/data/.
// It is Scan, each source parsed, then Tree.Files.
func Load(fsys fs.FS, opts Options) ([]*File, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	parse := opts.Parse
	if parse == nil {
		parse = ParseWith
	}
	t, err := Scan(fsys, opts.Taxonomies)
	if t != nil && opts.Warn != nil {
		for _, w := range t.Warnings {
			opts.Warn(w)
		}
	}
	if err != nil {
		return nil, err
	}
	if opts.Static != nil {
		opts.Static(t.Static)
	}
	// Reading and parsing front matter is most of Load's time on a large
	// site; files are independent, so it runs on every CPU.
	parsed := make([]*File, len(t.Sources))
	perr := make([]error, len(t.Sources))
	sc := Schema{Location: opts.Location, Taxonomies: opts.Taxonomies}
	par.Each(len(t.Sources), opts.Workers, func(i int) {
		p := t.Sources[i]
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			perr[i] = fmt.Errorf("%s: %w", p, err)
			return
		}
		parsed[i], perr[i] = parse(p, src, sc)
	})
	return t.Files(parsed, perr, opts.Broken)
}

// Tree is content/ as Scan listed it, before any file is read.
type Tree struct {
	// Sources are the markdown files to parse, sorted by path.
	Sources []string
	// Static are the files that are neither markdown nor in a bundle's
	// folder, in the order fs.WalkDir visits them (Options.Static).
	Static []string
	// Assets are the other files of each bundle, by its folder, sorted.
	Assets map[string][]string
	// Errs are the problems of names, links and folders found.
	Errs []error
	// Warnings are of content Load does not read though another
	// generator would (Options.Warn), in path order for each kind.
	Warnings []string
}

// Scan lists content/ in fsys: the files Load parses, the static files
// and the bundles' assets, with the problems of names and links found;
// the error is content/'s own (missing, say), when there is no Tree to
// use. taxonomies are site.yaml's (Options.Taxonomies), which the
// warnings of folders named as another generator's name.
func Scan(fsys fs.FS, taxonomies []Taxonomy) (*Tree, error) {
	t := &Tree{Assets: map[string][]string{}}
	var mdPaths []string
	var other []string
	folder := map[string]bool{} // of other, the links that are no file
	skipped := func(p string, dir bool) {
		if msg := peerSkipped(p, dir, taxonomies); msg != "" {
			t.Warnings = append(t.Warnings, msg)
		}
	}
	badName := func(p string) {
		// Quoted: a line break in the name would split the message.
		t.Errs = append(t.Errs, fmt.Errorf("%s: the name holds a control character such as a line break or a tab, which messages, logs and tools that read a name a line cannot show: rename it", strconv.Quote(p)))
	}
	unread := func(err error) { t.Errs = append(t.Errs, err) }
	err := walk(fsys, skipped, badName, unread, func(p string, d fs.DirEntry) {
		if d.Type()&fs.ModeSymlink != 0 {
			// fs.WalkDir does not follow links (see fslink).
			if err := fslink.Check(fsys, p, Dir); err != nil {
				// Not read, and not watched by the preview: an article
				// in a linked folder would be left out without a word.
				t.Errs = append(t.Errs, err)
				return
			}
		}
		if IsMarkdown(p) {
			mdPaths = append(mdPaths, p)
		} else {
			other = append(other, p)
			if !d.Type().IsRegular() {
				// A link to a file is copied as the file (links that
				// cannot be followed are reported above); a link to a
				// folder is not. A named pipe, a socket or a device is
				// reported now, with the other problems, not when the
				// build copies it.
				info, err := fs.Stat(fsys, p)
				switch {
				case err != nil && d.Type()&fs.ModeSymlink == 0, err == nil && !info.Mode().IsRegular() && !info.IsDir():
					t.Errs = append(t.Errs, special(p, info, err))
					return
				}
				folder[p] = err != nil || !info.Mode().IsRegular()
			}
		}
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return t, fmt.Errorf("%s/: no content folder (create %s/posts/ and put articles in it): %w", Dir, Dir, err)
		}
		return t, fmt.Errorf("reading %s/: %w", Dir, err)
	}
	bundles := map[string]string{} // folder: its index file
	for _, p := range mdPaths {
		if !IsIndex(p) {
			continue
		}
		if prev, ok := bundles[path.Dir(p)]; ok {
			t.Errs = append(t.Errs, fmt.Errorf("%s: a second index file in %s/, beside %s: keep one of them", p, path.Dir(p), path.Base(prev)))
			continue
		}
		bundles[path.Dir(p)] = p
	}
	for _, p := range mdPaths {
		if b := bundleOf(p, bundles); b != "" && bundles[path.Dir(p)] != p {
			// A markdown file inside a bundle is neither a page nor
			// published: its source would show its front matter and
			// text, drafts and all. Hugo reads it as a resource.
			t.Warnings = append(t.Warnings, fmt.Sprintf("%s: a markdown file inside the bundle %s/, which is neither a page nor published: move it out of the folder to make it a page of its own, or rename it (.txt) to publish it as it is", p, b))
			continue
		}
		t.Sources = append(t.Sources, p)
	}
	sort.Strings(t.Sources)
	for _, p := range other {
		if b := bundleOf(p, bundles); b != "" {
			t.Assets[b] = append(t.Assets[b], p)
		} else if !folder[p] {
			t.Static = append(t.Static, p)
		}
	}
	for _, a := range t.Assets {
		sort.Strings(a)
	}
	return t, nil
}

// Files returns the files parsed from t's Sources (parsed, with the error
// of each, index-aligned), those of bundles with their assets (on a copy:
// a File parsed is not changed), sorted by path, with every problem of t
// and of parsing joined. broken, when not nil, is told of each file left
// out for an error in its front matter's values (Options.Broken).
func (t *Tree) Files(parsed []*File, perr []error, broken func(*File)) ([]*File, error) {
	var files []*File
	errs := slices.Clone(t.Errs)
	for i := range t.Sources {
		if perr[i] != nil {
			errs = append(errs, perr[i])
			if parsed[i] != nil && broken != nil {
				broken(parsed[i])
			}
			continue
		}
		f := parsed[i]
		if f.Bundle != "" {
			g := *f
			g.Assets = t.Assets[f.Bundle]
			f = &g
		}
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, errors.Join(errs...)
}

// walk calls file for every file under content/, skipping names that start
// with "." or "_", editors' backup and temporary files (scratch.File),
// and content/data/. warn, when not nil, is told of
// each file and folder skipped for its name's leading "." or "_"; badName
// of each file and folder skipped for a control character in its name;
// unread of each folder under content/ that cannot be read, which is
// skipped so that the walk, and the build's report, goes on. Only an
// error of content/ itself ends the walk.
func walk(fsys fs.FS, warn func(p string, dir bool), badName func(p string), unread func(err error), file func(p string, d fs.DirEntry)) error {
	return fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir {
				return err
			}
			unread(fmt.Errorf("%s: %w", p, err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if strings.ContainsFunc(name, unicode.IsControl) {
			badName(p)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		hidden := p != Dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"))
		if hidden && warn != nil {
			warn(p, d.IsDir())
		}
		switch {
		case d.IsDir() && (hidden || p == DataDir):
			return fs.SkipDir
		case d.IsDir() || hidden || scratch.File(name):
			return nil
		}
		file(p, d)
		return nil
	})
}

// bundleOf returns the bundle (its folder) the file at p is in; "" for
// none.
func bundleOf(p string, bundles map[string]string) string {
	if len(bundles) == 0 {
		return ""
	}
	for d := path.Dir(p); d != Dir && d != "." && d != "/"; d = path.Dir(d) {
		if bundles[d] != "" {
			return d
		}
	}
	return ""
}

// special is the error of the file p that is neither a regular file nor
// a folder (a named pipe): err, Stat's refusal of it, when not nil.
func special(p string, info fs.FileInfo, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	kind := "not a file"
	switch m := info.Mode(); {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("%s: not a regular file (%s): tearsheet reads files and folders only; remove it, or put a file in its place", p, kind)
}
