package serve

import (
	"encoding/json"
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

// TestServeTellsBrowsersWarnings: a good build's "ok" event carries its
// warnings as the terminal prints them, with the line counting them, for
// the page to show; a browser that connects later gets them at once; a
// build without warnings says "ok" with none, which clears the page's.
func TestServeTellsBrowsersWarnings(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	// The fixture's two warnings: an unused dataset, two spellings of a tag.
	warned := func(e event) (string, []string) {
		t.Helper()
		var d struct {
			Count    string   `json:"count"`
			Warnings []string `json:"warnings"`
		}
		if err := json.Unmarshal([]byte(e.data), &d); err != nil {
			t.Fatalf("ok event %q: %v", e.data, err)
		}
		return d.Count, d.Warnings
	}
	count, warns := warned(events.next(t, "ok", ""))
	if count != "2 warnings" || len(warns) != 2 || !strings.Contains(strings.Join(warns, "\n"), "site.yaml:") {
		t.Fatalf("first ok: count %q, warnings %q; want the 2 the terminal printed:\n%s", count, warns, r.stderr)
	}
	for _, w := range warns {
		if !strings.Contains(r.stderr.String(), w) {
			t.Errorf("warning %q sent to browsers is not the terminal's:\n%s", w, r.stderr)
		}
	}
	if count, warns := warned(r.subscribe(t).next(t, "ok", "")); count != "2 warnings" || len(warns) != 2 {
		t.Errorf("a browser connecting later got count %q, warnings %q", count, warns)
	}

	site, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	plain, _, _ := strings.Cut(string(site), "datasets:")
	writeFile(t, dir, "site.yaml", plain)
	writeFile(t, dir, "content/posts/first-note.md", "---\ntitle: \"First note\"\ndate: 2024-01-15\ntags: [equities]\n---\nBreadth held.\n")
	e := events.next(t, "ok", "{}")
	if count, warns := warned(e); count != "" || len(warns) != 0 {
		t.Errorf("a build without warnings said ok with count %q, warnings %q", count, warns)
	}
	if count, warns := warned(r.subscribe(t).next(t, "ok", "")); count != "" || len(warns) != 0 {
		t.Errorf("a browser connecting after the fix got count %q, warnings %q", count, warns)
	}
}
