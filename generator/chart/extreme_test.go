package chart

import (
	"math"
	"strings"
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

// TestTickLabelsAtExtremes checks the y ticks' labels where float noise
// or magnitude used to break them: values near a million that differ in
// the fourth decimal are labelled with four decimals, not a rounding error
// ("1,000,000.0024999999"), and an axis whose values are all below MinAbs
// is an error saying to scale them, not six ticks labelled 0.
func TestTickLabelsAtExtremes(t *testing.T) {
	xs := []time.Time{date(2000, 1, 1), date(2000, 1, 2), date(2000, 1, 3)}
	vs, _ := niceTicks(1000000.001, 1000000.003, 6)
	ts := make([]tick, len(vs))
	for i, v := range vs {
		ts[i] = tick{Value: v}
	}
	formatTicks(ts, Format{}, false)
	seen := map[string]bool{}
	for _, tk := range ts {
		if len(tk.Label) > len("1,000,000.0025") || seen[tk.Label] {
			t.Errorf("ticks %+v: want distinct labels of at most four decimals", ts)
			break
		}
		seen[tk.Label] = true
	}
	err := Validate(Chart{Series: []Series{{X: xs, Y: []float64{1e-300, 2e-300, 1e-300}}}})
	if err == nil || !strings.Contains(err.Error(), `too small to label its ticks: scale them, e.g. transforms: ["scale(1e9)"]`) {
		t.Errorf("values of 1e-300: %v, want an error saying to scale them", err)
	}
	if err := Validate(Chart{Series: []Series{{X: xs, Y: []float64{0, 1e-12, 100}}}}); err != nil {
		t.Errorf("a tiny value beside large ones: %v", err)
	}
}
