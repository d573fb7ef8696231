package data

import (
	"fmt"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/period"
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
	"2/1/2006",
	"2.1.2006",
	"20060102",
	"Jan 2, 2006",
	"January 2, 2006",
	"Jan 2006",
	"January 2006",
	"Jan-2006",
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
//
// A date written with slashes and the year last (03/02/2024) may put the
// day or the month first. The column decides: a date whose first number is
// above 12 (31/01/2024) makes it day first, one whose second number is
// above 12 (1/31/2024) month first. Until then, a date that reads both ways
// is taken month first and kept in ambiguous, and resolve settles it once
// the whole column is read.
type dateParser struct {
	layout string // fixed layout from LoadOptions.DateFormat, or ""
	last   int    // index in dateLayouts of the layout that last worked

	dayFirst, monthFirst slashDate   // the first date that proves each order, line 0 if none
	ambiguous            []slashDate // dates that read both ways, taken month first
}

// slashDate is a date written N/N/YYYY: a and b are its first two numbers.
type slashDate struct {
	text    string
	a, b, y int
	row     int // index of the row among the rows read
	line    int
}

// parse returns the date in s, in UTC. row and line are the cell's row
// index and line, kept for resolve.
func (p *dateParser) parse(s string, row, line int) (time.Time, error) {
	if p.layout != "" {
		t, err := time.Parse(p.layout, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("cannot parse date %q with the date format %q", s, p.layout)
		}
		return asWritten(t), nil
	}
	if t, ok := parseISODate(s); ok {
		return t, nil
	}
	if d, ok := parseSlashDate(s); ok {
		d.row, d.line = row, line
		return p.slash(d)
	}
	if t, err := time.Parse(dateLayouts[p.last], s); err == nil {
		return asWritten(t), nil
	}
	for i, layout := range dateLayouts {
		if i == p.last {
			continue
		}
		if t, err := time.Parse(layout, s); err == nil {
			p.last = i
			return asWritten(t), nil
		}
	}
	if t, ok := parseQuarter(s); ok {
		return t, nil
	}
	if n, ok := digits(s); ok && len(s) == 5 {
		return time.Time{}, fmt.Errorf("cannot parse date %q: it looks like an Excel day number, which Excel shows as a date only in a cell formatted as one (%d is %s in Excel's 1900 date system, 4 years later in its 1904 one); format the column as dates, yyyy-mm-dd, and save the file again", s, n, time.Date(1899, 12, 30+n, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
	}
	if msg := noSuchISODate(s); msg != "" {
		return time.Time{}, fmt.Errorf("cannot parse date %q: %s", s, msg)
	}
	return time.Time{}, fmt.Errorf("cannot parse date %q: write dates as YYYY-MM-DD (other accepted forms: %s, 2006Q1), or set dateFormat on the file's dataset in site.yaml (datasets: NAME: {file, dateFormat}), which every chart and figure reading the file follows (a chart block's dateFormat serves that chart alone)", s, strings.Join(dateLayouts[1:], ", "))
}

// parseQuarter reads a quarter, 2024Q1, 2024-Q1, 2024 Q1, Q1 2024 or
// Q1-2024 (Q in any case), as the first day of the quarter, as 2024-01 is
// the first day of the month.
func parseQuarter(s string) (time.Time, bool) {
	if len(s) < 6 || len(s) > 7 {
		return time.Time{}, false
	}
	year, q := s, ""
	switch {
	case s[0] == 'Q' || s[0] == 'q': // Q1 2024, Q1-2024
		q, year = s[1:2], s[2:]
		if len(year) == 5 && (year[0] == ' ' || year[0] == '-') {
			year = year[1:]
		}
	default: // 2024Q1, 2024-Q1, 2024 Q1
		year, q = s[:4], s[len(s)-1:]
		mid := s[4 : len(s)-1]
		if mid != "Q" && mid != "q" && mid != "-Q" && mid != "-q" && mid != " Q" && mid != " q" {
			return time.Time{}, false
		}
	}
	y, ok1 := digits(year)
	n, ok2 := digits(q)
	if !ok1 || !ok2 || len(year) != 4 || n < 1 || n > 4 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC), true
}

// slash returns the date d, in the order its column has shown so far.
func (p *dateParser) slash(d slashDate) (time.Time, error) {
	aDay, bDay := d.a >= 1 && d.a <= 31 && d.b >= 1 && d.b <= 12, d.b >= 1 && d.b <= 31 && d.a >= 1 && d.a <= 12
	switch {
	case aDay && !bDay: // 31/01/2024
		if p.monthFirst.line > 0 {
			return time.Time{}, conflict(d, p.monthFirst, "day", "month")
		}
		if p.dayFirst.line == 0 {
			p.dayFirst = d
		}
	case bDay && !aDay: // 01/31/2024
		if p.dayFirst.line > 0 {
			return time.Time{}, conflict(d, p.dayFirst, "month", "day")
		}
		if p.monthFirst.line == 0 {
			p.monthFirst = d
		}
	case aDay && bDay && d.a != d.b && p.dayFirst.line == 0 && p.monthFirst.line == 0:
		p.ambiguous = append(p.ambiguous, d)
	}
	day, month := d.b, d.a
	if p.dayFirst.line > 0 {
		day, month = d.a, d.b
	}
	if month < 1 || month > 12 || day < 1 || day > period.DaysIn(d.y, time.Month(month)) {
		return time.Time{}, fmt.Errorf("cannot parse date %q: there is no day %d in month %d of %d", d.text, day, month, d.y)
	}
	return time.Date(d.y, time.Month(month), day, 0, 0, 0, 0, time.UTC), nil
}

// conflict is the error of a date d that puts first (day or month) what an
// earlier date of its column did not.
func conflict(d, earlier slashDate, first, other string) error {
	return fmt.Errorf("date %q puts the %s first, but %q on line %d puts the %s first; write the dates of a column one way, best as YYYY-MM-DD", d.text, first, earlier.text, earlier.line, other)
}

// resolve settles the dates that read both ways once the column is read:
// when it has shown its dates put the day first, they are read again day
// first into dates (indexed by row); when nothing tells, it is an error at
// the first such date, since guessing would show wrong dates.
func (p *dateParser) resolve(dates []time.Time) (line int, err error) {
	if len(p.ambiguous) == 0 || p.monthFirst.line > 0 {
		return 0, nil
	}
	if p.dayFirst.line > 0 {
		for _, d := range p.ambiguous {
			dates[d.row] = time.Date(d.y, time.Month(d.b), d.a, 0, 0, 0, 0, time.UTC)
		}
		return 0, nil
	}
	d := p.ambiguous[0]
	return d.line, fmt.Errorf("date %q may be %s (day first) or %s (month first), and no date of the column has a day above 12 to tell; set dateFormat: \"02/01/2006\" (day first) or \"01/02/2006\" (month first) on the file's dataset in site.yaml (datasets: NAME: {file, dateFormat}), which every chart and figure reading the file follows (a chart block's dateFormat serves that chart alone), or write dates as YYYY-MM-DD",
		d.text, time.Date(d.y, time.Month(d.b), d.a, 0, 0, 0, 0, time.UTC).Format("2 January 2006"), time.Date(d.y, time.Month(d.a), d.b, 0, 0, 0, 0, time.UTC).Format("2 January 2006"))
}

// parseSlashDate reads N/N/YYYY, each N one or two digits.
func parseSlashDate(s string) (slashDate, bool) {
	i := strings.IndexByte(s, '/')
	j := strings.LastIndexByte(s, '/')
	if i < 1 || i > 2 || j-i < 2 || j-i > 3 || len(s)-j != 5 {
		return slashDate{}, false
	}
	a, ok1 := digits(s[:i])
	b, ok2 := digits(s[i+1 : j])
	y, ok3 := digits(s[j+1:])
	if !ok1 || !ok2 || !ok3 {
		return slashDate{}, false
	}
	return slashDate{text: s, a: a, b: b, y: y}, true
}

// asWritten returns the date and time of day that t was written with, in
// UTC: 2024-01-31T00:00:00+09:00 is 2024-01-31T00:00:00Z, not
// 2024-01-30T15:00:00Z. A dated observation belongs to the day its source
// wrote, the day of its market; converting it would move a Tokyo close, or a
// New York one stamped after 19:00, to another day, and a month-end value
// into the next month.
func asWritten(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// parseISODate parses YYYY-MM-DD quickly, refusing impossible days.
func parseISODate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > period.DaysIn(y, time.Month(m)) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// noSuchISODate says what is wrong with s when it is written YYYY-MM-DD
// but names a day or month that does not exist, and "" otherwise: telling
// the author of 1954-02-30 to write dates as YYYY-MM-DD, as it is, would
// send them looking for a mistake of form rather than of fact.
func noSuchISODate(s string) string {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	switch {
	case !ok1 || !ok2 || !ok3:
		return ""
	case m < 1 || m > 12:
		return fmt.Sprintf("there is no month %d: months run from 01 to 12; correct the date", m)
	case d < 1 || d > period.DaysIn(y, time.Month(m)):
		return fmt.Sprintf("there is no such day: %s has %d days; correct the date", time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format("January 2006"), period.DaysIn(y, time.Month(m)))
	}
	return ""
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
	if dm := period.DaysIn(y, m); d > dm {
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

// strftime maps the strftime directives authors write by habit to Go's
// reference date, for CheckDateFormat's suggestion.
var strftime = strings.NewReplacer("%Y", "2006", "%y", "06", "%m", "01", "%d", "02", "%b", "Jan", "%B", "January", "%H", "15", "%M", "04", "%S", "05")

// CheckDateFormat says what is wrong with layout, a date format (a Go
// layout such as 02.01.2006); nil when nothing is. A strftime pattern
// (%Y-%m-%d) and a layout without a part of a date read no date at all:
// every row of the file would be an error.
func CheckDateFormat(layout string) error {
	if strings.Contains(layout, "%") {
		return fmt.Errorf("date format %q is a strftime pattern, but tearsheet's are written as the date 2 January 2006 would be: write %q", layout, strftime.Replace(layout))
	}
	if time.Date(1999, 12, 31, 23, 58, 59, 0, time.UTC).Format(layout) == layout {
		return fmt.Errorf("date format %q holds no part of a date: write it as the date 2 January 2006 would be, as in 2006-01-02 or 02/01/2006", layout)
	}
	return nil
}
