package chart

import (
	"math"
	"testing"
)

// BenchmarkForms draws each chart form from the data of benchChart (3
// series × 1,000 days), beside a line chart of the same data, wide and
// narrow, so each form's cost reads against the line's.
func BenchmarkForms(b *testing.B) {
	base := benchChart()
	forms := map[string]func() Chart{
		"line": func() Chart { return base },
		"bar":  func() Chart { c := base; c.Type = TypeBar; return c },
		"bands": func() Chart {
			c := base
			xs := c.Series[0].X
			for i := 0; i+30 < len(xs); i += 50 {
				c.Bands = append(c.Bands, Band{From: xs[i], To: xs[i+30], Label: "Band"})
			}
			return c
		},
		"stacked-area": func() Chart { c := base; c.Type = TypeStackedArea; c.Total = "Total"; return c },
		"stacked-bar": func() Chart {
			c := base
			c.Type, c.Total = TypeStackedBar, "Total"
			c.Series = append([]Series(nil), c.Series...)
			for i := range c.Series { // contributions of either sign
				s := c.Series[i]
				ys := make([]float64, len(s.Y))
				for k := 1; k < len(ys); k++ {
					ys[k] = math.Round((s.Y[k]/s.Y[k-1]-1)*10000) / 100
				}
				c.Series[i].Y = ys
			}
			return c
		},
		"histogram": func() Chart {
			c := base
			c.Type, c.Series, c.MarkLatest, c.Percentiles = TypeHistogram, c.Series[:1], true, []float64{50, 95}
			return c
		},
	}
	forms["panels"] = func() Chart { c := base; c.Panels = &Panels{}; return c }
	forms["panels-periods"] = func() Chart {
		c := base
		xs := c.Series[0].X
		c.Panels = &Panels{Periods: []Band{{From: xs[0], To: xs[299]}, {From: xs[350], To: xs[649]}, {From: xs[700], To: xs[999]}}}
		return c
	}
	forms["heatmap"] = func() Chart {
		// The first series' 1,000 days as 20 rows of 12 "months" of
		// returns, and a correlation heatmap of the three series.
		m := &Matrix{}
		ys := base.Series[0].Y
		for r := range 20 {
			m.Rows = append(m.Rows, string(rune('A'+r)))
			row := make([]float64, 12)
			for k := range row {
				i := 1 + r*12 + k
				row[k] = math.Round((ys[i]/ys[i-1]-1)*10000) / 100
			}
			m.Values = append(m.Values, row)
		}
		m.Cols = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
		return Chart{Title: "Heatmap", Type: TypeHeatmap, Matrix: m}
	}
	for _, name := range []string{"line", "bar", "bands", "stacked-area", "stacked-bar", "histogram", "heatmap", "panels", "panels-periods"} {
		c := forms[name]()
		for _, narrow := range []bool{false, true} {
			c.Narrow = narrow
			sub := name
			if narrow {
				sub += "/narrow"
			}
			b.Run(sub, func(b *testing.B) {
				r := NewRenderer()
				b.ReportAllocs()
				for b.Loop() {
					if _, err := r.SVG(c); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
