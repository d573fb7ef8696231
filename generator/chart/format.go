package chart

import (
	"math"

	"github.com/tearsheet/tearsheet/generator/internal/decimal"
)

// minus is the typographic minus sign used in labels and descriptions.
const minus = "\u2212"

// formatValue prints v per f with dec digits after the point: thousands
// separators, a minus sign, "%" for percent and the symbol for currency.
func formatValue(f Format, v float64, dec int) string {
	return formatSign(f, v, dec, false)
}

// formatSigned is formatValue with a "+" on positive values.
func formatSigned(f Format, v float64, dec int) string {
	return formatSign(f, v, dec, true)
}

func formatSign(f Format, v float64, dec int, plus bool) string {
	if dec < 0 {
		dec = 0
	}
	digits := decimal.Fixed(math.Abs(v), dec)
	neg := v < 0 && !isZeroString(digits)
	b := make([]byte, 0, len(digits)+8)
	switch {
	case neg:
		b = append(b, minus...)
	case plus && !isZeroString(digits):
		b = append(b, '+')
	}
	if f.Kind == KindCurrency {
		sym := f.Currency
		if sym == "" {
			sym = "$"
		}
		b = append(b, sym...)
	}
	b = appendThousands(b, digits)
	if f.Kind == KindPercent {
		b = append(b, '%')
	}
	return string(b)
}

// appendThousands appends digits ("1234567.5") with commas between
// thousands ("1,234,567.5").
func appendThousands(b []byte, digits string) []byte {
	intEnd := len(digits)
	for i := 0; i < len(digits); i++ {
		if digits[i] == '.' {
			intEnd = i
			break
		}
	}
	for i := 0; i < intEnd; i++ {
		if i > 0 && (intEnd-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, digits[i])
	}
	return append(b, digits[intEnd:]...)
}

func isZeroString(digits string) bool {
	for i := 0; i < len(digits); i++ {
		if digits[i] != '0' && digits[i] != '.' {
			return false
		}
	}
	return true
}

// valueDecimals is the number of decimals to print v with in descriptions.
func valueDecimals(f Format, v float64) int {
	switch {
	case f.Decimals == NoDecimals:
		return 0
	case f.Decimals > 0:
		return f.Decimals
	}
	a := math.Abs(v)
	switch {
	case a >= 1000:
		return 0
	case a >= 100:
		return 1
	case a >= 1 || a == 0:
		return 2
	}
	d := int(-math.Floor(math.Log10(a))) + 1
	if d > 8 {
		d = 8
	}
	return d
}

// stepDecimals is the number of decimals tick labels need for a step.
func stepDecimals(step float64) int {
	for d := 0; d <= 10; d++ {
		scaled := step * math.Pow10(d)
		if math.Abs(scaled-math.Round(scaled)) < 1e-9*math.Max(1, math.Abs(scaled)) {
			return d
		}
	}
	return 10
}
