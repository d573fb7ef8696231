package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// minChartText is the smallest a chart's text may render, in CSS px, and
// minChartTextShare the share of each chart's texts that must reach it.
const (
	minChartText      = 11
	minChartTextShare = 0.9
)

// chartFit is one chart as chartFitJS measures it.
type chartFit struct {
	ID        string      `json:"id"`
	Shown     int         `json:"shown"` // drawings displayed (of the wide and the narrow one)
	Class     string      `json:"class"` // the displayed drawing's class
	Title     string      `json:"title"` // its <title>
	SVG       box         `json:"svg"`
	Box       box         `json:"box"` // the .figure__chart around it
	Scrollers []string    `json:"scrollers"`
	Texts     []chartText `json:"texts"`
}

type box struct{ Left, Right, Top, Bottom float64 }

type chartText struct {
	Text string  `json:"text"`
	Px   float64 `json:"px"`  // font size times the on-screen scale
	Cut  bool    `json:"cut"` // its box reaches past the drawing's, which clips it
}

// pageFit is chartFitJS's answer: the charts, and the page's width.
type pageFit struct {
	InnerWidth  float64    `json:"innerWidth"`
	ScrollWidth float64    `json:"scrollWidth"`
	Charts      []chartFit `json:"charts"`
}

// TestCharts reads the article with the most charts at every width from
// 360 to 1280 px in steps of 16 px and checks each chart as a reader meets
// it, as TestBrowser does every article's in its eight layouts
// (checkChartsFit): one of its two drawings is shown; it lies whole inside
// its box and the viewport, and no box around it scrolls sideways (nor the
// page); at least 90% of its texts render at 11 CSS px or more (font size
// times the SVG's scale on screen, from getScreenCTM) and none reaches
// past the edge of the drawing, which would clip it; and the accessibility
// tree holds it once. Beside it, it reads every chart's own page and
// embed (checkChartPages).
func TestCharts(t *testing.T) {
	start := time.Now()
	site, dest, _, browserCtx := setUp(t, 5*time.Minute)
	articles := exampleArticles(t, dest)
	// Each in a tab of its own, the two side by side (the group ends
	// when both have).
	t.Run("checks", func(t *testing.T) {
		t.Run("every-width", func(t *testing.T) {
			t.Parallel()
			checkWidths(t, browserCtx, site, articles)
		})
		t.Run("chart-pages", func(t *testing.T) {
			t.Parallel()
			checkChartPages(t, browserCtx, site, articles)
		})
	})
	t.Logf("chart tests of %d articles took %s", len(articles), time.Since(start).Round(100*time.Millisecond))
}

// checkChartsFit measures the charts of the page tab shows, in layout
// l, and checks each (checkChartFit), and that the page does not scroll
// sideways.
func checkChartsFit(t *testing.T, tab context.Context, l layout) {
	t.Helper()
	fit, err := chromedp.Run(tab, chromedp.Evaluate[pageFit](chartFitJS))
	if err != nil {
		t.Errorf("%s: measuring the charts: %v", l.name, err)
		return
	}
	if fit.ScrollWidth > fit.InnerWidth {
		t.Errorf("%s: the page scrolls sideways: scrollWidth %.0f > innerWidth %.0f", l.name, fit.ScrollWidth, fit.InnerWidth)
	}
	names, err := chartNames(tab)
	if err != nil {
		t.Errorf("%s: the accessibility tree: %v", l.name, err)
	}
	for _, c := range fit.Charts {
		checkChartFit(t, l, fit.InnerWidth, c, names)
	}
}

// checkWidths reads the article with the most charts at every width from
// 360 to 1280 px in steps of 16 px (phones with mobile emulation below
// 600 px), and checks its charts as TestBrowser does each article's
// (checkChartsFit): what changes from one width to the next is which
// drawing shows and how far it is scaled.
func checkWidths(t *testing.T, browserCtx context.Context, site string, articles []pageCase) {
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	var best pageCase
	most := -1
	for _, a := range articles {
		if err := chromedp.Do(tab, chromedp.Navigate(site+a.path)); err != nil {
			t.Fatalf("opening %s: %v", a.path, err)
		}
		n, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("figure .figure__chart").length`))
		if err != nil {
			t.Fatalf("counting the charts of %s: %v", a.path, err)
		}
		if n > most {
			best, most = a, n
		}
	}
	if most < 1 {
		t.Fatal("no article of the example site has a chart")
	}
	for w := int64(360); w <= 1280; w += 16 {
		l := layout{name: fmt.Sprintf("%s at %d", best.name, w), width: w, height: 900, mobile: w < 600}
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+best.path)); err != nil {
			t.Fatalf("%s: opening: %v", l.name, err)
		}
		checkChartsFit(t, tab, l)
		for _, msg := range p.take() {
			t.Errorf("%s: %s", l.name, msg)
		}
	}
}

// checkChartFit checks one chart of a page at layout l; names are the
// accessible names of the page's images.
func checkChartFit(t *testing.T, l layout, vw float64, c chartFit, names []string) {
	t.Helper()
	if c.Shown != 1 {
		t.Errorf("%s: chart %s shows %d drawings, want 1", l.name, c.ID, c.Shown)
		return
	}
	const eps = 0.5
	if c.SVG.Left < c.Box.Left-eps || c.SVG.Right > c.Box.Right+eps {
		t.Errorf("%s: chart %s spans %.1f..%.1f px, outside its box %.1f..%.1f", l.name, c.ID, c.SVG.Left, c.SVG.Right, c.Box.Left, c.Box.Right)
	}
	if c.SVG.Left < -eps || c.SVG.Right > vw+eps {
		t.Errorf("%s: chart %s spans %.1f..%.1f px, outside the %.0f px viewport", l.name, c.ID, c.SVG.Left, c.SVG.Right, vw)
	}
	if len(c.Scrollers) > 0 {
		t.Errorf("%s: chart %s is inside boxes that scroll sideways: %s", l.name, c.ID, strings.Join(c.Scrollers, ", "))
	}
	small, smallest := 0, 1e9
	at := ""
	for _, tx := range c.Texts {
		if tx.Cut {
			t.Errorf("%s: chart %s (%s): text %q reaches past the edge of the drawing", l.name, c.ID, c.Class, tx.Text)
		}
		if tx.Px < minChartText {
			small++
		}
		if tx.Px < smallest {
			smallest, at = tx.Px, tx.Text
		}
	}
	if len(c.Texts) == 0 {
		t.Errorf("%s: chart %s has no text", l.name, c.ID)
	} else if share := 1 - float64(small)/float64(len(c.Texts)); share < minChartTextShare {
		t.Errorf("%s: chart %s (%s): %d of %d texts render under %d px (smallest %.2f px, %q)", l.name, c.ID, c.Class, small, len(c.Texts), minChartText, smallest, at)
	}
	n := 0
	for _, name := range names {
		if c.Title != "" && strings.HasPrefix(name, c.Title) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%s: chart %s (%q) is in the accessibility tree %d times, want once", l.name, c.ID, c.Title, n)
	}
}

// chartNames returns the accessible names of the images of the page's
// accessibility tree that are not ignored (hidden ones are).
func chartNames(tab context.Context) ([]string, error) {
	tree, err := chromedp.Call(tab, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range tree.Nodes {
		if n.Ignored || n.Role == nil || n.Name == nil {
			continue
		}
		var role, name string
		if json.Unmarshal(n.Role.Value, &role) != nil || json.Unmarshal(n.Name.Value, &name) != nil {
			continue
		}
		if role == "image" || role == "img" {
			out = append(out, name)
		}
	}
	return out, nil
}

// chartFitJS measures every chart (figure .figure__chart): the drawings it
// displays, the box of the shown one and of its container, the boxes
// around it that scroll sideways (overflow other than visible, and content
// wider than the box), and the on-screen size of each of its texts: the
// computed font size times the scale of the text's screen matrix. → pageFit
const chartFitJS = `(() => {
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const rect = (r) => ({Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom});
  const charts = [...document.querySelectorAll("figure .figure__chart")].map((box) => {
    const shown = [...box.querySelectorAll(":scope > svg")].filter((s) => s.getClientRects().length > 0);
    const out = {id: box.closest("figure").id, shown: shown.length, class: "", title: "", scrollers: [], texts: []};
    if (shown.length !== 1) return out;
    const svg = shown[0];
    const title = svg.querySelector(":scope > title");
    out.class = svg.getAttribute("class") || "";
    out.title = title ? title.textContent.trim() : "";
    out.svg = rect(svg.getBoundingClientRect());
    out.box = rect(box.getBoundingClientRect());
    for (let e = svg.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o !== "visible" && e.scrollWidth > e.clientWidth + 1) out.scrollers.push(name(e) + " (" + e.scrollWidth + " > " + e.clientWidth + " px)");
    }
    const sr = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll("text")) {
      const m = t.getScreenCTM();
      const tr = t.getBoundingClientRect();
      out.texts.push({text: t.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
        cut: tr.left < sr.left - 0.5 || tr.right > sr.right + 0.5 || tr.top < sr.top - 0.5 || tr.bottom > sr.bottom + 0.5});
    }
    return out;
  });
  return {innerWidth: window.innerWidth, scrollWidth: document.scrollingElement.scrollWidth, charts};
})()`
