package fetch

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
)

const goodCSV = "date,value\n2024-01-01,1.5\n2024-02-01,2.5\n"

// site writes files into a temporary site folder and loads its site.yaml.
func site(t *testing.T, yaml string, files map[string]string) (string, *config.Config) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Load(strings.NewReader("title: T\n"+yaml), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return dir, cfg
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func run(t *testing.T, dir string, cfg *config.Config, offline bool, now func() time.Time) (*Result, error) {
	t.Helper()
	if now == nil {
		now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	}
	return Run(context.Background(), os.DirFS(dir), cfg, Options{
		SiteDir: dir, Offline: offline, Now: now, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
	})
}

func readMeta(t *testing.T, dir, name string) Meta {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ".cache/data", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFetchThenNotModified(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Mon, 02 Nov 2026 10:00:00 GMT"
	var hits, conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, goodCSV)
	}))
	defer srv.Close()
	dir, cfg := site(t, "datasets:\n  rates:\n    url: "+srv.URL+"/rates.csv\n", nil)
	c := &clock{time.Date(2026, 11, 23, 8, 0, 0, 0, time.FixedZone("EST", -5*3600))}
	res, err := run(t, dir, cfg, false, c.now)
	if err != nil {
		t.Fatal(err)
	}
	d := res.Datasets["rates"]
	if d.Status != Fetched || string(d.Data) != goodCSV || d.Path != ".cache/data/rates.csv" {
		t.Fatalf("first fetch: %+v", d)
	}
	m := readMeta(t, dir, "rates")
	if m.URL != srv.URL+"/rates.csv" || m.ETag != etag || m.LastModified != lastMod || m.SHA256 != hash([]byte(goodCSV)) ||
		!m.FetchedAt.Equal(c.t) || m.FetchedAt.Location() != time.UTC {
		t.Fatalf("meta: %+v", m)
	}
	c.t = c.t.Add(24 * time.Hour)
	res, err = run(t, dir, cfg, false, c.now)
	if err != nil {
		t.Fatal(err)
	}
	d = res.Datasets["rates"]
	if d.Status != NotModified || string(d.Data) != goodCSV {
		t.Fatalf("second fetch: %+v", d)
	}
	if conditional.Load() != 1 || hits.Load() != 2 {
		t.Fatalf("hits %d, conditional %d", hits.Load(), conditional.Load())
	}
	if m := readMeta(t, dir, "rates"); !m.FetchedAt.Equal(c.t) || m.ETag != etag {
		t.Fatalf("fetched-at not updated on 304: %+v", m)
	}
	if got := res.Count(); got != "1 not modified" {
		t.Errorf("Count = %q", got)
	}
}

func TestRetryThenSuccess(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch hits.Add(1) {
		case 1:
			http.Error(w, "oops", http.StatusInternalServerError)
		case 2:
			w.Header().Set("Retry-After", "3600") // bounded by MaxBackoff
			http.Error(w, "slow down", http.StatusTooManyRequests)
		default:
			fmt.Fprint(w, goodCSV)
		}
	}))
	defer srv.Close()
	dir, cfg := site(t, "datasets:\n  rates:\n    url: "+srv.URL+"/r.csv\n", nil)
	start := time.Now()
	res, err := run(t, dir, cfg, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Datasets["rates"].Status != Fetched || hits.Load() != 3 {
		t.Fatalf("status %s after %d requests", res.Datasets["rates"].Status, hits.Load())
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("Retry-After was not bounded: %s", time.Since(start))
	}
}

func TestRetriesExhausted(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "down", http.StatusBadGateway)
	}))
	defer srv.Close()
	dir, cfg := site(t, "fetch: {retries: 2}\ndatasets:\n  rates:\n    url: "+srv.URL+"/r.csv\n", nil)
	_, err := run(t, dir, cfg, false, nil)
	if err == nil || hits.Load() != 3 {
		t.Fatalf("err %v after %d requests", err, hits.Load())
	}
	for _, want := range []string{"site.yaml:5: datasets.rates:", "502", "after 3 attempts", "no cached copy"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestErrors(t *testing.T) {
	big := strings.Repeat("2024-01-01,1\n", 200)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		fetch   string
		want    []string
		hits    int32
	}{
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
		}, "fetch: {timeout: 50ms, retries: 0}\n", []string{"timed out after 50ms"}, 1},
		{"too large", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "date,v\n"+big)
		}, "fetch: {maxBytes: 1024}\n", []string{"larger than fetch.maxBytes"}, 1},
		{"too large, chunked", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "date,v\n")
			w.(http.Flusher).Flush()
			fmt.Fprint(w, big)
		}, "fetch: {maxBytes: 1024}\n", []string{"larger than fetch.maxBytes"}, 1},
		{"malformed CSV", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "date,v\n2024-01-01,1\n2024-02-01,1,2\n")
		}, "", []string{"datasets.rates:", "malformed CSV at line 3", "expected 2 fields"}, 1},
		{"redirect to another scheme", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		}, "", []string{`refused a redirect to "file:///etc/passwd"`}, 1},
		{"not found", func(w http.ResponseWriter, r *http.Request) {
			http.NotFound(w, r)
		}, "", []string{"HTTP 404 Not Found"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				tt.handler(w, r)
			}))
			defer srv.Close()
			dir, cfg := site(t, tt.fetch+"datasets:\n  rates:\n    url: "+srv.URL+"/r.csv\n", nil)
			_, err := run(t, dir, cfg, false, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if hits.Load() != tt.hits {
				t.Errorf("%d requests, want %d", hits.Load(), tt.hits)
			}
			if _, err := os.Stat(filepath.Join(dir, ".cache/data/rates.csv")); err == nil {
				t.Error("a failed fetch wrote the cache")
			}
		})
	}
}

func TestRedirectToHTTPSFollowed(t *testing.T) {
	tls := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, goodCSV) }))
	defer tls.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, tls.URL+"/data.csv", http.StatusMovedPermanently)
	}))
	defer plain.Close()
	dir, cfg := site(t, "datasets:\n  rates:\n    url: "+plain.URL+"/r.csv\n", nil)
	res, err := Run(context.Background(), os.DirFS(dir), cfg, Options{SiteDir: dir, Transport: tls.Client().Transport})
	if err != nil {
		t.Fatal(err)
	}
	if res.Datasets["rates"].Status != Fetched {
		t.Fatalf("%+v", res.Datasets["rates"])
	}
}

// TestMissingCommittedCopy: offline, a live dataset whose committed
// copy (file:) is not there is an error saying so in the words of a local
// dataset's, naming a file of the name in another letter case, where it
// was a bare "stat …: no such file or directory".
func TestMissingCommittedCopy(t *testing.T) {
	yaml := "datasets:\n  ff:\n    fred: FEDFUNDS\n    file: content/data/FF.csv\n"
	dir, cfg := site(t, yaml, map[string]string{"content/data/ff.csv": "date,FEDFUNDS\n2023-11-01,5.33\n"})
	if _, err := os.Stat(filepath.Join(dir, "content/data/FF.csv")); err == nil {
		t.Skip("the file system ignores letter case")
	}
	_, err := run(t, dir, cfg, true, nil)
	want := "site.yaml:4: datasets.ff: committed copy: file: content/data/FF.csv does not exist (paths are from the site folder, such as content/data/prices.csv): did you mean content/data/ff.csv? Names differ in letter case"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestFREDAndFallbacks(t *testing.T) {
	var fail atomic.Bool
	var gotID atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotID.Store(r.URL.Path + "?" + r.URL.RawQuery)
		if fail.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "observation_date,FEDFUNDS\n2024-01-01,5.33\n2024-02-01,5.33\n")
	}))
	defer srv.Close()
	yaml := "fetch: {fredBaseURL: \"" + srv.URL + "/graph/fredgraph.csv\", retries: 1}\n" +
		"datasets:\n  ff:\n    fred: FEDFUNDS\n    file: content/data/ff.csv\n"
	committed := "\"Date\",\"FEDFUNDS\"\n2023-11-01,5.33\n"
	dir, cfg := site(t, yaml, map[string]string{"content/data/ff.csv": committed})

	// Offline on a fresh clone: the committed copy, quietly.
	res, err := run(t, dir, cfg, true, nil)
	if err != nil || res.Datasets["ff"].Status != Committed || len(res.Warnings) != 0 || gotID.Load() != nil {
		t.Fatalf("offline: %v %+v %q", err, res.Datasets["ff"], res.Warnings)
	}
	// The server is down and nothing is cached: the committed copy, with a warning.
	fail.Store(true)
	res, err = run(t, dir, cfg, false, nil)
	if err != nil || res.Datasets["ff"].Status != Committed || string(res.Datasets["ff"].Data) != committed {
		t.Fatalf("down: %v %+v", err, res.Datasets["ff"])
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "site.yaml:5: datasets.ff:") || !strings.Contains(res.Warnings[0], "using the committed copy content/data/ff.csv") {
		t.Fatalf("warnings %q", res.Warnings)
	}
	if got := gotID.Load(); got != "/graph/fredgraph.csv?id=FEDFUNDS" {
		t.Errorf("requested %v", got)
	}
	// Up: fetched into the cache.
	fail.Store(false)
	if res, err = run(t, dir, cfg, false, nil); err != nil || res.Datasets["ff"].Status != Fetched {
		t.Fatalf("up: %v %+v", err, res.Datasets["ff"])
	}
	// Down again: the cached copy wins over the committed one, with a warning.
	fail.Store(true)
	res, err = run(t, dir, cfg, false, nil)
	if err != nil || res.Datasets["ff"].Status != Cached || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "using the cached copy .cache/data/ff.csv fetched 2026-11-23T12:00:00Z") {
		t.Fatalf("down with cache: %v %+v %q", err, res.Datasets["ff"], res.Warnings)
	}
	// Offline with a cache: the cached copy, no request.
	gotID = atomic.Value{}
	res, err = run(t, dir, cfg, true, nil)
	if err != nil || res.Datasets["ff"].Status != Cached || gotID.Load() != nil {
		t.Fatalf("offline with cache: %v %+v", err, res.Datasets["ff"])
	}
}

func TestOfflineWithoutCopy(t *testing.T) {
	dir, cfg := site(t, "datasets:\n  rates:\n    url: http://127.0.0.1:1/r.csv\n", nil)
	_, err := run(t, dir, cfg, true, nil)
	if err == nil || !strings.Contains(err.Error(), "site.yaml:4: datasets.rates: offline, and no cached copy in .cache/data/rates.csv") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoader(t *testing.T) {
	const cmd = `echo run >> runs.txt; printf 'date,v\n2024-01-01,%s\n' "$(cat in.txt)"`
	yaml := "fetch: {allowCommands: true}\ndatasets:\n  made:\n    command: |-\n      " + cmd + "\n    inputs: [in.txt]\n"
	dir, cfg := site(t, yaml, map[string]string{"in.txt": "7"})
	runs := func() int {
		b, _ := os.ReadFile(filepath.Join(dir, "runs.txt"))
		return strings.Count(string(b), "run")
	}
	res, err := run(t, dir, cfg, false, nil)
	if err != nil || res.Datasets["made"].Status != Ran || string(res.Datasets["made"].Data) != "date,v\n2024-01-01,7\n" {
		t.Fatalf("%v %+v", err, res.Datasets["made"])
	}
	res, err = run(t, dir, cfg, false, nil)
	if err != nil || res.Datasets["made"].Status != Unchanged || runs() != 1 {
		t.Fatalf("unchanged inputs: %v %+v, %d runs", err, res.Datasets["made"], runs())
	}
	if m := readMeta(t, dir, "made"); m.Command != cmd || m.Key == "" {
		t.Errorf("meta %+v", m)
	}
	os.WriteFile(filepath.Join(dir, "in.txt"), []byte("8"), 0o644)
	res, err = run(t, dir, cfg, false, nil)
	if err != nil || res.Datasets["made"].Status != Ran || runs() != 2 || !strings.Contains(string(res.Datasets["made"].Data), ",8") {
		t.Fatalf("changed input: %v %+v, %d runs", err, res.Datasets["made"], runs())
	}
}

func TestLoaderEnvironment(t *testing.T) {
	yaml := "fetch: {allowCommands: true}\ndatasets:\n  env:\n    command: 'printf \"date,v\\n2024-01-01,1\\n\"; env | sort > env.txt; pwd > pwd.txt'\n"
	dir, cfg := site(t, yaml, nil)
	t.Setenv("TEARSHEET_SECRET", "x")
	if _, err := run(t, dir, cfg, true, nil); err != nil {
		t.Fatal(err)
	}
	env, _ := os.ReadFile(filepath.Join(dir, "env.txt"))
	for _, want := range []string{"TEARSHEET_DATASET=env", "TEARSHEET_OFFLINE=1", "TZ=UTC"} {
		if !strings.Contains(string(env), want) {
			t.Errorf("environment lacks %s:\n%s", want, env)
		}
	}
	if strings.Contains(string(env), "TEARSHEET_SECRET") {
		t.Error("the loader saw the parent's environment")
	}
	pwd, _ := os.ReadFile(filepath.Join(dir, "pwd.txt"))
	if got, _ := filepath.EvalSymlinks(strings.TrimSpace(string(pwd))); got != mustEval(t, dir) {
		t.Errorf("ran in %s, want %s", pwd, dir)
	}
}

func mustEval(t *testing.T, p string) string {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLoaderFails(t *testing.T) {
	tests := []struct {
		cmd, fetch string
		want       []string
	}{
		{`echo starting >&2; echo "no such table: prices" >&2; exit 3`, "", []string{"site.yaml:5: datasets.bad:", "failed with exit code 3", "no such table: prices"}},
		{`echo 'date,v'; echo '2024-01-01,x'`, "", []string{"printed malformed CSV at line 2"}},
		// The first bad line, on one line, and how many problems in all.
		{`echo 'date,v'; echo '2024-01-01,x'; echo '2024-01-02,1'; echo '2024-01-03,y'`, "", []string{`printed malformed CSV at line 2: column "v": cannot parse "x" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing (2 problems in all)`}},
		{`sleep 5`, ", commandTimeout: 100ms", []string{"did not finish within 100ms"}},
	}
	for _, tt := range tests {
		yaml := "fetch: {allowCommands: true" + tt.fetch + "}\ndatasets:\n  bad:\n    command: |-\n      " + tt.cmd + "\n"
		dir, cfg := site(t, yaml, nil)
		start := time.Now()
		_, err := run(t, dir, cfg, false, nil)
		if err == nil {
			t.Fatalf("%s: no error", tt.cmd)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q lacks %q", err, w)
			}
		}
		if time.Since(start) > 3*time.Second {
			t.Errorf("%s took %s", tt.cmd, time.Since(start))
		}
	}
}

func TestLoaderNotAllowed(t *testing.T) {
	_, err := config.Load(strings.NewReader("title: T\ndatasets:\n  made:\n    command: ./make-data.sh\n"), "site.yaml")
	if err == nil || !strings.Contains(err.Error(), "site.yaml:4: datasets.made.command: data loaders are off: set fetch: {allowCommands: true}") {
		t.Fatalf("err = %v", err)
	}
	// Run refuses too, if handed such a config.
	dir, cfg := site(t, "", nil)
	cfg.Datasets = config.Datasets{"made": {Command: "touch ran.txt", Line: 4}}
	if _, err := run(t, dir, cfg, false, nil); err == nil || !strings.Contains(err.Error(), "allowCommands") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ran.txt")); err == nil {
		t.Fatal("the command ran")
	}
}
