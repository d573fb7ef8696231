package decimal

import (
	"math"
	"strconv"
	"testing"
)

func TestFixed(t *testing.T) {
	for _, c := range []struct {
		v    float64
		d    int
		want string
	}{
		{2.675, 2, "2.68"}, // strconv: 2.67 (the float64 is 2.67499999…)
		{1.005, 2, "1.01"}, // strconv: 1.00
		{12345.675, 2, "12345.68"},
		{0.125, 2, "0.13"}, // an exact tie: strconv rounds to even, 0.12
		{-0.25, 1, "-0.3"}, // strconv: -0.2
		{2.5, 0, "3"},
		{0.5, 0, "1"},
		{0.49, 0, "0"},
		{9.995, 2, "10.00"},
		{99.96, 1, "100.0"},
		{0.0049, 2, "0.00"},
		{0.005, 2, "0.01"},
		{0.0000001, 2, "0.00"},
		{0.000000123, 6, "0.000000"},
		{0.0000005, 6, "0.000001"},
		{5.33, 2, "5.33"},
		{5.33, 4, "5.3300"},
		{1234.5678, 0, "1235"},
		{0, 2, "0.00"},
		{0, 0, "0"},
		{-0.004, 2, "-0.00"},
		{1e21, 0, "1000000000000000000000"},
		{98765432109876543210, 0, "98765432109876540000"},
		{1234567890123456, 2, "1234567890123456.00"},
		{123, -1, "123"},
	} {
		if got := Fixed(c.v, c.d); got != c.want {
			t.Errorf("Fixed(%v, %d) = %q, want %q", c.v, c.d, got, c.want)
		}
	}
}

// TestFixedAgreesAwayFromTies checks Fixed against strconv wherever the
// shortest decimal is not a tie at d digits, where the two must agree.
func TestFixedAgreesAwayFromTies(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 3.14159, -2.71828, 1e-7, 123456.789, 0.1, 0.7, 1.0 / 3, -2.0 / 3, math.MaxInt32} {
		for d := 0; d <= 6; d++ {
			if got, want := Fixed(v, d), strconv.FormatFloat(v, 'f', d, 64); got != want {
				t.Errorf("Fixed(%v, %d) = %q, strconv %q", v, d, got, want)
			}
		}
	}
}
