// Package period says how finely a series' dates are given (each day, each
// month, each quarter, each year) and writes a date at that precision, so
// that monthly data reads "through November 2023", not "through 1 November
// 2023": the day of a monthly average's date (the first, or the last, as
// sources choose) says nothing a reader should take as a fact.
//
// Its rules: the precision is read from the dates alone (every date the
// first of a month, or every date the last of one, and no two closer than a
// month, is monthly; and so on); one date alone, or any date that is
// neither, is daily; dates are written in English, day first, as the rest
// of a site ("2 January 2006", "January 2006", "Q4 2023", "2023").
package period

import "time"

// Precision is how finely dates are given.
type Precision uint8

// The precisions, finest first.
const (
	Day Precision = iota
	Month
	Quarter
	Year
)

// Of returns the precision of dates, in ascending order: Year when each is
// the first or the last day of a year and no two are closer than about a
// year, Quarter likewise of quarters (1 January, 1 April, 1 July, 1
// October, or their quarters' last days) but closer than a year, Month
// likewise of months, else Day. Fewer than two dates are Day: one date says nothing of a period.
func Of(dates []time.Time) Precision {
	if len(dates) < 2 {
		return Day
	}
	firsts, lasts := true, true
	quarters, years := true, true
	minGap := time.Duration(1<<63 - 1)
	for i, d := range dates {
		y, mon, dd := d.Date()
		first, last := dd == 1, dd == DaysIn(y, mon)
		firsts, lasts = firsts && first, lasts && last
		if !firsts && !lasts {
			return Day // daily data: known at its second or third date
		}
		m := int(mon)
		if first {
			quarters = quarters && m%3 == 1
			years = years && m == 1
		} else {
			quarters = quarters && m%3 == 0
			years = years && m == 12
		}
		if i > 0 {
			minGap = min(minGap, d.Sub(dates[i-1]))
		}
	}
	const day = 24 * time.Hour
	switch {
	case years && minGap >= 365*day:
		return Year
	case quarters && minGap >= 89*day && minGap < 365*day:
		// Not once a year: 30 June each year is a fiscal year's end,
		// "June 2023", not "Q2 2023".
		return Quarter
	case minGap >= 28*day:
		return Month
	}
	return Day
}

// DaysIn is the number of days of month m of year y (Gregorian).
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Finest returns the finer of p and q: the precision of two series
// shown together.
func Finest(p, q Precision) Precision { return min(p, q) }

// Format writes t at precision p: "2 January 2006", "January 2006",
// "Q4 2023" or "2023".
func (p Precision) Format(t time.Time) string {
	switch p {
	case Month:
		return t.Format("January 2006")
	case Quarter:
		return "Q" + string(rune('1'+(int(t.Month())-1)/3)) + " " + t.Format("2006")
	case Year:
		return t.Format("2006")
	}
	return t.Format("2 January 2006")
}

// Holds reports whether t is a date of precision p, as Of reads dates:
// the first or the last day of its month (of a quarter's month, of a
// year's), any date for Day. A date of monthly data written with its
// day, such as a shaded period's end, is read at the data's precision
// only when it holds.
func (p Precision) Holds(t time.Time) bool {
	y, m, d := t.Date()
	first, last := d == 1, d == DaysIn(y, m)
	switch p {
	case Month:
		return first || last
	case Quarter:
		return (first && int(m)%3 == 1) || (last && int(m)%3 == 0)
	case Year:
		return (first && m == time.January) || (last && m == time.December)
	}
	return true
}

// Date is the date of a datum with the precision of the data it is of:
// String writes it as a reader should read it.
type Date struct {
	time.Time
	Precision Precision
}

// String writes d at its precision.
func (d Date) String() string { return d.Precision.Format(d.Time) }
