package figure

import (
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/render"
)

// cycles is five years of a monthly rate on the first of each month,
// 0.25 times the month's number from 0, and a 0/1 column of two cycles.
func cycles() string {
	var b strings.Builder
	b.WriteString("date,rate,hiking\n")
	for i := range 60 {
		d := time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, i, 0)
		hiking := 0
		if i >= 6 && i < 18 || i >= 40 && i < 49 {
			hiking = 1
		}
		fmt.Fprintf(&b, "%s,%s,%d\n", d.Format("2006-01-02"), strconv.FormatFloat(float64(i)*0.25, 'f', -1, 64), hiking)
	}
	return b.String()
}

func panelSet(t *testing.T) (*Set, *[]*render.FigureView) {
	t.Helper()
	return viewSet(t, map[string]string{"content/posts/a/cycles.csv": cycles()})
}

// TestChartPanelsByPeriod draws a panel per run of 1s of a 0/1 column and
// one per dates, and checks the CSV against months counted here: the k-th
// month of a period is k months after its start, with the rate of that
// month (0.25 × its number since January 2020).
func TestChartPanelsByPeriod(t *testing.T) {
	s, views := panelSet(t)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	spec := "data: cycles.csv\ny: {format: percent}\nseries: [rate]\npanels:\n  x: Months since the first hike\n  periods:\n    - column: hiking\n    - {from: 2023-02, to: 2023-06, label: \"Spring & <summer>\"}\n"
	if _, err := p.Chart([]byte(spec), 20); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(p.Files[0].Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(recs[0], "|"); h != "period|date|months|rate" {
		t.Fatalf("CSV head %q", h)
	}
	start := time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)
	// A column's run ends at the column's next date (the first 0).
	periods := []struct {
		title    string
		from, to int // months since January 2020
	}{{"Jul 2020 – Jul 2021", 6, 18}, {"May 2023 – Feb 2024", 40, 49}, {"Spring & <summer>", 37, 41}}
	var want [][]string
	for _, pd := range periods {
		for k := 0; pd.from+k <= pd.to; k++ {
			d := start.AddDate(0, pd.from+k, 0)
			want = append(want, []string{pd.title, d.Format("2006-01-02"), strconv.Itoa(k), strconv.FormatFloat(float64(pd.from+k)*0.25, 'f', -1, 64)})
		}
	}
	if got, w := fmt.Sprint(recs[1:]), fmt.Sprint(want); got != w {
		t.Errorf("CSV rows\n got %s\nwant %s", got, w)
	}
	v := (*views)[0]
	// 41 × 0.25 = 10.25, an exact tie: rounded half away from zero.
	if h := strings.Join(v.Table.Head, "|"); h != "Period|Date|Months since the first hike|rate" {
		t.Errorf("table head %q", h)
	}
	if len(v.Table.Rows) != len(want) || strings.Join(v.Table.Rows[14], "|") != "May 2023 – Feb 2024|2023-06|1|10.3%" {
		t.Errorf("table rows: %d, row 14 %q", len(v.Table.Rows), v.Table.Rows[14])
	}
	if !strings.Contains(v.Description, "Small multiples: 3 line charts, one per period, with a shared y axis; x axis: months since the first hike.") {
		t.Errorf("description %q", v.Description)
	}
	if n := strings.Count(string(v.SVG), "ts-panel-title"); n != 3 {
		t.Errorf("%d panel titles in the SVG, want 3", n)
	}
	if !strings.Contains(string(v.SVG), "Spring &amp; &lt;summer&gt;") {
		t.Errorf("period label not escaped in the SVG")
	}
}

// TestChartPanelsBySeries draws a panel per series: the CSV and table are
// those of the series by date.
func TestChartPanelsBySeries(t *testing.T) {
	s, views := panelSet(t)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\nseries: [small, large]\npanels: {y: independent}\n"), 20); err != nil {
		t.Fatal(err)
	}
	if csv := string(p.Files[0].Data); !strings.HasPrefix(csv, "date,small,large\n2024-01-31,100,100\n") {
		t.Errorf("CSV %q", csv)
	}
	v := (*views)[0]
	// 41 × 0.25 = 10.25, an exact tie: rounded half away from zero.
	if !strings.HasPrefix(v.Description, "Small multiples: 2 line charts, one per series, from 31 January 2024 to 28 February 2025, with a y axis each.") {
		t.Errorf("description %q", v.Description)
	}
	if strings.Join(v.Table.Head, "|") != "Date|small|large" {
		t.Errorf("table head %q", v.Table.Head)
	}
}

func TestChartPanelsErrors(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"data: cycles.csv\nseries: [rate]\npanels: months\n", `index.md:23: chart: panels by "months": by is series (a panel per series) or period (a panel per period of periods:)`},
		{"data: cycles.csv\nseries: [rate]\npanels: period\n", "index.md:23: chart: panels by period need periods: (from: and to: dates, or a 0/1 column:, as bands take)"},
		{"data: cycles.csv\nseries: [rate]\npanels:\n  y: own\n", `index.md:24: chart: panels y "own": y is shared (one range for every panel, the default) or independent (a range per panel)`},
		{"data: cycles.csv\ntype: bar\nseries: [rate]\npanels: series\n", "index.md:22: chart: panels (small multiples) draw line or area charts, not type: bar"},
		{"data: cycles.csv\nseries: [rate]\npanels: series\nannotations:\n  - {y: 1}\n", "index.md:23: chart: panels (small multiples) take no annotations or bands"},
		{"data: cycles.csv\nseries: [rate]\npanels:\n  by: series\n  x: Months\n", "x: names the months since each period's start: it needs by: period"},
		{"data: cycles.csv\nseries: [rate]\npanels:\n  periods:\n    - {from: 1990, to: 1991}\n", "index.md:25: chart: period 1990 to 1991 is outside the dates of the series (2020-01-01 to 2024-12-01)"},
		{"data: cycles.csv\nseries: [rate]\npanels:\n  periods:\n    - {column: rate}\n", `index.md:25: chart: period column "rate" of content/posts/a/cycles.csv holds 0.25 on 2020-02-01: a period column holds only 0 and 1`},
		{"data: cycles.csv\nseries: [rate]\npanels:\n  period: [{from: 2021, to: 2022}]\n", `index.md:24: chart: unknown key "period"`},
	} {
		s, _ := panelSet(t)
		_, err := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart([]byte(tc.spec), 20)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.spec, err, tc.want)
		}
	}
}
