package data

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// parseCell parses a trimmed value cell with a decimal full stop. mark is
// the decimal mark of its column, for the example in an error: '.', ',' or
// 0 when the column has not shown one.
func parseCell(f string, m *markers, mark byte) (float64, error) {
	if f == "" {
		return math.NaN(), nil
	}
	if v, ok := fastFloat(f); ok {
		if m.matches(v) {
			return math.NaN(), nil
		}
		return v, nil
	}
	v, err := strconv.ParseFloat(f, 64)
	if err == nil && strings.IndexByte(f, '_') >= 0 {
		err = strconv.ErrSyntax // strconv accepts 1_000; a CSV should not
	}
	switch {
	case err == nil && math.IsNaN(v):
		return math.NaN(), nil
	case err == nil && math.IsInf(v, 0):
		return 0, fmt.Errorf("infinite value %q; leave the cell empty for a gap", f)
	case err == nil && m.matches(v):
		return math.NaN(), nil
	case err == nil:
		return v, nil
	case errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0):
		return 0, tooLarge(f)
	case errors.Is(err, strconv.ErrRange):
		return v, nil // underflow to zero or a subnormal: keep it
	}
	if isStandardMissing(f) {
		return math.NaN(), nil
	}
	for _, t := range m.texts {
		if strings.EqualFold(f, t) {
			return math.NaN(), nil
		}
	}
	return 0, fmt.Errorf("cannot parse %q as a number; %s, leave the cell empty for a gap, or list the marker as missing", f, numberHint(f, mark))
}

// numberHint says how to write the cell f, which is not a number, as one,
// with the decimal mark mark of its column. The example is left out where
// the column has not shown its mark and f has a separator, and where "1,234"
// may be a thousand or 1.234; "-" is zero in Excel's accounting format but
// no value elsewhere.
func numberHint(f string, mark byte) string {
	clean := strings.NewReplacer("_", "", "$", "", "€", "", "£", "", "¥", "", "%", "", " ", "").Replace(f)
	plain := strings.ReplaceAll(clean, ",", "")
	if mark == ',' {
		plain = strings.NewReplacer(".", "", ",", ".").Replace(clean)
	}
	if len(plain) > 2 && plain[0] == '(' && plain[len(plain)-1] == ')' {
		plain = "-" + plain[1:len(plain)-1]
	}
	_, err := strconv.ParseFloat(plain, 64)
	example := ""
	i := strings.IndexByte(f, ',')
	switch {
	case err != nil:
	case mark == ',':
		example = " (" + strings.Replace(plain, ".", ",", 1) + ")"
	case mark == 0 && strings.ContainsAny(f, ".,"):
	case i < 0 || strings.IndexByte(f[i:], '.') > 0 || strings.Count(f, ",") > 1:
		example = " (" + plain + ")" // not for 1,234, which may be 1.234
	}
	switch {
	case strings.Trim(f, "-–—") == "":
		return fmt.Sprintf("%q is 0 in Excel's accounting format but no value elsewhere: write 0", f)
	case strings.HasPrefix(f, "#") && strings.HasSuffix(f, "!") || strings.HasPrefix(f, "#N/A"):
		return "it is a spreadsheet error: fix the formula, or write a number"
	case strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")"):
		return "write negative numbers with a minus sign" + example + ", not in parentheses"
	case strings.ContainsAny(f, "$€£¥"):
		return "write numbers without currency signs or thousands separators" + example
	case strings.HasSuffix(f, "%"):
		return "write percentages without the % sign" + example
	case strings.ContainsAny(f, ",_"):
		return "write numbers without thousands separators" + example
	}
	return "write a plain number such as 1234.5"
}

// matches reports whether v is one of the numeric markers.
func (m *markers) matches(v float64) bool {
	for _, n := range m.numbers {
		if v == n {
			return true
		}
	}
	return false
}

// isStandardMissing reports whether f is one of the built-in missing
// markers (an empty cell is handled before).
func isStandardMissing(f string) bool {
	switch strings.ToLower(f) {
	case ".", "na", "n/a", "#n/a", "#n/a n/a", "nan", "null", "none":
		return true
	}
	return false
}

// pow10 holds the powers of ten that a float64 represents exactly. It is
// never modified.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// fastFloat parses the common plain decimals, such as -1234.56, with at
// most 15 digits, exactly as strconv.ParseFloat would: the digits form an
// integer below 2^53 and the divisor a power of ten below 1e23, both exact,
// so one correctly rounded division gives the correctly rounded value. It
// reports false for anything else, which the caller hands to strconv.
func fastFloat(s string) (float64, bool) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	var mant uint64
	digits, frac, dot := 0, 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits == 15 {
				return 0, false
			}
			mant = mant*10 + uint64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	v := float64(mant) / pow10[frac]
	if s[0] == '-' {
		v = -v
	}
	return v, true
}
