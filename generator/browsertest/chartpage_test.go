package browsertest

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// maxChartPageScale is how much larger or smaller than in its article a
// chart's labels may render on the chart's own page: a chart stretched to
// the page's full width draws them out of scale with the page's text.
const maxChartPageScale = 1.15

// chartPageLayouts are the widths at which a chart's page is compared with
// its article: a phone and a desktop.
var chartPageLayouts = []layout{
	{name: "390", width: 390, height: 844, mobile: true},
	{name: "1280", width: desktopWidth, height: desktopHeight},
}

// chartLabels is one chart as chartLabelsJS measures it.
type chartLabels struct {
	ID    string  `json:"id"`
	Page  string  `json:"page"`  // the URL of the chart's page, "" without one
	Px    float64 `json:"px"`    // the median height of its labels' boxes, CSS px
	Width float64 `json:"width"` // the shown drawing's width
	Text  float64 `json:"text"`  // the font size of the page's body text
	// Table is the computed style of its data table (the table, a column
	// head, a row head and a cell), "" without a table.
	Table string `json:"table"`
}

// checkChartPages reads every article at 390 and 1280 px, then the page of
// each of its charts at the same width, and wants the chart's labels to
// render there at the size they have in the article, within 15% (the
// median height of the boxes of the shown drawing's axis labels). The
// chart's data table must be styled on its page and in its embed as in its
// article: its numbers aligned right in rules, not the browser's bare table.
func checkChartPages(t *testing.T, browserCtx context.Context, site string, articles []pageCase) {
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	pages := 0
	for _, l := range chartPageLayouts {
		worst, at := 1.0, ""
		for _, a := range articles {
			in, err := measureLabels(tab, l, site+a.path)
			if err != nil {
				t.Fatalf("%s: %s: %v", l.name, a.path, err)
			}
			for _, c := range in {
				if c.Page == "" {
					continue
				}
				on, err := measureLabels(tab, l, c.Page)
				if err != nil {
					t.Fatalf("%s: %s: %v", l.name, c.Page, err)
				}
				if len(on) != 1 || on[0].ID != c.ID {
					t.Errorf("%s: the page of chart %s shows %d charts, want it alone", l.name, c.ID, len(on))
					continue
				}
				pages++
				if on[0].Table != c.Table {
					t.Errorf("%s: chart %s: its data table on its page is styled %q, in %s %q", l.name, c.ID, on[0].Table, a.path, c.Table)
				}
				embed, err := measureLabels(tab, l, c.Page+"embed/")
				if err != nil {
					t.Fatalf("%s: %s: %v", l.name, c.Page+"embed/", err)
				}
				if len(embed) != 1 {
					t.Errorf("%s: the embed of chart %s shows %d charts, want it alone", l.name, c.ID, len(embed))
				} else if embed[0].Table != c.Table {
					t.Errorf("%s: chart %s: its data table in its embed is styled %q, in %s %q", l.name, c.ID, embed[0].Table, a.path, c.Table)
				}
				ratio := on[0].Px / c.Px
				if math.Abs(math.Log(ratio)) >= math.Abs(math.Log(worst)) {
					worst, at = ratio, fmt.Sprintf("%s: %.1f px on its page, %.1f px in its article", c.ID, on[0].Px, c.Px)
				}
				if c.Px <= 0 || ratio > maxChartPageScale || ratio < 1/maxChartPageScale {
					t.Errorf("%s: chart %s: labels %.1f px high on its page (drawn %.0f px wide, text %.1f px), %.1f px in %s (drawn %.0f px wide): %.2f times, want within %.2f",
						l.name, c.ID, on[0].Px, on[0].Width, on[0].Text, c.Px, a.path, c.Width, ratio, maxChartPageScale)
				}
			}
		}
		t.Logf("%s: labels on chart pages are at most %.2f times their size in the article (%s)", l.name, worst, at)
	}
	if pages < 2*len(articles) {
		t.Errorf("compared %d chart pages with their articles; the example site has more", pages)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// measureLabels opens url in layout l and measures its charts.
func measureLabels(tab context.Context, l layout, url string) ([]chartLabels, error) {
	if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("opening: %w", err)
	}
	return chromedp.Run(tab, chromedp.Evaluate[[]chartLabels](chartLabelsJS))
}

// chartLabelsJS measures every chart (figure .figure__chart): the median
// height of the boxes of its shown drawing's labels (text.ts-label, else
// every text), the drawing's width, the font size of the page's body text
// the link to the chart's page (in the figure's links) and the computed
// style of its data table. → []chartLabels
const chartLabelsJS = `[...document.querySelectorAll("figure .figure__chart")].map((box) => {
  const fig = box.closest("figure");
  const svg = [...box.querySelectorAll(":scope > svg")].find((s) => s.getClientRects().length > 0);
  let texts = svg ? [...svg.querySelectorAll("text.ts-label")] : [];
  if (!texts.length && svg) texts = [...svg.querySelectorAll("text")];
  const hs = texts.map((t) => t.getBoundingClientRect().height).filter((h) => h > 0).sort((a, b) => a - b);
  const link = [...fig.querySelectorAll(".figure__meta a")].find((a) => a.pathname.endsWith("/charts/" + fig.id + "/"));
  const tb = fig.querySelector(".figure__table table");
  const style = (e, props) => e ? props.map((p) => getComputedStyle(e)[p]).join(" ") : "none";
  const table = tb ? [style(tb, ["borderCollapse", "fontFamily", "fontSize", "fontVariantNumeric"]),
    style(tb.querySelector("thead th"), ["position", "fontWeight", "borderBottomWidth", "textAlign"]),
    style(tb.querySelector("tbody th"), ["fontWeight", "textAlign"]),
    style(tb.querySelector("tbody td"), ["textAlign", "whiteSpace", "borderBottomWidth", "paddingRight"])].join("; ") : "";
  return {id: fig.id, page: link ? link.href : "", px: hs.length ? hs[Math.floor(hs.length / 2)] : 0,
    width: svg ? svg.getBoundingClientRect().width : 0, text: parseFloat(getComputedStyle(document.body).fontSize), table};
})`
