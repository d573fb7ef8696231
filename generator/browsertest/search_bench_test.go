package browsertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/cli"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/search"
)

// pagefindVersion is the Pagefind release measured beside tearsheet's
// search (npm package pagefind, run with npx; never committed).
const pagefindVersion = "1.6.0"

// benchQueries are five typical queries on the generated corpus: one
// word, two words, a title, a word start, a phrase of three words.
var benchQueries = []string{"inflation", "credit spread", "note 4242", "momen", "margin and term"}

// BenchmarkSearch measures the full-text search on a generated site of
// each size in $TEARSHEET_BENCH_SIZES (1000 when unset; make bench passes
// SIZES), one chart per article, side by side with Pagefind on the same
// built site: the index's size on disk and gzip-compressed, the time to
// index the built article pages, and, for each of benchQueries, the bytes
// a reader's browser fetches (gzip-compressed as a host would serve them;
// Pagefind's files are compressed already) from a fresh page load to the
// first ten results with their excerpts: the script, the index files,
// not the page and its stylesheet. Both run in headless chromium against
// the same file server. tearsheet's indexing time is Sections, Prepare
// and Index over every article page read from disk, in this process on
// one goroutine; Pagefind's is its CLI's wall time (npx, once installed)
// on the article pages (its --glob), rooted at the article element
// without the footer, as tearsheet indexes them. Without npx, Pagefind's
// part is skipped with a message. The timed loop is one tearsheet query
// in the browser.
func BenchmarkSearch(b *testing.B) {
	forBenchSizes(b, 60*time.Minute, benchSearch)
}

// recorder is a file server that notes the paths it serves.
type recorder struct {
	mu    sync.Mutex
	paths []string
	h     http.Handler
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.paths = append(r.paths, req.URL.Path)
	r.mu.Unlock()
	r.h.ServeHTTP(w, req)
}

// take returns the paths served since the last call.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.paths
	r.paths = nil
	return p
}

// between returns the text of s between the first start and the end
// after it, "" when there is none.
func between(s, start, end string) string {
	_, rest, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(rest, end)
	return in
}

func benchSearch(b *testing.B, ctx, browserCtx context.Context, n int) {
	dir := generatedSite(b, corpus.Options{Articles: n, Charts: true, Seed: 1})
	rec := &recorder{}
	srv := httptest.NewUnstartedServer(rec)
	site := "http://" + srv.Listener.Addr().String() + "/"
	dest := filepath.Join(b.TempDir(), "public")
	start := time.Now()
	res, err := cli.Build(ctx, dir, dest, build.Options{BaseURL: site})
	if err != nil {
		srv.Close()
		b.Fatal(err)
	}
	b.Logf("%d articles: built %d files in %s; load average %s", n, res.Files, time.Since(start).Round(time.Millisecond), loadAverage())
	rec.h = http.FileServer(http.Dir(dest))
	srv.Start()
	defer srv.Close()

	pages, err := articlePages(dest)
	if err != nil {
		b.Fatal(err)
	}
	start = time.Now()
	prepared := make([]*search.Prepared, 0, len(pages))
	for _, p := range pages {
		html, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			b.Fatal(err)
		}
		page := string(html)
		prepared = append(prepared, search.Prepare(search.Doc{
			URL:      "/" + strings.TrimSuffix(p, "index.html"),
			Title:    between(page, `<h1 class="article__title p-name">`, "</h1>"),
			Sections: search.Sections(between(page, `<div class="article__body e-content prose">`, `<footer class="article__footer`)),
		}))
	}
	_ = search.Index(prepared)
	oursTime := time.Since(start)
	oursRaw, oursGz, oursFiles := folderSize(b, filepath.Join(dest, "search"), func(rel string) bool { return rel != "index.html" })

	pfTime, pfOK := runPagefind(b, dest)
	var pfRaw, pfGz int64
	var pfFiles int
	if pfOK {
		pfRaw, pfGz, pfFiles = folderSize(b, filepath.Join(dest, "pagefind"), nil)
		// The page a reader's script would run: a module importing
		// Pagefind's API, loading the first ten results' data.
		page := `<!doctype html><meta charset="utf-8"><title>pagefind</title><script type="module">
const pf = await import("/pagefind/pagefind.js");
window.pfSearch = async (q) => { const s = await pf.search(q); const d = await Promise.all(s.results.slice(0, 10).map((r) => r.data())); return [s.results.length, d.length ? d[0].url : ""]; };
window.pfReady = true;
</script>`
		if err := os.WriteFile(filepath.Join(dest, "pf-bench.html"), []byte(page), 0o644); err != nil {
			b.Fatal(err)
		}
	}

	b.Logf("index: tearsheet %d files, %s (%s gzip), indexed in %s", oursFiles, kib(oursRaw), kib(oursGz), oursTime.Round(time.Millisecond))
	if pfOK {
		b.Logf("index: Pagefind %s %d files, %s (%s gzip), indexed in %s", pagefindVersion, pfFiles, kib(pfRaw), kib(pfGz), pfTime.Round(time.Millisecond))
	}
	var oursSum, pfSum int64
	for _, q := range benchQueries {
		found, first, got := oursQuery(b, browserCtx, rec, site, dest, q)
		oursSum += got
		line := fmt.Sprintf("query %-18q tearsheet %4d results, first %s, fetched %s", q, found, first, kib(got))
		if pfOK {
			pfFound, pfFirst, pfGot := pagefindQuery(b, browserCtx, rec, site, dest, q)
			pfSum += pfGot
			line += fmt.Sprintf(" | Pagefind %4d results, first %s, fetched %s", pfFound, pfFirst, kib(pfGot))
		}
		b.Log(line)
	}
	if !pfOK {
		b.Log("Pagefind: skipped (no npx on PATH; install Node.js and npm to measure it)")
	}
	b.Run("query", func(b *testing.B) {
		for range b.N {
			oursQuery(b, browserCtx, rec, site, dest, benchQueries[0])
		}
		b.ReportMetric(float64(oursSum)/float64(len(benchQueries))/1024, "KB-fetched/query")
		b.ReportMetric(float64(oursGz)/1024/1024, "MB-index-gzip")
		b.ReportMetric(oursTime.Seconds(), "s-to-index")
		if pfOK {
			b.ReportMetric(float64(pfSum)/float64(len(benchQueries))/1024, "pagefind-KB-fetched/query")
			b.ReportMetric(float64(pfGz)/1024/1024, "pagefind-MB-index-gzip")
			b.ReportMetric(pfTime.Seconds(), "pagefind-s-to-index")
		}
	})
}

// articlePages lists the article pages of the site built into dest.
func articlePages(dest string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		if rel = filepath.ToSlash(rel); articlePath.MatchString(rel) {
			out = append(out, rel)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// runPagefind indexes the article pages of dest with Pagefind and returns
// the time it took, or false when npx is missing.
func runPagefind(b *testing.B, dest string) (time.Duration, bool) {
	npx, err := exec.LookPath("npx")
	if err != nil {
		return 0, false
	}
	// Install first (npx caches the package), so the time is indexing.
	if out, err := exec.Command(npx, "--yes", "pagefind@"+pagefindVersion, "--version").CombinedOutput(); err != nil {
		b.Logf("Pagefind: skipped (npx pagefind@%s: %v: %s)", pagefindVersion, err, out)
		return 0, false
	}
	start := time.Now()
	cmd := exec.Command(npx, "--yes", "pagefind@"+pagefindVersion, "--site", dest,
		"--glob", "[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html",
		"--root-selector", "article.h-entry", "--exclude-selectors", ".article__footer")
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("pagefind: %v\n%s", err, out)
	}
	return time.Since(start), true
}

// oursQuery opens the search page in a fresh browser context with q and
// waits for the first ten results with their excerpts; it returns the
// number found, the first result's path and the compressed bytes of the
// script and index files fetched.
func oursQuery(b *testing.B, browserCtx context.Context, rec *recorder, site, dest, q string) (int, string, int64) {
	tab, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 2*time.Minute)
	defer cancelT()
	rec.take()
	if err := chromedp.Do(tab, chromedp.Navigate(site+"search/?q="+strings.ReplaceAll(q, " ", "+"))); err != nil {
		b.Fatal(err)
	}
	waitJS(b, tab, "the results of "+q, `(() => {
		const m = /^(\d+) articles? found/.exec(document.querySelector(".search__status").textContent);
		return m !== null && document.querySelectorAll(".search__excerpt").length === Math.min(+m[1], 10);
	})()`, nil)
	found := evalJS[string](b, tab, `document.querySelector(".search__status").textContent`)
	first := evalJS[string](b, tab, `(document.querySelector(".search__link") || {}).pathname || ""`)
	n, _ := strconv.Atoi(strings.Fields(found)[0])
	var bytes int64
	for _, p := range rec.take() {
		if p == "/js/search.js" || (strings.HasPrefix(p, "/search/") && strings.HasSuffix(p, ".json")) {
			bytes += gzSize(b, filepath.Join(dest, filepath.FromSlash(p)))
		}
	}
	return n, first, bytes
}

// pagefindQuery runs q through Pagefind's API in a fresh browser context
// and loads the first ten results' data (their excerpts).
func pagefindQuery(b *testing.B, browserCtx context.Context, rec *recorder, site, dest, q string) (int, string, int64) {
	tab, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 2*time.Minute)
	defer cancelT()
	if err := chromedp.Do(tab, chromedp.Navigate(site+"pf-bench.html")); err != nil {
		b.Fatal(err)
	}
	waitJS(b, tab, "Pagefind loads", `window.pfReady === true`, nil)
	rec.take()
	r, err := chromedp.Run(tab, chromedp.Evaluate[[]any](`window.pfSearch(`+jsString(q)+`)`, chromedp.EvalAwaitPromise))
	if err != nil || len(r) != 2 {
		b.Fatalf("pagefind %q: %v %v", q, r, err)
	}
	var bytes int64
	// The module itself was fetched with the page: count it too.
	for _, p := range append(rec.take(), "/pagefind/pagefind.js") {
		if strings.HasPrefix(p, "/pagefind/") {
			bytes += gzSize(b, filepath.Join(dest, filepath.FromSlash(p)))
		}
	}
	n, _ := r[0].(float64)
	first, _ := r[1].(string)
	return int(n), strings.TrimPrefix(first, strings.TrimSuffix(site, "/")), bytes
}

// gzSize is the size of file as a host serves it compressed: gzipped, or
// as it is when it is compressed already.
func gzSize(b *testing.B, file string) int64 {
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return int64(min(buf.Len(), len(data)))
}

// folderSize sums the files under dir that keep says yes to (every file
// when nil): raw bytes, compressed bytes (gzSize) and count.
func folderSize(b *testing.B, dir string, keep func(rel string) bool) (raw, gz int64, files int) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if keep != nil && !keep(filepath.ToSlash(rel)) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		raw += info.Size()
		gz += gzSize(b, p)
		files++
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return raw, gz, files
}

func kib(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }
