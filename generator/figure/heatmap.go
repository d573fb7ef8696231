package figure

import (
	"math"
	"strconv"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/render"
)

// Kinds of matrix a heatmap draws.
const (
	MatrixCorrelation = "correlation"
	MatrixYearMonth   = "year-month"
)

// checkHeatmap reports a matrix key without a heatmap, or a heatmap
// without a matrix.
func checkHeatmap(sp *Spec, typ string, fail func(line int, format string, args ...any)) {
	switch {
	case typ != chart.TypeHeatmap && sp.Matrix != "":
		fail(sp.keyLine("matrix"), "matrix belongs to heatmaps: it needs type: heatmap")
	case typ != chart.TypeHeatmap:
	case sp.Matrix == MatrixCorrelation:
		if len(sp.Series) < 2 {
			fail(sp.keyLine("series"), "a correlation heatmap needs at least two series")
		}
	case sp.Matrix == MatrixYearMonth:
		if len(sp.Series) != 1 {
			fail(sp.keyLine("series"), "a year-month heatmap draws one series, not %d", len(sp.Series))
		}
	default:
		fail(sp.keyLine("matrix"), "matrix %q: a heatmap needs matrix: correlation (between the series, over the range) or year-month (one series, by year and month)", sp.Matrix)
	}
}

// heatmapOf turns c's computed series into its heatmap's matrix: their
// correlations, or one series by year and month.
func heatmapOf(c *Computed, kind string) {
	m := &chart.Matrix{}
	if kind == MatrixCorrelation {
		rs := rows(c)
		for _, s := range c.Chart.Series {
			m.Rows = append(m.Rows, s.Label)
		}
		m.Cols = m.Rows
		m.Max = 1
		c.RowHead = "Series"
		for i := range m.Rows {
			row := make([]float64, len(m.Cols))
			for j := range row {
				row[j] = pearson(rs, i, j)
			}
			m.Values = append(m.Values, row)
		}
	} else {
		m.Cols = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
		c.RowHead = "Year"
		s := c.Chart.Series[0]
		for k, v := range s.Y {
			if math.IsNaN(v) {
				continue
			}
			y := strconv.Itoa(s.X[k].Year())
			if len(m.Rows) == 0 || m.Rows[len(m.Rows)-1] != y {
				for len(m.Rows) > 0 && m.Rows[len(m.Rows)-1] < y && nextYear(m.Rows[len(m.Rows)-1]) != y {
					m.Rows = append(m.Rows, nextYear(m.Rows[len(m.Rows)-1]))
					m.Values = append(m.Values, emptyRow())
				}
				m.Rows = append(m.Rows, y)
				m.Values = append(m.Values, emptyRow())
			}
			m.Values[len(m.Values)-1][s.X[k].Month()-time.January] = v // the month's last value
		}
	}
	c.Chart.Matrix = m
	c.Chart.Series = nil
}

func nextYear(y string) string {
	n, _ := strconv.Atoi(y)
	return strconv.Itoa(n + 1)
}

func emptyRow() []float64 {
	r := make([]float64, 12)
	for i := range r {
		r[i] = math.NaN()
	}
	return r
}

// pearson is the correlation of the values of series i and j over the
// rows where both have one; NaN with fewer than three such rows or a
// series that does not vary there.
func pearson(rs *rowSet, i, j int) float64 {
	var n, sx, sy float64
	for r := range rs.len() {
		v := rs.values(r)
		if !math.IsNaN(v[i]) && !math.IsNaN(v[j]) {
			n++
			sx += v[i]
			sy += v[j]
		}
	}
	if n < 3 {
		return math.NaN()
	}
	mx, my := sx/n, sy/n
	var cxy, cxx, cyy float64
	for r := range rs.len() {
		v := rs.values(r)
		if !math.IsNaN(v[i]) && !math.IsNaN(v[j]) {
			dx, dy := v[i]-mx, v[j]-my
			cxy += dx * dy
			cxx += dx * dx
			cyy += dy * dy
		}
	}
	if cxx == 0 || cyy == 0 {
		return math.NaN()
	}
	return math.Max(-1, math.Min(1, cxy/math.Sqrt(cxx*cyy)))
}

// matrixCSV writes a heatmap's matrix: a first column of row names, then
// a column per column name.
func matrixCSV(m *chart.Matrix) []byte {
	b := []byte("")
	for _, c := range m.Cols {
		b = append(b, ',')
		b = append(b, csvField(c)...)
	}
	b = append(b, '\n')
	for i, row := range m.Values {
		b = append(b, csvField(m.Rows[i])...)
		for _, v := range row {
			b = append(b, ',')
			if !math.IsNaN(v) {
				b = appendComputed(b, v)
			}
		}
		b = append(b, '\n')
	}
	return b
}

// matrixTable is a heatmap's data table: a column of row heads under
// c.RowHead (a screen reader reads a corner cell as the header of its
// column, so it is named, not empty), then a column per column name.
func matrixTable(c *Computed) *render.TableView {
	m, f := c.Chart.Matrix, c.Chart.Y
	t := &render.TableView{Head: append([]string{c.RowHead}, m.Cols...)}
	for i, row := range m.Values {
		out := []string{m.Rows[i]}
		for _, v := range row {
			if math.IsNaN(v) {
				out = append(out, "–")
				continue
			}
			d := tableDecimals(v, f.Decimals)
			if m.Max == 1 && f.Decimals == 0 {
				d = 2
			}
			out = append(out, formatValue(v, f.Kind, f.Currency, d, false))
		}
		t.Rows = append(t.Rows, out)
	}
	return t
}
