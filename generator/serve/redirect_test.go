package serve

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOldBase checks where oldBase sends a path the site does not serve
// after its base path moved, and that a redirect never lands on a path
// that is redirected again (a chain, or a loop when the old base path is
// a prefix of the new one).
func TestOldBase(t *testing.T) {
	// The site serves these paths (a page below each base path, and the
	// folder "b/" of a site at "/a/"); "/x/b" is a folder without its
	// slash.
	pages := map[string]bool{"/research/p/": true, "/a/b/p/": true, "/a/p/": true, "/a/b/x/": true, "/x/b/": true}
	served := func(p string) (bool, bool) { return pages[p], pages[p+"/"] }
	for _, c := range []struct {
		p, base, from, want string // want "": not redirected
	}{
		{"/p/", "/research/", "", ""},                          // never moved
		{"/p/", "/research/", "/research/", ""},                // the same base
		{"/p/", "/research/", "/", "/research/p/"},             // an old address
		{"/no-such/", "/research/", "/", "/research/no-such/"}, // an old address the site lacks: found missing at the new one
		{"/research/no-such/", "/research/", "/", ""},          // an address of the site as it is: never /research/research/no-such/
		{"/research/p/x", "/research/", "/", ""},
		{"/a/b/no-such/", "/a/b/", "/a/", ""},
		{"/a/p/", "/a/b/", "/a/", "/a/b/p/"},
		{"/lab/p/", "/research/", "/lab/", "/research/p/"},
		{"/lab/no-such/", "/research/", "/lab/", "/research/no-such/"},
		{"/other/", "/research/", "/lab/", ""},
		{"/a/b/p/", "/a/", "/a/b/", "/a/p/"},             // the site moved up
		{"/a/b/no-such/", "/a/", "/a/b/", "/a/no-such/"}, // lands below base, not below from
		{"/a/b/b/no-such/", "/a/", "/a/b/", ""},          // would land on /a/b/no-such/, redirected again
		{"/a/b/b/x/", "/a/", "/a/b/", "/a/b/x/"},         // lands on a page the site serves
		{"/a/b", "/x/", "/a/", "/x/b/"},                  // a folder gets its slash at once
	} {
		got, ok := oldBase(c.p, c.base, c.from, served)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("oldBase(%q, base %q, from %q) = %q, want %q", c.p, c.base, c.from, got, c.want)
		}
		if ok && !pages[got] && redirected(got, c.base, c.from) {
			t.Errorf("oldBase(%q, base %q, from %q) = %q, which is redirected again", c.p, c.base, c.from, got)
		}
	}
}

// TestServeBaseMovedBelow gives site.yaml's baseURL a path below the old
// one ("/research/" then "/research/lab/"), then moves the site up to the
// host's root: a page missing at the new path is the site's 404 page, not
// a redirect to the base path doubled, again and again; an old address
// is redirected once, to the page or to the 404 page.
func TestServeBaseMovedBelow(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	good, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimSuffix(r.url, "/research/")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// get follows redirects, at most five, and returns the hops taken
	// and the last response's status and body.
	get := func(p string) (hops []string, code int, body string) {
		t.Helper()
		u := host + p
		for range 6 {
			resp, err := noFollow.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusFound && resp.StatusCode != http.StatusMovedPermanently {
				return hops, resp.StatusCode, string(b)
			}
			loc := resp.Header.Get("Location")
			hops = append(hops, loc)
			u = host + loc
		}
		return hops, 0, ""
	}
	// check is a GET of p: the redirects it takes and its last status.
	type check struct {
		p    string
		hops []string
		code int
	}
	for _, step := range []struct {
		baseURL string
		checks  []check
	}{
		{"https://example.org/research/lab/", []check{
			{"/research/lab/no-such-page/", nil, 404},
			{"/research/lab/" + article, nil, 200},
			{"/research/" + article, []string{"/research/lab/" + article}, 200},
			{"/research/no-such-page/", []string{"/research/lab/no-such-page/"}, 404},
		}},
		{"https://example.org/", []check{
			{"/no-such-page/", nil, 404},
			{"/research/lab/" + article, []string{"/" + article}, 200},
			{"/research/lab/lab/no-such-page/", []string{"/lab/no-such-page/"}, 404},
		}},
	} {
		writeFile(t, dir, "site.yaml", strings.Replace(string(good), "https://example.org/research/", step.baseURL, 1))
		events.next(t, "reload", article+"index.html")
		for _, c := range step.checks {
			hops, code, body := get(c.p)
			if strings.Join(hops, " ") != strings.Join(c.hops, " ") || code != c.code {
				t.Errorf("baseURL %s: GET %s: redirected to %q, then %d; want %q, then %d", step.baseURL, c.p, hops, code, c.hops, c.code)
			}
			if code == 404 && !strings.Contains(body, "Page not found") {
				t.Errorf("baseURL %s: GET %s: a 404 that is not the site's 404 page:\n%s", step.baseURL, c.p, body)
			}
		}
	}
}
