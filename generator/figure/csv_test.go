package figure

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/data"
)

func TestAppendComputed(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{25.02481389578164, "25.0248139"},
		{100, "100"},
		{-7.5, "-7.5"},
		{0, "0"},
		{1.0 / 3, "0.3333333333"},
		{-2.0 / 3 * 1e-5, "-0.000006666666667"},
		{123456789012.5, "123456789000"},
		{999.99999999999, "1000"},
		{0.1 + 0.2, "0.3"},
		{1e-300, "0." + strings.Repeat("0", 299) + "1"},
	} {
		if got := string(appendComputed(nil, tt.v)); got != tt.want {
			t.Errorf("appendComputed(%v) = %s, want %s", tt.v, got, tt.want)
		}
	}
	// Whatever the magnitude: plain decimal notation, and the value rounded
	// to 10 significant digits.
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(40)-20))
		got := string(appendComputed(nil, v))
		if strings.ContainsAny(got, "eE") {
			t.Fatalf("appendComputed(%v) = %s: an exponent", v, got)
		}
		back, err := strconv.ParseFloat(got, 64)
		want, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'e', 9, 64), 64)
		if err != nil || back != want {
			t.Fatalf("appendComputed(%v) = %s, reads as %v, want %v", v, got, back, want)
		}
	}
}

// TestChartCSVDigits checks that a chart's CSV keeps the values read from
// the data as they were and rounds what transforms computed.
func TestChartCSVDigits(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\nseries:\n  - column: small\n    transforms: [\"rebase(3)\"]\n  - large\n"), 10); err != nil {
		t.Fatal(err)
	}
	got := strings.SplitN(string(p.Files[0].Data), "\n", 4)
	if want := []string{"date,small,large", "2024-01-31,3,100", "2024-02-29,3.06,101"}; strings.Join(got[:3], "|") != strings.Join(want, "|") {
		t.Errorf("CSV starts %q, want %q", got[:3], want)
	}
	if !strings.HasPrefix(got[3], "2024-03-29,3.03,104\n") {
		t.Errorf("CSV row %q", got[3])
	}
	p = s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\nseries:\n  - column: small\n    transforms: [\"scale(0.3333)\"]\n"), 10); err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(string(p.Files[0].Data), "\n")[1]; got != "2024-01-31,33.33" {
		t.Errorf("CSV row %q", got)
	}
}

func TestAppendDay(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 10000 {
		d := time.Date(r.IntN(12000)-1000, time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), 0, 0, 0, time.UTC)
		if got, want := string(appendDay(nil, d)), d.Format("2006-01-02"); got != want {
			t.Fatalf("appendDay(%v) = %s, want %s", d, got, want)
		}
	}
}

// TestRowsSameDates checks that series sharing their dates give the rows
// the general merge gives.
func TestRowsSameDates(t *testing.T) {
	dates := []time.Time{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)}
	nan := math.NaN()
	shared := &Computed{Series: []data.Series{{Dates: dates, Values: []float64{1, nan, 3}}, {Dates: dates, Values: []float64{4, 5, nan}}}}
	copied := &Computed{Series: []data.Series{shared.Series[0], {Dates: slices.Clone(dates), Values: shared.Series[1].Values}}}
	if !sharedDates(shared.Series) || sharedDates(copied.Series) {
		t.Fatal("sharedDates is wrong")
	}
	got, want := rows(shared), rows(copied)
	if fmt.Sprint(got.dates, got.vals) != fmt.Sprint(want.dates, want.vals) || got.n != 2 {
		t.Errorf("rows %v, want %v", got, want)
	}
}

// TestAppendShortest checks the fast path against strconv on values as
// data holds them (a few decimals) and on any float64.
func TestAppendShortest(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	check := func(v float64) {
		if got, want := string(appendShortest(nil, v)), strconv.FormatFloat(v, 'f', -1, 64); got != want {
			t.Fatalf("appendShortest(%v) = %s, want %s", v, got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.3, 0.001, 0.0015, 999999999.5, 1e9, 1e-3, 5.33, 305.7, -7.25, 1234.56, 0.1 + 0.2, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		check(v)
	}
	for range 300000 {
		d := r.IntN(8)
		k := r.Int64N(2_000_000_000_000) - 1_000_000_000_000
		check(float64(k) / math.Pow(10, float64(d)))                     // a decimal as read from a CSV
		check(math.Float64frombits(r.Uint64()))                          // any float64
		check((r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(14)-4))) // any magnitude
	}
}

// TestAppendComputedFast checks appendComputed's fast path against
// strconv's rounding.
func TestAppendComputedFast(t *testing.T) {
	for _, v := range []float64{1e-3, 0.0010000000004, 0.00099999999996, 999999999.99999, 99999.999996, 9999.99999999995, 1e8, 123456789.55, -0.01234567895, 5e-3} {
		if got, want := string(appendComputed(nil, v)), string(appendComputedExact(nil, v)); got != want {
			t.Errorf("appendComputed(%v) = %s, want %s", v, got, want)
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 1000000 {
		v := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(16)-5))
		if i%4 == 0 {
			v = math.Round(v*1e4) / 1e4 // short decimals, and ties of the 11th digit
		}
		if got, want := string(appendComputed(nil, v)), string(appendComputedExact(nil, v)); got != want {
			t.Fatalf("appendComputed(%v) = %s, want %s", v, got, want)
		}
	}
}
