package browsertest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestReader reads the example site as readers with other settings do:
// with the browser's text at twice its size on a phone.
func TestReader(t *testing.T) {
	site, dest, _, browserCtx := setUp(t, 3*time.Minute)
	articles := exampleArticles(t, dest)
	t.Run("large-text", func(t *testing.T) { checkLargeText(t, browserCtx, site, articles) })
}

// largeTextPages are the pages besides the articles read with large
// text: the other layouts the header and footer sit in.
var largeTextPages = []string{"", "archive/", "tags/", "data/shiller/", "search/", "subscribe/"}

// checkLargeText sets the browser's default font size to 32 px (text
// zoomed to 200%, WCAG 1.4.4) on a 360 px phone and wants no page
// (largeTextPages and every article) to scroll sideways, nor anything past
// the right edge outside a box that scrolls: the layout's columns must give
// way to the screen, whatever the length of the words in them.
func checkLargeText(t *testing.T, browserCtx context.Context, site string, articles []pageCase) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	l := layout{name: "360-text-200%", width: smallPhoneWidth, height: 780, mobile: true}
	setFont := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: 32}})
		return err
	})
	paths := slices.Clone(largeTextPages)
	for _, a := range articles {
		paths = append(paths, a.path)
	}
	for _, pth := range paths {
		if err := chromedp.Do(tab, setLayout(l), setFont, chromedp.Navigate(site+pth)); err != nil {
			t.Fatalf("opening %s: %v", pth, err)
		}
		size, err := chromedp.Run(tab, chromedp.Evaluate[string](`getComputedStyle(document.documentElement).fontSize`))
		if err != nil || size != "32px" {
			t.Fatalf("%s: the root font size is %q (%v), want 32px", pth, size, err)
		}
		checkOverflow(t, tab, l, " /"+pth)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
