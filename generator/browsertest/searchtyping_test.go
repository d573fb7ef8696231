package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestSearchTyping types "market" into the search page of a generated
// site of 12 articles a letter at a time, as a reader does: at "ma" the
// status must say to type more, since a word of two letters is looked
// up whole, not that no article has the words; at "mar" the articles
// show. "xqzt ma", whose first word no article has, still says so.
func TestSearchTyping(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := generatedSite(t, corpus.Options{Articles: 12, Seed: 3})
	site, _ := serveSite(t, ctx, dir, "a generated site of 12 articles")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 2*time.Minute)
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
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
