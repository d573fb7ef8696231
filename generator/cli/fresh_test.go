package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestClaims(t *testing.T) {
	dir := fixtureSite(t, "claims")
	code, _, stderr := run(t, "build", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := `  - content/posts/claims.md:7: claim no longer holds: "Small caps are above 200": 106 > 200 is false on data through March 2026 (check: {{ prices.small | last }} > 200)`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if strings.Contains(stderr, "claims.md:5") {
		t.Errorf("the claim that holds was reported:\n%s", stderr)
	}
	if !strings.Contains(stderr, "site.yaml:5: datasets.prices: stale data: the newest row is 2026-03-01") {
		t.Errorf("no staleness warning:\n%s", stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public/2026/10/claims/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<strong>Data update:</strong> this claim no longer holds: “Small caps are above 200” (now 106 against 200, on data through March 2026).") {
		t.Errorf("no notice on the page")
	}

	code, _, stderr = run(t, "build", "--source", dir, "--strict")
	if code != 1 || !strings.Contains(stderr, `error: content/posts/claims.md:7: claim no longer holds: "Small caps are above 200": 106 > 200 is false`) {
		t.Fatalf("--strict: exit %d: %s", code, stderr)
	}
}

func TestRemoteDataset(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Query().Get("id") != "SMALL" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"e1"`)
		if r.Header.Get("If-None-Match") == `"e1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "observation_date,SMALL\n2026-01-01,50\n2026-02-01,250\n")
	}))
	defer srv.Close()
	dir := fixtureSite(t, "claims")
	yaml := fmt.Sprintf("title: Remote\nbaseURL: https://example.org/\nfetch: {fredBaseURL: %q, retries: 0}\ndatasets:\n  prices:\n    fred: SMALL\n    columns: {small: SMALL}\n", srv.URL+"/fredgraph.csv")
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yaml), 0o644)
	os.WriteFile(filepath.Join(dir, "content/posts/claims.md"), []byte("---\ntitle: R\ndate: 2026-10-01\nclaims:\n  - \"{{ prices.small | last }} > 200\"\n---\nAt {{ prices.small | last }}.\n"), 0o644)

	// Offline before any fetch: nothing to build from.
	code, _, stderr := run(t, "build", "--source", dir, "--offline")
	if code != 1 || !strings.Contains(stderr, "site.yaml:6: datasets.prices: offline, and no cached copy in .cache/data/prices.csv") || hits.Load() != 0 {
		t.Fatalf("offline without a copy: exit %d, %d requests: %s", code, hits.Load(), stderr)
	}
	code, stdout, stderr := run(t, "build", "--source", dir)
	if code != 0 || !strings.Contains(stdout, "data: 1 fetched") || stderr != "" {
		t.Fatalf("online: exit %d: %s%s", code, stdout, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "public/2026/10/claims/index.html"))
	if !strings.Contains(string(page), ">250</span>") || strings.Contains(string(page), "Data update") {
		t.Errorf("page does not show the fetched data: %s", page)
	}
	code, stdout, _ = run(t, "build", "--source", dir)
	if code != 0 || !strings.Contains(stdout, "data: 1 not modified") {
		t.Fatalf("second build: exit %d: %s", code, stdout)
	}
	before := hits.Load()
	code, stdout, stderr = run(t, "build", "--source", dir, "--offline")
	if code != 0 || !strings.Contains(stdout, "data: 1 cached") || hits.Load() != before {
		t.Fatalf("offline with a cache: exit %d: %s%s", code, stdout, stderr)
	}
	// The server is gone: the cached copy, with a warning.
	srv.Close()
	code, _, stderr = run(t, "build", "--source", dir)
	if code != 0 || !strings.Contains(stderr, "  - site.yaml:6: datasets.prices:") || !strings.Contains(stderr, "using the cached copy .cache/data/prices.csv") {
		t.Fatalf("server gone: exit %d: %s", code, stderr)
	}
}

// TestFetchFailureWithPageErrors: when a dataset cannot be fetched and has
// no copy, the build still checks the pages and reports their problems
// with the fetch error, all at once; the charts and figures of the dataset
// it could not bring add nothing (the fetch error says why).
func TestFetchFailureWithPageErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	dir := fixtureSite(t, "claims")
	yaml := fmt.Sprintf("title: Remote\nbaseURL: https://example.org/\nfetch: {fredBaseURL: %q, retries: 0}\ndatasets:\n  prices:\n    fred: SMALL\n    columns: {small: SMALL}\n", srv.URL+"/fredgraph.csv")
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yaml), 0o644)
	os.WriteFile(filepath.Join(dir, "content/posts/claims.md"), []byte("---\ntitle: R\ndate: 2026-10-01\nclaims:\n  - \"{{ prices.small | last }} > 200\"\n---\nAt {{ prices.small | last }}.\n\n```chart\ndata: prices\ntitle: Small\nseries:\n  - column: small\n```\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/posts/other.md"), []byte("---\ntitle: Other\ndate: 2026-10-02\n---\nText.\n\n```chart\ndata: nosuch\ntitle: Broken\nseries:\n  - column: x\n```\n"), 0o644)

	code, _, stderr := run(t, "build", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	if !strings.Contains(stderr, "site.yaml:6: datasets.prices:") {
		t.Errorf("no fetch error for prices: %s", stderr)
	}
	if !strings.Contains(stderr, "content/posts/other.md:7:") || !strings.Contains(stderr, "nosuch") {
		t.Errorf("the other article's broken chart is not reported with the fetch error: %s", stderr)
	}
	if strings.Contains(stderr, "could not bring") || strings.Contains(stderr, "content/posts/claims.md") {
		t.Errorf("the charts and figures of the dataset not fetched are reported too: %s", stderr)
	}
}
