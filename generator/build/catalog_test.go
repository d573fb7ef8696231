package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/output"
)

// csvFacts is what the data catalogue must say of a CSV, computed here
// from its bytes: the SHA-256, the rows after the header, and the first
// and last dates (the first cell of the first and last rows).
type csvFacts struct {
	sum         string
	rows        int
	first, last string
}

func readCSVFacts(t *testing.T, b []byte) csvFacts {
	t.Helper()
	sum := sha256.Sum256(b)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	cell := func(l string) string { return strings.Trim(strings.SplitN(l, ",", 2)[0], `"`) }
	return csvFacts{sum: hex.EncodeToString(sum[:]), rows: len(lines) - 1, first: cell(lines[1]), last: cell(lines[len(lines)-1])}
}

func hasClass(n *html.Node, c string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), c)
}

// findAll returns the nodes under n that match, in document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	for _, t := range findAll(n, func(n *html.Node) bool { return n.Type == html.TextNode }) {
		b.WriteString(t.Data)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// facts reads a dataset page's <dl>: each dt's text → its dd.
func facts(t *testing.T, name string, doc *html.Node) map[string]*html.Node {
	t.Helper()
	dls := findAll(doc, func(n *html.Node) bool { return hasClass(n, "dataset__facts") })
	if len(dls) != 1 {
		t.Fatalf("%s: %d fact lists, want 1", name, len(dls))
	}
	out := map[string]*html.Node{}
	var dt string
	for c := dls[0].FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.Data == "dt":
			dt = text(c)
		case c.Type == html.ElementNode && c.Data == "dd":
			out[dt] = c
		}
	}
	return out
}

// TestDataCatalogue builds the example site and checks the data catalogue
// against the CSV files themselves: /data/ lists every dataset of site.yaml,
// /data/NAME/ states its source, license, SHA-256, rows and dates as the
// CSV has them, the charts that read it link to it and it links back to
// exactly those charts (under the site's base path), the sitemap lists the
// pages, and data.json says the same.
func TestDataCatalogue(t *testing.T) {
	fsys := exampleFS(t)
	cfg, err := config.Load(bytes.NewReader(fsys["site.yaml"].Data), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mem, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "not used") {
			t.Errorf("the example site uses every dataset: %s", w)
		}
	}
	base := cfg.BasePath() // "/tearsheet/": a GitHub Pages project site
	if base == "/" {
		t.Fatal("the example site should publish under a sub-path")
	}
	names := cfg.DatasetNames()

	// /data/: one entry per dataset, in name order, with its facts.
	index := parseHTML(t, "data/index.html", mustGet(t, mem, "data/index.html"))
	items := findAll(index, func(n *html.Node) bool { return hasClass(n, "data-index__item") })
	if len(items) != len(names) {
		t.Fatalf("/data/ lists %d datasets, want %d", len(items), len(names))
	}
	want := map[string]csvFacts{}
	for i, name := range names {
		d := cfg.Datasets[name]
		b, ok := fsys[d.File]
		if !ok {
			t.Fatalf("%s: no file %s", name, d.File)
		}
		f := readCSVFacts(t, b.Data)
		want[name] = f
		links := elements(items[i], "a")
		if len(links) == 0 || attr(links[0], "href") != base+"data/"+name+"/" || text(links[0]) != d.Title {
			t.Errorf("/data/ entry %d: want a link to %sdata/%s/ titled %q", i, base, name, d.Title)
		}
		txt := text(items[i])
		// Rows are written with thousands separators: 1,833.
		if !strings.Contains(strings.ReplaceAll(txt, ",", ""), strconv.Itoa(f.rows)+" rows") || !strings.Contains(txt, "Source: "+d.Source) || !strings.Contains(txt, "used by ") {
			t.Errorf("/data/ entry of %s: %q lacks its rows (%d), source or users", name, txt, f.rows)
		}
		if strings.Contains(txt, "Illustrative") != d.Illustrative {
			t.Errorf("/data/ entry of %s: illustrative %v, text %q", name, d.Illustrative, txt)
		}
	}

	// Every chart of every page: the datasets its source line links to.
	fromCharts := map[string][]string{} // dataset → chart URLs (page URL#id)
	for _, out := range mem.Names() {
		if !strings.HasSuffix(out, ".html") || strings.HasPrefix(out, "data/") || strings.Contains(out, "/charts/") {
			continue // the catalogue lists the charts in their articles, not their own pages
		}
		doc := parseHTML(t, out, mustGet(t, mem, out))
		pageURL := base + strings.TrimSuffix(out, "index.html")
		for _, fig := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "figure") }) {
			for _, meta := range findAll(fig, func(n *html.Node) bool { return hasClass(n, "figure__meta") }) {
				for _, a := range elements(meta, "a") {
					if rest, ok := strings.CutPrefix(attr(a, "href"), base+"data/"); ok && rest != "" {
						name := strings.TrimSuffix(rest, "/")
						fromCharts[name] = append(fromCharts[name], pageURL+"#"+attr(fig, "id"))
					}
				}
			}
		}
	}

	var js struct {
		Datasets []struct {
			Name, Title, URL, Source, License, File, SHA256, First, Last string
			Rows                                                         int
			Fetched                                                      *string
			Illustrative, Available                                      bool
			UsedBy                                                       []struct {
				Title, URL string
				Charts     []string
			}
		}
	}
	dataJS := mustGet(t, mem, "data/data.json")
	if err := json.Unmarshal(dataJS, &js); err != nil {
		t.Fatalf("data.json: %v", err)
	}
	if len(js.Datasets) != len(names) {
		t.Fatalf("data.json has %d datasets, want %d", len(js.Datasets), len(names))
	}

	var pagePaths []string // of each dataset's pages
	for i, name := range names {
		d, f := cfg.Datasets[name], want[name]
		out := "data/" + name + "/index.html"
		doc := parseHTML(t, out, mustGet(t, mem, out))
		fs := facts(t, out, doc)
		check := func(dt, wantText string) {
			t.Helper()
			got := text(fs[dt])
			if dt == "Rows" {
				got = strings.ReplaceAll(got, ",", "") // 1,833
			}
			if _, ok := fs[dt]; !ok || !strings.Contains(got, wantText) {
				t.Errorf("%s: %s = %q, want %q", out, dt, text(fs[dt]), wantText)
			}
		}
		check("SHA-256", f.sum)
		check("Rows", strconv.Itoa(f.rows))
		check("Source", d.Source)
		check("License", d.License)
		if d.License == "" {
			t.Errorf("%s: the example site states each dataset's license", name)
		}
		check("Read from", d.File)
		check("Read from", "committed copy") // built offline: no fetch
		for _, dt := range []struct{ key, date string }{{"First date", f.first}, {"Last date", f.last}} {
			times := elements(fs[dt.key], "time")
			if len(times) != 1 || !strings.HasPrefix(attr(times[0], "datetime"), dt.date) {
				t.Errorf("%s: %s, want <time datetime=%q…>", out, dt.key, dt.date)
				continue
			}
			// Monthly data is dated by its month, as its charts say
			// "Data through September 2023", not "1 September 2023".
			day, err := time.Parse("2006-01-02", attr(times[0], "datetime"))
			if err != nil {
				t.Errorf("%s: %s: %v", out, dt.key, err)
			} else if got, want := text(times[0]), day.Format("January 2006"); got != want {
				t.Errorf("%s: %s reads %q, want the month of monthly data, %q", out, dt.key, got, want)
			}
		}
		if got := text(fs["Illustrative"]); strings.HasPrefix(got, "Yes") != d.Illustrative {
			t.Errorf("%s: Illustrative %q, want %v", out, got, d.Illustrative)
		}
		if d.Illustrative && len(findAll(doc, func(n *html.Node) bool { return hasClass(n, "dataset__illustrative") })) != 1 {
			t.Errorf("%s: an illustrative dataset's page must say so above its chart", out)
		}
		// The preview: an SVG chart drawn twice (wide and narrow), as
		// every chart is.
		for _, c := range []string{"ts-chart--wide", "ts-chart--narrow"} {
			if len(findAll(doc, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, c) })) != 1 {
				t.Errorf("%s: no %s preview chart", out, c)
			}
		}
		// Used by: exactly the charts that link here, each at its page,
		// gathered over the pages of the list.
		var listed, articles []string
		for _, pg := range usedByPages(t, mem, base, name) {
			pagePaths = append(pagePaths, "/"+strings.TrimSuffix(pg.out, "index.html"))
			listed = append(listed, pg.charts...)
			articles = append(articles, pg.users...)
		}
		got, wantCharts := slices.Clone(listed), slices.Clone(fromCharts[name])
		sort.Strings(got)
		sort.Strings(wantCharts)
		if len(wantCharts) == 0 || !slices.Equal(got, wantCharts) {
			t.Errorf("%s: lists charts %v; the charts linking to it are %v", out, got, wantCharts)
		}
		for _, u := range articles {
			if !strings.HasPrefix(u, base) {
				t.Errorf("%s: article link %s is not under the base path %s", out, u, base)
				continue
			}
			if _, ok := mem.Get(strings.TrimPrefix(u, base) + "index.html"); !ok {
				t.Errorf("%s: links to %s, which the build did not write", out, u)
			}
		}

		e := js.Datasets[i]
		if e.Name != name || e.SHA256 != f.sum || e.Rows != f.rows || e.First != f.first || e.Last != f.last ||
			e.Source != d.Source || e.License != d.License || e.File != d.File || e.Illustrative != d.Illustrative || !e.Available || e.Fetched != nil {
			t.Errorf("data.json entry %d: %+v, want %s with %+v", i, e, name, f)
		}
		if e.URL != cfg.AbsURL("/data/"+name+"/") || len(e.UsedBy) != len(articles) {
			t.Errorf("data.json %s: url %s, %d users; want %s and %d", name, e.URL, len(e.UsedBy), cfg.AbsURL("/data/"+name+"/"), len(articles))
		}
		var jsCharts []string
		for _, u := range e.UsedBy {
			jsCharts = append(jsCharts, u.Charts...)
		}
		for k := range wantCharts {
			wantCharts[k] = cfg.AbsURL(strings.TrimPrefix(wantCharts[k], base))
		}
		sort.Strings(jsCharts)
		if !slices.Equal(jsCharts, wantCharts) {
			t.Errorf("data.json %s: charts %v, want %v", name, jsCharts, wantCharts)
		}
	}

	// The sitemap lists the catalogue.
	locs := sitemapLocs(t, mem)
	if len(pagePaths) <= len(names) {
		t.Errorf("no dataset of the example site has a second page of users: pagination is not tested here")
	}
	for _, p := range append([]string{"/data/"}, pagePaths...) {
		if !slices.Contains(locs, cfg.AbsURL(p)) {
			t.Errorf("sitemap.xml lacks %s", cfg.AbsURL(p))
		}
	}

	// Deterministic: a second build writes the same catalogue.
	again, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range catalogueOuts(names, nil) {
		a, _ := again.Get(out)
		if b := mustGet(t, mem, out); !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", out)
		}
	}
}

// usedByPage is one page of a dataset's "Used by" list.
type usedByPage struct {
	out    string // its output file
	doc    *html.Node
	users  []string // the URLs of the articles and pages it lists, in order
	charts []string // the URLs of their charts
	prev   string   // its pager's links ("" for none)
	next   string
}

// usedByPages reads the pages of the dataset name's "Used by" list, from
// /data/NAME/ following each page's next link (under the base path base).
func usedByPages(t *testing.T, mem *output.Memory, base, name string) []usedByPage {
	t.Helper()
	var pages []usedByPage
	for out := "data/" + name + "/index.html"; out != ""; {
		if len(pages) > 10000 {
			t.Fatalf("%s: the pages of its users do not end", name)
		}
		pg := usedByPage{out: out, doc: parseHTML(t, out, mustGet(t, mem, out))}
		if uses := findAll(pg.doc, func(n *html.Node) bool { return hasClass(n, "dataset__articles") }); len(uses) == 1 {
			for _, a := range elements(uses[0], "a") {
				if u := attr(a, "href"); strings.Contains(u, "#") {
					pg.charts = append(pg.charts, u)
				} else {
					pg.users = append(pg.users, u)
				}
			}
		}
		for _, a := range findAll(pg.doc, func(n *html.Node) bool {
			return n.Data == "a" && (hasClass(n, "pager__prev") || hasClass(n, "pager__next"))
		}) {
			if attr(a, "rel") == "prev" {
				pg.prev = attr(a, "href")
			} else {
				pg.next = attr(a, "href")
			}
		}
		pages, out = append(pages, pg), ""
		if pg.next != "" {
			if !strings.HasPrefix(pg.next, base) {
				t.Fatalf("%s: next link %s is not under the base path %s", pg.out, pg.next, base)
			}
			out = strings.TrimPrefix(pg.next, base) + "index.html"
		}
	}
	return pages
}

// TestUnusedDatasetWarning checks that a dataset no page reads is a warning
// naming its line of site.yaml, in a build and in a Session's quick build,
// and that using it in a chart ends the warning.
func TestUnusedDatasetWarning(t *testing.T) {
	dir := basicSite(t)
	cfgBytes, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(bytes.NewReader(cfgBytes), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	line := cfg.Datasets["policy"].Line
	if line <= 0 {
		t.Fatal("the config reader gives no line")
	}
	wantWarning := fmt.Sprintf("site.yaml:%d: datasets.policy: not used by any article or page", line)
	unused := func(ws []string) bool {
		return slices.ContainsFunc(ws, func(w string) bool { return strings.HasPrefix(w, wantWarning) })
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	res, _, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !unused(res.Warnings) {
		t.Errorf("warnings %q lack %q", res.Warnings, wantWarning)
	}
	e := editor{t, dir}
	post := "content/posts/first-note.md"
	e.edit(post, "## Why breadth matters", "```chart\ndata: policy\ntitle: Policy rate\nseries: [rate]\n```\n\n## Why breadth matters")
	res, mem, err := s.Build(context.Background(), []string{post})
	if err != nil {
		t.Fatal(err)
	}
	if !s.quick {
		t.Error("a chart added to an article's text should be a quick build")
	}
	full, fres, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if unused(res.Warnings) || unused(fres.Warnings) {
		t.Errorf("policy is used now; warnings: %q (Session), %q (Build)", res.Warnings, fres.Warnings)
	}
	sameTrees(t, full, mem)
	page, _ := mem.Get("data/policy/index.html")
	if !bytes.Contains(page, []byte(`href="/research/2024/01/first-note/#policy-rate">Policy rate</a>`)) {
		t.Error("the dataset's page does not list the new chart")
	}
	art, _ := mem.Get("2024/01/first-note/index.html")
	if !bytes.Contains(art, []byte(`Data: <span class="keep"><a href="/research/data/policy/">policy</a>.</span>`)) {
		t.Error("the chart's source line does not link to its dataset's page")
	}
}

// TestSessionMatchesBuildCatalogue edits the charts, inline figures, titles
// and data behind the data catalogue through a Session, each step checked
// against a fresh Build (runSession): the catalogue pages and data.json
// follow every edit, in quick builds and full ones.
func TestSessionMatchesBuildCatalogue(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	post := "content/posts/first-note.md"
	chart := "```chart\ndata: policy\ntitle: Policy rate\nseries: [rate]\n```\n\n"
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"chart of a dataset added", func() { e.edit(post, "## Why breadth matters", chart+"## Why breadth matters") }, []string{post}, "", true},
		{"chart retitled", func() { e.edit(post, "title: Policy rate", "title: The policy rate") }, []string{post}, "", true},
		{"text edit", func() { e.edit(post, "Breadth narrowed", "Breadth narrowed sharply") }, []string{post}, "", true},
		{"article retitled", func() { e.edit(post, "title: \"First note:", "title: \"First note, retitled:") }, []string{post}, "", true},
		{"dataset CSV edit", func() {
			e.put("content/data/policy.csv", "date,rate\n2023-12-01,5.33\n2024-01-01,5.33\n2024-02-01,5.08\n")
		}, []string{"content/data/policy.csv"}, "", false},
		{"dataset license added", func() {
			e.edit("site.yaml", "    source: \"Fixture data\"", "    source: \"Fixture data\"\n    license: \"Public domain\"\n    title: Policy rate")
		}, []string{"site.yaml"}, "", false},
		{"chart becomes an inline figure", func() {
			b, _ := os.ReadFile(filepath.Join(dir, post))
			i := bytes.Index(b, []byte("```chart"))
			j := bytes.Index(b, []byte("## Why breadth matters"))
			e.put(post, string(b[:i])+"The rate is {{ policy.rate | last | percent:2 }}.\n\n"+string(b[j:]))
		}, []string{post}, "", true},
		{"inline figure removed", func() { e.edit(post, "The rate is {{ policy.rate | last | percent:2 }}.\n\n", "") }, []string{post}, "", true},
		{"article that reads no data retitled", func() { e.edit(post, "title: \"First note, retitled:", "title: \"First note, again:") }, []string{post}, "", true},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, map[string][2]int{
		// Nothing the catalogue shows changed: its pages are not rendered
		// (the article, its chart's page and embed, its email edition, and
		// the home, tag (2), author, year and month pages that list it are).
		"text edit": {1, 10},
		// The catalogue lists no title of an article that reads no data.
		"article that reads no data retitled": {0, 13},
	})
	// The last step left policy unused: its page lists no article.
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	_, mem, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkNoUsers(t, mem)
}

// TestSessionRetitleCatalogue: a quick build after a retitled article
// that reads a dataset of site.yaml makes its page of the catalogue and
// data.json again, with the new title, without drawing any preview chart
// again (the datasets are unchanged); after one that reads none (but a
// CSV of its own) it leaves them alone.
func TestSessionRetitleCatalogue(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	e.edit("content/posts/first-note.md", "## Why breadth matters", "The rate is {{ policy.rate | last | percent:2 }}.\n\n## Why breadth matters")
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		post, old, new, title string
		remade                bool
	}{
		{"content/posts/first-note.md", `title: "First note:`, `title: "First note, retitled:`, "First note, retitled:", true},
		{"content/posts/rates-bundle/index.md", `title: "Rates and the cost`, `title: "Rates and the price`, "Rates and the price", false},
	} {
		e.edit(tc.post, tc.old, tc.new)
		res, mem, err := s.Build(context.Background(), []string{tc.post})
		if err != nil {
			t.Fatal(err)
		}
		if !s.quick || res.Charts != (figure.Stats{}) {
			t.Errorf("%s retitled: quick %t, charts %+v; want a quick build drawing no chart", tc.post, s.quick, res.Charts)
		}
		for _, out := range []string{"data/policy/index.html", "data/data.json"} {
			if remade := slices.Contains(res.Changed, out); remade != tc.remade {
				t.Errorf("%s retitled: %s changed %t, want %t", tc.post, out, remade, tc.remade)
			}
			b, _ := mem.Get(out)
			if lists := strings.Contains(string(b), tc.title); lists != tc.remade {
				t.Errorf("%s retitled: %s lists %q: %t, want %t", tc.post, out, tc.title, lists, tc.remade)
			}
		}
	}
}

func checkNoUsers(t *testing.T, mem *output.Memory) {
	t.Helper()
	page, _ := mem.Get("data/policy/index.html")
	doc := parseHTML(t, "data/policy/index.html", page)
	if n := len(findAll(doc, func(n *html.Node) bool { return hasClass(n, "dataset__articles") })); n != 0 {
		t.Errorf("an unused dataset's page lists articles")
	}
	if h := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == "used-by" }); len(h) != 1 || text(h[0]) != "Used by 0 articles" {
		t.Errorf("used-by heading: %v", h)
	}
}

// TestDataCatalogueFetched checks what the catalogue says of a live
// dataset read from the fetch stage's cache: its origin, the cached file
// with its SHA-256, and when it was fetched (NAME.json's fetchedAt), on
// the page and in data.json.
func TestDataCatalogueFetched(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	fsys["site.yaml"].Data = append(fsys["site.yaml"].Data, "  funds:\n    fred: FEDFUNDS\n    file: content/data/policy.csv\n"...)
	csv := []byte("observation_date,FEDFUNDS\n2024-01-01,5.33\n2024-02-01,5.33\n2024-03-01,5.33\n")
	fsys[".cache/data/funds.csv"] = &fstest.MapFile{Data: csv}
	fsys[".cache/data/funds.json"] = &fstest.MapFile{Data: []byte(`{"url": "https://fred.stlouisfed.org/graph/fredgraph.csv?id=FEDFUNDS", "fetchedAt": "2026-10-30T08:15:00-04:00", "sha256": "x"}`)}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := readCSVFacts(t, csv)
	out := "data/funds/index.html"
	fs := facts(t, out, parseHTML(t, out, mustGet(t, mem, out)))
	for dt, want := range map[string]string{
		"Origin":    "The FRED series FEDFUNDS: https://fred.stlouisfed.org/graph/fredgraph.csv?id=FEDFUNDS",
		"Read from": ".cache/data/funds.csv, fetched 30 October 2026, 12:15 UTC",
		"SHA-256":   f.sum,
		"Rows":      "3",
	} {
		if got := text(fs[dt]); got != want {
			t.Errorf("%s: %s = %q, want %q", out, dt, got, want)
		}
	}
	var js struct {
		Datasets []struct {
			Name, File, SHA256 string
			Fetched            *string
		}
	}
	if err := json.Unmarshal(mustGet(t, mem, "data/data.json"), &js); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, d := range js.Datasets {
		switch d.Name {
		case "funds":
			seen++
			if d.Fetched == nil || *d.Fetched != "2026-10-30T12:15:00Z" || d.File != ".cache/data/funds.csv" || d.SHA256 != f.sum {
				t.Errorf("data.json funds: %+v (fetched %v)", d, d.Fetched)
			}
		case "policy":
			seen++
			if d.Fetched != nil {
				t.Errorf("data.json policy: fetched %q, want null (a committed copy)", *d.Fetched)
			}
		}
	}
	if seen != 2 {
		t.Errorf("data.json has %d of the datasets funds and policy", seen)
	}
}

// TestSessionCataloguePagesQuick: text edits that add and remove users of
// a dataset, one a page, change how many pages of users it has (perPage
// 1), which the sitemap lists, while no chart changes; each quick build
// equals a fresh Build.
func TestSessionCataloguePagesQuick(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	e.edit("site.yaml", "perPage: 2", "perPage: 1")
	inline := "The rate is {{ policy.rate | last | percent:2 }}.\n\n"
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"first user", func() {
			e.edit("content/posts/first-note.md", "## Why breadth matters", inline+"## Why breadth matters")
		}, []string{"content/posts/first-note.md"}, "", true},
		{"second user, a page", func() { e.edit("content/about.md", "We write about", inline+"We write about") }, []string{"content/about.md"}, "", true},
		{"second user gone", func() { e.edit("content/about.md", inline, "") }, []string{"content/about.md"}, "", true},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, nil)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	e.edit("content/about.md", "We write about", inline+"We write about")
	_, mem, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if locs := sitemapLocs(t, mem); !slices.ContainsFunc(locs, func(l string) bool { return strings.HasSuffix(l, "/data/policy/page/2/") }) {
		t.Errorf("the sitemap does not list the second page of policy's users: %v", locs)
	}
}
