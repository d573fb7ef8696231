package chart

import (
	"fmt"
	"math"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// TypeHeatmap draws Chart.Matrix as a grid of coloured cells.
const TypeHeatmap = "heatmap"

// Limits on a heatmap's matrix.
const (
	MaxHeatRows = 80
	MaxHeatCols = 24
)

// Matrix is the data of a heatmap: Values[i][j] is the cell of row i and
// column j, NaN for an empty cell.
type Matrix struct {
	Rows, Cols []string
	Values     [][]float64
	// Max is the magnitude at either end of the colour scale, which is
	// centred on zero; 0 takes the largest magnitude of the values
	// (correlations pass 1).
	Max float64
}

// heatPalette is ColorBrewer's PuOr, a diverging scale that readers with
// the common colour-vision deficiencies can tell apart: orange for
// negative values, near white at zero, purple for positive ones.
var heatPalette = [...]drawing.Color{
	{R: 0xb3, G: 0x58, B: 0x06, A: 255}, {R: 0xe0, G: 0x82, B: 0x14, A: 255}, {R: 0xfd, G: 0xb8, B: 0x63, A: 255},
	{R: 0xfe, G: 0xe0, B: 0xb6, A: 255}, {R: 0xf7, G: 0xf7, B: 0xf7, A: 255}, {R: 0xd8, G: 0xda, B: 0xeb, A: 255},
	{R: 0xb2, G: 0xab, B: 0xd2, A: 255}, {R: 0x80, G: 0x73, B: 0xac, A: 255}, {R: 0x54, G: 0x27, B: 0x88, A: 255},
}

// heatColor maps v in [-m, m] onto heatPalette, interpolating between its
// colours.
func heatColor(v, m float64) drawing.Color {
	t := (math.Max(-1, math.Min(1, v/m)) + 1) / 2 * float64(len(heatPalette)-1)
	i := min(int(t), len(heatPalette)-2)
	f := t - float64(i)
	a, b := heatPalette[i], heatPalette[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return drawing.Color{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 255}
}

// textOn returns the text colour, black or white, with the higher
// contrast on bg (WCAG relative luminance): at least 4.5:1 on every colour
// of heatPalette's scale.
func textOn(bg drawing.Color) drawing.Color {
	lin := func(c uint8) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(bg.R) + 0.7152*lin(bg.G) + 0.0722*lin(bg.B)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return drawing.Color{A: 255}
	}
	return drawing.ColorWhite
}

// heatMax is the magnitude at the ends of m's colour scale.
func heatMax(m *Matrix) float64 {
	if m.Max > 0 {
		return m.Max
	}
	hi := 0.0
	for _, row := range m.Values {
		for _, v := range row {
			if !math.IsNaN(v) {
				hi = math.Max(hi, math.Abs(v))
			}
		}
	}
	if hi == 0 {
		return 1
	}
	return hi
}

// validateHeatmap checks a heatmap's matrix.
func validateHeatmap(c Chart) error {
	m := c.Matrix
	if c.Type != TypeHeatmap {
		if m != nil {
			return fmt.Errorf("chart: a matrix belongs to heatmaps, not to %q charts", c.Type)
		}
		return nil
	}
	switch {
	case m == nil || len(m.Rows) == 0 || len(m.Cols) == 0:
		return fmt.Errorf("chart: a heatmap needs a matrix with rows and columns")
	case len(m.Rows) > MaxHeatRows || len(m.Cols) > MaxHeatCols:
		return fmt.Errorf("chart: a heatmap of %d rows and %d columns is too large (at most %d rows and %d columns)", len(m.Rows), len(m.Cols), MaxHeatRows, MaxHeatCols)
	case len(m.Values) != len(m.Rows):
		return fmt.Errorf("chart: a heatmap has %d rows but %d rows of values", len(m.Rows), len(m.Values))
	case math.IsNaN(m.Max) || math.IsInf(m.Max, 0) || m.Max < 0 || m.Max > MaxAbs:
		return fmt.Errorf("chart: a heatmap's scale %g is not a magnitude", m.Max)
	}
	any := false
	for i, row := range m.Values {
		if len(row) != len(m.Cols) {
			return fmt.Errorf("chart: heatmap row %d (%q) has %d values for %d columns", i+1, m.Rows[i], len(row), len(m.Cols))
		}
		for j, v := range row {
			if math.IsInf(v, 0) || math.Abs(v) > MaxAbs {
				return fmt.Errorf("chart: heatmap cell %q, %q: value %g is out of range", m.Rows[i], m.Cols[j], v)
			}
			any = any || !math.IsNaN(v)
		}
	}
	if !any {
		return fmt.Errorf("chart: a heatmap without values (every cell is empty)")
	}
	if c.Log || len(c.Lines) > 0 || len(c.Marks) > 0 || len(c.Bands) > 0 || c.Total != "" || len(c.Series) > 0 {
		return fmt.Errorf("chart: a heatmap draws its matrix: no series, log scale, reference lines, marks, bands or total")
	}
	return nil
}

// heatGrid is where a heatmap's parts go.
type heatGrid struct {
	left, top, cw, ch  int        // the grid's corner and cell size
	rowEvery, colEvery int        // label every n-th row and column
	colLines           [][]string // each column's label, in lines
	colLevel           []int      // 0: the labels' lower row; 1: above it
	levelLines         [2]int     // the lines of each row of labels
	lineH              int        // the distance of a label's lines
	values             bool       // the values fit in the cells
	valueSize          float64
	scaleY             int // the colour scale's strip
}

// heatLayout lays out a heatmap below y (the header of a PNG): column
// labels, then the grid with row labels at its left, then the colour
// scale and the note. The drawing's height follows from the rows.
func (r *Renderer) heatLayout(c Chart, l *layout, y int) {
	m := c.Matrix
	g := &heatGrid{rowEvery: 1, colEvery: 1}
	fontH := int(math.Round(l.axisSize))
	rowLabel := 0
	for _, s := range m.Rows {
		rowLabel = max(rowLabel, r.measure(s, l.axisSize))
	}
	g.left = margin + room(rowLabel) + labelGap // room for a wider font
	g.cw = max(4, (l.w-margin-g.left)/len(m.Cols))
	g.colLines, g.colLevel, g.levelLines = r.heatColumnLabels(m.Cols, g.cw, l)
	lines := g.levelLines[0] + g.levelLines[1]
	if lines == 1 {
		colLabel := 0
		for _, s := range m.Cols {
			colLabel = max(colLabel, r.roomFor(s, l.axisSize))
		}
		for g.colEvery*g.cw < colLabel+l.px(6) && g.colEvery < len(m.Cols) {
			g.colEvery++
		}
	}
	g.lineH = int(math.Round(l.axisSize * 1.2))
	g.top = y + fontH + (lines-1)*g.lineH + l.px(8)
	// Cells are as tall as a line of text and a half, more when they are
	// wide, at most two thirds of their width.
	g.ch = max(fontH+l.px(7), min(g.cw*2/3, 2*fontH+l.px(8)))
	for g.rowEvery*g.ch < fontH+2 {
		g.rowEvery++
	}
	// Values go in the cells when every one fits, with room for a wider
	// browser font.
	g.valueSize = l.axisSize
	g.values = true
	dec := heatDecimals(c.Y, m)
	for _, row := range m.Values {
		for _, v := range row {
			if !math.IsNaN(v) && r.roomFor(formatValue(c.Y, v, dec), g.valueSize)+l.px(4) > g.cw {
				g.values = false
			}
		}
	}
	if g.ch < int(math.Round(g.valueSize))+4 {
		g.values = false
	}
	g.scaleY = g.top + len(m.Rows)*g.ch + l.px(14)
	h := g.scaleY + l.px(10) + l.px(6) + fontH + margin
	if c.Note != "" {
		h += int(math.Round(l.noteSize)) + 9
	}
	l.h = h
	if c.Note != "" {
		l.note = textLine{text: c.Note, x: margin, y: h - margin - 2, size: l.noteSize, class: "ts-note", color: colNote}
	}
	l.heat = g
	l.plot = gochart.Box{Top: g.top, Left: g.left, Right: g.left + g.cw*len(m.Cols), Bottom: g.top + g.ch*len(m.Rows), IsSet: true}
	l.x = &linRange{min: 0, max: 1}
	l.left = axisScale{r: &linRange{min: 0, max: 1}}
	l.right = axisScale{r: &linRange{min: 0, max: 1}}
}

// heatColumnLabels lays out the column labels over cells cw wide: each
// wraps onto lines as wide as its cell; when neighbours would still touch,
// every other label goes up a row (level 1), so neighbours on a row are two
// cells apart. A label may take up to three lines in one row, two in two
// rows. When they do not fit either way, each label is one line on level
// 0, and the caller labels every n-th column.
func (r *Renderer) heatColumnLabels(cols []string, cw int, l *layout) (lines [][]string, level []int, levelLines [2]int) {
	measure := func(s string) int { return r.measure(s, l.axisSize) }
	lines = make([][]string, len(cols))
	level = make([]int, len(cols))
	widest := make([]int, len(cols)) // with room for a wider font
	most := 1
	for j, s := range cols {
		lines[j] = wrap(s, cw-l.px(6), measure)
		most = max(most, len(lines[j]))
		for _, w := range lines[j] {
			widest[j] = max(widest[j], r.roomFor(w, l.axisSize))
		}
	}
	fits := func(step, maxLines int) bool {
		for j := step; j < len(cols); j++ {
			if (widest[j-step]+widest[j])/2+l.px(6) > step*cw {
				return false
			}
		}
		return most <= maxLines
	}
	switch {
	case fits(1, 3):
		return lines, level, [2]int{most, 0}
	case fits(2, 2):
		for j := range cols {
			level[j] = j % 2
			levelLines[j%2] = max(levelLines[j%2], len(lines[j]))
		}
		return lines, level, levelLines
	}
	for j, s := range cols {
		lines[j] = []string{s}
	}
	return lines, level, [2]int{1, 0}
}

// heatDecimals is the number of decimals of a heatmap's values: the
// format's, else 2 for values below 1 in magnitude (correlations), else 1.
func heatDecimals(f Format, m *Matrix) int {
	switch {
	case f.Decimals == NoDecimals:
		return 0
	case f.Decimals > 0:
		return f.Decimals
	}
	if heatMax(m) <= 1 {
		return 2
	}
	return 1
}

// heatSeries draws a heatmap: its cells, values, labels and colour scale.
type heatSeries struct {
	c Chart
	l *layout
}

func (s *heatSeries) GetName() string             { return "heatmap" }
func (s *heatSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }
func (s *heatSeries) GetStyle() gochart.Style     { return gochart.Style{} }
func (s *heatSeries) Validate() error             { return nil }

func (s *heatSeries) Render(rr gochart.Renderer, _ gochart.Box, _, _ gochart.Range, _ gochart.Style) {
	r := rr.(canvas)
	c, l, g, m := s.c, s.l, s.l.heat, s.c.Matrix
	hm := heatMax(m)
	dec := heatDecimals(c.Y, m)
	// Cells, each its own colour, each followed by its value (so the
	// value's background is the element before it).
	mid := int(math.Round(g.valueSize * 0.36))
	for i, row := range m.Values {
		for j, v := range row {
			if math.IsNaN(v) {
				continue
			}
			r.ResetStyle()
			r.SetClassName("ts-cell")
			bg := heatColor(v, hm)
			r.SetFillColor(bg)
			x, y := g.left+j*g.cw, g.top+i*g.ch
			rectPath(r, x, x+g.cw-1, y, y+g.ch-1)
			r.Fill()
			if g.values {
				setText(r, "ts-cell-value", g.valueSize, textOn(bg))
				r.anchoredText(formatValue(c.Y, v, dec), x+(g.cw-1)/2, y+(g.ch-1)/2+mid, anchorMiddle)
			}
		}
	}
	// Labels: columns above the grid, rows at its left.
	// Row labels start at the margin: the browser's font may be wider than
	// the one they were measured with, and heatLayout left room for that.
	setText(r, "ts-label", l.axisSize, colLabel)
	mid = int(math.Round(l.axisSize * 0.36))
	for j, lines := range g.colLines {
		if j%g.colEvery != 0 {
			continue
		}
		above := (len(lines) - 1) + g.colLevel[j]*g.levelLines[0]
		for k, line := range lines {
			hw := (room(r.MeasureText(line).Width()) + 1) / 2
			x := max(min(g.left+j*g.cw+(g.cw-1)/2, l.w-2-hw), 2+hw)
			r.anchoredText(line, x, g.top-l.px(6)-(above-k)*g.lineH, anchorMiddle)
		}
	}
	for i, name := range m.Rows {
		if i%g.rowEvery == 0 {
			r.anchoredText(name, margin, g.top+i*g.ch+(g.ch-1)/2+mid, anchorStart)
		}
	}
	// The colour scale: a strip from −max to +max under the grid, labelled
	// at its ends and middle.
	w := min(l.w-margin-g.left, l.px(240))
	steps := 24
	sh := l.px(10)
	for k := range steps {
		v := -hm + (float64(k)+0.5)/float64(steps)*2*hm
		r.ResetStyle()
		r.SetClassName("ts-cell")
		r.SetFillColor(heatColor(v, hm))
		rectPath(r, g.left+k*w/steps, g.left+(k+1)*w/steps, g.scaleY, g.scaleY+sh)
		r.Fill()
	}
	setText(r, "ts-label", l.axisSize, colLabel)
	ty := g.scaleY + sh + l.px(4) + int(math.Round(l.axisSize))
	r.anchoredText(formatValue(c.Y, -hm, dec), g.left, ty, anchorStart)
	r.anchoredText(formatValue(c.Y, 0, dec), g.left+w/2, ty, anchorMiddle)
	r.anchoredText(formatValue(c.Y, hm, dec), g.left+w, ty, anchorEnd)
}

// describeHeatmap describes a heatmap: its size and its extreme cells.
func describeHeatmap(b *strings.Builder, c Chart) {
	m := c.Matrix
	dec := heatDecimals(c.Y, m)
	lo, hi := [2]int{-1, -1}, [2]int{-1, -1}
	n := 0
	for i, row := range m.Values {
		for j, v := range row {
			if math.IsNaN(v) {
				continue
			}
			n++
			if lo[0] < 0 || v < m.Values[lo[0]][lo[1]] {
				lo = [2]int{i, j}
			}
			if hi[0] < 0 || v > m.Values[hi[0]][hi[1]] {
				hi = [2]int{i, j}
			}
		}
	}
	fmt.Fprintf(b, "Heatmap of %d rows (%s to %s) and %d columns (%s to %s), %d cells with values, coloured from %s to %s.",
		len(m.Rows), m.Rows[0], m.Rows[len(m.Rows)-1], len(m.Cols), m.Cols[0], m.Cols[len(m.Cols)-1], n,
		formatValue(c.Y, -heatMax(m), dec), formatValue(c.Y, heatMax(m), dec))
	cell := func(p [2]int) string {
		return fmt.Sprintf("%s (%s, %s)", formatValue(c.Y, m.Values[p[0]][p[1]], dec), m.Rows[p[0]], m.Cols[p[1]])
	}
	fmt.Fprintf(b, " Highest %s; lowest %s.", cell(hi), cell(lo))
}
