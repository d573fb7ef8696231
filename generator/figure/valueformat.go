package figure

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/decimal"
)

// parseFormat reads number[:D], percent[:D], currency[:D], times[:D] and
// date[:LAYOUT]; D may start with + for a sign on positive values.
func parseFormat(s string) (Format, bool, error) {
	kind, arg, _ := strings.Cut(s, ":")
	kind = strings.TrimSpace(kind)
	arg = strings.TrimSpace(arg)
	f := Format{Kind: kind, Decimals: -1}
	switch kind {
	case "number", "percent", "currency", "times":
		if arg == "" {
			return f, true, nil
		}
		if strings.HasPrefix(arg, "+") {
			f.Signed = true
			arg = arg[1:]
		}
		if arg == "" {
			return f, true, nil
		}
		d, err := strconv.Atoi(arg)
		if err != nil || d < 0 || d > 6 {
			return f, false, fmt.Errorf("format %s:%s: the number of decimals must be 0 to 6, as in %s:1 or %s:+1", kind, arg, kind, kind)
		}
		f.Decimals = d
		return f, true, nil
	case "date":
		switch arg {
		case "":
			// Left to the data's precision (Expr.eval).
		case "month":
			f.Layout = "January 2006"
		case "day":
			f.Layout = "2 January 2006"
		case "year":
			f.Layout = "2006"
		case "iso":
			f.Layout = "2006-01-02"
		default:
			l, err := strconv.Unquote(arg)
			if err != nil {
				return f, false, fmt.Errorf("date format %s: use month, day, year, iso or a quoted Go layout such as \"Jan 2006\"", arg)
			}
			f.Layout = l
		}
		return f, true, nil
	}
	return f, false, nil
}

// formatValue prints v as kind with d decimals (-1: automatic), thousands
// separators, a typographic minus, and + when signed.
func formatValue(v float64, kind, currency string, d int, signed bool) string {
	if d < 0 {
		switch {
		case kind == "percent":
			d = 1
		case v == math.Trunc(v):
			d = 0
		default:
			d = 2
		}
	}
	num := decimal.Fixed(math.Abs(v), d)
	intPart, frac, _ := strings.Cut(num, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	s := b.String()
	zero := strings.Trim(s, "0.,") == ""
	switch kind {
	case "percent":
		s += "%"
	case "currency":
		if currency == "" {
			currency = "$"
		}
		s = currency + s
	case "times":
		s += "×"
	}
	switch {
	case v < 0 && !zero:
		s = "−" + s
	case signed && v > 0 && !zero:
		s = "+" + s
	}
	return s
}
