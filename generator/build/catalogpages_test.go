package build

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

// TestDataCataloguePages builds a generated site whose dataset has more
// users than a page holds (perPage 10): its page lists them ten at a time
// at /data/NAME/ and /data/NAME/page/N/, each user exactly once and in the
// order of the site (as data.json lists them all), with prev and next links
// between the pages, the facts and preview on the first page only, and
// every page in the sitemap. Through a Session, a retitled article's new
// title reaches only the page that lists it, and a page the users no
// longer fill goes; each build equals a fresh Build (runSession).
func TestDataCataloguePages(t *testing.T) {
	dir := chartSite(t, 31, 5)
	e := editor{t, dir}
	e.edit("site.yaml", "feeds: {items: 20}", "feeds: {items: 2}") // fewer PNG copies
	mem, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	users := jsonUsers(t, mem)
	if len(users) != 31 {
		t.Fatalf("data.json lists %d users of markets, want the 31 articles", len(users))
	}
	checkUsedByPages(t, mem, users, 4)

	// The article 25th in the list (on page 3), and the 31st (alone on
	// page 4), by their corpus numbers (titles "Note K: ...").
	number := func(title string) int {
		var k int
		if _, err := fmt.Sscanf(title, "Note %d:", &k); err != nil {
			t.Fatalf("title %q: %v", title, err)
		}
		return k
	}
	third, last := number(users[24].Title), number(users[30].Title)
	post := corpus.PostPath(last)
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"article on page 3 retitled", func() {
			if err := corpus.Retitle(dir, third, 1); err != nil {
				t.Fatal(err)
			}
		}, []string{corpus.PostPath(third)}, "", true},
		{"last user reads no data", func() {
			b, err := os.ReadFile(filepath.Join(dir, post))
			if err != nil {
				t.Fatal(err)
			}
			i, j := strings.Index(string(b), "```chart"), strings.Index(string(b), "illustrative series.\n\n")
			if i < 0 || j < i {
				t.Fatalf("%s: no chart and inline figure to remove", post)
			}
			e.put(post, string(b[:i])+string(b[j+len("illustrative series.\n\n"):]))
		}, []string{post}, "", true},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, map[string][2]int{
		// The article and those that show its title (neighbours, related),
		// its chart's page, embed and email edition, the home, tag,
		// author, year and month pages that show it, the archive index,
		// and of the data catalogue the index and page 3 only: pages 1, 2
		// and 4 list no new title. (Its text is unchanged: not converted.)
		"article on page 3 retitled": {0, 32},
	})

	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	_, mem, err = s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	users = jsonUsers(t, mem)
	if len(users) != 30 || users[24].Title != fmt.Sprintf("Note %d, revision 1", third) {
		t.Fatalf("data.json: %d users, the 25th %q; want 30, the 25th retitled", len(users), users[24].Title)
	}
	checkUsedByPages(t, mem, users, 3)
}

// TestDataCataloguePageClash: an alias at a page of a dataset's users past
// the first (which the site's layout cannot claim, not knowing the users)
// fails the build, naming both.
func TestDataCataloguePageClash(t *testing.T) {
	fsys := exampleFS(t)
	post := fsys["content/posts/cape-through-150-years.md"]
	post.Data = []byte(strings.Replace(string(post.Data), "  - /posts/old-cape-note/\n", "  - /posts/old-cape-note/\n  - /data/shiller/page/2/\n", 1))
	_, _, err := buildMem(t, fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), `content/posts/cape-through-150-years.md:10 (alias /data/shiller/page/2/): output data/shiller/page/2/index.html is also the data catalogue's page 2 of dataset "shiller"`) {
		t.Fatalf("error %v, want one naming the alias and the dataset's page 2", err)
	}
}

// BenchmarkSessionRetitleCharts10k measures a Session rebuild after one
// article of a 10,000-article site with a chart each, all of one dataset,
// got a new title: the dataset's page of users that lists it is made again
// besides what BenchmarkSessionRetitle10k makes.
func BenchmarkSessionRetitleCharts10k(b *testing.B) {
	dir := chartSite(b, 10000, 1)
	benchSessionChangeIn(b, dir, func(dir string, i int) error { return corpus.Retitle(dir, 7, i) })
}

// dataUser is a user of a dataset in data.json.
type dataUser struct{ Title, URL, Date string }

// jsonUsers returns the users of the corpus's dataset in data.json.
func jsonUsers(t *testing.T, mem *output.Memory) []dataUser {
	t.Helper()
	var js struct {
		Datasets []struct {
			Name   string
			UsedBy []dataUser
		}
	}
	if err := json.Unmarshal(mustGet(t, mem, "data/data.json"), &js); err != nil {
		t.Fatalf("data.json: %v", err)
	}
	if len(js.Datasets) != 1 || js.Datasets[0].Name != "markets" {
		t.Fatalf("data.json: %+v, want the dataset markets", js.Datasets)
	}
	return js.Datasets[0].UsedBy
}

// checkUsedByPages checks the pages of the dataset markets' "Used by" list
// against users (data.json's, newest first): n pages of ten, each user
// once in that order, the pager's and the head's links, the facts on the
// first page only, and the pages in the sitemap.
func checkUsedByPages(t *testing.T, mem *output.Memory, users []dataUser, n int) {
	t.Helper()
	for k := 1; k < len(users); k++ {
		if users[k].Date > users[k-1].Date {
			t.Errorf("data.json: user %d (%s) is newer than user %d (%s)", k, users[k].Date, k-1, users[k-1].Date)
		}
	}
	at := func(k int) string {
		if k == 1 {
			return "/data/markets/"
		}
		return fmt.Sprintf("/data/markets/page/%d/", k)
	}
	pages := usedByPages(t, mem, "/", "markets")
	if len(pages) != n {
		t.Fatalf("%d pages of users, want %d", len(pages), n)
	}
	var listed []string
	for i, pg := range pages {
		k := i + 1
		if want := strings.TrimPrefix(at(k), "/") + "index.html"; pg.out != want {
			t.Errorf("page %d is %s, want %s", k, pg.out, want)
		}
		if want := min(10, len(users)-i*10); len(pg.users) != want {
			t.Errorf("%s lists %d users, want %d", pg.out, len(pg.users), want)
		}
		listed = append(listed, pg.users...)
		wantPrev, wantNext := "", ""
		if k > 1 {
			wantPrev = at(k - 1)
		}
		if k < n {
			wantNext = at(k + 1)
		}
		if pg.prev != wantPrev || pg.next != wantNext {
			t.Errorf("%s: prev %q next %q, want %q and %q", pg.out, pg.prev, pg.next, wantPrev, wantNext)
		}
		var headPrev, headNext string
		for _, l := range elements(pg.doc, "link") {
			switch attr(l, "rel") {
			case "prev":
				headPrev = attr(l, "href")
			case "next":
				headNext = attr(l, "href")
			}
		}
		if headPrev != wantPrev || headNext != wantNext {
			t.Errorf("%s: <link> prev %q next %q, want %q and %q", pg.out, headPrev, headNext, wantPrev, wantNext)
		}
		facts := findAll(pg.doc, func(n *html.Node) bool { return hasClass(n, "dataset__facts") })
		preview := findAll(pg.doc, func(n *html.Node) bool { return n.Data == "svg" })
		if first := k == 1; (len(facts) == 1) != first || (len(preview) > 0) != first {
			t.Errorf("%s: %d facts lists and %d SVGs; the facts and preview belong on the first page only", pg.out, len(facts), len(preview))
		}
		if h := findAll(pg.doc, func(n *html.Node) bool { return attr(n, "id") == "used-by" }); len(h) != 1 || text(h[0]) != fmt.Sprintf("Used by %d articles", len(users)) {
			t.Errorf("%s: used-by heading %v, want the count of all users", pg.out, h)
		}
		if h1 := elements(pg.doc, "h1"); len(h1) != 1 || strings.Contains(text(h1[0]), "page ") != (k > 1) {
			t.Errorf("%s: the title says the page number from page 2 on", pg.out)
		}
	}
	var want []string
	for _, u := range users {
		want = append(want, strings.TrimPrefix(u.URL, "https://corpus.example.org"))
	}
	if !slices.Equal(listed, want) {
		t.Errorf("the pages list the users\n%v\nwant (data.json's order)\n%v", listed, want)
	}
	var locs []string
	for _, u := range sitemapLocs(t, mem) {
		if strings.Contains(u, "/data/markets/") {
			locs = append(locs, strings.TrimPrefix(u, "https://corpus.example.org"))
		}
	}
	var wantLocs []string
	for k := 1; k <= n; k++ {
		wantLocs = append(wantLocs, at(k))
	}
	if !slices.Equal(locs, wantLocs) {
		t.Errorf("sitemap.xml lists %v of the dataset, want %v", locs, wantLocs)
	}
	if _, ok := mem.Get(strings.TrimPrefix(at(n+1), "/") + "index.html"); ok {
		t.Errorf("%s is written: a page past the last", at(n+1))
	}
}

// sitemapLocs returns the addresses sitemap.xml lists, in order.
func sitemapLocs(t *testing.T, mem *output.Memory) []string {
	t.Helper()
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(mustGet(t, mem, "sitemap.xml"), &sm); err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
	}
	return locs
}

// BenchmarkSessionRetagCharts1k measures a Session rebuild after one
// article of a 1,000-article site with a chart each got other tags: a
// change of the site's layout, which takes the full (cached) path.
func BenchmarkSessionRetagCharts1k(b *testing.B) {
	dir := chartSite(b, 1000, 1)
	benchSessionChangeIn(b, dir, retag)
}

// retag gives article 7 of the generated site in dir one tag, the i-th of
// corpus.TagNames (in turn): a change of the site's layout.
func retag(dir string, i int) error {
	p := filepath.Join(dir, filepath.FromSlash(corpus.PostPath(7)))
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	head, rest, _ := strings.Cut(string(src), "\ntags: [")
	_, rest, _ = strings.Cut(rest, "\n")
	return os.WriteFile(p, []byte(fmt.Sprintf("%s\ntags: [%q]\n%s", head, corpus.TagNames[i%len(corpus.TagNames)], rest)), 0o644)
}

// TestDatasetFileByPathCatalogue: a chart and an inline figure that name a
// dataset's file by its path (content/data/policy.csv) read the dataset,
// so they are traced to it as its name would be: the chart's source line
// and the figure's note link its catalogue page, data.json and the
// dataset's page list the article, and the chart's CSVW metadata gives the
// dataset's licence. Named by path they had no link, were missing from the
// catalogue, and the metadata said the licence was "Not stated".
func TestDatasetFileByPathCatalogue(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	e.edit("site.yaml", `source: "Fixture data"`, "source: \"Fixture data\"\n    license: \"CC BY 4.0\"")
	post := "content/posts/first-note.md"
	e.edit(post, "## Why breadth matters", "The rate was {{ content/data/policy.csv[\"rate\"] | last }}.\n\n```chart\ndata: content/data/policy.csv\ntitle: Policy rate\nseries: [rate]\n```\n\n## Why breadth matters")
	mem, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := mem.Get("data/data.json")
	var cat struct {
		Datasets []struct {
			Name   string
			UsedBy []struct {
				URL    string
				Charts []string
				Inline bool
			}
		}
	}
	if err := json.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	var users []string
	for _, d := range cat.Datasets {
		for _, u := range d.UsedBy {
			users = append(users, fmt.Sprintf("%s %s %q %t", d.Name, u.URL, u.Charts, u.Inline))
		}
	}
	want := `policy https://example.org/research/2024/01/first-note/ ["https://example.org/research/2024/01/first-note/#policy-rate"] true`
	if !slices.Contains(users, want) {
		t.Errorf("data.json users %q lack %q", users, want)
	}
	if pg := usedByPages(t, mem, "/research/", "policy"); !slices.Contains(pg[0].users, "/research/2024/01/first-note/") || !slices.Contains(pg[0].charts, "/research/2024/01/first-note/#policy-rate") {
		t.Errorf("the dataset's page lists %q and charts %q, not the article and its chart", pg[0].users, pg[0].charts)
	}
	art, _ := mem.Get("2024/01/first-note/index.html")
	doc, err := html.Parse(bytes.NewReader(art))
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, a := range findAll(doc, func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.Data == "a" && attr(n, "href") == "/research/data/policy/"
	}) {
		links = append(links, text(a.Parent))
	}
	if len(links) != 2 {
		t.Errorf("links to the dataset's page: %q; want the chart's source line and the figure's note", links)
	}
	meta, _ := mem.Get("2024/01/first-note/policy-rate.csv-metadata.json")
	var m struct {
		License string `json:"dc:license"`
		Derived []struct {
			ID      string `json:"@id"`
			License string `json:"dc:license"`
		} `json:"prov:wasDerivedFrom"`
	}
	if err := json.Unmarshal(meta, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Derived) != 1 || m.Derived[0].License != "CC BY 4.0" || m.Derived[0].ID != "https://example.org/research/data/policy/" {
		t.Errorf("CSVW metadata %s: want the dataset's page and licence", meta)
	}
}
