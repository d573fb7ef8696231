package build

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// TestPagerFirstLast: a list of many pages links its first and last pages
// besides the pages beside the reader's, as Hugo's and Zola's paginators
// do, so that a reader on page 3 of 20 reaches the oldest articles in one
// step: "Newest" (page 1) where "Newer" is not already page 1, "Oldest"
// (the last page) where "Older" is not already the last, each with an
// accessible name that holds its text and says the page's number; the
// count of pages is marked as the current page.
func TestPagerFirstLast(t *testing.T) {
	fsys := fstest.MapFS{}
	for k, v := range researchFS(t) {
		fsys[k] = v
	}
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["site.yaml"].Data), "perPage: 2", "perPage: 1", 1))}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const total = 5 // the fixture's five articles, one a page
	for k := 1; k <= total; k++ {
		name := "index.html"
		if k > 1 {
			name = fmt.Sprintf("page/%d/index.html", k)
		}
		navs := findAll(parseHTML(t, name, mustGet(t, mem, name)), func(n *html.Node) bool { return n.Data == "nav" && hasClass(n, "pager") })
		if len(navs) != 1 {
			t.Fatalf("%s: %d pagers, want 1", name, len(navs))
		}
		links := map[string]*html.Node{}
		for _, a := range elements(navs[0], "a") {
			links[attr(a, "class")] = a
		}
		at := func(n int) string {
			if n == 1 {
				return "/research/"
			}
			return fmt.Sprintf("/research/page/%d/", n)
		}
		for _, l := range []struct {
			class, text, label string
			to                 int
			shown              bool
		}{
			{"pager__first", "Newest", "Newest, page 1", 1, k > 2},
			{"pager__prev", "Newer", "", k - 1, k > 1},
			{"pager__next", "Older", "", k + 1, k < total},
			{"pager__last", "Oldest", fmt.Sprintf("Oldest, page %d", total), total, k < total-1},
		} {
			a := links[l.class]
			if (a != nil) != l.shown {
				t.Errorf("%s: %s shown %v, want %v", name, l.class, a != nil, l.shown)
				continue
			}
			if a == nil {
				continue
			}
			if got := attr(a, "href"); got != at(l.to) {
				t.Errorf("%s: %s links %s, want %s", name, l.class, got, at(l.to))
			}
			if got := strings.Trim(text(a), "«»←→ "); got != l.text {
				t.Errorf("%s: %s reads %q, want %q", name, l.class, got, l.text)
			}
			if got := attr(a, "aria-label"); got != l.label {
				t.Errorf("%s: %s aria-label %q, want %q", name, l.class, got, l.label)
			}
		}
		cur := findAll(navs[0], func(n *html.Node) bool { return attr(n, "aria-current") == "page" })
		if want := fmt.Sprintf("Page %d of %d", k, total); len(cur) != 1 || strings.TrimSpace(text(cur[0])) != want {
			t.Errorf("%s: %d elements marked current, want one reading %q", name, len(cur), want)
		}
	}
}
