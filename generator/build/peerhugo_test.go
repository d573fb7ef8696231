package build

import (
	"encoding/xml"
	"strings"
	"testing"
)

// sitemapLastmods returns each address of sitemap.xml with its lastmod
// ("" for none), from the parsed XML.
func sitemapLastmods(t *testing.T, b []byte) map[string]string {
	t.Helper()
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, u := range sm.URLs {
		out[strings.TrimPrefix(u.Loc, "https://example.org/research")] = u.Lastmod
	}
	return out
}

// TestPeerSitemapTaxonomyIndex: a taxonomy's index (/categories/), which
// lists its terms and their counts, was last changed by the newest of the
// articles that have a term, as Hugo's sitemap says, not by the newest
// article of the site; an index of no terms has no lastmod.
func TestPeerSitemapTaxonomyIndex(t *testing.T) {
	fsys := withConfig(peerCorpus(t, map[string]string{
		"content/posts/filed.md":   "---\ntitle: Filed\ndate: 2026-03-14T09:30:00-05:00\nlastmod: 2026-03-20T11:00:00-05:00\ncategories: [Macro Notes]\ntags: [Rates]\n---\nFiled.\n",
		"content/posts/tagged.md":  "---\ntitle: Tagged\ndate: 2026-04-01\ntags: [Rates]\n---\nTagged.\n",
		"content/posts/newest.md":  "---\ntitle: Newest\ndate: 2026-05-01\n---\nNo terms.\n",
		"content/posts/updated.md": "---\ntitle: Updated\ndate: 2026-01-01\nlastmod: 2026-04-10\ntags: [Curve]\n---\nUpdated.\n",
	}), "taxonomies:\n  categories: {}\n  tickers: {}\n")
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := sitemapLastmods(t, mustGet(t, mem, "sitemap.xml"))
	for path, want := range map[string]string{
		"/":            "2026-05-01T00:00:00Z",
		"/archive/":    "2026-05-01T00:00:00Z",
		"/tags/":       "2026-04-10T00:00:00Z",
		"/categories/": "2026-03-20T16:00:00Z",
		"/tickers/":    "",
	} {
		lm, ok := got[path]
		if !ok {
			t.Errorf("sitemap.xml does not list %s", path)
			continue
		}
		if lm != want {
			t.Errorf("%s: lastmod %q, want %q", path, lm, want)
		}
	}
}
