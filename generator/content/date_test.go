package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// TestDateOutOfRange: a date that fits a layout but for one part says
// which part, not "no such day" for an hour or an offset.
func TestDateOutOfRange(t *testing.T) {
	for _, tc := range []struct{ date, want string }{
		{"2024-02-29T24:00:00", `date "2024-02-29T24:00:00": the hour is out of range: hours run from 00 to 23; for midnight at the end of a day, use 00:00 of the next day`},
		{"2024-01-01T00:00:00+25:00", `date "2024-01-01T00:00:00+25:00": the time zone offset is out of range: offsets run from -12:00 to +14:00, with minutes from 00 to 59, as in 2024-05-01T09:30:00-04:00`},
		{"2024-01-01T00:00:00+15:00", `date "2024-01-01T00:00:00+15:00": the time zone offset is out of range: offsets run from -12:00 to +14:00, with minutes from 00 to 59, as in 2024-05-01T09:30:00-04:00`},
		{"2024-01-01 09:30:00 -1300", `date "2024-01-01 09:30:00 -1300": the time zone offset is out of range: offsets run from -12:00 to +14:00, with minutes from 00 to 59, as in 2024-05-01T09:30:00-04:00`},
		{"2024-01-01T10:61", `date "2024-01-01T10:61": the minute is out of range: minutes run from 00 to 59`},
		{"2024-01-01 10:00:61", `date "2024-01-01 10:00:61": the second is out of range: seconds run from 00 to 59`},
		{"2024-02-30T10:00:00", `date "2024-02-30T10:00:00": there is no such day: February 2024 has 29 days`},
		// A four-digit year that an offset carries past 9999 in UTC, which
		// feeds and datetime= would write as 10000-01-01T11:00:00Z.
		{"9999-12-31T23:00:00-12:00", `date "9999-12-31T23:00:00-12:00": it is in the year 10000 in UTC, and years run from 1000 to 9999: write a date inside them, or one without the offset`},
		{"1000-01-01T00:30:00+14:00", `date "1000-01-01T00:30:00+14:00": it is in the year 999 in UTC, and years run from 1000 to 9999: write a date inside them, or one without the offset`},
	} {
		fsys := fstest.MapFS{"content/posts/f.md": {Data: []byte("---\ntitle: T\ndate: " + tc.date + "\n---\nText.\n")}}
		_, err := Load(fsys, Options{})
		want := []string{"content/posts/f.md:3: date: " + tc.want}
		if got := term.Flatten(err); !slices.Equal(got, want) {
			t.Errorf("date: %s: Load reports\n%s\nwant\n%s", tc.date, strings.Join(got, "\n"), want[0])
		}
	}
	for _, ok := range []string{"2024-01-01T00:00:00+14:00", "2024-01-01T00:00:00-12:00", "2024-01-01T23:59:59+05:45", "9999-12-31T10:00:00-12:00", "9999-12-31"} {
		fsys := fstest.MapFS{"content/posts/f.md": {Data: []byte("---\ntitle: T\ndate: " + ok + "\n---\nText.\n")}}
		if _, err := Load(fsys, Options{}); err != nil {
			t.Errorf("date: %s: %v", ok, err)
		}
	}
}
