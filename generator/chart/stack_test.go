package chart

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stackOracle stacks the series of c as this test reads the rule: dates
// are the union of the series' dates; at a date where every series has a
// value, positive values pile up from zero and negative ones down from it,
// and the total is their sum; at any other date base, top and total are
// NaN.
func stackOracle(c Chart) (dates []time.Time, base, top [][]float64, total []float64) {
	at := make([]map[int64]float64, len(c.Series))
	seen := map[int64]bool{}
	for i, s := range c.Series {
		at[i] = map[int64]float64{}
		for j, x := range s.X {
			at[i][x.Unix()] = s.Y[j]
			if !seen[x.Unix()] {
				seen[x.Unix()] = true
				dates = append(dates, x)
			}
		}
	}
	sortTimes(dates)
	base = make([][]float64, len(c.Series))
	top = make([][]float64, len(c.Series))
	for _, d := range dates {
		full := true
		for i := range c.Series {
			v, ok := at[i][d.Unix()]
			full = full && ok && !math.IsNaN(v)
		}
		pos, neg, sum := 0.0, 0.0, 0.0
		for i := range c.Series {
			if !full {
				base[i] = append(base[i], math.NaN())
				top[i] = append(top[i], math.NaN())
				continue
			}
			v := at[i][d.Unix()]
			sum += v
			if v >= 0 {
				base[i], top[i] = append(base[i], pos), append(top[i], pos+v)
				pos += v
			} else {
				base[i], top[i] = append(base[i], neg), append(top[i], neg+v)
				neg += v
			}
		}
		if !full {
			sum = math.NaN()
		}
		total = append(total, sum)
	}
	return dates, base, top, total
}

// same reports whether a and b are equal or both NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// TestStackTotals checks the stack against stackOracle, for series with
// dates of their own (aligned by date) and a declared gap: a date where
// any series has no value is a gap of the whole stack, never a partial sum.
func TestStackTotals(t *testing.T) {
	d := func(m int) time.Time { return date(2020, time.Month(m), 1) }
	c := Chart{Type: TypeStackedBar, Total: "Total", Series: []Series{
		{Label: "a", X: []time.Time{d(1), d(2), d(3), d(5)}, Y: []float64{1, -2, 3, 4}},
		{Label: "b", X: []time.Time{d(2), d(3), d(4), d(5)}, Y: []float64{5, -1, 2, 1}},
		{Label: "c", X: []time.Time{d(1), d(2), d(3), d(5)}, Y: []float64{-4, 6, math.NaN(), -3}},
	}}
	if err := Validate(c); err != nil {
		t.Fatal(err)
	}
	st := stackOf(c)
	dates, base, top, total := stackOracle(c)
	if len(st.dates) != len(dates) {
		t.Fatalf("%d dates, want %d", len(st.dates), len(dates))
	}
	gaps, lo, hi := 0, 0.0, 0.0
	for k := range dates {
		if !st.dates[k].Equal(dates[k]) {
			t.Errorf("date %d: %s, want %s", k, day(st.dates[k]), day(dates[k]))
		}
		if !same(st.total[k], total[k]) {
			t.Errorf("%s: total %g, want %g", day(dates[k]), st.total[k], total[k])
		}
		if math.IsNaN(total[k]) {
			gaps++
		}
		for i := range c.Series {
			if !same(st.base[i][k], base[i][k]) || !same(st.top[i][k], top[i][k]) {
				t.Errorf("%s series %d: %g..%g, want %g..%g", day(dates[k]), i, st.base[i][k], st.top[i][k], base[i][k], top[i][k])
			}
			if !math.IsNaN(top[i][k]) {
				lo, hi = min(lo, base[i][k], top[i][k]), max(hi, base[i][k], top[i][k])
			}
		}
	}
	if gaps == 0 || gaps == len(dates) {
		t.Fatalf("the test's series leave %d gaps of %d dates: it tests nothing", gaps, len(dates))
	}
	if st.gaps != gaps {
		t.Errorf("%d gaps, want %d", st.gaps, gaps)
	}
	if l, h := st.extent(); l != lo || h != hi {
		t.Errorf("extent %g..%g, want %g..%g", l, h, lo, hi)
	}
	// Series that never all have a value at one date stack nothing.
	c.Series = c.Series[1:2:2]
	c.Series = append(c.Series, Series{Label: "d", X: []time.Time{d(1)}, Y: []float64{1}})
	if err := Validate(c); err == nil || !strings.Contains(err.Error(), "no date at which every one has a value") {
		t.Errorf("series without a common date: Validate = %v", err)
	}
}

// raggedTable is a stacked chart of three series of one table with ragged
// ends and a value declared missing: b starts late, c ends early and
// misses one month in between.
func raggedTable(typ string) Chart {
	n := 14
	xs := make([]time.Time, n)
	a, b, c := make([]float64, n), make([]float64, n), make([]float64, n)
	for k := range n {
		xs[k] = date(2022, time.Month(k+1), 1)
		a[k], b[k], c[k] = 2+float64(k%5)*0.37, 40+float64(k)*1.3, 80-float64(k)*0.9
	}
	for _, k := range []int{0, 1} {
		b[k] = math.NaN()
	}
	for _, k := range []int{6, 11, 12, 13} {
		c[k] = math.NaN()
	}
	return Chart{Type: typ, Total: "Total", Y: Format{Decimals: 2}, Series: []Series{
		{Label: "Small", X: xs, Y: a}, {Label: "Middle", X: xs, Y: b}, {Label: "Large", X: xs, Y: c},
	}}
}

// subpaths splits path data of M, L, H, V and Z commands (as the SVG
// canvas writes them) into its subpaths' points.
func subpaths(t *testing.T, d string) [][][2]float64 {
	t.Helper()
	var out [][][2]float64
	var x, y float64
	var nums []float64
	cmd := byte(0)
	flush := func() {
		switch cmd {
		case 'M', 'L':
			for i := 0; i+1 < len(nums); i += 2 {
				x, y = nums[i], nums[i+1]
				if cmd == 'M' && i == 0 {
					out = append(out, nil)
				}
				out[len(out)-1] = append(out[len(out)-1], [2]float64{x, y})
			}
		case 'H':
			for _, v := range nums {
				x = v
				out[len(out)-1] = append(out[len(out)-1], [2]float64{x, y})
			}
		case 'V':
			for _, v := range nums {
				y = v
				out[len(out)-1] = append(out[len(out)-1], [2]float64{x, y})
			}
		}
		nums = nums[:0]
	}
	for _, f := range strings.FieldsFunc(strings.NewReplacer("M", " M ", "L", " L ", "H", " H ", "V", " V ", "Z", " Z ").Replace(d), func(r rune) bool { return r == ' ' }) {
		if len(f) == 1 && strings.Contains("MLHVZ", f) {
			flush()
			cmd = f[0]
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("path data %q: %v", d, err)
		}
		nums = append(nums, v)
	}
	flush()
	return out
}

// TestStackRaggedEnds draws a stacked area and stacked bars of a table
// with ragged ends and a missing value, and checks what a reader gets: the
// total is a gap wherever any series is missing (Totals, the description,
// the total line), the description says how many dates are left blank, and
// no layer is drawn at those dates (each area's runs and each bar lie at
// dates where every series has a value).
func TestStackRaggedEnds(t *testing.T) {
	r := NewRenderer()
	for _, typ := range []string{TypeStackedArea, TypeStackedBar} {
		c := raggedTable(typ)
		if err := Validate(c); err != nil {
			t.Fatal(err)
		}
		dates, _, _, total := stackOracle(c)
		gotDates, gotTotal := Totals(c)
		var full []int // indexes of the complete dates
		for k := range dates {
			if !same(gotTotal[k], total[k]) || !gotDates[k].Equal(dates[k]) {
				t.Errorf("%s: total on %s %g, want %g", typ, day(dates[k]), gotTotal[k], total[k])
			}
			if !math.IsNaN(total[k]) {
				full = append(full, k)
			}
		}
		// The description: the total from the first to the last date
		// where every series has a value, and the count of blank dates.
		d := Describe(c)
		first, last := full[0], full[len(full)-1]
		// The dates are monthly: "in March 2022" (package period).
		month := func(t time.Time) string { return t.Format("January 2006") }
		want := "Total: " + formatValue(c.Y, total[first], 2) + " in " + month(dates[first]) +
			" and " + formatValue(c.Y, total[last], 2) + " in " + month(dates[last])
		if !strings.Contains(d, want) {
			t.Errorf("%s: description lacks %q:\n%s", typ, want, d)
		}
		blank := strconv.Itoa(len(dates)-len(full)) + " of " + strconv.Itoa(len(dates)) + " dates are left blank"
		if !strings.Contains(d, blank) {
			t.Errorf("%s: description lacks %q:\n%s", typ, blank, d)
		}
		for k := last + 1; k < len(dates); k++ {
			if strings.Contains(d[strings.Index(d, "Total: "):], month(dates[k])) {
				t.Errorf("%s: the total is described on %s, where a series is missing:\n%s", typ, longDate(dates[k]), d)
			}
		}
		// The drawing: x of each date, and the runs of complete dates.
		for _, narrow := range []bool{false, true} {
			c.Narrow = narrow
			l := r.layout(c, false)
			l.x.SetDomain(l.plot.Right - l.plot.Left) // as go-chart sets it to draw
			px := func(k int) float64 { return float64(l.plot.Left + l.x.Translate(unixSeconds(dates[k]))) }
			inPlot := func(d string) bool { // not the legend's swatch
				for _, sp := range subpaths(t, d) {
					for _, p := range sp {
						if p[1] < float64(l.plot.Top) {
							return false
						}
					}
				}
				return true
			}
			var runs [][2]float64 // x spans of runs of complete dates
			for k := range dates {
				if math.IsNaN(total[k]) {
					continue
				}
				if k > 0 && !math.IsNaN(total[k-1]) {
					runs[len(runs)-1][1] = px(k)
					continue
				}
				runs = append(runs, [2]float64{px(k), px(k)})
			}
			inRun := func(x0, x1, slack float64) bool {
				for _, r := range runs {
					if x0 >= r[0]-slack && x1 <= r[1]+slack {
						return true
					}
				}
				return false
			}
			b, err := r.SVG(c)
			if err != nil {
				t.Fatal(err)
			}
			_, paths := parseSVG(t, b)
			var totals, layers int
			bars := make([]int, len(c.Series))
			for _, p := range paths {
				series := -1
				if strings.HasPrefix(p.class, "ts-series ts-series-") && p.fill {
					series, _ = strconv.Atoi(strings.TrimPrefix(p.class, "ts-series ts-series-"))
				}
				switch {
				case !inPlot(p.d):
				case p.class == "ts-total" && p.stroke:
					totals++
					if lo, hi := xSpan(p.pts); !inRun(lo, hi, 0) {
						t.Errorf("%s (narrow %t): total line over x %g..%g, outside the complete dates %v", typ, narrow, lo, hi, runs)
					}
				case series >= 0 && typ == TypeStackedArea:
					layers++
					subs := subpaths(t, p.d)
					if len(subs) != len(runs) {
						t.Errorf("%s (narrow %t): series %d drawn in %d runs, want %d (the runs of complete dates)", typ, narrow, series, len(subs), len(runs))
					}
					for _, sp := range subs {
						if lo, hi := xSpan(sp); !inRun(lo, hi, 1) {
							t.Errorf("%s (narrow %t): series %d drawn over x %g..%g, outside the complete dates %v", typ, narrow, series, lo, hi, runs)
						}
					}
				case series >= 0 && typ == TypeStackedBar:
					for _, sp := range subpaths(t, p.d) {
						lo, hi := xSpan(sp)
						mid := (lo + hi) / 2
						bars[series]++
						ok := false
						for _, k := range full {
							ok = ok || math.Abs(mid-px(k)) <= 1
						}
						if !ok {
							t.Errorf("%s (narrow %t): series %d has a bar at x %g, at no complete date", typ, narrow, series, mid)
						}
					}
				}
			}
			if totals != len(runs) {
				t.Errorf("%s (narrow %t): %d total lines, want %d (the runs of complete dates)", typ, narrow, totals, len(runs))
			}
			if typ == TypeStackedArea && layers != len(c.Series) {
				t.Errorf("%s (narrow %t): %d layers drawn, want %d", typ, narrow, layers, len(c.Series))
			}
			for i, n := range bars {
				if typ == TypeStackedBar && n != len(full) {
					t.Errorf("%s (narrow %t): series %d has %d bars, want %d (the complete dates)", typ, narrow, i, n, len(full))
				}
			}
		}
	}
}

// xSpan returns the lowest and highest x of pts.
func xSpan(pts [][2]float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = min(lo, p[0]), max(hi, p[0])
	}
	return lo, hi
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
	if !strings.HasPrefix(d, "Stacked bar chart of 3 series") || !strings.Contains(d, "Total return: "+want[0]+" in 2013 and "+want[1]+" in 2024") {
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
