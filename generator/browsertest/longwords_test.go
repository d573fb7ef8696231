package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// longWord is a word no line can hold at 360 px, as an author's tag,
// title or summary may have one (a ticker list run together, a URL).
const longWord = "Supercalifragilisticexpialidociousinternationalequitiesexus"

// TestLongWords builds a site whose article has a tag, a title and a
// summary of one long word each, and a long URL in its text, and checks
// at 360 and 768 px, in Chromium, that no page listing it scrolls
// sideways or reaches past the right edge: home, the tag's page, the tag
// index, the archive, the year and month, and the article.
func TestLongWords(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	if err := corpus.CopyDir(filepath.Join("..", "..", "themes"), filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"site.yaml":               "title: Long words\nbaseURL: /\nlanguage: en\nauthor: A. Writer\n",
		"content/data/level.csv":  "Date,Level\n2024-01-01,1\n2024-02-01,2\n2024-03-01,3\n2024-04-01,2.5\n",
		"content/posts/long.md":   "---\ntitle: \"" + longWord + " in small caps\"\ndate: 2024-04-02\ntags: [" + longWord + "]\nsummary: \"" + strings.Repeat(longWord, 2) + ".\"\n---\nA link: https://example.com/" + strings.Repeat("path/", 20) + "end.\n\n```chart\ndata: level.csv\nseries:\n  - column: Level\n```\n",
		"content/posts/second.md": "---\ntitle: A second article\ndate: 2024-03-02\ntags: [equities]\n---\nText.\n",
	}
	writeSite(t, dir, files)
	site, _ := serveSite(t, ctx, dir, "a site of long words")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 2*time.Minute)
	for _, l := range layouts {
		if l.dark || l.width > 768 {
			continue
		}
		for _, page := range []string{"", "tags/" + strings.ToLower(longWord) + "/", "tags/", "archive/", "2024/", "2024/04/", "2024/04/long/"} {
			if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+page)); err != nil {
				t.Fatalf("%s: opening %s: %v", l.name, page, err)
			}
			checkOverflow(t, tab, layout{name: l.name + " /" + page, width: l.width}, "")
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// writeSite writes files, by slash path, into the site folder dir.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLongSiteTitle builds a site whose title is 54 characters long and
// wants its header on at most two lines (checkHeader) at 768 px and on
// the desktop, light and dark: the title took its whole width and left
// the links a column of their own, one a line, four lines deep on a
// tablet.
func TestLongSiteTitle(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml":          "title: Meridian Independent Cross-Asset Macro Research Group\nbaseURL: /\nauthor: Desk\nmenu:\n  - name: About\n    url: /about/\n",
		"content/about.md":   "---\ntitle: About\n---\nAbout the group.\n",
		"content/posts/a.md": "---\ntitle: A note\ndate: 2024-04-02\n---\nText.\n",
	})
	site, _ := serveSite(t, ctx, dir, "a site of a long title")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, time.Minute)
	for _, l := range layouts {
		if l.width < 768 {
			continue
		}
		for _, page := range []string{"", "about/"} {
			if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+page)); err != nil {
				t.Fatalf("%s: opening /%s: %v", l.name, page, err)
			}
			checkHeader(t, tab, layout{name: l.name + " /" + page, width: l.width})
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
