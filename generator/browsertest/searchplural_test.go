package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestSearchPlural searches a generated site of 12 articles and four
// written for the test, each writing a word in the singular only, as a
// reader types the plural: "subsidiaries", "tranches", "rate cuts" and
// "boxes" must each find the article writing subsidiary, tranche, cut
// or box, with that word marked in the result; and "rats" must find
// nothing in a text of rates: only the singular itself counts, not the
// words it begins.
func TestSearchPlural(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := generatedSite(t, corpus.Options{Articles: 12, Seed: 3})
	texts := map[string]string{
		"subsidiary": "Illustrative text: the subsidiary was sold at a discount to its book.",
		"tranche":    "Illustrative text: the senior tranche held its price while the junior fell.",
		"cut":        "Illustrative text: the first rate cut of the cycle came in September.",
		"box":        "Illustrative text: the box in the lower corner gives the sample period.",
	}
	for name, text := range texts {
		md := "---\ntitle: \"Notes on a " + name + "\"\ndate: 2025-01-15\n---\n" + text + "\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "posts", name+".md"), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, _ := serveSite(t, ctx, dir, "a generated site of 12 articles and 4 with singular words")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 2*time.Minute)
	slug := func(r searchResult) string {
		parts := strings.Split(strings.Trim(r.Path, "/"), "/")
		return parts[len(parts)-1]
	}
	for _, c := range []struct{ q, post, mark string }{
		{"subsidiaries", "subsidiary", "subsidiary"},
		{"tranches", "tranche", "tranche"},
		{"rate cuts", "cut", "cut"},
		{"boxes", "box", "box"},
	} {
		var found []string
		for _, r := range searchFor(t, tab, site, c.q) {
			found = append(found, slug(r))
			if slug(r) == c.post && !slices.ContainsFunc(r.Marked, func(m string) bool { return strings.EqualFold(m, c.mark) }) {
				t.Errorf("searching %q: the result %s marks %q, want %q marked", c.q, c.post, r.Marked, c.mark)
			}
		}
		if !slices.Contains(found, c.post) {
			t.Errorf("searching %q finds %q: want the article writing %q", c.q, found, c.mark)
		}
	}
	// "rats" is rat or rats: not the rate or rather of the generated
	// text, which "rat" begins.
	if err := chromedp.Do(tab, chromedp.Navigate(site+"search/?q=rats")); err != nil {
		t.Fatal(err)
	}
	if !eventually(tab, `document.querySelector(".search__status").textContent.startsWith("No article")`, 15*time.Second) {
		status, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS(".search__status")))
		t.Errorf("searching %q: the status says %q, want no article found: the singular counts, not the words it begins", "rats", status)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
