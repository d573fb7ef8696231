package serve

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestServeFirstBuildFails starts serve on a site that does not build, as
// an author does who saved a mistake while serve was stopped. Every page
// answers with the errors, file and line, and the preview's client (which
// shows them and loads the site once a build succeeds); other files with
// the errors as text. The terminal does not claim a last good build. The
// fix brings the site.
func TestServeFirstBuildFails(t *testing.T) {
	dir := fixture(t)
	writeFile(t, dir, "content/posts/first-note.md", "---\ntitle: [First <note>\ndate: 2024-01-15\n---\nBroken.\n")
	r := start(t, dir, Options{})
	get := func(path string) (int, string, string) {
		t.Helper()
		resp, err := r.client.Get(r.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	for _, p := range []string{"", article, "no/such/page/"} {
		code, ctype, page := get(p)
		if code != http.StatusServiceUnavailable || !strings.HasPrefix(ctype, "text/html") {
			t.Errorf("GET %s before any good build: %d %s, want 503 with an HTML page", p, code, ctype)
		}
		if !strings.Contains(page, "content/posts/first-note.md:") || strings.Contains(page, "<note>") {
			t.Errorf("GET %s: the page does not show the error, escaped:\n%s", p, page)
		}
		if !strings.Contains(page, `<script src="/research/_tearsheet/live.js" id="tearsheet-live" data-page="`+OutputName(p)+`"`) {
			t.Errorf("GET %s: the page lacks the preview's client, which shows the site once it builds:\n%s", p, page)
		}
	}
	if code, ctype, body := get("css/main.css"); code != http.StatusServiceUnavailable || !strings.HasPrefix(ctype, "text/plain") || !strings.Contains(body, "content/posts/first-note.md:") {
		t.Errorf("GET a stylesheet before any good build: %d %s %q, want 503 with the errors as text", code, ctype, body)
	}
	if strings.Contains(r.stderr.String(), "last good build") {
		t.Errorf("the terminal speaks of a last good build, though none succeeded:\n%s", r.stderr)
	}
	events := r.subscribe(t)
	events.next(t, "builderror", "content/posts/first-note.md:")
	writeFile(t, dir, "content/posts/first-note.md", note("Breadth came back."))
	events.next(t, "ok", "")
	if code, _, page := get(article); code != http.StatusOK || !strings.Contains(page, "Breadth came back.") {
		t.Errorf("after the fix GET %s: %d\n%s", article, code, page)
	}
}
