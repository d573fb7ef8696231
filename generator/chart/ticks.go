package chart

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/period"
)

// tick is one labelled position on an axis.
type tick struct {
	Value float64
	Label string
}

// niceMantissas are the steps between y ticks, times a power of ten.
var niceMantissas = [...]float64{1, 2, 2.5, 5}

// niceTicks returns round ticks covering [lo, hi] with at most maxN
// intervals, and the step between them. lo < hi.
func niceTicks(lo, hi float64, maxN int) ([]float64, float64) {
	if maxN < 1 {
		maxN = 1
	}
	e := math.Floor(math.Log10((hi-lo)/float64(maxN))) - 1
	for i := 0; i < 40; i++ {
		p := math.Pow(10, e+float64(i/len(niceMantissas)))
		step := niceMantissas[i%len(niceMantissas)] * p
		k0 := math.Floor(lo/step + 1e-9)
		k1 := math.Ceil(hi/step - 1e-9)
		if k1-k0 <= float64(maxN) {
			if k1 == k0 {
				k1++
			}
			d := stepDecimals(step)
			pow := math.Pow10(d)
			out := make([]float64, 0, int(k1-k0)+1)
			// Count in integers: beyond 2^53, k0+1 == k0 (values far
			// larger than their spread, as a fuzzed histogram found).
			for j := 0; j <= int(k1-k0); j++ {
				v := math.Round((k0+float64(j))*step*pow) / pow
				if v == 0 {
					v = 0 // no negative zero
				}
				out = append(out, v)
			}
			return out, step
		}
	}
	return []float64{lo, hi}, hi - lo
}

// logTicks returns ticks for a log axis covering [lo, hi], 0 < lo <= hi:
// the range runs from a 1, 2 or 5 times a power of ten at or below lo to one
// at or above hi, with ticks at powers of ten, and at 2 and 5 multiples when
// powers alone would be too few.
func logTicks(lo, hi float64, maxN int) []float64 {
	var cands []float64
	e0 := int(math.Floor(math.Log10(lo))) - 1
	e1 := int(math.Ceil(math.Log10(hi))) + 1
	for e := e0; e <= e1; e++ {
		for _, m := range []float64{1, 2, 5} {
			cands = append(cands, roundSig(m*math.Pow(10, float64(e))))
		}
	}
	var rlo, rhi float64
	for _, v := range cands {
		if v <= lo*(1+1e-12) {
			rlo = v
		}
	}
	for i := len(cands) - 1; i >= 0; i-- {
		if cands[i] >= hi*(1-1e-12) {
			rhi = cands[i]
		}
	}
	if rhi <= rlo {
		// One value: go to the next candidate up.
		for _, v := range cands {
			if v > rlo {
				rhi = v
				break
			}
		}
	}
	pick := func(ok func(v float64) bool) []float64 {
		var out []float64
		for _, v := range cands {
			if v >= rlo && v <= rhi && (v == rlo || v == rhi || ok(v)) {
				out = append(out, v)
			}
		}
		return out
	}
	isPow := func(v float64) bool {
		l := math.Log10(v)
		return math.Abs(l-math.Round(l)) < 1e-9
	}
	out := pick(isPow)
	if len(out) < 4 {
		all := pick(func(float64) bool { return true })
		if len(all) <= maxN+1 {
			out = all
		}
	}
	// Too many powers of ten: keep every k-th decade.
	for k := 2; len(out) > maxN+1; k++ {
		var thin []float64
		for _, v := range out {
			if v == rlo || v == rhi || int(math.Round(math.Log10(v)))%k == 0 && isPow(v) {
				thin = append(thin, v)
			}
		}
		out = thin
		if k > 1000 {
			break
		}
	}
	return out
}

// roundSig rounds away the float noise of m*10^e.
func roundSig(v float64) float64 { return roundTo(v, 12) }

// roundTo rounds v to n significant figures.
func roundTo(v float64, n int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', n, 64), 64)
	return f
}

// Time steps for x ticks.
const (
	unitDay = iota
	unitMonth
	unitYear
)

type timeStep struct {
	unit, n int
	approx  float64 // seconds
}

var timeSteps = []timeStep{
	{unitDay, 1, 86400},
	{unitDay, 2, 2 * 86400},
	{unitDay, 7, 7 * 86400},
	{unitDay, 14, 14 * 86400},
	{unitMonth, 1, 30 * 86400},
	{unitMonth, 2, 61 * 86400},
	{unitMonth, 3, 91 * 86400},
	{unitMonth, 6, 182 * 86400},
	{unitYear, 1, 365 * 86400},
	{unitYear, 2, 2 * 365 * 86400},
	{unitYear, 5, 5 * 365 * 86400},
	{unitYear, 10, 10 * 365 * 86400},
	{unitYear, 20, 20 * 365 * 86400},
	{unitYear, 25, 25 * 365 * 86400},
	{unitYear, 50, 50 * 365 * 86400},
	{unitYear, 100, 100 * 365 * 86400},
	{unitYear, 250, 250 * 365 * 86400},
	{unitYear, 500, 500 * 365 * 86400},
	{unitYear, 1000, 1000 * 365 * 86400},
}

// mondayEpoch is a Monday at midnight UTC, to align week ticks.
var mondayEpoch = time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC).Unix()

// stepTimes returns the calendar-aligned times of step st within [lo, hi].
func stepTimes(lo, hi time.Time, st timeStep) []time.Time {
	var out []time.Time
	switch st.unit {
	case unitDay:
		const daySec = 86400
		start := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC).Unix()
		if start < lo.Unix() {
			start += daySec
		}
		base := int64(0)
		if st.n == 7 || st.n == 14 {
			base = mondayEpoch
		}
		period := int64(st.n) * daySec
		if r := ((start-base)%period + period) % period; r != 0 {
			start += period - r
		}
		for s := start; s <= hi.Unix(); s += period {
			out = append(out, time.Unix(s, 0).UTC())
		}
	case unitMonth:
		m := lo.Year()*12 + int(lo.Month()) - 1
		if !time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC).Equal(lo) {
			m++
		}
		if r := m % st.n; r != 0 {
			m += st.n - r
		}
		for ; ; m += st.n {
			t := time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
			if t.After(hi) {
				break
			}
			out = append(out, t)
		}
	case unitYear:
		y := lo.Year()
		if !time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Equal(lo) {
			y++
		}
		if r := ((y % st.n) + st.n) % st.n; r != 0 {
			y += st.n - r
		}
		for ; ; y += st.n {
			t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			if t.After(hi) {
				break
			}
			out = append(out, t)
		}
	}
	return out
}

// labelTime formats a tick time for a step of the given unit and size.
func labelTime(t time.Time, unit, n int, spansYears bool) string {
	t = t.UTC()
	switch {
	case unit == unitYear:
		return strconv.Itoa(t.Year())
	case unit == unitMonth && n == 3:
		return "Q" + strconv.Itoa((int(t.Month())-1)/3+1) + " " + strconv.Itoa(t.Year())
	case unit == unitMonth:
		return t.Format("Jan 2006")
	case spansYears:
		return t.Format("Jan 2, 2006")
	}
	return t.Format("Jan 2")
}

// timeTicks returns calendar-aligned ticks within [lo, hi] (UTC) for an
// axis plotW pixels wide: the densest step whose labels fit with gap
// pixels between them and number at most one per five gaps of width.
// Where every such step gives one tick alone (2015 to mid-2024 on a
// phone: years 2016 to 2024 are too many, and every fifth year is 2020
// alone), the sparsest step of two or more ticks whose labels fit is
// taken instead: one label says nothing of the axis' scale.
func timeTicks(lo, hi time.Time, plotW, gap int, measure func(string) int) []tick {
	lo, hi = lo.UTC(), hi.UTC()
	maxN := clampInt(plotW/(5*gap), 2, 10)
	spansYears := lo.Year() != hi.Year()
	span := float64(hi.Unix() - lo.Unix())
	var best []tick
	for _, st := range timeSteps {
		if span/st.approx > 400 {
			continue
		}
		times := stepTimes(lo, hi, st)
		if len(times) > maxN {
			continue
		}
		ticks, widest := labelTimes(times, st, spansYears, measure)
		if len(ticks)*(widest+gap) > plotW {
			continue
		}
		if len(ticks) >= 2 || best == nil {
			best = ticks
		}
		if len(ticks) >= 2 {
			break
		}
	}
	if len(best) >= 2 {
		return best
	}
	for i := len(timeSteps) - 1; i >= 0; i-- {
		st := timeSteps[i]
		if span/st.approx > 400 {
			continue
		}
		times := stepTimes(lo, hi, st)
		if len(times) < 2 {
			continue
		}
		ticks, widest := labelTimes(times, st, spansYears, measure)
		if len(ticks)*(widest+gap) <= plotW {
			return ticks
		}
		break // denser steps fit less
	}
	return best
}

// labelTimes labels times as ticks of step st, and measures the widest label.
func labelTimes(times []time.Time, st timeStep, spansYears bool, measure func(string) int) ([]tick, int) {
	ticks := make([]tick, len(times))
	widest := 0
	for i, t := range times {
		ticks[i] = tick{Value: float64(t.Unix()), Label: labelTime(t, st.unit, st.n, spansYears)}
		widest = max(widest, measure(ticks[i].Label))
	}
	return ticks, widest
}

// barTicks labels the dates of bars by their cadence (years, quarters,
// months or days): for months, quarters and years the bars at calendar
// steps (calendarBarTicks), else every k-th label, so that they fit with
// gap pixels between them.
func barTicks(xs []time.Time, plotW, gap int, measure func(string) int) []tick {
	if len(xs) == 0 {
		return nil
	}
	unit, n := unitDay, 1
	if len(xs) > 1 {
		gaps := make([]time.Duration, 0, len(xs)-1)
		for i := 1; i < len(xs); i++ {
			gaps = append(gaps, xs[i].Sub(xs[i-1]))
		}
		sort.Slice(gaps, func(i, j int) bool { return gaps[i] < gaps[j] })
		g := gaps[len(gaps)/2]
		switch {
		case g >= 360*24*time.Hour:
			unit, n = unitYear, 1
		case g >= 88*24*time.Hour:
			unit, n = unitMonth, 3
		case g >= 28*24*time.Hour:
			unit, n = unitMonth, 1
		}
	}
	spansYears := xs[0].UTC().Year() != xs[len(xs)-1].UTC().Year()
	if unit != unitDay {
		if out := calendarBarTicks(xs, unit, n, plotW, gap, measure); out != nil {
			return out
		}
	}
	// The most labels whose widest fits: every k-th date from the first,
	// for the smallest k whose labels, at most 12, each fit in their share
	// of the axis. Only the labels that may be shown are formatted.
	out := make([]tick, 0, 12)
	for maxN := min(12, len(xs)); ; maxN-- {
		k := (len(xs) + maxN - 1) / maxN
		out, widest := out[:0], 0
		for i := 0; i < len(xs); i += k {
			t := tick{Value: float64(xs[i].Unix()), Label: labelTime(xs[i], unit, n, spansYears)}
			out = append(out, t)
			widest = max(widest, measure(t.Label))
		}
		if plotW/(widest+gap) >= len(out) || maxN == 1 {
			return out
		}
	}
}

// barSteps are the steps, in months, at which calendarBarTicks labels
// bars: those of a year or more are labelled by the year alone.
var barSteps = []int{1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200}

// calendarBarTicks labels the bars of monthly, quarterly or yearly data
// (a step of n units) at the first calendar step whose labels, at most
// 12 and at least 2, fit: every month, every quarter's first, every
// year's first (labelled "2005"), every fifth year's, as a line chart's
// axis is labelled; a step whose bar the data lacks is labelled where
// the bar would stand. Every k-th bar from the first gave Q1 2000, Q4 2002,
// Q3 2005, and a quarter missing from the data moved the labels after it.
// It returns nil where no step fits.
func calendarBarTicks(xs []time.Time, unit, n, plotW, gap int, measure func(string) int) []tick {
	per := n // months a bar stands for
	if unit == unitYear {
		per = 12
	}
	first, last := xs[0].UTC(), xs[len(xs)-1].UTC()
	index := func(t time.Time) int { t = t.UTC(); return t.Year()*12 + (int(t.Month())-1)/per*per }
	// A label stands under its bar; a label whose bar the data lacks
	// stands where the bar before it would stand, moved by whole months
	// (from a month's last day to the last day of the month it lands in).
	bars := make(map[int]time.Time, len(xs))
	for _, x := range xs {
		if _, ok := bars[index(x)]; !ok {
			bars[index(x)] = x
		}
	}
	at := func(m int) time.Time {
		if x, ok := bars[m]; ok {
			return x
		}
		prev := first
		for _, x := range xs {
			if index(x) > m {
				break
			}
			prev = x
		}
		prev = prev.UTC()
		months := m - index(prev)
		if y, mon, d := prev.Date(); d == period.DaysIn(y, mon) {
			t := time.Date(y, mon+time.Month(months)+1, 1, 0, 0, 0, 0, time.UTC)
			return t.AddDate(0, 0, -1)
		}
		return prev.AddDate(0, months, 0)
	}
	spansYears := first.Year() != last.Year()
	out := make([]tick, 0, 12)
	for _, step := range barSteps {
		if step < per || step%per != 0 {
			continue
		}
		lo, hi := index(first), index(last)
		lo += (step - lo%step) % step
		if (hi-lo)/step+1 > 12 {
			continue
		}
		out, widest := out[:0], 0
		for m := lo; m <= hi; m += step {
			x := at(m)
			label := labelTime(x, unit, n, spansYears)
			if step >= 12 {
				label = strconv.Itoa(x.Year())
			}
			out = append(out, tick{Value: float64(x.Unix()), Label: label})
			widest = max(widest, measure(label))
		}
		if len(out) < 2 {
			return nil
		}
		if plotW/(widest+gap) >= len(out) {
			return out
		}
	}
	return nil
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// yScale computes the range and ticks of axis a. With intervals >= 0 the
// ticks have exactly that many intervals, to share the other axis's grid.
func (r *Renderer) yScale(c Chart, l *layout, a Axis, log bool, maxN, intervals int) axisScale {
	lo, hi := math.Inf(1), math.Inf(-1)
	used := false
	for _, s := range c.Series {
		if s.Axis != a {
			continue
		}
		used = true
		for _, y := range s.Y {
			if !math.IsNaN(y) {
				lo, hi = math.Min(lo, y), math.Max(hi, y)
			}
		}
	}
	if !used {
		return axisScale{r: &linRange{min: 0, max: 1}}
	}
	for _, h := range c.Lines {
		if h.Axis == a {
			lo, hi = math.Min(lo, h.Value), math.Max(hi, h.Value)
		}
	}
	if log {
		vs := logTicks(lo, hi, maxN)
		ticks := make([]tick, len(vs))
		for i, v := range vs {
			ticks[i] = tick{Value: v}
		}
		return axisScale{r: &logRange{min: vs[0], max: vs[len(vs)-1]}, ticks: ticks, used: true}
	}
	switch c.Type {
	case TypeStackedArea, TypeStackedBar:
		lo, hi = l.stack.extent()
	case TypeHistogram:
		lo, hi = 0, math.Max(l.hist.maxCount(), 1)
	case TypeBar:
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	case TypeArea:
		hi = math.Max(hi, 0)
	}
	if lo == hi {
		// A flat series: an explicit range around the value.
		d := math.Abs(lo) * 0.05
		if d == 0 {
			d = 1
		}
		lo, hi = lo-d, hi+d
	}
	var vs []float64
	if intervals > 0 {
		vs = alignedTicks(lo, hi, intervals)
	}
	if vs == nil {
		vs, _ = niceTicks(lo, hi, maxN)
	}
	ticks := make([]tick, len(vs))
	for i, v := range vs {
		ticks[i] = tick{Value: v}
	}
	return axisScale{r: &linRange{min: vs[0], max: vs[len(vs)-1]}, ticks: ticks, used: true}
}

// alignedTicks returns n+1 round ticks covering [lo, hi], or nil when a
// round step needs a range over twice as wide as the data.
func alignedTicks(lo, hi float64, n int) []float64 {
	e := math.Floor(math.Log10((hi-lo)/float64(n))) - 1
	for i := 0; i < 12; i++ {
		step := niceMantissas[i%len(niceMantissas)] * math.Pow(10, e+float64(i/len(niceMantissas)))
		k0 := math.Floor(lo/step + 1e-9)
		if (k0+float64(n))*step >= hi-1e-9*math.Abs(hi) {
			if float64(n)*step > 2*(hi-lo) {
				return nil
			}
			d := stepDecimals(step)
			pow := math.Pow10(d)
			out := make([]float64, n+1)
			for k := 0; k <= n; k++ {
				out[k] = math.Round((k0+float64(k))*step*pow)/pow + 0
			}
			return out
		}
	}
	return nil
}

// formatTicks labels y ticks with as many decimals as they need.
func formatTicks(ts []tick, f Format, log bool) {
	if len(ts) == 0 {
		return
	}
	dec := 0
	if log {
		for _, t := range ts {
			dec = max(dec, stepDecimals(t.Value))
		}
	} else if len(ts) > 1 {
		// The step is a round number; the difference of two ticks far
		// from zero carries their rounding (1,000,000.0030 −
		// 1,000,000.0025 = 0.000499999965…): six figures are the step's.
		dec = stepDecimals(roundTo(ts[1].Value-ts[0].Value, 6))
	}
	for i := range ts {
		ts[i].Label = formatValue(f, ts[i].Value, dec)
	}
}
