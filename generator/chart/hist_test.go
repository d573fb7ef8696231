package chart

import (
	"math"
	"sort"
	"strings"
	"testing"
)

// TestHistogramBins checks bins, counts and percentiles against a
// computation done here another way: a linear scan of every value against
// every bin, and percentiles from a sort.
func TestHistogramBins(t *testing.T) {
	c := goldenCharts()["histogram"]
	vals := append([]float64(nil), c.Series[0].Y...)
	sort.Float64s(vals)
	n := float64(len(vals))
	// Freedman–Diaconis by hand: quartiles by linear interpolation.
	q := func(p float64) float64 {
		x := p * (n - 1)
		i := math.Floor(x)
		return vals[int(i)] + (x-i)*(vals[int(i)+1]-vals[int(i)])
	}
	fd := 2 * (q(0.75) - q(0.25)) / math.Cbrt(n)
	edges, counts := Bins(c)
	w := edges[1] - edges[0]
	if w < fd || w > 2.5*fd {
		t.Errorf("bin width %g, want the FD width %g rounded up to a round step", w, fd)
	}
	if edges[0] > vals[0] || edges[len(edges)-1] < vals[len(vals)-1] {
		t.Errorf("edges %v do not cover %g..%g", edges, vals[0], vals[len(vals)-1])
	}
	total := 0
	for i, got := range counts {
		want := 0
		for _, v := range vals {
			if v >= edges[i] && (v < edges[i+1] || i == len(counts)-1 && v <= edges[i+1]) {
				want++
			}
		}
		if got != want {
			t.Errorf("bin %d [%g, %g): %d values, want %d", i, edges[i], edges[i+1], got, want)
		}
		total += got
	}
	if total != len(vals) {
		t.Errorf("bins hold %d values of %d", total, len(vals))
	}
	// bins: override: equal bins from the lowest to the highest value.
	c.Bins = 7
	edges, counts = Bins(c)
	if len(counts) != 7 || edges[0] != vals[0] || edges[7] != vals[len(vals)-1] {
		t.Errorf("bins 7: edges %v", edges)
	}
	sum := 0
	for _, k := range counts {
		sum += k
	}
	if sum != len(vals) {
		t.Errorf("bins 7 hold %d values of %d", sum, len(vals))
	}
	// The latest value's percentile rank: the share at or below it.
	last := c.Series[0].Y[len(c.Series[0].Y)-1]
	below := 0
	for _, v := range vals {
		if v <= last {
			below++
		}
	}
	rank := int(math.Round(float64(below) / n * 100))
	d := Describe(c)
	if want := "is at the " + Ordinal(rank) + " percentile"; !strings.Contains(d, want) {
		t.Errorf("description %q lacks %q", d, want)
	}
	if want := "median " + formatValue(c.Y, q(0.5), 2); !strings.Contains(d, want) {
		t.Errorf("description %q lacks %q", d, want)
	}
	if got := Percentile([]float64{1, 2, 3, 4}, 50); got != 2.5 {
		t.Errorf("Percentile(1..4, 50) = %g", got)
	}
	if got := PercentileRank([]float64{1, 2, 2, 3}, 2); got != 75 {
		t.Errorf("PercentileRank(2) = %g, want 75", got)
	}
}

func TestHistogramErrors(t *testing.T) {
	g := goldenCharts()
	for _, tc := range []struct {
		name string
		edit func(c *Chart)
		want string
	}{
		{"two series", func(c *Chart) { c.Series = append(c.Series, c.Series[0]) }, "a histogram draws one series, not 2"},
		{"bins", func(c *Chart) { c.Bins = 500 }, "bins 500 out of range [1, 200]"},
		{"percentile", func(c *Chart) { c.Percentiles = []float64{100} }, "percentile 100 out of range"},
		{"marks", func(c *Chart) { c.Marks = []Mark{{Date: date(1950, 1, 1)}} }, "a histogram has no log scale, reference lines, date marks"},
		{"bins on a line", func(c *Chart) { c.Type = TypeLine; c.Bins = 5 }, "belong to histograms"},
	} {
		c := g["histogram"]
		tc.edit(&c)
		if err := Validate(c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Validate = %v, want %q", tc.name, err, tc.want)
		}
	}
}
