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

// TestSearchAsReadersType searches a generated site of 12 articles and
// eight written for it in one browser, as readers type: plurals, tickers
// and words cut short (the subtests say what each checks).
func TestSearchAsReadersType(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := generatedSite(t, corpus.Options{Articles: 12, Seed: 3})
	// Each post: its title and its text.
	posts := map[string][2]string{
		"subsidiary": {"Notes on a subsidiary", "Illustrative text: the subsidiary was sold at a discount to its book."},
		"tranche":    {"Notes on a tranche", "Illustrative text: the senior tranche held its price while the junior fell."},
		"cut":        {"Notes on a cut", "Illustrative text: the first rate cut of the cycle came in September."},
		"box":        {"Notes on a box", "Illustrative text: the box in the lower corner gives the sample period."},
		"spaced":     {"Breadth of the spaced index", "Illustrative text: the S&P 500 rose while fewer of its members did, its P/E near 20 in the year's first month."},
		"joined":     {"Breadth of the joined index", "Illustrative text: the S&P500 rose while fewer of its members did."},
		"apart":      {"Valuation notes", "Illustrative text: the s-and-p-500 data package gives the Fed's data series, and a P/E of 20 is high. Some 500 firms report."},
		"russell":    {"Small caps", "Illustrative text: the Russell 2000 trailed for a decade."},
	}
	for name, p := range posts {
		md := "---\ntitle: \"" + p[0] + "\"\ndate: 2025-01-15\n---\n" + p[1] + "\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "posts", name+".md"), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site, _ := serveSite(t, ctx, dir, "a generated site of 12 articles and 8 written for the search")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 3*time.Minute)
	slug := func(r searchResult) string {
		parts := strings.Split(strings.Trim(r.Path, "/"), "/")
		return parts[len(parts)-1]
	}

	// plural: four posts write a word in the singular only, as a reader
	// types the plural: "subsidiaries", "tranches", "rate cuts" and
	// "boxes" must each find the article writing subsidiary, tranche, cut
	// or box, with that word marked in the result; and "rats" must find
	// nothing in a text of rates: only the singular itself counts, not the
	// words it begins.
	t.Run("plural", func(t *testing.T) {
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
	})

	// together: as a reader types the ticker, one writes S&P 500,
	// one S&P500, one has an s, a p and a 500 apart (a data package's
	// "s-and-p-500", the Fed's, a P/E) and one Russell 2000. "S&P 500",
	// "S&P500" and the quoted "\"S&P 500\"" must each find the first two,
	// with S, P and 500 marked in their excerpts (and no other s or p: not
	// the s of "year's" nor the P of "P/E"), and not the third; a word
	// query goes on finding what has the word ("Russell"), and a word typed
	// with a number without the space ("Russell2000") finds the text that
	// writes the space. A quoted phrase of words that may stand apart
	// ("trailed for a decade") says so in the status; "S&P 500" does not.
	t.Run("together", func(t *testing.T) {
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
	})

	// typing: "market" typed a letter at a time, as a reader does: at "ma" the
	// status must say to type more, since a word of two letters is looked
	// up whole, not that no article has the words; at "mar" the articles
	// show. "xqzt ma", whose first word no article has, still says so.
	t.Run("typing", func(t *testing.T) {
		if err := chromedp.Do(tab,
			setLayout(layouts[0]),
			chromedp.Navigate(site+"search/"),
			chromedp.WaitVisible(chromedp.ID("search-q")),
			chromedp.SendKeys(chromedp.ID("search-q"), "ma"),
		); err != nil {
			t.Fatal(err)
		}
		status := func(what string) string {
			t.Helper()
			time.Sleep(400 * time.Millisecond) // past the script's 120 ms wait
			if !eventually(tab, `!/…$/.test(document.querySelector(".search__status").textContent)`, 15*time.Second) {
				t.Fatalf("%s: the status still says it is searching", what)
			}
			s, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(".search__status")))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		if s := status(`typing "ma"`); !strings.Contains(s, "Type more of it") || strings.Contains(s, "every word") {
			t.Errorf("typing %q on the way to market: the status says %q, want it to say to type more", "ma", s)
		}
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("search-q"), "r")); err != nil {
			t.Fatal(err)
		}
		if s := status(`typing "mar"`); !strings.HasSuffix(s, "articles found.") {
			t.Errorf("typing %q: the status says %q, want articles found", "mar", s)
		}
		if err := chromedp.Do(tab, chromedp.Navigate(site+"search/?q=xqzt+ma")); err != nil {
			t.Fatal(err)
		}
		if s := status(`searching "xqzt ma"`); !strings.HasPrefix(s, "No article has every word") {
			t.Errorf("searching %q: the status says %q, want no article has every word", "xqzt ma", s)
		}
	})
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
