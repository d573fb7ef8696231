package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"time"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"github.com/wcharczuk/go-chart/v2/roboto"
	"golang.org/x/image/font"
)

// Renderer draws charts as SVG and PNG. It holds the parsed font and a
// cache of font faces, so a build worker makes one with NewRenderer and
// keeps it. A Renderer is not safe for concurrent use: give each worker its
// own. Its output does not depend on what it rendered before.
type Renderer struct {
	font    *truetype.Font
	fontErr error
	faces   map[float64]font.Face
	widths  map[widthKey]int
	svg     svgCanvas
	// imgs are the last PNGs' raster images, painted over by the next PNG
	// of the same size: a new one costs a page fault per 4 KB. A chart
	// draws a wide PNG and a narrow one, of two sizes, so two are kept
	// (one left a new image for every PNG: 5% of a chart build).
	imgs [2]*image.RGBA
}

// widthKey is a measured string at a size.
type widthKey struct {
	size float64
	s    string
}

// room returns the width to leave for text measured w wide (with Roboto,
// see measure) where it is laid out next to other text: legend items on a
// row, values in heatmap cells, labels of marks and reference lines, panel
// titles. The browser draws it in the reader's system font, which may be
// wider: DejaVu Sans, Linux's usual sans-serif, is up to 15% wider than
// Roboto on words and figures, and a pixel more on short strings for
// rounding; room adds a fifth and 2 px.
func room(w int) int { return w + w/5 + 2 }

// roomFor is room of the width of s at size.
func (r *Renderer) roomFor(s string, size float64) int {
	if s == "" {
		return 0
	}
	return room(r.measure(s, size))
}

// maxWidths bounds the cache of measured strings.
const maxWidths = 4096

// NewRenderer returns a Renderer with go-chart's embedded Roboto font parsed
// for it alone (go-chart's shared GetDefaultFont is never called).
func NewRenderer() *Renderer {
	f, err := truetype.Parse(roboto.Roboto)
	if err != nil {
		err = fmt.Errorf("chart: parsing the embedded font: %w", err)
	}
	return &Renderer{font: f, fontErr: err, faces: make(map[float64]font.Face), widths: make(map[widthKey]int)}
}

// maxFaces bounds the face cache; PNG scales add sizes.
const maxFaces = 32

// measure returns the width in pixels of s at size pixels.
func (r *Renderer) measure(s string, size float64) int {
	if size <= 0 || r.font == nil || s == "" {
		return 0
	}
	key := widthKey{size, s}
	if w, ok := r.widths[key]; ok {
		return w
	}
	if len(r.widths) >= maxWidths {
		clear(r.widths)
	}
	w := font.MeasureString(r.face(size), s).Ceil()
	r.widths[key] = w
	return w
}

// face returns the Renderer's face of its font at size px, which measures
// text and draws it in PNGs, keeping each glyph's mask once drawn.
func (r *Renderer) face(size float64) font.Face {
	face, ok := r.faces[size]
	if !ok {
		if len(r.faces) >= maxFaces {
			clear(r.faces)
		}
		face = truetype.NewFace(r.font, &truetype.Options{Size: size, DPI: 72})
		r.faces[size] = face
	}
	return face
}

// SVG renders c as a standalone SVG document that scales to its container
// (see the package documentation for what it contains).
func (r *Renderer) SVG(c Chart) (out []byte, err error) {
	if err := r.check(c); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("chart: drawing %q: go-chart panicked: %v", c.Title, p)
		}
	}()
	l := r.layout(c, false)
	sv := &r.svg
	sv.reset(r, l.w, l.h, svgTitle(c), describe(c, l), c.Narrow)
	var buf bytes.Buffer
	gc := r.goChart(c, l)
	if err := gc.Render(func(int, int) (gochart.Renderer, error) { return sv, nil }, &buf); err != nil {
		return nil, fmt.Errorf("chart: drawing %q: %w", c.Title, err)
	}
	return buf.Bytes(), nil
}

// PNG renders c as a PNG image on a white background, scale device pixels
// per CSS pixel (0 means 1; at most 4). Unlike the SVG, the PNG carries the
// title and subtitle above the chart and the Footer below it, so it stands
// alone in feeds and social cards; its height grows by theirs. The PNG of the
// narrow drawing (c.Narrow) is for email, which phones show about 300 px
// wide: its text is scaled as the narrow SVG's is.
func (r *Renderer) PNG(c Chart, scale float64) ([]byte, error) {
	img, err := r.image(c, scale)
	if err != nil {
		return nil, err
	}
	b, err := encodePNG(img)
	if err != nil {
		return nil, fmt.Errorf("chart: encoding %q: %w", c.Title, err)
	}
	return b, nil
}

// image draws what PNG encodes, on the Renderer's image: it is valid until
// the next PNG.
func (r *Renderer) image(c Chart, scale float64) (img *image.RGBA, err error) {
	if scale == 0 {
		scale = 1
	}
	if !(scale >= 0.25 && scale <= 4) {
		return nil, fmt.Errorf("chart: png scale %g out of range [0.25, 4]", scale)
	}
	if err := r.check(c); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("chart: drawing %q: go-chart panicked: %v", c.Title, p)
		}
	}()
	l := r.layout(c, true)
	w, h := int(math.Round(float64(l.w)*scale)), int(math.Round(float64(l.h)*scale))
	// The image of this size first, else the one used longer ago.
	if r.imgs[0] == nil || r.imgs[0].Rect != image.Rect(0, 0, w, h) {
		r.imgs[0], r.imgs[1] = r.imgs[1], r.imgs[0]
	}
	rr, err := newRaster(r.imgs[0], w, h)
	if err != nil {
		return nil, fmt.Errorf("chart: drawing %q: %w", c.Title, err)
	}
	pc := &pngCanvas{r: rr, m: r, s: scale}
	gc := r.goChart(c, l)
	if err := gc.Render(func(int, int) (gochart.Renderer, error) { return pc, nil }, io.Discard); err != nil {
		return nil, fmt.Errorf("chart: drawing %q: %w", c.Title, err)
	}
	r.imgs[0] = rr.img
	return rr.img, nil
}

func (r *Renderer) check(c Chart) error {
	if r == nil || r.font == nil {
		if r != nil && r.fontErr != nil {
			return r.fontErr
		}
		return errors.New("chart: renderer not made with NewRenderer")
	}
	return Validate(c)
}

func svgTitle(c Chart) string {
	if c.Title != "" {
		return c.Title
	}
	return "Chart"
}

// Sizes in CSS pixels.
const (
	margin       = 10
	axisFont     = 11.0
	legendFont   = 12.0
	noteFont     = 11.0
	titleFont    = 17.0
	subtitleFont = 13.0
	legendRow    = 18
	legendGap    = 18
	swatchW      = 16
	tickLen      = 4
	labelGap     = 7
)

// wideLegendRows is how many rows of legend a wide drawing holds within
// its height; each row past them makes the drawing taller by the row.
const wideLegendRows = 2

// Light palette of text and lines; the SVG style sheet switches them in dark
// mode.
var (
	colLabel    = drawing.Color{R: 0x59, G: 0x59, B: 0x59, A: 255}
	colLegend   = drawing.Color{R: 0x26, G: 0x26, B: 0x26, A: 255}
	colNote     = drawing.Color{R: 0x6b, G: 0x6b, B: 0x6b, A: 255}
	colTitle    = drawing.Color{R: 0x11, G: 0x11, B: 0x11, A: 255}
	colSubtitle = drawing.Color{R: 0x4d, G: 0x4d, B: 0x4d, A: 255}
	colGrid     = drawing.Color{R: 0xe3, G: 0xe3, B: 0xe3, A: 255}
	colAxis     = drawing.Color{R: 0x8c, G: 0x8c, B: 0x8c, A: 255}
	colZero     = drawing.Color{R: 0x9e, G: 0x9e, B: 0x9e, A: 255}
	colRef      = drawing.Color{R: 0x5c, G: 0x5c, B: 0x5c, A: 255}
	colMark     = drawing.Color{R: 0x8c, G: 0x8c, B: 0x8c, A: 255}
)

// palette is the Okabe–Ito colour-blind-safe palette without its black
// (invisible in dark mode), its orange, sky blue, reddish purple and yellow
// darkened to the same hues so that every colour has a contrast of 3:1 at
// least with the page's light background (#fdfcf9) and its dark one
// (#15171b), as WCAG asks of a chart's lines (SC 1.4.11): the series keep
// their colours in dark mode. TestPaletteContrast checks it.
var palette = [...]drawing.Color{
	{R: 0x00, G: 0x72, B: 0xB2, A: 255}, // blue
	{R: 0xD5, G: 0x5E, B: 0x00, A: 255}, // vermillion
	{R: 0x00, G: 0x9E, B: 0x73, A: 255}, // bluish green
	{R: 0xB0, G: 0x7A, B: 0x00, A: 255}, // orange, darkened (was #E69F00, 2.2:1 on light)
	{R: 0x2F, G: 0x8F, B: 0xCB, A: 255}, // sky blue, darkened (was #56B4E9, 2.3:1)
	{R: 0xBD, G: 0x6A, B: 0x99, A: 255}, // reddish purple, darkened (was #CC79A7, 3.0:1)
	{R: 0x8A, G: 0x7D, B: 0x00, A: 255}, // yellow, darkened to olive (was #F0E442, 1.3:1)
}

// seriesColor is the colour of series i of c.
func seriesColor(c Chart, i int) drawing.Color {
	if rgb, err := parseColor(c.Series[i].Color); err == nil {
		return drawing.Color{R: rgb[0], G: rgb[1], B: rgb[2], A: 255}
	}
	return palette[i%len(palette)]
}

// dashes are the strokes of the palette's rounds: the first round of
// series is drawn solid, the second dashed, the third dotted, the fourth
// dash-dotted, the fifth on as the second on, so that a line chart of more
// series than colours never draws two lines alike but for their data
// (their colours and strokes repeat together after 28 series).
var dashes = [...][]float64{nil, {7, 4}, {2, 3}, {9, 3, 2, 3}}

// seriesDash is the dash pattern of line series i of c (nil: solid): that
// of its palette colour's round, none for a colour the spec gives.
func seriesDash(c Chart, i int) []float64 {
	if c.Series[i].Color != "" {
		return nil
	}
	round := i / len(palette)
	if round == 0 {
		return nil
	}
	return dashes[1+(round-1)%(len(dashes)-1)]
}

// textLine is one line of text placed by the layout.
type textLine struct {
	text   string
	x, y   int
	anchor int
	size   float64
	class  string
	color  drawing.Color
}

type legendItem struct {
	series int
	x, y   int // swatch left, text baseline of the first line
	label  string
	lines  []string // the label, wrapped when wider than a row
}

// maxLegendLines is the most lines a legend's label takes.
const maxLegendLines = 3

// axisScale is a y range with its ticks.
type axisScale struct {
	r     gochart.Range
	ticks []tick
	used  bool
}

// layout is where everything goes, in CSS pixels.
type layout struct {
	w, h   int
	typ    string
	header []textLine
	footer []textLine // a PNG's Footer, below the chart
	legend []legendItem
	note   textLine
	plot   gochart.Box
	x      *linRange
	xticks []tick
	left   axisScale
	right  axisScale
	slot   float64    // bar charts: the x distance between bars, in seconds
	vmarks []vmark    // vertical marks: the date marks, or a histogram's markers
	stack  *stack     // a stacked chart's series, stacked
	hist   *histogram // a histogram's bins
	heat   *heatGrid  // a heatmap's grid
	panels *panelGrid // small multiples' grid
	annots []textLine // labels of reference lines and marks (placeAnnotations)
	key    []textLine // the key of the labels left out of the plot

	// ts is the text scale (see textScale): font sizes, and the gaps
	// measured in text, are their base sizes times ts.
	ts                             float64
	axisSize, legendSize, noteSize float64
}

// px scales a gap of n CSS pixels at the base text size by the text scale.
func (l *layout) px(n int) int { return int(math.Round(float64(n) * l.ts)) }

// textScale is how much larger than its base size text is drawn in the SVG
// of a drawing w units wide, so that it renders at least MinText CSS px at
// the narrowest container it is shown in: NarrowBelow px for the wide
// drawing, narrowMin px for the narrow one. The wide drawing's PNG, shown
// at its own size, keeps the base sizes (scale 1); the narrow one's, shown
// as wide as a phone's email leaves it, is scaled as its SVG is.
func textScale(w int, narrow, png bool) float64 {
	if png && !narrow {
		return 1
	}
	shownFrom := float64(NarrowBelow)
	if narrow {
		shownFrom = narrowMin
	}
	return max(1, float64(w)*MinText/(shownFrom*axisFont))
}

// scaledFont is size times ts, rounded up to a tenth so that SVG numbers
// stay short and the text never comes out smaller than asked.
func scaledFont(size, ts float64) float64 {
	return math.Ceil(size*ts*10-1e-9) / 10
}

// narrowHeight is the height of the narrow drawing of a chart drawn w×h:
// the same height scaled to NarrowWidth, times narrowAspect, so a phone's
// chart is taller for its width than a desktop's.
func narrowHeight(w, h int) int {
	return max(MinSize, int(math.Round(float64(h)*NarrowWidth/float64(w)*narrowAspect)))
}

// layout places everything of c; a PNG gets the header above (layoutBody)
// and the footer below, which adds to its height.
func (r *Renderer) layout(c Chart, png bool) *layout {
	l := r.layoutBody(c, png)
	if !png || c.Footer == "" {
		return l
	}
	y := l.h - margin/2
	for _, line := range wrapHead(c.Footer, l.w-2*margin, maxHeadLines, func(s string) int { return r.measure(s, l.noteSize) }) {
		y += int(math.Round(l.noteSize)) + 4
		l.footer = append(l.footer, textLine{text: line, x: margin, y: y, size: l.noteSize, class: "ts-note", color: colNote})
	}
	if len(l.footer) > 0 {
		l.h = y + margin
	}
	return l
}

func (r *Renderer) layoutBody(c Chart, png bool) *layout {
	l := &layout{w: c.Width, h: c.Height, typ: c.Type}
	if l.w == 0 {
		l.w = DefaultWidth
	}
	if l.h == 0 {
		l.h = DefaultHeight
	}
	if c.Narrow {
		l.w, l.h = NarrowWidth, narrowHeight(l.w, l.h)
	}
	if l.typ == "" {
		l.typ = TypeLine
	}
	switch {
	case isStacked(l.typ):
		l.stack = stackOf(c)
	case l.typ == TypeHistogram:
		h := histogramOf(c)
		l.hist = &h
	}
	l.ts = textScale(l.w, c.Narrow, png)
	l.axisSize, l.legendSize, l.noteSize = scaledFont(axisFont, l.ts), scaledFont(legendFont, l.ts), scaledFont(noteFont, l.ts)
	y := margin
	if png {
		for _, line := range wrapHead(c.Title, l.w-2*margin, maxHeadLines, func(s string) int { return r.measure(s, titleFont) }) {
			y += int(titleFont)
			l.header = append(l.header, textLine{text: line, x: margin, y: y, size: titleFont, color: colTitle})
			y += 5
		}
		for _, line := range wrapHead(c.Subtitle, l.w-2*margin, maxHeadLines, func(s string) int { return r.measure(s, subtitleFont) }) {
			y += int(subtitleFont)
			l.header = append(l.header, textLine{text: line, x: margin, y: y, size: subtitleFont, color: colSubtitle})
			y += 5
		}
		if len(l.header) > 0 {
			y += 8
			l.h += y - margin
		}
	}

	if l.typ == TypeHeatmap {
		r.heatLayout(c, l, y)
		return l
	}
	// Legend, wrapped in rows, when there is more than one series or a
	// labelled band.
	if items := legendEntries(c); len(items) > 0 {
		top := y
		x, row := margin, 0
		rowH := l.px(legendRow)
		// Items go side by side on a row, and a label wider than a row
		// wraps onto rows of its own, each given room for a browser font
		// wider than the one measured.
		textW := l.w - 2*margin - l.px(swatchW+6)
		measure := func(s string) int { return r.roomFor(s, l.legendSize) }
		for _, it := range items {
			w := l.px(swatchW+6) + measure(it.label)
			it.lines = []string{it.label}
			if measure(it.label) > textW {
				it.lines = wrapHead(it.label, textW, maxLegendLines, measure)
			}
			if x > margin && (x+w > l.w-margin || len(it.lines) > 1) {
				x, row = margin, row+1
			}
			it.x, it.y = x, y+row*rowH+int(math.Round(l.legendSize))
			l.legend = append(l.legend, it)
			x += w + l.px(legendGap)
			if len(it.lines) > 1 {
				x, row = l.w, row+len(it.lines)-1
			}
		}
		if len(l.legend) > 0 {
			y += (row+1)*rowH + 2
		}
		switch {
		case c.Narrow:
			// A phone's legend takes rows of its own: the drawing grows by
			// them rather than squeezing the plot.
			l.h += y - top
		case row+1 > wideLegendRows:
			// A wide drawing holds a legend of a row or two in its height;
			// the rows past those (many series, or long labels that each
			// take a row) add to it, or ten labels left the plot a strip a
			// fifth of its height.
			l.h += (row + 1 - wideLegendRows) * rowH
		}
	}
	plotTop := y + 6
	if c.Panels != nil {
		r.panelLayout(c, l, plotTop)
		return l
	}

	bottom := l.h - margin
	if c.Note != "" {
		l.note = textLine{text: c.Note, x: margin, y: bottom - 2, size: l.noteSize, class: "ts-note", color: colNote}
		bottom -= int(math.Round(l.noteSize)) + 9
	}
	plotBottom := bottom - tickLen - 4 - int(math.Round(l.axisSize))
	plotH := plotBottom - plotTop

	// Y scales.
	maxN := clampInt(plotH/l.px(45), 2, 7)
	l.left = r.yScale(c, l, Left, c.Log, maxN, -1)
	l.right = r.yScale(c, l, Right, false, maxN, len(l.left.ticks)-1)
	if !l.left.used {
		l.right = r.yScale(c, l, Right, false, maxN, -1)
	}
	formatTicks(l.left.ticks, leftFormat(c), c.Log)
	formatTicks(l.right.ticks, c.YRight, false)
	plotLeft := margin + 4
	if l.left.used {
		w := 0
		for _, t := range l.left.ticks {
			w = max(w, r.measure(t.Label, l.axisSize))
		}
		plotLeft = margin + w + labelGap
	}
	plotRight := l.w - margin - 6
	if l.right.used {
		w := 0
		for _, t := range l.right.ticks {
			w = max(w, r.measure(t.Label, l.axisSize))
		}
		plotRight = l.w - margin - w - labelGap
	}
	l.plot = gochart.Box{Top: plotTop, Left: plotLeft, Right: plotRight, Bottom: plotBottom, IsSet: true}

	// X scale.
	lo, hi := dataDates(c)
	xlo, xhi := float64(lo.Unix()), float64(hi.Unix())
	measureAxis := func(s string) int { return r.measure(s, l.axisSize) }
	if isBar(l.typ) {
		xs := barDates(c, l.stack)
		l.slot = 86400
		for i := 1; i < len(xs); i++ {
			if g := float64(xs[i].Unix() - xs[i-1].Unix()); i == 1 || g < l.slot {
				l.slot = g
			}
		}
		xlo, xhi = xlo-l.slot/2, xhi+l.slot/2
		l.xticks = barTicks(xs, plotRight-plotLeft, l.px(14), measureAxis)
	} else {
		if xlo == xhi {
			xlo, xhi = xlo-86400, xhi+86400
		}
		l.xticks = timeTicks(time.Unix(int64(math.Floor(xlo)), 0), time.Unix(int64(math.Ceil(xhi)), 0), plotRight-plotLeft, l.px(14), measureAxis)
	}
	l.x = &linRange{min: xlo, max: xhi}
	for _, m := range c.Marks {
		l.vmarks = append(l.vmarks, vmark{unixSeconds(m.Date), m.Label})
	}
	if l.typ == TypeHistogram {
		r.histogramX(c, l, measureAxis)
	}
	r.placeAnnotations(c, l)
	return l
}

// barDates returns the distinct dates of all bars, ascending: those of
// the stack st with a value, or of every series' values.
func barDates(c Chart, st *stack) []time.Time {
	if st != nil {
		out := make([]time.Time, 0, len(st.dates))
		for k, t := range st.total {
			if !math.IsNaN(t) {
				out = append(out, st.dates[k])
			}
		}
		return out
	}
	if d, ok := commonDates(c.Series); ok {
		// Series of one table: their dates, where any has a value.
		out := make([]time.Time, 0, len(d))
		for k, t := range d {
			for _, s := range c.Series {
				if !math.IsNaN(s.Y[k]) {
					out = append(out, t)
					break
				}
			}
		}
		return out
	}
	var all []time.Time
	for _, s := range c.Series {
		for j, y := range s.Y {
			if !math.IsNaN(y) {
				all = append(all, s.X[j])
			}
		}
	}
	sortTimes(all)
	out := all[:0]
	for i, t := range all {
		if i == 0 || !t.Equal(out[len(out)-1]) {
			out = append(out, t)
		}
	}
	return out
}

func sortTimes(ts []time.Time) {
	slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) })
}
