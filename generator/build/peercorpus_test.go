package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
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

// TestPeerSections: what a Hugo, Zola or Jekyll site holds that tearsheet
// does not read as they do is a warning naming the file (and the line of
// the date), saying what to do: _index.md files, Jekyll's _posts/, and a
// dated file in a folder other than content/posts/ (Hugo's content/post/,
// content/blog/), which is built as a page. The build still succeeds.
func TestPeerSections(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{
		"content/_index.md":                "---\ntitle: Home\n---\nWelcome.\n",
		"content/posts/_index.md":          "---\ntitle: Posts\n---\n",
		"content/tags/rates/_index.md":     "---\ntitle: Rates\n---\nAll about rates.\n",
		"content/guides/_index.md":         "---\ntitle: Guides\n---\n",
		"content/_posts/2026-01-02-old.md": "---\ntitle: Old\n---\n",
		"content/post/spring.md":           "---\ntitle: Spring\ntags: [rates]\ndate: 2026-04-01\n---\nSpring.\n",
		"content/blog/zola.md":             "+++\ntitle = \"Zola post\"\n\ndate = 2026-05-01\n+++\nZola.\n",
		"content/guides/howto/index.md":    "---\ntitle: How to\npublishDate: 2026-03-01\n---\nSteps.\n",
		"content/posts/real.md":            "---\ntitle: Real\ndate: 2026-06-01\n---\nAn article.\n",
		"content/policies.md":              "---\ntitle: Policies\ndate: 2026-01-01\n---\nA dated page at the top is no warning.\n",
		"content/guides/undated.md":        "---\ntitle: Undated\n---\nNo date, no warning.\n",
	})
	mem, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/_index.md:1: not used: tearsheet has no section pages (Hugo's and Zola's _index.md); the home page's heading and lede are site.yaml's title and description: put the text there, or in a page such as content/about.md",
		"content/_posts/: not read (tearsheet skips names starting with _): tearsheet's articles are under content/posts/, so move these there (git mv content/_posts content/posts); a name such as 2024-05-01-title.md gives its date",
		"content/guides/_index.md:1: not used: tearsheet has no section pages (Hugo's and Zola's _index.md); a folder under content/ has no page of its own: put the text in a page such as content/guides.md, published at /guides/, and link it from site.yaml's menu",
		"content/posts/_index.md:1: not used: tearsheet has no section pages (Hugo's and Zola's _index.md); the list of articles is the home page, with the archive at /archive/: put the text in site.yaml's description, or in a page such as content/about.md",
		"content/tags/rates/_index.md:1: not used: tearsheet has no section pages (Hugo's and Zola's _index.md); a term's page (/tags/rates/) lists its articles under the term's name, with no text of its own: put the text in an article or a page and link it from there",
		`content/blog/zola.md:4: dated, but only files under content/posts/ are articles (listed on the home page, in feeds, archives and tags): it is published as a page. To make the articles of content/blog/ articles, move them into content/posts/ (git mv content/blog/* content/posts/) and, to keep their URLs, set permalink: "/blog/:slug/" in site.yaml; to keep it a page, delete the date`,
		`content/guides/howto/index.md:3: dated, but only files under content/posts/ are articles`,
		`content/post/spring.md:4: dated, but only files under content/posts/ are articles (listed on the home page, in feeds, archives and tags): it is published as a page. To make the articles of content/post/ articles, move them into content/posts/ (git mv content/post/* content/posts/) and, to keep their URLs, set permalink: "/post/:slug/" in site.yaml; to keep it a page, delete the date`,
	}
	var got []string
	for _, w := range res.Warnings {
		if strings.HasPrefix(w, "content/") {
			got = append(got, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d warnings about content, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(want)) {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	// What the warnings say is so: the dated files are pages, not listed.
	if _, ok := mem.Get("post/spring/index.html"); !ok {
		t.Errorf("content/post/spring.md is not the page /post/spring/")
	}
	if res.Articles != 1 {
		t.Errorf("%d articles, want 1 (content/posts/real.md)", res.Articles)
	}
}

// TestSessionQuickBuildWarnsOfUnreadFiles: the warning of a file under
// content/ the build does not read (a Hugo _index.md) stays in the
// warnings of the quick builds that follow, as in a fresh build: a quick
// build reads no folder, so it repeats what the last full build found.
func TestSessionQuickBuildWarnsOfUnreadFiles(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 4, Seed: 3, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	e := editor{t, dir}
	e.put("content/posts/_index.md", "---\ntitle: Posts\n---\nAll the posts.\n")
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	first, _, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(first.Warnings, func(w string) bool { return strings.HasPrefix(w, "content/posts/_index.md") }) {
		t.Fatalf("the premise: the first build warns of _index.md: %q", first.Warnings)
	}
	post := corpus.PostPath(1)
	e.edit(post, "<!--more-->", "A new sentence.\n\n<!--more-->")
	got, _, err := s.Build(context.Background(), []string{post})
	if err != nil || !s.quick {
		t.Fatalf("the premise: a quick build: %v, quick %v", err, s.quick)
	}
	fresh, err := Build(context.Background(), os.DirFS(dir), Options{Now: fixedNow}, output.NewMemory())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Warnings, fresh.Warnings) {
		t.Errorf("quick build's warnings\n%q\nfresh build's\n%q", got.Warnings, fresh.Warnings)
	}
}
