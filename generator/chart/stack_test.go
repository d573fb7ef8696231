package chart

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestStackTotals checks the stack against sums computed here: at each
// date the positive values pile up from zero and the negative ones down,
// and the total is the plain sum; series with dates of their own are
// aligned, a missing value adding nothing.
func TestStackTotals(t *testing.T) {
	d := func(m int) time.Time { return date(2020, time.Month(m), 1) }
	c := Chart{Type: TypeStackedBar, Total: "Total", Series: []Series{
		{Label: "a", X: []time.Time{d(1), d(2), d(3)}, Y: []float64{1, -2, 3}},
		{Label: "b", X: []time.Time{d(2), d(3), d(4)}, Y: []float64{5, -1, 2}},
		{Label: "c", X: []time.Time{d(1), d(3)}, Y: []float64{-4, math.NaN()}},
	}}
	if err := Validate(c); err != nil {
		t.Fatal(err)
	}
	st := stackOf(c)
	want := []struct {
		total     float64
		base, top [3]float64
	}{
		{-3, [3]float64{0, 1, 0}, [3]float64{1, 1, -4}}, // a 1, b none, c −4
		{3, [3]float64{0, 0, 5}, [3]float64{-2, 5, 5}},  // a −2, b 5
		{2, [3]float64{0, 0, 3}, [3]float64{3, -1, 3}},  // a 3, b −1, c a gap (at the top of the positives)
		{2, [3]float64{0, 0, 2}, [3]float64{0, 2, 2}},   // b 2
	}
	if len(st.dates) != 4 {
		t.Fatalf("%d dates, want 4", len(st.dates))
	}
	for k, w := range want {
		if st.total[k] != w.total {
			t.Errorf("date %d: total %g, want %g", k, st.total[k], w.total)
		}
		for i := range 3 {
			if st.base[i][k] != w.base[i] || st.top[i][k] != w.top[i] {
				t.Errorf("date %d series %d: %g..%g, want %g..%g", k, i, st.base[i][k], st.top[i][k], w.base[i], w.top[i])
			}
		}
	}
	if lo, hi := st.extent(); lo != -4 || hi != 5 {
		t.Errorf("extent %g..%g, want -4..5", lo, hi)
	}
}

// TestStackedGolden checks the drawn stacked areas against the data: the
// golden shares add up to 100 at every date, so the top of the last band
// is the top of the plot; and the stacked bars' total is described with
// the sums computed here.
func TestStackedGolden(t *testing.T) {
	g := goldenCharts()
	area := g["stacked-area"]
	for k := range area.Series[0].Y {
		sum := 0.0
		for _, s := range area.Series {
			sum += s.Y[k]
		}
		if math.Abs(sum-100) > 1e-9 {
			t.Fatalf("shares add up to %g at %d", sum, k)
		}
	}
	r := NewRenderer()
	b, err := r.SVG(area)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "stacked-area", b)
	// The last series' path starts at the top of the stack at the first
	// date, which is 100, the top of the axis: the y of the 100% grid line.
	s := string(b)
	path := regexp.MustCompile(`<path class="ts-series ts-series-2" d="M(\d+) (\d+)`).FindStringSubmatch(s)
	label := regexp.MustCompile(`<text class="ts-label" x="\d+" y="(\d+)"[^>]*>100%<`).FindStringSubmatch(s)
	if path == nil || label == nil {
		t.Fatalf("no path of the last series or no 100%% label in\n%s", s)
	}
	py, _ := strconv.Atoi(path[2])
	ly, _ := strconv.Atoi(label[1])
	if d := ly - py; d < 0 || d > 10 { // the label's baseline sits a little under its grid line
		t.Errorf("top of the stack at y=%d, the 100%% label's baseline at %d", py, ly)
	}
	bar := g["stacked-bar"]
	var want []string
	for _, k := range []int{0, len(bar.Series[0].Y) - 1} {
		sum := 0.0
		for _, s := range bar.Series {
			sum += s.Y[k]
		}
		want = append(want, formatValue(bar.Y, sum, 1))
	}
	d := Describe(bar)
	if !strings.HasPrefix(d, "Stacked bar chart of 3 series") || !strings.Contains(d, "Total return: "+want[0]+" on Dec 31, 2013 and "+want[1]+" on Dec 31, 2024") {
		t.Errorf("description %q lacks the totals %v", d, want)
	}
}

func TestStackErrors(t *testing.T) {
	g := goldenCharts()
	for _, tc := range []struct {
		name string
		edit func(c *Chart)
		want string
	}{
		{"negative area", func(c *Chart) { c.Series[1].Y[3] = -1 }, `series 2 ("Financials"): value -1 at point 4 (2004-04-01) is negative`},
		{"right axis", func(c *Chart) { c.Series[1].Axis = Right }, "a stacked-area chart has one axis"},
		{"log", func(c *Chart) { c.Log = true }, "cannot use a log scale"},
		{"total on a line", func(c *Chart) { c.Type = TypeLine; c.Total = "T" }, "needs a stacked type (stacked-area, stacked-bar)"},
		{"unknown type", func(c *Chart) { c.Type = "stacked" }, "types: line, area, bar, scatter, stacked-area, stacked-bar"},
	} {
		c := g["stacked-area"]
		c.Series = append([]Series(nil), c.Series...)
		c.Series[1].Y = append([]float64(nil), c.Series[1].Y...)
		tc.edit(&c)
		if err := Validate(c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Validate = %v, want %q", tc.name, err, tc.want)
		}
	}
}
