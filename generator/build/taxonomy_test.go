package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/output"
)

// taxonomyConfig is what the taxonomy tests add to a fixture's site.yaml.
const taxonomyConfig = `
taxonomies:
  tickers:
    perPage: 2
  asset_classes:
    title: Asset classes
`

// taxonomyFS is the basic fixture with tickers and asset classes: the
// rates bundle names SPX and IWM, has two authors and a chart series that
// names SPX; the first note names SPX.
func taxonomyFS(t *testing.T) fstest.MapFS {
	fsys := withConfig(siteFS(t, "testdata/sites/basic"), taxonomyConfig)
	edit(t, fsys, "content/posts/rates-bundle/index.md", `author: "R. Analyst"`, "authors: [\"R. Analyst\", \"B. Writer\"]\ntickers: [SPX, IWM]\nasset_classes: [Rates]")
	edit(t, fsys, "content/posts/rates-bundle/index.md", "    label: \"Rate\"\n", "    label: \"Rate\"\n    ticker: SPX\n")
	edit(t, fsys, "content/posts/first-note.md", "tags: [Equities, Breadth]", "tags: [Equities, Breadth]\ntickers: [SPX]\nasset_classes: [US equities]")
	return fsys
}

// edit replaces old with new in the file name of fsys.
func edit(t *testing.T, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !bytes.Contains(f.Data, []byte(old)) {
		t.Fatalf("%s lacks %q", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
}

// htmlDoc parses an output page.
func htmlDoc(t *testing.T, mem *output.Memory, name string) *html.Node {
	t.Helper()
	return parseHTML(t, name, mustGet(t, mem, name))
}

// byClass returns the elements of doc whose class list holds class.
func byClass(doc *html.Node, class string) []*html.Node {
	return findAll(doc, func(n *html.Node) bool { return hasClass(n, class) })
}

// jsonLDs decodes every JSON-LD script of doc.
func jsonLDs(t *testing.T, doc *html.Node) []map[string]any {
	t.Helper()
	var out []map[string]any
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" && attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
			var v map[string]any
			if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
				t.Errorf("JSON-LD does not parse: %v\n%s", err, n.FirstChild.Data)
			}
			out = append(out, v)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// termIndex returns the index's terms as "name count" with their URLs.
func termIndex(t *testing.T, mem *output.Memory, name string) (terms, urls []string) {
	t.Helper()
	for _, li := range byClass(htmlDoc(t, mem, name), "term-index__item") {
		a := byClass(li, "term-index__name")[0]
		terms = append(terms, text(a)+" "+text(byClass(li, "term-index__count")[0]))
		urls = append(urls, attr(a, "href"))
	}
	return terms, urls
}

// cardLinks returns the article URLs of the cards of a list page.
func cardLinks(t *testing.T, mem *output.Memory, name string) []string {
	t.Helper()
	var out []string
	for _, c := range byClass(htmlDoc(t, mem, name), "card__title") {
		for _, a := range elements(c, "a") {
			out = append(out, attr(a, "href"))
		}
	}
	return out
}

func TestTaxonomyPagesAndFeeds(t *testing.T) {
	mem, _, err := buildMem(t, taxonomyFS(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	terms, urls := termIndex(t, mem, "tickers/index.html")
	if got, want := strings.Join(terms, "; "), "IWM 1 article; SPX 2 articles"; got != want {
		t.Errorf("ticker index: %s, want %s", got, want)
	}
	if got, want := strings.Join(urls, " "), "/research/tickers/iwm/ /research/tickers/spx/"; got != want {
		t.Errorf("ticker index links: %s, want %s", got, want)
	}
	terms, _ = termIndex(t, mem, "asset-classes/index.html")
	if got, want := strings.Join(terms, "; "), "Rates 1 article; US equities 1 article"; got != want {
		t.Errorf("asset class index: %s, want %s", got, want)
	}
	terms, _ = termIndex(t, mem, "authors/index.html")
	if got, want := strings.Join(terms, "; "), "B. Writer 1 article; Fixture Desk 1 article; R. Analyst 1 article"; got != want {
		t.Errorf("author index: %s, want %s", got, want)
	}
	if got, want := strings.Join(cardLinks(t, mem, "tickers/spx/index.html"), " "), "/research/2024/03/rates-bundle/ /research/2024/01/first-note/"; got != want {
		t.Errorf("SPX page lists %s, want %s", got, want)
	}
	// The ticker's page links the chart whose series names it, and the
	// anchor is on the article's page.
	spx := htmlDoc(t, mem, "tickers/spx/index.html")
	var charts []string
	for _, s := range byClass(spx, "term-charts") {
		for _, a := range elements(s, "a") {
			charts = append(charts, attr(a, "href"))
		}
	}
	if got, want := strings.Join(charts, " "), "/research/2024/03/rates-bundle/#policy-rate-prices-2023"; got != want {
		t.Errorf("SPX page links charts %q, want %q", got, want)
	}
	if !bytes.Contains(mustGet(t, mem, "2024/03/rates-bundle/index.html"), []byte(`id="policy-rate-prices-2023"`)) {
		t.Error("the rates article has no element with id policy-rate-prices-2023")
	}
	if len(byClass(htmlDoc(t, mem, "tickers/iwm/index.html"), "term-charts")) != 0 {
		t.Error("the IWM page lists charts, though no series names IWM")
	}

	// Every term's feeds parse, carry its articles newest first, and are
	// named after the term.
	p := gofeed.NewParser()
	for _, tc := range []struct {
		dir, title string
		items      []string
	}{
		{"tickers/spx/", "Fixture Research: Ticker SPX", []string{"rates-bundle", "first-note"}},
		{"tickers/iwm/", "Fixture Research: Ticker IWM", []string{"rates-bundle"}},
		{"asset-classes/us-equities/", "Fixture Research: Asset class US equities", []string{"first-note"}},
		{"authors/b-writer/", "Fixture Research: Author B. Writer", []string{"rates-bundle"}},
	} {
		for _, f := range []string{"index.xml", "atom.xml", "feed.json"} {
			feed, err := p.Parse(bytes.NewReader(mustGet(t, mem, tc.dir+f)))
			if err != nil {
				t.Errorf("%s%s: %v", tc.dir, f, err)
				continue
			}
			if feed.Title != tc.title {
				t.Errorf("%s%s: title %q, want %q", tc.dir, f, feed.Title, tc.title)
			}
			var got []string
			for _, it := range feed.Items {
				got = append(got, it.Link)
			}
			var want []string
			for _, s := range tc.items {
				want = append(want, map[string]string{"rates-bundle": "https://example.org/research/2024/03/rates-bundle/", "first-note": "https://example.org/research/2024/01/first-note/"}[s])
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s%s: items %v, want %v", tc.dir, f, got, want)
			}
		}
		// The term's page names its feeds for autodiscovery, first.
		links := elements(htmlDoc(t, mem, tc.dir+"index.html"), "link")
		var alt []string
		for _, l := range links {
			if attr(l, "rel") == "alternate" {
				alt = append(alt, attr(l, "href"))
			}
		}
		if len(alt) == 0 || alt[0] != "https://example.org/research/"+tc.dir+"index.xml" {
			t.Errorf("%sindex.html: first alternate link %v, want its RSS feed", tc.dir, alt)
		}
	}

	// Every feed names each author of an article on its own, as the
	// byline does: one dc:creator, Atom author or JSON Feed author each,
	// not one person called "R. Analyst and B. Writer".
	for _, f := range []string{"index.xml", "atom.xml", "feed.json"} {
		feed, err := p.Parse(bytes.NewReader(mustGet(t, mem, "tickers/iwm/"+f)))
		if err != nil || len(feed.Items) != 1 {
			t.Fatalf("tickers/iwm/%s: %v, %d items", f, err, len(feed.Items))
		}
		it := feed.Items[0]
		var names []string
		if f == "index.xml" {
			if it.DublinCoreExt != nil {
				names = it.DublinCoreExt.Creator
			}
		} else {
			for _, a := range it.Authors {
				names = append(names, a.Name)
			}
		}
		if got, want := strings.Join(names, "; "), "R. Analyst; B. Writer"; got != want {
			t.Errorf("tickers/iwm/%s: item authors %q, want %q", f, got, want)
		}
	}

	// An author's feed is by that author (Atom and JSON Feed name the
	// feed's author; RSS has no element for a name alone).
	for _, f := range []string{"atom.xml", "feed.json"} {
		feed, err := p.Parse(bytes.NewReader(mustGet(t, mem, "authors/b-writer/"+f)))
		if err != nil {
			t.Fatalf("authors/b-writer/%s: %v", f, err)
		}
		var names []string
		for _, a := range feed.Authors {
			names = append(names, a.Name)
		}
		if got := strings.Join(names, "; "); got != "B. Writer" {
			t.Errorf("authors/b-writer/%s: the feed's authors %q, want B. Writer", f, got)
		}
	}

	// JSON-LD: a Person for each author of an article, with their page;
	// a ProfilePage about a Person on an author's page.
	lds := jsonLDs(t, htmlDoc(t, mem, "2024/03/rates-bundle/index.html"))
	if len(lds) != 1 {
		t.Fatalf("%d JSON-LD scripts on the article, want 1", len(lds))
	}
	var people []string
	for _, a := range lds[0]["author"].([]any) {
		m := a.(map[string]any)
		people = append(people, fmt.Sprint(m["@type"], " ", m["name"], " ", m["url"]))
	}
	if got, want := strings.Join(people, "; "), "Person R. Analyst https://example.org/research/authors/r-analyst/; Person B. Writer https://example.org/research/authors/b-writer/"; got != want {
		t.Errorf("article JSON-LD authors: %s, want %s", got, want)
	}
	lds = jsonLDs(t, htmlDoc(t, mem, "authors/b-writer/index.html"))
	if len(lds) != 1 || lds[0]["@type"] != "ProfilePage" {
		t.Fatalf("author page JSON-LD: %v", lds)
	}
	if m := lds[0]["mainEntity"].(map[string]any); m["@type"] != "Person" || m["name"] != "B. Writer" || m["url"] != "https://example.org/research/authors/b-writer/" {
		t.Errorf("author page JSON-LD mainEntity: %v", m)
	}
	// The byline links both authors; the article names its terms.
	art := htmlDoc(t, mem, "2024/03/rates-bundle/index.html")
	var byline []string
	for _, a := range byClass(art, "p-author") {
		byline = append(byline, text(a)+" "+attr(a, "href"))
	}
	if got, want := strings.Join(byline, "; "), "R. Analyst /research/authors/r-analyst/; B. Writer /research/authors/b-writer/"; got != want {
		t.Errorf("byline: %s, want %s", got, want)
	}
	if got, want := text(byClass(art, "article__terms")[0]), "Tickers: SPX, IWM · Asset classes: Rates"; got != want {
		t.Errorf("article terms: %q, want %q", got, want)
	}

	// Search finds an article by its tickers and authors, weighed as tags.
	var man struct{ First, Shards, Lists []string }
	if err := json.Unmarshal(mustGet(t, mem, "search/index.json"), &man); err != nil {
		t.Fatal(err)
	}
	var docs [][4]string
	if err := json.Unmarshal(mustGet(t, mem, "search/"+man.Lists[0]), &docs); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"iwm", "writer"} {
		k := max(sort.Search(len(man.First), func(i int) bool { return man.First[i] > w })-1, 0)
		var shard map[string][][]int
		if err := json.Unmarshal(mustGet(t, mem, "search/"+man.Shards[k]), &shard); err != nil {
			t.Fatal(err)
		}
		if p := shard[w]; len(p) != 1 || docs[p[0][0]][0] != "/research/2024/03/rates-bundle/" || p[0][1] < 20 {
			t.Errorf("postings of %q: %v, want the rates article with a tag's score", w, p)
		}
	}

	// The sitemap lists every index and term page.
	sm := string(mustGet(t, mem, "sitemap.xml"))
	mustContain(t, "sitemap.xml", sm, "<loc>https://example.org/research/tickers/</loc>", "<loc>https://example.org/research/tickers/spx/</loc>",
		"<loc>https://example.org/research/asset-classes/us-equities/</loc>", "<loc>https://example.org/research/authors/b-writer/</loc>")
}

// TestTaxonomyPagination builds a generated site with many articles per
// term: every page of a term holds perPage articles, newest first, linked
// in order, and the feeds the newest feeds.items.
func TestTaxonomyPagination(t *testing.T) {
	const n, per = 23, 4
	fsys := withConfig(siteFS(t, "testdata/sites/basic"), "taxonomies:\n  tickers:\n    perPage: 4\n  regions: {}\nfeeds: {items: 5}\n")
	for k := range fsys {
		if strings.HasPrefix(k, "content/posts/") {
			delete(fsys, k)
		}
	}
	var spx []string // newest first
	for i := n; i >= 1; i-- {
		tickers := "[SPX]"
		if i%3 == 0 {
			tickers = "[SPX, IWM]"
		}
		fsys[fmt.Sprintf("content/posts/p%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Post %d\ndate: 2023-%02d-%02d\ntickers: %s\nregions: [Europe]\n---\nText %d.\n", i, 1+i/28, 1+i%28, tickers, i))}
		spx = append(spx, fmt.Sprintf("/research/2023/%02d/p%02d/", 1+i/28, i))
	}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := (n + per - 1) / per
	for k := 1; k <= pages; k++ {
		name := "tickers/spx/index.html"
		if k > 1 {
			name = fmt.Sprintf("tickers/spx/page/%d/index.html", k)
		}
		got := cardLinks(t, mem, name)
		want := spx[(k-1)*per : min(k*per, n)]
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
		doc := htmlDoc(t, mem, name)
		var rels []string
		for _, l := range elements(doc, "link") {
			if r := attr(l, "rel"); r == "prev" || r == "next" {
				rels = append(rels, r+" "+attr(l, "href"))
			}
		}
		var wantRels []string
		if k > 1 {
			prev := "/research/tickers/spx/"
			if k > 2 {
				prev = fmt.Sprintf("/research/tickers/spx/page/%d/", k-1)
			}
			wantRels = append(wantRels, "prev "+prev)
		}
		if k < pages {
			wantRels = append(wantRels, fmt.Sprintf("next /research/tickers/spx/page/%d/", k+1))
		}
		if strings.Join(rels, ", ") != strings.Join(wantRels, ", ") {
			t.Errorf("%s: %v, want %v", name, rels, wantRels)
		}
	}
	if _, ok := mem.Get(fmt.Sprintf("tickers/spx/page/%d/index.html", pages+1)); ok {
		t.Errorf("tickers/spx/ has a page %d", pages+1)
	}
	// A taxonomy without perPage takes the site's (2 in the fixture).
	if _, ok := mem.Get("regions/europe/page/12/index.html"); !ok {
		t.Error("regions/europe/ has no page 12 at the site's perPage of 2")
	}
	if _, ok := mem.Get("regions/europe/page/13/index.html"); ok {
		t.Error("regions/europe/ has a page 13")
	}
	terms, _ := termIndex(t, mem, "tickers/index.html")
	if got, want := strings.Join(terms, "; "), "IWM 7 articles; SPX 23 articles"; got != want {
		t.Errorf("ticker index: %s, want %s", got, want)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(mustGet(t, mem, "tickers/iwm/atom.xml")))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range feed.Items {
		got = append(got, strings.TrimPrefix(it.Link, "https://example.org"))
	}
	if want := []string{"/research/2023/01/p21/", "/research/2023/01/p18/", "/research/2023/01/p15/", "/research/2023/01/p12/", "/research/2023/01/p09/"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("IWM feed: %v, want %v", got, want)
	}
}

// TestTaxonomyErrors checks that a misspelt taxonomy, a term a closed list
// does not hold, and a chart's ticker the article does not name are errors
// with the file's line and the valid names, all reported together.
func TestTaxonomyErrors(t *testing.T) {
	for _, tc := range []struct {
		name, config, front, body string
		want                      []string
	}{
		{"singular for plural", "", "ticker: [SPX]", "", []string{
			`content/posts/x.md:4: unknown key "ticker": not a taxonomy of site.yaml (did you mean "tickers"? taxonomies: tags, authors, tickers, asset_classes)`}},
		{"misspelt", "", "asset_clases: [Bonds]", "", []string{
			`content/posts/x.md:4: unknown key "asset_clases": not a taxonomy of site.yaml (did you mean "asset_classes"? taxonomies: tags, authors, tickers, asset_classes)`}},
		{"not configured", "", "regions:\n  - Europe", "", []string{
			`content/posts/x.md:5: unknown key "regions": it looks like a taxonomy, but site.yaml has none of that name (taxonomies: tags, authors, tickers, asset_classes); add it to site.yaml under taxonomies:`}},
		{"unknown key", "", "colour: blue", "", []string{`content/posts/x.md:4: unknown key "colour" (valid keys: `, "taxonomies: tags, authors, tickers, asset_classes)"}},
		{"misspelt list key", "", "disclosure: [None held]", "", []string{`content/posts/x.md:4: unknown key "disclosure" (did you mean "disclosures"?)`}},
		{"not a list", "", "tickers: {SPX: 1}", "", []string{`content/posts/x.md:4: tickers must be a list of names, such as tickers: [IWM, SPY]`}},
		{"several in one value", "", "tickers: SPX IWM", "", []string{`content/posts/x.md:4: tickers: "SPX IWM" is one value of several words, which Jekyll reads as 2 names and Hugo as one: write tickers: [SPX, IWM] for 2, or tickers: ["SPX IWM"] for one`}},
		{"closed list", "\n    terms: [SPX, IWM]", "tickers: [SPX, IMW]", "", []string{
			`content/posts/x.md:4: tickers: "IMW" is not one of the terms site.yaml lists for tickers (SPX, IWM); did you mean "IWM"?`}},
		{"author and authors", "", "author: A\nauthors: [B]", "", []string{`content/posts/x.md:4: author and authors are both set`}},
		{"chart ticker not named", "", "tickers: [IWM]", "```chart\ndata: policy\nseries:\n  - column: rate\n    ticker: SPX\n```\n", []string{
			`content/posts/x.md:11: chart: series ticker "SPX" is not one of the article's tickers (IWM): add it to tickers in the front matter`}},
		{"malformed chart ticker", "", "tickers: [IWM]", "```chart\ndata: policy\nseries:\n  - column: rate\n    ticker: \"S P X\"\n```\n", []string{
			`content/posts/x.md:11: chart: series ticker "S P X" must be a symbol such as IWM`}},
		{"two at once", "", "ticker: [SPX]\nregion: [EU]", "", []string{`content/posts/x.md:4: unknown key "ticker"`, `content/posts/x.md:5: unknown key "region"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := withConfig(siteFS(t, "testdata/sites/basic"), "taxonomies:\n  tickers:"+tc.config+"\n  asset_classes: {}\n")
			fsys["content/posts/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\ndate: 2024-02-01\n" + tc.front + "\n---\nText.\n\n" + tc.body)}
			_, _, err := buildMem(t, fsys, Options{})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
	// A taxonomy that would shadow a front-matter key or a page of the
	// site is an error at its line of site.yaml.
	for _, tc := range []struct{ config, want string }{
		{"taxonomies:\n  summary: {}\n", `site.yaml:15: taxonomies.summary: "summary" is a front-matter key of its own`},
		{"taxonomies:\n  archive: {}\n", `site.yaml:15: taxonomies.archive: "archive" would take the site path /archive/`},
		{"taxonomies:\n  Tickers: {}\n", `site.yaml:15: taxonomies.Tickers: "Tickers" must be lower-case letters`},
		{"taxonomies:\n  tickers: {perPage: 5000}\n", `site.yaml:15: taxonomies.tickers.perPage: 5000 must be between 1 and 1000`},
	} {
		_, _, err := buildMem(t, withConfig(siteFS(t, "testdata/sites/basic"), tc.config), Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.config, err, tc.want)
		}
	}
}

// TestSessionTaxonomies edits the terms, authors and chart tickers of a
// site step by step: a Session's output after each step is what a fresh
// Build writes, term and author pages included.
func TestSessionTaxonomies(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	e.edit("site.yaml", "datasets:", strings.TrimPrefix(taxonomyConfig, "\n")+"datasets:")
	e.edit("content/posts/rates-bundle/index.md", `author: "R. Analyst"`, "authors: [\"R. Analyst\", \"B. Writer\"]\ntickers: [SPX, IWM]")
	e.edit("content/posts/first-note.md", "tags: [Equities, Breadth]", "tags: [Equities, Breadth]\ntickers: [SPX]")
	rates, first := "content/posts/rates-bundle/index.md", "content/posts/first-note.md"
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"text edit", func() { e.edit(rates, "Rates matter.", "Rates matter a lot.") }, []string{rates}, "", true},
		// The chart now names SPX: the SPX page links it.
		{"chart names a ticker", func() { e.edit(rates, "    label: \"Rate\"\n", "    label: \"Rate\"\n    ticker: SPX\n") }, []string{rates}, "", true},
		{"chart retitled", func() { e.edit(rates, `title: "Policy rate & prices <2023>"`, `title: "Policy rate"`) }, []string{rates}, "", true},
		{"ticker added", func() { e.edit(first, "tickers: [SPX]", "tickers: [SPX, QQQ]") }, []string{first}, "", false},
		// The newest article's spelling names the term, on the pages of
		// the others too, whose files did not change.
		{"ticker respelled", func() { e.edit(rates, "tickers: [SPX, IWM]", "tickers: [Spx, IWM]") }, []string{rates}, "", false},
		{"ticker renamed", func() { e.edit(rates, "tickers: [Spx, IWM]", "tickers: [SPX, RUT]") }, []string{rates}, "", false},
		{"asset class added", func() { e.edit(first, "tickers: [SPX, QQQ]", "tickers: [SPX, QQQ]\nasset_classes: [Equities]") }, []string{first}, "", false},
		{"author removed", func() { e.edit(rates, `authors: ["R. Analyst", "B. Writer"]`, `authors: ["B. Writer"]`) }, []string{rates}, "", false},
		{"author to site author", func() { e.edit(rates, `authors: ["B. Writer"]`+"\n", "") }, []string{rates}, "", false},
		{"chart ticker removed", func() { e.edit(rates, "    ticker: SPX\n", "") }, []string{rates}, "", true},
		{"taxonomy page size", func() { e.edit("site.yaml", "perPage: 2\n  asset_classes", "perPage: 1\n  asset_classes") }, []string{"site.yaml"}, "", false},
		{"misspelt taxonomy", func() { e.edit(first, "asset_classes: [Equities]", "asset_class: [Equities]") }, []string{first}, first + ":6: unknown key \"asset_class\"", false},
		{"fixed", func() { e.edit(first, "asset_class: [Equities]", "asset_classes: [Equities, Bonds]") }, []string{first}, "", false},
		{"article deleted", func() { e.remove(first) }, []string{first}, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow, Drafts: true}, steps, map[string][2]int{
		// The article, its email edition, its chart's page and embed, the
		// home, tag (2), author (2), ticker (2), year and month pages.
		"chart names a ticker": {1, 13},
	})
}
