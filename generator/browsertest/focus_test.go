package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusPages are the pages whose every tab stop checkFocusAll visits: home,
// the article with the most kinds of element (a table of contents, charts
// with data tables, footnotes), a chart's page, and the pages of the
// search and subscribe forms.
var focusPages = []string{"", "2026/10/small-cap-rally/", "2026/10/small-cap-rally/charts/small-versus-large-since-2015-rebased-to-100/", "search/", "subscribe/"}

// focusLayouts are the layouts checkFocusAll reads them in.
var focusLayouts = []layout{
	{name: "1280", width: desktopWidth, height: desktopHeight},
	{name: "1280-dark", width: desktopWidth, height: desktopHeight, dark: true},
	{name: "390", width: 390, height: 844, mobile: true},
}

// maxTabStops bounds the Tabs pressed on one page.
const maxTabStops = 400

// tabStop is the focused element as tabStopJS describes it.
type tabStop struct {
	What string `json:"what"`
	Text string `json:"text"`
	// Clip is the part of the viewport around the element where its
	// indicator shows (its box and 8 px around it), in page coordinates.
	X, Y, W, H float64
	// Perimeter is the length of the visible part of the element's
	// outline: of its box, or of its fragments when a link wraps and
	// they come to less.
	Perimeter float64 `json:"perimeter"`
	InView    bool    `json:"inView"`
	Outline   string  `json:"outline"` // the computed outline, for messages
}

// checkFocusAll opens each of focusPages in each of focusLayouts with every
// figure's data table open, presses Tab until the focus leaves the page
// (with the focus emulation of setLayout, as checkFocus does) and wants
// every element it reaches to be in view and to show a focus indicator: a
// screenshot of the element and 8 px around it, focused and then blurred,
// must differ at 3:1 contrast or more (WCAG 1.4.11) in at least twice as
// many pixels as the element's perimeter is long, a ring 2 px thick (the
// area WCAG 2.4.13 asks of an indicator). It also wants Tab to reach every
// rendered element that is in the tab order. Each layout has a tab of its
// own, and two run at a time: the test waits on the browser at each Tab
// press and screenshot, so a second tab keeps the other core busy.
func checkFocusAll(t *testing.T, browserCtx context.Context, site string) {
	for _, l := range focusLayouts {
		t.Run(l.name, func(t *testing.T) {
			t.Parallel()
			checkFocusLayout(t, browserCtx, site, l)
		})
	}
}

// checkFocusLayout runs checkFocusAll's checks of every page of
// focusPages in layout l, in a tab of its own.
func checkFocusLayout(t *testing.T, browserCtx context.Context, site string, l layout) {
	tab, p := openTab(t, browserCtx, site, 3*time.Minute)
	for _, pth := range focusPages {
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+pth)); err != nil {
			t.Fatalf("%s: opening /%s: %v", l.name, pth, err)
		}
		// The search page's script shows its form once it has the index.
		if _, err := chromedp.Run(tab, chromedp.Poll[bool](`!(document.querySelector(".search__form") || {}).hidden`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("%s: /%s: the search form never appeared: %v", l.name, pth, err)
		}
		// Tab from the top of the page, wherever a script put the focus.
		want, err := chromedp.Run(tab, chromedp.Evaluate[int](openDetailsJS+`, `+focusTopJS+`, `+tabbableJS))
		if err != nil {
			t.Fatalf("%s: /%s: %v", l.name, pth, err)
		}
		stops, weakest := 0, ""
		low := 1e9
		for range maxTabStops {
			if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatalf("%s: /%s: pressing Tab: %v", l.name, pth, err)
			}
			s, err := chromedp.Run(tab, chromedp.Evaluate[tabStop](tabStopJS))
			if err != nil {
				t.Fatalf("%s: /%s: %v", l.name, pth, err)
			}
			if s.What == "" {
				break // past the last element: the focus left the page
			}
			stops++
			who := fmt.Sprintf("%s: /%s: Tab %d on %s %q", l.name, pth, stops, s.What, s.Text)
			if !s.InView {
				t.Errorf("%s: the focused element is out of view", who)
				continue
			}
			n, err := focusChange(tab, s)
			if err != nil {
				t.Fatalf("%s: %v", who, err)
			}
			if need := 2 * s.Perimeter; float64(n) < need {
				t.Errorf("%s: its focus indicator shows in %d px at 3:1, want %.0f (twice its %.0f px perimeter); outline %s",
					who, n, need, s.Perimeter, s.Outline)
			}
			if r := float64(n) / s.Perimeter; r < low {
				low, weakest = r, fmt.Sprintf("%s %q, %.1f px per px of perimeter", s.What, s.Text, r)
			}
		}
		if stops != want {
			t.Errorf("%s: /%s: Tab reached %d elements, the page has %d in the tab order", l.name, pth, stops, want)
		}
		t.Logf("%s: /%s: %d tab stops; weakest indicator: %s", l.name, pth, stops, weakest)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// focusChange screenshots the clip of s focused, blurs the element,
// screenshots it again and focuses it again; it returns how many pixels
// of the two differ at 3:1 contrast or more.
func focusChange(tab context.Context, s tabStop) (int, error) {
	focused, err := clipShot(tab, s)
	if err != nil {
		return 0, err
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.activeElement.blur(), true`)); err != nil {
		return 0, err
	}
	plain, err := clipShot(tab, s)
	if err != nil {
		return 0, err
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.tsFocused.focus({focusVisible: true}), true`)); err != nil {
		return 0, err
	}
	b := focused.Bounds()
	if plain.Bounds() != b {
		return 0, fmt.Errorf("screenshots of %v and %v", b, plain.Bounds())
	}
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if contrast(pixel(focused, x, y), pixel(plain, x, y)) >= minGraphics {
				n++
			}
		}
	}
	return n, nil
}

// clipShot captures the clip of s, at one image pixel per CSS px.
func clipShot(tab context.Context, s tabStop) (image.Image, error) {
	res, err := chromedp.Call(tab, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format: page.CaptureScreenshotFormatPng,
		Clip:   &page.Viewport{X: s.X, Y: s.Y, Width: s.W, Height: s.H, Scale: 1},
	})
	if err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(res.Data))
}

func pixel(img image.Image, x, y int) rgba {
	r, g, b, _ := img.At(x, y).RGBA()
	return rgba{float64(r >> 8), float64(g >> 8), float64(b >> 8), 1}
}

// focusTopJS moves the focus, and where Tab starts from, to the top of the
// document (the search page's script focuses its input), and returns true.
const focusTopJS = `(() => {
  const root = document.documentElement;
  root.tabIndex = -1;
  root.focus({preventScroll: true});
  root.blur();
  root.removeAttribute("tabindex");
  return true;
})()`

// tabbableJS counts the rendered elements in the tab order: links, buttons,
// inputs (but hidden ones), selects, textareas, summaries and elements
// with a tabindex of 0 or more, none disabled nor inert. → int
const tabbableJS = `[...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")].filter((el) =>
  el.tabIndex >= 0 && !el.disabled && el.type !== "hidden" && !el.closest("[inert]") &&
  el.getClientRects().length > 0 &&
  el.checkVisibility({visibilityProperty: true})).length`

// tabStopJS describes the focused element (What "" when the focus is not
// on an element of the page, or is back on one it described before: Tab
// went round), keeps it as window.tsFocused, and turns off
// smooth scrolling so that a screenshot sees the page where it stops.
// → tabStop
const tabStopJS = `(() => {
  document.documentElement.style.scrollBehavior = "auto";
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {what: ""};
  window.tsSeen = window.tsSeen || new WeakSet();
  if (window.tsSeen.has(el)) return {what: ""};
  window.tsSeen.add(el);
  window.tsFocused = el;
  const c = el.getAttribute("class");
  const what = el.tagName.toLowerCase() + (c ? "." + c.trim().split(/\s+/).join(".") : "");
  const r = el.getBoundingClientRect();
  const vw = window.innerWidth, vh = window.innerHeight, pad = 8;
  const x0 = Math.max(0, Math.floor(r.left - pad)), y0 = Math.max(0, Math.floor(r.top - pad));
  const x1 = Math.min(vw, Math.ceil(r.right + pad)), y1 = Math.min(vh, Math.ceil(r.bottom + pad));
  const ring = (q) => 2 * (Math.max(0, Math.min(vw, q.right) - Math.max(0, q.left)) + Math.max(0, Math.min(vh, q.bottom) - Math.max(0, q.top)));
  const parts = [...el.getClientRects()].reduce((sum, q) => sum + ring(q), 0);
  const s = getComputedStyle(el);
  return {what, text: (el.textContent || el.getAttribute("aria-label") || el.placeholder || "").trim().replace(/\s+/g, " ").slice(0, 40),
    X: x0 + window.scrollX, Y: y0 + window.scrollY, W: x1 - x0, H: y1 - y0,
    perimeter: Math.min(ring(r), parts || ring(r)),
    inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw,
    outline: s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor + " offset " + s.outlineOffset};
})()`
