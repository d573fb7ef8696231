// Package term writes tearsheet's terminal messages: colour only on a
// terminal and never when NO_COLOR is set, problems grouped with a count.
package term

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Style colours text, or leaves it plain when Color is false.
type Style struct {
	Color bool
}

// For returns the Style for w: colour when w is a terminal (a character
// device), NO_COLOR is unset or empty, and TERM is not "dumb".
func For(w io.Writer) Style {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return Style{}
	}
	info, err := f.Stat()
	return Style{Color: err == nil && info.Mode()&os.ModeCharDevice != 0}
}

func (s Style) wrap(code, text string) string {
	if !s.Color {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// Red marks errors.
func (s Style) Red(text string) string { return s.wrap("31", text) }

// Yellow marks warnings.
func (s Style) Yellow(text string) string { return s.wrap("33", text) }

// Green marks success.
func (s Style) Green(text string) string { return s.wrap("32", text) }

// Dim marks details.
func (s Style) Dim(text string) string { return s.wrap("2", text) }

// Errors writes errs as "error: ..." lines, then a count when there are
// several.
func (s Style) Errors(w io.Writer, errs []string) {
	for _, e := range errs {
		fmt.Fprintf(w, "%s %s\n", s.Red("error:"), e)
	}
	if len(errs) > 1 {
		fmt.Fprintf(w, "%d errors\n", len(errs))
	}
}

// Warnings writes warnings grouped under one count line:
// "2 warnings:" then one indented line each.
func (s Style) Warnings(w io.Writer, warnings []string) {
	if len(warnings) == 0 {
		return
	}
	fmt.Fprintf(w, "%s\n", s.Yellow(Count(len(warnings), "warning", "warnings")+":"))
	for _, m := range warnings {
		fmt.Fprintf(w, "  - %s\n", m)
	}
}

// Count writes n with the singular or plural noun: "1 page", "1,204 pages".
func Count(n int, one, many string) string {
	noun := many
	if n == 1 {
		noun = one
	}
	return Thousands(n) + " " + noun
}

// Thousands formats n with commas: 1,204.
func Thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Flatten lists the messages of err, one per joined error.
func Flatten(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []string{err.Error()}
}
