package serve

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/figure"
)

// TestServeTrimsChartCache: a preview, like tearsheet build, trims the
// chart cache after its first good build: a chart no build used for days
// goes, the charts this build drew or read stay however old they were.
// An author who only ever previews does not collect every chart of every
// edit for ever.
func TestServeTrimsChartCache(t *testing.T) {
	dir := fixture(t)
	cache := figure.DirCache{Dir: filepath.Join(dir, ".cache", "charts")}
	r := start(t, dir, Options{Cache: cache, Trim: cache.Trim})
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	used, err := os.ReadDir(cache.Dir)
	if err != nil || len(used) < 2 { // the trim mark and a chart at least
		t.Fatalf("chart cache after a preview: %d files, %v", len(used), err)
	}
	old := time.Now().Add(-6 * 24 * time.Hour)
	stray := filepath.Join(cache.Dir, "0123456789abcdef0123456789abcdef.svg")
	if err := os.WriteFile(stray, []byte("a chart no article draws any more"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, e := range used {
		p := filepath.Join(cache.Dir, e.Name())
		if e.Name() == "trim.txt" {
			if err := os.WriteFile(p, []byte(strconv.FormatInt(old.Unix(), 10)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(stray, old, old); err != nil {
		t.Fatal(err)
	}
	r = start(t, dir, Options{Cache: cache, Trim: cache.Trim})
	if _, err := os.Stat(stray); err == nil {
		t.Error("the preview left a chart no build used for six days")
	}
	for _, e := range used {
		if _, err := os.Stat(filepath.Join(cache.Dir, e.Name())); err != nil {
			t.Errorf("the preview removed %s, which its build used: %v", e.Name(), err)
		}
	}
	if s := r.stderr.String(); strings.Contains(s, "chart cache") {
		t.Errorf("stderr: %s", s)
	}
}
