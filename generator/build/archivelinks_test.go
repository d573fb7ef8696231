package build

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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
	for _, name := range mem.Names() {
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

// yearPage matches a page of a year's archive: YYYY/index.html or
// YYYY/page/N/index.html for N of 2 or more (YYYY/page/1/ redirects to
// YYYY/).
var yearPage = regexp.MustCompile(`^(\d{4})/(?:page/(?:[2-9]|[1-9]\d+)/)?index\.html$`)

// TestYearLinksItsNeighbours: a reader on a year's archive page can go on
// to the year before and after it, as the archive runs (newest first,
// like the pager's "← Newer" and "Older →"): every page of every year of
// the fixture links the next newer year with articles and the next older
// one (none past either end), in a nav after the list, and the page's
// rel prev and next (links in the head and the nav) go to the year beside
// it only where the year's own pages do not continue.
func TestYearLinksItsNeighbours(t *testing.T) {
	const base = "https://example.com/research/"
	mem, _, err := buildMem(t, researchFS(t), Options{BaseURL: base}) // perPage 2
	if err != nil {
		t.Fatal(err)
	}
	var years []string // newest first
	pages := map[string][]string{}
	for _, name := range mem.Names() {
		m := yearPage.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		if len(pages[m[1]]) == 0 {
			years = append(years, m[1])
		}
		pages[m[1]] = append(pages[m[1]], name)
	}
	slices.SortFunc(years, func(a, b string) int { return strings.Compare(b, a) })
	if len(years) < 3 {
		t.Fatalf("the fixture built %d year pages, want 3 or more", len(years))
	}
	paged := false
	for i, year := range years {
		var newer, older string
		if i > 0 {
			newer = "/research/" + years[i-1] + "/"
		}
		if i+1 < len(years) {
			older = "/research/" + years[i+1] + "/"
		}
		for _, name := range pages[year] {
			doc := parseHTML(t, name, mustGet(t, mem, name))
			navs := findAll(doc, func(n *html.Node) bool { return n.Data == "nav" && hasClass(n, "year-nav") })
			if len(navs) != 1 {
				t.Errorf("%s: %d year navs, want 1", name, len(navs))
				continue
			}
			got := map[string]string{} // class → href
			for _, a := range elements(navs[0], "a") {
				got[attr(a, "class")] = attr(a, "href")
				if name := strings.TrimSpace(strings.Trim(text(a), "←→ ")); "/research/"+name+"/" != attr(a, "href") {
					t.Errorf("%s: the link to %s reads %q", name, attr(a, "href"), text(a))
				}
			}
			if got["year-nav__newer"] != newer || got["year-nav__older"] != older {
				t.Errorf("%s: links newer %q, older %q; want %q, %q", name, got["year-nav__newer"], got["year-nav__older"], newer, older)
			}
			// rel prev and next: the year's own pages first, then the
			// year beside it.
			pager := map[string]string{}
			for _, a := range findAll(doc, func(n *html.Node) bool {
				return n.Data == "a" && hasClass(n, "pager__prev") || hasClass(n, "pager__next")
			}) {
				pager[attr(a, "rel")] = attr(a, "href")
			}
			if len(pager) > 0 {
				paged = true
			}
			for _, rel := range []string{"prev", "next"} {
				want := pager[rel]
				if want == "" {
					want = map[string]string{"prev": newer, "next": older}[rel]
				}
				var heads, links []string
				for _, l := range findAll(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == rel }) {
					heads = append(heads, attr(l, "href"))
				}
				for _, a := range findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "rel") == rel }) {
					links = append(links, attr(a, "href"))
				}
				wantList := []string{}
				if want != "" {
					wantList = []string{want}
				}
				if !slices.Equal(append([]string{}, heads...), wantList) || !slices.Equal(append([]string{}, links...), wantList) {
					t.Errorf("%s: rel %s: head links %q, page links %q; want %q", name, rel, heads, links, wantList)
				}
			}
		}
	}
	if !paged {
		t.Error("no year of the fixture has more than one page: the rel links beside a pager are not tested")
	}
}

// TestMonthLinksItsNeighbours: a reader on a month's archive page can go on
// to the months with articles beside it, across years, as the archive runs
// (newest first): every month page of the fixture has a nav "Other
// months" after its list, linking the next newer month and the next older
// one by name (none past either end).
func TestMonthLinksItsNeighbours(t *testing.T) {
	mem, _, err := buildMem(t, researchFS(t), Options{BaseURL: "https://example.com/research/"})
	if err != nil {
		t.Fatal(err)
	}
	var months []string // "YYYY/MM", newest first
	for _, name := range mem.Names() {
		if monthPage.MatchString(name) {
			months = append(months, strings.TrimSuffix(name, "/index.html"))
		}
	}
	slices.SortFunc(months, func(a, b string) int { return strings.Compare(b, a) })
	if len(months) < 3 || months[0][:4] == months[len(months)-1][:4] {
		t.Fatalf("the fixture built month pages %v, want 3 or more across years", months)
	}
	nameOf := func(ym string) string {
		tm, err := time.Parse("2006/01", ym)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Format("January 2006")
	}
	for i, ym := range months {
		want := map[string]string{} // class → "href text"
		if i > 0 {
			want["year-nav__newer"] = "/research/" + months[i-1] + "/ " + nameOf(months[i-1])
		}
		if i+1 < len(months) {
			want["year-nav__older"] = "/research/" + months[i+1] + "/ " + nameOf(months[i+1])
		}
		name := ym + "/index.html"
		doc := parseHTML(t, name, mustGet(t, mem, name))
		navs := findAll(doc, func(n *html.Node) bool { return n.Data == "nav" && hasClass(n, "year-nav") })
		if len(navs) != 1 || attr(navs[0], "aria-label") != "Other months" {
			t.Errorf("%s: %d navs of other months, want 1 labelled Other months", name, len(navs))
			continue
		}
		got := map[string]string{}
		for _, a := range elements(navs[0], "a") {
			got[attr(a, "class")] = attr(a, "href") + " " + strings.TrimSpace(strings.Trim(text(a), "←→ "))
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: links %v, want %v", name, got, want)
		}
	}
}

// TestMenuMarksCurrentPage: the site's menu tells a reader (and a screen
// reader, by aria-current) where they are. The About page marks its menu
// item; the other pages of its kind (privacy, terms), whose header is the
// same but for that, mark none; the archive marks Archive.
func TestMenuMarksCurrentPage(t *testing.T) {
	mem, _, err := buildMem(t, researchFS(t), Options{BaseURL: "https://example.com/research/"})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"about/index.html":   "/research/about/",
		"privacy/index.html": "",
		"terms/index.html":   "",
		"index.html":         "",
		"archive/index.html": "/research/archive/",
	} {
		doc := parseHTML(t, name, mustGet(t, mem, name))
		navs := findAll(doc, func(n *html.Node) bool { return n.Data == "nav" && attr(n, "aria-label") == "Site" })
		if len(navs) != 1 {
			t.Fatalf("%s: %d site menus, want 1", name, len(navs))
		}
		var current []string
		for _, a := range elements(navs[0], "a") {
			if attr(a, "aria-current") == "page" {
				current = append(current, attr(a, "href"))
			}
		}
		if got := strings.Join(current, " "); got != want {
			t.Errorf("%s: the menu marks %q current, want %q", name, got, want)
		}
	}
}
