package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/render"
)

// readFS counts the files read from the file system underneath.
type readFS struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (r *readFS) ReadFile(name string) ([]byte, error) {
	r.mu.Lock()
	r.reads[name]++
	r.mu.Unlock()
	return fs.ReadFile(r.FS, name)
}

// TestSessionReadsOnce checks that a Session reads each file once until
// the watcher reports it, across a site.yaml change (which lets go of
// everything made with the old one), and that a file reported is read
// again.
func TestSessionReadsOnce(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 12, Seed: 5, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	under := &readFS{FS: os.DirFS(dir), reads: map[string]int{}}
	s := NewSession(under, Options{Now: fixedNow})
	build := func(changed ...string) {
		t.Helper()
		if _, _, err := s.Build(context.Background(), changed); err != nil {
			t.Fatal(err)
		}
	}
	read := func() []string { // the files that exist, read since the last call
		t.Helper()
		var names []string
		for name := range under.reads {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
				names = append(names, name)
			}
		}
		clear(under.reads)
		slices.Sort(names)
		return names
	}
	build()
	post := corpus.PostPath(3)
	if under.reads[post] != 1 || under.reads[ConfigFile] != 1 {
		t.Fatalf("the first build read %s %d times and %s %d times, want once each", post, under.reads[post], ConfigFile, under.reads[ConfigFile])
	}
	read()
	cfg, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), append(cfg, "\n# edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	build(ConfigFile)
	if got := read(); !slices.Equal(got, []string{ConfigFile}) {
		t.Errorf("after a site.yaml edit the Session read %v, want site.yaml only", got)
	}
	if err := corpus.Edit(dir, 3, 1); err != nil {
		t.Fatal(err)
	}
	build(post)
	if got := read(); !slices.Equal(got, []string{post}) {
		t.Errorf("after an edit of %s the Session read %v, want it only", post, got)
	}
}

// TestSessionReadsFetchedData: a dataset fetched while serve runs (by
// tearsheet build or fetch in another terminal) is written under
// .cache/data, whose changes a watcher does not report: the Session's next
// build reads it all the same, and the one after its update.
func TestSessionReadsFetchedData(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	fsys["site.yaml"].Data = append(fsys["site.yaml"].Data, "  funds:\n    fred: FEDFUNDS\n    file: content/data/policy.csv\n"...)
	s := NewSession(fsys, Options{Now: fixedNow})
	readFrom := func(changed []string) string {
		t.Helper()
		_, mem, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		fresh, _, err := buildMem(t, fsys, Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		sameTrees(t, fresh, mem)
		page, _ := mem.Get("data/funds/index.html")
		return string(page)
	}
	if got := readFrom(nil); strings.Contains(got, ".cache/data/funds.csv") {
		t.Fatal("the catalogue names a cached file before one was fetched")
	}
	fsys[".cache/data/funds.csv"] = &fstest.MapFile{Data: []byte("observation_date,FEDFUNDS\n2024-01-01,5.33\n2024-02-01,5.33\n")}
	fsys[".cache/data/funds.json"] = &fstest.MapFile{Data: []byte(`{"url": "https://fred.stlouisfed.org/graph/fredgraph.csv?id=FEDFUNDS", "fetchedAt": "2026-10-30T08:15:00-04:00", "sha256": "x"}`)}
	if got := readFrom([]string{}); !strings.Contains(got, ".cache/data/funds.csv") {
		t.Error("the Session did not read the dataset fetched after its first build")
	}
	fsys[".cache/data/funds.csv"] = &fstest.MapFile{Data: []byte("observation_date,FEDFUNDS\n2024-01-01,5.33\n2024-02-01,5.33\n2024-03-01,4.99\n")}
	readFrom([]string{}) // sameTrees: as a fresh build reads it
}

// TestSessionThemeTimeout checks that a new renderTimeout in site.yaml
// reaches the theme a Session's next build renders with, and leaves the
// theme of the build before as it was: the store gives one Theme to
// every reader, which nothing may change once it is made.
func TestSessionThemeTimeout(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	theme := func() *render.Theme {
		t.Helper()
		if _, _, err := s.Build(context.Background(), []string{ConfigFile}); err != nil {
			t.Fatal(err)
		}
		st := s.cache.content
		name, _, _ := strings.Cut(s.cache.templates, "\x00")
		lt, err := query.Get(st.ctx, st.theme, name)
		if err != nil || lt.t == nil {
			t.Fatalf("no theme: %v", err)
		}
		return lt.t
	}
	first := theme()
	cfg, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	e.put(ConfigFile, string(cfg)+"\nrenderTimeout: 5s\n")
	second := theme()
	if first.MaxTime != render.DefaultMaxTime && first.MaxTime != 0 || second.MaxTime != 5*time.Second {
		t.Errorf("the themes' renderTimeouts are %v then %v, want the default then 5s", first.MaxTime, second.MaxTime)
	}
}
