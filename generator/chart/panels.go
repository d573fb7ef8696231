package chart

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/period"
	gochart "github.com/wcharczuk/go-chart/v2"
)

// MaxPanels is the most panels small multiples may have.
const MaxPanels = 24

// DefaultPeriodAxis is the title of the x axis of small multiples by
// period when Panels.XTitle is empty.
const DefaultPeriodAxis = "Months since the start of the period"

// Panels lays a line or area chart out as small multiples: a grid of small
// plots on the same axes, so that their shapes compare at a glance. Without
// Periods there is one panel per series, against dates; with Periods one
// panel per period, every series cut to the period's dates and drawn
// against the months since its start (From), so that, say, each hiking
// cycle starts at month 0.
type Panels struct {
	// Periods, when set, make one panel each, titled by their Label (or
	// their months, "Jun 2004 – Jun 2006").
	Periods []Band
	// XTitle names the x axis of panels by period; "" is
	// DefaultPeriodAxis.
	XTitle string
	// Independent gives each panel a y range of its own; by default all
	// panels share one, so that their heights compare.
	Independent bool
}

// Panel is one panel of small multiples, as drawn: its title and, for
// each series it draws, the series' points in it and their x values.
type Panel struct {
	Title string
	// Series are the series drawn in the panel, cut to its period.
	Series []Series
	// Index holds the index in Chart.Series of each of Series.
	Index []int
	// Months holds, by period, the months since the period's start of each
	// point of each of Series (nil by series).
	Months [][]float64
}

// MonthsSince returns the calendar months from start to t (UTC): whole
// months between their months, plus the difference of their days as a
// fraction of t's month. Dates on the same day of the month are whole
// months apart (Jan 1 to Mar 1 is 2).
func MonthsSince(start, t time.Time) float64 { return monthsFrom(start).since(t) }

// monthOrigin is a start date taken apart, to count months from.
type monthOrigin struct {
	y, d int
	m    time.Month
	sec  int64
}

func monthsFrom(start time.Time) monthOrigin {
	y, m, d := start.UTC().Date()
	return monthOrigin{y, d, m, secondOfDay(start)}
}

// since is MonthsSince(the origin, t).
func (o monthOrigin) since(t time.Time) float64 {
	y, m, d := t.UTC().Date()
	months := (y-o.y)*12 + int(m) - int(o.m)
	// The days between the days of the month, and the time of day.
	days := float64(d-o.d) + float64(secondOfDay(t)-o.sec)/86400
	return float64(months) + days/float64(period.DaysIn(y, m))
}

// within returns the indexes [lo, hi) of the dates of s from b.From to
// b.To (the dates are in order).
func within(s Series, b Band) (lo, hi int) {
	lo = sort.Search(len(s.X), func(k int) bool { return !s.X[k].Before(b.From) })
	hi = lo + sort.Search(len(s.X)-lo, func(k int) bool { return s.X[lo+k].After(b.To) })
	return lo, hi
}

// secondOfDay is the second of t's day in UTC.
func secondOfDay(t time.Time) int64 { return (t.Unix()%86400 + 86400) % 86400 }

// PanelsOf returns the panels of small multiples c, in order; nil when c
// is not small multiples. c must be valid.
func PanelsOf(c Chart) []Panel {
	p := c.Panels
	if p == nil {
		return nil
	}
	var out []Panel
	if len(p.Periods) == 0 {
		for i, s := range c.Series {
			title := s.Label
			if title == "" {
				title = "Series " + strconv.Itoa(i+1)
			}
			out = append(out, Panel{Title: title, Series: []Series{s}, Index: []int{i}})
		}
		return out
	}
	for _, b := range p.Periods {
		pn := Panel{Title: periodTitle(b)}
		o := monthsFrom(b.From)
		for i, s := range c.Series {
			lo, hi := within(s, b)
			cut := Series{Label: s.Label, Axis: s.Axis, Color: s.Color, X: s.X[lo:hi:hi], Y: s.Y[lo:hi:hi]}
			if !hasValue(cut.Y) {
				continue
			}
			ms := make([]float64, len(cut.X))
			for k, t := range cut.X {
				ms[k] = o.since(t)
			}
			pn.Series, pn.Index, pn.Months = append(pn.Series, cut), append(pn.Index, i), append(pn.Months, ms)
		}
		out = append(out, pn)
	}
	return out
}

func hasValue(ys []float64) bool {
	for _, y := range ys {
		if !math.IsNaN(y) {
			return true
		}
	}
	return false
}

// periodTitle is a period's label, or its months.
func periodTitle(b Band) string {
	if b.Label != "" {
		return b.Label
	}
	from, to := b.From.UTC().Format("Jan 2006"), b.To.UTC().Format("Jan 2006")
	if from == to {
		return from
	}
	return from + " – " + to
}

// validatePanels checks small multiples: a line or area chart on the left
// axis, without the marks, bands, reference lines or log scale that a
// panel has no room for, and periods that each hold values.
func validatePanels(c Chart) error {
	p := c.Panels
	if p == nil {
		return nil
	}
	switch c.Type {
	case "", TypeLine, TypeArea:
	default:
		return fmt.Errorf("chart: small multiples (panels) draw line or area charts, not %q", c.Type)
	}
	if c.Log || len(c.Lines) > 0 || len(c.Marks) > 0 || len(c.Bands) > 0 {
		return fmt.Errorf("chart: small multiples (panels) take no log scale, reference lines, marks or bands")
	}
	for i, s := range c.Series {
		if s.Axis != Left {
			return fmt.Errorf("chart: %s: small multiples (panels) use the left axis only", seriesName(i, s))
		}
	}
	n := len(p.Periods)
	if n == 0 {
		n = len(c.Series)
	}
	if n > MaxPanels {
		return fmt.Errorf("chart: %d panels are too many for small multiples (at most %d)", n, MaxPanels)
	}
	for i, b := range p.Periods {
		name, err := checkPeriod("period", i, b)
		if err != nil {
			return err
		}
		if b.To.Sub(b.From) > 200*366*24*time.Hour {
			return fmt.Errorf("chart: %s: %s to %s is longer than 200 years", name, day(b.From), day(b.To))
		}
		any := false
		for _, s := range c.Series {
			lo, hi := within(s, b)
			any = any || hasValue(s.Y[lo:hi])
		}
		if !any {
			lo, hi := dataDates(c)
			return fmt.Errorf("chart: %s: no values from %s to %s (the series run from %s to %s)", name, day(b.From), day(b.To), day(lo), day(hi))
		}
	}
	return nil
}

// panelGrid is where small multiples' parts go.
type panelGrid struct {
	panels   []Panel
	boxes    []gochart.Box
	scales   []axisScale // one per panel (the same one when shared)
	x        linRange    // the shared x range: Unix seconds, or months
	xticks   []tick
	cols     int
	gap      int // between panels
	byPeriod bool
	xTitle   textLine
}

// panelCols is how many columns of panels a drawing has: one on phones,
// else as square a grid as fits, at most four wide.
func panelCols(n int, narrow bool) int {
	switch {
	case narrow || n <= 1:
		return 1
	case n == 2 || n == 4:
		return 2
	case n <= 9:
		return 3
	}
	return 4
}

// panelLayout lays out small multiples below top: a grid of panels, each
// titled, with its x tick labels under it; y labels at the left of each
// row (of every panel when their ranges are independent); the x axis's
// title under the grid. Each panel's plot is two fifths of Height tall;
// the drawing's height follows from the rows.
func (r *Renderer) panelLayout(c Chart, l *layout, top int) {
	g := &panelGrid{panels: PanelsOf(c), byPeriod: len(c.Panels.Periods) > 0}
	n := len(g.panels)
	g.cols = panelCols(n, c.Narrow)
	rows := (n + g.cols - 1) / g.cols
	fontH := int(math.Round(l.axisSize))
	titleH := int(math.Round(l.legendSize)) + l.px(6)
	ph := clampInt(l.h*2/5, 80, 400)
	maxN := clampInt(ph/l.px(30), 2, 5)

	// Y scales: one over every panel's values, or one per panel.
	all := Chart{Type: c.Type}
	for _, p := range g.panels {
		all.Series = append(all.Series, p.Series...)
	}
	g.scales = make([]axisScale, n)
	labelW := 0
	for i, p := range g.panels {
		if i > 0 && !c.Panels.Independent {
			g.scales[i] = g.scales[0]
			continue
		}
		if c.Panels.Independent {
			all.Series = p.Series
		}
		g.scales[i] = r.yScale(all, l, Left, false, maxN, -1)
		formatTicks(g.scales[i].ticks, c.Y, false)
		for _, t := range g.scales[i].ticks {
			labelW = max(labelW, r.measure(t.Label, l.axisSize))
		}
	}
	left0 := margin + labelW + labelGap
	// Between panels: room for half of each of two x labels, centred on
	// their ticks at the panels' edges, and for y labels when each panel
	// has its own.
	gapX := l.px(16) + r.measure("0000", l.axisSize)
	if c.Panels.Independent {
		gapX += labelW + labelGap
	}
	g.gap = gapX
	plotW := max(20, (l.w-margin-6-left0-(g.cols-1)*gapX)/g.cols)
	cellH := titleH + ph + tickLen + 4 + fontH + l.px(12)

	// The shared x range and ticks.
	measureAxis := func(s string) int { return r.measure(s, l.axisSize) }
	if g.byPeriod {
		hi := 0.0
		for _, p := range g.panels {
			for _, ms := range p.Months {
				hi = math.Max(hi, ms[len(ms)-1])
			}
		}
		if hi <= 0 {
			hi = 1
		}
		g.x = linRange{min: 0, max: hi}
		g.xticks = monthTicks(hi, plotW, l.px(14), measureAxis)
	} else {
		lo, hi := dataDates(c)
		xlo, xhi := float64(lo.Unix()), float64(hi.Unix())
		if xlo == xhi {
			xlo, xhi = xlo-86400, xhi+86400
		}
		g.x = linRange{min: xlo, max: xhi}
		g.xticks = timeTicks(time.Unix(int64(xlo), 0), time.Unix(int64(xhi), 0), plotW, l.px(14), measureAxis)
	}

	for i := range g.panels {
		row, col := i/g.cols, i%g.cols
		b := gochart.Box{Left: left0 + col*(plotW+gapX), Top: top + row*cellH + titleH, IsSet: true}
		b.Right, b.Bottom = b.Left+plotW, b.Top+ph
		g.boxes = append(g.boxes, b)
	}
	bottom := top + rows*cellH
	if g.byPeriod {
		title := c.Panels.XTitle
		if title == "" {
			title = DefaultPeriodAxis
		}
		bottom += fontH
		g.xTitle = textLine{text: title, x: left0, y: bottom, size: l.axisSize, class: "ts-label", color: colLabel}
		bottom += l.px(6)
	}
	l.h = bottom + margin
	if c.Note != "" {
		l.h += int(math.Round(l.noteSize)) + 9
		l.note = textLine{text: c.Note, x: margin, y: l.h - margin - 2, size: l.noteSize, class: "ts-note", color: colNote}
	}
	l.panels = g
	l.plot = gochart.Box{Top: top, Left: left0, Right: l.w - margin - 6, Bottom: bottom, IsSet: true}
	l.x = &linRange{min: 0, max: 1}
	l.left = axisScale{r: &linRange{min: 0, max: 1}}
	l.right = axisScale{r: &linRange{min: 0, max: 1}}
}

// monthTicks returns ticks from 0 months to at most hi for an axis plotW
// wide: multiples of the smallest step of 1, 2, 3, 6 or 12 months or a
// whole number of years whose labels fit, at most six.
func monthTicks(hi float64, plotW, gap int, measure func(string) int) []tick {
	steps := []float64{1, 2, 3, 6, 12, 24, 36, 60, 120, 240, 600, 1200}
	if hi < 1 {
		steps = []float64{0.25, 0.5, 1}
	}
	var out []tick
	for _, st := range steps {
		out = out[:0]
		dec := stepDecimals(st)
		w := 0
		for v := 0.0; v <= hi+1e-9; v += st {
			t := tick{Value: v, Label: formatValue(Format{}, v, dec)}
			out = append(out, t)
			w = max(w, measure(t.Label))
		}
		if len(out) <= 6 && len(out)*(w+gap) <= plotW {
			break
		}
	}
	return out
}

// panelSeries draws small multiples: every panel's grid, axes, labels,
// title and series.
type panelSeries struct {
	c Chart
	l *layout
}

func (s *panelSeries) GetName() string             { return "panels" }
func (s *panelSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }
func (s *panelSeries) GetStyle() gochart.Style     { return gochart.Style{} }
func (s *panelSeries) Validate() error             { return nil }

func (s *panelSeries) Render(rr gochart.Renderer, _ gochart.Box, _, _ gochart.Range, _ gochart.Style) {
	r := rr.(canvas)
	c, l, g := s.c, s.l, s.l.panels
	mid := int(math.Round(l.axisSize * 0.36))
	for i, p := range g.panels {
		box, sc := g.boxes[i], g.scales[i]
		yr := *sc.r.(*linRange)
		yr.domain = box.Bottom - box.Top
		xr := g.x
		xr.domain = box.Right - box.Left
		drawFrame(r, box, &yr, sc.ticks, &xr, g.xticks)
		// Labels: y at the left of a row's first panel (of every panel
		// when the ranges are independent), x under the panel.
		setText(r, "ts-label", l.axisSize, colLabel)
		if i%g.cols == 0 || c.Panels.Independent {
			for _, t := range sc.ticks {
				r.anchoredText(t.Label, box.Left-labelGap, box.Bottom-yr.Translate(t.Value)+mid, anchorEnd)
			}
		}
		drawXLabels(r, l, box, &xr, g.xticks)
		// The title, cut to its panel and the gap after it (with room
		// for a browser font wider than the one measured).
		setText(r, "ts-legend ts-panel-title", l.legendSize, colLegend)
		tw := min(box.Right-box.Left+g.gap-l.px(8), l.w-2-box.Left)
		r.anchoredText(clip(p.Title, tw, func(s string) int { return room(r.MeasureText(s).Width()) }), box.Left, box.Top-l.px(6), anchorStart)
		// The series.
		for k, ser := range p.Series {
			idx := p.Index[k]
			for _, seg := range segments(ser.Y) {
				xs, ys := points(ser, seg[0], seg[1])
				if g.byPeriod {
					xs = xs[:0]
					for j := seg[0]; j < seg[1]; j++ {
						if !math.IsNaN(ser.Y[j]) {
							xs = append(xs, p.Months[k][j])
						}
					}
				}
				xs, ys = thin(xs, ys, xr.min, xr.max, 2*(box.Right-box.Left))
				ls := &lineSeries{class: "ts-series ts-series-" + strconv.Itoa(idx), color: seriesColor(c, idx), dash: seriesDash(c, idx),
					area: l.typ == TypeArea, xs: xs, ys: ys}
				ls.Render(r, box, &xr, &yr, gochart.Style{})
			}
		}
	}
	if g.xTitle.text != "" {
		drawLine(r, g.xTitle)
	}
}

// describePanels describes small multiples: how they are laid out, then
// each panel's first, last, lowest and highest values. ps are c's panels
// (nil computes them).
func describePanels(b *strings.Builder, c Chart, ps []Panel) {
	if ps == nil {
		ps = PanelsOf(c)
	}
	typ := "line"
	if c.Type == TypeArea {
		typ = "area"
	}
	axis := "a shared y axis"
	if c.Panels.Independent {
		axis = "a y axis each"
	}
	byPeriod := len(c.Panels.Periods) > 0
	prec := precisionOf(c.Series) // monthly data reads "July 1954", as in Describe
	if byPeriod {
		title := c.Panels.XTitle
		if title == "" {
			title = DefaultPeriodAxis
		}
		fmt.Fprintf(b, "Small multiples: %d %s charts, one per period, with %s; x axis: %s.", len(ps), typ, axis, strings.ToLower(title[:1])+title[1:])
	} else {
		lo, hi := dataDates(c)
		fmt.Fprintf(b, "Small multiples: %d %s charts, one per series, from %s to %s, with %s.", len(ps), typ, dateAt(prec, lo), dateAt(prec, hi), axis)
	}
	for _, p := range ps {
		b.WriteString(" " + p.Title)
		if byPeriod {
			b.WriteString(" (" + dateAt(prec, p.Series[0].X[0]) + " to " + dateAt(prec, p.Series[0].X[len(p.Series[0].X)-1]) + ")")
		}
		b.WriteString(":")
		for k, s := range p.Series {
			at := func(j int) string { // "at month 3", "in July 1954", "on 2 July 1954"
				if byPeriod {
					m := p.Months[k][j]
					if m == math.Trunc(m) {
						return "at month " + strconv.Itoa(int(m))
					}
					return "at month " + formatValue(Format{}, m, 1)
				}
				return onOrIn(prec, s.X[j])
			}
			first, last, lo, hi := -1, -1, -1, -1
			for j, y := range s.Y {
				if math.IsNaN(y) {
					continue
				}
				if first < 0 {
					first = j
				}
				last = j
				if lo < 0 || y < s.Y[lo] {
					lo = j
				}
				if hi < 0 || y > s.Y[hi] {
					hi = j
				}
			}
			if len(p.Series) > 1 {
				name := s.Label
				if name == "" {
					name = "Series " + strconv.Itoa(p.Index[k]+1)
				}
				b.WriteString(" " + name + ",")
			}
			val := func(j int) string { return formatValue(c.Y, s.Y[j], valueDecimals(c.Y, s.Y[j])) }
			fmt.Fprintf(b, " %s %s, %s %s; lowest %s %s, highest %s %s", val(first), at(first), val(last), at(last), val(lo), at(lo), val(hi), at(hi))
			if k < len(p.Series)-1 {
				b.WriteString(";")
			}
		}
		b.WriteString(".")
	}
}
