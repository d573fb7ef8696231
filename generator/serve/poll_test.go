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
