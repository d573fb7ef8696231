// Package term writes tearsheet's terminal messages: colour only on a
// terminal and never when NO_COLOR is set, problems grouped with a count.
package term

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
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

// Errors writes errs as "error: ..." lines, then their count
// (ErrorCount) when there are several.
func (s Style) Errors(w io.Writer, errs []string) {
	for _, e := range errs {
		fmt.Fprintf(w, "%s %s\n", s.Red("error:"), e)
	}
	if len(errs) > 1 {
		fmt.Fprintln(w, ErrorCount(errs))
	}
}

// ErrorCount counts errs, as Flatten lists them: "182 errors", with "(fix
// site.yaml first: the others may follow from it)" when site.yaml's errors
// lead and others follow.
func ErrorCount(errs []string) string {
	n := Count(len(errs), "error", "errors")
	if len(errs) > 1 && strings.HasPrefix(errs[0], SettingsFile+":") && !strings.HasPrefix(errs[len(errs)-1], SettingsFile+":") {
		n += " (fix " + SettingsFile + " first: the others may follow from it)"
	}
	return n
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

// SettingsFile is the site's settings file, whose errors Flatten lists
// first (build.ConfigFile).
const SettingsFile = "site.yaml"

// Flatten lists the messages of err, one per joined error: first those
// that name no place, in their order, then those that do (file:line: or
// file:line:col:) sorted by file, line and column, as compilers list
// them, so that an author fixes the files in order, each from the top,
// whatever order the build's stages found them in; those of SettingsFile
// come before the other files'.
func Flatten(err error) []string {
	msgs := flatten(err)
	type placed struct {
		msg       string
		file      string
		line, col int
	}
	var out []string
	var at []placed
	for _, m := range msgs {
		if f, line, col, ok := Place(m); ok {
			at = append(at, placed{m, f, line, col})
		} else {
			out = append(out, m)
		}
	}
	// site.yaml's first: a mistake there (a misspelt key, say) is often
	// what the others follow from, and should not be the last of 180.
	settings := func(p placed) int {
		if p.file == SettingsFile {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(at, func(a, b placed) int {
		return cmp.Or(cmp.Compare(settings(a), settings(b)), strings.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	for _, p := range at {
		out = append(out, p.msg)
	}
	return out
}

func flatten(err error) []string {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []string{err.Error()}
}

// Place reads the place a message starts with: "content/a.md:12: ..." or
// "content/a.md:12:3: ...". ok is false when it names none.
func Place(msg string) (file string, line, col int, ok bool) {
	i := strings.Index(msg, ":")
	if i <= 0 || strings.ContainsAny(msg[:i], " \t") {
		return "", 0, 0, false
	}
	nums := [2]int{}
	rest := msg[i+1:]
	for k := 0; k < 2; k++ {
		j := 0
		for j < len(rest) && j < 9 && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == 0 || j == len(rest) || rest[j] != ':' {
			break
		}
		nums[k], _ = strconv.Atoi(rest[:j])
		rest = rest[j+1:]
	}
	if nums[0] == 0 {
		return "", 0, 0, false
	}
	return msg[:i], nums[0], nums[1], true
}
