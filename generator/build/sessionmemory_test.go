package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"weak"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

// TestSessionLetsGoOfEarlierBuilds: a preview that runs for days holds
// the files of its last build, not of builds before. After two articles'
// edits nothing holds the first build's output: each document a Session
// kept held, through its figures, the builder of the build that converted
// it, and so everything that build wrote. After an edit of the stylesheet
// (whose fingerprinted URL every page shows, so every page is made again)
// nothing holds the bytes of a page the first build wrote: a Memory whose
// every file was written again held its base's until the next build.
func TestSessionLetsGoOfEarlierBuilds(t *testing.T) {
	dir := chartSite(t, 30, 4)
	css := filepath.Join(dir, "themes/default/static/css/main.css")
	style, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	build := func(what string, changed ...string) *output.Memory {
		t.Helper()
		_, mem, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return mem
	}
	var first weak.Pointer[output.Memory]
	var home weak.Pointer[byte]
	func() { // the first build's values are out of reach after it
		mem := build("the first build")
		data, ok := mem.Get("index.html")
		if !ok || len(data) == 0 {
			t.Fatal("the first build made no home page")
		}
		first, home = weak.Make(mem), weak.Make(&data[0])
	}()
	for i, n := range []int{12, 13} {
		if err := corpus.Edit(dir, n, i); err != nil {
			t.Fatal(err)
		}
		build("an article's edit", corpus.PostPath(n))
	}
	runtime.GC()
	if first.Value() != nil {
		t.Error("after two articles' edits, the first build's output is still held")
	}
	if home.Value() == nil {
		t.Fatal("the home page the first build wrote went, though no edit changed it")
	}
	if err := os.WriteFile(css, fmt.Appendf(style, "\n/* edited */\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	last := build("the stylesheet's edit", "themes/default/static/css/main.css")
	runtime.GC()
	if home.Value() != nil {
		t.Error("after the stylesheet's edit, the home page the first build wrote is still held")
	}
	want, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "after the edits", last, want)
}

// BenchmarkSessionLongPreview measures a preview that runs long: on a
// 1,000-article site, each step edits another article and every third
// edits the stylesheet (every page made again). It reports the heap alive
// after the last step (live-MB), which stays that of one build's values
// however many steps there were.
func BenchmarkSessionLongPreview(b *testing.B) {
	dir := benchSite(b, 1000)
	css := filepath.Join(dir, "themes/default/static/css/main.css")
	style, err := os.ReadFile(css)
	if err != nil {
		b.Fatal(err)
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		changed := "themes/default/static/css/main.css"
		if i%3 == 2 {
			err = os.WriteFile(css, fmt.Appendf(slices.Clone(style), "\n/* %d */\n", i), 0o644)
		} else {
			n := (100 + 37*i) % 1000
			err, changed = corpus.Edit(dir, n, i), corpus.PostPath(n)
		}
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.Build(context.Background(), []string{changed}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "live-MB")
	runtime.KeepAlive(s)
}
