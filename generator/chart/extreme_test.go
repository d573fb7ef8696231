package chart

import (
	"math"
	"testing"
	"time"
)

// TestExtremes draws values at the limits of float64: no panic, no hang,
// and either an error or a valid SVG.
func TestExtremes(t *testing.T) {
	r := NewRenderer()
	cases := [][]float64{
		{5e-324, 1e308}, {-math.MaxFloat64, math.MaxFloat64}, {1e-300, 1e300}, {0, 5e-324}, {1, 1 + 1e-15},
		{math.SmallestNonzeroFloat64}, {-1e308, -1e308},
	}
	for _, ys := range cases {
		for _, log := range []bool{false, true} {
			for i, typ := range []string{TypeLine, TypeArea, TypeBar, TypeLine, TypeArea, TypeBar} {
				xs := make([]time.Time, len(ys))
				for i := range xs {
					xs[i] = date(2000, 1, 1+i)
				}
				start := time.Now()
				c := Chart{Type: typ, Log: log, Series: []Series{{X: xs, Y: ys}}, Narrow: i >= 3,
					Lines: []HLine{{Value: ys[0], Label: "ref"}}, Marks: []Mark{{Date: xs[0], Label: "mark"}}}
				b, err := r.SVG(c)
				if err == nil {
					checkSVG(t, "extreme", b)
					if _, err := r.PNG(c, 1); err != nil {
						t.Errorf("%v log=%v %s: SVG but no PNG: %v", ys, log, typ, err)
					}
				}
				if d := time.Since(start); d > time.Second {
					t.Errorf("%v log=%v %s: took %v", ys, log, typ, d)
				}
			}
		}
	}
}
