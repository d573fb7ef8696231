package browsertest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestArchiveLinksLookLikeLinks: every link of the archive page (a year,
// a month, an article) is underlined, in light and dark mode, at a phone's
// width and a desktop's: a reader who does not tell colours apart, or
// whose links are the text's colour as the archive's are, sees which
// words lead to a page. The year's and month's names read as plain
// headings until they were underlined. A year's page (2024's) links the
// years beside it, underlined the same way, side by side within the
// page's width.
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
		// A year's page links the years beside it, newer then older
		// (2024's: 2025 and 2023), underlined as the archive's years are,
		// on one line within the page's width.
		if err := chromedp.Do(tab, chromedp.Navigate(site+"2024/")); err != nil {
			t.Fatal(err)
		}
		plain = evalJS[[]string](t, tab, `Array.from(document.querySelectorAll("main .year-nav a")).
			filter(a => !getComputedStyle(a).textDecorationLine.includes("underline")).
			map(a => a.textContent.trim())`)
		years := evalJS[[]string](t, tab, `Array.from(document.querySelectorAll("main .year-nav a")).map(a => a.rel + " " + a.textContent.trim())`)
		box := evalJS[[]float64](t, tab, `(() => {
			const ls = Array.from(document.querySelectorAll("main .year-nav a")).map(a => a.getBoundingClientRect());
			return [document.documentElement.scrollWidth, document.documentElement.clientWidth,
				Math.min(...ls.map(r => r.left)), Math.max(...ls.map(r => r.right)), Math.max(...ls.map(r => r.top)) - Math.min(...ls.map(r => r.top))];
		})()`)
		if len(plain) > 0 || !slices.Equal(years, []string{"prev ← 2025", "next 2023 →"}) {
			t.Errorf("%s: 2024's page links the years %q, and %q not underlined; want prev ← 2025 and next 2023 →, underlined", l.name, years, plain)
		}
		if box[0] > box[1] || box[2] < 0 || box[3] > box[1] || box[4] != 0 {
			t.Errorf("%s: 2024's year links span %.0f to %.0f px, %.0f px apart in height, in a page %.0f px wide scrolling to %.0f: want them side by side within it", l.name, box[2], box[3], box[4], box[1], box[0])
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
