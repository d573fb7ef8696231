package build

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"strings"
	"testing"
	"testing/fstest"

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

// hugoSection is a site moved from Hugo that keeps its articles'
// addresses with the permalink /posts/:slug/ (config): three articles,
// two to a page of a list.
func hugoSection(t *testing.T, config string) fstest.MapFS {
	return withConfig(peerCorpus(t, map[string]string{
		"content/posts/first.md":  "---\ntitle: First\ndate: 2026-10-01\n---\nThe first.\n",
		"content/posts/second.md": "---\ntitle: Second\ndate: 2026-10-02\n---\nThe second.\n",
		"content/posts/third.md":  "---\ntitle: Third\ndate: 2026-10-03\n---\nThe third steepened.\n",
	}), config)
}

// TestPeerSectionPages: Hugo's list of a section (/posts/, /posts/page/2/)
// and its feed (/posts/index.xml), which a reader or a feed reader of a
// site moved from Hugo still asks for, are not "not found": each page of
// the list redirects to the home page of that number, and the feed is the
// site's RSS feed, whose self link is /index.xml. A page of the site at
// /posts/ keeps its address, and a permalink without a section makes none.
func TestPeerSectionPages(t *testing.T) {
	fsys := hugoSection(t, "permalink: /posts/:slug/\n")
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"posts/index.html":        "https://example.org/research/",
		"posts/page/2/index.html": "https://example.org/research/page/2/",
	} {
		doc := parseHTML(t, name, mustGet(t, mem, name))
		var to []string
		for _, m := range elements(doc, "meta") {
			if attr(m, "http-equiv") == "refresh" {
				to = append(to, attr(m, "content"))
			}
		}
		if len(to) != 1 || to[0] != "0; url="+want {
			t.Errorf("%s: refresh %q, want to %s", name, to, want)
		}
		if got := headMeta(t, name, mustGet(t, mem, name), "robots"); len(got) != 1 || got[0] != "noindex" {
			t.Errorf("%s: robots %q, want noindex", name, got)
		}
	}
	if _, ok := mem.Get("posts/page/3/index.html"); ok {
		t.Errorf("posts/page/3/ was written: the home page has 2 pages")
	}
	var rss struct {
		Channel struct {
			Self []struct {
				Href string `xml:"href,attr"`
			} `xml:"http://www.w3.org/2005/Atom link"`
			Items []struct {
				Link string `xml:"link"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(mustGet(t, mem, "posts/index.xml"), &rss); err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, it := range rss.Channel.Items {
		links = append(links, strings.TrimPrefix(it.Link, "https://example.org/research"))
	}
	if got := strings.Join(links, " "); got != "/posts/third/ /posts/second/ /posts/first/" {
		t.Errorf("posts/index.xml items %q", got)
	}
	if len(rss.Channel.Self) != 1 || rss.Channel.Self[0].Href != "https://example.org/research/index.xml" {
		t.Errorf("posts/index.xml self link %v, want the site's feed", rss.Channel.Self)
	}
	for _, loc := range sitemapLocs(t, mem) {
		if strings.Contains(loc, "/posts/page/") || strings.HasSuffix(loc, "/research/posts/") {
			t.Errorf("sitemap.xml lists the redirect %s", loc)
		}
	}

	fsys["content/posts.md"] = &fstest.MapFile{Data: []byte("---\ntitle: All our posts\n---\nA page of our own.\n")}
	mem, _, err = buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b := mustGet(t, mem, "posts/index.html"); !strings.Contains(string(b), "A page of our own.") {
		t.Errorf("content/posts.md is not the page at /posts/")
	}
	if _, ok := mem.Get("posts/page/2/index.html"); !ok {
		t.Errorf("posts/page/2/ was not written beside the page /posts/")
	}

	mem, _, err = buildMem(t, hugoSection(t, ""), Options{}) // the fixture's permalink: /:year/:month/:slug/
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"posts/index.xml", "2026/index.xml", "posts/page/2/index.html"} {
		if _, ok := mem.Get(name); ok {
			t.Errorf("permalink /:year/:month/:slug/: %s was written", name)
		}
	}
}

// TestSessionSectionFeed: a preview's quick build after an article's text
// changed writes the section's feed (/posts/index.xml) anew with the
// site's, byte for byte what a fresh build writes.
func TestSessionSectionFeed(t *testing.T) {
	dir := t.TempDir()
	e := editor{t, dir}
	for name, f := range hugoSection(t, "permalink: /posts/:slug/\n") {
		e.put(name, string(f.Data))
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	e.edit("content/posts/third.md", "steepened", "steepened again")
	_, got, err := s.Build(context.Background(), []string{"content/posts/third.md"})
	if err != nil || !s.quick {
		t.Fatalf("the premise: a quick build: %v, quick %v", err, s.quick)
	}
	fresh, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, fresh, got)
	feed := mustGet(t, got, "posts/index.xml")
	if !bytes.Contains(feed, []byte("steepened again")) {
		t.Errorf("posts/index.xml does not hold the edit")
	}
	if !bytes.Equal(feed, mustGet(t, got, "index.xml")) {
		t.Errorf("posts/index.xml is not the site's RSS feed")
	}
}
