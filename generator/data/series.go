package data

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Series is a named sequence of dated values. Dates are strictly ascending;
// Values has one value per date and NaN marks a gap. Functions in this
// package never modify a Series they are given, and return Series whose
// Values are not shared with their arguments. Dates are never modified
// once made, so results share them with their arguments where they are the
// same dates (a date is 24 bytes with a pointer: copying them was most of
// the work of a transform); the shared slices have no spare capacity, so an
// append copies them. Do not modify the Dates of a Series.
type Series struct {
	Name   string
	Dates  []time.Time
	Values []float64
}

// Point is one dated value.
type Point struct {
	Date  time.Time
	Value float64
}

// Resolver returns the series of a named column. Transforms and statistics
// that name another column, such as ratio(sp500), get it through a
// Resolver; (*Table).Series is one.
type Resolver func(column string) (Series, error)

// ErrNoData is wrapped by errors about a series without a single value
// that is not a gap.
var ErrNoData = errors.New("no data")

// ErrEmptyRange is wrapped by the error of Window when no value that is not
// a gap falls inside the range.
var ErrEmptyRange = errors.New("empty range")

// Len returns the number of points, gaps included.
func (s Series) Len() int { return len(s.Dates) }

// Validate checks that s has one value per date and strictly ascending
// dates. Every transform and statistic validates its input.
func (s Series) Validate() error {
	if len(s.Dates) != len(s.Values) {
		return fmt.Errorf("series %q has %d dates but %d values", s.Name, len(s.Dates), len(s.Values))
	}
	for i := 1; i < len(s.Dates); i++ {
		if !s.Dates[i-1].Before(s.Dates[i]) {
			return fmt.Errorf("series %q: dates must be strictly ascending, but %s is followed by %s", s.Name, formatDate(s.Dates[i-1]), formatDate(s.Dates[i]))
		}
	}
	return nil
}

// isGap reports whether v marks a gap: NaN, or an infinity (which no
// function in this package produces, but a hand-made Series might hold).
func isGap(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// finite returns v, or NaN when v is infinite, so that divisions by zero
// become gaps.
func finite(v float64) float64 {
	if math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

// like returns a series with the dates of s (shared), the given name and a
// fresh slice of values, all gaps.
func like(s Series, name string) Series {
	out := Series{Name: name, Dates: shared(s.Dates), Values: make([]float64, len(s.Values))}
	for i := range out.Values {
		out.Values[i] = math.NaN()
	}
	return out
}

// shared returns dates for use by another Series: the same array, without
// spare capacity, so that appending to either copies it.
func shared(dates []time.Time) []time.Time { return dates[:len(dates):len(dates)] }

// firstIndex returns the index of the first value that is not a gap and is
// dated at or after from (any date when from is zero), or -1.
func firstIndex(s Series, from time.Time) int {
	i := 0
	if !from.IsZero() {
		i = sort.Search(len(s.Dates), func(i int) bool { return !s.Dates[i].Before(from) })
	}
	for ; i < len(s.Values); i++ {
		if !isGap(s.Values[i]) {
			return i
		}
	}
	return -1
}

// lastIndex returns the index of the last value that is not a gap, or -1.
func lastIndex(s Series) int {
	for i := len(s.Values) - 1; i >= 0; i-- {
		if !isGap(s.Values[i]) {
			return i
		}
	}
	return -1
}

// Align returns the parts of a and b on the dates they share (an inner
// join by date). Gaps are kept.
func Align(a, b Series) (Series, Series, error) {
	if err := a.Validate(); err != nil {
		return Series{}, Series{}, err
	}
	if err := b.Validate(); err != nil {
		return Series{}, Series{}, err
	}
	n := min(len(a.Dates), len(b.Dates))
	ra := Series{Name: a.Name, Dates: make([]time.Time, 0, n), Values: make([]float64, 0, n)}
	rb := Series{Name: b.Name, Dates: make([]time.Time, 0, n), Values: make([]float64, 0, n)}
	for i, j := 0, 0; i < len(a.Dates) && j < len(b.Dates); {
		switch c := a.Dates[i].Compare(b.Dates[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			ra.Dates = append(ra.Dates, a.Dates[i])
			ra.Values = append(ra.Values, a.Values[i])
			rb.Dates = append(rb.Dates, b.Dates[j])
			rb.Values = append(rb.Values, b.Values[j])
			i++
			j++
		}
	}
	return ra, rb, nil
}

// Window returns the points of s dated from from to to, both included. A
// zero from or to leaves that end open. A window without a single value
// that is not a gap is an error wrapping ErrEmptyRange:
// "empty range 2024-01-01..2024-06-30: data covers 1990-01-01..2023-09-01";
// where s itself has none, whatever the range, the error wraps ErrNoData.
func Window(s Series, from, to time.Time) (Series, error) {
	if err := s.Validate(); err != nil {
		return Series{}, err
	}
	if firstIndex(s, time.Time{}) < 0 {
		return Series{}, fmt.Errorf("%w: series %q has no values (its cells are empty or mark missing values, or its transforms leave none)", ErrNoData, s.Name)
	}
	lo := 0
	if !from.IsZero() {
		lo = sort.Search(len(s.Dates), func(i int) bool { return !s.Dates[i].Before(from) })
	}
	hi := len(s.Dates)
	if !to.IsZero() {
		hi = sort.Search(len(s.Dates), func(i int) bool { return s.Dates[i].After(to) })
	}
	if hi < lo {
		hi = lo
	}
	out := Series{Name: s.Name, Dates: shared(s.Dates[lo:hi]), Values: slices.Clone(s.Values[lo:hi])}
	if firstIndex(out, time.Time{}) < 0 {
		return Series{}, fmt.Errorf("%w %s: %s", ErrEmptyRange, Range{From: from, To: to}, covers(s))
	}
	return out, nil
}

// covers describes the span of the values of s that are not gaps.
func covers(s Series) string {
	i, j := firstIndex(s, time.Time{}), lastIndex(s)
	if i < 0 {
		return fmt.Sprintf("series %q has no values", s.Name)
	}
	return fmt.Sprintf("data covers %s..%s", formatDate(s.Dates[i]), formatDate(s.Dates[j]))
}

// Range is a span of dates, both ends included. A zero From or To leaves
// that end open; the zero Range is everything.
type Range struct {
	From, To time.Time
}

// String formats r in the explicit range grammar, "2020-01-01..2020-12-31",
// with an open end left empty.
func (r Range) String() string {
	var b strings.Builder
	if !r.From.IsZero() {
		b.WriteString(formatDate(r.From))
	}
	b.WriteString("..")
	if !r.To.IsZero() {
		to := r.To
		if to.Hour() == 23 && to.Minute() == 59 && to.Second() == 59 && to.Nanosecond() == 999999999 {
			to = to.Add(time.Nanosecond).AddDate(0, 0, -1) // the whole day: show the day
		}
		b.WriteString(formatDate(to))
	}
	return b.String()
}

// Contains reports whether t is in r.
func (r Range) Contains(t time.Time) bool {
	return (r.From.IsZero() || !t.Before(r.From)) && (r.To.IsZero() || !t.After(r.To))
}

// ParseRange parses a range of dates, relative to last, the latest date of
// the data:
//
//	max, all or empty   everything
//	ytd                 from January 1 of last's year
//	<n>d, <n>w          n days or weeks before last (1w, 10d)
//	<n>m, <n>y          n months or years before last (1m, 3m, 6m, 1y, 3y, 5y, 10y, 20y)
//	FROM..TO            explicit dates, either end may be left out (2000..2009, 2020-03-01..)
//
// Relative ranges end at last. An explicit end is YYYY, YYYY-MM or
// YYYY-MM-DD and includes the whole year, month or day it names; so
// 2000..2009 runs from 2000-01-01 to the end of 2009-12-31. A month before
// the 31st of a month lands on the last day of the shorter month.
func ParseRange(s string, last time.Time) (Range, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "max", "all":
		return Range{}, nil
	}
	if from, to, ok := strings.Cut(s, ".."); ok {
		var r Range
		var err error
		if from = strings.TrimSpace(from); from != "" {
			if r.From, _, err = parseBound(from); err != nil {
				return Range{}, fmt.Errorf("range %q: %w", s, err)
			}
		}
		if to = strings.TrimSpace(to); to != "" {
			_, next, err := parseBound(to)
			if err != nil {
				return Range{}, fmt.Errorf("range %q: %w", s, err)
			}
			r.To = next.Add(-time.Nanosecond)
		}
		if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
			return Range{}, fmt.Errorf("range %q ends before it starts; write FROM..TO with the earlier date first", s)
		}
		return r, nil
	}
	if last.IsZero() {
		return Range{}, fmt.Errorf("range %q is relative to the latest date, but there is no data", s)
	}
	last = last.UTC()
	if strings.EqualFold(s, "ytd") {
		return Range{From: time.Date(last.Year(), 1, 1, 0, 0, 0, 0, time.UTC), To: last}, nil
	}
	unit := strings.ToLower(s[len(s)-1:])
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 1 || n > 1000 || !strings.Contains("dwmy", unit) {
		return Range{}, fmt.Errorf("unknown range %q; use max, ytd, a span such as 1m, 3m, 6m, 1y, 5y or 10d, 2w, or dates FROM..TO such as 2010-01-01..2019-12-31", s)
	}
	var from time.Time
	switch unit {
	case "d":
		from = last.AddDate(0, 0, -n)
	case "w":
		from = last.AddDate(0, 0, -7*n)
	case "m":
		from = addMonths(last, -n)
	case "y":
		from = addMonths(last, -12*n)
	}
	return Range{From: from, To: last}, nil
}

// parseBound parses YYYY, YYYY-MM or YYYY-MM-DD and returns the start of
// that year, month or day and the start of the next one.
func parseBound(s string) (start, next time.Time, err error) {
	for _, f := range []struct {
		layout string
		y, m   int
	}{{"2006-01-02", 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		if f.layout == "2006-01-02" {
			return t, t.AddDate(0, 0, 1), nil
		}
		return t, t.AddDate(f.y, f.m, 0), nil
	}
	return time.Time{}, time.Time{}, fmt.Errorf("cannot parse date %q; write YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// PeriodsPerYear infers how many observations a year holds from the median
// spacing of dates: up to 4 days is daily (252 trading days), up to 10 days
// weekly (52), up to 45 days monthly (12), up to 135 days quarterly (4),
// longer annual (1). It needs at least two dates.
func PeriodsPerYear(dates []time.Time) (int, error) {
	if len(dates) < 2 {
		return 0, fmt.Errorf("cannot infer the periods per year from %d dates; give it explicitly", len(dates))
	}
	gaps := make([]float64, len(dates)-1)
	for i := 1; i < len(dates); i++ {
		gaps[i-1] = years(dates[i-1], dates[i]) * 365.25
	}
	sort.Float64s(gaps)
	m := gaps[len(gaps)/2]
	if len(gaps)%2 == 0 {
		m = (gaps[len(gaps)/2-1] + m) / 2
	}
	switch {
	case m <= 4:
		return 252, nil
	case m <= 10:
		return 52, nil
	case m <= 45:
		return 12, nil
	case m <= 135:
		return 4, nil
	}
	return 1, nil
}
