package figure

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/internal/suggest"
)

// Source is a resolved data reference: a CSV file and how to read it.
type Source struct {
	Name         string // what the author wrote: a dataset name or a path
	Path         string // the CSV's path in the site file system
	Opts         data.LoadOptions
	Credit       string // dataset credit line, if any
	Illustrative bool
	// Dataset is the dataset of site.yaml the data is: its name, or the
	// first whose file the path names; "" for another file.
	Dataset string
}

// key identifies a table: the same file read with other options is another table.
func (s Source) key() string { return s.Path + "\x00" + s.readKey() }

// readKey is how the file is read (the dataset's options of site.yaml:
// date column and format, missing values, lines skipped, delimiter,
// decimal mark, columns kept), without the file's path.
func (s Source) readKey() string {
	k := s.Opts.DateColumn + "\x00" + s.Opts.DateFormat + "\x00" + strings.Join(s.Opts.Missing, "\x01") + fmt.Sprintf("\x00%d", s.Opts.SkipLines) +
		"\x00" + s.Opts.Delimiter + "\x00" + s.Opts.Decimal
	names := make([]string, 0, len(s.Opts.Columns))
	for n := range s.Opts.Columns {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		k += "\x00" + n + "\x01" + s.Opts.Columns[n]
	}
	return k
}

// Provided is a live dataset's data as the fetch stage brought it: Path
// names where it was read (.cache/data/NAME.csv, or the committed file).
// Failed says the fetch stage could not bring it, nor read a copy: a chart
// of it meets ErrNotFetched, which the build leaves out of its errors, as
// the fetch stage's error says what went wrong.
type Provided struct {
	Path   string
	Data   []byte
	Failed bool
}

// ErrNotFetched is the error a chart or figure of a live dataset meets
// when the fetch stage could not bring the dataset (Provided.Failed).
var ErrNotFetched = errors.New("the fetch stage could not bring it, and it has no cached or committed copy")

// CacheDir is where the fetch stage keeps live datasets, from the site root.
const CacheDir = ".cache/data"

// Store loads the CSV files of one build, each once, for all workers.
type Store struct {
	fsys fs.FS
	cfg  *config.Config

	provided map[string]Provided // live datasets by name

	mu     sync.Mutex
	files  map[string]*fileEntry
	tables map[string]*tableEntry
	// datasets are the datasets of site.yaml resolved, by name: every
	// page that names one resolves it the same way.
	datasets map[string]*resolved
}

type resolved struct {
	once sync.Once
	src  Source
	err  error
}

type fileEntry struct {
	once sync.Once
	data []byte
	hash string
	err  error
}

type tableEntry struct {
	once  sync.Once
	table *data.Table
	err   error
}

// NewStore returns a Store reading from fsys.
func NewStore(fsys fs.FS, cfg *config.Config) *Store {
	return &Store{fsys: fsys, cfg: cfg, files: map[string]*fileEntry{}, tables: map[string]*tableEntry{}, datasets: map[string]*resolved{}}
}

// Provide hands the Store the data of live datasets (url, fred, command)
// that the fetch stage brought in; call it before any other method.
func (st *Store) Provide(data map[string]Provided) {
	st.provided = data
	for _, p := range data {
		e := &fileEntry{data: p.Data}
		e.once.Do(func() {
			sum := sha256.Sum256(p.Data)
			e.hash = hex.EncodeToString(sum[:])
		})
		st.files[p.Path] = e
	}
}

// Resolve finds what name means for the markdown file at file: a dataset
// named in site.yaml, else a CSV path relative to the file's folder, else
// one relative to content/data, else one from the site's root (the form
// site.yaml's file: takes, content/data/prices.csv). A name without an extension also matches
// NAME.csv, so inline figures can say {{ prices.sp500 }}. A live dataset
// reads what the fetch stage provided, else its cached copy in
// .cache/data, else its committed file.
func (st *Store) Resolve(name, file string) (Source, error) {
	if _, ok := st.cfg.Datasets[name]; ok {
		r := slot(&st.mu, st.datasets, name)
		r.once.Do(func() { r.src, r.err = st.dataset(name) })
		return r.src, r.err
	}
	if name == "" {
		return Source{}, errors.New("no data: name a CSV file (prices.csv) or a dataset of site.yaml")
	}
	if strings.Contains(name, `\`) || path.IsAbs(name) {
		return Source{}, fmt.Errorf("data %q: write a relative path with / such as ../data/prices.csv", name)
	}
	dir := path.Dir(file)
	var tried []string
	for _, base := range []string{dir, content.DataDir, "."} {
		for _, cand := range []string{name, name + ".csv"} {
			if cand == name+".csv" && path.Ext(name) != "" {
				continue
			}
			p := path.Join(base, cand)
			if p == ".." || strings.HasPrefix(p, "../") {
				if base == dir {
					return Source{}, fmt.Errorf("data %q leaves the site folder: keep data files inside the site, for example in %s/", name, content.DataDir)
				}
				continue // from the file's folder it is inside: not there
			}
			if w := config.WrittenFolder(p); w != "" {
				// What a build wrote or cached is not a source: a fresh
				// clone has none of it.
				if _, err := fs.Stat(st.fsys, p); err == nil {
					return Source{}, fmt.Errorf("data %w", config.WrittenFolderError(w, name))
				}
				continue
			}
			tried = append(tried, p)
			info, err := fs.Stat(st.fsys, p)
			switch {
			case err == nil && info.IsDir():
				if cand == name {
					return Source{}, fmt.Errorf("data %q: %s is a folder, not a CSV file", name, p)
				}
			case err == nil:
				return st.fileSource(name, p), nil
			case !errors.Is(err, fs.ErrNotExist):
				// Present but unusable (unreadable, a named pipe, a link loop):
				// say so rather than "not found".
				return Source{}, fmt.Errorf("data %q: %w", name, err)
			}
		}
	}
	msg := fmt.Sprintf("data %q not found (looked for %s)", name, strings.Join(dedupe(tried), ", "))
	if names := st.cfg.DatasetNames(); len(names) > 0 {
		if near := suggest.Closest(name, names); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		msg += "; datasets in site.yaml: " + strings.Join(names, ", ")
	}
	return Source{}, errors.New(msg)
}

// dataset resolves the dataset name of site.yaml (see Resolve).
func (st *Store) dataset(name string) (Source, error) {
	d := st.cfg.Datasets[name]
	src := Source{
		Name: name, Path: d.File, Credit: d.Source, Illustrative: d.Illustrative,
		Opts: d.LoadOptions(), Dataset: name,
	}
	if d.Remote() {
		cached := CacheDir + "/" + name + ".csv"
		if p, ok := st.provided[name]; ok && p.Failed {
			return Source{}, fmt.Errorf("dataset %q: %w", name, ErrNotFetched)
		} else if ok {
			src.Path = p.Path
		} else if info, err := fs.Stat(st.fsys, cached); err == nil && !info.IsDir() {
			src.Path = cached
		} else if d.File == "" {
			return Source{}, fmt.Errorf("dataset %q has not been fetched yet (no %s): run tearsheet build without --offline", name, cached)
		}
	} else if err := st.cfg.DatasetFileError(st.fsys, name); err != nil {
		return Source{}, err
	}
	return src, nil
}

// fileSource is the source of the CSV file p, which name found by its
// path. When p is the file of datasets of site.yaml, the data is theirs
// however it is named: it carries their credit line and, when one says
// so, the illustrative label, so synthetic data read by its path is
// labelled as it is by its name. It is read as the first of them reads it
// (missing values, date column and format, columns kept…): read with the
// defaults, a placeholder such as Shiller's "0.0" would be a number in the
// figures, the lowest CAPE 0 rather than 4.78.
func (st *Store) fileSource(name, p string) Source {
	src := Source{Name: name, Path: p}
	for _, n := range st.cfg.DatasetNames() {
		d := st.cfg.Datasets[n]
		if path.Clean(d.File) != p {
			continue
		}
		if src.Credit == "" {
			src.Credit = d.Source
		}
		if src.Dataset == "" {
			src.Dataset, src.Opts = n, d.LoadOptions()
		}
		src.Illustrative = src.Illustrative || d.Illustrative
	}
	return src
}

func dedupe(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// File returns the bytes of a data file and their SHA-256, read once.
func (st *Store) File(p string) ([]byte, string, error) {
	e := slot(&st.mu, st.files, p)
	e.once.Do(func() {
		e.data, e.err = data.ReadFile(st.fsys, p, st.cfg.Fetch.MaxBytes)
		var pe *data.ParseError
		if errors.As(e.err, &pe) {
			return
		}
		if e.err != nil {
			// The file's error, as one that does not parse: every chart
			// and figure that reads it meets the same, which a build
			// reports once.
			e.err = &data.ParseError{Name: p, Err: e.err}
			return
		}
		sum := sha256.Sum256(e.data)
		e.hash = hex.EncodeToString(sum[:])
	})
	return e.data, e.hash, e.err
}

// Table loads a source's CSV once per build.
func (st *Store) Table(src Source) (*data.Table, error) {
	e := slot(&st.mu, st.tables, src.key())
	e.once.Do(func() {
		b, _, err := st.File(src.Path)
		if err != nil {
			e.err = err
			return
		}
		e.table, e.err = data.Load(bytes.NewReader(b), src.Path, src.Opts)
	})
	return e.table, e.err
}

// slot returns the entry of m under k, made (empty) when m has none;
// mu guards m.
func slot[E any](mu *sync.Mutex, m map[string]*E, k string) *E {
	mu.Lock()
	defer mu.Unlock()
	e := m[k]
	if e == nil {
		e = new(E)
		m[k] = e
	}
	return e
}

// Loaded reports whether src's table was loaded (Table) so far: by a
// figure, when a build asks before its own checks read it.
func (st *Store) Loaded(src Source) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	_, ok := st.tables[src.key()]
	return ok
}

// Used lists the data files read so far, sorted: what a build depends on.
func (st *Store) Used() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]string, 0, len(st.files))
	for p := range st.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
