package chart

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Labels of reference lines and date marks are placed where they hide no
// data. The SVG gives them a halo (see svgStyle): a stroke in the page's
// colour painted under the text, which keeps it legible over the grid and
// a translucent fill but would erase any series line it ran over. So each
// label has a list of candidate places in order of preference, and takes
// the first whose box, grown by the halo, overlaps no other label and no
// series; failing that, the first that touches only an area's translucent
// fill (the line, which carries the values, stays whole). Failing both, it
// looks further: more places along its line (a reference line's label
// every few units along it, above or below; a mark's label in every row
// down to the bottom of the plot).
//
// A label with no such place is replaced by a number, placed the same way
// (a number is short, so it fits between the crossings of a line that
// leaves no room for a label), and listed with its number in a key under
// the chart ("1: Lehman fails"); should even the number find no place, the
// key lists the label with its date or value. A label is never drawn over
// a series' line nor over another label: every label stays in the drawing
// (the PNG too, which travels without the page's text), and a reader
// matches a number to its line at a glance, where a label over the data
// would hide the very values the chart is there to show.

// haloPad is how far a label's halo reaches beyond its text: half the
// stroke-width of the halo in svgStyle.
const haloPad = 2

// placeAnnotations places the labels of the reference lines and marks of c
// in l.annots, and those left out in the key, l.key, growing the drawing
// by the key's rows (see the top of this file). The plot box and the
// ranges are final: their domains are set here as go-chart sets them.
func (r *Renderer) placeAnnotations(c Chart, l *layout) {
	if len(c.Lines) == 0 && len(l.vmarks) == 0 {
		return
	}
	box := l.plot
	l.x.SetDomain(box.Right - box.Left)
	l.left.r.SetDomain(box.Bottom - box.Top)
	l.right.r.SetDomain(box.Bottom - box.Top)
	pl := &placer{shapes: shapes(c, l, box)}
	size := l.axisSize
	// Boxes leave room for a browser font wider than the one measured.
	measure := func(s string) int { return r.roomFor(s, size) }
	fontH := int(math.Round(size))
	gap := l.px(4)
	var key []string
	numbered := 0
	// try places text among the places each of spots gives for its width,
	// taking the first list with a place that hides nothing.
	try := func(text, class string, col drawing.Color, spots ...func(w int) []spot) bool {
		w := measure(text)
		for _, f := range spots {
			ss := f(w)
			cands := make([]rect, len(ss))
			for i, sp := range ss {
				cands[i] = textBox(sp.x, sp.y, w, size, sp.anchor)
			}
			if i := pl.place(cands); i >= 0 {
				l.annots = append(l.annots, textLine{text: text, x: ss[i].x, y: ss[i].y, anchor: ss[i].anchor, size: size, class: class, color: col})
				return true
			}
		}
		return false
	}
	// put places label among the places spots gives for a text of width
	// w, else those more gives, else its number among both; what it cannot
	// place goes in the key.
	put := func(label, class string, col drawing.Color, spots, more func(w int) []spot, where string) {
		if try(label, class, col, spots, more) {
			return
		}
		num := strconv.Itoa(numbered + 1)
		if try(num, class, col, spots, more) {
			numbered++
			key = append(key, num+": "+label)
			return
		}
		key = append(key, label+", "+where)
	}
	// A label wider than the plot is cut to fit it, ending in "…": the
	// reader could not see the rest, and placing it would cost as much as
	// its length. A reference line's label sits above or below its line:
	// at its right end, else its left end, else the place nearest the
	// right end, in steps of half the label's width; failing those, in
	// steps of a few units.
	for _, h := range c.Lines {
		if h.Label == "" {
			continue
		}
		y := box.Bottom - l.scale(h.Axis).r.Translate(h.Value)
		along := func(xs []int) []spot {
			var out []spot
			for _, x := range xs {
				for _, by := range [...]int{y - gap, y + fontH + gap} {
					if by-fontH >= box.Top && by <= box.Bottom {
						out = append(out, spot{x, by, anchorStart})
					}
				}
			}
			return out
		}
		spots := func(w int) []spot {
			xs := []int{box.Right - 2 - w, box.Left + 2}
			for x := box.Right - 2 - w - max(w/2, 4); x > box.Left+2; x -= max(w/2, 4) {
				xs = append(xs, x)
			}
			out := along(xs)
			if len(out) == 0 {
				out = append(out, spot{box.Right - 2, y - gap, anchorEnd})
			}
			return out
		}
		more := func(w int) []spot {
			var xs []int
			for x := box.Right - 2 - w; x > box.Left+2; x -= l.px(2) {
				xs = append(xs, x)
			}
			return along(xs)
		}
		f := c.Y
		if h.Axis == Right {
			f = c.YRight
		}
		put(clip(h.Label, box.Width()-4, measure), "ts-ref-label", colRef, spots, more, "the line at "+formatValue(f, h.Value, valueDecimals(f, h.Value)))
	}
	// A mark's label sits beside its line, right or left of it, in rows
	// from the top of the plot down to its middle, or else in two rows
	// from its bottom; failing those, in the rows between.
	rowH := fontH + l.px(3)
	var ys, between []int
	by := box.Top + fontH
	for ; by <= box.Top+box.Height()/2 || len(ys) < 3; by += rowH {
		ys = append(ys, by)
	}
	for row := 0; row < 2; row++ {
		ys = append(ys, box.Bottom-gap-row*rowH)
	}
	for ; by+rowH <= box.Bottom-gap-rowH; by += rowH {
		between = append(between, by)
	}
	for _, m := range l.vmarks {
		if m.label == "" {
			continue
		}
		x := box.Left + l.x.Translate(m.at)
		beside := func(w int, ys []int) []spot {
			var out []spot
			for _, by := range ys {
				for _, side := range [...]int{anchorStart, anchorEnd} {
					tx := x + gap
					if side == anchorEnd {
						tx = x - gap
					}
					if b := textBox(tx, by, w, size, side); b.x0 >= box.Left && b.x1 <= box.Right {
						out = append(out, spot{tx, by, side})
					}
				}
			}
			return out
		}
		spots := func(w int) []spot {
			out := beside(w, ys)
			if len(out) == 0 {
				out = append(out, spot{x, box.Top + fontH, anchorMiddle})
			}
			return out
		}
		more := func(w int) []spot { return beside(w, between) }
		where := longDate(time.Unix(int64(m.at), 0))
		if l.typ == TypeHistogram {
			where = "the line at " + formatValue(c.Y, m.at, valueDecimals(c.Y, m.at))
		}
		put(clip(m.label, box.Width()-2*gap, measure), "ts-mark-label", colLabel, spots, more, where)
	}
	if len(key) == 0 {
		return
	}
	// The key: a line an entry under the x labels, cut to the drawing's
	// width; the note moves down under it.
	y := box.Bottom + tickLen + 4 + fontH + l.px(6)
	for _, k := range key {
		y += rowH
		l.key = append(l.key, textLine{text: clip(k, l.w-2*margin, measure), x: margin, y: y - rowH + fontH, anchor: anchorStart, size: size, class: "ts-key", color: colLabel})
	}
	grow := len(key)*rowH + l.px(6)
	l.h += grow
	l.note.y += grow
}

// spot is where a label's text goes: its anchor point and anchor.
type spot struct{ x, y, anchor int }

// drawAnnotations draws the labels of reference lines and marks, and the
// key, as placeAnnotations placed them.
func drawAnnotations(r canvas, l *layout) {
	for _, t := range l.annots {
		drawLine(r, t)
	}
	for _, t := range l.key {
		drawLine(r, t)
	}
}

// rect is a box in drawing units, x0 <= x1 and y0 <= y1.
type rect struct{ x0, y0, x1, y1 int }

// overlaps reports whether a and b come within gap of each other.
func (a rect) overlaps(b rect, gap int) bool {
	return a.x0 < b.x1+gap && b.x0 < a.x1+gap && a.y0 < b.y1+gap && b.y0 < a.y1+gap
}

// shape is what one series draws: a polyline in pixels, in x order, and,
// with fill, the area between it and the line y = base.
type shape struct {
	pts  []pixel
	fill bool
	base int
	pad  int // half the stroke width, or a dot's radius, rounded up
}

// hits reports whether s's line (or dots) runs through r, and whether s
// draws its fill there. The points are in x order, so it looks only at
// the segments that reach r's columns.
func (s shape) hits(r rect) (line, fill bool) {
	x0, x1 := float64(r.x0-s.pad), float64(r.x1+s.pad)
	y0, y1 := float64(r.y0-s.pad), float64(r.y1+s.pad)
	seg := func(p, q pixel) {
		ya, yb := float64(p.y), float64(q.y)
		if q.x != p.x {
			at := func(x float64) float64 {
				return float64(p.y) + (x-float64(p.x))*float64(q.y-p.y)/float64(q.x-p.x)
			}
			ya, yb = at(math.Max(float64(p.x), x0)), at(math.Min(float64(q.x), x1))
		}
		lo, hi := math.Min(ya, yb), math.Max(ya, yb)
		if lo <= y1 && hi >= y0 {
			line = true
		}
		if s.fill {
			lo, hi = math.Min(lo, float64(s.base)), math.Max(hi, float64(s.base))
			if lo <= float64(r.y1) && hi >= float64(r.y0) {
				fill = true
			}
		}
	}
	if len(s.pts) == 1 {
		if p := s.pts[0]; float64(p.x) >= x0 && float64(p.x) <= x1 {
			seg(p, p)
		}
		return line, fill
	}
	// The first segment that ends at or right of x0.
	i, _ := slices.BinarySearchFunc(s.pts, x0, func(p pixel, x float64) int { return cmp.Compare(float64(p.x), x) })
	for i = max(i, 1); i < len(s.pts) && float64(s.pts[i-1].x) <= x1 && !line; i++ {
		seg(s.pts[i-1], s.pts[i])
	}
	return line, fill
}

// shapes returns what the series of c draw in the plot box, as lineSeries,
// barSeries and go-chart's dots draw them.
func shapes(c Chart, l *layout, box gochart.Box) []shape {
	var out []shape
	for i, s := range c.Series {
		yr := l.scale(s.Axis).r
		switch l.typ {
		case TypeHistogram:
			out = append(out, histShapes(l, box)...)
		case TypeStackedArea, TypeStackedBar:
			if i == 0 {
				out = append(out, stackShapes(c, l, box)...)
			}
		case TypeBar:
			offset, width := barPlace(l, len(c.Series), i)
			base := math.Min(math.Max(0, yr.GetMin()), yr.GetMax())
			yb := box.Bottom - yr.Translate(base)
			for k, v := range s.Y {
				if math.IsNaN(v) {
					continue
				}
				x := unixSeconds(s.X[k]) + offset
				x0 := box.Left + l.x.Translate(x-width/2)
				x1 := box.Left + l.x.Translate(x+width/2)
				yv := box.Bottom - yr.Translate(v)
				out = append(out, shape{pts: []pixel{{x0, yv}, {x1, yv}}, fill: true, base: yb})
			}
		case TypeScatter:
			xs, ys := points(s, 0, len(s.Y))
			pts := make([]pixel, len(xs))
			for k := range xs {
				pts[k] = pixel{box.Left + l.x.Translate(xs[k]), box.Bottom - yr.Translate(ys[k])}
			}
			for _, p := range pts {
				out = append(out, shape{pts: []pixel{p}, pad: 3})
			}
		default:
			base := min(box.Bottom, box.Bottom-yr.Translate(0))
			for _, sg := range segments(s.Y) {
				xs, ys := points(s, sg[0], sg[1])
				xs, ys = thin(xs, ys, l.x.GetMin(), l.x.GetMax(), 2*(l.plot.Right-l.plot.Left))
				pts := columnPoints(nil, box, l.x, yr, xs, ys)
				pad := 1
				if len(pts) == 1 {
					pad = 3 // a dot
				}
				out = append(out, shape{pts: pts, fill: l.typ == TypeArea && len(pts) > 1, base: base, pad: pad})
			}
		}
	}
	return out
}

// barPlace returns the offset from its date, in seconds, and the width of
// the bars of series i of n.
func barPlace(l *layout, n, i int) (offset, width float64) {
	group := l.slot * 0.8
	w := group / float64(n)
	return -group/2 + w*(float64(i)+0.5), w * 0.92
}

// placer chooses places for labels among the shapes of the series and the
// labels placed before.
type placer struct {
	shapes []shape
	taken  []rect
}

// cost is 0 for a place that covers nothing, 1 when it covers only an
// area's fill, and 2 when it covers a line segment, dot or bar. A place
// covers what runs under its box grown by the halo.
func (p *placer) cost(r rect) int {
	r = rect{r.x0 - haloPad, r.y0 - haloPad, r.x1 + haloPad, r.y1 + haloPad}
	worst := 0
	for _, s := range p.shapes {
		line, fill := s.hits(r)
		if line {
			return 2
		}
		if fill {
			worst = 1
		}
	}
	return worst
}

// place returns the index of the candidate to use, the first that covers
// nothing, else the first that covers only an area's fill (see the top of
// this file), and takes its box; or -1 when every candidate overlaps a
// label placed before or covers a line.
func (p *placer) place(cands []rect) int {
	best, bestCost := -1, 2
	for i, r := range cands {
		free := true
		for _, t := range p.taken {
			if r.overlaps(t, 4) {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		if c := p.cost(r); c < bestCost {
			best, bestCost = i, c
			if c == 0 {
				break
			}
		}
	}
	if best < 0 {
		return -1
	}
	p.taken = append(p.taken, cands[best])
	return best
}

// textBox is the box of a text of width w and font size size whose
// baseline starts at (x, y) with anchor.
func textBox(x, y, w int, size float64, anchor int) rect {
	switch anchor {
	case anchorMiddle:
		x -= w / 2
	case anchorEnd:
		x -= w
	}
	return rect{x0: x, y0: y - int(math.Ceil(size*0.78)), x1: x + w, y1: y + int(math.Ceil(size*0.22))}
}
