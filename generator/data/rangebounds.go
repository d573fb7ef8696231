package data

import (
	"fmt"
	"strings"
	"time"
)

// RangeBeyond reports a range FROM..TO written as dates (s, as ParseRange
// reads it) one of whose bounds names a period in which the data [first,
// last] has no date at all: a TO whose period starts after last
// (2023..2024 of data through November 2023) or a FROM whose period ends
// before first (1950..1960 of data from July 1954). A figure of such a
// range covers less than its range, and so less than the prose that
// names it says: "the 2023–24 average" would be the average of eleven
// months of 2023. A bound within the data's span, even part of whose
// period has no data (2023 of data through September 2023), is not
// reported; nor are open ends and relative ranges (1y, ytd), which follow
// the data.
func RangeBeyond(s string, first, last time.Time) error {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "..")
	if !ok || first.IsZero() || last.IsZero() {
		return nil
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	if to = strings.TrimSpace(to); to != "" {
		if start, _, err := parseBound(to); err == nil && start.After(last) {
			return fmt.Errorf("range %q ends in %s, after the data's last date %s: the figure would cover less than its range says; end the range where the data ends, or leave its end open (%s..)",
				s, to, day(last), strings.TrimSpace(from))
		}
	}
	if from = strings.TrimSpace(from); from != "" {
		if _, next, err := parseBound(from); err == nil && !next.After(first) {
			return fmt.Errorf("range %q starts in %s, before the data's first date %s: the figure would cover less than its range says; start the range where the data starts, or leave its start open (..%s)",
				s, from, day(first), strings.TrimSpace(to))
		}
	}
	return nil
}
