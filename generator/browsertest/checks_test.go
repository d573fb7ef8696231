package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// chartInfo is one chart as chartsJS sees it.
type chartInfo struct {
	ID            string   `json:"id"`
	Shown         int      `json:"shown"` // drawings shown: 1 of the wide and the narrow
	Width         float64  `json:"width"`
	Height        float64  `json:"height"`
	Visible       bool     `json:"visible"`
	Desc          string   `json:"desc"`
	Role          string   `json:"role"`
	MissingLabels []string `json:"missingLabels"`
	BoxLeft       float64  `json:"boxLeft"`  // the chart's container, which may scroll
	BoxRight      float64  `json:"boxRight"` //
	LabelPx       float64  `json:"labelPx"`  // the smallest label as drawn, in CSS px
}

// minLabelPx is the smallest a chart label may be drawn: 720-unit-wide
// drawings use 11-unit labels, about 10 px on desktop.
const minLabelPx = 8

func checkCharts(t *testing.T, tab context.Context, l layout, pc pageCase) {
	t.Helper()
	charts, err := chromedp.Run(tab, chromedp.Evaluate[[]chartInfo](chartsJS))
	if err != nil {
		t.Errorf("%s: charts: %v", l.name, err)
		return
	}
	if len(charts) < pc.minCharts {
		t.Errorf("%s: %d charts, want at least %d", l.name, len(charts), pc.minCharts)
	}
	for _, c := range charts {
		if c.Shown != 1 {
			t.Errorf("%s: chart %s shows %d drawings, want 1", l.name, c.ID, c.Shown)
		}
		if !c.Visible || c.Width < 1 || c.Height < 1 {
			t.Errorf("%s: chart %s not visible: %.0f×%.0f px, rendered %v", l.name, c.ID, c.Width, c.Height, c.Visible)
		}
		if c.BoxLeft < 0 || c.BoxRight > float64(l.width) {
			t.Errorf("%s: chart %s's container spans %.0f..%.0f px, outside the %d px viewport", l.name, c.ID, c.BoxLeft, c.BoxRight, l.width)
		}
		if c.LabelPx < minLabelPx {
			t.Errorf("%s: chart %s draws labels %.1f px high, under %d px", l.name, c.ID, c.LabelPx, minLabelPx)
		}
		if c.Desc == "" {
			t.Errorf("%s: chart %s has no <desc>", l.name, c.ID)
		}
		if c.Role != "img" || len(c.MissingLabels) > 0 {
			t.Errorf("%s: chart %s: role %q, aria-labelledby names missing ids %v", l.name, c.ID, c.Role, c.MissingLabels)
		}
	}
}

// overflowInfo is overflowJS's measure.
type overflowInfo struct {
	InnerWidth  float64  `json:"innerWidth"`
	ScrollWidth float64  `json:"scrollWidth"`
	Wide        []string `json:"wide"`
}

// checkOverflow fails when the page scrolls sideways or any element
// reaches past the right edge of the viewport outside a box that scrolls.
func checkOverflow(t *testing.T, tab context.Context, l layout, state string) {
	t.Helper()
	o, err := chromedp.Run(tab, chromedp.Evaluate[overflowInfo](overflowJS))
	if err != nil {
		t.Errorf("%s%s: overflow: %v", l.name, state, err)
		return
	}
	if o.InnerWidth != float64(l.width) {
		t.Errorf("%s%s: innerWidth %.0f, want %d (does the page set a viewport meta tag?)", l.name, state, o.InnerWidth, l.width)
	}
	if o.ScrollWidth > o.InnerWidth {
		t.Errorf("%s%s: the page scrolls sideways: scrollWidth %.0f > innerWidth %.0f", l.name, state, o.ScrollWidth, o.InnerWidth)
	}
	if len(o.Wide) > 0 {
		t.Errorf("%s%s: past the right edge (%.0f px), outside any scroll box: %s", l.name, state, o.InnerWidth, strings.Join(o.Wide, ", "))
	}
}

// headerInfo is headerJS's measure.
type headerInfo struct {
	Lines int      `json:"lines"`
	Rows  []string `json:"rows"`
}

// checkHeader fails when the site header's title and links take more than
// maxHeaderLines lines.
func checkHeader(t *testing.T, tab context.Context, l layout) {
	t.Helper()
	h, err := chromedp.Run(tab, chromedp.Evaluate[headerInfo](headerJS))
	if err != nil {
		t.Errorf("%s: header: %v", l.name, err)
		return
	}
	if h.Lines < 1 || h.Lines > maxHeaderLines {
		t.Errorf("%s: the header takes %d lines, want 1 to %d: %s", l.name, h.Lines, maxHeaderLines, strings.Join(h.Rows, " | "))
	}
}

// maxHeadingLeading is the most a heading's line height may be, as a
// multiple of its font size, when the heading wraps: the body's leading
// (1.65) pulls a heading's lines apart until they read as separate lines.
const maxHeadingLeading = 1.35

// minTextLeading is the least a line height may be, as a multiple of the
// font size, in text other than headings that wraps: "normal" (about 1.16
// for DejaVu Sans, what a font shorthand without a line height sets) packs
// a byline's second line against its first.
const minTextLeading = 1.3

// lineCountJS is a JavaScript function that counts the lines of a Range:
// its boxes merged where they overlap vertically (a year and its smaller
// count, or a link padded to a 24 px target and the text beside it, share
// a line but not a bottom).
const lineCountJS = `(r) => {
    let lines = 0, bottom = -Infinity;
    for (const b of [...r.getClientRects()].filter((b) => b.width > 0).sort((x, y) => x.top - y.top)) {
      if (b.top >= bottom - 1) lines++, bottom = b.bottom;
      else bottom = Math.max(bottom, b.bottom);
    }
    return lines;
  }`

// splitDatesJS lists the dates (time elements) the browser broke across
// lines though they fit on one line of their box: "12" at the end of one
// line, "Feb 2024" at the start of the next. → []string
var splitDatesJS = `(() => {
  const lineCount = ` + lineCountJS + `;
  return [...document.querySelectorAll("time")].flatMap((t) => {
    const r = document.createRange();
    r.selectNodeContents(t);
    const n = lineCount(r);
    if (n < 2) return [];
    let box = t.parentElement;
    while (box && getComputedStyle(box).display.startsWith("inline")) box = box.parentElement;
    const cs = getComputedStyle(box), room = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const saved = t.style.whiteSpace;
    t.style.whiteSpace = "nowrap";
    const width = t.getBoundingClientRect().width;
    t.style.whiteSpace = saved;
    return width <= room ? [JSON.stringify(t.textContent) + " (" + Math.round(width) + " px, in ." + (t.closest("[class]") || t).className + ", " + Math.round(room) + " px wide) on " + n + " lines"] : [];
  });
})()`

// checkDates fails when a date that fits on a line of its box is broken
// across lines.
func checkDates(t *testing.T, tab context.Context, l layout, state string) {
	t.Helper()
	split, err := chromedp.Run(tab, chromedp.Evaluate[[]string](splitDatesJS))
	if err != nil {
		t.Errorf("%s%s: dates: %v", l.name, state, err)
		return
	}
	for _, d := range split {
		t.Errorf("%s%s: the date %s: a date reads on one line", l.name, state, d)
	}
}

// leadingJS lists the rendered headings (h1 to h4) that take two lines
// or more with a line height over maxHeadingLeading times their font
// size, and the paragraphs of prose whose height is not a whole number of
// their line height: a line that something inline (a footnote's raised
// mark) pushed away from the one above, and the other blocks whose own
// text wraps with a line height under minTextLeading times their font
// size. → []string
var leadingJS = `(() => {
  const name = (e) => e.tagName.toLowerCase() + (e.className ? "." + e.className.split(" ").join(".") : "") + " " + JSON.stringify(e.textContent.trim().slice(0, 40));
  const lineCount = ` + lineCountJS + `;
  const out = [...document.querySelectorAll("h1, h2, h3, h4")].flatMap((h) => {
    const r = document.createRange();
    r.selectNodeContents(h);
    const lines = lineCount(r);
    const cs = getComputedStyle(h), ratio = parseFloat(cs.lineHeight) / parseFloat(cs.fontSize);
    if (lines < 2 || !(ratio > ` + fmt.Sprint(maxHeadingLeading) + `)) return [];
    return [name(h) + ": " + lines + " lines " + cs.lineHeight + " apart at " + cs.fontSize + " (" + ratio.toFixed(2) + "), want at most ` + fmt.Sprint(maxHeadingLeading) + ` times the font size"];
  });
  for (const p of document.querySelectorAll(".prose p")) {
    if (!p.getClientRects().length) continue;
    const cs = getComputedStyle(p), lh = parseFloat(cs.lineHeight);
    const h = p.getBoundingClientRect().height - ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"].reduce((s, k) => s + parseFloat(cs[k]), 0);
    const n = Math.round(h / lh);
    if (Math.abs(h - n * lh) > 1) out.push(name(p) + ": " + h.toFixed(1) + " px high, " + n + " lines of " + cs.lineHeight + ": a line in it is pushed apart");
  }
  for (const e of document.querySelectorAll("body *")) {
    if (/^h[1-6]$/i.test(e.tagName) || e.closest("svg, h1, h2, h3, h4, h5, h6")) continue;
    const cs = getComputedStyle(e);
    if (!["block", "list-item", "flex", "grid", "table-cell"].includes(cs.display)) continue;
    if (![...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.data.trim())) continue;
    const r = document.createRange();
    r.selectNodeContents(e);
    const lines = lineCount(r);
    const ratio = parseFloat(cs.lineHeight) / parseFloat(cs.fontSize);
    if (lines >= 2 && !(ratio >= ` + fmt.Sprint(minTextLeading) + `)) out.push(name(e) + ": " + lines + " lines " + cs.lineHeight + " apart at " + cs.fontSize + ", want at least ` + fmt.Sprint(minTextLeading) + ` times the font size");
  }
  return out;
})()`

// checkLeading fails when a heading that wraps has its lines further
// apart than maxHeadingLeading times its font size, a paragraph of prose
// has a line pushed away from the others, or other text that wraps has
// its lines closer than minTextLeading times its font size (leadingJS).
func checkLeading(t *testing.T, tab context.Context, l layout) {
	t.Helper()
	loose, err := chromedp.Run(tab, chromedp.Evaluate[[]string](leadingJS))
	if err != nil {
		t.Errorf("%s: leading: %v", l.name, err)
		return
	}
	for _, h := range loose {
		t.Errorf("%s: %s", l.name, h)
	}
}

// cardRowsJS lists the rows of cards (.cards > .card, grouped by their
// top) whose cards end at different heights (their rules step from one
// card to the next), and a home page's masthead whose rule ends left or
// right of the cards under it. → []string
const cardRowsJS = `(() => {
  const rows = new Map();
  for (const c of document.querySelectorAll(".cards > .card")) {
    const r = c.getBoundingClientRect();
    if (!r.height) continue;
    const top = Math.round(r.top + scrollY);
    if (!rows.has(top)) rows.set(top, []);
    rows.get(top).push(Math.round((r.bottom + scrollY) * 10) / 10);
  }
  const out = [...rows].filter(([, b]) => b.length > 1 && Math.max(...b) - Math.min(...b) > 1)
    .map(([top, b]) => "the cards of the row at y=" + top + " end at y=" + b.join(", "));
  const cards = [...document.querySelectorAll(".cards > .card")].map((c) => c.getBoundingClientRect().right);
  const mast = document.querySelector(".masthead");
  if (mast && cards.length && Math.abs(mast.getBoundingClientRect().right - Math.max(...cards)) > 1) {
    out.push("the masthead's rule ends at x=" + Math.round(mast.getBoundingClientRect().right) + ", the cards under it at x=" + Math.round(Math.max(...cards)));
  }
  return out;
})()`

// checkCards fails when cards side by side end at different heights, when
// the masthead's rule is wider or narrower than the cards, or when a card's
// chart is not the drawing for its width or renders too small to read.
func checkCards(t *testing.T, tab context.Context, l layout) {
	t.Helper()
	rows, err := chromedp.Run(tab, chromedp.Evaluate[[]string](cardRowsJS))
	if err != nil {
		t.Errorf("%s: cards: %v", l.name, err)
		return
	}
	for _, r := range rows {
		t.Errorf("%s: %s: cards and the rules above and between them must line up", l.name, r)
	}
	imgs, err := chromedp.Run(tab, chromedp.Evaluate[[]cardImage](cardImagesJS))
	if err != nil {
		t.Errorf("%s: card charts: %v", l.name, err)
		return
	}
	for _, c := range imgs {
		narrow := strings.HasSuffix(c.Src, ".narrow.png")
		if want := l.width < cardsWide; narrow != want {
			t.Errorf("%s: a card shows %s: want the chart's %s drawing below %d px, the wide one above", l.name, c.Src, map[bool]string{true: "narrow", false: "wide"}[want], cardsWide)
		}
		// The PNG is drawn at pngScale pixels per CSS px of its drawing.
		if scale := c.Width / (c.Natural / pngScale); c.Natural == 0 || scale < minCardScale {
			t.Errorf("%s: a card shows %s at %.0f px, %.2f of the width it was drawn for: its labels are too small to read (want ≥ %.2f)", l.name, c.Src, c.Width, scale, minCardScale)
		}
	}
}

// A card's chart is a PNG copy drawn at pngScale pixels per CSS px; below
// cardsWide CSS px (the 60rem of the two columns of cards) the card shows
// the narrow drawing, drawn for a phone. Either way it must render at
// minCardScale of the size it was drawn for at least, or its labels
// (11 px as drawn) shrink under 7.5 px.
const (
	pngScale     = 2
	cardsWide    = 960
	minCardScale = 0.68
)

// cardImage is one card's chart as cardImagesJS sees it.
type cardImage struct {
	Src     string  `json:"src"`
	Width   float64 `json:"width"`
	Natural float64 `json:"natural"`
}

// cardImagesJS lists the charts of the cards: the file the browser chose,
// the width it renders at and the PNG's width in pixels. → []cardImage
const cardImagesJS = `[...document.querySelectorAll(".card__chart img")].map((i) => ({src: i.currentSrc, width: i.getBoundingClientRect().width, natural: i.naturalWidth}))`

// tableInfo is one table as tablesJS sees it.
type tableInfo struct {
	Where      string  `json:"where"`
	Width      float64 `json:"width"`
	Right      float64 `json:"right"`
	Box        string  `json:"box"` // the nearest ancestor that does not let it overflow, "" for none
	BoxRight   float64 `json:"boxRight"`
	Scrolls    bool    `json:"scrolls"`    // the box's content is wider than the box
	Scrollable bool    `json:"scrollable"` // the box's overflow-x is auto or scroll
	Cue        bool    `json:"cue"`        // the box's background scrolls with its content (the edge shadows)
	Focusable  bool    `json:"focusable"`
}

// checkTables fails when a table is cut off: wider than its box without
// the box scrolling, or in a box that scrolls with no cue at its edges or
// no way to scroll it from the keyboard.
func checkTables(t *testing.T, tab context.Context, l layout) {
	t.Helper()
	tables, err := chromedp.Run(tab, chromedp.Evaluate[[]tableInfo](tablesJS))
	if err != nil {
		t.Errorf("%s: tables: %v", l.name, err)
		return
	}
	for _, tb := range tables {
		switch {
		case tb.Box == "" && tb.Right > float64(l.width)+0.5:
			t.Errorf("%s: table %s (%.0f px wide) reaches %.0f px, past the %d px viewport", l.name, tb.Where, tb.Width, tb.Right, l.width)
		case tb.Box != "" && tb.Scrolls && !tb.Scrollable:
			t.Errorf("%s: table %s (%.0f px wide) is clipped by %s, which does not scroll", l.name, tb.Where, tb.Width, tb.Box)
		case tb.Scrolls && !tb.Cue:
			t.Errorf("%s: table %s (%.0f px wide) scrolls in %s with no cue at its edges", l.name, tb.Where, tb.Width, tb.Box)
		case tb.Scrolls && !tb.Focusable:
			t.Errorf("%s: table %s scrolls in %s, which the keyboard cannot reach", l.name, tb.Where, tb.Box)
		}
	}
	steps, err := chromedp.Run(tab, chromedp.Evaluate[[]string](rowRulesJS))
	if err != nil {
		t.Errorf("%s: tables' rules: %v", l.name, err)
		return
	}
	for _, s := range steps {
		t.Errorf("%s: %s: a row's rule must run level and even under all its cells", l.name, s)
	}
}

// rowRulesJS lists the first row of each table body whose cells (row
// head included) do not share one bottom border: a rule that steps in
// weight or colour from one cell to the next. → []string
const rowRulesJS = `[...document.querySelectorAll("table")].flatMap((tb, i) => {
  for (const tr of tb.querySelectorAll("tbody tr")) {
    const rules = [...tr.cells].filter((c) => c.getClientRects().length).map((c) => {
      const cs = getComputedStyle(c);
      return c.tagName.toLowerCase() + " " + cs.borderBottomWidth + " " + cs.borderBottomStyle + " " + cs.borderBottomColor;
    });
    const kinds = new Set(rules.map((r) => r.slice(r.indexOf(" ") + 1)));
    if (kinds.size > 1) return ["table " + (i + 1) + " (" + (tb.closest("figure") ? "figure " + tb.closest("figure").id : "prose") + "), row " + JSON.stringify(tr.cells[0].textContent.trim()) + ": " + [...new Set(rules)].join(", ")];
  }
  return [];
})`

// readmeShots are the pages of the README's screenshots (docs/), each with
// the element to scroll to the top of the view ("" for none).
var readmeShots = map[string]string{"home": "", "article": ".prose h2", "tickers": "", "ticker": ""}

// saveReadmeShot saves what a reader sees of the tab with the element at
// (a CSS selector, or "" for the top of the page) at the top of the view,
// then scrolls back to the top.
func saveReadmeShot(t *testing.T, tab context.Context, l layout, at, file string) {
	t.Helper()
	scroll := fmt.Sprintf(`(() => {
  document.documentElement.style.scrollBehavior = "auto";
  const el = %s && document.querySelector(%s);
  window.scrollTo(0, el ? el.getBoundingClientRect().top + window.scrollY - 16 : 0);
  return window.scrollY;
})()`, jsString(at), jsString(at))
	if _, err := chromedp.Run(tab, chromedp.Evaluate[float64](scroll)); err != nil {
		t.Errorf("%s: scrolling to %q: %v", l.name, at, err)
		return
	}
	shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("%s: screenshot: %v", l.name, err)
	} else if err := os.WriteFile(file, shot, 0o644); err != nil {
		t.Errorf("%s: saving the screenshot: %v", l.name, err)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[float64](`window.scrollTo(0, 0); document.documentElement.style.scrollBehavior = ""; window.scrollY`)); err != nil {
		t.Errorf("%s: scrolling back: %v", l.name, err)
	}
}

// colorSample is one foreground color and the backgrounds behind it.
type colorSample struct {
	What   string   `json:"what"`
	Text   string   `json:"text"`
	Color  string   `json:"color"`
	BG     []string `json:"bg"`
	Size   float64  `json:"size"`
	Weight float64  `json:"weight"`
}

// colorInfo is colorsJS's harvest.
type colorInfo struct {
	Body    colorSample   `json:"body"`
	Text    []colorSample `json:"text"`
	SVGText []colorSample `json:"svgText"`
	Series  []colorSample `json:"series"`
	Fields  []colorSample `json:"fields"`
}

// checkColors computes the contrast of every text, chart label, chart line
// and text field's edge against what is behind it, and reports the lowest
// of each kind.
func checkColors(t *testing.T, tab context.Context, l layout, report *summary, page string) {
	t.Helper()
	info, err := chromedp.Run(tab, chromedp.Evaluate[colorInfo](colorsJS))
	if err != nil {
		t.Errorf("%s: colors: %v", l.name, err)
		return
	}
	canvas := rgba{255, 255, 255, 1}
	if l.dark {
		canvas = rgba{18, 18, 18, 1}
	}
	// lowest checks each sample against its minimum and returns the lowest ratio.
	lowest := func(kind string, samples []colorSample, min func(colorSample) float64) (float64, string) {
		low, at := 21.0, ""
		for _, s := range samples {
			fg, err := parseColor(s.Color)
			if err != nil {
				t.Errorf("%s: %s %s: %v", l.name, kind, s.What, err)
				continue
			}
			bg, err := background(s.BG, canvas)
			if err != nil {
				t.Errorf("%s: %s %s: %v", l.name, kind, s.What, err)
				continue
			}
			c := contrast(fg, bg)
			if c < min(s) {
				t.Errorf("%s: %s %s %q: contrast %.2f < %.1f (%s on %s)", l.name, kind, s.What, s.Text, c, min(s), s.Color, fmtColor(bg))
			}
			if c < low {
				low, at = c, s.What
			}
		}
		return low, at
	}
	textMin := func(s colorSample) float64 {
		if largeText(s.Size, s.Weight) {
			return minLargeText
		}
		return minText
	}
	body, _ := lowest("body text", []colorSample{info.Body}, textMin)
	text, textAt := lowest("text", info.Text, textMin)
	line := fmt.Sprintf("%-9s %-12s body %.2f, lowest text %.2f (%s)", page, l.name, body, text, textAt)
	// A field's edge is what shows where to type (non-text contrast).
	if len(info.Fields) > 0 {
		fields, fieldsAt := lowest("text field's edge", info.Fields, func(colorSample) float64 { return minGraphics })
		line += fmt.Sprintf(", field edges %.2f (%s)", fields, fieldsAt)
	}
	if len(info.SVGText) > 0 {
		labels, labelsAt := lowest("chart label", info.SVGText, func(colorSample) float64 { return minText })
		series, seriesAt := lowest("chart line", info.Series, func(colorSample) float64 { return minGraphics })
		line += fmt.Sprintf(", chart labels %.2f (%s), chart lines %.2f (%s)", labels, labelsAt, series, seriesAt)
	}
	// The log shows the narrowest and the widest layout; every layout is
	// checked.
	if l.width == smallPhoneWidth || l.width == desktopWidth {
		report.addContrast(line)
	}
}

func fmtColor(c rgba) string {
	return fmt.Sprintf("rgb(%.0f, %.0f, %.0f)", c.R, c.G, c.B)
}

// focusLook is how an element looks in one state.
type focusLook struct {
	Outline      string  `json:"outline"`
	OutlineWidth float64 `json:"outlineWidth"`
	OutlineStyle string  `json:"outlineStyle"`
	OutlineColor string  `json:"outlineColor"`
	Shadow       string  `json:"shadow"`
	BG           string  `json:"bg"`
	Color        string  `json:"color"`
}

// focusInfo is focusJS's answer.
type focusInfo struct {
	Tag     string    `json:"tag"`
	Text    string    `json:"text"`
	Focused focusLook `json:"focused"`
	Plain   focusLook `json:"plain"`
	BG      []string  `json:"bg"`
	InView  bool      `json:"inView"`
}

// checkFocus presses Tab three times from the top of the page; each focused
// element must be in view and show an outline or shadow it does not have
// unfocused, in a color that stands out from the page (3:1).
func checkFocus(t *testing.T, tab context.Context, l layout) {
	t.Helper()
	for i := 1; i <= 3; i++ {
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Errorf("%s: pressing Tab: %v", l.name, err)
			return
		}
		f, err := chromedp.Run(tab, chromedp.Evaluate[focusInfo](focusJS))
		if err != nil {
			t.Errorf("%s: focus: %v", l.name, err)
			return
		}
		if f.Tag == "body" {
			t.Errorf("%s: Tab %d focused nothing", l.name, i)
			continue
		}
		who := fmt.Sprintf("Tab %d on <%s> %q", i, f.Tag, f.Text)
		if !f.InView {
			t.Errorf("%s: %s: the focused element is out of view", l.name, who)
		}
		ring := f.Focused.OutlineStyle != "none" && f.Focused.OutlineWidth >= 1 && f.Focused.Outline != f.Plain.Outline
		shadow := f.Focused.Shadow != "none" && f.Focused.Shadow != f.Plain.Shadow
		if !ring && !shadow {
			t.Errorf("%s: %s: no visible focus indicator (focused outline %q shadow %q; unfocused outline %q shadow %q)",
				l.name, who, f.Focused.Outline, f.Focused.Shadow, f.Plain.Outline, f.Plain.Shadow)
			continue
		}
		if ring {
			fg, err1 := parseColor(f.Focused.OutlineColor)
			bg, err2 := background(f.BG, rgba{255, 255, 255, 1})
			if err := errors.Join(err1, err2); err != nil {
				t.Errorf("%s: %s: %v", l.name, who, err)
			} else if c := contrast(fg, bg); c < minGraphics {
				t.Errorf("%s: %s: focus outline %s has contrast %.2f < %.0f against %s", l.name, who, f.Focused.OutlineColor, c, float64(minGraphics), fmtColor(bg))
			}
		}
	}
}

// axeViolation is one failed axe-core rule on a page, or one it could not
// decide (Review: axe-core's "incomplete", which asks a person to look).
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Review bool   `json:"review"`
	Count  int    `json:"count"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// checkAxe injects axe-core, runs it with options (axeAll or axeColors),
// and fails on serious or critical violations, and on serious or critical
// results axe-core could not decide (the test is the person who looks:
// what it cannot settle must be made unambiguous); milder ones are logged.
func checkAxe(t *testing.T, tab context.Context, l layout, options string, report *summary) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		t.Errorf("%s: injecting axe-core: %v", l.name, err)
		return
	}
	vs, err := chromedp.Run(tab, chromedp.Evaluate[[]axeViolation](fmt.Sprintf(axeRunJS, options), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Errorf("%s: running axe-core: %v", l.name, err)
		return
	}
	report.addAxe(vs)
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, n.Target+": "+n.Summary)
		}
		what := "axe"
		if v.Review {
			what = "axe (needs review)"
		}
		msg := fmt.Sprintf("%s: %s %s %s (%s) on %d elements: %s", l.name, what, v.Impact, v.ID, v.Help, v.Count, strings.Join(where, " | "))
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always encodes
	return string(b)
}
