package serve

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestServeEndToEnd runs the server with the real watcher: an edit reloads
// the page, broken front matter shows the error overlay while the last good
// page is still served, and fixing it recovers.
func TestServeEndToEnd(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := fixture(t)
	r := start(t, dir, Options{})
	if !strings.HasPrefix(r.url, "http://127.0.0.1:") || !strings.HasSuffix(r.url, "/research/") {
		t.Fatalf("URL %q: want the local address with the sub-path of site.yaml's baseURL", r.url)
	}
	code, page := r.get(t, article)
	if code != 200 || !strings.Contains(page, "Breadth narrowed") {
		t.Fatalf("GET %s: %d\n%s", article, code, page)
	}
	if !strings.Contains(page, `<link rel="canonical" href="`+r.url+article+`">`) {
		t.Errorf("the canonical link does not use the local address %s", r.url)
	}
	if !strings.Contains(page, `<script src="/research/_tearsheet/live.js" id="tearsheet-live"`) {
		t.Error("a served page must carry the live-reload script")
	}
	events := r.subscribe(t)

	writeFile(t, dir, "content/posts/first-note.md", note("Breadth widened in 2025."))
	events.next(t, "reload", article+"index.html")
	if _, page := r.get(t, article); !strings.Contains(page, "Breadth widened in 2025.") {
		t.Fatalf("after the reload event the page lacks the new text:\n%s", page)
	}

	writeFile(t, dir, "content/posts/first-note.md", "---\ntitle: [First <note>\ndate: 2024-01-15\n---\nBroken.\n")
	e := events.next(t, "builderror", "content/posts/first-note.md:")
	if strings.Contains(e.data, "<note>") {
		t.Errorf("error event data is not JSON-escaped: %s", e.data)
	}
	code, page = r.get(t, article)
	if code != 200 || !strings.Contains(page, "Breadth widened in 2025.") {
		t.Fatalf("while the build fails the last good page must be served; got %d:\n%s", code, page)
	}
	if !strings.Contains(r.stderr.String(), "content/posts/first-note.md:") {
		t.Errorf("the terminal does not show the error:\n%s", r.stderr)
	}
	// A browser that subscribes while the error stands gets it at once.
	late := r.subscribe(t)
	late.next(t, "builderror", "content/posts/first-note.md:")

	writeFile(t, dir, "content/posts/first-note.md", note("Breadth recovered."))
	events.next(t, "ok", "")
	events.next(t, "reload", article+"index.html")
	_, page = r.get(t, article)
	if !strings.Contains(page, "Breadth recovered.") {
		t.Errorf("after the fix the page must show the new text:\n%s", page)
	}

	// A new folder is watched: a bundle created after the start.
	if err := os.MkdirAll(filepath.Join(dir, "content/posts/new-bundle"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/posts/new-bundle/index.md", "---\ntitle: Late bundle\ndate: 2024-06-01\n---\nLate text.\n")
	events.next(t, "reload", "2024/06/new-bundle/index.html")
	writeFile(t, dir, "content/posts/new-bundle/index.md", "---\ntitle: Late bundle\ndate: 2024-06-01\n---\nLater text.\n")
	events.next(t, "reload", "2024/06/new-bundle/index.html")
	if _, page := r.get(t, "2024/06/new-bundle/"); !strings.Contains(page, "Later text.") {
		t.Error("an edit in a folder created after the start was not seen")
	}

	if out := r.stdout.String(); !strings.Contains(out, "content/posts/first-note.md (content): ") {
		t.Errorf("the terminal lacks a summary line per build:\n%s", out)
	}
	events.close()
	late.close()
	if err := r.stop(); err != nil {
		t.Fatalf("Run returned %v after cancel", err)
	}
	// Every goroutine of the server has ended.
	deadline := time.Now().Add(wait)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after stop, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

// TestServeOnlyTheSite checks what the server answers besides pages: 404
// with the site's 404 page, no way out of the built site, redirects to the
// base path and to folders, and no live script in the built files.
func TestServeOnlyTheSite(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{Drafts: true, Future: true})
	code, page := r.get(t, "no/such/page/")
	if code != 404 || !strings.Contains(page, "Page not found") {
		t.Errorf("missing page: %d\n%s", code, page)
	}
	host := strings.TrimPrefix(strings.TrimSuffix(r.url, "/research/"), "http://")
	for _, p := range []string{"/research/../site.yaml", "/../../content/posts/first-note.md", "/research/%2e%2e/site.yaml", "/research/content/", "/themes/default/templates/base.html"} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(conn, "GET "+p+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		resp, _ := io.ReadAll(conn)
		conn.Close()
		if !bytes.HasPrefix(resp, []byte("HTTP/1.1 404")) && !bytes.HasPrefix(resp, []byte("HTTP/1.1 400")) {
			t.Errorf("GET %s: %s", p, bytes.SplitN(resp, []byte("\r\n"), 2)[0])
		}
		if bytes.Contains(resp, []byte("baseURL:")) || bytes.Contains(resp, []byte("{{define")) {
			t.Errorf("GET %s served a source file", p)
		}
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for from, to := range map[string]string{"/": "/research/", "/research": "/research/", "/research/about": "/research/about/"} {
		resp, err := noRedirect.Get("http://" + host + from)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); loc != to {
			t.Errorf("GET %s redirects to %q, want %q", from, loc, to)
		}
	}
	if _, page := r.get(t, "2999/01/future-note/"); !strings.Contains(page, `class="badge">Scheduled<`) {
		t.Error("a future article served with --future lacks its Scheduled badge")
	}
	if _, page := r.get(t, "2024/02/draft-idea/"); !strings.Contains(page, `class="badge">Draft<`) {
		t.Error("a draft served with --drafts lacks its Draft badge")
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve wrote public/: it must build into memory")
	}
}

// TestInject checks where the preview goes into a page and that a page's
// name cannot break out of its attribute.
func TestInject(t *testing.T) {
	page := []byte(`<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'"></HEAD><body><p>x</p></body></html>`)
	got := string(Inject(page, "/repo/", `a/"><script>alert(1)</script>.html`))
	csp, script, css, head := strings.Index(got, "Content-Security-Policy"), strings.Index(got, `<script src="/repo/_tearsheet/live.js"`),
		strings.Index(got, `<link rel="stylesheet" href="/repo/_tearsheet/live.css"`), strings.Index(got, "</HEAD>")
	if csp < 0 || script < csp || css < csp || script > head || css > head {
		t.Errorf("the preview's script and stylesheet must follow the policy, in <head>:\n%s", got)
	}
	if strings.Contains(got, "<script>alert") || !strings.Contains(got, `data-page="a/&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.html"`) {
		t.Errorf("the page name is not escaped:\n%s", got)
	}
	if strings.Contains(got, "style=") || strings.Contains(got, "<script>") {
		t.Errorf("inline script or style injected:\n%s", got)
	}
	bare := string(Inject([]byte("<p>Not found</p>"), "/", "404.html"))
	if !strings.HasPrefix(bare, "<p>Not found</p><link") {
		t.Errorf("a page without </head> gets the preview at its end:\n%s", bare)
	}
}

// TestPageSum checks that two pages have the same sum exactly when they
// differ only in their stylesheets' URLs: the href of a <link
// rel="stylesheet">, however its attributes are written, and nothing else
// that ends in .css.
func TestPageSum(t *testing.T) {
	page := func(css, text string) []byte {
		return []byte(`<head><link rel="stylesheet" href="` + css + `"><link rel=icon href='/f.svg'><script src="/s.1.js"></script></head><p>` + text)
	}
	a := pageSum(page("/css/main.1a2b.css", "Hello"))
	if b := pageSum(page("/css/main.9f8e.css", "Hello")); a != b {
		t.Errorf("a new stylesheet name changed the sum: %s, %s", a, b)
	}
	upper := func(css string) []byte {
		return []byte(strings.Replace(string(page("", "Hello")), `rel="stylesheet" href=""`, `HREF='`+css+`' REL=Stylesheet`, 1))
	}
	if pageSum(upper("/css/main.1.css")) != pageSum(upper("/css/main.2.css")) {
		t.Error("a new stylesheet name changed the sum of a link written HREF='…' REL=Stylesheet")
	}
	for _, other := range []string{
		string(page("/css/main.1a2b.css", "Hello!")),
		strings.Replace(string(page("/css/main.1a2b.css", "Hello")), "/s.1.js", "/s.2.js", 1),
		// A link in the text to a .css file, or a feed's, is the page's.
		string(page("/css/main.1a2b.css", `Hello <a href="https://example.com/print-v2.css">x</a>`)),
		strings.Replace(string(page("/css/main.1a2b.css", "Hello")), "<link rel=icon href='/f.svg'>", `<link rel="alternate" href="/x.css">`, 1),
	} {
		if b := pageSum([]byte(other)); a == b {
			t.Errorf("a change besides the stylesheet's URL kept the sum: %s", other)
		}
	}
	withLink := func(v string) []byte {
		return page("/css/main.1a2b.css", `Hello <a href="https://example.com/print-`+v+`.css">x</a>`)
	}
	if pageSum(withLink("v1")) == pageSum(withLink("v2")) {
		t.Error("a link in the text to another .css file kept the sum")
	}
}

func TestOutputName(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "index.html",
		"about/":            "about/index.html",
		"css/main.css":      "css/main.css",
		"../../etc/passwd":  "etc/passwd",
		"a/../../b/":        "b/index.html",
		"2024/01/x/":        "2024/01/x/index.html",
		"404.html":          "404.html",
		"a//b":              "a/b",
		"./":                "index.html",
		"feed.xml":          "feed.xml",
		"..":                "index.html",
		"a/./b/../c/":       "a/c/index.html",
		"%2e%2e/site.yaml":  "%2e%2e/site.yaml",
		"tags/s-and-p-500/": "tags/s-and-p-500/index.html",
	} {
		if got := OutputName(in); got != want {
			t.Errorf("OutputName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestServeEventAfterEveryBuild checks that every build tells the browser
// how it went, also when it changed no output file: a save of the same
// bytes, and a broken file restored as it was, each end with "ok", so an
// overlay that was shown goes. A browser connecting learns the state at
// once.
func TestServeEventAfterEveryBuild(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	events.next(t, "ok", "") // on connecting, while the build is good
	orig, err := os.ReadFile(filepath.Join(dir, "content/posts/first-note.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The same bytes again: no output file changes.
	writeFile(t, dir, "content/posts/first-note.md", string(orig))
	events.next(t, "ok", "")

	writeFile(t, dir, "content/posts/first-note.md", "---\ntitle: [Broken\n---\n")
	events.next(t, "builderror", "content/posts/first-note.md:")
	late := r.subscribe(t)
	late.next(t, "builderror", "content/posts/first-note.md:")
	writeFile(t, dir, "content/posts/first-note.md", string(orig))
	events.next(t, "ok", "")
	late.next(t, "ok", "")

	// An edit that changes the page: ok, then reload.
	writeFile(t, dir, "content/posts/first-note.md", strings.Replace(string(orig), "Breadth narrowed", "Breadth narrowed a lot", 1))
	events.next(t, "ok", "")
	events.next(t, "reload", article+"index.html")
	r.subscribe(t).next(t, "ok", "")
}

// TestPreviewFiles checks the preview's own files: the client and its
// stylesheet below the base path and at the root, with their types, the
// event stream below the base path, and nothing else under _tearsheet/.
func TestPreviewFiles(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	origin := strings.TrimSuffix(r.url, "/research/")
	for _, c := range []struct{ path, ctype, want string }{
		{"/research/_tearsheet/live.js", "text/javascript", "new EventSource("},
		{"/_tearsheet/live.js", "text/javascript", "new EventSource("},
		{"/research/_tearsheet/live.css", "text/css", "#tearsheet-error {"},
	} {
		resp, err := r.client.Get(origin + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.ctype) || !strings.Contains(string(b), c.want) {
			t.Errorf("GET %s: %d %s, %d bytes", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), len(b))
		}
	}
	for _, p := range []string{"/research/_tearsheet/", "/research/_tearsheet/assets/live.js", "/research/_tearsheet/../site.yaml", "/_tearsheet/live.go"} {
		if resp, err := r.client.Get(origin + p); err != nil {
			t.Fatal(err)
		} else if resp.Body.Close(); resp.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
		}
	}
	// The events below the base path; a page that changed while it
	// loaded (its version is not the served one's) is reloaded at once.
	_, page := r.get(t, article)
	version := regexp.MustCompile(`data-version="([^"]+)"`).FindStringSubmatch(page)
	if version == nil {
		t.Fatalf("the page carries no version:\n%s", page)
	}
	name := article + "index.html"
	for v, want := range map[string]bool{version[1]: false, "old": true} {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", r.url+"_tearsheet/events?page="+name+"&version="+v, nil)
		resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
			t.Errorf("events below the base path: %d %s", resp.StatusCode, ct)
		}
		// The first flush holds what is sent on connecting.
		buf := make([]byte, 4096)
		n, _ := resp.Body.Read(buf)
		got := strings.Contains(string(buf[:n]), "event: reload\ndata: [\""+name+"\"]\n")
		if got != want {
			t.Errorf("subscribing with version %q: reload at once %v, want %v:\n%s", v, got, want, buf[:n])
		}
	}
}

// TestServeFrameAncestors: the preview sends what the published _headers
// says: a chart's embed may be framed by any site (CSP frame-ancestors *,
// which browsers obey before X-Frame-Options), other pages only by the site
// itself; a rule of the site's own static/_headers is sent too.
func TestServeFrameAncestors(t *testing.T) {
	// check GETs each path and compares X-Frame-Options,
	// Content-Security-Policy and Permissions-Policy with want's.
	check := func(r *running, with string, want map[string][3]string) {
		t.Helper()
		for path, w := range want {
			resp, err := r.client.Get(r.url + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			got := [3]string{resp.Header.Get("X-Frame-Options"), resp.Header.Get("Content-Security-Policy"), resp.Header.Get("Permissions-Policy")}
			if resp.StatusCode != 200 || got != w {
				t.Errorf("%s, GET %s: %d, headers %q, want %q", with, path, resp.StatusCode, got, w)
			}
			// A site's caching rule does not reach the preview.
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("%s, GET %s: Cache-Control %q, want no-store", with, path, cc)
			}
		}
	}
	dir := fixture(t)
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	own := "/*\n  X-Frame-Options: SAMEORIGIN\n  Cache-Control: max-age=3600\n/" + article + "\n  Permissions-Policy: camera=()\n"
	if err := os.WriteFile(filepath.Join(dir, "static", "_headers"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	check(start(t, dir, Options{}), "with the site's own _headers", map[string][3]string{
		article:                 {"SAMEORIGIN", "", "camera=()"},
		"2024/03/rates-bundle/": {"SAMEORIGIN", "", ""},
		"2024/03/rates-bundle/charts/policy-rate-prices-2023/embed/": {"SAMEORIGIN", "", ""},
	})
	if err := os.Remove(filepath.Join(dir, "static", "_headers")); err != nil {
		t.Fatal(err)
	}
	check(start(t, dir, Options{}), "with tearsheet's _headers", map[string][3]string{
		article: {"SAMEORIGIN", "", ""},
		"2024/03/rates-bundle/charts/policy-rate-prices-2023/":       {"SAMEORIGIN", "", ""},
		"2024/03/rates-bundle/charts/policy-rate-prices-2023/embed/": {"SAMEORIGIN", "frame-ancestors *", ""},
	})
}

// TestServeStopsBesideSilentConnections stops serve while a browser holds
// connections it opened ahead of time and has sent nothing on (Chromium
// preconnects so): serve stops at once and without an error, where
// http.Server.Shutdown alone waits five seconds for such a connection.
func TestServeStopsBesideSilentConnections(t *testing.T) {
	r := start(t, fixture(t), Options{})
	u, err := url.Parse(r.url)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	began := time.Now()
	if err := r.stop(); err != nil {
		t.Errorf("serve stopped with %v, want no error", err)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Errorf("serve took %v to stop, want under 3s", took)
	}
}

// TestServeKeepsBaseWhileConfigFails saves site.yaml broken, then with a
// new baseURL and an error elsewhere: the last good site stays at the path
// it was built for until a build succeeds, then moves with it (the old path
// redirecting there).
func TestServeKeepsBaseWhileConfigFails(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	good, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	served := func(path, want string, status int) {
		t.Helper()
		u, _ := url.Parse(r.url)
		resp, err := r.client.Get(u.Scheme + "://" + u.Host + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != status || !strings.Contains(string(b), want) {
			t.Errorf("GET %s: %d, want %d with %q", path, resp.StatusCode, status, want)
		}
	}
	writeFile(t, dir, "site.yaml", strings.Replace(string(good), "perPage: 2", "perPage: [2", 1))
	events.next(t, "builderror", "site.yaml:")
	served("/research/"+article, "Breadth narrowed", 200)
	writeFile(t, dir, "site.yaml", string(good))
	events.next(t, "ok", "")

	writeFile(t, dir, "content/posts/first-note.md", "---\ntitle: [Broken\n---\n")
	events.next(t, "builderror", "content/posts/first-note.md:")
	moved := strings.Replace(string(good), "example.org/research/", "example.org/lab/", 1)
	writeFile(t, dir, "site.yaml", moved)
	events.next(t, "builderror", "content/posts/first-note.md:") // site.yaml's build
	served("/research/"+article, "Breadth narrowed", 200)

	writeFile(t, dir, "content/posts/first-note.md", note("Breadth moved."))
	events.next(t, "ok", "")
	served("/lab/"+article, "Breadth moved.", 200)
	served("/research/"+article, "Breadth moved.", 200) // redirected: TestServeBaseMoved
}

// TestServeStoppedBeforeServing stops serve while its first build runs
// (its context ends before the build does): Run returns nil without
// serving, and says "stopped", not "serving ... at ...".
func TestServeStoppedBeforeServing(t *testing.T) {
	dir := fixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out syncBuffer
	ready := false
	err := Run(ctx, Options{Source: dir, Stdout: &out, Stderr: &out, Ready: func(string) { ready = true }})
	if err != nil || ready || strings.Contains(out.String(), "serving") || !strings.Contains(out.String(), "stopped") {
		t.Errorf("Run stopped before its first build ended: %v, ready %v, said:\n%s", err, ready, out.String())
	}
}

// TestServeListenErrors: a port another server holds is said to be
// taken, with --port to try another; a port no server can have, or an
// address not of this machine, is said to be wrong, not taken.
func TestServeListenErrors(t *testing.T) {
	dir := fixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := ln.Addr().(*net.TCPAddr).Port
	for _, tc := range []struct {
		name      string
		bind      string
		port      int
		want, not string
	}{
		{"taken", "127.0.0.1", taken, "is another server on that port? try --port", "--port takes"},
		{"out of range", "127.0.0.1", 99999, "--port takes 0 to 65535", "another server"},
		{"not this machine", "192.0.2.1", 0, "--bind an address of this machine", "another server"},
	} {
		var out syncBuffer
		err := Run(context.Background(), Options{Source: dir, Bind: tc.bind, Port: tc.port, Stdout: &out, Stderr: &out})
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), tc.not) {
			t.Errorf("%s: got %v, want %q and not %q", tc.name, err, tc.want, tc.not)
		}
	}
}

// TestServeConfigDeleted: site.yaml deleted (or renamed) while serve runs
// is an error the preview shows, saying to put it back, not the message
// of a command run outside a site folder; the last good build is served
// meanwhile, and the file put back builds again.
func TestServeConfigDeleted(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	config := filepath.Join(dir, "site.yaml")
	good, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(config); err != nil {
		t.Fatal(err)
	}
	e := events.next(t, "builderror", "deleted or renamed while serve ran: put it back")
	if strings.Contains(e.data, "run tearsheet in a site folder") {
		t.Errorf("the error sends the author to a site folder: %s", e.data)
	}
	if code, _ := r.get(t, "2024/01/first-note/"); code != 200 {
		t.Errorf("while site.yaml is gone the last good build must be served; got %d", code)
	}
	writeFile(t, dir, "site.yaml", string(good))
	events.next(t, "ok", "")
}
