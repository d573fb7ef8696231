package data

import (
	"strings"
	"testing"
	"time"
)

func TestRangeBeyond(t *testing.T) {
	first := time.Date(1954, 7, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ r, want string }{
		{"2023..2024", `range "2023..2024" ends in 2024, after the data's last date 2023-11-01`},
		{"2023-01..2023-11", ""}, // the period of its end holds data
		{"2023..2023", ""},
		{"2023-12..2023-12", `ends in 2023-12, after the data's last date 2023-11-01`},
		{"1950..1960", `range "1950..1960" starts in 1950, before the data's first date 1954-07-01`},
		{"1954..1960", ""},
		{"1954-06-30..1960", `starts in 1954-06-30`},
		{"..2024", `ends in 2024`},
		{"2022..", ""},
		{"1y", ""},
		{"ytd", ""},
		{"", ""},
	} {
		err := RangeBeyond(c.r, first, last)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: %v, want no error", c.r, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: %v, want %q", c.r, err, c.want)
		}
	}
}
