package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// printColorsJS lists the colours of every rendered element of the main
// column (text, background, rules, and an SVG's fill and stroke), in
// document order. → []string
const printColorsJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll("main, main *")) {
    if (el.getClientRects().length === 0) continue;
    const s = getComputedStyle(el);
    out.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "").trim().split(/\s+/).join(".") + " " +
      [s.color, s.backgroundColor, s.borderTopColor, s.borderBottomColor, s.fill, s.stroke, s.filter].join(" "));
  }
  return out;
})()`

// checkPrintDark lays each article out for print with the reader's
// setting light, then dark: every element of the main column must have
// the same colours in both, since paper is white whatever the screen's
// mode (chart labels in dark mode's light grey printed near invisible).
func checkPrintDark(t *testing.T, browserCtx context.Context, site string, articles []pageCase) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	colors := func(path, scheme string) []string {
		got, err := chromedp.Run(tab, chromedp.Action[[]string](func(ctx context.Context, tg *chromedp.Target) ([]string, error) {
			if _, err := chromedp.EmulateViewport(printWidth, 1100)(ctx, tg); err != nil {
				return nil, err
			}
			if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Media:    "print",
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				return nil, err
			}
			return chromedp.Evaluate[[]string](printColorsJS)(ctx, tg)
		}))
		if err != nil {
			t.Fatalf("printed %s (%s): %v", path, scheme, err)
		}
		return got
	}
	checked := 0
	for _, a := range articles {
		if err := chromedp.Do(tab, chromedp.Navigate(site+a.path)); err != nil {
			t.Fatalf("opening %s: %v", a.path, err)
		}
		light, dark := colors(a.path, "light"), colors(a.path, "dark")
		if len(light) != len(dark) {
			t.Errorf("printed %s: %d elements rendered in light mode, %d in dark", a.path, len(light), len(dark))
			continue
		}
		diffs := 0
		for i := range light {
			if light[i] != dark[i] {
				if diffs++; diffs <= 5 {
					t.Errorf("printed %s in dark mode: %s\n\twant as in light mode: %s", a.path, dark[i], light[i])
				}
			}
		}
		if diffs > 5 {
			t.Errorf("printed %s in dark mode: %d elements differ from light mode in all", a.path, diffs)
		}
		checked += len(light)
	}
	t.Logf("printed %d articles light and dark: %d elements compared", len(articles), checked)
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
