package figure

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// TestChartHeatmap checks a correlation heatmap's cells against the
// one-pass formula (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)) over
// the CSV prices, and a year-month heatmap's cells against the prices.
func TestChartHeatmap(t *testing.T) {
	s, views := bandSet(t)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\ntype: heatmap\nmatrix: correlation\nseries: [small, large]\n"), 20); err != nil {
		t.Fatal(err)
	}
	src, _ := csv.NewReader(strings.NewReader(prices)).ReadAll()
	var n, sx, sy, sxy, sxx, syy float64
	for _, row := range src[1:] {
		x, err1 := strconv.ParseFloat(row[1], 64)
		y, err2 := strconv.ParseFloat(row[2], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		n++
		sx, sy, sxy, sxx, syy = sx+x, sy+y, sxy+x*y, sxx+x*x, syy+y*y
	}
	want := (n*sxy - sx*sy) / math.Sqrt((n*sxx-sx*sx)*(n*syy-sy*sy))
	recs, err := csv.NewReader(strings.NewReader(string(p.Files[0].Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], "|") != "|small|large" || recs[1][0] != "small" || recs[1][1] != "1" {
		t.Fatalf("CSV %v", recs)
	}
	for _, cell := range []string{recs[1][2], recs[2][1]} {
		got, _ := strconv.ParseFloat(cell, 64)
		if math.Abs(got-want) > 1e-8 {
			t.Errorf("correlation %s, want %g", cell, want)
		}
	}
	v := (*views)[0]
	if !strings.Contains(v.Description, "Heatmap of 2 rows (small to large) and 2 columns") || len(v.Table.Rows) != 2 {
		t.Errorf("description %q, table %v", v.Description, v.Table.Rows)
	}
	// The table's corner names its row heads: an empty header cell says
	// nothing to a screen reader (axe-core empty-table-header).
	if h := strings.Join(v.Table.Head, "|"); h != "Series|small|large" {
		t.Errorf("correlation table head %q, want Series|small|large", h)
	}
	if !strings.Contains(string(v.SVG), ">"+chartValue(want)+"<") {
		t.Errorf("SVG lacks the value %s in a cell", chartValue(want))
	}

	p = s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\ntype: heatmap\nmatrix: year-month\nseries: [large]\n"), 20); err != nil {
		t.Fatal(err)
	}
	recs, _ = csv.NewReader(strings.NewReader(string(p.Files[0].Data))).ReadAll()
	// 2024: Jan..May, then Dec; 2025: Jan, Feb.
	if got := strings.Join(recs[1], ","); got != "2024,100,101,104,106,105,,,,,,,111" {
		t.Errorf("2024 row %q", got)
	}
	if got := strings.Join(recs[2], ","); got != "2025,110,112,,,,,,,,,," {
		t.Errorf("2025 row %q", got)
	}
	if h := (*views)[len(*views)-1].Table.Head; len(h) != 13 || h[0] != "Year" || h[1] != "Jan" {
		t.Errorf("year-month table head %q, want Year, Jan … Dec", h)
	}
	for _, tc := range []struct{ spec, want string }{
		{"data: prices.csv\ntype: heatmap\nseries: [large, small]\n", `index.md:20: chart: matrix "": a heatmap needs matrix: correlation`},
		{"data: prices.csv\nmatrix: correlation\nseries: [large, small]\n", "index.md:22: chart: matrix belongs to heatmaps"},
		{"data: prices.csv\ntype: heatmap\nmatrix: correlation\nseries: [large]\n", "needs at least two series"},
		{"data: prices.csv\ntype: heatmap\nmatrix: year-month\nseries: [large, small]\n", "one series, not 2"},
	} {
		_, err := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart([]byte(tc.spec), 20)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.spec, err, tc.want)
		}
	}
}

// chartValue formats a correlation as the heatmap writes it.
func chartValue(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	return strings.Replace(s, "-", "−", 1)
}
