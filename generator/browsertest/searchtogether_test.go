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

// TestSearchTogether searches a generated site of 12 articles and four
// written for the test, as a reader types the ticker: one writes S&P 500,
// one S&P500, one has an s, a p and a 500 apart (a data package's
// "s-and-p-500", the Fed's, a P/E) and one Russell 2000. "S&P 500",
// "S&P500" and the quoted "\"S&P 500\"" must each find the first two,
// with S, P and 500 marked in their excerpts (and no other s or p: not
// the s of "year's" nor the P of "P/E"), and not the third; a word
// query goes on finding what has the word ("Russell"), and a word typed
// with a number without the space ("Russell2000") finds the text that
// writes the space. A quoted phrase of words that may stand apart
// ("trailed for a decade") says so in the status; "S&P 500" does not.
func TestSearchTogether(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := generatedSite(t, corpus.Options{Articles: 12, Seed: 3})
	posts := map[string]string{
		"spaced":  "Breadth of the spaced index",
		"joined":  "Breadth of the joined index",
		"apart":   "Valuation notes",
		"russell": "Small caps",
	}
	texts := map[string]string{
		"spaced":  "Illustrative text: the S&P 500 rose while fewer of its members did, its P/E near 20 in the year's first month.",
		"joined":  "Illustrative text: the S&P500 rose while fewer of its members did.",
		"apart":   "Illustrative text: the s-and-p-500 data package gives the Fed's data series, and a P/E of 20 is high. Some 500 firms report.",
		"russell": "Illustrative text: the Russell 2000 trailed for a decade.",
	}
	for name, title := range posts {
		md := "---\ntitle: \"" + title + "\"\ndate: 2025-01-15\n---\n" + texts[name] + "\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "posts", name+".md"), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, _ := serveSite(t, ctx, dir, "a generated site of 12 articles and 4 on S&P 500")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 2*time.Minute)
	slug := func(r searchResult) string {
		parts := strings.Split(strings.Trim(r.Path, "/"), "/")
		return parts[len(parts)-1]
	}
	for _, q := range []string{"S&P 500", "S&P500", `"S&P 500"`} {
		var found []string
		for _, r := range searchFor(t, tab, site, q) {
			found = append(found, slug(r))
			if s := slug(r); s == "spaced" || s == "joined" {
				marks := map[string]bool{}
				for _, m := range r.Marks {
					marks[strings.ToLower(m)] = true
				}
				if !marks["s"] || !marks["p"] || !marks["500"] {
					t.Errorf("searching %q: the excerpt of %s marks %q: %q, want S, P and 500 marked", q, s, r.Marks, r.Excerpt)
				}
				// The s of "year's" and the P of "P/E" are not the
				// S&P the search found: they stay unmarked.
				if len(r.Marked) != 3 {
					t.Errorf("searching %q: the result %s marks %q: %q, want only the S, P and 500 of S&P 500 marked", q, s, r.Marked, r.Shown)
				}
			}
		}
		if !slices.Contains(found, "spaced") || !slices.Contains(found, "joined") || slices.Contains(found, "apart") {
			t.Errorf("searching %q finds %q: want the articles writing S&P 500 and S&P500, not the one with s, p and 500 apart", q, found)
		}
	}
	for _, q := range []string{"Russell", "Russell2000", "russell 2000"} {
		var found []string
		for _, r := range searchFor(t, tab, site, q) {
			found = append(found, slug(r))
		}
		if !slices.Equal(found, []string{"russell"}) {
			t.Errorf("searching %q finds %q, want the Russell 2000 article", q, found)
		}
	}
	// Quotes ask for a phrase, which the search keeps only for a
	// ticker's pieces: the status says so when it cannot, and not when
	// it does.
	for q, apart := range map[string]bool{`"S&P 500"`: false, `"trailed for a decade"`: true} {
		searchFor(t, tab, site, q)
		status, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(".search__status")))
		if err != nil {
			t.Fatal(err)
		}
		if says := strings.Contains(status, "not always side by side"); says != apart {
			t.Errorf("searching %s: the status says %q; want it to say the words may stand apart: %v", q, status, apart)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
