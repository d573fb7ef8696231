package figure

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// TestChartHistogram checks a histogram's CSV bins against counts of the
// CSV prices made here, and its errors.
func TestChartHistogram(t *testing.T) {
	s, views := bandSet(t)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\ntype: histogram\nbins: 3\nlatest: true\npercentiles: [50]\nseries: [large]\n"), 20); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(p.Files[0].Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// large: 100 101 104 106 105 111 110 112; 3 bins of 4 from 100 to 112.
	want := [][]string{{"from", "to", "count"}, {"100", "104", "2"}, {"104", "108", "3"}, {"108", "112", "3"}}
	for i, w := range want {
		if strings.Join(recs[i], ",") != strings.Join(w, ",") {
			t.Errorf("CSV row %d: %v, want %v", i, recs[i], w)
		}
	}
	src, _ := csv.NewReader(strings.NewReader(prices)).ReadAll()
	n := 0
	for _, row := range src[1:] {
		if v, err := strconv.ParseFloat(row[2], 64); err == nil && v >= 104 && v < 108 {
			n++
		}
	}
	if n != 3 {
		t.Errorf("independent count of [104, 108): %d", n)
	}
	v := (*views)[0]
	if h := strings.Join(v.Table.Head, ","); h != "From,To,Values" || len(v.Table.Rows) != 3 {
		t.Errorf("table %v %v", v.Table.Head, v.Table.Rows)
	}
	// The latest, 112, is the highest: all 8 values are at or below it.
	if !strings.Contains(v.Description, "Latest, 112.0 on 28 February 2025, is at the 100th percentile") {
		t.Errorf("description %q", v.Description)
	}
	for _, tc := range []struct{ spec, want string }{
		{"data: prices.csv\nbins: 4\nseries: [large]\n", "index.md:22: chart: bins belongs to histograms"},
		{"data: prices.csv\ntype: histogram\nbins: 900\nseries: [large]\n", "index.md:23: chart: bins 900 must be between 1 and 200"},
		{"data: prices.csv\ntype: histogram\npercentiles: [101]\nseries: [large]\n", "index.md:23: chart: percentile 101 must be between 0 and 100"},
		{"data: prices.csv\ntype: histogram\nseries: [large, small]\n", "a histogram draws one series, not 2"},
	} {
		_, err := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart([]byte(tc.spec), 20)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.spec, err, tc.want)
		}
	}
}
