package data

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// result returns v rounded to 12 significant digits (roundSig), or an
// error when v overflowed to an infinity or is NaN. A statistic is
// written rounded half away from zero, as a reader working it out from
// the decimals the file wrote rounds it, so the float noise of its
// arithmetic must not decide the last digit shown: 100 to 100.5 is a
// change of 0.5%, which percent:0 writes "1%", but float64 computes
// (100.5 / 100 − 1) × 100 as 0.4999999999999893, which would read "0%".
func result(op string, v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s: the result is not a finite number (%v)", op, v)
	}
	return roundSig(v), nil
}

// roundSig returns v rounded to 12 significant digits, v itself when it
// is not finite.
func roundSig(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// noData returns the error of a statistic of a series without values.
func noData(op string, s Series) error {
	return fmt.Errorf("%s: %w: series %q has no values", op, ErrNoData, s.Name)
}

// First returns the first point of s that is not a gap.
func First(s Series) (Point, error) {
	if err := s.Validate(); err != nil {
		return Point{}, err
	}
	i := firstIndex(s, time.Time{})
	if i < 0 {
		return Point{}, noData("first", s)
	}
	return Point{s.Dates[i], s.Values[i]}, nil
}

// Last returns the last point of s that is not a gap.
func Last(s Series) (Point, error) {
	if err := s.Validate(); err != nil {
		return Point{}, err
	}
	i := lastIndex(s)
	if i < 0 {
		return Point{}, noData("last", s)
	}
	return Point{s.Dates[i], s.Values[i]}, nil
}

// Min returns the point with the lowest value, the earliest if several.
func Min(s Series) (Point, error) {
	return extreme(s, "min", func(a, b float64) bool { return a < b })
}

// Max returns the point with the highest value, the earliest if several.
func Max(s Series) (Point, error) {
	return extreme(s, "max", func(a, b float64) bool { return a > b })
}

func extreme(s Series, op string, better func(a, b float64) bool) (Point, error) {
	if err := s.Validate(); err != nil {
		return Point{}, err
	}
	best := -1
	for i, v := range s.Values {
		if !isGap(v) && (best < 0 || better(v, s.Values[best])) {
			best = i
		}
	}
	if best < 0 {
		return Point{}, noData(op, s)
	}
	return Point{s.Dates[best], s.Values[best]}, nil
}

// Mean returns the mean of the values of s that are not gaps.
func Mean(s Series) (float64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	sum, n := 0.0, 0
	for _, v := range s.Values {
		if !isGap(v) {
			sum += v
			n++
		}
	}
	if n == 0 {
		return 0, noData("mean", s)
	}
	return result("mean", sum/float64(n))
}

// Count returns the number of values of s that are not gaps.
func Count(s Series) int {
	n := 0
	for _, v := range s.Values {
		if !isGap(v) {
			n++
		}
	}
	return n
}

// Change returns last − first, of the first and last values that are not
// gaps, rounded to 12 significant digits (Difference).
func Change(s Series) (float64, error) {
	f, l, err := endsApart(s, "change")
	if err != nil {
		return 0, err
	}
	return result("change", Difference(l.Value, f.Value))
}

// Difference returns a − b rounded to 12 significant digits, which drops
// the float noise of the subtraction: 0.00571 − 0.00586 is
// −0.00014999999999999996 in float64, which rounds to −0.0001 with four
// decimals, where a reader subtracting the decimals the file wrote gets
// −0.00015 and rounds it, half away from zero, to −0.0002.
func Difference(a, b float64) float64 {
	return roundSig(a - b) // NaN or an infinity: result reports it
}

// ends returns the first and last points that are not gaps.
func ends(s Series, op string) (Point, Point, error) {
	f, err := First(s)
	if err != nil {
		return Point{}, Point{}, fmt.Errorf("%s: %w", op, err)
	}
	l, _ := Last(s)
	return f, l, nil
}

// endsApart is ends for a change, which needs two values: a change from
// a value to itself is no change over a period (range:1y of a column with
// one value in that year gave "0.0%", a change the data does not show),
// so a single value is an error.
func endsApart(s Series, op string) (Point, Point, error) {
	f, l, err := ends(s, op)
	if err == nil && !l.Date.After(f.Date) {
		err = fmt.Errorf("%s: %q has a single value (on %s), and a change needs two: widen the range, or write the value with last", op, s.Name, formatDate(f.Date))
	}
	return f, l, err
}

// TotalReturn returns the percent change from the first to the last value
// that is not a gap: (last / first − 1) × 100. The statistic pct_change.
func TotalReturn(s Series) (float64, error) {
	f, l, err := endsApart(s, "pct_change")
	if err != nil {
		return 0, err
	}
	if f.Value == 0 {
		return 0, fmt.Errorf("pct_change: %q is 0 on %s, so a percent change from it is undefined", s.Name, formatDate(f.Date))
	}
	return result("pct_change", (l.Value/f.Value-1)*100)
}

// CAGR returns the compound annual growth rate, in percent per year, from
// the first to the last value that is not a gap:
// ((last / first)^(1/years) − 1) × 100, where years is the time between
// their dates in years of 365.25 days. Both values must be positive and
// their dates apart.
func CAGR(s Series) (float64, error) {
	f, l, err := ends(s, "cagr")
	if err != nil {
		return 0, err
	}
	y := years(f.Date, l.Date)
	if y <= 0 {
		return 0, fmt.Errorf("cagr: %q has a single value (on %s); it needs two dates apart", s.Name, formatDate(f.Date))
	}
	if f.Value <= 0 || l.Value <= 0 {
		return 0, fmt.Errorf("cagr: %q must be positive at both ends, but is %v on %s and %v on %s", s.Name, f.Value, formatDate(f.Date), l.Value, formatDate(l.Date))
	}
	return result("cagr", (math.Pow(l.Value/f.Value, 1/y)-1)*100)
}

// YTDReturn returns the year-to-date percent change of the latest value
// that is not a gap: (last / ref − 1) × 100, where ref is the last value
// that is not a gap in the calendar year before.
func YTDReturn(s Series) (float64, error) {
	l, err := Last(s)
	if err != nil {
		return 0, fmt.Errorf("ytd: %w", err)
	}
	y := l.Date.Year()
	start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	ref := -1
	for i := len(s.Dates) - 1; i >= 0; i-- {
		if s.Dates[i].Before(start) && !isGap(s.Values[i]) {
			ref = i
			break
		}
	}
	if ref < 0 || s.Dates[ref].Year() != y-1 {
		return 0, fmt.Errorf("ytd: %q has no value in %d to measure %d from (%s)", s.Name, y-1, y, covers(s))
	}
	if s.Values[ref] == 0 {
		return 0, fmt.Errorf("ytd: %q is 0 on %s, so a percent change from it is undefined", s.Name, formatDate(s.Dates[ref]))
	}
	return result("ytd", (l.Value/s.Values[ref]-1)*100)
}

// Volatility returns the annualised volatility, in percent, of the simple
// returns between consecutive values that are not gaps:
// stdev(r) × √periodsPerYear × 100, with the sample standard deviation
// (divisor n−1). periodsPerYear 0 means PeriodsPerYear(s.Dates). It needs
// at least two returns, so three values.
func Volatility(s Series, periodsPerYear int) (float64, error) {
	if err := s.Validate(); err != nil {
		return 0, err
	}
	ppy, err := periods(s, periodsPerYear, "volatility")
	if err != nil {
		return 0, err
	}
	r := compactReturns(s.Values)
	if len(r) < 2 {
		return 0, fmt.Errorf("volatility: %q has %d returns; it needs at least 2", s.Name, len(r))
	}
	return result("volatility", stdev(r)*math.Sqrt(float64(ppy))*100)
}

// compactReturns returns the simple returns between consecutive values
// that are not gaps, leaving out returns from a value of 0.
func compactReturns(values []float64) []float64 {
	var r []float64
	prev := math.NaN()
	for _, v := range values {
		if isGap(v) {
			continue
		}
		if !isGap(prev) && prev != 0 {
			r = append(r, v/prev-1)
		}
		prev = v
	}
	return r
}

// MaxDrawdown returns the largest fall, in percent, from a running peak to
// a later value: the minimum of Drawdown, 0 or negative (−56.8 means a fall
// of 56.8 %).
func MaxDrawdown(s Series) (float64, error) {
	d, err := Drawdown(s)
	if err != nil {
		return 0, err
	}
	m, err := Min(d)
	if err != nil {
		if Count(s) > 0 {
			return 0, fmt.Errorf("max_drawdown: %q has no positive peak", s.Name)
		}
		return 0, noData("max_drawdown", s)
	}
	return result("max_drawdown", m.Value)
}

// CorrelationLevels returns the Pearson correlation of the values of a and
// b themselves (levels, not returns), over the dates they share where both
// have values. It needs at least three such dates, and both series must
// vary.
func CorrelationLevels(a, b Series) (float64, error) {
	a, b, err := Align(a, b)
	if err != nil {
		return 0, err
	}
	var x, y []float64
	for i := range a.Values {
		if va, vb := a.Values[i], b.Values[i]; !isGap(va) && !isGap(vb) {
			x = append(x, va)
			y = append(y, vb)
		}
	}
	if len(x) < 3 {
		return 0, fmt.Errorf("correlation_levels: %q and %q share %d values; they need at least 3", a.Name, b.Name, len(x))
	}
	c := correlation(x, y)
	if math.IsNaN(c) {
		return 0, fmt.Errorf("correlation_levels: undefined, because %q or %q does not vary", a.Name, b.Name)
	}
	return c, nil
}

// Correlation returns the Pearson correlation of the simple returns of a
// and b (the statistics correlation_returns and correlation), over the
// dates they share where both have values: each return is from one such
// date to the next. It needs at least two returns in which both series
// move. CorrelationLevels correlates the values themselves.
func Correlation(a, b Series) (float64, error) {
	a, b, err := Align(a, b)
	if err != nil {
		return 0, err
	}
	var x, y []float64
	pa, pb := math.NaN(), math.NaN()
	for i := range a.Values {
		va, vb := a.Values[i], b.Values[i]
		if isGap(va) || isGap(vb) {
			continue
		}
		if !isGap(pa) && pa != 0 && pb != 0 {
			x = append(x, va/pa-1)
			y = append(y, vb/pb-1)
		}
		pa, pb = va, vb
	}
	if len(x) < 2 {
		return 0, fmt.Errorf("correlation: %q and %q share %d returns; they need at least 2", a.Name, b.Name, len(x))
	}
	c := correlation(x, y)
	if math.IsNaN(c) {
		return 0, fmt.Errorf("correlation: undefined, because %q or %q does not move", a.Name, b.Name)
	}
	return c, nil
}

// Statistic is a parsed statistic, such as cagr or correlation(sp500).
type Statistic struct {
	// Op is the statistic's name, one of StatNames.
	Op string
	// Column names the other series of correlation, correlation_levels
	// and correlation_returns.
	Column string
	// PeriodsPerYear annualises volatility; 0 infers it from the dates.
	PeriodsPerYear int
}

// statSpec describes one statistic of the grammar.
type statSpec struct {
	name, syntax string
	min, max     int
	percent      bool
}

// statSpecs returns the statistics of the grammar, sorted by name.
func statSpecs() []statSpec {
	return []statSpec{
		{"cagr", "cagr", 0, 0, true},
		{"change", "change", 0, 0, false},
		{"correlation", "correlation(column)", 1, 1, false},
		{"correlation_levels", "correlation_levels(column)", 1, 1, false},
		{"correlation_returns", "correlation_returns(column)", 1, 1, false},
		{"count", "count", 0, 0, false},
		{"first", "first", 0, 0, false},
		{"last", "last", 0, 0, false},
		{"max", "max", 0, 0, false},
		{"max_drawdown", "max_drawdown", 0, 0, true},
		{"mean", "mean", 0, 0, false},
		{"min", "min", 0, 0, false},
		{"pct_change", "pct_change", 0, 0, true},
		{"volatility", "volatility[(periods_per_year)]", 0, 1, true},
		{"ytd", "ytd", 0, 0, true},
	}
}

// StatNames returns the names of the statistics, sorted.
func StatNames() []string {
	var names []string
	for _, s := range statSpecs() {
		names = append(names, s.name)
	}
	return names
}

// StatSyntax returns the grammar of every statistic, sorted by name, such
// as "correlation(column)", with optional arguments in brackets.
func StatSyntax() []string {
	var syntax []string
	for _, s := range statSpecs() {
		syntax = append(syntax, s.syntax)
	}
	return syntax
}

// ParseStat parses a statistic written as a name, optionally followed by
// arguments in parentheses: "cagr", "volatility(252)",
// "correlation(sp500)". Names ignore case and may use - for _.
func ParseStat(s string) (Statistic, error) {
	name, args, err := splitCall(s)
	if err != nil {
		return Statistic{}, fmt.Errorf("statistic %q: %w", s, err)
	}
	var spec *statSpec
	specs := statSpecs()
	for i := range specs {
		if specs[i].name == name {
			spec = &specs[i]
		}
	}
	if spec == nil {
		return Statistic{}, unknownName("statistic", name, StatNames())
	}
	if len(args) < spec.min || len(args) > spec.max {
		return Statistic{}, fmt.Errorf("statistic %q: %s takes %s, got %d; write %s", s, name, argCount(spec.min, spec.max), len(args), spec.syntax)
	}
	st := Statistic{Op: name}
	switch name {
	case "correlation", "correlation_levels", "correlation_returns":
		st.Column = args[0]
	case "volatility":
		if len(args) == 1 {
			if st.PeriodsPerYear, err = parseCount(args[0], 1); err != nil {
				return Statistic{}, fmt.Errorf("statistic %q: periods per year must be a whole number such as 252, 52 or 12, not %q", s, args[0])
			}
		}
	}
	return st, nil
}

// String returns st in the statistic grammar.
func (st Statistic) String() string {
	switch st.Op {
	case "correlation", "correlation_levels", "correlation_returns":
		return st.Op + "(" + quoteArg(st.Column) + ")"
	case "volatility":
		if st.PeriodsPerYear > 0 {
			return "volatility(" + strconv.Itoa(st.PeriodsPerYear) + ")"
		}
	}
	return st.Op
}

// Percent reports whether st is a percentage (pct_change, cagr, ytd,
// volatility, max_drawdown), for formatting.
func (st Statistic) Percent() bool {
	for _, s := range statSpecs() {
		if s.name == st.Op {
			return s.percent
		}
	}
	return false
}

// Compute returns the statistic of s. correlation gets its other series
// from other, which may be nil for the other statistics.
func (st Statistic) Compute(s Series, other Resolver) (float64, error) {
	point := func(p Point, err error) (float64, error) { return p.Value, err }
	switch st.Op {
	case "first":
		return point(First(s))
	case "last":
		return point(Last(s))
	case "min":
		return point(Min(s))
	case "max":
		return point(Max(s))
	case "mean":
		return Mean(s)
	case "count":
		if err := s.Validate(); err != nil {
			return 0, err
		}
		return float64(Count(s)), nil
	case "change":
		return Change(s)
	case "pct_change":
		return TotalReturn(s)
	case "cagr":
		return CAGR(s)
	case "ytd":
		return YTDReturn(s)
	case "volatility":
		return Volatility(s, st.PeriodsPerYear)
	case "max_drawdown":
		return MaxDrawdown(s)
	case "correlation", "correlation_levels", "correlation_returns":
		if st.Column == "" || other == nil {
			return 0, fmt.Errorf("%s: cannot look up column %q here", st, st.Column)
		}
		o, err := other(st.Column)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", st, err)
		}
		if st.Op == "correlation_levels" {
			return CorrelationLevels(s, o)
		}
		return Correlation(s, o)
	}
	return 0, unknownName("statistic", st.Op, StatNames())
}

// Stat parses the statistic expr (see ParseStat) and computes it for s.
func Stat(expr string, s Series, other Resolver) (float64, error) {
	st, err := ParseStat(expr)
	if err != nil {
		return 0, err
	}
	return st.Compute(s, other)
}

// Summary describes a series in a few numbers, for the text description of
// a chart.
type Summary struct {
	Name        string
	First, Last Point   // first and last values that are not gaps
	Min, Max    Point   // lowest and highest values, the earliest if several
	Change      float64 // Last − First; NaN on overflow
	ChangePct   float64 // (Last / First − 1) × 100; NaN when First is 0 (or on overflow)
	Count       int     // values that are not gaps
}

// Summarize returns the Summary of s. A series without values is an error
// wrapping ErrNoData.
func Summarize(s Series) (Summary, error) {
	f, err := First(s)
	if err != nil {
		return Summary{}, fmt.Errorf("summary: %w", err)
	}
	l, _ := Last(s)
	lo, _ := Min(s)
	hi, _ := Max(s)
	pct := math.NaN()
	if f.Value != 0 {
		pct = finite((l.Value/f.Value - 1) * 100)
	}
	return Summary{
		Name: s.Name, First: f, Last: l, Min: lo, Max: hi,
		Change: finite(l.Value - f.Value), ChangePct: pct, Count: Count(s),
	}, nil
}
