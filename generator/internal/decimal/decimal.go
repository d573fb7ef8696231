// Package decimal formats numbers as a reader rounds them by hand: from
// the decimal a float64 stands for (the shortest that reads back as it,
// which is what a CSV file wrote), half away from zero.
//
// strconv rounds the binary value exactly, so 2.675, whose float64 is
// 2.67499999…, prints as 2.67 with two decimals and -0.25 (an exact tie)
// as -0.2 with one, where a reader checking the data by hand writes 2.68
// and -0.3; and 98765432109876543210 prints with digits no float64 holds
// (98765432109876543488). Fixed prints 2.68, -0.3 and
// 98765432109876540000.
package decimal

import (
	"math"
	"strconv"
	"strings"
)

// Fixed returns v with d digits after the point (none when d <= 0), as
// strconv.FormatFloat(v, 'f', d, 64) does, but rounding the shortest
// decimal of v half away from zero. A negative v, even one that rounds
// to zero, starts with "-", as strconv's does; NaN and infinities are
// strconv's.
func Fixed(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', d, 64)
	}
	d = max(d, 0)
	sign := ""
	if math.Signbit(v) {
		sign = "-"
	}
	// 1.2345e+02: the digits 12345, the point after 1+2 of them.
	mant, exp, _ := strings.Cut(strconv.FormatFloat(math.Abs(v), 'e', -1, 64), "e")
	x, _ := strconv.Atoi(exp)
	digits := []byte(strings.Replace(mant, ".", "", 1))
	point := x + 1
	keep := point + d // digits kept, counted from the first of digits
	var kept []byte
	switch {
	case keep < 0:
		// v < 10^(-d-1): zero, whatever its digits.
		point = -d
	case keep >= len(digits):
		kept = append(digits, strings.Repeat("0", keep-len(digits))...)
	default:
		kept = digits[:keep]
		if digits[keep] >= '5' {
			kept = increment(kept)
			if len(kept) > keep {
				point++ // 9.99 → 10.0: one more integer digit
			}
		}
	}
	// kept holds the digits from 10^(point-1) down to 10^-d.
	intDigits := point
	if intDigits <= 0 {
		kept = append([]byte(strings.Repeat("0", 1-intDigits)), kept...)
		intDigits = 1
	}
	if len(kept) < intDigits+d {
		kept = append(kept, strings.Repeat("0", intDigits+d-len(kept))...)
	}
	s := sign + string(kept[:intDigits])
	if d > 0 {
		s += "." + string(kept[intDigits:])
	}
	return s
}

// increment adds one to the decimal digits b, carrying: 199 → 200, 99 → 100.
func increment(b []byte) []byte {
	out := append([]byte(nil), b...)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i] < '9' {
			out[i]++
			return out
		}
		out[i] = '0'
	}
	return append([]byte{'1'}, out...)
}
