package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWatcherBatches checks with the real watcher that a burst of writes is
// one batch, that editor files are left out, and that folders made later
// are watched.
func TestWatcherBatches(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content/posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := newWatcher(dir, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan Batch)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.run(ctx, out, func(err error) { t.Error(err) })
	}()
	defer func() { cancel(); <-done }()
	next := func() Batch {
		t.Helper()
		select {
		case b := <-out:
			return b
		case <-time.After(wait):
			t.Fatal("no batch")
			return Batch{}
		}
	}
	for i := range 10 {
		writeFile(t, dir, fmt.Sprintf("content/posts/p%d.md", i), "x")
		writeFile(t, dir, fmt.Sprintf("content/posts/.p%d.md.swp", i), "x")
		writeFile(t, dir, fmt.Sprintf("content/posts/p%d.md~", i), "x")
	}
	writeFile(t, dir, "README.md", "x")
	b := next()
	if len(b.Paths) != 10 || b.Kind != Content || b.Unknown {
		t.Errorf("burst: %+v, want the 10 articles as one content batch", b)
	}
	// A folder made now is watched, with what is written into it.
	if err := os.MkdirAll(filepath.Join(dir, "layouts/partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	b = next()
	if b.Kind != Template || !strings.Contains(strings.Join(b.Paths, " "), "layouts") {
		t.Errorf("new folder: %+v", b)
	}
	writeFile(t, dir, "layouts/partials/x.html", "x")
	if b = next(); strings.Join(b.Paths, " ") != "layouts/partials/x.html" || b.Kind != Template {
		t.Errorf("file in a new folder: %+v", b)
	}
	writeFile(t, dir, "site.yaml", "title: x\n")
	writeFile(t, dir, "content/posts/p1.md", "y")
	if b = next(); b.Kind != Config || len(b.Paths) != 2 {
		t.Errorf("config and content: %+v, want one config batch", b)
	}
}
