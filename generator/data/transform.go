package data

import (
	"fmt"
	"math"
	"time"
)

// Rebase returns s scaled so that its first value that is not a gap equals
// base: v[i] × base / v[first]. A series of gaps is returned as gaps; a
// first value of 0 is an error.
func Rebase(s Series, base float64) (Series, error) {
	return rebaseAt(s, base, time.Time{})
}

// rebaseAt rebases at the first value dated at or after anchor.
func rebaseAt(s Series, base float64, anchor time.Time) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	if isGap(base) {
		return Series{}, fmt.Errorf("rebase: base must be a finite number, not %v", base)
	}
	out := like(s, s.Name)
	a := firstIndex(s, anchor)
	if a < 0 {
		return out, nil
	}
	if s.Values[a] == 0 {
		return Series{}, fmt.Errorf("rebase: %q is 0 on %s, the first date, so it cannot be rebased; choose a later range", s.Name, formatDate(s.Dates[a]))
	}
	f := base / s.Values[a]
	for i, v := range s.Values {
		if !isGap(v) {
			out.Values[i] = finite(v * f)
		}
	}
	return out, nil
}

// Cumulative returns the percent change of every point from the first
// value that is not a gap: (v[i] / v[first] − 1) × 100. It starts at 0.
func Cumulative(s Series) (Series, error) {
	return cumulativeAt(s, time.Time{})
}

// cumulativeAt measures from the first value dated at or after anchor.
func cumulativeAt(s Series, anchor time.Time) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	out := like(s, s.Name)
	a := firstIndex(s, anchor)
	if a < 0 {
		return out, nil
	}
	if s.Values[a] == 0 {
		return Series{}, fmt.Errorf("cumulative: %q is 0 on %s, the first date, so a percent change from it is undefined", s.Name, formatDate(s.Dates[a]))
	}
	for i, v := range s.Values {
		if !isGap(v) {
			out.Values[i] = finite((v/s.Values[a] - 1) * 100)
		}
	}
	return out, nil
}

// PctChange returns the percent change over n points (rows, not days):
// (v[i] / v[i−n] − 1) × 100. The first n points are gaps, and so is a point
// where either value is a gap or v[i−n] is 0. On monthly data
// PctChange(s, 12) is the change from a year before.
func PctChange(s Series, n int) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	if n < 1 {
		return Series{}, fmt.Errorf("pct_change: periods must be 1 or more, not %d", n)
	}
	out := like(s, s.Name)
	for i := n; i < len(s.Values); i++ {
		v, p := s.Values[i], s.Values[i-n]
		if !isGap(v) && !isGap(p) && p != 0 {
			out.Values[i] = finite((v/p - 1) * 100)
		}
	}
	return out, nil
}

// YTD returns the year-to-date percent change of every point:
// (v[i] / ref − 1) × 100, where ref is the last value that is not a gap in
// the calendar year before the point's year. It starts again every
// January. Points of a year whose previous year has no value, such as the
// first year of the data, are gaps.
func YTD(s Series) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	out := like(s, s.Name)
	year := math.MinInt
	ref, last := math.NaN(), math.NaN() // last value of the previous and of this year
	for i, v := range s.Values {
		if y := s.Dates[i].Year(); y != year {
			if y == year+1 {
				ref = last
			} else {
				ref = math.NaN()
			}
			year, last = y, math.NaN()
		}
		if isGap(v) {
			continue
		}
		last = v
		if !isGap(ref) && ref != 0 {
			out.Values[i] = finite((v/ref - 1) * 100)
		}
	}
	return out, nil
}

// RollingMean returns the mean of the n points ending at each point. The
// first n−1 points are gaps, and so is every point whose window holds a gap.
func RollingMean(s Series, n int) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	if n < 1 {
		return Series{}, fmt.Errorf("rolling_mean: window must be 1 or more points, not %d", n)
	}
	if err := windowWork("rolling_mean", n, len(s.Values)); err != nil {
		return Series{}, err
	}
	// Each window is summed from scratch, O(n × window): a sliding sum is
	// off in the last bits, and a rolling mean of decimal data often lies
	// exactly halfway between two figures of a page's description or table
	// (134.65 shown to one decimal), where the last bit decides.
	out := like(s, s.Name)
	run := 0 // values without a gap ending at i
	for i, v := range s.Values {
		if isGap(v) {
			run = 0
			continue
		}
		run++
		if run >= n {
			out.Values[i] = finite(mean(s.Values[i-n+1 : i+1]))
		}
	}
	return out, nil
}

// MaxWindowWork bounds the values a rolling transform that computes each
// window from scratch (rolling_mean, rolling_correlation) reads: windows
// times their length. rolling_mean(200000) of 400,000 daily points would
// read 4e10, minutes of work.
const MaxWindowWork = 100_000_000

// windowWork checks the work of a window of n points over a series of
// points points is within MaxWindowWork. (A window longer than the series
// leaves it all gaps.)
func windowWork(op string, n, points int) error {
	if work := int64(points-n+1) * int64(n); work > MaxWindowWork {
		return fmt.Errorf("%s: a window of %d points over %d points reads %d values, more than the %d a transform may: shorten the window, or resample the series before it (resample(month), then %s of fewer points)", op, n, points, work, MaxWindowWork, op)
	}
	return nil
}

// window keeps the mean and the sum of squared deviations (m2) of the n
// values of a series ending at each point, in O(1) per point: sliding one
// value in and one out updates both (Welford's method, run backwards for
// the value leaving). Rounding drift is bounded: every n steps, and when m2
// falls below a ten-thousandth of its largest value since (a calm stretch
// after a volatile one, or a flat one, whose deviation is exactly 0), both
// are computed again from the window, exactly as mean and stdev do, as they
// are at the first full window after a gap. Elsewhere they agree with mean
// and stdev to about 1e-12 relative (TestRollingMatchesWindows): a
// volatility is a square root, practically never a halfway case of the
// figures shown, and the CSVs, tables and descriptions of the corpus's
// volatility charts are unchanged.
type window struct {
	run   int // values without a gap ending at the current point
	since int // updates since the last exact computation
	mean  float64
	m2    float64
	big   float64 // the largest m2 since the last exact computation
}

// next moves the window to point i of vs (gap says whether vs[i] is one)
// and reports whether the n values ending there hold no gap.
func (w *window) next(vs []float64, i, n int, gap bool) bool {
	if gap {
		w.run = 0
		return false
	}
	w.run++
	switch {
	case w.run < n:
		return false
	case w.run > n && w.since < n && n > 1:
		in, out := vs[i], vs[i-n]
		// Remove out from the n values, then add in.
		m := w.mean - (out-w.mean)/float64(n-1)
		m2 := w.m2 - (out-m)*(out-w.mean)
		d := in - m
		w.mean = m + d/float64(n)
		w.m2 = m2 + d*(in-w.mean)
		w.big = max(w.big, w.m2)
		w.since++
		if w.m2 >= w.big*1e-4 && w.m2 > 0 {
			return true
		}
	}
	win := vs[i-n+1 : i+1]
	w.mean = mean(win)
	w.m2 = 0
	for _, v := range win {
		w.m2 += (v - w.mean) * (v - w.mean)
	}
	w.big, w.since = w.m2, 0
	return true
}

// stdev returns the sample standard deviation of the window (divisor n−1).
func (w *window) stdev(n int) float64 { return math.Sqrt(w.m2 / float64(n-1)) }

// mean returns the mean of vs, which holds no gap.
func mean(vs []float64) float64 {
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	return sum / float64(len(vs))
}

// stdev returns the sample standard deviation of vs (divisor len−1),
// computed in two passes.
func stdev(vs []float64) float64 {
	m := mean(vs)
	ss := 0.0
	for _, v := range vs {
		ss += (v - m) * (v - m)
	}
	return math.Sqrt(ss / float64(len(vs)-1))
}

// returns returns the simple returns of values: r[i] = v[i]/v[i−1] − 1,
// with r[0] and every return touching a gap or dividing by 0 a gap.
func returns(values []float64) []float64 {
	r := make([]float64, len(values))
	if len(r) > 0 {
		r[0] = math.NaN()
	}
	for i := 1; i < len(values); i++ {
		v, p := values[i], values[i-1]
		if isGap(v) || isGap(p) || p == 0 {
			r[i] = math.NaN()
		} else {
			r[i] = finite(v/p - 1)
		}
	}
	return r
}

// RollingVolatility returns the annualised volatility, in percent, of the
// n simple returns ending at each point: stdev(r) × √periodsPerYear × 100,
// where r[i] = v[i]/v[i−1] − 1 and stdev is the sample standard deviation
// (divisor n−1). A window needs n+1 values in a row without a gap, so the
// first n points are gaps. periodsPerYear 0 means PeriodsPerYear(s.Dates).
// n must be 2 or more.
func RollingVolatility(s Series, n, periodsPerYear int) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	if n < 2 {
		return Series{}, fmt.Errorf("rolling_volatility: window must be 2 or more returns, not %d", n)
	}
	ppy, err := periods(s, periodsPerYear, "rolling_volatility")
	if err != nil {
		return Series{}, err
	}
	out := like(s, s.Name)
	r := returns(s.Values)
	scale := math.Sqrt(float64(ppy)) * 100
	var w window
	for i, v := range r {
		if w.next(r, i, n, isGap(v)) {
			out.Values[i] = finite(w.stdev(n) * scale)
		}
	}
	return out, nil
}

// periods returns periodsPerYear, or infers it from the dates of s.
func periods(s Series, periodsPerYear int, op string) (int, error) {
	if periodsPerYear < 0 {
		return 0, fmt.Errorf("%s: periods per year must be positive, not %d", op, periodsPerYear)
	}
	if periodsPerYear > 0 {
		return periodsPerYear, nil
	}
	ppy, err := PeriodsPerYear(s.Dates)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	return ppy, nil
}

// RollingCorrelation returns the Pearson correlation of the simple returns
// of a and b over the n returns ending at each date they share (see Align).
// The result has the shared dates and a's name. A window with a gap in
// either series, or in which either series does not move, is a gap. n must
// be 2 or more.
func RollingCorrelation(a, b Series, n int) (Series, error) {
	if n < 2 {
		return Series{}, fmt.Errorf("rolling_correlation: window must be 2 or more returns, not %d", n)
	}
	a, b, err := Align(a, b)
	if err != nil {
		return Series{}, err
	}
	if err := windowWork("rolling_correlation", n, len(a.Values)-1); err != nil {
		return Series{}, err
	}
	out := like(a, a.Name)
	ra, rb := returns(a.Values), returns(b.Values)
	run := 0
	for i := range ra {
		if isGap(ra[i]) || isGap(rb[i]) {
			run = 0
			continue
		}
		run++
		if run >= n {
			out.Values[i] = correlation(ra[i-n+1:i+1], rb[i-n+1:i+1])
		}
	}
	return out, nil
}

// correlation returns the Pearson correlation of x and y, which hold no
// gaps, or NaN when either does not vary.
func correlation(x, y []float64) float64 {
	mx, my := mean(x), mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return finite(max(-1, min(1, sxy/math.Sqrt(sxx*syy))))
}

// Ratio returns a / b × factor on the dates a and b share (see Align): the
// relative strength of a against b. A gap in either, or b = 0, is a gap.
func Ratio(a, b Series, factor float64) (Series, error) {
	if isGap(factor) {
		return Series{}, fmt.Errorf("ratio: factor must be a finite number, not %v", factor)
	}
	a, b, err := Align(a, b)
	if err != nil {
		return Series{}, err
	}
	for i, v := range a.Values {
		w := b.Values[i]
		if isGap(v) || isGap(w) || w == 0 {
			a.Values[i] = math.NaN()
		} else {
			a.Values[i] = finite(v / w * factor)
		}
	}
	return a, nil
}

// Drawdown returns how far, in percent, each value lies below the highest
// value before or at it: (v[i] / peak − 1) × 100, which is 0 at a new high
// and negative below it. Gaps stay gaps and do not reset the peak; a point
// whose peak is 0 or negative is a gap.
func Drawdown(s Series) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	out := like(s, s.Name)
	peak := math.Inf(-1)
	for i, v := range s.Values {
		if isGap(v) {
			continue
		}
		peak = max(peak, v)
		if peak > 0 {
			out.Values[i] = finite(min(0, (v/peak-1)*100))
		}
	}
	return out, nil
}

// Period is a calendar period for Resample.
type Period string

// The periods of Resample. A week runs Monday to Sunday (ISO 8601 weeks);
// quarters start in January, April, July and October.
const (
	Week    Period = "week"
	Month   Period = "month"
	Quarter Period = "quarter"
	Year    Period = "year"
)

// Aggregation is how Resample turns the values of a period into one.
type Aggregation string

// The aggregations of Resample. Each uses only the values of the period
// that are not gaps.
const (
	LastOf  Aggregation = "last"  // the last value
	FirstOf Aggregation = "first" // the first value
	MeanOf  Aggregation = "mean"  // the mean
	MinOf   Aggregation = "min"   // the lowest value
	MaxOf   Aggregation = "max"   // the highest value
	SumOf   Aggregation = "sum"   // the sum
)

// periodKey numbers the period of p that t falls in.
func periodKey(t time.Time, p Period) int {
	if p == Week {
		y, w := t.ISOWeek()
		return y*100 + w
	}
	y, m, _ := t.Date()
	switch p {
	case Month:
		return y*12 + int(m)
	case Quarter:
		return y*4 + (int(m)-1)/3
	}
	return y
}

// Resample returns one point per calendar period of s that holds a row.
// Each point is dated with the last date of s in its period (its last
// observation, gap or not, so that series of one table keep the same
// dates), and its value is how applied to the period's values that are not
// gaps, or a gap when they all are.
func Resample(s Series, p Period, how Aggregation) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	switch p {
	case Week, Month, Quarter, Year:
	default:
		return Series{}, fmt.Errorf("resample: unknown period %q (periods: week, month, quarter, year)", p)
	}
	switch how {
	case LastOf, FirstOf, MeanOf, MinOf, MaxOf, SumOf:
	default:
		return Series{}, fmt.Errorf("resample: unknown aggregation %q (aggregations: last, first, mean, min, max, sum)", how)
	}
	out := Series{Name: s.Name}
	for i := 0; i < len(s.Dates); {
		key := periodKey(s.Dates[i], p)
		j := i + 1
		for j < len(s.Dates) && periodKey(s.Dates[j], p) == key {
			j++
		}
		out.Dates = append(out.Dates, s.Dates[j-1])
		out.Values = append(out.Values, aggregate(s.Values[i:j], how))
		i = j
	}
	return out, nil
}

// aggregate applies how to the values of vs that are not gaps.
func aggregate(vs []float64, how Aggregation) float64 {
	r, n := math.NaN(), 0
	for _, v := range vs {
		if isGap(v) {
			continue
		}
		n++
		switch {
		case n == 1:
			r = v
		case how == LastOf:
			r = v
		case how == MinOf:
			r = min(r, v)
		case how == MaxOf:
			r = max(r, v)
		case how == MeanOf, how == SumOf:
			r += v
		}
	}
	if how == MeanOf && n > 0 {
		r /= float64(n)
	}
	return finite(r)
}

// Real adjusts s for inflation: v[i] × base / cpi(i), where cpi(i) is the
// last value of cpi that is not a gap dated on or before s's date (so a
// monthly index can adjust daily prices), and base is a level of cpi:
// base 0 means the latest value of cpi, which expresses s in today's money.
// Points before the first cpi value, or whose cpi is 0 or negative, are
// gaps.
func Real(s, cpi Series, base float64) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	if err := cpi.Validate(); err != nil {
		return Series{}, err
	}
	if base == 0 {
		j := lastIndex(cpi)
		if j < 0 {
			return Series{}, fmt.Errorf("real: %w: price index %q has no values", ErrNoData, cpi.Name)
		}
		base = cpi.Values[j]
	}
	if isGap(base) || base < 0 {
		return Series{}, fmt.Errorf("real: base must be a positive price index level, not %v", base)
	}
	out := like(s, s.Name)
	j, c := 0, math.NaN()
	for i, v := range s.Values {
		for j < len(cpi.Dates) && !cpi.Dates[j].After(s.Dates[i]) {
			if !isGap(cpi.Values[j]) {
				c = cpi.Values[j]
			}
			j++
		}
		if !isGap(v) && !isGap(c) && c > 0 {
			out.Values[i] = finite(v * base / c)
		}
	}
	return out, nil
}

// asOf returns the last value of s that is not a gap dated on or before t.
func asOf(s Series, t time.Time) (float64, bool) {
	r, ok := math.NaN(), false
	for i, d := range s.Dates {
		if d.After(t) {
			break
		}
		if !isGap(s.Values[i]) {
			r, ok = s.Values[i], true
		}
	}
	return r, ok
}

// Log returns the natural logarithm of every value; values of 0 or less
// become gaps.
func Log(s Series) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	out := like(s, s.Name)
	for i, v := range s.Values {
		if !isGap(v) && v > 0 {
			out.Values[i] = math.Log(v)
		}
	}
	return out, nil
}

// Scale returns every value multiplied by k.
func Scale(s Series, k float64) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	if isGap(k) {
		return Series{}, fmt.Errorf("scale: factor must be a finite number, not %v", k)
	}
	out := Series{Name: s.Name, Dates: shared(s.Dates), Values: make([]float64, len(s.Values))}
	for i, v := range s.Values {
		out.Values[i] = finite(v * k) // a gap times k is still NaN
	}
	return out, nil
}
