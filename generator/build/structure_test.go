package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/site"
)

// researchFS is the structure fixture: five articles over three years, tags
// that merge ("Equities" and "equities"), a bundle, pages with terms and
// privacy, an alias, feeds.items 3 and perPage 2.
func researchFS(t testing.TB) fstest.MapFS { return siteFS(t, "testdata/sites/research") }

// withConfig returns fsys with extra lines appended to site.yaml.
func withConfig(fsys fstest.MapFS, extra string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range fsys {
		m[k] = v
	}
	m["site.yaml"] = &fstest.MapFile{Data: append(append([]byte(nil), fsys["site.yaml"].Data...), extra...)}
	return m
}

// withArticles keeps only the articles of fsys whose path contains one of keep.
func withArticles(fsys fstest.MapFS, keep ...string) fstest.MapFS {
	m := fstest.MapFS{}
outer:
	for k, v := range fsys {
		if strings.HasPrefix(k, "content/posts/") {
			for _, s := range keep {
				if strings.Contains(k, s) {
					m[k] = v
					continue outer
				}
			}
			continue
		}
		m[k] = v
	}
	return m
}

// buildResearch builds the structure fixture with extra site.yaml lines.
func buildResearch(t *testing.T, extra string) *output.Memory {
	t.Helper()
	mem, _, err := buildMem(t, withConfig(researchFS(t), extra), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return mem
}

// mustContain reports each of wants that text, the file name, lacks.
func mustContain(t *testing.T, name, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %s", name, w)
		}
	}
}

func mustGet(t *testing.T, mem *output.Memory, name string) []byte {
	t.Helper()
	b, ok := mem.Get(name)
	if !ok {
		t.Fatalf("%s was not written", name)
	}
	return b
}

func TestGoldenStructure(t *testing.T) {
	mem := buildResearch(t, "")
	for _, name := range []string{
		"tags/equities/index.html",
		"tags/equities/page/2/index.html",
		"tags/index.html",
		"2024/index.html",
		"2024/05/index.html",
		"archive/index.html",
		"subscribe/index.html",
		"search/index.html",
		"sitemap.xml",
		"robots.txt",
		"search/index.json",
		"index.xml",
		"atom.xml",
		"feed.json",
		"tags/rates/index.xml",
		"2024/05/curve-bundle/index.html",
	} {
		checkGolden(t, filepath.Join("testdata/golden/research", name), mustGet(t, mem, name))
	}
}

// TestFeeds parses every feed with a real feed parser.
func TestFeeds(t *testing.T) {
	mem := buildResearch(t, "")
	p := gofeed.NewParser()
	for _, tc := range []struct {
		dir    string
		titles []string // newest first
	}{
		{"", []string{"The curve </script><b>inverted</b>", "Breadth & leadership", "Small caps"}}, // feeds.items: 3
		{"tags/equities/", []string{"The curve </script><b>inverted</b>", "Breadth & leadership", "Small caps"}},
		{"tags/rates/", []string{"The curve </script><b>inverted</b>", "Rates in 2023"}},
		{"tags/small-caps/", []string{"Small caps"}},
	} {
		for _, f := range []string{"index.xml", "atom.xml", "feed.json"} {
			name := tc.dir + f
			fd, err := p.Parse(bytes.NewReader(mustGet(t, mem, name)))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if fd.Title == "" {
				t.Errorf("%s: no title", name)
			}
			var got []string
			for _, it := range fd.Items {
				got = append(got, it.Title)
				if it.Title == "" || it.PublishedParsed == nil || it.Content == "" {
					t.Errorf("%s: item %q lacks a title, date or content", name, it.Link)
				}
				if u, err := url.Parse(it.Link); err != nil || u.Scheme != "https" || u.Host != "example.org" || !strings.HasPrefix(u.Path, "/research/") {
					t.Errorf("%s: item link %q is not an absolute URL under the base URL", name, it.Link)
				}
				if it.GUID != it.Link {
					t.Errorf("%s: id %q is not the permalink %q", name, it.GUID, it.Link)
				}
				if m := regexp.MustCompile(`(?:href|src)="(?:/|[a-z]+\.|#)`).FindString(it.Content); m != "" {
					t.Errorf("%s: item %q has a relative URL in its content: %s", name, it.Title, m)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.titles, "|") {
				t.Errorf("%s: items\n%q\nwant\n%q", name, got, tc.titles)
			}
		}
	}
	curve := `https://example.org/research/2024/05/curve-bundle/`
	rss := string(mustGet(t, mem, "index.xml"))
	for _, want := range []string{
		`src=&#34;` + curve + `curve.png&#34;`,               // a bundle image
		`href=&#34;` + curve + `curve.csv&#34;`,              // a bundle file
		`href=&#34;https://example.org/research/about/&#34;`, // a site path
		`<pubDate>Mon, 20 May 2024 09:00:00 +0000</pubDate>`, // RFC 822, UTC
	} {
		mustContain(t, "index.xml", rss, want)
	}
}

// TestFeedRequiredFields checks what the JSON Feed 1.1 and Atom 1.0
// specifications require, which lenient parsers do not.
func TestFeedRequiredFields(t *testing.T) {
	mem := buildResearch(t, "")
	var jf struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Items   []struct {
			ID          string `json:"id"`
			ContentHTML string `json:"content_html"`
			Date        string `json:"date_published"`
		} `json:"items"`
	}
	if err := json.Unmarshal(mustGet(t, mem, "feed.json"), &jf); err != nil {
		t.Fatal(err)
	}
	if jf.Version != "https://jsonfeed.org/version/1.1" || jf.Title == "" || jf.Items == nil {
		t.Errorf("feed.json lacks version, title or items: %+v", jf)
	}
	for _, it := range jf.Items {
		if it.ID == "" || it.ContentHTML == "" || !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(it.Date) {
			t.Errorf("feed.json item lacks id or content, or its date is not RFC 3339 UTC: %+v", it)
		}
	}
	var af struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Author  []struct {
				Name string `xml:"name"`
			} `xml:"author"`
		} `xml:"entry"`
	}
	for _, name := range []string{"atom.xml", "tags/rates/atom.xml"} {
		if err := xml.Unmarshal(mustGet(t, mem, name), &af); err != nil {
			t.Fatal(err)
		}
		if af.ID == "" || af.Title == "" || af.Updated == "" {
			t.Errorf("%s: feed lacks id, title or updated", name)
		}
		self := false
		for _, l := range af.Links {
			self = self || (l.Rel == "self" && strings.HasSuffix(l.Href, name))
		}
		if !self {
			t.Errorf("%s: no rel=self link to itself", name)
		}
		for _, e := range af.Entries {
			if e.ID == "" || e.Title == "" || e.Updated == "" || (len(e.Author) == 0 && len(af.Author) == 0) {
				t.Errorf("%s: entry %q lacks id, title, updated or author", name, e.ID)
			}
		}
	}
}

func TestCrawlUnderSubPath(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fsys  fstest.MapFS
		pages []string // pages that must be reachable
	}{
		{"research", researchFS(t), []string{"tags/", "tags/equities/page/2/", "archive/", "2023/11/", "2022/", "search/", "subscribe/", "terms/", "privacy/"}},
		{"buttondown", withConfig(researchFS(t), "subscribe: {provider: buttondown, username: deskletter}\n"), []string{"subscribe/"}},
		{"no articles", withArticles(researchFS(t)), []string{"archive/", "tags/", "search/", "subscribe/", "about/"}},
		{"one article", withArticles(researchFS(t), "small-caps"), []string{"2024/02/small-caps/", "tags/small-caps/", "2024/02/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mem *output.Memory
			srv := serveSite(t, &mem)
			var err error
			mem, _, err = buildMem(t, tc.fsys, Options{BaseURL: srv.URL + subPath})
			if err != nil {
				t.Fatal(err)
			}
			res := crawl(t, srv.URL+subPath)
			for _, p := range tc.pages {
				if !res.pages[srv.URL+subPath+p] {
					t.Errorf("page %s was not reached from the home page", p)
				}
			}
			for _, f := range []string{"index.xml", "atom.xml", "feed.json", site.SearchIndex, "js/search.js"} {
				if !res.fetched[srv.URL+subPath+f] {
					t.Errorf("%s is not linked from any page", f)
				}
			}
			if len(res.pages) < 6 {
				t.Errorf("crawled only %d pages", len(res.pages))
			}
		})
	}
}

func TestJSONLDAndSocialCards(t *testing.T) {
	mem := buildResearch(t, "")
	page := mustGet(t, mem, "2024/05/curve-bundle/index.html")
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	metas := map[string]string{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			for _, a := range n.Attr {
				if a.Key == "type" && a.Val == "application/ld+json" && n.FirstChild != nil {
					scripts = append(scripts, n.FirstChild.Data)
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "meta" {
			var k, v string
			for _, a := range n.Attr {
				switch a.Key {
				case "property", "name":
					k = a.Val
				case "content":
					v = a.Val
				}
			}
			metas[k] = v
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(scripts) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1 (a title with </script> must not break out)", len(scripts))
	}
	var ld struct {
		Type     string `json:"@type"`
		Headline string `json:"headline"`
		Modified string `json:"dateModified"`
	}
	if err := json.Unmarshal([]byte(scripts[0]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, scripts[0])
	}
	if ld.Type != "Article" || ld.Headline != "The curve </script><b>inverted</b>" || ld.Modified != "2024-06-01T00:00:00Z" {
		t.Errorf("JSON-LD = %+v", ld)
	}
	for k, want := range map[string]string{
		"og:image":     "https://example.org/research/2024/05/curve-bundle/card-curve.png", // the article's image
		"og:type":      "article",
		"og:url":       "https://example.org/research/2024/05/curve-bundle/",
		"twitter:card": "summary_large_image",
	} {
		if metas[k] != want {
			t.Errorf("%s = %q, want %q", k, metas[k], want)
		}
	}
	// Without its own image, an article gets the site's.
	other := mustGet(t, mem, "2024/02/small-caps/index.html")
	if !bytes.Contains(other, []byte(`<meta property="og:image" content="https://example.org/research/img/card.png">`)) {
		t.Error("an article without an image does not fall back to site.yaml image")
	}
	// Autodiscovery: a tag page names its own feeds and the site's.
	tag := string(mustGet(t, mem, "tags/rates/index.html"))
	for _, want := range []string{
		`<link rel="alternate" type="application/rss+xml" title="Structure Research: Rates (RSS)" href="https://example.org/research/tags/rates/index.xml">`,
		`<link rel="alternate" type="application/feed+json" title="Structure Research (JSON Feed)" href="https://example.org/research/feed.json">`,
	} {
		mustContain(t, "tags/rates/index.html", tag, want)
	}
}

// TestSearchIndex reads the search index as js/search.js does: the
// manifest, the shard of a word, the article list and the fragment.
func TestSearchIndex(t *testing.T) {
	mem := buildResearch(t, "")
	var man struct {
		Docs, PerList        int
		First, Shards, Lists []string
	}
	readJSON := func(name string, v any) {
		t.Helper()
		b := mustGet(t, mem, name)
		if bytes.ContainsAny(b, "<>") {
			t.Errorf("%s holds a raw < or >: %s", name, b)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	readJSON(site.SearchIndex, &man)
	if man.Docs != 5 || len(man.Lists) != 1 || len(man.Shards) != len(man.First) || len(man.Shards) == 0 {
		t.Fatalf("manifest: %+v", man)
	}
	shardOf := func(w string) map[string][][]int {
		k := sort.Search(len(man.First), func(i int) bool { return man.First[i] > w }) - 1
		var shard map[string][][]int
		readJSON(site.SearchDir+man.Shards[max(k, 0)], &shard)
		return shard
	}
	var docs [][4]string
	readJSON(site.SearchDir+man.Lists[0], &docs)
	if docs[0][0] != "/research/2024/05/curve-bundle/" || docs[0][1] != "The curve </script><b>inverted</b>" || docs[0][2] != "2024-05-20" {
		t.Errorf("first article: %q", docs[0])
	}
	var fragment struct{ Sections [][3]string }
	readJSON(site.SearchDir+docs[0][3], &fragment)
	frag := fragment.Sections

	// "inverted" is in the title and the text: the newest article, with
	// the title's score, pointing at the section that holds it.
	inv := shardOf("inverted")["inverted"]
	if len(inv) != 1 || inv[0][0] != 0 || inv[0][1] < 100 || len(inv[0]) < 3 || !strings.Contains(frag[inv[0][2]][2], "The yield curve inverted.") {
		t.Errorf("postings of inverted: %v (fragment %q)", inv, frag)
	}
	// "chart" is a heading: its section is the heading's, with its anchor.
	ch := shardOf("chart")["chart"]
	if len(ch) == 0 || ch[0][0] != 0 || len(ch[0]) < 3 || frag[ch[0][2]][0] != "the-chart" || frag[ch[0][2]][1] != "The chart" {
		t.Errorf("postings of chart: %v (fragment %q)", ch, frag)
	}
	// Tags are words of their articles.
	if r := shardOf("rates")["rates"]; len(r) < 2 {
		t.Errorf("postings of rates (a tag of two articles): %v", r)
	}
}

func TestGitHubPagesFiles(t *testing.T) {
	mem := buildResearch(t, "domain: research.example.org\n")
	if b, ok := mem.Get(".nojekyll"); !ok || len(b) != 0 {
		t.Error("no empty .nojekyll")
	}
	if b, _ := mem.Get("CNAME"); string(b) != "research.example.org\n" {
		t.Errorf("CNAME = %q", b)
	}
	if b, _ := mem.Get("robots.txt"); !bytes.Contains(b, []byte("Sitemap: https://example.org/research/sitemap.xml\n")) {
		t.Errorf("robots.txt = %q", b)
	}
	if _, ok := buildResearch(t, "").Get("CNAME"); ok {
		t.Error("CNAME written without a domain")
	}
}

// TestStructureCollisions: pages that would overwrite a list, an index or a
// feed are errors naming both, the page's file first.
func TestStructureCollisions(t *testing.T) {
	for _, tc := range []struct {
		file, want string
	}{
		{"content/tags.md", "content/tags.md: output tags/index.html is also written by the tag index"},
		{"content/2024.md", "content/2024.md: output 2024/index.html is also written by "},
		{"content/archive.md", "content/archive.md: output archive/index.html is also written by the archive index"},
	} {
		fsys := researchFS(t)
		fsys[tc.file] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\nx\n")}
		_, _, err := buildMem(t, fsys, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.file, err, tc.want)
		}
	}
}

// TestCaseCollisions: an output whose path differs from another's only in
// letter case is an error naming both: the file systems of macOS and
// Windows would write one over the other, silently.
func TestCaseCollisions(t *testing.T) {
	fsys := researchFS(t)
	fsys["content/posts/moved.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Moved\ndate: 2024-06-01\naliases: [/Old/Breadth/]\n---\nx\n")}
	_, _, err := buildMem(t, fsys, Options{})
	want := "content/posts/breadth.md:6 (alias /old/breadth/): output old/breadth/index.html differs from Old/Breadth/index.html, written by content/posts/moved.md:4 (alias /Old/Breadth/), only in letter case: on macOS and Windows"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one containing %q", err, want)
	}
	// Another alias in its own folder is no clash.
	fsys["content/posts/moved.md"].Data = []byte("---\ntitle: Moved\ndate: 2024-06-01\naliases: [/Old/Moved/]\n---\nx\n")
	if _, _, err := buildMem(t, fsys, Options{}); err != nil {
		t.Fatalf("an alias /Old/Moved/: %v", err)
	}
}

func TestIsSearchFile(t *testing.T) {
	for name, want := range map[string]bool{
		"search/index.json":         true,
		"search/t/0123abcd.json":    true,
		"search/d/0123abcd.json":    true,
		"search/f/0123abcd.json":    true,
		"search/index.html":         false,
		"search/t/page/index.html":  false,
		"search/t/x/y.json":         false,
		"search.json":               false,
		"posts/search/t/0123.json":  false,
		"search/data/0123abcd.json": false,
	} {
		if got := isSearchFile(name); got != want {
			t.Errorf("isSearchFile(%q) = %v, want %v", name, got, want)
		}
	}
}
