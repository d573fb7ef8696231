package build

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/lock"
)

// integrityFS is a small site with a dataset, a disclaimer, one article
// with disclosures, a revision log and a claim the data does not bear out,
// and one plain article.
func integrityFS(t testing.TB) fstest.MapFS {
	m := siteFS(t, "testdata/sites/claims")
	m["site.yaml"] = &fstest.MapFile{Data: []byte(`title: "Integrity fixture"
baseURL: "https://example.org/"
disclaimer: "Not investment advice & not an offer."
datasets:
  prices:
    file: content/data/prices.csv
`)}
	m["content/posts/claims.md"] = &fstest.MapFile{Data: []byte(`---
title: "Two claims"
date: 2026-10-01
disclosures: ["The author holds small caps <b>long</b>."]
updates:
  - date: 2026-10-02
    note: "Corrected the chart's title."
claims:
  - text: "Small caps are above 200"
    check: "{{ prices.small | last }} > 200"
---
Small caps stand at {{ prices.small | last }}.
`)}
	m["content/posts/plain.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Plain\ndate: 2026-09-01\n---\nLarge caps stand at {{ prices.large | last }}.\n")}
	return m
}

// TestFeedsCarryCompliance parses every feed format with gofeed and checks
// that every item carries the disclaimer, and that the article with
// disclosures, revisions and a failing claim carries them too.
func TestFeedsCarryCompliance(t *testing.T) {
	mem, _, err := buildMem(t, integrityFS(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := gofeed.NewParser()
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		fd, err := p.Parse(bytes.NewReader(mustGet(t, mem, name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(fd.Items) != 2 {
			t.Fatalf("%s: %d items, want 2", name, len(fd.Items))
		}
		for _, it := range fd.Items {
			mustContain(t, name+" "+it.Title, it.Content, "Not investment advice &amp; not an offer.")
			if it.Title != "Two claims" {
				if strings.Contains(it.Content, "Disclosures") || strings.Contains(it.Content, "Data update") {
					t.Errorf("%s: %q carries another article's notes", name, it.Title)
				}
				continue
			}
			mustContain(t, name+" "+it.Title, it.Content,
				"<h2>Disclosures</h2>", "The author holds small caps &lt;b&gt;long&lt;/b&gt;.",
				"<h2>Revisions</h2>", "2 October 2026: Corrected the chart&#39;s title.",
				"<strong>Data update:</strong>", "Small caps are above 200")
			if i, j := strings.Index(it.Content, "Data update"), strings.Index(it.Content, "Small caps stand at"); i < 0 || j < 0 || i > j {
				t.Errorf("%s: the notice does not come before the body", name)
			}
		}
	}
}

// withFile returns a copy of m with the file name set to data.
func withFile(m fstest.MapFS, name string, data []byte) fstest.MapFS {
	c := fstest.MapFS{}
	for k, v := range m {
		c[k] = v
	}
	c[name] = &fstest.MapFile{Data: data}
	return c
}

// figureTexts returns the text of every inline figure of a page, parsed.
func figureTexts(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "span" {
			for _, a := range n.Attr {
				if a.Key == "class" && a.Val == "figure-inline" && n.FirstChild != nil {
					out = append(out, n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// atomUpdated returns the updated date of the Atom entry titled title.
func atomUpdated(t *testing.T, mem interface{ Get(string) ([]byte, bool) }, title string) string {
	t.Helper()
	b, _ := mem.Get("atom.xml")
	fd, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range fd.Items {
		if it.Title == title {
			return it.Updated
		}
	}
	t.Fatalf("atom.xml has no entry %q", title)
	return ""
}

// TestFiguresKeptAsPublished records a published article's figures, then
// changes its data: the page shows both values and a dated automatic
// revision, Atom's updated moves, the lock is an input only; --strict
// fails; an article with figures: live recomputes silently.
func TestFiguresKeptAsPublished(t *testing.T) {
	site := integrityFS(t)
	site = withFile(site, "content/posts/live.md", []byte("---\ntitle: Live\ndate: 2026-08-01\nfigures: live\n---\nSmall caps stand at {{ prices.small | last }}.\n"))
	_, res, err := buildMem(t, site, Options{})
	if err != nil || strings.Contains(strings.Join(res.Warnings, "\n"), "figures.lock") {
		t.Errorf("a site without figures.lock: %v %q", err, res.Warnings)
	}
	_, res, err = buildMem(t, withFile(site, "figures.lock", lock.New().Bytes()), Options{})
	if err != nil || !strings.Contains(strings.Join(res.Warnings, "\n"), "content/posts/claims.md: published, but figures.lock has no record") {
		t.Errorf("a site with an empty figures.lock: %v %q", err, res.Warnings)
	}
	mem, res, err := buildMem(t, site, Options{RecordLock: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Lock.Articles["content/posts/claims.md"]
	if text, ok := rec.Figure("prices.small | last"); !ok || text != "106" {
		t.Fatalf("recorded %q %v, want 106:\n%s", text, ok, res.Lock.Bytes())
	}
	if res.Lock.Articles["content/posts/live.md"] != nil {
		t.Errorf("an article with figures: live was recorded")
	}
	lockBytes := res.Lock.Bytes()
	published := withFile(site, "figures.lock", lockBytes)
	before, res, err := buildMem(t, published, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "figures.lock") {
			t.Errorf("warning with a complete lock: %s", w)
		}
	}
	if got := figureTexts(t, mustGet(t, before, "2026/10/claims/index.html")); strings.Join(got, "|") != "106" {
		t.Errorf("published page shows %q", got)
	}
	if p, q := mustGet(t, mem, "2026/10/claims/index.html"), mustGet(t, before, "2026/10/claims/index.html"); !bytes.Equal(p, q) {
		t.Errorf("the lock changed a page whose data did not change")
	}
	wasUpdated := atomUpdated(t, before, "Two claims")

	// The data is extended and revised after publication.
	csv := string(fstest.MapFS(published)["content/data/prices.csv"].Data) + "2026-10-15,98,115\n"
	revised := withFile(published, "content/data/prices.csv", []byte(csv))
	after, _, err := buildMem(t, revised, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := mustGet(t, after, "2026/10/claims/index.html")
	if got := figureTexts(t, page); strings.Join(got, "|") != "106 at publication; 98 on data through 15 October 2026" {
		t.Errorf("revised page shows %q", got)
	}
	mustContain(t, "revised page", string(page), `<time datetime="2026-10-15T00:00:00Z">15 October 2026</time>: Automatic: `, "the figure computed from content/data/prices.csv, column small, was 106 at publication and is 98 on data through 15 October 2026")
	// The reader is not shown the source's expression: the figure's data
	// names it.
	if strings.Contains(string(page), "{{") {
		t.Errorf("revised page shows a figure's expression:\n%s", page)
	}
	if got := atomUpdated(t, after, "Two claims"); got == wasUpdated || !strings.HasPrefix(got, "2026-10-15") {
		t.Errorf("Atom updated %s, was %s: want 2026-10-15", got, wasUpdated)
	}
	fd, err := gofeed.NewParser().Parse(bytes.NewReader(mustGet(t, after, "atom.xml")))
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range fd.Items {
		if it.Title == "Two claims" {
			mustContain(t, "atom.xml item", it.Content, "Automatic: ", "106 at publication; 98 on data through 15 October 2026")
		}
	}
	if got := figureTexts(t, mustGet(t, after, "2026/08/live/index.html")); strings.Join(got, "|") != "98" {
		t.Errorf("live article shows %q, want the current 98", got)
	}
	if strings.Contains(string(mustGet(t, after, "2026/08/live/index.html")), "Automatic") {
		t.Errorf("live article has an automatic revision")
	}
	if _, ok := after.Get("figures.lock"); ok {
		t.Errorf("the lock was published")
	}
	if !bytes.Equal(revised["figures.lock"].Data, lockBytes) {
		t.Errorf("the build changed the lock")
	}
	_, _, err = buildMem(t, revised, Options{Strict: true})
	// Each change is an error at the line that shows it: the figure's in
	// the text (12), the claim's check in front matter (10).
	if err == nil || !strings.Contains(err.Error(), "content/posts/claims.md:12: {{ prices.small | last }} was 106 at publication and is 98") ||
		!strings.Contains(err.Error(), `content/posts/claims.md:10: the claim "Small caps are above 200" read 106 > 200 at publication and reads 98 > 200 now`) {
		t.Errorf("--strict: %v", err)
	}
}

// TestFiguresLiveAfterPublication: figures: live set on an article that
// figures.lock records made its figures follow the data without a word:
// no value at publication, no revision, no warning even with --strict,
// and the next tearsheet lock dropped the record. It is a warning at the
// line of figures: (an error with --strict) until the line goes or
// tearsheet lock drops the record.
func TestFiguresLiveAfterPublication(t *testing.T) {
	site := integrityFS(t)
	_, res, err := buildMem(t, site, Options{RecordLock: true})
	if err != nil {
		t.Fatal(err)
	}
	published := withFile(site, "figures.lock", res.Lock.Bytes())
	src := string(published["content/posts/claims.md"].Data)
	live := withFile(published, "content/posts/claims.md", []byte(strings.Replace(src, "title: \"Two claims\"\n", "title: \"Two claims\"\nfigures: live\n", 1)))
	const want = "content/posts/claims.md:3: figures: live, but figures.lock keeps what this published article showed"
	_, res, err = buildMem(t, live, Options{})
	if err != nil || !strings.Contains(strings.Join(res.Warnings, "\n"), want) {
		t.Errorf("figures: live on a recorded article: %v, warnings %q", err, res.Warnings)
	}
	if _, _, err = buildMem(t, live, Options{Strict: true}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("--strict: %v", err)
	}
	// tearsheet lock drops the record; then the article is live in peace.
	_, res, err = buildMem(t, live, Options{RecordLock: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lock.Articles["content/posts/claims.md"] != nil {
		t.Fatalf("the record of a live article was kept")
	}
	_, res, err = buildMem(t, withFile(live, "figures.lock", res.Lock.Bytes()), Options{})
	if err != nil || strings.Contains(strings.Join(res.Warnings, "\n"), "figures: live") {
		t.Errorf("after tearsheet lock: %v %q", err, res.Warnings)
	}
}
