package browsertest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestSearchMore reads the results of a search past its first ten, by
// keyboard, on a generated site of 25 articles (all titled "Note N: …"):
// Enter on "More results" must put the focus on the first of the results
// it adds, which come before the button, both when more remain (the
// button stays) and when they are the last (the button hides).
func TestSearchMore(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := generatedSite(t, corpus.Options{Articles: 25, Seed: 3})
	site, _ := serveSite(t, ctx, dir, "a generated site of 25 articles")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, time.Minute)
	if err := chromedp.Do(tab,
		setLayout(layouts[4]),
		chromedp.Navigate(site+"search/"),
		chromedp.WaitVisible(chromedp.ID("search-q")),
		chromedp.SendKeys(chromedp.ID("search-q"), "note"),
	); err != nil {
		t.Fatal(err)
	}
	// focusJS says where the focus is: the index of the focused result's
	// link among the results' links (-1 for none), the number of
	// results, and whether the button shows. → [3]int
	const focusJS = `(() => {
		const ls = [...document.querySelectorAll(".search__result .search__link")];
		return [ls.indexOf(document.activeElement), ls.length, document.querySelector(".search__more").hidden ? 0 : 1];
	})()`
	if !eventually(tab, `document.querySelectorAll(".search__result").length === 10 && !document.querySelector(".search__more").hidden`, 15*time.Second) {
		t.Fatal("searching note: no first ten results with a More results button")
	}
	for _, want := range []struct{ first, total, button int }{{10, 20, 1}, {20, 25, 0}} {
		// The keyboard reaches the button after the last result.
		if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(".search__result:last-child .search__link")), chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		on, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.activeElement === document.querySelector(".search__more")`))
		if err != nil || !on {
			t.Fatalf("Tab after the last result is not on More results (%v)", err)
		}
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if !eventually(tab, fmt.Sprintf(`document.querySelectorAll(".search__result").length === %d`, want.total), 10*time.Second) {
			t.Fatalf("More results did not show %d results", want.total)
		}
		time.Sleep(200 * time.Millisecond) // the script's focus, if it moves it, has moved
		got, err := chromedp.Run(tab, chromedp.Evaluate[[3]int](focusJS))
		if err != nil {
			t.Fatal(err)
		}
		if got != [3]int{want.first, want.total, want.button} {
			t.Errorf("after More results the focus is on result %d of %d (-1: none; button shown %d), want the first new one, %d of %d (button shown %d)",
				got[0]+1, got[1], got[2], want.first+1, want.total, want.button)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
