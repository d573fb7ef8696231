package data

import (
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the layouts tried, in this order, when LoadOptions has no
// DateFormat. It is never modified.
var dateLayouts = [...]string{
	"2006-01-02",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01",
	"2006/1/2",
	"1/2/2006",
	"20060102",
	"Jan 2, 2006",
	"January 2, 2006",
	"2 Jan 2006",
	"2 January 2006",
	"2-Jan-2006",
	"2006",
}

// DateFormats returns the Go time layouts that Load recognises, in the order
// it tries them, for documentation and error messages.
func DateFormats() []string {
	return append([]string(nil), dateLayouts[:]...)
}

// dateParser parses the cells of a date column. Without a fixed layout it
// tries the layout that last worked first, then every other layout, so a
// file may mix formats.
type dateParser struct {
	layout string // fixed layout from LoadOptions.DateFormat, or ""
	last   int    // index in dateLayouts of the layout that last worked
}

// parse returns the date in s, in UTC.
func (p *dateParser) parse(s string) (time.Time, error) {
	if p.layout != "" {
		t, err := time.Parse(p.layout, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("cannot parse date %q with the date format %q", s, p.layout)
		}
		return t.UTC(), nil
	}
	if t, ok := parseISODate(s); ok {
		return t, nil
	}
	if t, err := time.Parse(dateLayouts[p.last], s); err == nil {
		return t.UTC(), nil
	}
	for i, layout := range dateLayouts {
		if i == p.last {
			continue
		}
		if t, err := time.Parse(layout, s); err == nil {
			p.last = i
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse date %q: write dates as YYYY-MM-DD (other accepted forms: %s), or set the date format", s, strings.Join(dateLayouts[1:], ", "))
}

// parseISODate parses YYYY-MM-DD quickly, refusing impossible days.
func parseISODate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// digits parses a run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days in month m of year y.
func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// formatDate formats t as YYYY-MM-DD, or as RFC 3339 when it has a time of
// day.
func formatDate(t time.Time) string {
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339Nano)
}

// addMonths moves t by n months, clamping the day to the end of the target
// month (2023-03-31 minus one month is 2023-02-28, not 2023-03-03).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	total := int(m) - 1 + n
	y += floorDiv(total, 12)
	m = time.Month(total-floorDiv(total, 12)*12) + 1
	if dm := daysIn(m, y); d > dm {
		d = dm
	}
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// floorDiv divides rounding toward minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// years returns the time from a to b in years of 365.25 days, without the
// 292-year limit of time.Duration.
func years(a, b time.Time) float64 {
	secs := float64(b.Unix()-a.Unix()) + float64(b.Nanosecond()-a.Nanosecond())/1e9
	return secs / (365.25 * 24 * 3600)
}
