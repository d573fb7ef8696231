package build

import (
	"slices"
	"strings"
	"testing"
)

// TestPeerMarkdownExtensions: Jekyll's posts are as often named .markdown
// as .md (and Hugo reads .markdown too): such a file is an article, a
// page, or a bundle's index, and its markdown source is not published.
func TestPeerMarkdownExtensions(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{
		"content/posts/2026-05-04-long-name.markdown": "---\ntitle: Named long\n---\nThe **long** extension.\n",
		"content/posts/2026-05-05-short-name.mkd":     "---\ntitle: Named short\n---\nThe *short* extension.\n",
		"content/posts/folder-note/index.markdown":    "---\ntitle: A bundle\ndate: 2026-05-06\n---\nSee ![the card](card.png).\n",
		"content/posts/folder-note/card.png":          "PNG",
		"content/posts/folder-note/notes.markdown":    "---\ntitle: Not an article\n---\nA bundle's other markdown is its file.\n",
		"content/colophon.markdown":                   "---\ntitle: Colophon\n---\nSet in a *serif*.\n",
	})
	mem, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 3 {
		t.Errorf("%d articles, want 3", res.Articles)
	}
	for name, want := range map[string]string{
		"2026/05/long-name/index.html":   "The long extension.",
		"2026/05/short-name/index.html":  "The short extension.",
		"2026/05/folder-note/index.html": "See",
		"colophon/index.html":            "Set in a serif.",
	} {
		b, ok := mem.Get(name)
		if !ok {
			t.Errorf("%s was not written; files: %v", name, mem.Names())
			continue
		}
		if got := text(articleBody(t, parseHTML(t, name, b))); !strings.Contains(got, want) {
			t.Errorf("%s: body %q does not hold %q", name, got, want)
		}
	}
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, ".markdown") && name != "2026/05/folder-note/notes.markdown" || strings.HasSuffix(name, ".mkd") {
			t.Errorf("%s: the markdown source was published", name)
		}
	}
	if _, ok := mem.Get("2026/05/folder-note/card.png"); !ok {
		t.Errorf("the bundle's image was not copied beside its page")
	}
}

// termLinks returns the hrefs of the links of the output page name, a
// term's page, that lead to articles (under /research/2026/).
func termLinks(t *testing.T, mem interface{ Get(string) ([]byte, bool) }, name string) []string {
	t.Helper()
	b, ok := mem.Get(name)
	if !ok {
		t.Errorf("%s was not written", name)
		return nil
	}
	var out []string
	for _, a := range elements(parseHTML(t, name, b), "a") {
		if h := attr(a, "href"); strings.HasPrefix(h, "/research/2026/") && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// TestPeerTaxonomies: Zola's [taxonomies] table, Jekyll's category (one,
// beside its list categories) and a tag or redirect written alone rather
// than as a list are read as Zola and Jekyll read them: each article is
// listed on the pages of its terms, and the old address redirects.
func TestPeerTaxonomies(t *testing.T) {
	fsys := withConfig(peerCorpus(t, map[string]string{
		"content/posts/zola-note.md":              "+++\ntitle = \"Zola note\"\ndate = 2026-05-01\n\n[taxonomies]\ncategories = [\"Rate outlook\"]\ntags = [\"curve\", \"bonds\"]\n+++\nFrom Zola.\n",
		"content/posts/2026-05-02-jekyll-note.md": "---\ntitle: Jekyll note\ncategory: Rate outlook\ntags: curve\nredirect_from: /news/jekyll-note/\n---\nFrom Jekyll.\n",
		"content/posts/2026-05-03-listed.md":      "---\ntitle: Listed\ncategories: [Rate outlook]\n---\nA list.\n",
	}), "taxonomies:\n  categories: {}\n")
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"categories/rate-outlook/index.html":        "/research/2026/05/listed/ /research/2026/05/jekyll-note/",
		"categories/rate-outlook/page/2/index.html": "/research/2026/05/zola-note/", // site.yaml's perPage: 2
		"tags/curve/index.html":                     "/research/2026/05/jekyll-note/ /research/2026/05/zola-note/",
		"tags/bonds/index.html":                     "/research/2026/05/zola-note/",
	} {
		if got := strings.Join(termLinks(t, mem, name), " "); got != want {
			t.Errorf("%s links %q, want %q", name, got, want)
		}
	}
	b, ok := mem.Get("news/jekyll-note/index.html")
	if !ok || !strings.Contains(string(b), "/research/2026/05/jekyll-note/") {
		t.Errorf("the redirect_from page is missing or does not lead to the article: %q", b)
	}
}
