package content

import (
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

// UnmarshalYAML keeps the text so it can be parsed in the site's time zone.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a date must be a single value such as 2024-05-01", n.Line)
	}
	d.raw = strings.TrimSpace(n.Value)
	d.Line = n.Line
	return nil
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
	for _, l := range DateLayouts() {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			if t.Year() < 1000 || t.Year() > 9999 {
				return time.Time{}, fmt.Errorf("date %q: year out of range: write a year from 1000 to 9999, as in 2024-05-01", s)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date %q (use 2024-05-01 or 2024-05-01T09:30:00-04:00)", s)
}
