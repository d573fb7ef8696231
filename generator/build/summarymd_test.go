package build

import (
	"encoding/json"
	"path"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// summaryMD is a front-matter summary in markdown: emphasis, code, an
// external link, a #fragment, a bundle file and a site path, which the
// basic fixture publishes under its base path, /research/.
const summaryMD = "Small caps **lag** the [S&P 500](https://example.com) by the `widest` margin since 2001: [why](#the-gap), [data](gap.csv), [about](/about/)"

// summaryPlain is summaryMD's text.
const summaryPlain = "Small caps lag the S&P 500 by the widest margin since 2001: why, data, about"

// TestSummaryMarkdown: the markdown of a front-matter summary is shown
// rendered where HTML belongs (the dek under the title, the cards of the
// home and tag pages, the email edition), its relative links leading
// where the body's do, and as plain text elsewhere (meta and og:
// descriptions, the feeds' summaries, the search index, the plain-text
// email): its ** and [...](...) reach no output as written.
func TestSummaryMarkdown(t *testing.T) {
	src := map[string]string{
		"content/posts/gap/index.md": "---\ntitle: \"The gap\"\ndate: 2024-06-10\ntags: [edge]\nsummary: \"" + strings.ReplaceAll(summaryMD, `"`, `\"`) + "\"\n---\nBody.\n\n## The gap\n\nText.\n",
		"content/posts/gap/gap.csv":  "date,x\n2024-01-01,1\n",
	}
	mem, _, err := buildMem(t, bundleSite(t, "", src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const page = "2024/06/gap/index.html"
	permalink := fixtureBase + "2024/06/gap/"
	// hrefs are the links summaryMD must give, as a page of the site
	// (away from the article) writes them, and as the email does.
	hrefs := []string{"https://example.com", "/research/2024/06/gap/#the-gap", "/research/2024/06/gap/gap.csv", "/research/about/"}
	absolute := []string{"https://example.com", permalink + "#the-gap", permalink + "gap.csv", fixtureBase + "about/"}
	rendered := func(where string, n *html.Node, want []string) {
		t.Helper()
		if got := text(n); got != summaryPlain {
			t.Errorf("%s: the summary reads %q, want %q", where, got, summaryPlain)
		}
		if s := elements(n, "strong"); len(s) != 1 || text(s[0]) != "lag" {
			t.Errorf("%s: the summary's **lag** is not one <strong>lag</strong>", where)
		}
		if c := elements(n, "code"); len(c) != 1 || text(c[0]) != "widest" {
			t.Errorf("%s: the summary's `widest` is not one <code>widest</code>", where)
		}
		var got []string
		for _, a := range elements(n, "a") {
			got = append(got, attr(a, "href"))
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: the summary links to %q, want %q", where, got, want)
		}
	}

	doc := parseHTML(t, page, mustGet(t, mem, page))
	deks := findAll(doc, func(n *html.Node) bool { return hasClass(n, "article__dek") })
	if len(deks) != 1 {
		t.Fatalf("%s: %d deks, want 1", page, len(deks))
	}
	rendered(page+" dek", deks[0], hrefs)
	for _, m := range elements(doc, "meta") {
		if k := attr(m, "name") + attr(m, "property"); k == "description" || k == "og:description" || k == "twitter:description" {
			if got := attr(m, "content"); got != summaryPlain {
				t.Errorf("%s: %s is %q, want %q", page, k, got, summaryPlain)
			}
		}
	}
	for _, s := range elements(doc, "script") {
		if attr(s, "type") == "application/ld+json" && strings.Contains(text(s), "**") {
			t.Errorf("%s: the JSON-LD holds the summary's markdown: %s", page, text(s))
		}
	}

	for _, list := range []string{"index.html", "tags/edge/index.html"} {
		var cards []*html.Node
		for _, c := range findAll(parseHTML(t, list, mustGet(t, mem, list)), func(n *html.Node) bool { return hasClass(n, "card__summary") }) {
			if strings.Contains(text(c), "Small caps") {
				cards = append(cards, c)
			}
		}
		if len(cards) != 1 {
			t.Fatalf("%s: %d cards show the summary, want 1", list, len(cards))
		}
		rendered(list+" card", cards[0], hrefs)
	}

	email := path.Join(path.Dir(page), EmailHTML)
	var emailDek *html.Node
	for _, p := range elements(parseHTML(t, email, mustGet(t, mem, email)), "p") {
		if strings.HasPrefix(text(p), "Small caps") {
			emailDek = p
		}
	}
	if emailDek == nil {
		t.Fatalf("%s: no paragraph shows the summary", email)
	}
	rendered(email+" dek", emailDek, absolute)
	txt := string(mustGet(t, mem, path.Join(path.Dir(page), EmailText)))
	if !strings.Contains(strings.Join(strings.Fields(txt), " "), "Small caps lag the S&P 500") {
		t.Errorf("%s: the summary's text is not there:\n%s", EmailText, txt)
	}

	for _, name := range []string{"index.xml", "atom.xml"} {
		f, err := gofeed.NewParser().ParseString(string(mustGet(t, mem, name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var found bool
		for _, it := range f.Items {
			if it.Title == "The gap" {
				found = true
				// An RSS description is HTML: the text escaped.
				if html.UnescapeString(it.Description) != summaryPlain {
					t.Errorf("%s: the item's summary is %q, want %q", name, it.Description, summaryPlain)
				}
			}
		}
		if !found {
			t.Errorf("%s: no item for the article", name)
		}
	}
	var jf struct {
		Items []struct{ Title, Summary string }
	}
	if err := json.Unmarshal(mustGet(t, mem, "feed.json"), &jf); err != nil {
		t.Fatal(err)
	}
	for _, it := range jf.Items {
		if it.Title == "The gap" && it.Summary != summaryPlain {
			t.Errorf("feed.json: the item's summary is %q, want %q", it.Summary, summaryPlain)
		}
	}

	// The markdown as written reaches no file: not the search index's
	// fragments, the sitemap or the plain-text email either.
	for _, name := range mem.Names() {
		b, _ := mem.Get(name)
		for _, raw := range []string{"**lag**", "](https://example.com)", "`widest`"} {
			if strings.Contains(string(b), raw) {
				t.Errorf("%s holds the summary's markdown %q", name, raw)
			}
		}
	}
}

// TestSummaryMarkdownErrors: a summary of two paragraphs, and a summary
// whose link the body would refuse, fail the build at the summary's line,
// saying what to do, with the build's other errors.
func TestSummaryMarkdownErrors(t *testing.T) {
	src := map[string]string{
		"content/posts/two.md":  "---\ntitle: Two\ndate: 2024-06-10\nsummary: |\n  First paragraph.\n\n  Second one.\n---\nBody.\n",
		"content/posts/desc.md": "---\ntitle: Desc\ndate: 2024-06-11\ndescription: \"One.\\n\\nTwo.\"\n---\nBody.\n",
		"content/posts/js.md":   "---\ntitle: JS\ndate: 2024-06-12\n\nsummary: \"A [link](javascript:alert(1)) here.\"\n---\nBody.\n",
	}
	_, _, err := buildMem(t, bundleSite(t, "", src), Options{})
	errorsCheck(t,
		"content/posts/two.md:4: summary holds a blank line, which would start a second paragraph",
		"content/posts/desc.md:4: description holds a blank line",
		"join the paragraphs, or move the rest into the article's text",
		`content/posts/js.md:5: link "javascript:alert(1)"`,
	)("Build", err)
}

// TestSummaryBlank: a summary of spaces only (summary: " ", or a block
// scalar left empty) is no summary: the article's first paragraph stands
// in the card and the meta description, and no empty dek is shown,
// as for an article without the key.
func TestSummaryBlank(t *testing.T) {
	src := map[string]string{"content/posts/blank.md": "---\ntitle: Blank\ndate: 2024-06-10\nsummary: \"  \"\n---\nThe first paragraph.\n\nThe second.\n"}
	mem, _, err := buildMem(t, bundleSite(t, "", src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const page = "2024/06/blank/index.html"
	doc := parseHTML(t, page, mustGet(t, mem, page))
	if deks := findAll(doc, func(n *html.Node) bool { return hasClass(n, "article__dek") }); len(deks) != 0 {
		t.Errorf("%s: %d deks, want none", page, len(deks))
	}
	for _, m := range elements(doc, "meta") {
		if attr(m, "name") == "description" && attr(m, "content") != "The first paragraph." {
			t.Errorf("%s: the description is %q, want the first paragraph", page, attr(m, "content"))
		}
	}
	var found bool
	for _, c := range findAll(parseHTML(t, "index.html", mustGet(t, mem, "index.html")), func(n *html.Node) bool { return hasClass(n, "card__summary") }) {
		found = found || text(c) == "The first paragraph."
	}
	if !found {
		t.Error("index.html: no card shows the first paragraph as the summary")
	}
}
