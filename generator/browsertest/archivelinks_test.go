package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestArchiveLinksLookLikeLinks: every link of the archive page (a year,
// a month, an article) is underlined, in light and dark mode, at a phone's
// width and a desktop's: a reader who does not tell colours apart, or
// whose links are the text's colour as the archive's are, sees which
// words lead to a page. The year's and month's names read as plain
// headings until they were underlined.
func TestArchiveLinksLookLikeLinks(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	site, _ := serveExample(t, ctx)
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 2*time.Minute)
	for _, l := range []layout{layouts[0], layouts[1], layouts[4]} { // 1280, 1280 dark, 390
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+"archive/")); err != nil {
			t.Fatal(err)
		}
		plain := evalJS[[]string](t, tab, `Array.from(document.querySelectorAll("main a")).
			filter(a => !getComputedStyle(a).textDecorationLine.includes("underline")).
			map(a => a.textContent.trim())`)
		n := evalJS[int](t, tab, `document.querySelectorAll("main .archive-years__title a, main .archive-month__name a").length`)
		if len(plain) > 0 || n == 0 {
			t.Errorf("%s: links of the archive not underlined: %q (%d year and month links)", l.name, plain, n)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
