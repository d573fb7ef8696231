package figure

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// csvOf writes the computed series as CSV: date, then one column per
// series label, an empty cell for a gap, then a stacked chart's total
// (the sum of the row's values), and when the chart has bands a column
// "shaded" naming the bands that hold each date (chart.BandsAt). Rows are the union of the dates
// (rows of c). A value read from the data is written as it was read (the
// shortest decimal that parses to it); a value a transform computed is
// rounded to csvDigits significant digits (appendComputed).
func csvOf(c *Computed, rs *rowSet) []byte {
	switch c.Chart.Type {
	case chart.TypeHistogram:
		return histCSV(c)
	case chart.TypeHeatmap:
		return matrixCSV(c.Chart.Matrix)
	}
	if byPeriod(c) {
		return periodCSV(c)
	}
	b := make([]byte, 0, 16+rs.len()*(12+12*len(c.Chart.Series)))
	b = append(b, "date"...)
	for _, s := range c.Chart.Series {
		b = append(b, ',')
		b = append(b, csvField(s.Label)...)
	}
	if c.Chart.Total != "" {
		b = append(b, ',')
		b = append(b, csvField(c.Chart.Total)...)
	}
	if len(c.Chart.Bands) > 0 {
		b = append(b, ",shaded"...)
	}
	b = append(b, '\n')
	for r, day := range rs.dates {
		b = appendDay(b, day)
		for i, v := range rs.values(r) {
			b = append(b, ',')
			switch {
			case math.IsNaN(v):
			case i < len(c.Computed) && c.Computed[i]:
				b = appendComputed(b, v)
			default:
				b = appendShortest(b, v)
			}
		}
		if c.Chart.Total != "" {
			b = append(b, ',')
			if t := rowTotal(rs.values(r)); !math.IsNaN(t) {
				b = appendComputed(b, t)
			}
		}
		if len(c.Chart.Bands) > 0 {
			b = append(b, ',')
			b = append(b, csvField(chart.BandsAt(c.Chart, day))...)
		}
		b = append(b, '\n')
	}
	return b
}

// appendShortest appends v as strconv.AppendFloat(b, v, 'f', -1, 64) does:
// the shortest decimal that reads back as v. Most data is written with a
// few decimals (1234.56); such a value is found as the integer k with
// k / 10^d == v for the fewest decimals d, which takes a few
// multiplications instead of strconv's search. (k and 10^d are exact, so
// the division is correctly rounded like parsing the decimal, and only the
// integer nearest to v × 10^d can read back as v.) Other values go to
// strconv.
func appendShortest(b []byte, v float64) []byte {
	if a := math.Abs(v); a < 1e9 && a >= 1e-3 {
		for d := 0; d <= 6; d++ {
			p := pow10[d]
			k := math.Round(v * p)
			if k/p == v {
				return appendDecimal(b, int64(k), d)
			}
		}
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// pow10 holds the powers of ten that appendShortest and appendComputed use,
// all exact in a float64.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// appendDecimal appends k / 10^d with d decimals, dropping trailing zeros
// (and the point when none is left).
func appendDecimal(b []byte, k int64, d int) []byte {
	if k < 0 {
		b = append(b, '-')
		k = -k
	}
	for d > 0 && k%10 == 0 {
		k /= 10
		d--
	}
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], k, 10)
	if d == 0 {
		return append(b, s...)
	}
	if len(s) <= d { // 0.00ddd
		b = append(b, "0."...)
		for range d - len(s) {
			b = append(b, '0')
		}
		return append(b, s...)
	}
	b = append(b, s[:len(s)-d]...)
	b = append(b, '.')
	return append(b, s[len(s)-d:]...)
}

// csvDigits is how many significant digits a computed value keeps in a
// chart's CSV: a rebased or rolling value such as 25.02481389578164 is
// written 25.0248139, a third shorter, while a value read from the data is
// written as it was.
const csvDigits = 10

// appendComputed appends v rounded to csvDigits significant digits, in
// plain decimal notation (never an exponent), without trailing zeros:
// 25.02481389578164 → 25.0248139, -0.000012345678912 → -0.00001234567891,
// 123456789012.5 → 123456789000.
func appendComputed(b []byte, v float64) []byte {
	// Most values lie between 0.001 and 10^9: v × 10^d, for the d that
	// leaves 10 digits before the point, is then below 2^53 and off by at
	// most an ulp, so its nearest integer is the rounded digits unless it
	// is within a few ulps of a half, which strconv decides.
	if a := math.Abs(v); a >= 1e-3 && a < 1e9 {
		d := 12 // 10^9 <= a × 10^d < 10^10, checked below
		for d > 0 && a*pow10[d] >= 1e10 {
			d--
		}
		x := v * pow10[d]
		k := math.Round(x)
		if f := math.Abs(x - math.Trunc(x)); math.Abs(f-0.5) > 1e-5 && math.Abs(k) >= 1e9 && math.Abs(k) <= 1e10 {
			return appendDecimal(b, int64(k), d)
		}
	}
	return appendComputedExact(b, v)
}

// appendComputedExact is appendComputed for any value, through strconv.
func appendComputedExact(b []byte, v float64) []byte {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.AppendFloat(b, v, 'f', -1, 64)
	}
	// 'e' gives the digits, correctly rounded, and the exponent.
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], v, 'e', csvDigits-1, 64) // -d.ddddddddde±dd
	if e[0] == '-' {
		b = append(b, '-')
		e = e[1:]
	}
	mark := bytes.IndexByte(e, 'e')
	exp := 0
	for _, c := range e[mark+2:] {
		exp = exp*10 + int(c-'0')
	}
	if e[mark+1] == '-' {
		exp = -exp
	}
	var digits [csvDigits]byte
	n := copy(digits[:], e[:1])
	n += copy(digits[n:], e[2:mark])
	for n > 1 && digits[n-1] == '0' {
		n--
	}
	point := exp + 1 // digits before the decimal point
	switch {
	case point <= 0:
		b = append(b, "0."...)
		for ; point < 0; point++ {
			b = append(b, '0')
		}
		b = append(b, digits[:n]...)
	case point >= n:
		b = append(b, digits[:n]...)
		for ; point > n; point-- {
			b = append(b, '0')
		}
	default:
		b = append(b, digits[:point]...)
		b = append(b, '.')
		b = append(b, digits[point:n]...)
	}
	return b
}

// appendDay appends t as YYYY-MM-DD, as t.AppendFormat(b, "2006-01-02")
// does for years 0 to 9999, without reading a layout for every row.
func appendDay(b []byte, t time.Time) []byte {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return t.AppendFormat(b, "2006-01-02")
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10))
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n\r") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
