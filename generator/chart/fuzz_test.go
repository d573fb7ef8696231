package chart

import (
	"encoding/binary"
	"math"
	"testing"
	"time"
)

// FuzzSVG draws charts from arbitrary values, types and labels: SVG either
// fails with an error or returns well-formed XML; it never panics.
func FuzzSVG(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 64}, uint8(0), "S&P <500>", false)
	f.Add([]byte{0, 0, 0, 0, 0, 0, 248, 127}, uint8(2), "", true)
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}, uint8(3), "a\x00b", false)
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}, uint8(200), "panels & <periods>", false) // narrow small multiples by period
	types := []string{TypeLine, TypeArea, TypeBar, TypeScatter, TypeStackedArea, TypeStackedBar, TypeHistogram, TypeHeatmap}
	r := NewRenderer()
	f.Fuzz(func(t *testing.T, data []byte, typ uint8, label string, log bool) {
		var s Series
		s.Label = label
		for i := 0; i+8 <= len(data) && i < 8*200; i += 8 {
			v := math.Float64frombits(binary.LittleEndian.Uint64(data[i:]))
			s.X = append(s.X, date(2000, 1, 1).Add(time.Duration(i/8)*24*time.Hour))
			s.Y = append(s.Y, v)
		}
		c := Chart{Title: label, Type: types[int(typ)%len(types)], Log: log, Series: []Series{s, s}, Note: label,
			Lines: []HLine{{Value: 1, Label: label}}, Narrow: typ >= 128}
		if len(s.X) > 0 {
			c.Marks = []Mark{{Date: s.X[len(s.X)/2], Label: label}}
			c.Bands = []Band{{From: s.X[len(s.X)/3], To: s.X[len(s.X)-1], Label: label}}
		}
		if c.Type == TypeHistogram {
			c.Series, c.Lines, c.Marks, c.Bands, c.Log = c.Series[:1], nil, nil, nil, false
			c.Bins, c.MarkLatest, c.Percentiles = int(typ)%9, true, []float64{50, float64(typ%99) + 0.5}
		}
		if c.Type == TypeHeatmap {
			m := &Matrix{Cols: []string{label, "b", "c"}}
			for i := 0; i+3 <= len(s.Y); i += 3 {
				m.Rows = append(m.Rows, label)
				m.Values = append(m.Values, s.Y[i:i+3])
			}
			c.Matrix, c.Series, c.Lines, c.Marks, c.Bands, c.Log = m, nil, nil, nil, nil, false
		}
		if (c.Type == TypeLine || c.Type == TypeArea) && typ&64 != 0 {
			// Small multiples: by period (the band's), or by series.
			c.Panels = &Panels{Periods: c.Bands, XTitle: label, Independent: typ&32 != 0}
			c.Lines, c.Marks, c.Bands, c.Log = nil, nil, nil, false
		}
		if isStacked(c.Type) {
			c.Total = label
			c.Series[1].Label += "2"
		}
		b, err := r.SVG(c)
		if err != nil {
			return
		}
		checkSVG(t, "fuzz", b)
	})
}
