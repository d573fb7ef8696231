package data

import (
	"strings"
	"testing"
)

// TestCheckDateFormat: a strftime pattern, the habit of other tools, is
// refused with its Go layout; so is a layout with no part of a date; Go
// layouts pass. Either refused one read no date, so every row of the file
// was an error at its line, twenty listed.
func TestCheckDateFormat(t *testing.T) {
	for layout, want := range map[string]string{
		"%Y-%m-%d":    `date format "%Y-%m-%d" is a strftime pattern, but tearsheet's are written as the date 2 January 2006 would be: write "2006-01-02"`,
		"%d/%m/%y %H": `write "02/01/06 15"`,
		"ISO":         `date format "ISO" holds no part of a date`,
		"2006-01-02":  "",
		"02.01.2006":  "",
		"Jan 2006":    "",
		"2006":        "",
	} {
		err := CheckDateFormat(layout)
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", layout, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: got %v, want %q", layout, err, want)
		}
	}
}
