package chart

import (
	"math"
	"sort"
	"strconv"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// linRange is a fixed linear range. go-chart widens or rounds ranges it is
// given and sets them from ticks; this one ignores SetMin and SetMax, so the
// range is exactly the one the layout chose.
type linRange struct {
	min, max float64
	domain   int
}

func (r *linRange) String() string       { return "linRange" }
func (r *linRange) IsZero() bool         { return false }
func (r *linRange) GetMin() float64      { return r.min }
func (r *linRange) SetMin(float64)       {}
func (r *linRange) GetMax() float64      { return r.max }
func (r *linRange) SetMax(float64)       {}
func (r *linRange) GetDelta() float64    { return r.max - r.min }
func (r *linRange) GetDomain() int       { return r.domain }
func (r *linRange) SetDomain(domain int) { r.domain = domain }
func (r *linRange) IsDescending() bool   { return false }

// Translate maps v to a pixel offset within the domain.
func (r *linRange) Translate(v float64) int {
	return int(math.Round((v - r.min) / (r.max - r.min) * float64(r.domain)))
}

// logRange is a fixed base-10 logarithmic range; values at or below zero
// map to its bottom.
type logRange struct {
	min, max float64
	domain   int
}

func (r *logRange) String() string       { return "logRange" }
func (r *logRange) IsZero() bool         { return false }
func (r *logRange) GetMin() float64      { return r.min }
func (r *logRange) SetMin(float64)       {}
func (r *logRange) GetMax() float64      { return r.max }
func (r *logRange) SetMax(float64)       {}
func (r *logRange) GetDelta() float64    { return r.max - r.min }
func (r *logRange) GetDomain() int       { return r.domain }
func (r *logRange) SetDomain(domain int) { r.domain = domain }
func (r *logRange) IsDescending() bool   { return false }

// Translate maps v to a pixel offset within the domain.
func (r *logRange) Translate(v float64) int {
	if v <= 0 {
		return 0
	}
	lo, hi := math.Log10(r.min), math.Log10(r.max)
	return int(math.Round((math.Log10(v) - lo) / (hi - lo) * float64(r.domain)))
}

// chartPalette gives go-chart a transparent background (a PNG's raster is
// white before drawing); everything else is styled explicitly.
type chartPalette struct{}

func (p chartPalette) BackgroundColor() drawing.Color       { return drawing.Color{} }
func (p chartPalette) BackgroundStrokeColor() drawing.Color { return drawing.Color{} }
func (p chartPalette) CanvasColor() drawing.Color           { return drawing.Color{} }
func (p chartPalette) CanvasStrokeColor() drawing.Color     { return drawing.Color{} }
func (p chartPalette) AxisStrokeColor() drawing.Color       { return colAxis }
func (p chartPalette) TextColor() drawing.Color             { return colLabel }
func (p chartPalette) GetSeriesColor(i int) drawing.Color   { return palette[i%len(palette)] }

// goChart builds the go-chart chart for c laid out as l. go-chart's own
// axes are hidden: the underlay series draws grid, axes and labels (under
// the data) and the overlay element draws legend, labels and notes.
func (r *Renderer) goChart(c Chart, l *layout) gochart.Chart {
	gc := gochart.Chart{
		Width:        l.w,
		Height:       l.h,
		DPI:          72,
		Font:         r.font,
		ColorPalette: chartPalette{},
		Background: gochart.Style{Padding: gochart.Box{
			Top: l.plot.Top, Left: l.plot.Left,
			Right: l.w - l.plot.Right, Bottom: l.h - l.plot.Bottom, IsSet: true,
		}},
		XAxis:          gochart.XAxis{Style: gochart.Hidden(), Range: l.x},
		YAxis:          gochart.YAxis{Style: gochart.Hidden(), Range: l.left.r},
		YAxisSecondary: gochart.YAxis{Style: gochart.Hidden(), Range: l.right.r},
	}
	gc.Series = append(gc.Series, &underlay{c: c, l: l})
	switch {
	case isStacked(l.typ):
		stackSeries(&gc, c, l)
	case l.typ == TypeHeatmap:
		gc.Series = append(gc.Series[:0], &heatSeries{c: c, l: l})
	case l.panels != nil:
		gc.Series = append(gc.Series[:0], &panelSeries{c: c, l: l})
	case l.typ == TypeHistogram:
		gc.Series = append(gc.Series, &histSeries{class: "ts-series ts-series-0", c: c, h: l.hist})
	}
	bars := 0
	for i, s := range c.Series {
		if isStacked(l.typ) || l.typ == TypeHistogram || l.panels != nil {
			break
		}
		col := seriesColor(c, i)
		class := "ts-series ts-series-" + strconv.Itoa(i)
		axis := gochart.YAxisPrimary
		if s.Axis == Right {
			axis = gochart.YAxisSecondary
		}
		switch l.typ {
		case TypeBar:
			offset, width := barPlace(l, len(c.Series), bars)
			gc.Series = append(gc.Series, &barSeries{class: class, color: col, axis: axis, s: s, offset: offset, width: width})
			bars++
		case TypeScatter:
			xs, ys := points(s, 0, len(s.Y))
			dot := col
			dot.A = 217
			gc.Series = append(gc.Series, gochart.ContinuousSeries{
				YAxis: axis, XValues: xs, YValues: ys,
				Style: gochart.Style{ClassName: class, StrokeWidth: gochart.Disabled, DotColor: dot, DotWidth: 2.5},
			})
		default:
			for _, seg := range segments(s.Y) {
				xs, ys := points(s, seg[0], seg[1])
				xs, ys = thin(xs, ys, l.x.GetMin(), l.x.GetMax(), 2*(l.plot.Right-l.plot.Left))
				gc.Series = append(gc.Series, &lineSeries{class: class, color: col, dash: seriesDash(c, i), axis: axis, area: l.typ == TypeArea, xs: xs, ys: ys})
			}
		}
	}
	gc.Elements = []gochart.Renderable{func(rr gochart.Renderer, box gochart.Box, _ gochart.Style) {
		drawOverlay(rr.(canvas), c, l, box)
	}}
	return gc
}

// segments returns the [start, end) runs of ys without NaN.
func segments(ys []float64) [][2]int {
	var out [][2]int
	start := -1
	for i, y := range ys {
		if math.IsNaN(y) {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(ys)})
	}
	return out
}

// points returns the non-NaN points of s[i:j], x in Unix seconds.
func points(s Series, i, j int) (xs, ys []float64) {
	xs = make([]float64, 0, j-i)
	ys = make([]float64, 0, j-i)
	for k := i; k < j; k++ {
		if !math.IsNaN(s.Y[k]) {
			xs = append(xs, unixSeconds(s.X[k]))
			ys = append(ys, s.Y[k])
		}
	}
	return xs, ys
}

// thin keeps, of a line with many more points than the plot has pixel
// columns, the first, lowest, highest and last point of each of buckets
// equal slices of the x range, in their order (the M4 reduction). Drawn at
// the plot's resolution the line looks the same, but a 20-year daily series
// becomes a few thousand points instead of five thousand per column.
func thin(xs, ys []float64, xmin, xmax float64, buckets int) ([]float64, []float64) {
	if buckets < 1 || len(xs) <= 4*buckets || xmax <= xmin {
		return xs, ys
	}
	ox := make([]float64, 0, 4*buckets)
	oy := make([]float64, 0, 4*buckets)
	scale := float64(buckets) / (xmax - xmin)
	for i := 0; i < len(xs); {
		b := int((xs[i] - xmin) * scale)
		j, lo, hi := i, i, i
		for j < len(xs) && int((xs[j]-xmin)*scale) == b {
			if ys[j] < ys[lo] {
				lo = j
			}
			if ys[j] > ys[hi] {
				hi = j
			}
			j++
		}
		keep := []int{i, lo, hi, j - 1}
		sort.Ints(keep)
		for k, idx := range keep {
			if k > 0 && idx == keep[k-1] {
				continue
			}
			ox = append(ox, xs[idx])
			oy = append(oy, ys[idx])
		}
		i = j
	}
	return ox, oy
}

func unixSeconds(t interface{ Unix() int64 }) float64 { return float64(t.Unix()) }

// lineSeries draws one run without gaps of a line or area series, as
// go-chart's ContinuousSeries would, but only the points that show: of the
// points that land in one pixel column it keeps the first, the lowest, the
// highest and the last, in their order. The dropped points only retrace the
// vertical line between the column's lowest and highest point, so the
// stroke (round joins and caps) covers exactly the same pixels, and so does
// the area's fill; a 20-year daily series has eight points per column of a
// 720-pixel chart. (thin, before it, bounds the work of far longer series.)
type lineSeries struct {
	class  string
	color  drawing.Color
	dash   []float64 // nil: solid
	axis   gochart.YAxisType
	area   bool
	xs, ys []float64
}

func (s *lineSeries) GetName() string             { return s.class }
func (s *lineSeries) GetYAxis() gochart.YAxisType { return s.axis }
func (s *lineSeries) GetStyle() gochart.Style     { return gochart.Style{} }
func (s *lineSeries) Validate() error             { return nil }

func (s *lineSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	pts := columnPoints(nil, box, xr, yr, s.xs, s.ys)
	if len(pts) == 0 {
		return
	}
	width := 2.0
	if s.area {
		width = 1.5
		if len(s.xs) > 1 {
			fill := s.color
			fill.A = 46
			setPaint(r, s.class, drawing.ColorTransparent, 0, fill)
			r.MoveTo(pts[0].x, pts[0].y)
			for _, p := range pts[1:] {
				r.LineTo(p.x, p.y)
			}
			base := min(box.Bottom, box.Bottom-yr.Translate(0))
			r.LineTo(pts[len(pts)-1].x, base)
			r.LineTo(pts[0].x, base)
			r.LineTo(pts[0].x, pts[0].y)
			r.Fill()
		}
	}
	setPaint(r, s.class, s.color, width, drawing.ColorTransparent)
	r.SetStrokeDashArray(s.dash)
	r.MoveTo(pts[0].x, pts[0].y)
	for _, p := range pts[1:] {
		r.LineTo(p.x, p.y)
	}
	r.Stroke()
	if len(s.xs) == 1 {
		setPaint(r, s.class, s.color, 1, s.color)
		r.Circle(2.5, pts[0].x, pts[0].y)
		r.FillStroke()
	}
}

// setPaint sets what go-chart's drawing options set: class, stroke, no
// dashes and fill.
func setPaint(r gochart.Renderer, class string, stroke drawing.Color, width float64, fill drawing.Color) {
	r.SetClassName(class)
	r.SetStrokeColor(stroke)
	r.SetStrokeWidth(width)
	r.SetStrokeDashArray(nil)
	r.SetFillColor(fill)
}

type pixel struct{ x, y int }

// columnPoints appends to dst the points xs, ys in pixels of box (go-chart's
// mapping: x from the left, y from the bottom), keeping of each run of
// points in one pixel column only the first, the lowest, the highest and
// the last, in their order.
func columnPoints(dst []pixel, box gochart.Box, xr, yr gochart.Range, xs, ys []float64) []pixel {
	if len(xs) == 0 {
		return dst
	}
	// The run of the current column: its first point is in dst already;
	// lo and hi are its lowest and highest points (largest and smallest y),
	// loAt and hiAt their indexes, and last its latest point.
	var lo, hi, last pixel
	var loAt, hiAt int
	add := func(p pixel) {
		if dst[len(dst)-1] != p {
			dst = append(dst, p)
		}
	}
	flush := func() {
		if hiAt < loAt {
			add(hi)
			add(lo)
		} else {
			add(lo)
			add(hi)
		}
		add(last)
	}
	for i := range xs {
		p := pixel{box.Left + xr.Translate(xs[i]), box.Bottom - yr.Translate(ys[i])}
		if i > 0 && p.x == last.x {
			if p.y > lo.y {
				lo, loAt = p, i
			}
			if p.y < hi.y {
				hi, hiAt = p, i
			}
			last = p
			continue
		}
		if i > 0 {
			flush()
		}
		dst = append(dst, p)
		lo, hi, last = p, p, p
		loAt, hiAt = i, i
	}
	flush()
	return dst
}

// barSeries draws the bars of one series, from zero (or the nearest edge of
// the axis) to each value, shifted by offset within the group at each date.
type barSeries struct {
	class         string
	color         drawing.Color
	axis          gochart.YAxisType
	s             Series
	offset, width float64 // seconds
}

func (b *barSeries) GetName() string             { return b.s.Label }
func (b *barSeries) GetYAxis() gochart.YAxisType { return b.axis }
func (b *barSeries) GetStyle() gochart.Style     { return gochart.Style{} }
func (b *barSeries) Validate() error             { return nil }

func (b *barSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	base := math.Min(math.Max(0, yr.GetMin()), yr.GetMax())
	yb := box.Bottom - yr.Translate(base)
	r.ResetStyle()
	r.SetClassName(b.class)
	r.SetFillColor(b.color)
	bars := barPath{r: r, colX: -1}
	for k, v := range b.s.Y {
		if math.IsNaN(v) {
			continue
		}
		x := unixSeconds(b.s.X[k]) + b.offset
		x0 := box.Left + xr.Translate(x-b.width/2)
		x1 := box.Left + xr.Translate(x+b.width/2)
		if x1-x0 < 1 {
			x1 = x0 + 1
		}
		bars.add(x0, x1, yb, box.Bottom-yr.Translate(v))
	}
	bars.flush()
	r.Fill()
}

// underlay is the first series of the go-chart chart: it draws what lies
// under the data.
type underlay struct {
	c Chart
	l *layout
}

func (u *underlay) GetName() string             { return "" }
func (u *underlay) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }
func (u *underlay) GetStyle() gochart.Style     { return gochart.Style{} }
func (u *underlay) Validate() error             { return nil }

func (u *underlay) Render(rr gochart.Renderer, box gochart.Box, _, _ gochart.Range, _ gochart.Style) {
	r := rr.(canvas)
	l, c := u.l, u.c
	grid := l.left
	if !grid.used {
		grid = l.right
	}
	drawBands(r, c, l, box)
	drawFrame(r, box, grid.r, grid.ticks, l.x, l.xticks)
	// Reference lines and date marks.
	for _, h := range c.Lines {
		s := l.scale(h.Axis)
		y := box.Bottom - s.r.Translate(h.Value)
		setStroke(r, "ts-ref", colRef, 1, []float64{5, 4})
		r.MoveTo(box.Left, y)
		r.LineTo(box.Right, y)
		r.Stroke()
	}
	for _, m := range l.vmarks {
		x := box.Left + l.x.Translate(m.at)
		setStroke(r, "ts-mark", colMark, 1, []float64{3, 3})
		r.MoveTo(x, box.Top)
		r.LineTo(x, box.Bottom)
		r.Stroke()
	}
	// Axis labels, centred on their grid lines.
	setText(r, "ts-label", l.axisSize, colLabel)
	mid := int(math.Round(l.axisSize * 0.36))
	if l.left.used {
		for _, t := range l.left.ticks {
			y := box.Bottom - l.left.r.Translate(t.Value)
			r.anchoredText(t.Label, box.Left-labelGap, y+mid, anchorEnd)
		}
	}
	if l.right.used {
		for _, t := range l.right.ticks {
			y := box.Bottom - l.right.r.Translate(t.Value)
			r.anchoredText(t.Label, box.Right+labelGap, y+mid, anchorStart)
		}
	}
	drawXLabels(r, l, box, l.x, l.xticks)
}

// drawFrame draws a plot's horizontal grid at the y ticks, its zero line
// when zero is inside a linear y range, and its baseline with the x ticks.
func drawFrame(r canvas, box gochart.Box, yr gochart.Range, yticks []tick, xr gochart.Range, xticks []tick) {
	setStroke(r, "ts-grid", colGrid, 1, nil)
	for _, t := range yticks {
		if y := box.Bottom - yr.Translate(t.Value); y < box.Bottom {
			r.MoveTo(box.Left, y)
			r.LineTo(box.Right, y)
		}
	}
	r.Stroke()
	if lr, ok := yr.(*linRange); ok && lr.min < 0 && lr.max > 0 {
		setStroke(r, "ts-zero", colZero, 1, nil)
		y := box.Bottom - lr.Translate(0)
		r.MoveTo(box.Left, y)
		r.LineTo(box.Right, y)
		r.Stroke()
	}
	setStroke(r, "ts-axis", colAxis, 1, nil)
	r.MoveTo(box.Left, box.Bottom)
	r.LineTo(box.Right, box.Bottom)
	for _, t := range xticks {
		x := box.Left + xr.Translate(t.Value)
		r.MoveTo(x, box.Bottom)
		r.LineTo(x, box.Bottom+tickLen)
	}
	r.Stroke()
}

// drawXLabels writes the x tick labels under box, centred on their ticks
// but kept inside the drawing; the text style is set.
func drawXLabels(r canvas, l *layout, box gochart.Box, xr gochart.Range, xticks []tick) {
	ty := box.Bottom + tickLen + 3 + int(math.Round(l.axisSize))
	for _, t := range xticks {
		x := box.Left + xr.Translate(t.Value)
		hw := (r.MeasureText(t.Label).Width() + 1) / 2
		r.anchoredText(t.Label, min(max(x, 2+hw), l.w-2-hw), ty, anchorMiddle)
	}
}

func (l *layout) scale(a Axis) axisScale {
	if a == Right {
		return l.right
	}
	return l.left
}

// drawLegendLabel draws the label of a legend's item after its swatch, a
// row a line.
func drawLegendLabel(r canvas, l *layout, it legendItem) {
	setText(r, "ts-legend", l.legendSize, colLegend)
	for k, line := range it.lines {
		r.anchoredText(line, it.x+l.px(swatchW+6), it.y+k*l.px(legendRow), anchorStart)
	}
}

// drawOverlay draws what lies over the data: labels of reference lines and
// marks (drawAnnotations), the legend, the note and, in PNGs, the title and
// subtitle.
func drawOverlay(r canvas, c Chart, l *layout, box gochart.Box) {
	drawAnnotations(r, l)
	// Legend.
	for _, it := range l.legend {
		mid := it.y - l.px(4)
		half := l.px(6)
		if it.series == totalItem {
			setStroke(r, "ts-total", colTotal, 2.5, nil)
			r.MoveTo(it.x, mid)
			r.LineTo(it.x+l.px(swatchW), mid)
			r.Stroke()
		} else if it.series < 0 {
			drawBandSwatch(r, it.x, mid, half)
		}
		if it.series < 0 {
			drawLegendLabel(r, l, it)
			continue
		}
		col := seriesColor(c, it.series)
		class := "ts-series ts-series-" + strconv.Itoa(it.series)
		switch l.typ {
		case TypeArea, TypeBar, TypeStackedArea, TypeStackedBar:
			r.ResetStyle()
			r.SetClassName(class)
			r.SetFillColor(col)
			rectPath(r, it.x+2, it.x+2+2*half, mid-half, mid+half)
			r.Fill()
		case TypeScatter:
			r.ResetStyle()
			r.SetClassName(class)
			r.SetFillColor(col)
			r.SetStrokeColor(col)
			r.SetStrokeWidth(1)
			r.Circle(4*l.ts, it.x+l.px(8), mid)
			r.FillStroke()
		default:
			setStroke(r, class, col, 2.5, seriesDash(c, it.series))
			r.MoveTo(it.x, mid)
			r.LineTo(it.x+l.px(swatchW), mid)
			r.Stroke()
		}
		drawLegendLabel(r, l, it)
	}
	if l.note.text != "" {
		drawLine(r, l.note)
	}
	for _, t := range l.header {
		drawLine(r, t)
	}
	for _, t := range l.footer {
		drawLine(r, t)
	}
}

func drawLine(r canvas, t textLine) {
	setText(r, t.class, t.size, t.color)
	r.anchoredText(t.text, t.x, t.y, t.anchor)
}

func setStroke(r gochart.Renderer, class string, col drawing.Color, width float64, dash []float64) {
	r.ResetStyle()
	r.SetClassName(class)
	r.SetStrokeColor(col)
	r.SetStrokeWidth(width)
	r.SetStrokeDashArray(dash)
}

func setText(r gochart.Renderer, class string, size float64, col drawing.Color) {
	r.ResetStyle()
	r.SetClassName(class)
	r.SetFont(nil)
	r.SetFontSize(size)
	r.SetFontColor(col)
}
