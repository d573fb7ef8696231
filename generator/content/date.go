package content

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Date is a front-matter date: the instant, and the line it was written on.
type Date struct {
	Time time.Time
	Line int
	raw  string
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Time.IsZero() && d.raw == "" }

// UnmarshalYAML keeps the text so it can be parsed in the site's time
// zone. A value that is not a single value is a type error (valueError):
// decoding goes on, and the date keeps its line but no text.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		d.Line = n.Line
		return valueError(n.Line, "a date must be a single value such as 2024-05-01")
	}
	d.raw = strings.TrimSpace(n.Value)
	d.Line = n.Line
	return nil
}

// before reports whether d was written as earlier than t: a day without
// a time of day (lastmod: 2024-05-01) stands for any time of that day, so
// it is earlier when its day, in loc, is; a date and time when its
// instant is.
func (d Date) before(t time.Time, loc *time.Location) bool {
	if strings.Contains(d.raw, ":") { // every layout with a time of day has one
		return d.Time.Before(t)
	}
	y, m, day := t.In(loc).Date()
	return d.Time.Before(time.Date(y, m, day, 0, 0, 0, 0, loc))
}

// DateLayouts lists the date formats front matter accepts, tried in order.
// Layouts without an offset are read in the site's time zone.
func DateLayouts() []string {
	return []string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05",
		"2006-01-02T15:04",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05 -0700 MST",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
		"2006-01-02",
		"2006/01/02",
		"January 2, 2006",
		"Jan 2, 2006",
		"2 January 2006",
		"2 Jan 2006",
		time.RFC1123Z,
		time.RFC1123,
	}
}

// ParseDate parses s in one of DateLayouts, in loc when s has no offset.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	outOfRange := "" // the part of the first layout that fits but for a part that does not exist: day, hour…
	for _, l := range DateLayouts() {
		t, err := time.ParseInLocation(l, s, loc)
		if err == nil {
			if t.Year() < 1000 || t.Year() > 9999 {
				return time.Time{}, fmt.Errorf("date %q: year out of range: write a year from 1000 to 9999, as in 2024-05-01", s)
			}
			// Feeds, the sitemap and datetime= write it in UTC and in
			// the site's zone, as RFC 3339, which has four-digit years.
			for _, at := range []struct {
				t    time.Time
				zone string
			}{{t.UTC(), "UTC"}, {t.In(loc), "the site's time zone, " + loc.String()}} {
				if y := at.t.Year(); y < 1000 || y > 9999 {
					return time.Time{}, fmt.Errorf("date %q: it is in the year %d in %s, and years run from 1000 to 9999: write a date inside them, or one without the offset", s, y, at.zone)
				}
			}
			// Go reads offsets up to ±24:00; the world's run from -12:00
			// to +14:00, and a layout without one reads s in loc.
			if _, off := t.Zone(); strings.Contains(l, "07") && (off < -12*3600 || off > 14*3600) {
				return time.Time{}, fmt.Errorf("date %q: %s", s, outOfRangeMsg("time zone offset hour", s))
			}
			return t, nil
		}
		var pe *time.ParseError
		if errors.As(err, &pe) && outOfRange == "" {
			if part, ok := strings.CutSuffix(pe.Message, " out of range"); ok {
				outOfRange = strings.TrimPrefix(part, ": ")
			}
		}
	}
	if outOfRange != "" {
		return time.Time{}, fmt.Errorf("date %q: %s", s, outOfRangeMsg(outOfRange, s))
	}
	return time.Time{}, fmt.Errorf("invalid date %q (use 2024-05-01 or 2024-05-01T09:30:00-04:00)", s)
}

// outOfRangeMsg says what is wrong with s, a date with a part that does
// not exist: part is the time package's name of it ("day", "hour", "time
// zone offset hour"…).
func outOfRangeMsg(part, s string) string {
	switch part {
	case "hour":
		return "the hour is out of range: hours run from 00 to 23; for midnight at the end of a day, use 00:00 of the next day"
	case "minute":
		return "the minute is out of range: minutes run from 00 to 59"
	case "second", "fractional second":
		return "the second is out of range: seconds run from 00 to 59"
	case "time zone offset hour", "time zone offset minute":
		return "the time zone offset is out of range: offsets run from -12:00 to +14:00, with minutes from 00 to 59, as in 2024-05-01T09:30:00-04:00"
	}
	return noSuchDay(s)
}

// noSuchDay says what is wrong with s, a date whose day or month does not
// exist: how many days its month has, when s starts YEAR-MONTH.
func noSuchDay(s string) string {
	if len(s) >= 7 {
		if m, err := time.Parse("2006-01", s[:7]); err == nil {
			days := m.AddDate(0, 1, -1).Day()
			return fmt.Sprintf("there is no such day: %s has %d days", m.Format("January 2006"), days)
		}
	}
	return "there is no such day or month: check the month (1 to 12) and the day"
}
