package chart

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	gochart "github.com/wcharczuk/go-chart/v2"
)

// TypeHistogram draws the distribution of the values of one series: bars
// of the number of values in each bin, the values on the x axis.
const TypeHistogram = "histogram"

// Limits on Chart.Bins.
const MaxBins = 200

// vmark is a labelled vertical line at x value at (Unix seconds on a time
// axis).
type vmark struct {
	at    float64
	label string
}

// histogram is the distribution of a series' values: bin i holds the
// values in [edges[i], edges[i+1]), the last bin also its upper edge.
type histogram struct {
	edges  []float64
	counts []int
	sorted []float64 // the values, ascending, gaps left out
	last   float64   // the latest value
	lastAt int       // its index in the series
}

func (h histogram) maxCount() float64 {
	m := 0
	for _, c := range h.counts {
		m = max(m, c)
	}
	return float64(m)
}

// histogramOf bins the values of c's first series: into c.Bins bins of
// equal width from the lowest value to the highest, or, when Bins is 0,
// into bins of the Freedman–Diaconis width 2·IQR/n^(1/3) rounded up to 1,
// 2, 2.5 or 5 × 10^k, with edges at multiples of it (Sturges' number of
// bins when the interquartile range is zero).
func histogramOf(c Chart) histogram {
	s := c.Series[0]
	h := histogram{lastAt: -1}
	for i, y := range s.Y {
		if !math.IsNaN(y) {
			h.sorted = append(h.sorted, y)
			h.last, h.lastAt = y, i
		}
	}
	slices.Sort(h.sorted)
	n := len(h.sorted)
	lo, hi := h.sorted[0], h.sorted[n-1]
	switch {
	case lo == hi:
		d := math.Max(math.Abs(lo)*0.05, 0.5)
		h.edges = []float64{lo - d, hi + d}
	case c.Bins > 0:
		h.edges = equalEdges(lo, hi, c.Bins)
	default:
		w := 2 * (Percentile(h.sorted, 75) - Percentile(h.sorted, 25)) / math.Cbrt(float64(n))
		sturges := int(math.Ceil(math.Log2(float64(n)))) + 1
		if w <= 0 {
			w = (hi - lo) / float64(sturges)
		}
		w = math.Max(niceStepUp(w), (hi-lo)/MaxBins)
		start := math.Floor(lo/w) * w
		bins := math.Ceil((hi-start)/w) + 1
		if !(w > 0) || !(bins <= MaxBins+1) || start+w == start {
			// Values so close together, or so small, that round bins
			// cannot be had in floating point: equal bins instead.
			h.edges = equalEdges(lo, hi, min(sturges, MaxBins))
			break
		}
		for k := 0.0; k <= bins; k++ {
			e := start + k*w
			h.edges = append(h.edges, e)
			if e > hi {
				break
			}
		}
	}
	h.counts = make([]int, len(h.edges)-1)
	for _, v := range h.sorted {
		i := sortSearch(h.edges, v)
		h.counts[min(i, len(h.counts)-1)]++
	}
	return h
}

// equalEdges returns the edges of k equal bins from lo to hi.
func equalEdges(lo, hi float64, k int) []float64 {
	out := make([]float64, k+1)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/float64(k)
	}
	out[k] = hi
	return out
}

// sortSearch returns the bin of v: the last i with edges[i] <= v.
func sortSearch(edges []float64, v float64) int {
	i, _ := slices.BinarySearch(edges, v)
	if i < len(edges) && edges[i] == v {
		return i
	}
	return max(i-1, 0)
}

// niceStepUp rounds w up to 1, 2, 2.5 or 5 × 10^k.
func niceStepUp(w float64) float64 {
	if !(w > 0) || math.IsInf(w, 0) {
		return w
	}
	p := math.Pow(10, math.Floor(math.Log10(w)))
	for _, m := range niceMantissas {
		if m*p >= w*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// Percentile returns the p-th percentile (0..100) of sorted values by
// linear interpolation between closest ranks (the default of numpy and
// R's type 7).
func Percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	x := p / 100 * float64(len(sorted)-1)
	i := int(math.Floor(x))
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (x-float64(i))*(sorted[i+1]-sorted[i])
}

// PercentileRank returns the share, in percent, of sorted values at or
// below v: "today's value is at the 95th percentile".
func PercentileRank(sorted []float64, v float64) float64 {
	i, found := slices.BinarySearch(sorted, v)
	for found && i < len(sorted) && sorted[i] == v {
		i++
	}
	return float64(i) / float64(len(sorted)) * 100
}

// Bins returns the bin edges and counts of a histogram chart's values.
func Bins(c Chart) (edges []float64, counts []int) {
	h := histogramOf(c)
	return h.edges, h.counts
}

// Ordinal writes n as "1st", "22nd", "95th".
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// leftFormat is the format of the left axis's labels: the values' format,
// or plain numbers for a histogram's counts.
func leftFormat(c Chart) Format {
	if c.Type == TypeHistogram {
		return Format{Decimals: NoDecimals}
	}
	return c.Y
}

// histMarks returns a histogram's markers: each percentile asked for,
// then the latest value.
func histMarks(c Chart, h histogram) []vmark {
	var out []vmark
	for _, p := range c.Percentiles {
		v := Percentile(h.sorted, p)
		out = append(out, vmark{v, percentileName(p) + " " + formatValue(c.Y, v, valueDecimals(c.Y, v))})
	}
	if c.MarkLatest {
		out = append(out, vmark{h.last, "Latest " + formatValue(c.Y, h.last, valueDecimals(c.Y, h.last))})
	}
	return out
}

func percentileName(p float64) string {
	if p == 50 {
		return "Median"
	}
	return strings.TrimSuffix(strconv.FormatFloat(p, 'f', -1, 64), ".0") + pctSuffix(p) + " percentile"
}

func pctSuffix(p float64) string {
	if p != math.Trunc(p) {
		return "th"
	}
	return strings.TrimPrefix(Ordinal(int(p)), strconv.Itoa(int(p)))
}

// histogramX lays out a histogram's x axis: the values, from the first
// bin edge to the last, with round ticks whose labels fit.
func (r *Renderer) histogramX(c Chart, l *layout, measure func(string) int) {
	h := *l.hist
	lo, hi := h.edges[0], h.edges[len(h.edges)-1]
	plotW := l.plot.Right - l.plot.Left
	for maxN := 10; maxN >= 1; maxN-- {
		vs, step := niceTicks(lo, hi, maxN)
		dec := stepDecimals(step)
		ticks := make([]tick, 0, len(vs))
		widest := 0
		for _, v := range vs {
			if v < lo-1e-9*math.Abs(step) || v > hi+1e-9*math.Abs(step) {
				continue
			}
			t := tick{Value: v, Label: formatValue(c.Y, v, dec)}
			widest = max(widest, measure(t.Label))
			ticks = append(ticks, t)
		}
		if maxN == 1 || len(ticks) <= 1 || (widest+l.px(14))*(len(ticks)) <= plotW {
			l.xticks = ticks
			break
		}
	}
	l.x = &linRange{min: lo, max: hi}
	l.vmarks = histMarks(c, h)
}

// histSeries draws a histogram's bars, one pixel apart.
type histSeries struct {
	class string
	c     Chart
	h     *histogram
}

func (s *histSeries) GetName() string             { return s.class }
func (s *histSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisPrimary }
func (s *histSeries) GetStyle() gochart.Style     { return gochart.Style{} }
func (s *histSeries) Validate() error             { return nil }

func (s *histSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	h := s.h
	r.ResetStyle()
	r.SetClassName(s.class)
	r.SetFillColor(seriesColor(s.c, 0))
	yb := box.Bottom - yr.Translate(0)
	for i, n := range h.counts {
		if n == 0 {
			continue
		}
		x0 := box.Left + xr.Translate(h.edges[i])
		x1 := box.Left + xr.Translate(h.edges[i+1])
		if x1-x0 >= 3 {
			x1-- // a gap between bars
		}
		x1 = max(x1, x0+1)
		rectPath(r, x0, x1, yb, box.Bottom-yr.Translate(float64(n)))
	}
	r.Fill()
}

// validateHistogram checks what a histogram needs: one series on the left
// axis, bins and percentiles in range, and none of the things of time
// charts.
func validateHistogram(c Chart) error {
	if c.Type != TypeHistogram {
		if c.Bins != 0 || len(c.Percentiles) > 0 || c.MarkLatest {
			return fmt.Errorf("chart: bins, percentiles and the latest-value marker belong to histograms, not to %q charts", c.Type)
		}
		return nil
	}
	switch {
	case len(c.Series) != 1:
		return fmt.Errorf("chart: a histogram draws one series, not %d", len(c.Series))
	case c.Series[0].Axis != Left:
		return fmt.Errorf("chart: a histogram's series is on the left axis")
	case c.Log || len(c.Lines) > 0 || len(c.Marks) > 0 || len(c.Bands) > 0 || c.Total != "":
		return fmt.Errorf("chart: a histogram has no log scale, reference lines, date marks, bands or total")
	case c.Bins < 0 || c.Bins > MaxBins:
		return fmt.Errorf("chart: bins %d out of range [1, %d] (0 chooses them)", c.Bins, MaxBins)
	}
	for _, p := range c.Percentiles {
		if !(p > 0 && p < 100) {
			return fmt.Errorf("chart: percentile %g out of range (between 0 and 100)", p)
		}
	}
	return nil
}

// describeHistogram describes a histogram: the values, the bins, the
// median and the markers.
func describeHistogram(b *strings.Builder, c Chart) {
	h := histogramOf(c)
	s := c.Series[0]
	f := c.Y
	name := s.Label
	if name == "" {
		name = "the series"
	}
	lo, hi := dataDates(c)
	fv := func(v float64) string { return formatValue(f, v, valueDecimals(f, v)) }
	fmt.Fprintf(b, "Histogram of %s: %d values from %s to %s, in %d bins from %s to %s.",
		name, len(h.sorted), longDate(lo), longDate(hi), len(h.counts), fv(h.edges[0]), fv(h.edges[len(h.edges)-1]))
	most := 0
	for i, n := range h.counts {
		if n > h.counts[most] {
			most = i
		}
	}
	fmt.Fprintf(b, " Most values (%d) are between %s and %s. Lowest %s, median %s, highest %s.",
		h.counts[most], fv(h.edges[most]), fv(h.edges[most+1]), fv(h.sorted[0]), fv(Percentile(h.sorted, 50)), fv(h.sorted[len(h.sorted)-1]))
	for _, p := range c.Percentiles {
		fmt.Fprintf(b, " %s: %s.", percentileName(p), fv(Percentile(h.sorted, p)))
	}
	if c.MarkLatest {
		rank := PercentileRank(h.sorted, h.last)
		fmt.Fprintf(b, " Latest, %s on %s, is at the %s percentile: %s of values are at or below it.",
			fv(h.last), longDate(s.X[h.lastAt]), Ordinal(int(math.Round(rank))), formatValue(Format{Kind: KindPercent}, rank, 0))
	}
}

// histShapes returns a histogram's bars, for placing labels.
func histShapes(l *layout, box gochart.Box) []shape {
	h := l.hist
	yb := box.Bottom - l.left.r.Translate(0)
	var out []shape
	for i, n := range h.counts {
		if n > 0 {
			y := box.Bottom - l.left.r.Translate(float64(n))
			out = append(out, shape{pts: []pixel{{box.Left + l.x.Translate(h.edges[i]), y}, {box.Left + l.x.Translate(h.edges[i+1]), y}}, fill: true, base: yb})
		}
	}
	return out
}
