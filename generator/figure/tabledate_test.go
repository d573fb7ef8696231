package figure

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/render"
)

// TestTableDatesAtPrecision: a chart's data table writes each date as
// finely as the data gives it, as the chart's description and the data
// catalogue do: a monthly series' rows are months (2024-01), whose day
// (the first, or the last, as a source chooses) is no fact; daily data
// keeps its days.
func TestTableDatesAtPrecision(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"data: cpi\nseries: [cpi]\n", "2024-01 2024-02"},
		{"data: prices.csv\nseries: [large]\n", "2024-01-31 2024-02-29 2024-03-29 2024-04-30 2024-05-31 2024-12-31 2025-01-31 2025-02-28"},
	} {
		s := testSet(t, nil)
		var dates []string
		base := s.opts.Render
		s.opts.Render = func(v *render.FigureView) ([]byte, error) {
			dates = dates[:0]
			for _, r := range v.Table.Rows {
				dates = append(dates, r[0])
			}
			return base(v)
		}
		p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
		if _, err := p.Chart([]byte(tc.spec), 1); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(dates, " "); got != tc.want {
			t.Errorf("%q: table dates %q, want %q", tc.spec, got, tc.want)
		}
	}
}

// TestTableSmallValues: a data table writes a value below 0.01 with two
// significant digits, as the chart's description does, rather than as
// 0.00 or 0.01: a ratio of 0.0045 the file holds was shown as 0.00.
func TestTableSmallValues(t *testing.T) {
	fsys := testFS()
	fsys["content/data/tiny.csv"] = &fstest.MapFile{Data: []byte("month,ratio\n2024-01,0.00586\n2024-02,0.0045\n2024-03,-0.00071\n2024-04,0\n2024-05,0.25\n")}
	var got []string
	s := NewSet(fsys, config.Default(), Options{Render: func(v *render.FigureView) ([]byte, error) {
		for _, r := range v.Table.Rows {
			got = append(got, r[1])
		}
		return []byte("<figure></figure>"), nil
	}})
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: tiny.csv\nseries: [ratio]\n"), 1); err != nil {
		t.Fatal(err)
	}
	if want := "0.0059 0.0045 −0.00071 0.00 0.25"; strings.Join(got, " ") != want {
		t.Errorf("table values %q, want %q", strings.Join(got, " "), want)
	}
}
