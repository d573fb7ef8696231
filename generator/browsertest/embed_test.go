package browsertest

import (
	"context"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// embedChart is the chart whose embed is read: the small-cap article's
// first, drawn wide at 720 by 340.
const embedChart = "2026/10/small-cap-rally/charts/small-versus-large-since-2015-rebased-to-100/"

// embedDrawing is the drawing a page shows of a chart: its viewBox and
// its box on the screen.
type embedDrawing struct {
	Class  string  `json:"class"`
	ViewW  float64 `json:"viewW"`
	ViewH  float64 `json:"viewH"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// drawingJS returns the drawing shown in the document doc (an expression).
func drawingJS(doc string) string {
	return `(() => {
  const svg = [...` + doc + `.querySelectorAll(".figure__chart svg")].find((s) => s.getBoundingClientRect().width > 0);
  if (!svg) return null;
  const r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
  return {class: svg.getAttribute("class"), viewW: vb.width, viewH: vb.height, width: r.width, height: r.height};
})()`
}

// checkEmbed puts a chart's embed in a frame 360 and 1280 px wide, as a
// page that pastes the chart page's snippet does, and wants the drawing
// it shows at no larger a scale than the chart's own page gives it on a
// screen as wide (its labels the size they are in the article, not half
// as large again because the frame is wide), drawn at its own aspect.
func checkEmbed(t *testing.T, browserCtx context.Context, site string) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	for _, w := range []int64{smallPhoneWidth, desktopWidth} {
		l := layout{name: "page", width: w, height: 900, mobile: w < 768}
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+embedChart)); err != nil {
			t.Fatalf("opening the chart page at %d px: %v", w, err)
		}
		page, err := chromedp.Run(tab, chromedp.Evaluate[*embedDrawing](drawingJS("document")))
		if err != nil || page == nil {
			t.Fatalf("the chart page at %d px shows no drawing (%v)", w, err)
		}
		// A host page of the site's origin, so that the frame's document
		// can be read, with the frame as wide as the screen.
		host := layout{name: "host", width: w + 40, height: 900, mobile: w < 768}
		if err := chromedp.Do(tab, setLayout(host)); err != nil {
			t.Fatal(err)
		}
		frame := `document.querySelector("iframe").contentDocument`
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => {
  document.body.replaceChildren();
  const f = document.createElement("iframe");
  f.src = `+jsString(site+embedChart+"embed/")+`;
  f.width = "`+strconv.FormatInt(int64(w), 10)+`"; f.height = "480"; f.style.border = "0";
  document.body.append(f);
  return true;
})()`)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, tab, "the embed loads in its frame", frame+` && `+frame+`.readyState === "complete" && `+drawingJS(frame)+` !== null`, nil)
		emb, err := chromedp.Run(tab, chromedp.Evaluate[*embedDrawing](drawingJS(frame)))
		if err != nil || emb == nil {
			t.Fatalf("the embed in a %d px frame shows no drawing (%v)", w, err)
		}
		scale, pageScale := emb.Width/emb.ViewW, page.Width/page.ViewW
		t.Logf("%d px: the embed shows %s at %.0f×%.0f (scale %.2f); the chart page %s at scale %.2f", w, emb.Class, emb.Width, emb.Height, scale, page.Class, pageScale)
		if emb.Class != page.Class {
			t.Errorf("%d px: the embed shows the drawing %q, the chart page %q", w, emb.Class, page.Class)
		}
		if scale > pageScale*1.05 {
			t.Errorf("%d px: the embed draws the chart at scale %.2f, its page at %.2f: its labels are %.0f%% larger than the article's", w, scale, pageScale, (scale/pageScale-1)*100)
		}
		if got, want := emb.Height/emb.Width, emb.ViewH/emb.ViewW; math.Abs(got-want) > 0.01*want {
			t.Errorf("%d px: the embed's drawing has the aspect %.3f, its viewBox %.3f", w, got, want)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
