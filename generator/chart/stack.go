package chart

import (
	"fmt"
	"math"
	"slices"
	"time"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Stacked chart types: the series are drawn on top of each other, in
// order, so that their heights add up.
const (
	TypeStackedArea = "stacked-area"
	TypeStackedBar  = "stacked-bar"
)

// isStacked reports whether typ stacks its series.
func isStacked(typ string) bool { return typ == TypeStackedArea || typ == TypeStackedBar }

// isBar reports whether typ draws bars.
func isBar(typ string) bool { return typ == TypeBar || typ == TypeStackedBar }

// colTotal is the colour of the total line of a stacked chart; the style
// sheet lightens it in dark mode.
var colTotal = drawing.Color{R: 0x26, G: 0x26, B: 0x26, A: 255}

// stack is the series of a stacked chart aligned by date: at each date a
// series runs from base to top. Positive values stack upwards from zero,
// negative ones downwards. A date at which any series has no value is a
// gap in the whole stack (base, top and total NaN there): a layer cannot
// stand on one that is missing, and a sum of some of the parts is not the
// total. val keeps every series' own value, NaN where it has none.
type stack struct {
	dates     []time.Time
	val       [][]float64 // [series][date]
	base, top [][]float64 // NaN at the stack's gaps
	total     []float64   // the sum of the values at each date; NaN at the stack's gaps
	gaps      int         // the dates at which some series has no value
	lo, hi    float64     // the lowest and highest point of the stack, zero included
}

// stackOf aligns the series of c by date and stacks them.
func stackOf(c Chart) *stack {
	n := len(c.Series)
	st := &stack{val: make([][]float64, n), base: make([][]float64, n), top: make([][]float64, n)}
	longest := 0
	for _, s := range c.Series {
		longest = max(longest, len(s.X))
	}
	st.total = make([]float64, 0, longest)
	all := make([]float64, 3*n*longest)
	for i := range n {
		st.val[i] = all[(3*i)*longest : (3*i)*longest : (3*i+1)*longest]
		st.base[i] = all[(3*i+1)*longest : (3*i+1)*longest : (3*i+2)*longest]
		st.top[i] = all[(3*i+2)*longest : (3*i+2)*longest : (3*i+3)*longest]
	}
	if d, ok := commonDates(c.Series); ok {
		// Series of one table share their dates: no merge to do.
		st.dates = d
		for k := range d {
			st.add(c, func(i int) float64 { return c.Series[i].Y[k] })
		}
		return st
	}
	st.dates = make([]time.Time, 0, longest)
	idx := make([]int, n)
	for {
		var next time.Time
		found := false
		for i, s := range c.Series {
			if idx[i] < len(s.X) && (!found || s.X[idx[i]].Before(next)) {
				next, found = s.X[idx[i]], true
			}
		}
		if !found {
			break
		}
		st.dates = append(st.dates, next)
		st.add(c, func(i int) float64 {
			s, v := c.Series[i], math.NaN()
			// Equal dates within one series: the last value counts.
			for idx[i] < len(s.X) && s.X[idx[i]].Equal(next) {
				v = s.Y[idx[i]]
				idx[i]++
			}
			return v
		})
	}
	return st
}

// add stacks the values of the next date, value(i) being series i's; the
// date is a gap in the stack when any of them is NaN.
func (st *stack) add(c Chart, value func(i int) float64) {
	k := len(st.total)
	full := true
	for i := range c.Series {
		v := value(i)
		st.val[i] = append(st.val[i], v)
		full = full && !math.IsNaN(v)
	}
	if !full {
		for i := range c.Series {
			st.base[i] = append(st.base[i], math.NaN())
			st.top[i] = append(st.top[i], math.NaN())
		}
		st.total = append(st.total, math.NaN())
		st.gaps++
		return
	}
	pos, neg, total := 0.0, 0.0, 0.0
	for i := range c.Series {
		v := st.val[i][k]
		b, t := pos, pos
		if v >= 0 {
			t = pos + v
			pos = t
		} else {
			b, t = neg, neg+v
			neg = t
		}
		total += v
		st.base[i] = append(st.base[i], b)
		st.top[i] = append(st.top[i], t)
	}
	st.lo, st.hi = min(st.lo, neg), max(st.hi, pos)
	st.total = append(st.total, total)
}

// commonDates returns the dates of the series when they all have the same
// ones, strictly ascending.
func commonDates(ss []Series) ([]time.Time, bool) {
	d := ss[0].X
	for k := 1; k < len(d); k++ {
		if !d[k-1].Before(d[k]) {
			return nil, false
		}
	}
	for _, s := range ss[1:] {
		if len(s.X) != len(d) {
			return nil, false
		}
		if len(d) > 0 && &s.X[0] == &d[0] {
			continue
		}
		for k, t := range s.X {
			if !t.Equal(d[k]) {
				return nil, false
			}
		}
	}
	return d, true
}

// extent returns the lowest and highest point of the stack, zero included.
func (st *stack) extent() (lo, hi float64) { return st.lo, st.hi }

// validateStack checks what a stacked chart needs: one axis, no log scale,
// and for stacked areas no negative values; and that only stacked charts
// ask for a total.
func validateStack(c Chart) error {
	if !isStacked(c.Type) {
		if c.Total != "" {
			return fmt.Errorf("chart: a total line (%q) needs a stacked type (stacked-area, stacked-bar), not %q", c.Total, c.Type)
		}
		return nil
	}
	if c.Log {
		return fmt.Errorf("chart: a %s chart cannot use a log scale", c.Type)
	}
	if st := stackOf(c); st.gaps == len(st.dates) {
		return fmt.Errorf("chart: a %s chart's series have no date at which every one has a value, and the stack is drawn only at such dates (a sum of some of the parts is not the whole): align their dates, fill the missing values, or draw them as lines", c.Type)
	}
	for i, s := range c.Series {
		if s.Axis != Left {
			return fmt.Errorf("chart: %s: a %s chart has one axis, the left one", seriesName(i, s), c.Type)
		}
		if c.Type != TypeStackedArea {
			continue
		}
		for j, y := range s.Y {
			if y < 0 {
				return fmt.Errorf("chart: %s: value %g at point %d (%s) is negative: stacked areas add up shares of a whole (use stacked-bar for contributions of either sign)",
					seriesName(i, s), y, j+1, day(s.X[j]))
			}
		}
	}
	return nil
}

// stackSeries adds the go-chart series of a stacked chart to gc: each
// series' band or bars, then the total line.
func stackSeries(gc *gochart.Chart, c Chart, l *layout) {
	st := l.stack
	xs := make([]float64, len(st.dates))
	for k, d := range st.dates {
		xs[k] = unixSeconds(d)
	}
	// Areas are drawn from the top of the stack down, each filled from
	// its top edge to zero, so the next one down covers its lower part:
	// one edge per series instead of two (the values are not negative).
	for j := range c.Series {
		i := j
		if l.typ == TypeStackedArea {
			i = len(c.Series) - 1 - j
		}
		class := "ts-series ts-series-" + fmt.Sprint(i)
		gc.Series = append(gc.Series, &stackedSeries{class: class, color: seriesColor(c, i), bar: l.typ == TypeStackedBar,
			l: l, xs: xs, base: st.base[i], top: st.top[i]})
	}
	if c.Total == "" {
		return
	}
	for _, seg := range segments(st.total) {
		tx, ty := xs[seg[0]:seg[1]], st.total[seg[0]:seg[1]]
		tx, ty = thin(tx, ty, l.x.GetMin(), l.x.GetMax(), 2*(l.plot.Right-l.plot.Left))
		gc.Series = append(gc.Series, &lineSeries{class: "ts-total", color: colTotal, axis: gochart.YAxisPrimary, xs: tx, ys: ty})
	}
}

// stackedSeries draws one series of a stacked chart: the band between its
// base and top (an area), or a bar from base to top at each date.
type stackedSeries struct {
	class     string
	color     drawing.Color
	bar       bool
	l         *layout
	xs        []float64
	base, top []float64 // NaN at the stack's gaps
}

func (s *stackedSeries) GetName() string             { return s.class }
func (s *stackedSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }
func (s *stackedSeries) GetStyle() gochart.Style     { return gochart.Style{} }
func (s *stackedSeries) Validate() error             { return nil }

func (s *stackedSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	r.ResetStyle()
	r.SetClassName(s.class)
	fill := s.color
	if s.bar {
		r.SetFillColor(fill)
		_, width := barPlace(s.l, 1, 0)
		bars := barPath{r: r, colX: -1}
		for k, t := range s.top {
			if math.IsNaN(t) {
				continue
			}
			x0 := box.Left + xr.Translate(s.xs[k]-width/2)
			x1 := box.Left + xr.Translate(s.xs[k]+width/2)
			if x1-x0 < 1 {
				x1 = x0 + 1
			}
			bars.add(x0, x1, box.Bottom-yr.Translate(s.base[k]), box.Bottom-yr.Translate(s.top[k]))
		}
		bars.flush()
		r.Fill()
		return
	}
	// An area: each run of dates without a gap in the stack, its top
	// edge forward, then down to zero, reduced to the points that show
	// (columnPoints); opaque, as the series below is drawn over its lower
	// part. A date alone between gaps is a column two pixels wide.
	base := box.Bottom - yr.Translate(0)
	r.SetFillColor(fill)
	for _, seg := range segments(s.top) {
		tx, ty := thin(s.xs[seg[0]:seg[1]], s.top[seg[0]:seg[1]], xr.GetMin(), xr.GetMax(), 2*(box.Right-box.Left))
		up := columnPoints(nil, box, xr, yr, tx, ty)
		if up[0].x == up[len(up)-1].x {
			rectPath(r, up[0].x-1, up[0].x+1, base, up[0].y)
			continue
		}
		r.MoveTo(up[0].x, up[0].y)
		for _, p := range up[1:] {
			r.LineTo(p.x, p.y)
		}
		r.LineTo(up[len(up)-1].x, base)
		r.LineTo(up[0].x, base)
		r.Close()
	}
	r.Fill()
}

// Totals returns the dates of a stacked chart's series and the sum of
// their values at each date, NaN where any series has no value (the
// stack's gaps): the total line.
func Totals(c Chart) ([]time.Time, []float64) {
	st := stackOf(c)
	return st.dates, st.total
}

// stackShapes returns what a stacked chart draws, for placing labels: the
// top of the stack, filled down to zero, and the total line.
func stackShapes(c Chart, l *layout, box gochart.Box) []shape {
	st := l.stack
	xs := make([]float64, len(st.dates))
	hi := make([]float64, len(st.dates))
	for k, d := range st.dates {
		xs[k] = unixSeconds(d)
		hi[k] = st.total[k] // NaN at the stack's gaps
		if !math.IsNaN(hi[k]) {
			hi[k] = 0
			for i := range st.top {
				hi[k] = math.Max(hi[k], st.top[i][k])
			}
		}
	}
	base := min(box.Bottom, box.Bottom-l.left.r.Translate(0))
	var out []shape
	for _, seg := range segments(hi) {
		out = append(out, shape{pts: columnPoints(nil, box, l.x, l.left.r, xs[seg[0]:seg[1]], hi[seg[0]:seg[1]]), fill: true, base: base, pad: 1})
	}
	if c.Total != "" {
		for _, seg := range segments(st.total) {
			out = append(out, shape{pts: columnPoints(nil, box, l.x, l.left.r, xs[seg[0]:seg[1]], st.total[seg[0]:seg[1]]), pad: 1})
		}
	}
	return out
}

// barPath adds bars to the current path. Bars one pixel wide that share a
// pixel column are drawn as the union of their spans there: the same
// pixels, fewer shapes (a daily series has several bars per column).
type barPath struct {
	r    gochart.Renderer
	col  []span // the spans of the column at colX
	colX int
}

// add adds the bar x0..x1 (x0 < x1), y0..y1; an empty one adds nothing.
func (b *barPath) add(x0, x1, y0, y1 int) {
	if y0 == y1 {
		return
	}
	if x1-x0 > 1 {
		rectPath(b.r, x0, x1, y0, y1)
		return
	}
	if x0 != b.colX {
		b.flush()
		b.colX = x0
	}
	b.col = append(b.col, span{min(y0, y1), max(y0, y1)})
}

// flush draws the column's spans.
func (b *barPath) flush() {
	for _, sp := range mergeSpans(b.col) {
		rectPath(b.r, b.colX, b.colX+1, sp.y0, sp.y1)
	}
	b.col = b.col[:0]
}

// span is a vertical run of pixels, y0 <= y1.
type span struct{ y0, y1 int }

// mergeSpans sorts spans and merges those that overlap or touch.
func mergeSpans(ss []span) []span {
	if len(ss) < 2 {
		return ss
	}
	slices.SortFunc(ss, func(a, b span) int { return a.y0 - b.y0 })
	out := ss[:1]
	for _, sp := range ss[1:] {
		last := &out[len(out)-1]
		if sp.y0 <= last.y1 {
			last.y1 = max(last.y1, sp.y1)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// rectPath adds the rectangle x0..x1, y0..y1 to the current path: on the
// SVG canvas as "M x0 y0 H x1 V y1 H x0 Z", five numbers rather than
// eight, the same shape.
func rectPath(r gochart.Renderer, x0, x1, y0, y1 int) {
	if s, ok := r.(*svgCanvas); ok {
		s.rect(x0, x1, y0, y1)
		return
	}
	r.MoveTo(x0, y0)
	r.LineTo(x1, y0)
	r.LineTo(x1, y1)
	r.LineTo(x0, y1)
	r.Close()
}
