package build

import (
	"encoding/xml"
	"strings"
	"testing"

	"golang.org/x/net/html"
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

// TestPeerHeadingIDsBesideTheme: a heading whose text makes an id the
// theme gives the page around the article (## Main, the skip link's
// target; ## Related, the related articles' heading; ## Toc title) takes
// the next free id, so that no id is on the page twice and every link of
// the contents leads to its heading.
func TestPeerHeadingIDsBesideTheme(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{
		"content/posts/sections.md": "---\ntitle: Sections\ndate: 2026-10-02\ntags: [rates]\n---\nIntro.\n\n## Main\n\nA.\n\n## Related\n\nB.\n\n## Toc title\n\nC.\n\n### Figure notes\n\nD.\n\n## Main\n\nE.\n",
		"content/posts/other.md":    "---\ntitle: Other\ndate: 2026-10-01\ntags: [rates]\n---\nRelated by its tag.\n",
	})
	doc := builtPage(t, fsys, "2026/10/sections/index.html")
	seen := map[string]int{}
	byID := map[string]*html.Node{}
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") != "" }) {
		seen[attr(n, "id")]++
		byID[attr(n, "id")] = n
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("id %q is on the page %d times", id, n)
		}
	}
	if byID["related"] == nil || !strings.Contains(text(byID["related"]), "Related research") {
		t.Fatalf("the premise: the page has the theme's related articles under #related")
	}
	toc := findAll(doc, func(n *html.Node) bool { return hasClass(n, "toc") })
	if len(toc) != 1 {
		t.Fatalf("%d contents", len(toc))
	}
	var got []string
	for _, a := range elements(toc[0], "a") {
		target := byID[strings.TrimPrefix(attr(a, "href"), "#")]
		if target == nil || (target.Data != "h2" && target.Data != "h3") || text(target) != text(a) {
			t.Errorf("the contents' link %q (%s) does not lead to its heading", text(a), attr(a, "href"))
		}
		got = append(got, attr(a, "href"))
	}
	if want := "#main-1 #related-1 #toc-title-1 #figure-notes-1 #main-2"; strings.Join(got, " ") != want {
		t.Errorf("the contents link %q, want %q", strings.Join(got, " "), want)
	}
}
