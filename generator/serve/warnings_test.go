package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeSaysWarningsAreGone: the terminal shows a build's warnings once
// while they last, and when an edit clears the last of them it says so,
// rather than leaving them on screen as the latest word.
func TestServeSaysWarningsAreGone(t *testing.T) {
	dir := fixture(t)
	// The fixture warns that its dataset is unused and that two tags
	// differ in case ("Equities", "equities"): keep the second warning.
	site, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	plain, _, _ := strings.Cut(string(site), "datasets:")
	writeFile(t, dir, "site.yaml", plain)
	lower := "---\ntitle: \"First note\"\ndate: 2024-01-15\ntags: [equities]\n---\nBreadth held.\n"

	r := start(t, dir, Options{})
	events := r.subscribe(t)
	waitFor(t, "the first build's warning", func() bool { return strings.Contains(r.stderr.String(), "1 warning:") }, r)
	if strings.Contains(r.stdout.String(), "no warnings now") {
		t.Fatalf("serve says the warnings are gone before any went:\n%s", r.stdout)
	}

	writeFile(t, dir, "content/posts/first-note.md", lower)
	events.next(t, "ok", "")
	waitFor(t, "the line saying the warning is gone", func() bool { return strings.Contains(r.stdout.String(), "no warnings now") }, r)

	writeFile(t, dir, "content/posts/first-note.md", strings.Replace(lower, "held", "held up", 1))
	events.next(t, "ok", "")
	if n := strings.Count(r.stdout.String(), "no warnings now"); n != 1 {
		t.Errorf("serve said %d times that the warnings are gone, want once:\n%s", n, r.stdout)
	}
	if n := strings.Count(r.stderr.String(), "warning:"); n != 1 {
		t.Errorf("serve printed the warnings %d times, want once:\n%s", n, r.stderr)
	}
}

// waitFor waits until cond holds, or fails the test after wait, showing
// what r printed.
func waitFor(t testing.TB, what string, cond func() bool, r *running) {
	t.Helper()
	for deadline := time.Now().Add(wait); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s; stdout:\n%s\nstderr:\n%s", wait, what, r.stdout, r.stderr)
		}
	}
}
