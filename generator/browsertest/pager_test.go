package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// pagerBox is pagerJS's measure of one link or the count of a pager.
type pagerBox struct {
	Text   string  `json:"text"`
	Left   float64 `json:"left"`
	Right  float64 `json:"right"`
	Top    float64 `json:"top"`
	Bottom float64 `json:"bottom"`
}

// pagerJS measures the links and the count of the page's pager. → []pagerBox
const pagerJS = `[...document.querySelectorAll(".pager a, .pager__count")].map(e => {
  const r = e.getBoundingClientRect();
  return {text: e.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})`

// TestPagerPhone reads page 3 of the home page of a generated site of 50
// articles (five pages) on phones of 360 and 390 px and at 1280 px: the
// pager's four links (Newest, Newer, Older, Oldest) and its count all
// show, none over another, none past the right edge, the page does not
// scroll sideways, and at 360 px each is a target a finger can tap
// (checkTargetSize).
func TestPagerPhone(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	site, _ := serveSite(t, ctx, generatedSite(t, corpus.Options{Articles: 50, Seed: 2}), "a generated site of 50 articles")
	browserCtx := startBrowser(t, ctx, exe)
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	for _, l := range []layout{
		{name: "360", width: smallPhoneWidth, height: 780, mobile: true},
		{name: "390", width: 390, height: 844, mobile: true},
		{name: "1280", width: desktopWidth, height: desktopHeight},
	} {
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+"page/3/")); err != nil {
			t.Fatalf("opening page 3: %v", err)
		}
		boxes, err := chromedp.Run(tab, chromedp.Evaluate[[]pagerBox](pagerJS))
		if err != nil {
			t.Fatal(err)
		}
		if len(boxes) != 5 {
			t.Errorf("%s: the pager shows %d links and counts, want Newest, Newer, the count, Older and Oldest: %v", l.name, len(boxes), boxes)
		}
		for i, b := range boxes {
			if b.Right <= b.Left || b.Bottom <= b.Top || b.Left < 0 || b.Right > float64(l.width) {
				t.Errorf("%s: %q is at x %.0f to %.0f, not shown within the %d px", l.name, b.Text, b.Left, b.Right, l.width)
			}
			for _, c := range boxes[:i] {
				if b.Left < c.Right && c.Left < b.Right && b.Top < c.Bottom && c.Top < b.Bottom {
					t.Errorf("%s: %q lies over %q", l.name, b.Text, c.Text)
				}
			}
		}
		checkOverflow(t, tab, l, " page 3")
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
	checkTargetSize(t, browserCtx, site, []string{"page/3/"})
}
