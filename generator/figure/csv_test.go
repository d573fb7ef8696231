package figure

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
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
