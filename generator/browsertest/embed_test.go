package browsertest

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	// A link of the embed opens in the host's window, not in the frame:
	// every page but an embed refuses to be framed (X-Frame-Options in
	// _headers), so the frame would show the browser's error page.
	if !evalJS[bool](t, tab, `(() => {
  window.tsHost = true;
  const a = [...document.querySelector("iframe").contentDocument.querySelectorAll(".figure__meta a")].find((a) => a.textContent.startsWith("Chart page"));
  if (!a) return false;
  a.click();
  return true;
})()`) {
		t.Fatal("the embed shows no link to its chart page")
	}
	waitJS(t, tab, "the embed's link to its chart page opens in the host's window", `window.tsHost === undefined && document.querySelector("iframe") === null && location.pathname.endsWith(`+jsString(embedChart)+`)`, nil)
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// embedFit is how a pasted embed's frame sits on its host page.
type embedFit struct {
	Frame   float64 `json:"frame"`   // the frame's height
	Width   float64 `json:"width"`   // the frame's width
	Content float64 `json:"content"` // the height of the embed's document
	Scroll  float64 `json:"scroll"`  // how far the embed's document scrolls down
	Wide    bool    `json:"wide"`    // the embed's document scrolls sideways
	Drawing float64 `json:"drawing"` // the bottom of the drawing in the frame
}

// fitJS measures the first frame of the page.
const fitJS = `(() => {
  const f = document.querySelector("iframe"), d = f && f.contentDocument;
  if (!d || d.readyState !== "complete") return null;
  const e = d.documentElement, svg = [...d.querySelectorAll(".figure__chart svg")].find((s) => s.getBoundingClientRect().width > 0);
  if (!svg) return null;
  return {frame: f.getBoundingClientRect().height, width: f.getBoundingClientRect().width,
    content: e.scrollHeight, scroll: e.scrollHeight - e.clientHeight, wide: e.scrollWidth > e.clientWidth,
    drawing: svg.getBoundingClientRect().bottom};
})()`

// checkEmbedSnippet pastes the snippet a chart's page offers into a host
// page, as an author of another site does, and reads it on a 360 px phone
// and a 1280 px desktop (where the frame stops at 760 px). With the
// snippet's script the frame must take the embed's height, so nothing in
// it scrolls; on a host page that runs no script (the frame alone), the
// frame keeps the snippet's height, which must show the whole drawing,
// and on a desktop the whole embed.
func checkEmbedSnippet(t *testing.T, browserCtx context.Context, site, dest string) {
	tab, p := openTab(t, browserCtx, site, 90*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(site+embedChart)); err != nil {
		t.Fatal(err)
	}
	snippet, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector(".chart-page__snippet code").textContent`))
	if err != nil || !strings.Contains(snippet, "<iframe") || !strings.Contains(snippet, "<script>") {
		t.Fatalf("the chart page's snippet: %q (%v)", snippet, err)
	}
	frameOnly, _, _ := strings.Cut(snippet, "<script>")
	for name, body := range map[string]string{"host-script": snippet, "host-noscript": frameOnly} {
		page := "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Host</title><link rel=\"icon\" href=\"data:,\"></head><body><p>A host page.</p>\n" + body + "\n</body></html>\n"
		host := filepath.Join(dest, name+".html")
		if err := os.WriteFile(host, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		// Not a page of the site: the checks after this one read them all.
		defer os.Remove(host)
	}
	for _, w := range []int64{smallPhoneWidth, desktopWidth} {
		l := layout{name: "host", width: w, height: 900, mobile: w < 768}
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+"host-script.html")); err != nil {
			t.Fatal(err)
		}
		var fit *embedFit
		deadline := time.Now().Add(20 * time.Second)
		for {
			fit, err = chromedp.Run(tab, chromedp.Evaluate[*embedFit](fitJS))
			if err == nil && fit != nil && fit.Scroll <= 0 && math.Abs(fit.Frame-fit.Content) <= 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d px, with the snippet's script: the frame is %+v, want it as tall as the embed (%v)", w, fit, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("%d px, with the script: a frame %.0f wide fits the embed at %.0f px tall (the snippet says %s)", w, fit.Width, fit.Frame, heightAttr(snippet))
		if fit.Wide {
			t.Errorf("%d px, with the script: the embed scrolls sideways in its %.0f px frame", w, fit.Width)
		}

		if err := chromedp.Do(tab, chromedp.Navigate(site+"host-noscript.html")); err != nil {
			t.Fatal(err)
		}
		waitJS(t, tab, "the embed loads without the host's script", fitJS+` !== null`, nil)
		fit, err = chromedp.Run(tab, chromedp.Evaluate[*embedFit](fitJS))
		if err != nil || fit == nil {
			t.Fatal(err)
		}
		t.Logf("%d px, without the script: a frame %.0f × %.0f, the embed %.0f tall, the drawing ends at %.0f", w, fit.Width, fit.Frame, fit.Content, fit.Drawing)
		if fit.Drawing > fit.Frame {
			t.Errorf("%d px, without the host's script: the drawing ends at %.0f px, below the frame's %.0f: the snippet's height is too short", w, fit.Drawing, fit.Frame)
		}
		if w >= 768 && fit.Scroll > 0 {
			t.Errorf("%d px, without the host's script: the embed (%.0f px) scrolls in its frame (%.0f px): the snippet's height is too short", w, fit.Content, fit.Frame)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// heightAttr is the height attribute of the snippet's frame.
func heightAttr(snippet string) string {
	_, rest, _ := strings.Cut(snippet, `height="`)
	h, _, _ := strings.Cut(rest, `"`)
	return h
}
