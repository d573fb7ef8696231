package build

import (
	"regexp"
	"testing"

	"golang.org/x/net/html"
)

// monthPage matches the first page of a month's archive: YYYY/MM/index.html.
var monthPage = regexp.MustCompile(`^(\d{4})/\d{2}/index\.html$`)

// TestMonthLinksItsYear: a reader on a month's archive page can go up to
// its year's page and to the archive from the page's header, as the
// archive links each year and month: under a sub-path, every month page of
// the fixture links its year's page, which exists.
func TestMonthLinksItsYear(t *testing.T) {
	const base = "https://example.com/research/"
	mem, _, err := buildMem(t, researchFS(t), Options{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	months := 0
	for _, name := range mem.Changed() {
		m := monthPage.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		months++
		year := m[1]
		if _, ok := mem.Get(year + "/index.html"); !ok {
			t.Errorf("%s: its year's page %s/index.html was not written", name, year)
		}
		doc := parseHTML(t, name, mustGet(t, mem, name))
		headers := findAll(doc, func(n *html.Node) bool { return n.Data == "header" && hasClass(n, "list-header") })
		if len(headers) != 1 {
			t.Fatalf("%s: %d list headers, want 1", name, len(headers))
		}
		links := map[string]string{} // href → text
		for _, a := range elements(headers[0], "a") {
			links[attr(a, "href")] = text(a)
		}
		if got, ok := links["/research/"+year+"/"]; !ok || got != year {
			t.Errorf("%s: the header's links are %v, want one to its year /research/%s/ reading %q", name, links, year, year)
		}
		if _, ok := links["/research/archive/"]; !ok {
			t.Errorf("%s: the header's links are %v, want one to the archive", name, links)
		}
	}
	if months < 2 {
		t.Fatalf("the fixture built %d month pages, want several", months)
	}
}
