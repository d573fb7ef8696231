package figure

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/internal/period"
)

// Computed is a chart with its data computed from a spec: what the
// renderer draws and what the page shows around it.
type Computed struct {
	Chart        chart.Chart
	Series       []data.Series // index-aligned with Chart.Series, cut to the range
	Computed     []bool        // index-aligned with Series: values a transform computed, not read from the CSV
	Through      period.Date   // the latest date with a value, at the precision of the data
	Credits      []string      // source lines, the spec's or the datasets'
	Illustrative bool
	// RowHead names a heatmap's row heads ("Series", "Year"): the corner
	// cell of its data table, a column header that must not be empty.
	RowHead string
}

var colorRe = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// compute resolves a spec's data and computes its series. file is the
// markdown file, for resolving relative paths and for messages.
func (s *Set) compute(sp *Spec, file string) (*Computed, error) {
	at := func(line int) string { return fmt.Sprintf("%s:%d", file, s.specLine(sp, line)) }
	var errs []error
	// fail adds the problem at line; an error in args given as %w stays
	// wrapped (a data file's ParseError, which build reports once).
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: chart: "+format, append([]any{at(line)}, args...)...))
	}
	typ := sp.Type
	switch typ {
	case "", chart.TypeLine, chart.TypeArea, chart.TypeBar, chart.TypeScatter, chart.TypeStackedArea, chart.TypeStackedBar, chart.TypeHistogram, chart.TypeHeatmap:
	default:
		fail(sp.keyLine("type"), "unknown type %q (types: line, area, bar, scatter, stacked-area, stacked-bar, histogram, heatmap)", typ)
	}
	checkHistogram(sp, typ, fail)
	checkHeatmap(sp, typ, fail)
	checkPanels(sp, typ, fail)
	if sp.Total != "" && typ != chart.TypeStackedArea && typ != chart.TypeStackedBar {
		fail(sp.keyLine("total"), "total draws the sum of stacked series: it needs type: stacked-area or stacked-bar")
	}
	if len(sp.Series) == 0 {
		fail(sp.keyLine("series"), "no series: add series: with at least one column, such as series: [{column: SP500, label: \"S&P 500\"}]")
	}
	// The range's form is checked here, so that it is reported with the
	// spec's other problems whatever its data; its dates once read.
	_, rangeErr := data.ParseRange(sp.Range, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	if rangeErr != nil {
		fail(sp.keyLine("range"), "range: %v", rangeErr)
	}
	if len(sp.Series) > chart.MaxSeries {
		fail(sp.keyLine("series"), "%d series, more than the %d a chart may draw (1,000 made a page of 22 MB that no reader could tell apart): split them across charts, or use panels", len(sp.Series), chart.MaxSeries)
	}
	if err := data.CheckDateFormat(sp.DateFormat); sp.DateFormat != "" && err != nil {
		fail(sp.keyLine("dateFormat"), "dateFormat: %v", err) // not an error at each row of the CSV
		return nil, errors.Join(errs...)
	}
	if sp.Height != 0 && (sp.Height < chart.MinSize || sp.Height > chart.MaxSize) {
		fail(sp.keyLine("height"), "height %d must be between %d and %d", sp.Height, chart.MinSize, chart.MaxSize)
	}
	yl, err := axisFormat(sp.Y)
	if err != nil {
		fail(sp.keyLine("y"), "y: %v", err)
	}
	yr, err := axisFormat(sp.Y2)
	if err != nil {
		fail(sp.keyLine("y2"), "y2: %v", err)
	}
	if sp.Y2.Log {
		// The chart draws a log scale on the left axis only: say so
		// rather than draw the right axis linear as if log were not set.
		fail(sp.keyLine("y2"), "y2: log scales are drawn on the left axis only: put the series on the left axis and set y: {log: true}, or leave log out of y2")
	}
	var common []data.Transform
	for _, t := range sp.Transforms {
		tr, err := data.ParseTransform(t)
		if err != nil {
			fail(sp.keyLine("transforms"), "transforms: %v", err)
			continue
		}
		common = append(common, tr)
	}
	if len(errs) > 0 && len(sp.Series) > chart.MaxSeries {
		return nil, errors.Join(errs...) // not one error a series more
	}
	// Past the spec's own problems, its data's are found too: every
	// problem of the chart is reported at once.
	c := &Computed{Chart: chart.Chart{
		Title: sp.Title, Subtitle: sp.Subtitle, Type: typ, Total: sp.Total,
		Bins: sp.Bins, Percentiles: sp.Percentiles, MarkLatest: sp.Latest,
		Width: s.cfg.Charts.Width, Height: s.cfg.Charts.Height,
		Y: yl, YRight: yr, Log: sp.Y.Log,
	}}
	if sp.Height != 0 {
		c.Chart.Height = sp.Height
	}
	credits := map[string]bool{}
	var rng data.Range
	rangeSet := false
	unloaded := map[string]bool{}
	for i, ss := range sp.Series {
		name := sp.Data
		if ss.Data != "" {
			name = ss.Data
		}
		if name == "" {
			fail(ss.Line, "series %d has no data: set data: at the top of the spec or in the series", i+1)
			continue
		}
		src, err := s.store.Resolve(name, file)
		if err != nil {
			fail(ss.Line, "%w", err)
			continue
		}
		if sp.X != "" && ss.Data == "" {
			src.Opts.DateColumn = sp.X
		}
		if sp.DateFormat != "" {
			src.Opts.DateFormat = sp.DateFormat
		}
		if len(sp.Missing) > 0 {
			src.Opts.Missing = append(append([]string(nil), src.Opts.Missing...), sp.Missing...)
		}
		tab, err := s.store.Table(src)
		if err != nil {
			// A file that does not load is the chart's one problem with
			// it, at the first series that reads it, not one a series.
			if k := err.Error(); !unloaded[k] {
				unloaded[k] = true
				fail(ss.Line, "%w", err)
			}
			continue
		}
		if sp.X != "" && !strings.EqualFold(tab.DateColumn, sp.X) {
			fail(sp.keyLine("x"), "x: date column %q not found in %s (date column: %s, columns: %s)", sp.X, src.Path, tab.DateColumn, strings.Join(tab.Columns, ", "))
			continue
		}
		if ss.Column == "" {
			fail(ss.Line, "series %d has no column (columns of %s: %s)", i+1, src.Path, strings.Join(tab.Columns, ", "))
			continue
		}
		col, err := tab.Series(ss.Column)
		if err != nil {
			fail(ss.Line, "%s: %v", src.Path, err)
			continue
		}
		ts := append([]data.Transform(nil), common...)
		for _, t := range ss.Transforms {
			tr, err := data.ParseTransform(t)
			if err != nil {
				fail(ss.Line, "transforms: %v", err)
				continue
			}
			ts = append(ts, tr)
		}
		if !rangeSet {
			rng, err = data.ParseRange(sp.Range, tab.LastDate())
			if err != nil {
				if rangeErr == nil {
					fail(sp.keyLine("range"), "range: %v", err)
				}
				return nil, errors.Join(errs...)
			}
			rangeSet = true
		}
		out, err := data.ApplyRange(col, ts, tab.Series, rng)
		if errors.Is(err, data.ErrEmptyRange) {
			fail(sp.keyLine("range"), "range %q: %v", sp.Range, err)
			continue
		}
		if err != nil {
			fail(ss.Line, "series %q: %v", ss.Column, err)
			continue
		}
		label := ss.Label
		if label == "" {
			label = col.Name
		}
		axis := chart.Left
		switch ss.Axis {
		case "", "left":
		case "right":
			axis = chart.Right
		default:
			fail(ss.Line, "axis %q must be left or right", ss.Axis)
		}
		if ss.Color != "" && !colorRe.MatchString(ss.Color) {
			fail(ss.Line, "color %q must be #rrggbb, such as #0072b2", ss.Color)
		}
		c.Chart.Series = append(c.Chart.Series, chart.Series{Label: label, Axis: axis, Color: ss.Color, X: out.Dates, Y: out.Values})
		c.Series = append(c.Series, out)
		c.Computed = append(c.Computed, len(ts) > 0)
		if src.Illustrative {
			c.Illustrative = true
		}
		if src.Credit != "" && !credits[src.Credit] {
			credits[src.Credit] = true
			c.Credits = append(c.Credits, src.Credit)
		}
		if last, err := data.Last(out); err == nil && last.Date.After(c.Through.Time) {
			c.Through.Time = last.Date
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// "Data through November 2023" for monthly data: the finest
	// precision of the series drawn together.
	c.Through.Precision = period.Year
	for _, s := range c.Series {
		c.Through.Precision = period.Finest(c.Through.Precision, period.Of(s.Dates))
	}
	if sp.Source != "" {
		c.Credits = []string{sp.Source}
	}
	if sp.Illustrative != nil {
		if c.Illustrative && !*sp.Illustrative {
			// Synthetic data is labelled on every chart of it, whatever
			// the chart says: a spec may add the label, not take it away.
			return nil, fmt.Errorf("%s: chart: illustrative: false, but the chart reads data site.yaml marks illustrative: true (synthetic); every chart of it is labelled, so remove the key", at(sp.keyLine("illustrative")))
		}
		c.Illustrative = *sp.Illustrative
	}
	if c.Illustrative {
		c.Chart.Note = "Illustrative data"
	}
	for _, a := range sp.Annotations {
		switch {
		case a.Date != "" && a.Y != nil:
			fail(a.Line, "annotation has both date and y: a date draws a vertical line, y a horizontal one")
		case a.Date != "":
			d, err := parseDay(a.Date)
			if err != nil {
				fail(a.Line, "annotation date: %v", err)
				continue
			}
			c.Chart.Marks = append(c.Chart.Marks, chart.Mark{Date: d, Label: a.Label})
		case a.Y != nil:
			axis := chart.Left
			if a.Axis == "right" {
				axis = chart.Right
			} else if a.Axis != "" && a.Axis != "left" {
				fail(a.Line, "annotation axis %q must be left or right", a.Axis)
			}
			c.Chart.Lines = append(c.Chart.Lines, chart.HLine{Value: *a.Y, Label: a.Label, Axis: axis})
		default:
			fail(a.Line, "annotation needs date: (a labelled date) or y: (a reference line)")
		}
	}
	s.bands(sp, file, &c.Chart, fail)
	s.panels(sp, file, &c.Chart, fail)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if typ == chart.TypeHeatmap {
		heatmapOf(c, sp.Matrix)
	}
	if err := chart.Validate(c.Chart); err != nil {
		return nil, fmt.Errorf("%s: %w", at(0), err)
	}
	return c, nil
}

func parseDay(s string) (time.Time, error) {
	for _, l := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date such as 2008-09-15", s)
}

func axisFormat(a AxisSpec) (chart.Format, error) {
	f := chart.Format{Kind: a.Format, Currency: a.Currency}
	switch a.Format {
	case "", chart.KindNumber, chart.KindPercent, chart.KindCurrency:
	default:
		return f, fmt.Errorf("format %q must be number, percent or currency", a.Format)
	}
	if a.Decimals != nil {
		if *a.Decimals < 0 || *a.Decimals > 6 {
			return f, fmt.Errorf("decimals %d must be between 0 and 6", *a.Decimals)
		}
		f.Decimals = *a.Decimals
		if *a.Decimals == 0 {
			f.Decimals = chart.NoDecimals
		}
	}
	return f, nil
}

// specLine turns a line of the spec's YAML (1-based, 0 for the fence) into
// a line of the file.
func (s *Set) specLine(sp *Spec, line int) int {
	if line <= 0 {
		return sp.line
	}
	return sp.line + line
}

// csvOf writes the computed series as CSV: date, then one column per
// series label, an empty cell for a gap, then a stacked chart's total
// (the sum of the row's values), and when the chart has bands a column
// "shaded" naming the bands that hold each date (chart.BandsAt). Rows are the union of the dates
// (rows of c). A value read from the data is written as it was read (the
// shortest decimal that parses to it); a value a transform computed is
// rounded to csvDigits significant digits (appendComputed).
func csvOf(c *Computed, rs *rowSet) []byte {
	switch c.Chart.Type {
	case chart.TypeHistogram:
		return histCSV(c)
	case chart.TypeHeatmap:
		return matrixCSV(c.Chart.Matrix)
	}
	if byPeriod(c) {
		return periodCSV(c)
	}
	b := make([]byte, 0, 16+rs.len()*(12+12*len(c.Chart.Series)))
	b = append(b, "date"...)
	for _, s := range c.Chart.Series {
		b = append(b, ',')
		b = append(b, csvField(s.Label)...)
	}
	if c.Chart.Total != "" {
		b = append(b, ',')
		b = append(b, csvField(c.Chart.Total)...)
	}
	if len(c.Chart.Bands) > 0 {
		b = append(b, ",shaded"...)
	}
	b = append(b, '\n')
	for r, day := range rs.dates {
		b = appendDay(b, day)
		for i, v := range rs.values(r) {
			b = append(b, ',')
			switch {
			case math.IsNaN(v):
			case i < len(c.Computed) && c.Computed[i]:
				b = appendComputed(b, v)
			default:
				b = appendShortest(b, v)
			}
		}
		if c.Chart.Total != "" {
			b = append(b, ',')
			if t := rowTotal(rs.values(r)); !math.IsNaN(t) {
				b = appendComputed(b, t)
			}
		}
		if len(c.Chart.Bands) > 0 {
			b = append(b, ',')
			b = append(b, csvField(chart.BandsAt(c.Chart, day))...)
		}
		b = append(b, '\n')
	}
	return b
}

// appendShortest appends v as strconv.AppendFloat(b, v, 'f', -1, 64) does:
// the shortest decimal that reads back as v. Most data is written with a
// few decimals (1234.56); such a value is found as the integer k with
// k / 10^d == v for the fewest decimals d, which takes a few
// multiplications instead of strconv's search. (k and 10^d are exact, so
// the division is correctly rounded like parsing the decimal, and only the
// integer nearest to v × 10^d can read back as v.) Other values go to
// strconv.
func appendShortest(b []byte, v float64) []byte {
	if a := math.Abs(v); a < 1e9 && a >= 1e-3 {
		for d := 0; d <= 6; d++ {
			p := pow10[d]
			k := math.Round(v * p)
			if k/p == v {
				return appendDecimal(b, int64(k), d)
			}
		}
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// pow10 holds the powers of ten that appendShortest and appendComputed use,
// all exact in a float64.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// appendDecimal appends k / 10^d with d decimals, dropping trailing zeros
// (and the point when none is left).
func appendDecimal(b []byte, k int64, d int) []byte {
	if k < 0 {
		b = append(b, '-')
		k = -k
	}
	for d > 0 && k%10 == 0 {
		k /= 10
		d--
	}
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], k, 10)
	if d == 0 {
		return append(b, s...)
	}
	if len(s) <= d { // 0.00ddd
		b = append(b, "0."...)
		for range d - len(s) {
			b = append(b, '0')
		}
		return append(b, s...)
	}
	b = append(b, s[:len(s)-d]...)
	b = append(b, '.')
	return append(b, s[len(s)-d:]...)
}

// csvDigits is how many significant digits a computed value keeps in a
// chart's CSV: a rebased or rolling value such as 25.02481389578164 is
// written 25.0248139, a third shorter, while a value read from the data is
// written as it was.
const csvDigits = 10

// appendComputed appends v rounded to csvDigits significant digits, in
// plain decimal notation (never an exponent), without trailing zeros:
// 25.02481389578164 → 25.0248139, -0.000012345678912 → -0.00001234567891,
// 123456789012.5 → 123456789000.
func appendComputed(b []byte, v float64) []byte {
	// Most values lie between 0.001 and 10^9: v × 10^d, for the d that
	// leaves 10 digits before the point, is then below 2^53 and off by at
	// most an ulp, so its nearest integer is the rounded digits unless it
	// is within a few ulps of a half, which strconv decides.
	if a := math.Abs(v); a >= 1e-3 && a < 1e9 {
		d := 12 // 10^9 <= a × 10^d < 10^10, checked below
		for d > 0 && a*pow10[d] >= 1e10 {
			d--
		}
		x := v * pow10[d]
		k := math.Round(x)
		if f := math.Abs(x - math.Trunc(x)); math.Abs(f-0.5) > 1e-5 && math.Abs(k) >= 1e9 && math.Abs(k) <= 1e10 {
			return appendDecimal(b, int64(k), d)
		}
	}
	return appendComputedExact(b, v)
}

// appendComputedExact is appendComputed for any value, through strconv.
func appendComputedExact(b []byte, v float64) []byte {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	// 'e' gives the digits, correctly rounded, and the exponent.
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], v, 'e', csvDigits-1, 64) // -d.ddddddddde±dd
	if e[0] == '-' {
		b = append(b, '-')
		e = e[1:]
	}
	mark := bytes.IndexByte(e, 'e')
	exp := 0
	for _, c := range e[mark+2:] {
		exp = exp*10 + int(c-'0')
	}
	if e[mark+1] == '-' {
		exp = -exp
	}
	var digits [csvDigits]byte
	n := copy(digits[:], e[:1])
	n += copy(digits[n:], e[2:mark])
	for n > 1 && digits[n-1] == '0' {
		n--
	}
	point := exp + 1 // digits before the decimal point
	switch {
	case point <= 0:
		b = append(b, "0."...)
		for ; point < 0; point++ {
			b = append(b, '0')
		}
		b = append(b, digits[:n]...)
	case point >= n:
		b = append(b, digits[:n]...)
		for ; point > n; point-- {
			b = append(b, '0')
		}
	default:
		b = append(b, digits[:point]...)
		b = append(b, '.')
		b = append(b, digits[point:n]...)
	}
	return b
}

// appendDay appends t as YYYY-MM-DD, as t.AppendFormat(b, "2006-01-02")
// does for years 0 to 9999, without reading a layout for every row.
func appendDay(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, "2006-01-02")
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10))
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// rowSet is the series of a chart merged by date: one row per date of any
// series, and n values per row (a gap where a series has no value then).
type rowSet struct {
	dates []time.Time
	vals  []float64 // row i is vals[i*n : (i+1)*n]
	n     int
}

func (rs *rowSet) len() int { return len(rs.dates) }

func (rs *rowSet) values(i int) []float64 { return rs.vals[i*rs.n : (i+1)*rs.n : (i+1)*rs.n] }

// rows merges the series by date (they are each ascending). Series of one
// table with the same transforms share their dates, and then need no
// merge.
func rows(c *Computed) *rowSet {
	n := len(c.Series)
	rs := &rowSet{n: n}
	if n == 0 {
		return rs
	}
	if d := c.Series[0].Dates; sharedDates(c.Series) {
		rs.dates = d
		rs.vals = make([]float64, len(d)*n)
		for j, s := range c.Series {
			for i, v := range s.Values {
				rs.vals[i*n+j] = v
			}
		}
		return rs
	}
	idx := make([]int, n)
	longest := 0
	for _, s := range c.Series {
		longest = max(longest, len(s.Dates))
	}
	rs.dates = make([]time.Time, 0, longest)
	rs.vals = make([]float64, 0, longest*n)
	for {
		var next time.Time
		found := false
		for i, s := range c.Series {
			if idx[i] < len(s.Dates) && (!found || s.Dates[idx[i]].Before(next)) {
				next, found = s.Dates[idx[i]], true
			}
		}
		if !found {
			return rs
		}
		rs.dates = append(rs.dates, next)
		for i, s := range c.Series {
			v := math.NaN()
			if idx[i] < len(s.Dates) && s.Dates[idx[i]].Equal(next) {
				v = s.Values[idx[i]]
				idx[i]++
			}
			rs.vals = append(rs.vals, v)
		}
	}
}

// sharedDates reports whether the series all hold the same slice of dates.
func sharedDates(ss []data.Series) bool {
	d := ss[0].Dates
	for _, s := range ss[1:] {
		if len(s.Dates) != len(d) || len(d) > 0 && &s.Dates[0] != &d[0] {
			return false
		}
	}
	return true
}

// rowTotal is the sum of a row's values, NaN when any is a gap: a stacked
// chart's total at the row's date (chart.Totals), never a sum of some of
// the parts.
func rowTotal(vs []float64) float64 {
	t := 0.0
	for _, v := range vs {
		if math.IsNaN(v) {
			return math.NaN()
		}
		t += v
	}
	return t
}
