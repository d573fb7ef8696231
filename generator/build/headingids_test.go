package build

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHeadingIDsApartFromCharts: a section and the chart in it often
// share a title ("## Valuations" above a chart titled "Valuations"). The
// heading took its id while the article was parsed and the chart the
// same id from its title when it was drawn, so the page held the id twice
// (and the chart's title's id too, under a heading "Valuations title"):
// the contents' link and the chart's links (its page's, a search
// result's, a ticker page's) reached one element of the two. The chart
// keeps its id, which names its page and files, and the heading takes the
// next free one, above or below the chart; the contents link it there.
// An id written {#id} that a chart also has is an error at the heading's
// line.
func TestHeadingIDsApartFromCharts(t *testing.T) {
	chart := "```chart\ndata: policy\ntitle: Valuations\nseries:\n  - column: rate\n```\n"
	article := "---\ntitle: Sections\ndate: 2024-02-01\n---\nText.\n\n" +
		"## Valuations\n\nAbove.\n\n" + chart + "\n## Valuations title\n\nMore.\n\n" +
		"```chart\ndata: policy\ntitle: Rates\nseries:\n  - column: rate\n```\n\n## Rates\n\nBelow.\n"
	mem, _, err := buildMem(t, bundleSite(t, "", map[string]string{"content/posts/sections.md": article}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := htmlDoc(t, mem, "2024/02/sections/index.html")
	checkIDsOnce(t, doc)
	for _, id := range []string{"valuations", "rates"} {
		if f := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == id }); len(f) != 1 || f[0].Data != "figure" {
			t.Errorf("#%s is not the chart's figure alone", id)
		}
	}
	// Each link of the contents reaches the heading it names.
	var toc []string
	for _, nav := range byClass(doc, "toc") {
		for _, a := range findAll(nav, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "a" }) {
			id := strings.TrimPrefix(attr(a, "href"), "#")
			target := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == id })
			if len(target) != 1 || target[0].Data != "h2" || text(target[0]) != text(a) {
				t.Errorf("the contents' link %q (%s) does not reach its heading alone", attr(a, "href"), text(a))
			}
			toc = append(toc, id)
		}
	}
	if len(toc) != 3 {
		t.Errorf("the contents link %q, want the three headings", toc)
	}

	explicit := strings.Replace(article, "## Rates\n", "## Rates {#rates}\n", 1)
	_, _, err = buildMem(t, bundleSite(t, "", map[string]string{"content/posts/sections.md": explicit}), Options{})
	want := `content/posts/sections.md:29: the heading's id "rates" is also the id of the chart at line 22`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("an explicit {#rates} beside the chart rates: got %v, want an error %q…", err, want)
	}
}

// TestContentsShowFigures: the contents' line of a heading that holds an
// inline figure reads as the heading does, the computed number included;
// it read "Policy rate at  in" with the figures left out.
func TestContentsShowFigures(t *testing.T) {
	article := "---\ntitle: Sections\ndate: 2024-02-01\n---\nText.\n\n" +
		"## Policy rate at {{ policy.rate | last | percent:2 }} in {{ policy.rate | last_date }}\n\nA.\n\n## Second\n\nB.\n\n## Third\n\nC.\n"
	mem, _, err := buildMem(t, bundleSite(t, "", map[string]string{"content/posts/sections.md": article}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := htmlDoc(t, mem, "2024/02/sections/index.html")
	h2 := findAll(doc, func(n *html.Node) bool { return n.Data == "h2" && strings.HasPrefix(text(n), "Policy rate") })
	if len(h2) != 1 || !strings.Contains(text(h2[0]), "%") {
		t.Fatalf("the heading with figures: %d found", len(h2))
	}
	var links []string
	for _, nav := range byClass(doc, "toc") {
		for _, a := range findAll(nav, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "a" }) {
			links = append(links, text(a))
		}
	}
	if len(links) != 3 || links[0] != text(h2[0]) {
		t.Errorf("the contents read %q, want the heading %q first", links, text(h2[0]))
	}
}

// checkIDsOnce fails t for each id that is on the page doc more than once.
func checkIDsOnce(t *testing.T, doc *html.Node) {
	t.Helper()
	seen := map[string]int{}
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") != "" }) {
		seen[attr(n, "id")]++
	}
	for id, n := range seen {
		if n > 1 {
			t.Errorf("id %q is on the page %d times", id, n)
		}
	}
}

// TestChartIDsApartFromPage: a chart whose title makes an id that the
// theme gives an element of the page around the article (a chart titled
// "Disclosures" beside the article's disclosures, one titled "Main"
// beside the skip link's target) takes the next free id, so that the
// skip link and the section keep theirs and the chart's links reach the
// chart; such an id written in the block is an error at its line.
func TestChartIDsApartFromPage(t *testing.T) {
	chart := func(title string) string {
		return "```chart\ndata: policy\ntitle: " + title + "\nseries:\n  - column: rate\n```\n"
	}
	article := "---\ntitle: Sections\ndate: 2024-02-01\ndisclosures: [\"The author holds no position.\"]\n---\nText.\n\n" +
		chart("Disclosures") + "\n" + chart("Main")
	mem, _, err := buildMem(t, bundleSite(t, "", map[string]string{"content/posts/sections.md": article}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := htmlDoc(t, mem, "2024/02/sections/index.html")
	checkIDsOnce(t, doc)
	for id, tag := range map[string]string{"main": "main", "disclosures-2": "figure", "main-2": "figure"} {
		if f := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == id }); len(f) != 1 || f[0].Data != tag {
			t.Errorf("#%s is not the page's <%s>", id, tag)
		}
	}
	if f := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == "disclosures" }); len(f) != 1 || !strings.Contains(text(f[0].Parent), "no position") {
		t.Errorf("#disclosures is not the article's disclosures")
	}
	mustGet(t, mem, "2024/02/sections/charts/disclosures-2/index.html")

	given := strings.Replace(article, "title: Main\n", "id: main\ntitle: Main\n", 1)
	_, _, err = buildMem(t, bundleSite(t, "", map[string]string{"content/posts/sections.md": given}), Options{})
	want := `content/posts/sections.md:17: chart: id "main" is the id of an element of the page around the article`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a chart given id: main: got %v, want an error %q…", err, want)
	}
}
