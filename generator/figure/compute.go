package figure

import (
	"errors"
	"fmt"
	"math"
	"regexp"
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
	if len(sp.Series) == 0 && sp.keyLine("series.0") == 0 {
		// Series written but none decoded (a value of the wrong type in
		// each, reported at its line) are not "no series".
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
		Title: sp.Title, Subtitle: sp.Subtitle, Description: sp.Description, Type: typ, Total: sp.Total,
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
	for _, name := range sp.periodData() {
		src, err := s.store.Resolve(name, file)
		if err != nil {
			continue // the band or period reports it at its line
		}
		if src.Illustrative {
			c.Illustrative = true
		}
		if src.Credit != "" && !credits[src.Credit] {
			credits[src.Credit] = true
			c.Credits = append(c.Credits, src.Credit)
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
