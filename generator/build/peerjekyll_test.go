package build

import (
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
