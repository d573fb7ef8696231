package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// peerSite is a site whose front matter uses keys of Hugo, Zola and
// Jekyll: an article that expires, one scheduled by publishDate, one dated
// only by publishDate with keywords and images, and a page with an image
// and keywords.
func peerSite(t testing.TB) fstest.MapFS {
	fsys := siteFS(t, "testdata/sites/basic")
	for name := range fsys {
		if strings.HasPrefix(name, "content/posts/") || name == "content/about.md" {
			delete(fsys, name)
		}
	}
	put := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(text)} }
	put("content/posts/old-offer.md", "---\ntitle: Offer for subscribers\ndate: 2026-01-05\nexpiryDate: 2026-12-01\n---\nThe offer ends in December.\n")
	put("content/posts/embargoed.md", "---\ntitle: Embargoed note\ndate: 2026-10-20\npublishDate: 2026-11-15T09:00:00Z\n---\nOut on the fifteenth.\n")
	put("content/posts/curve.md", "---\ntitle: The curve in autumn\npublishdate: 2026-10-02\nmodified: 2026-10-09\nkeywords: [yield curve, term premium]\nimages: [curve-card.png, spare.png]\ntags: [rates]\n---\nThe curve steepened.\n")
	put("content/about.md", "---\ntitle: About\nimage: /img/desk.png\nkeywords: [research desk]\n---\nWho we are.\n")
	return fsys
}

// head returns the content of the page's <meta> named name (or with
// property name).
func headMeta(t *testing.T, page string, b []byte, name string) []string {
	t.Helper()
	var out []string
	for _, m := range elements(parseHTML(t, page, b), "meta") {
		if attr(m, "name") == name || attr(m, "property") == name {
			out = append(out, attr(m, "content"))
		}
	}
	return out
}

// TestPeerKeysBuild: expiryDate takes an article out of the site once it
// has passed, publishDate keeps one out until then, and keywords and images
// reach the page's head.
func TestPeerKeysBuild(t *testing.T) {
	fsys := peerSite(t)
	for _, tc := range []struct {
		now        time.Time
		want, gone []string
	}{
		{fixedNow, // 2026-11-01
			[]string{"2026/01/old-offer/index.html", "2026/10/curve/index.html"},
			[]string{"2026/10/embargoed/index.html"}},
		{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
			[]string{"2026/10/embargoed/index.html", "2026/10/curve/index.html"},
			[]string{"2026/01/old-offer/index.html", "2026/01/index.html"}},
	} {
		mem, _, err := buildMem(t, fsys, Options{Now: tc.now})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range tc.want {
			if _, ok := mem.Get(name); !ok {
				t.Errorf("at %s: %s was not written", tc.now, name)
			}
		}
		for _, name := range tc.gone {
			if _, ok := mem.Get(name); ok {
				t.Errorf("at %s: %s was written", tc.now, name)
			}
		}
		home, _ := mem.Get("index.html")
		for _, name := range tc.gone {
			if link := "/research/" + strings.TrimSuffix(name, "index.html"); strings.Contains(name, "/2026/") && strings.Contains(string(home), `href="`+link+`"`) {
				t.Errorf("at %s: the home page links %s", tc.now, link)
			}
		}
	}
	// --future shows the article publishDate holds back, as a date does.
	mem, _, err := buildMem(t, fsys, Options{Future: true})
	if err != nil {
		t.Fatal(err)
	}
	page, ok := mem.Get("2026/10/embargoed/index.html")
	if !ok || !strings.Contains(string(page), `class="badge">Scheduled<`) {
		t.Errorf("with --future the embargoed article must be built with a Scheduled badge")
	}

	mem, _, err = buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, _ = mem.Get("2026/10/curve/index.html")
	for _, c := range []struct{ name, want string }{
		{"keywords", "yield curve, term premium"},
		{"og:image", "https://example.org/research/2026/10/curve/curve-card.png"},
		{"article:published_time", "2026-10-02T00:00:00Z"},
		{"article:modified_time", "2026-10-09T00:00:00Z"},
	} {
		if got := headMeta(t, "curve", page, c.name); len(got) != 1 || got[0] != c.want {
			t.Errorf("curve: meta %s = %q, want %q", c.name, got, c.want)
		}
	}
	if !strings.Contains(string(page), `"keywords":["rates","yield curve","term premium"]`) {
		t.Errorf("curve: JSON-LD keywords are not the tags then the keywords:\n%s", page)
	}
	about, _ := mem.Get("about/index.html")
	if got := headMeta(t, "about", about, "og:image"); len(got) != 1 || got[0] != "https://example.org/research/img/desk.png" {
		t.Errorf("about: og:image %q, want the page's own image", got)
	}
	if got := headMeta(t, "about", about, "keywords"); len(got) != 1 || got[0] != "research desk" {
		t.Errorf("about: keywords %q", got)
	}
	home, _ := mem.Get("index.html")
	if got := headMeta(t, "home", home, "keywords"); got != nil {
		t.Errorf("home: keywords %q, want none", got)
	}
}

// TestSessionClockPeerDates: a preview whose clock passes an article's
// publishDate or expiryDate builds the site again in full, as a fresh
// build at that clock would.
func TestSessionClockPeerDates(t *testing.T) {
	dir := t.TempDir()
	for name, f := range peerSite(t) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := editor{t, dir}
	publish := time.Date(2026, 11, 15, 9, 0, 0, 0, time.UTC)
	expire := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for i, st := range []struct {
		now   time.Time
		quick bool
	}{
		{publish.Add(-time.Minute), true},
		{publish, false},
		{expire.Add(-time.Minute), true},
		{expire, false},
	} {
		e.edit("content/posts/curve.md", "steepened", "steepened again")
		clockStep(t, s, dir, "content/posts/curve.md", st.now, st.quick, i)
	}
}
