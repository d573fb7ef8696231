package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestServePolls: with Poll (tearsheet serve --poll), the preview finds
// saves by looking, as on a Windows drive under WSL that sends no events:
// an edited article, a new bundle and a removed article each reload the
// pages that show them, and the terminal says nothing of a fallback.
func TestServePolls(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{Poll: 20 * time.Millisecond})
	events := r.subscribe(t)
	events.next(t, "ok", "")

	writeFile(t, dir, "content/posts/first-note.md", note("Breadth held up."))
	events.next(t, "reload", article+"index.html")
	if _, page := r.get(t, article); !strings.Contains(page, "Breadth held up.") {
		t.Errorf("the edited article does not show its new text:\n%s", page)
	}

	if err := os.MkdirAll(filepath.Join(dir, "content/posts/late"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/posts/late/index.md", "---\ntitle: Late bundle\ndate: 2024-06-01\n---\nLate text.\n")
	events.next(t, "reload", "2024/06/late/index.html")
	if code, page := r.get(t, "2024/06/late/"); code != 200 || !strings.Contains(page, "Late text.") {
		t.Errorf("a bundle made while serving: %d\n%s", code, page)
	}

	if err := os.Remove(filepath.Join(dir, "content/posts/late/index.md")); err != nil {
		t.Fatal(err)
	}
	events.next(t, "reload", "2024/06/late/index.html")
	if code, _ := r.get(t, "2024/06/late/"); code != 404 {
		t.Errorf("a removed article is still served: %d", code)
	}
	if !strings.Contains(r.stdout.String(), "looking for changes every 20ms\n") || strings.Contains(r.stderr.String(), "watch") {
		t.Errorf("the terminal does not say the preview polls, or speaks of a fallback:\n%s\n%s", r.stdout, r.stderr)
	}
}

// BenchmarkPollScan10k measures one look at every folder of a generated
// site of 10,000 articles (--poll, or the fallback): the poller waits five
// times as long between looks (poller.run).
func BenchmarkPollScan10k(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	p := newPoller(time.Hour)
	defer p.Close()
	w := &watcher{root: dir, fsw: p, links: newLinks(dir)}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(dir, d)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		p.scan()
	}
	b.ReportMetric(float64(len(p.WatchList())), "folders")
}

// TestServeNamedDataFile keeps a dataset's file where site.yaml may name
// it, outside content/ and data/ (research/policy.csv, then policy.csv at
// the site's root): a save of it rebuilds the pages that show it, as a save
// of a CSV in content/data/ does, with the system's events and by polling.
// Such a save reached no build until serve started again.
func TestServeNamedDataFile(t *testing.T) {
	for _, opts := range []Options{{}, {Poll: 20 * time.Millisecond}} {
		dir := fixture(t)
		if err := os.MkdirAll(filepath.Join(dir, "research"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, "content/data/policy.csv"), filepath.Join(dir, "research/policy.csv")); err != nil {
			t.Fatal(err)
		}
		cfg, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "site.yaml", strings.Replace(string(cfg), "file: content/data/policy.csv", "file: research/policy.csv", 1))
		r := start(t, dir, opts)
		events := r.subscribe(t)
		events.next(t, "ok", "")
		const shown = "data/policy/"
		if _, page := r.get(t, shown); strings.Contains(page, "2030") {
			t.Fatalf("%s shows 2030 before the row was added", shown)
		}
		b, err := os.ReadFile(filepath.Join(dir, "research/policy.csv"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "research/policy.csv", string(b)+"2030-01-01,9.99\n")
		events.next(t, "reload", shown+"index.html")
		if _, page := r.get(t, shown); !strings.Contains(page, "2030") {
			t.Errorf("poll %s: %s does not show the row added to research/policy.csv", opts.Poll, shown)
		}

		// site.yaml names another place: that file is watched from then on.
		if err := os.Rename(filepath.Join(dir, "research/policy.csv"), filepath.Join(dir, "policy.csv")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "site.yaml", strings.Replace(string(cfg), "file: content/data/policy.csv", "file: policy.csv", 1))
		events.next(t, "reload", shown+"index.html") // a new site.yaml: every page
		writeFile(t, dir, "policy.csv", string(b)+"2031-01-01,9.99\n")
		events.next(t, "reload", shown+"index.html")
		if _, page := r.get(t, shown); !strings.Contains(page, "2031") {
			t.Errorf("poll %s: %s does not show the row added to policy.csv", opts.Poll, shown)
		}
		if err := r.stop(); err != nil {
			t.Fatal(err)
		}
	}
}
