// Package fetch brings a site's live datasets into its data cache before a
// build: remote CSV files (a dataset's url, or its fred series through
// FRED's CSV download) and the output of data loaders (a dataset's
// command). It is the only code of tearsheet that talks to the network or
// runs the author's programs.
//
// # The cache
//
// Each live dataset NAME is kept in SOURCE/.cache/data as NAME.csv, with
// NAME.json beside it recording where it came from: the URL (or the
// command and the key of its inputs), the ETag and Last-Modified the server
// sent, when it was last fetched (UTC) and the SHA-256 of the CSV. The
// cache is not committed; a dataset's file, when given beside url or fred,
// is its committed copy.
//
// # Fetching
//
// Datasets are fetched in parallel. Each HTTP attempt has fetch.timeout;
// network errors, timeouts, 429 and 5xx responses are tried again up to
// fetch.retries times, waiting twice as long each time (Retry-After, when
// the server sends it, within a bound). A request repeats the cached copy's
// ETag (If-None-Match) and Last-Modified (If-Modified-Since), so an
// unchanged file costs a 304 and no download. A body larger than
// fetch.maxBytes, a redirect to a scheme other than http or https (or from
// https to http), and a response that is not a valid CSV for the dataset's
// settings are refused.
//
// # Secrets
//
// A dataset's url (in its path or query) and headers may name environment
// variables as ${env:NAME}, and a command's env lists the variables it is
// given. A variable that is not set (or empty) when the dataset is fetched
// or its loader runs is an error naming the dataset's site.yaml line; the cached copy does not stand in.
// Their values are secrets: every message the stage returns has each value
// replaced by [secret NAME]; a response or loader output that holds one is
// refused (it would be stored and published), as are ETag and Last-Modified
// values holding one (not recorded); headers from site.yaml are not sent on
// to another host after a redirect.
//
// When a fetch fails, the cached copy is used with a warning, else the
// committed file with a warning; with neither the build fails, naming the
// dataset and the cause. Offline, nothing is fetched: the cached copy is
// used, else the committed file, else the build fails.
//
// # Data loaders
//
// A dataset's command runs with sh -c in the site folder, with a minimal
// environment (PATH, HOME, LANG=C.UTF-8, TZ=UTC, TEARSHEET_DATASET=NAME,
// TEARSHEET_OFFLINE=1 when offline, and the variables of its env list),
// only when fetch.allowCommands is true.
// It must print CSV on standard output within fetch.commandTimeout. Its
// output is cached under a key made of the command and the SHA-256 of each
// of its inputs: while they are unchanged it is not run again. A loader that
// fails is reported with its exit status and the end of its standard error.
package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/internal/par"
)

// CacheDir is the data cache's folder, relative to the site folder.
const CacheDir = ".cache/data"

// Options controls one fetch stage.
type Options struct {
	// SiteDir is the site folder on disk: the cache is SiteDir/.cache/data
	// and data loaders run in it.
	SiteDir string
	// Offline uses cached and committed copies and fetches nothing.
	Offline bool
	// Transport makes the HTTP requests; nil means http.DefaultTransport.
	Transport http.RoundTripper
	// Backoff is the wait before the first retry (500ms); each retry waits
	// twice as long as the one before, at most MaxBackoff (8s), which also
	// bounds a server's Retry-After.
	Backoff, MaxBackoff time.Duration
	// Now is the clock recorded as fetched-at; time.Now when nil.
	Now func() time.Time
	// Parallel is the number of datasets fetched at once (4).
	Parallel int
	// LookupEnv reads the environment variables datasets name (in url,
	// headers and env); os.LookupEnv when nil.
	LookupEnv func(name string) (string, bool)
}

// Status says where a dataset's data came from.
type Status string

// The statuses of a dataset after the fetch stage.
const (
	Fetched     Status = "fetched"      // downloaded now
	NotModified Status = "not modified" // the server answered 304; the cached copy is current
	Cached      Status = "cached"       // offline, or the fetch failed: the cached copy
	Committed   Status = "committed"    // offline, or the fetch failed: the committed file
	Ran         Status = "ran"          // a data loader ran now
	Unchanged   Status = "unchanged"    // a data loader's inputs are unchanged: its cached output
)

// Dataset is one live dataset after the fetch stage.
type Dataset struct {
	Name   string
	Path   string // where the data was read, from the site root: .cache/data/NAME.csv or the committed file
	Data   []byte
	Status Status
}

// Meta is what NAME.json records about a cached dataset.
type Meta struct {
	URL          string    `json:"url,omitempty"`
	Command      string    `json:"command,omitempty"`
	Inputs       []string  `json:"inputs,omitempty"`
	Key          string    `json:"key,omitempty"` // a data loader's command and inputs, hashed
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"lastModified,omitempty"`
	FetchedAt    time.Time `json:"fetchedAt"`
	SHA256       string    `json:"sha256"`
}

// Result is the outcome of a fetch stage.
type Result struct {
	Datasets map[string]*Dataset // by dataset name
	Warnings []string
	// Failed names the datasets that could not be brought, nor read from
	// a cached or committed copy (Run's error says why), sorted.
	Failed []string
}

// Count returns how many datasets have each status, as "1 fetched, 2 cached",
// or "" when there are none.
func (r *Result) Count() string {
	n := map[Status]int{}
	for _, d := range r.Datasets {
		n[d.Status]++
	}
	var out []byte
	for _, s := range []Status{Fetched, NotModified, Cached, Committed, Ran, Unchanged} {
		if n[s] > 0 {
			if len(out) > 0 {
				out = append(out, ", "...)
			}
			out = fmt.Appendf(out, "%d %s", n[s], s)
		}
	}
	return string(out)
}

// Run brings every live dataset of cfg into the cache, in parallel. fsys is
// the site (committed files and loader inputs are read from it). Problems
// that stop a dataset are returned joined, each starting with the site.yaml
// line of the dataset; problems a cached or committed copy covers are
// warnings.
func Run(ctx context.Context, fsys fs.FS, cfg *config.Config, opts Options) (*Result, error) {
	if opts.Backoff <= 0 {
		opts.Backoff = 500 * time.Millisecond
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 8 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.LookupEnv == nil {
		opts.LookupEnv = os.LookupEnv
	}
	f := &fetcher{fsys: fsys, cfg: cfg, opts: opts, dir: filepath.Join(opts.SiteDir, filepath.FromSlash(CacheDir))}
	f.client = &http.Client{Transport: opts.Transport, CheckRedirect: checkRedirect}
	var names []string
	for _, n := range cfg.DatasetNames() {
		if cfg.Datasets[n].Remote() {
			names = append(names, n)
		}
	}
	f.secrets = newSecrets(cfg, names, opts.LookupEnv)
	res := &Result{Datasets: map[string]*Dataset{}}
	warns := make([][]string, len(names))
	errs := make([]error, len(names))
	sets := make([]*Dataset, len(names))
	par.Each(len(names), opts.Parallel, func(i int) {
		name := names[i]
		warn := func(format string, args ...any) {
			warns[i] = append(warns[i], f.secrets.redact(cfg.DatasetError(name, fmt.Errorf(format, args...)).Error()))
		}
		var err error
		if cfg.Datasets[name].Command != "" {
			sets[i], err = f.load(ctx, name, warn)
		} else {
			sets[i], err = f.fetch(ctx, name, warn)
		}
		if err != nil {
			errs[i] = f.secrets.redactErr(cfg.DatasetError(name, err))
		}
	})
	for i, name := range names {
		if sets[i] != nil {
			res.Datasets[name] = sets[i]
		} else if errs[i] != nil {
			res.Failed = append(res.Failed, name)
		}
		res.Warnings = append(res.Warnings, warns[i]...)
	}
	return res, errors.Join(errs...)
}

type fetcher struct {
	fsys    fs.FS
	cfg     *config.Config
	opts    Options
	dir     string // the cache folder on disk
	client  *http.Client
	secrets *secrets
}

// cached reads NAME.csv and NAME.json; ok is false when either is missing
// or unreadable. They are read within the cache folder: a symbolic link
// there that leads out of it is unreadable, so no file from outside the
// site reaches the output through a committed cache.
func (f *fetcher) cached(name string) (body []byte, m Meta, ok bool) {
	root, err := os.OpenRoot(f.dir)
	if err != nil {
		return nil, Meta{}, false
	}
	defer root.Close()
	b, err := root.ReadFile(name + ".json")
	if err != nil || json.Unmarshal(b, &m) != nil {
		return nil, Meta{}, false
	}
	body, err = root.ReadFile(name + ".csv")
	if err != nil {
		return nil, Meta{}, false
	}
	return body, m, true
}

// cachePath is NAME.csv's path from the site root, for messages.
func cachePath(name string) string { return CacheDir + "/" + name + ".csv" }

// store writes NAME.csv (when body is not nil) and NAME.json, each through a
// temporary file renamed into place, so a reader never sees half a file.
func (f *fetcher) store(name string, body []byte, m Meta) error {
	if err := os.MkdirAll(f.dir, 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if body != nil {
		if err := writeFile(filepath.Join(f.dir, name+".csv"), body); err != nil {
			return err
		}
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(f.dir, name+".json"), append(js, '\n'))
}

func writeFile(p string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

func hash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// validate loads body as the dataset's CSV, so a malformed download is
// refused before it replaces a good copy.
func (f *fetcher) validate(name string, body []byte) error {
	d := f.cfg.Datasets[name]
	_, err := data.Load(bytes.NewReader(body), name, d.LoadOptions())
	more := ""
	var pes *data.ParseErrors
	if errors.As(err, &pes) {
		more = fmt.Sprintf(" (%d problems in all)", pes.Len())
	}
	var pe *data.ParseError
	if errors.As(err, &pe) {
		if pe.Line > 0 {
			return fmt.Errorf("malformed CSV at line %d: %w%s", pe.Line, pe.Err, more)
		}
		return fmt.Errorf("malformed CSV: %w%s", pe.Err, more)
	}
	return err
}

// committed returns the dataset's committed file, or nil when it has none.
func (f *fetcher) committed(name string, status Status) (*Dataset, error) {
	d := f.cfg.Datasets[name]
	if d.File == "" {
		return nil, nil
	}
	b, err := data.ReadFile(f.fsys, d.File, f.cfg.Fetch.MaxBytes)
	var pe *data.ParseError
	if errors.As(err, &pe) {
		return nil, err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("committed copy: file: %s", config.MissingFile(f.fsys, d.File))
	}
	if err != nil {
		return nil, fmt.Errorf("committed copy: %w", err)
	}
	return &Dataset{Name: name, Path: d.File, Data: b, Status: status}, nil
}
