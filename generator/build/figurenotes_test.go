package build

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// figureNotes parses page and returns the inline figures of its body
// (text and title of each span.figure-inline) and the items of its list
// "Figures in this article" (the text of each, and its link's href).
func figureNotes(t *testing.T, page []byte) (spans [][2]string, items []string, hrefs []string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "figure-inline") }) {
		spans = append(spans, [2]string{text(n), attr(n, "title")})
	}
	for _, ul := range findAll(doc, func(n *html.Node) bool { return n.Data == "ul" && hasClass(n, "figure-notes") }) {
		for _, li := range findAll(ul, func(n *html.Node) bool { return n.Data == "li" }) {
			items = append(items, text(li))
		}
		for _, a := range findAll(ul, func(n *html.Node) bool { return n.Data == "a" }) {
			hrefs = append(hrefs, attr(a, "href"))
		}
	}
	return spans, items, hrefs
}

// TestFigureNotes: an article lists its inline figures under "Figures in
// this article", each expression once, in the order of the text, with
// the text the page shows, where it comes from and a link to the data
// that leads to a file of the build; a figure in code is not listed.
// Feeds and the email edition carry the list, with absolute links. A reader on a phone or on
// paper, where the figures' tooltips do not show, traces a number so.
func TestFigureNotes(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	src := string(fsys["content/posts/rates-bundle/index.md"].Data)
	fsys["content/posts/rates-bundle/index.md"] = &fstest.MapFile{Data: []byte(src + "\nAgain, {{ rates.rate | last | percent:2 }}; in code `{{ rates.rate | first }}`.\n")}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	spans, items, hrefs := figureNotes(t, mustGet(t, mem, "2024/03/rates-bundle/index.html"))
	if len(spans) < 3 {
		t.Fatalf("the premise: the article shows at least three inline figures, one repeated; it shows %q", spans)
	}
	var want []string
	seen := map[string]bool{}
	for _, s := range spans {
		if !seen[s[0]+s[1]] {
			seen[s[0]+s[1]] = true
			want = append(want, s[0]+": "+s[1]+".")
		}
	}
	if len(items) != len(want) {
		t.Fatalf("listed %d figures, want %d (one per expression):\n%q", len(items), len(want), items)
	}
	for i, it := range items {
		if !strings.HasPrefix(it, want[i]) {
			t.Errorf("figure %d listed as %q, want it to start %q", i, it, want[i])
		}
		if strings.Contains(it, "| first") {
			t.Errorf("a figure in code is listed: %q", it)
		}
	}
	if len(hrefs) != len(items) {
		t.Fatalf("%d data links for %d figures: %q", len(hrefs), len(items), hrefs)
	}
	for _, h := range hrefs {
		name := strings.TrimPrefix(h, "/research/")
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if _, ok := mem.Get(name); !ok || name == h {
			t.Errorf("data link %q leads to no file of the build", h)
		}
	}
	var feed struct {
		Items []struct {
			URL     string `json:"url"`
			Content string `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal(mustGet(t, mem, "feed.json"), &feed); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range feed.Items {
		if strings.HasSuffix(it.URL, "/2024/03/rates-bundle/") {
			found = true
			if !strings.Contains(it.Content, "<h2>Figures in this article</h2>") || !strings.Contains(it.Content, `href="https://example.org/research/2024/03/rates-bundle/rates.csv"`) {
				t.Errorf("the feed item lacks the list of figures with absolute data links:\n%s", it.Content)
			}
		}
	}
	if !found {
		t.Error("the premise: feed.json carries the article")
	}
	// The email edition: absolute links, and its plain text too.
	_, items, hrefs = figureNotes(t, mustGet(t, mem, "2024/03/rates-bundle/email.html"))
	if len(items) != len(want) || len(hrefs) == 0 || hrefs[0] != "https://example.org/research/2024/03/rates-bundle/rates.csv" {
		t.Errorf("the email edition lists %q with links %q", items, hrefs)
	}
	if txt := string(mustGet(t, mem, "2024/03/rates-bundle/email.txt")); !strings.Contains(txt, "Figures in this article") || !strings.Contains(txt, "<https://example.org/research/2024/03/rates-bundle/rates.csv>") {
		t.Errorf("the email's plain text lacks the list of figures:\n%s", txt)
	}
}

// TestFigureNotesKeptAsPublished: a figure kept as published lists the
// text the page shows, its value at publication beside the current one.
func TestFigureNotesKeptAsPublished(t *testing.T) {
	_, items, _ := figureNotes(t, revisedNumbers(t))
	if len(items) != 1 || !strings.HasPrefix(items[0], "2.00 at publication; 2.50 on data through") {
		t.Errorf("listed %q, want the figure as the page shows it", items)
	}
}

// TestPageFigureNotes: a page (not an article) with inline figures lists
// them as an article does, under "Figures on this page", each with where
// it comes from and a link to its data, in a full build and in a
// Session's quick build of an edit of the page. Without the list a
// number on the page is traced only by a tooltip, which phones and print
// do not show.
func TestPageFigureNotes(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	about := string(fsys["content/about.md"].Data) + "\nThe policy rate was last {{ policy.rate | last | percent:2 }}.\n"
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte(about)}
	check := func(name string, page []byte) {
		t.Helper()
		spans, items, hrefs := figureNotes(t, page)
		if len(spans) != 1 {
			t.Fatalf("%s: the premise: the page shows one inline figure; it shows %q", name, spans)
		}
		want := spans[0][0] + ": " + spans[0][1] + "."
		if len(items) != 1 || !strings.HasPrefix(items[0], want) || !strings.Contains(items[0], "policy.rate | last | percent:2") {
			t.Errorf("%s: the page lists %q, want one item starting %q with its expression", name, items, want)
		}
		if len(hrefs) != 1 || hrefs[0] != "/research/data/policy/" {
			t.Errorf("%s: data links %q, want the dataset's catalogue page", name, hrefs)
		}
		if !strings.Contains(string(page), "Figures on this page") {
			t.Errorf("%s: no heading \"Figures on this page\"", name)
		}
	}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	check("build", mustGet(t, mem, "about/index.html"))

	s := NewSession(fsys, Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte(strings.Replace(about, "was last", "stood last at", 1))}
	_, got, err := s.Build(context.Background(), []string{"content/about.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !s.quick {
		t.Fatal("the premise: a body edit of a page is a quick build")
	}
	b, ok := got.Get("about/index.html")
	if !ok {
		t.Fatal("the quick build has no about/index.html")
	}
	check("quick build", b)
}
