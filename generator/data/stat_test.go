package data

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// statSeries spans exactly four years of 365.25 days (1461 days, one leap
// day) from 100 to 146.41 = 100 × 1.1⁴, with a gap in 2018.
func statSeries() Series {
	return series("s",
		day(2016, 1, 1), 100,
		day(2017, 1, 1), 80,
		day(2018, 1, 1), nan,
		day(2019, 1, 1), 120,
		day(2019, 12, 31), 110,
		day(2020, 1, 1), 146.41,
	)
}

func TestStats(t *testing.T) {
	s := statSeries()
	a := series("a", day(2020, 1, 31), 100, day(2020, 2, 29), 110, day(2020, 3, 31), 99, day(2020, 4, 30), 108.9)
	b := series("b", day(2019, 12, 31), 7, day(2020, 1, 31), 10, day(2020, 2, 29), 12, day(2020, 3, 31), 9, day(2020, 4, 30), 9.9)
	single := series("one", day(2020, 6, 30), 5)
	resolve := resolver(b)
	tests := []struct {
		in   Series
		stat string
		want float64
		tol  float64
	}{
		{s, "first", 100, 0},
		{s, "last", 146.41, 0},
		{s, "min", 80, 0},
		{s, "max", 146.41, 0},
		// (100 + 80 + 120 + 110 + 146.41) / 5 = 556.41 / 5.
		{s, "mean", 111.282, 1e-9},
		{s, "count", 5, 0},
		// 146.41 − 100.
		{s, "change", 46.41, 1e-9},
		// (146.41/100 − 1) × 100.
		{s, "pct_change", 46.41, 1e-9},
		// 1461 days = 4 years; (1.4641^(1/4) − 1) × 100 = 10.
		{s, "cagr", 10, 1e-9},
		// Latest 146.41 on 2020-01-01; the last 2019 value is 110:
		// (146.41/110 − 1) × 100 = 33.1.
		{s, "ytd", 33.1, 1e-9},
		// Returns between values, skipping the gap: 80/100 − 1 = −0.2,
		// 120/80 − 1 = 0.5, 110/120 − 1 = −0.08333, 146.41/110 − 1 = 0.331;
		// mean 0.136917; squared deviations 0.113513, 0.131830, 0.048510,
		// 0.037668 sum to 0.331521; / 3 = 0.110507; √ = 0.332426; × √1 × 100.
		{s, "volatility(1)", 33.242580625857954, 1e-9},
		// 100 → 80 is −20 %; 120 → 110 is only −8.3 %.
		{s, "max_drawdown", -20, 1e-9},
		// See TestTransforms: 96/√9648 on the shared dates Jan–Apr.
		{a, "correlation(b)", 0.9773555548504418, 1e-12},
		{a, "correlation_returns(b)", 0.9773555548504418, 1e-12},
		// Levels on Jan–Apr: a 100, 110, 99, 108.9 (mean 104.475), b 10,
		// 12, 9, 9.9 (mean 10.225); Σdxdy 16.0825, Σdx² 100.1075, Σdy²
		// 4.8075: 16.0825/√(100.1075 × 4.8075).
		{a, "correlation_levels(b)", 0.7330955878659831, 1e-12},
		// Monthly dates: 12 periods. Returns 0.1, −0.1, 0.1: variance
		// 12/900 (see TestTransforms), × 12 = 0.16, √ = 0.4, × 100.
		{a, "volatility", 40, 1e-9},
		{single, "first", 5, 0},
		{single, "max_drawdown", 0, 0},
		{single, "count", 1, 0},
		{Series{Name: "empty"}, "count", 0, 0},
	}
	for _, tt := range tests {
		got, err := Stat(tt.stat, tt.in, resolve)
		if err != nil {
			t.Errorf("%s of %s: %v", tt.stat, tt.in.Name, err)
			continue
		}
		if math.Abs(got-tt.want) > tt.tol {
			t.Errorf("%s of %s = %v, want %v", tt.stat, tt.in.Name, got, tt.want)
		}
	}
	// The typed functions return dates too.
	if p, _ := Min(s); !p.Date.Equal(day(2017, 1, 1)) {
		t.Errorf("Min at %v", p.Date)
	}
	tie := series("t", day(2020, 1, 1), 3, day(2020, 1, 2), 3)
	if p, _ := Max(tie); !p.Date.Equal(day(2020, 1, 1)) {
		t.Errorf("Max picks %v, want the earliest", p.Date)
	}
}

func TestStatErrors(t *testing.T) {
	single := series("one", day(2020, 6, 30), 5)
	gaps := series("gaps", day(2020, 1, 1), nan)
	tests := []struct {
		in   Series
		stat string
		want string
	}{
		{gaps, "first", `first: no data: series "gaps" has no values`},
		{gaps, "mean", `mean: no data: series "gaps" has no values`},
		{Series{Name: "empty"}, "last", `last: no data: series "empty" has no values`},
		{gaps, "max_drawdown", `max_drawdown: no data: series "gaps" has no values`},
		{gaps, "pct_change", `pct_change: first: no data: series "gaps" has no values`},
		{single, "cagr", `cagr: "one" has a single value (on 2020-06-30); it needs two dates apart`},
		{series("neg", day(2020, 1, 1), -1, day(2021, 1, 1), 1), "cagr", `cagr: "neg" must be positive at both ends, but is -1 on 2020-01-01 and 1 on 2021-01-01`},
		{single, "ytd", `ytd: "one" has no value in 2019 to measure 2020 from (data covers 2020-06-30..2020-06-30)`},
		{series("old", day(2018, 12, 31), 1, day(2020, 1, 2), 2), "ytd", `ytd: "old" has no value in 2019 to measure 2020 from (data covers 2018-12-31..2020-01-02)`},
		{series("z", day(2020, 1, 1), 0, day(2020, 2, 1), 1), "pct_change", `pct_change: "z" is 0 on 2020-01-01, so a percent change from it is undefined`},
		{single, "volatility(12)", `volatility: "one" has 0 returns; it needs at least 2`},
		{single, "correlation(one)", `correlation: "one" and "one" share 0 returns; they need at least 2`},
		{series("flat", day(2020, 1, 1), 1, day(2020, 2, 1), 1, day(2020, 3, 1), 1), "correlation(b)", `correlation: undefined, because "flat" or "b" does not move`},
		{single, "correlation_levels(one)", `correlation_levels: "one" and "one" share 1 values; they need at least 3`},
		{single, "correlation(nope)", `correlation(nope): unknown column nope`},
		{series("neg", day(2020, 1, 1), -1, day(2021, 1, 1), -2), "max_drawdown", `max_drawdown: "neg" has no positive peak`},
	}
	resolve := resolver(single, series("b", day(2020, 1, 1), 1, day(2020, 2, 1), 2, day(2020, 3, 1), 3))
	for _, tt := range tests {
		_, err := Stat(tt.stat, tt.in, resolve)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s of %s: error\n got %v\nwant %s", tt.stat, tt.in.Name, err, tt.want)
		}
	}
	if _, err := Stat("last", Series{Name: "e"}, nil); !errors.Is(err, ErrNoData) {
		t.Errorf("%v does not wrap ErrNoData", err)
	}
}

func TestParseStat(t *testing.T) {
	for _, name := range StatNames() {
		in := name
		if strings.HasPrefix(name, "correlation") {
			in = name + "(sp500)"
		}
		st, err := ParseStat(in)
		if err != nil {
			t.Errorf("ParseStat(%q): %v", in, err)
			continue
		}
		if st.String() != in {
			t.Errorf("ParseStat(%q).String() = %q", in, st.String())
		}
		want := name == "pct_change" || name == "cagr" || name == "ytd" || name == "volatility" || name == "max_drawdown"
		if st.Percent() != want {
			t.Errorf("%s: Percent() = %v", name, st.Percent())
		}
	}
	if st, err := ParseStat("Volatility( 52 )"); err != nil || st.String() != "volatility(52)" {
		t.Errorf("volatility(52): %v %v", st, err)
	}
	names := strings.Join(StatNames(), ", ")
	for in, want := range map[string]string{
		"cagrr":           `unknown statistic "cagrr" (statistics: ` + names + `); did you mean cagr?`,
		"correlation":     `statistic "correlation": correlation takes 1 argument, got 0; write correlation(column)`,
		"volatility(x)":   `statistic "volatility(x)": periods per year must be a whole number such as 252, 52 or 12, not "x"`,
		"mean(1)":         `statistic "mean(1)": mean takes no arguments, got 1; write mean`,
		"volatility(1,2)": `statistic "volatility(1,2)": volatility takes 0 or 1 argument, got 2; write volatility[(periods_per_year)]`,
	} {
		_, err := ParseStat(in)
		if err == nil || err.Error() != want {
			t.Errorf("ParseStat(%q) error\n got %v\nwant %s", in, err, want)
		}
	}
	if len(StatSyntax()) != len(StatNames()) {
		t.Error("StatSyntax and StatNames differ in length")
	}
}

func TestSummarize(t *testing.T) {
	s := statSeries()
	s.Values[0] = nan // first value is now 80 on 2017-01-01
	got, err := Summarize(s)
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{
		Name:  "s",
		First: Point{day(2017, 1, 1), 80}, Last: Point{day(2020, 1, 1), 146.41},
		Min: Point{day(2017, 1, 1), 80}, Max: Point{day(2020, 1, 1), 146.41},
		Change: 66.41, // 146.41 − 80
		// (146.41/80 − 1) × 100 = 83.0125
		ChangePct: 83.0125,
		Count:     4,
	}
	if math.Abs(got.Change-want.Change) > 1e-9 || math.Abs(got.ChangePct-want.ChangePct) > 1e-9 {
		t.Errorf("change %v %v%%, want %v %v%%", got.Change, got.ChangePct, want.Change, want.ChangePct)
	}
	got.Change, got.ChangePct, want.Change, want.ChangePct = 0, 0, 0, 0
	if got != want {
		t.Errorf("Summarize = %+v\nwant %+v", got, want)
	}
	z, err := Summarize(series("z", day(2020, 1, 1), 0, day(2020, 1, 2), 2))
	if err != nil || !math.IsNaN(z.ChangePct) || z.Change != 2 {
		t.Errorf("from zero: %+v %v", z, err)
	}
	if _, err := Summarize(Series{Name: "e"}); !errors.Is(err, ErrNoData) {
		t.Errorf("empty: %v", err)
	}
}

func TestParseRange(t *testing.T) {
	last := day(2023, 9, 15)
	endOf := func(t time.Time) time.Time { return t.AddDate(0, 0, 1).Add(-time.Nanosecond) }
	tests := []struct {
		in       string
		last     time.Time
		from, to time.Time
		str      string
	}{
		{"max", last, time.Time{}, time.Time{}, ".."},
		{"", last, time.Time{}, time.Time{}, ".."},
		{"ytd", last, day(2023, 1, 1), last, "2023-01-01..2023-09-15"},
		{"1m", last, day(2023, 8, 15), last, "2023-08-15..2023-09-15"},
		{"3m", last, day(2023, 6, 15), last, "2023-06-15..2023-09-15"},
		{"6M", last, day(2023, 3, 15), last, "2023-03-15..2023-09-15"},
		{"1y", last, day(2022, 9, 15), last, "2022-09-15..2023-09-15"},
		{"3y", last, day(2020, 9, 15), last, "2020-09-15..2023-09-15"},
		{"5y", last, day(2018, 9, 15), last, "2018-09-15..2023-09-15"},
		{"10y", last, day(2013, 9, 15), last, "2013-09-15..2023-09-15"},
		{"20y", last, day(2003, 9, 15), last, "2003-09-15..2023-09-15"},
		{"2w", last, day(2023, 9, 1), last, "2023-09-01..2023-09-15"},
		{"10d", last, day(2023, 9, 5), last, "2023-09-05..2023-09-15"},
		// One month before March 31 is the last day of February.
		{"1m", day(2023, 3, 31), day(2023, 2, 28), day(2023, 3, 31), "2023-02-28..2023-03-31"},
		{"1y", day(2024, 2, 29), day(2023, 2, 28), day(2024, 2, 29), "2023-02-28..2024-02-29"},
		{"2000..2009", last, day(2000, 1, 1), endOf(day(2009, 12, 31)), "2000-01-01..2009-12-31"},
		{"2020-03..", last, day(2020, 3, 1), time.Time{}, "2020-03-01.."},
		{"..2010-02", last, time.Time{}, endOf(day(2010, 2, 28)), "..2010-02-28"},
		{" 2020-01-15 .. 2020-06-30 ", time.Time{}, day(2020, 1, 15), endOf(day(2020, 6, 30)), "2020-01-15..2020-06-30"},
	}
	for _, tt := range tests {
		r, err := ParseRange(tt.in, tt.last)
		if err != nil {
			t.Errorf("ParseRange(%q): %v", tt.in, err)
			continue
		}
		if !r.From.Equal(tt.from) || !r.To.Equal(tt.to) || r.String() != tt.str {
			t.Errorf("ParseRange(%q) = %v..%v (%s), want %v..%v (%s)", tt.in, r.From, r.To, r, tt.from, tt.to, tt.str)
		}
	}
	for in, want := range map[string]string{
		"2y3":          `unknown range "2y3"; use max, ytd, a span such as 1m, 3m, 6m, 1y, 5y or 10d, 2w, or dates FROM..TO such as 2010-01-01..2019-12-31`,
		"0m":           `unknown range "0m"; use max, ytd, a span such as 1m, 3m, 6m, 1y, 5y or 10d, 2w, or dates FROM..TO such as 2010-01-01..2019-12-31`,
		"2010..2000":   `range "2010..2000" ends before it starts; write FROM..TO with the earlier date first`,
		"2010-13..":    `range "2010-13..": cannot parse date "2010-13"; write YYYY, YYYY-MM or YYYY-MM-DD`,
		"2010..junk":   `range "2010..junk": cannot parse date "junk"; write YYYY, YYYY-MM or YYYY-MM-DD`,
		"1y with zero": ``,
	} {
		if in == "1y with zero" {
			_, err := ParseRange("1y", time.Time{})
			if err == nil || err.Error() != `range "1y" is relative to the latest date, but there is no data` {
				t.Errorf("1y without data: %v", err)
			}
			continue
		}
		_, err := ParseRange(in, last)
		if err == nil || err.Error() != want {
			t.Errorf("ParseRange(%q) error\n got %v\nwant %s", in, err, want)
		}
	}
}

func TestWindow(t *testing.T) {
	s := series("s", day(1990, 1, 1), 1, day(2000, 1, 1), 2, day(2023, 9, 1), 3, day(2023, 10, 1), nan)
	got, err := Window(s, day(1995, 1, 1), day(2023, 9, 1))
	if err != nil || !sameValues(got.Values, []float64{2, 3}, 0) {
		t.Errorf("Window = %v, %v", got.Values, err)
	}
	got, err = Window(s, time.Time{}, time.Time{})
	if err != nil || got.Len() != 4 {
		t.Errorf("open Window = %v, %v", got.Values, err)
	}
	r, _ := ParseRange("2024-01-01..2024-06-30", time.Time{})
	_, err = Window(s, r.From, r.To)
	if want := "empty range 2024-01-01..2024-06-30: data covers 1990-01-01..2023-09-01"; err == nil || err.Error() != want || !errors.Is(err, ErrEmptyRange) {
		t.Errorf("error %v, want %s", err, want)
	}
	// Only gaps in the range is empty too.
	if _, err := Window(s, day(2023, 10, 1), time.Time{}); !errors.Is(err, ErrEmptyRange) {
		t.Errorf("gaps only: %v", err)
	}
	// A series with no value at all has no data, whatever the range: the
	// error says so rather than naming an empty range.
	gaps := Series{Name: "gaps", Dates: s.Dates, Values: []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN()}}
	for _, from := range []time.Time{{}, day(2023, 10, 1)} {
		_, err := Window(gaps, from, time.Time{})
		if want := `no data: series "gaps" has no values (its cells are empty or mark missing values, or its transforms leave none)`; err == nil || err.Error() != want || !errors.Is(err, ErrNoData) {
			t.Errorf("from %v: error %v, want %s", from, err, want)
		}
	}
	if !r.Contains(day(2024, 6, 30).Add(12*time.Hour)) || r.Contains(day(2024, 7, 1)) {
		t.Error("Contains does not include the whole last day")
	}
}
