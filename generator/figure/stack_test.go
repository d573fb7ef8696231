package figure

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// TestChartStacked checks a stacked chart's total column in the CSV
// against sums of the CSV prices computed here, and the errors of stacked
// specs.
func TestChartStacked(t *testing.T) {
	s, views := bandSet(t)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\ntype: stacked-bar\ntotal: \"Both, summed\"\nseries: [small, large]\n"), 20); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(p.Files[0].Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(recs[0], "|"); h != "date|small|large|Both, summed" {
		t.Fatalf("CSV head %q", h)
	}
	src, err := csv.NewReader(strings.NewReader(prices)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	blank := 0
	for i, row := range src[1:] {
		// A row with an empty cell has no total: a sum of some of the
		// parts is not the whole.
		sum := 0.0
		for _, cell := range row[1:3] {
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				sum = math.NaN()
				break
			}
			sum += v
		}
		if math.IsNaN(sum) {
			blank++
			if recs[i+1][3] != "" {
				t.Errorf("%s: total %q where a part is missing, want none", row[0], recs[i+1][3])
			}
			continue
		}
		got, err := strconv.ParseFloat(recs[i+1][3], 64)
		if err != nil || math.Abs(got-sum) > 1e-9 {
			t.Errorf("%s: total %q, want %g", row[0], recs[i+1][3], sum)
		}
	}
	if blank == 0 {
		t.Error("the test's prices have no row with an empty cell: the blank total is not tested")
	}
	v := (*views)[0]
	if h := v.Table.Head[len(v.Table.Head)-1]; h != "Both, summed" {
		t.Errorf("table's last column %q", h)
	}
	if !strings.Contains(v.Description, "Stacked bar chart of 2 series") || !strings.Contains(v.Description, "Both, summed: 200.0 on 31 January 2024 and 227.0 on 28 February 2025") {
		t.Errorf("description %q", v.Description)
	}
	for _, tc := range []struct{ spec, want string }{
		{"data: prices.csv\ntotal: T\nseries: [small]\n", "index.md:22: chart: total draws the sum of stacked series: it needs type: stacked-area or stacked-bar"},
		{"data: prices.csv\ntype: stacked\nseries: [small]\n", "types: line, area, bar, scatter, stacked-area, stacked-bar"},
		{"data: prices.csv\ntype: stacked-area\nseries:\n  - column: small\n    transforms: [drawdown]\n", "is negative: stacked areas add up shares"},
	} {
		_, err := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart([]byte(tc.spec), 20)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.spec, err, tc.want)
		}
	}
}
