package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// peerCorpus is the basic fixture site with its articles and pages
// replaced by files, which put writes, as a Hugo, Zola or Jekyll site
// holds them.
func peerCorpus(t testing.TB, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := siteFS(t, "testdata/sites/basic")
	for name := range fsys {
		if strings.HasPrefix(name, "content/posts/") || name == "content/about.md" {
			delete(fsys, name)
		}
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// page returns the parsed output file name, failing the test when the
// build did not write it.
func builtPage(t *testing.T, fsys fstest.MapFS, name string) *html.Node {
	t.Helper()
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, ok := mem.Get(name)
	if !ok {
		t.Fatalf("%s was not written; files: %v", name, mem.Names())
	}
	return parseHTML(t, name, b)
}

// articleBody is the element of class prose that holds the article's text.
func articleBody(t *testing.T, doc *html.Node) *html.Node {
	t.Helper()
	bodies := findAll(doc, func(n *html.Node) bool { return hasClass(n, "prose") })
	if len(bodies) == 0 {
		t.Fatal("no element of class prose")
	}
	return bodies[0]
}

// TestPeerMarkdownDefaults: what Hugo's goldmark does by default, an
// article converted by tearsheet does too: a definition list is a <dl>
// of <dt> terms and their <dd> definitions, and footnotes, tables,
// strikethrough, task lists and typographic quotes and dashes work.
func TestPeerMarkdownDefaults(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{"content/posts/glossary.md": `---
title: A glossary of the curve
date: 2026-10-01
---
The words we use.

Term premium
: The extra yield of a long bond over rolled short ones.

Carry
: What a position earns if nothing moves.
: Also called *roll-down* for bonds.

| tenor | yield |
|---|--:|
| 2y | 4.1 |

~~Inverted~~ "Flat" -- for now... see the note[^1].

- [x] priced
- [ ] hedged

[^1]: A footnote.
`})
	body := articleBody(t, builtPage(t, fsys, "2026/10/glossary/index.html"))
	dls := elements(body, "dl")
	if len(dls) != 1 {
		t.Fatalf("%d <dl> in the article, want 1 (a definition list)", len(dls))
	}
	var got []string
	for c := dls[0].FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			got = append(got, c.Data+": "+text(c))
		}
	}
	want := []string{
		"dt: Term premium",
		"dd: The extra yield of a long bond over rolled short ones.",
		"dt: Carry",
		"dd: What a position earns if nothing moves.",
		"dd: Also called roll-down for bonds.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the definition list holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range elements(body, "p") {
		if strings.Contains(text(p), ": The extra yield") {
			t.Errorf("a definition is in a paragraph: %q", text(p))
		}
	}
	if n := len(elements(body, "table")); n != 1 {
		t.Errorf("%d tables, want 1", n)
	}
	if del := elements(body, "del"); len(del) != 1 || text(del[0]) != "Inverted" {
		t.Errorf("strikethrough: %d <del>", len(del))
	}
	boxes := 0
	for _, in := range elements(body, "input") {
		if attr(in, "type") == "checkbox" {
			boxes++
		}
	}
	if boxes != 2 {
		t.Errorf("%d task-list checkboxes, want 2", boxes)
	}
	if !strings.Contains(text(body), "\u201cFlat\u201d \u2013 for now\u2026") {
		t.Errorf("typographer: no curly quotes, en dash and ellipsis in %q", text(body))
	}
	fn := findAll(body, func(n *html.Node) bool { return hasClass(n, "footnotes") })
	if len(fn) != 1 || !strings.Contains(text(fn[0]), "A footnote.") {
		t.Errorf("the footnote is not in a footnotes section")
	}
}

// TestPeerAuthorList: author: [A, B], as Hugo and Jekyll write several
// authors, makes a byline linking each author's page, and each author's
// page lists the article.
func TestPeerAuthorList(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{"content/posts/duo.md": "---\ntitle: Written by two\ndate: 2026-10-01\nauthor: [Dana Whitlock, Marcus Oyelaran]\n---\nTwo voices.\n"})
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := mem.Get("2026/10/duo/index.html")
	doc := parseHTML(t, "duo", b)
	by := findAll(doc, func(n *html.Node) bool { return hasClass(n, "article__byline") })
	if len(by) != 1 {
		t.Fatalf("%d bylines", len(by))
	}
	var links []string
	for _, a := range elements(by[0], "a") {
		links = append(links, text(a)+" "+attr(a, "href"))
	}
	want := "Dana Whitlock /research/authors/dana-whitlock/|Marcus Oyelaran /research/authors/marcus-oyelaran/"
	if got := strings.Join(links, "|"); !strings.Contains(got, want) {
		t.Errorf("byline links %q, want %q", got, want)
	}
	for _, name := range []string{"authors/dana-whitlock/index.html", "authors/marcus-oyelaran/index.html"} {
		page, ok := mem.Get(name)
		if !ok || !strings.Contains(string(page), `href="/research/2026/10/duo/"`) {
			t.Errorf("%s does not list the article", name)
		}
	}
}

// TestPeerJekyllNames: Jekyll's posts, named YEAR-MONTH-DAY-title.md,
// are published at the permalink of the date in the name (unless front
// matter gives one) and the title part as the slug, and the page shows
// that date.
func TestPeerJekyllNames(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{
		"content/posts/2026-05-01-spring-rally.md": "---\ntitle: Spring rally\n---\nUp.\n",
		"content/posts/2026-05-01-late-note.md":    "---\ntitle: Late note\ndate: 2026-06-02\n---\nLater.\n",
	})
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, date := range map[string]string{
		"2026/05/spring-rally/index.html": "2026-05-01",
		"2026/06/late-note/index.html":    "2026-06-02",
	} {
		b, ok := mem.Get(name)
		if !ok {
			t.Errorf("%s was not written; files: %v", name, mem.Names())
			continue
		}
		if got := headMeta(t, name, b, "article:published_time"); len(got) != 1 || !strings.HasPrefix(got[0], date) {
			t.Errorf("%s: published_time %q, want %s", name, got, date)
		}
	}
}

// TestPeerMoreMarker: a summary marker within a paragraph (Hugo's
// <!--more-->) or of Zola's spelling (<!-- more -->) ends the summary the
// home page's card and the meta description show, and the article keeps
// the whole text.
func TestPeerMoreMarker(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{
		"content/posts/inline.md": "---\ntitle: Inline marker\ndate: 2026-10-02\n---\nThe lede ends here. <!--more--> Detail after the cut.\n\nMore detail.\n",
		"content/posts/zola.md":   "+++\ntitle = \"Zola marker\"\ndate = 2026-10-01\n+++\nThe Zola lede.\n\nStill the lede.\n\n<!-- more -->\n\nAfter the Zola cut.\n",
	})
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	home, _ := mem.Get("index.html")
	var cards []string
	for _, c := range findAll(parseHTML(t, "home", home), func(n *html.Node) bool { return hasClass(n, "card__summary") }) {
		cards = append(cards, text(c))
	}
	if want := "The lede ends here.|The Zola lede. Still the lede."; strings.Join(cards, "|") != want {
		t.Errorf("home page summaries %q, want %q", strings.Join(cards, "|"), want)
	}
	for name, c := range map[string]struct{ desc, body string }{
		"2026/10/inline/index.html": {"The lede ends here.", "The lede ends here. Detail after the cut. More detail."},
		"2026/10/zola/index.html":   {"The Zola lede. Still the lede.", "The Zola lede. Still the lede. After the Zola cut."},
	} {
		b, _ := mem.Get(name)
		if got := headMeta(t, name, b, "description"); len(got) != 1 || got[0] != c.desc {
			t.Errorf("%s: meta description %q, want %q", name, got, c.desc)
		}
		if got := text(articleBody(t, parseHTML(t, name, b))); !strings.Contains(got, c.body) {
			t.Errorf("%s: body %q does not hold %q", name, got, c.body)
		}
	}
	fsys["content/posts/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\ndate: 2026-10-03\n---\nLede.\n\n<!--more--> Lost words.\n")}
	_, _, err = buildMem(t, fsys, Options{})
	if want := "content/posts/broken.md:7: the text after <!--more--> on its line would not be shown"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}
