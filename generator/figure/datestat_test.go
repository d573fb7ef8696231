package figure

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
)

// TestInlineDateAtPrecision: a date statistic without a format is written
// as finely as its data gives dates, as the figure's tooltip and the
// charts write them: a daily close "on 28 June 2024", not "on June 2024";
// quarterly GDP "in Q4 2023", not "in October 2023", the first month of
// the quarter, which the data does not name. A format given still holds.
func TestInlineDateAtPrecision(t *testing.T) {
	fsys := testFS()
	fsys["content/data/daily.csv"] = &fstest.MapFile{Data: []byte("date,close\n2024-06-26,5\n2024-06-27,7\n2024-06-28,6\n")}
	fsys["content/data/gdp.csv"] = &fstest.MapFile{Data: []byte("quarter,growth\n2023Q2,2.1\n2023Q3,-1.5\n2023Q4,3.0\n")}
	fsys["content/data/monthly.csv"] = &fstest.MapFile{Data: []byte("month,rate\n2023-10,5.33\n2023-11,5.30\n")}
	fsys["content/data/yearly.csv"] = &fstest.MapFile{Data: []byte("year,gdp\n2021,1\n2022,2\n2023,3\n")}
	s := NewSet(fsys, config.Default(), Options{})
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	checkInline(t, p, []inlineCase{
		{"daily.csv.close | last_date", "28 June 2024"},
		{"daily.csv.close | max_date", "27 June 2024"},
		{"daily.csv.close | last_date | date", "28 June 2024"},
		{"daily.csv.close | last_date | date:month", "June 2024"},
		{"gdp.csv.growth | last_date", "Q4 2023"},
		{"gdp.csv.growth | min_date", "Q3 2023"},
		{"gdp.csv.growth | first_date | date:iso", "2023-04-01"},
		{"monthly.csv.rate | last_date", "November 2023"},
		{"yearly.csv.gdp | first_date", "2021"},
	})
}

// TestInlineChangeRoundsAsWritten: a change is rounded from the decimal a
// reader subtracting the file's values by hand gets, half away from zero:
// 0.00571 − 0.00586 is −0.00015, so −0.0002 with four decimals, and 1.15 −
// 0.90 is 0.25, so 0.3 with one; float64 subtraction gives
// −0.00014999999999999996 and 0.2499999999999999, which rounded −0.0001
// and 0.2.
func TestInlineChangeRoundsAsWritten(t *testing.T) {
	fsys := testFS()
	fsys["content/data/small.csv"] = &fstest.MapFile{Data: []byte("month,ratio,yield\n2024-01,0.00586,0.90\n2024-02,0.00571,1.15\n")}
	s := NewSet(fsys, config.Default(), Options{})
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	checkInline(t, p, []inlineCase{
		{"small.csv.ratio | change | number:4", "−0.0002"},
		{"small.csv.yield | change | number:1", "0.3"},
	})
}

// TestInlinePercentRoundsAsWritten: a percent change, a year-to-date
// return and a drawdown are rounded from the percentage a reader working
// them out from the file's values gets, half away from zero: 100 to 100.5
// is 0.5%, so 1% with no decimals; 20 to 19.3 is a fall of 3.5%, so −4%.
// float64 gives 0.49999999999998934 and −3.499999999999992, which rounded
// 0% and −3%.
func TestInlinePercentRoundsAsWritten(t *testing.T) {
	fsys := testFS()
	fsys["content/data/px.csv"] = &fstest.MapFile{Data: []byte("date,up,down\n2023-12-29,100,20\n2024-01-02,100.2,19.6\n2024-01-03,100.5,19.3\n")}
	s := NewSet(fsys, config.Default(), Options{})
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	checkInline(t, p, []inlineCase{
		{"px.csv.up | pct_change | percent:0", "1%"},
		{"px.csv.up | ytd | percent:0", "1%"},
		{"px.csv.down | pct_change | percent:0", "−4%"},
		{"px.csv.down | max_drawdown | percent:0", "−4%"},
	})
}

// TestInlineChangeNeedsTwoValues: a change or percent change over a
// range in which the column has one value is an error at the figure's
// line, not 0: {{ b | range:1y | pct_change }} of a column whose one value
// in the year before the file's last date was June 2023's read "0.0%", a
// change over a year that the data does not show.
func TestInlineChangeNeedsTwoValues(t *testing.T) {
	fsys := testFS()
	fsys["content/data/two.csv"] = &fstest.MapFile{Data: []byte("date,a,b\n2023-01-01,1,10\n2023-06-01,2,11\n2023-12-01,3,\n2024-06-01,4,\n")}
	s := NewSet(fsys, config.Default(), Options{})
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	for _, expr := range []string{
		"two.csv.b | range:1y | pct_change | percent:1",
		"two.csv.b | range:1y | change",
		"two.csv.a | range:2023-06..2023-06 | pct_change",
	} {
		got, _, err := p.Inline(expr, 5)
		if err == nil || !strings.Contains(err.Error(), "content/posts/a/index.md:5: ") || !strings.Contains(err.Error(), "has a single value (on 2023-06-01), and a change needs two") {
			t.Errorf("{{ %s }} = %q, %v; want an error at line 5 saying a change needs two values", expr, got, err)
		}
	}
	checkInline(t, p, []inlineCase{
		{"two.csv.a | range:2023-06..2023-12 | pct_change | percent:0", "50%"},
		{"two.csv.b | range:1y | last", "11"},
	})
}
