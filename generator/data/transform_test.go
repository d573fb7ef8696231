package data

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// series builds a test series from alternating dates and values.
func series(name string, pts ...any) Series {
	s := Series{Name: name}
	for i := 0; i < len(pts); i += 2 {
		s.Dates = append(s.Dates, pts[i].(time.Time))
		s.Values = append(s.Values, toFloat(pts[i+1]))
	}
	return s
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case int:
		return float64(v)
	case float64:
		return v
	}
	panic("bad value")
}

// monthly is the basic test series: a gap in March, a fall in April.
func monthly() Series {
	return series("m",
		day(2020, 1, 31), 50,
		day(2020, 2, 29), 55,
		day(2020, 3, 31), nan,
		day(2020, 4, 30), 49.5,
		day(2020, 5, 31), 60.5,
	)
}

// resolver resolves the columns of a test.
func resolver(cols ...Series) Resolver {
	return func(name string) (Series, error) {
		for _, c := range cols {
			if c.Name == name {
				return c, nil
			}
		}
		return Series{}, errors.New("unknown column " + name)
	}
}

func TestTransforms(t *testing.T) {
	m := monthly()
	single := series("one", day(2020, 1, 1), 5)
	empty := Series{Name: "empty"}
	gaps := series("gaps", day(2020, 1, 1), nan, day(2020, 2, 1), nan)

	// ytdSeries crosses years and misses 2022 entirely.
	ytdSeries := series("y",
		day(2019, 11, 29), 90,
		day(2019, 12, 31), 100,
		day(2020, 1, 31), 110,
		day(2020, 2, 28), nan,
		day(2020, 12, 31), 120,
		day(2021, 1, 29), 108,
		day(2023, 1, 31), 50,
	)
	// vol has returns +10 %, −10 %, +10 %.
	vol := series("a", day(2020, 1, 31), 100, day(2020, 2, 29), 110, day(2020, 3, 31), 99, day(2020, 4, 30), 108.9)
	// other has returns +20 %, −25 %, +10 %; it lacks vol's first date and
	// has one of its own.
	other := series("b", day(2019, 12, 31), 7, day(2020, 1, 31), 10, day(2020, 2, 29), 12, day(2020, 3, 31), 9, day(2020, 4, 30), 9.9)
	daily := series("d",
		day(2020, 1, 30), 1, // Thursday, ISO week 5
		day(2020, 1, 31), nan, // Friday, week 5
		day(2020, 2, 3), 3, // Monday, week 6
		day(2020, 2, 4), 5, // week 6
		day(2020, 4, 1), nan, // week 14, second quarter
	)
	price := series("p", day(2020, 1, 1), 100, day(2020, 2, 1), 100, day(2020, 3, 1), 100)
	cpi := series("cpi", day(2019, 12, 1), 200, day(2020, 2, 1), 250, day(2020, 2, 15), nan)
	resolve := resolver(other, cpi)

	tests := []struct {
		in        Series
		transform string
		dates     []time.Time // nil means the dates of in
		want      []float64
		tol       float64
	}{
		// 50 × 100/50 = 100; 55 × 2 = 110; 49.5 × 2 = 99; 60.5 × 2 = 121.
		{m, "rebase", nil, []float64{100, 110, nan, 99, 121}, 0},
		// 50/50 = 1; 55/50 = 1.1; 49.5/50 = 0.99; 60.5/50 = 1.21.
		{m, "rebase(1)", nil, []float64{1, 1.1, nan, 0.99, 1.21}, 1e-12},
		{gaps, "rebase", nil, []float64{nan, nan}, 0},
		{single, "rebase", nil, []float64{100}, 0},
		{empty, "rebase", nil, []float64{}, 0},
		// (55/50 − 1) × 100 = 10; March is a gap, so April has no base;
		// (60.5/49.5 − 1) × 100 = 22.2…
		{m, "pct_change", nil, []float64{nan, 10, nan, nan, 22.222222222222222}, 1e-9},
		// Two back: (49.5/55 − 1) × 100 = −10; May's base is the gap.
		{m, "pct_change(2)", nil, []float64{nan, nan, nan, -10, nan}, 1e-9},
		{single, "pct_change", nil, []float64{nan}, 0},
		// (v/50 − 1) × 100.
		{m, "cumulative", nil, []float64{0, 10, nan, -1, 21}, 1e-9},
		// 2019 has no 2018 to measure from; 2020 from 100: +10, gap, +20;
		// 2021 from 120: 108/120 − 1 = −10 %; 2022 is missing, so 2023 is a gap.
		{ytdSeries, "ytd", nil, []float64{nan, nan, 10, nan, 20, -10, nan}, 1e-9},
		// (50+55)/2 = 52.5; windows with March are gaps; (49.5+60.5)/2 = 55.
		{m, "rolling_mean(2)", nil, []float64{nan, 52.5, nan, nan, 55}, 1e-12},
		{m, "rolling_mean(1)", nil, []float64{50, 55, nan, 49.5, 60.5}, 0},
		{single, "rolling_mean(3)", nil, []float64{nan}, 0},
		// Returns 0.1, −0.1, 0.1. A window of 2 returns {0.1, −0.1} has mean 0,
		// sample variance (0.01 + 0.01)/1 = 0.02; × 12 months = 0.24;
		// √0.24 = 0.489897…; × 100.
		{vol, "rolling_volatility(2, 12)", nil, []float64{nan, nan, 48.98979485566356, 48.98979485566356}, 1e-9},
		// Monthly dates infer 12 periods a year.
		{vol, "rolling_volatility(2)", nil, []float64{nan, nan, 48.98979485566356, 48.98979485566356}, 1e-9},
		// A 3-return window: {0.1, −0.1, 0.1} has mean 1/30, squared
		// deviations 4/900, 16/900, 4/900 sum to 24/900, variance 12/900,
		// × 12 = 0.16, √ = 0.4, × 100 = 40.
		{vol, "rolling_volatility(3, 12)", nil, []float64{nan, nan, nan, 40}, 1e-9},
		{m, "rolling_volatility(2, 12)", nil, []float64{nan, nan, nan, nan, nan}, 0}, // every window touches March
		// On the shared dates Jan–Apr, a's returns (1, −1, 1)/10 and b's
		// (4, −5, 2)/20. Correlation ignores scale, so take x = (1, −1, 1),
		// y = (4, −5, 2): means 1/3, 1/3; deviations (2, −4, 2)/3 and
		// (11, −16, 5)/3; Σdxdy = 96/9, Σdx² = 24/9, Σdy² = 402/9;
		// r = 96/√(24 × 402) = 96/√9648 = 0.97735…
		{vol, "rolling_correlation(b, 3)", nil, []float64{nan, nan, nan, 0.9773555548504418}, 1e-12},
		// Two returns: x = (1, −1), y = (4, −5)/… move together: r = 1.
		{vol, "rolling_correlation(b, 2)", nil, []float64{nan, nan, 1, 1}, 1e-12},
		// 100/10 = 10, 110/12 = 9.1666…, 99/9 = 11, 108.9/9.9 = 11; b's 2019 date is dropped.
		{vol, "ratio(b)", nil, []float64{10, 9.166666666666666, 11, 11}, 1e-12},
		{vol, "ratio(b, 100)", nil, []float64{1000, 916.6666666666666, 1100, 1100}, 1e-9},
		// Peak 50, then 55; 49.5/55 − 1 = −10 %; 60.5 is a new peak.
		{m, "drawdown", nil, []float64{0, 0, nan, -10, 0}, 1e-9},
		{single, "drawdown", nil, []float64{0}, 0},
		// Month ends: January's last date is the 31st (a gap; its last value is 1),
		// February ends on the 4th with 5, April is all gaps.
		{daily, "resample(month)", []time.Time{day(2020, 1, 31), day(2020, 2, 4), day(2020, 4, 1)}, []float64{1, 5, nan}, 0},
		{daily, "resample(month, mean)", []time.Time{day(2020, 1, 31), day(2020, 2, 4), day(2020, 4, 1)}, []float64{1, 4, nan}, 0}, // (3+5)/2
		{daily, "resample(month, first)", []time.Time{day(2020, 1, 31), day(2020, 2, 4), day(2020, 4, 1)}, []float64{1, 3, nan}, 0},
		{daily, "resample(month, sum)", []time.Time{day(2020, 1, 31), day(2020, 2, 4), day(2020, 4, 1)}, []float64{1, 8, nan}, 0},
		// Q1: 1, 3, 5: mean 3, min 1, max 5.
		{daily, "resample(quarter, mean)", []time.Time{day(2020, 2, 4), day(2020, 4, 1)}, []float64{3, nan}, 0},
		{daily, "resample(quarter, min)", []time.Time{day(2020, 2, 4), day(2020, 4, 1)}, []float64{1, nan}, 0},
		{daily, "resample(quarter, max)", []time.Time{day(2020, 2, 4), day(2020, 4, 1)}, []float64{5, nan}, 0},
		{daily, "resample(week)", []time.Time{day(2020, 1, 31), day(2020, 2, 4), day(2020, 4, 1)}, []float64{1, 5, nan}, 0},
		{daily, "resample(year)", []time.Time{day(2020, 4, 1)}, []float64{5}, 0},
		{empty, "resample(year)", []time.Time{}, []float64{}, 0},
		// January uses December's CPI 200: 100 × 250/200 = 125; February and
		// March use 250 (the March gap in cpi carries 250 on): 100.
		{price, "real(cpi)", nil, []float64{125, 100, 100}, 1e-12},
		// Base level 200: 100 × 200/200 = 100, then 100 × 200/250 = 80.
		{price, "real(cpi, 200)", nil, []float64{100, 80, 80}, 1e-12},
		// Base on 2020-01-20: the CPI then is December's 200.
		{price, "real(cpi, 2020-01-20)", nil, []float64{100, 80, 80}, 1e-12},
		// A price before the first CPI is a gap.
		{series("early", day(2019, 11, 1), 100, day(2019, 12, 1), 100), "real(cpi)", nil, []float64{nan, 125}, 1e-12},
		// ln 50, ln 55, ln 49.5, ln 60.5.
		{m, "log", nil, []float64{3.912023005428146, 4.007333185232471, nan, 3.901972669574645, 4.102643365036796}, 1e-12},
		{series("z", day(2020, 1, 1), 0, day(2020, 1, 2), -1, day(2020, 1, 3), 1), "log", nil, []float64{nan, nan, 0}, 0},
		// 50 × 0.01 = 0.5 …
		{m, "scale(0.01)", nil, []float64{0.5, 0.55, nan, 0.495, 0.605}, 1e-12},
	}
	for _, tt := range tests {
		t.Run(tt.in.Name+"/"+tt.transform, func(t *testing.T) {
			tr, err := ParseTransform(tt.transform)
			if err != nil {
				t.Fatal(err)
			}
			before := slices.Clone(tt.in.Values)
			got, err := Apply(tt.in, tr, resolve)
			if err != nil {
				t.Fatal(err)
			}
			if !sameValues(tt.in.Values, before, 0) {
				t.Fatal("the input was modified")
			}
			dates := tt.dates
			if dates == nil {
				dates = tt.in.Dates
			}
			if tr.Op == "rolling_correlation" || tr.Op == "ratio" {
				dates = vol.Dates
			}
			if !equalDates(got.Dates, dates) {
				t.Errorf("dates %v, want %v", got.Dates, dates)
			}
			if !sameValues(got.Values, tt.want, tt.tol) {
				t.Errorf("values %v, want %v", got.Values, tt.want)
			}
			if len(got.Values) > 0 && len(tt.in.Values) > 0 && &got.Values[0] == &tt.in.Values[0] {
				t.Error("the result shares the input's values")
			}
			if err := got.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestTransformErrors(t *testing.T) {
	zero := series("z", day(2020, 1, 1), 0, day(2020, 2, 1), 1)
	unsorted := series("u", day(2020, 2, 1), 1, day(2020, 1, 1), 2)
	ragged := Series{Name: "r", Dates: []time.Time{day(2020, 1, 1)}}
	tests := []struct {
		in        Series
		transform string
		want      string
	}{
		{zero, "rebase", `rebase: "z" is 0 on 2020-01-01, the first date, so it cannot be rebased; choose a later range`},
		{zero, "cumulative", `cumulative: "z" is 0 on 2020-01-01, the first date, so a percent change from it is undefined`},
		{unsorted, "log", `series "u": dates must be strictly ascending, but 2020-02-01 is followed by 2020-01-01`},
		{ragged, "drawdown", `series "r" has 1 dates but 0 values`},
		{zero, "ratio(nope)", `ratio(nope, 1): unknown column nope`},
		{zero, "real(cpi, 1999-01-01)", `real(cpi, 1999-01-01): "cpi" has no value on or before 1999-01-01 (data covers 2020-01-01..2020-01-01)`},
		{series("one", day(2020, 1, 1), 1), "rolling_volatility(2)", `rolling_volatility: cannot infer the periods per year from 1 dates; give it explicitly`},
	}
	resolve := resolver(series("cpi", day(2020, 1, 1), 100))
	for _, tt := range tests {
		tr, err := ParseTransform(tt.transform)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Apply(tt.in, tr, resolve)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error\n got %v\nwant %s", tt.transform, err, tt.want)
		}
	}
	// Typed functions check their arguments too.
	m := monthly()
	for _, f := range []func() (Series, error){
		func() (Series, error) { return PctChange(m, 0) },
		func() (Series, error) { return RollingMean(m, 0) },
		func() (Series, error) { return RollingVolatility(m, 1, 12) },
		func() (Series, error) { return RollingVolatility(m, 2, -1) },
		func() (Series, error) { return RollingCorrelation(m, m, 1) },
		func() (Series, error) { return Resample(m, "day", LastOf) },
		func() (Series, error) { return Resample(m, Month, "median") },
		func() (Series, error) { return Scale(m, math.Inf(1)) },
		func() (Series, error) { return Rebase(m, nan) },
		func() (Series, error) { return Real(m, Series{Name: "cpi"}, 0) },
		func() (Series, error) { return Ratio(m, m, nan) },
	} {
		if _, err := f(); err == nil {
			t.Error("no error")
		}
	}
	if _, err := Apply(m, Transform{Op: "ratio", Column: "x"}, nil); err == nil || err.Error() != `ratio(x, 1): cannot look up column "x" here` {
		t.Errorf("nil resolver: %v", err)
	}
}

func TestParseTransform(t *testing.T) {
	tests := []struct{ in, want string }{
		{"rebase", "rebase(100)"},
		{" Rebase ( 1 ) ", "rebase(1)"},
		{"pct_change", "pct_change(1)"},
		{"pct-change(12)", "pct_change(12)"},
		{"cumulative", "cumulative"},
		{"ytd", "ytd"},
		{"rolling_mean(50)", "rolling_mean(50)"},
		{"rolling_volatility(63)", "rolling_volatility(63)"},
		{"rolling_volatility(63, 252)", "rolling_volatility(63, 252)"},
		{"rolling_correlation(sp500, 63)", "rolling_correlation(sp500, 63)"},
		{"ratio(sp500)", "ratio(sp500, 1)"},
		{"ratio(Real Price, 100)", "ratio(Real Price, 100)"},
		{`ratio("S&P 500, TR")`, `ratio("S&P 500, TR", 1)`},
		{`ratio('Price (USD)')`, `ratio("Price (USD)", 1)`},
		{`ratio(Moody's)`, `ratio(Moody's, 1)`},
		{"drawdown", "drawdown"},
		{"resample(month)", "resample(month, last)"},
		{"resample(Quarter, MEAN)", "resample(quarter, mean)"},
		{"real(cpi)", "real(cpi)"},
		{"real(Consumer Price Index, 2000-01)", "real(Consumer Price Index, 2000-01-01)"},
		{"real(cpi, 172.2)", "real(cpi, 172.2)"},
		{"log", "log"},
		{"log()", "log"},
		{"scale(0.01)", "scale(0.01)"},
		{"scale(-1e3)", "scale(-1000)"},
	}
	for _, tt := range tests {
		tr, err := ParseTransform(tt.in)
		if err != nil {
			t.Errorf("ParseTransform(%q): %v", tt.in, err)
			continue
		}
		if got := tr.String(); got != tt.want {
			t.Errorf("ParseTransform(%q) = %s, want %s", tt.in, got, tt.want)
		}
		again, err := ParseTransform(tr.String())
		if err != nil || again != tr {
			t.Errorf("%q does not round-trip: %+v, %v", tr.String(), again, err)
		}
	}
	names := strings.Join(TransformNames(), ", ")
	errs := []struct{ in, want string }{
		{"rebse", `unknown transform "rebse" (transforms: ` + names + `); did you mean rebase?`},
		{"frobnicate", `unknown transform "frobnicate" (transforms: ` + names + `)`},
		{"", `transform "": missing name`},
		{"rolling_mean", `transform "rolling_mean": rolling_mean takes 1 argument, got 0; write rolling_mean(n)`},
		{"rolling_mean(x)", `transform "rolling_mean(x)": rolling_mean must be a whole number of points, 1 or more, not "x"; write rolling_mean(n)`},
		{"rolling_mean(0)", `transform "rolling_mean(0)": rolling_mean must be a whole number of points, 1 or more, not "0"; write rolling_mean(n)`},
		{"rolling_mean(5", `transform "rolling_mean(5": missing closing parenthesis`},
		{"rolling_correlation(sp500)", `transform "rolling_correlation(sp500)": rolling_correlation takes 2 arguments, got 1; write rolling_correlation(column, n)`},
		{"rolling_volatility(1)", `transform "rolling_volatility(1)": rolling_volatility must be a whole number of returns, 2 or more, not "1"; write rolling_volatility(n[, periods_per_year])`},
		{"rebase(0)", `transform "rebase(0)": rebase must be a number other than 0, not "0"; write rebase[(base)]`},
		{"rebase(1, 2)", `transform "rebase(1, 2)": rebase takes 0 or 1 argument, got 2; write rebase[(base)]`},
		{"drawdown(5)", `transform "drawdown(5)": drawdown takes no arguments, got 1; write drawdown`},
		{"resample(day)", `transform "resample(day)": resample must be week, month, quarter or year, not "day"; write resample(week|month|quarter|year[, last|first|mean|min|max|sum])`},
		{"resample(month, median)", `transform "resample(month, median)": resample must be last, first, mean, min, max or sum, not "median"; write resample(week|month|quarter|year[, last|first|mean|min|max|sum])`},
		{"scale(NaN)", `transform "scale(NaN)": scale must be a number, not "NaN"; write scale(k)`},
		{"ratio(a,)", `transform "ratio(a,)": empty argument`},
		{`ratio("a)`, `transform "ratio(\"a)": unclosed quote`},
		{`ratio("a" b)`, `transform "ratio(\"a\" b)": text after a quoted argument`},
		{`ratio(a(b))`, `transform "ratio(a(b))": unexpected '('; quote an argument that holds parentheses`},
		{"real(cpi, 2020-13)", `transform "real(cpi, 2020-13)": real must be a date YYYY-MM-DD or a price level, not "2020-13"; write real(cpi_column[, base_level_or_date])`},
		{"real(cpi, -5)", `transform "real(cpi, -5)": real must be a positive price level or a date YYYY-MM-DD, not "-5"; write real(cpi_column[, base_level_or_date])`},
		{"rolling mean(5)", `transform "rolling mean(5)": name "rolling mean" may hold only letters, digits and _`},
	}
	for _, tt := range errs {
		_, err := ParseTransform(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseTransform(%q) error\n got %v\nwant %s", tt.in, err, tt.want)
		}
	}
	if got := len(TransformSyntax()); got != len(TransformNames()) {
		t.Errorf("%d syntaxes for %d names", got, len(TransformNames()))
	}
}

func TestTransformPercent(t *testing.T) {
	for _, name := range TransformNames() {
		want := name == "pct_change" || name == "cumulative" || name == "ytd" || name == "rolling_volatility" || name == "drawdown"
		if got := (Transform{Op: name}).Percent(); got != want {
			t.Errorf("%s: Percent() = %v", name, got)
		}
	}
}

func TestApplyRange(t *testing.T) {
	m := monthly()
	r := Range{From: day(2020, 2, 15)}
	// Rebase measures from the first value inside the range, 55:
	// 55 → 100, 49.5 × 100/55 = 90, 60.5 × 100/55 = 110.
	got, err := ApplyRange(m, []Transform{{Op: "rebase"}}, nil, r)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{100, nan, 90, 110}; !sameValues(got.Values, want, 1e-9) || !got.Dates[0].Equal(day(2020, 2, 29)) {
		t.Errorf("rebase in range: %v %v, want %v", got.Dates, got.Values, want)
	}
	// A rolling mean sees the history before the range: February's mean
	// is (50 + 55)/2.
	got, err = ApplyRange(m, []Transform{{Op: "rolling_mean", N: 2}, {Op: "cumulative"}}, nil, r)
	if err != nil {
		t.Fatal(err)
	}
	// Cumulative from 52.5: gap, gap, (55/52.5 − 1) × 100 = 4.7619…
	if want := []float64{0, nan, nan, 4.761904761904762}; !sameValues(got.Values, want, 1e-9) {
		t.Errorf("rolling mean in range: %v, want %v", got.Values, want)
	}
	_, err = ApplyRange(m, nil, nil, Range{From: day(2021, 1, 1)})
	if !errors.Is(err, ErrEmptyRange) || err.Error() != "empty range 2021-01-01..: data covers 2020-01-31..2020-05-31" {
		t.Errorf("empty range: %v", err)
	}
	// Rebase or cumulative over a range past the data leave no value: the
	// range is what is empty, not the transforms that leave nothing.
	for _, op := range []string{"rebase", "cumulative"} {
		_, err = ApplyRange(m, []Transform{{Op: op}}, nil, Range{From: day(2040, 1, 1)})
		if !errors.Is(err, ErrEmptyRange) || err.Error() != "empty range 2040-01-01..: data covers 2020-01-31..2020-05-31" {
			t.Errorf("%s past the data: %v", op, err)
		}
	}
	// A transform that leaves nothing in a range the data covers says so.
	_, err = ApplyRange(m, []Transform{{Op: "pct_change", N: 12}}, nil, Range{})
	if !errors.Is(err, ErrNoData) || !strings.Contains(err.Error(), `series "m" has values, but its transforms (pct_change(12)) leave none`) {
		t.Errorf("pct_change(12) of 5 months: %v", err)
	}
	all, err := ApplyAll(m, []Transform{{Op: "scale", Value: 2}, {Op: "rebase", Value: 1}}, nil)
	if err != nil || !sameValues(all.Values, []float64{1, 1.1, nan, 0.99, 1.21}, 1e-12) {
		t.Errorf("ApplyAll: %v %v", all.Values, err)
	}
}

func TestAlign(t *testing.T) {
	a := series("a", day(2020, 1, 1), 1, day(2020, 1, 2), 2, day(2020, 1, 4), 4)
	b := series("b", day(2020, 1, 2), 20, day(2020, 1, 3), 30, day(2020, 1, 4), nan)
	ra, rb, err := Align(a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{day(2020, 1, 2), day(2020, 1, 4)}
	if !equalDates(ra.Dates, want) || !equalDates(rb.Dates, want) || !sameValues(ra.Values, []float64{2, 4}, 0) || !sameValues(rb.Values, []float64{20, nan}, 0) {
		t.Errorf("Align = %v %v / %v %v", ra.Dates, ra.Values, rb.Dates, rb.Values)
	}
}

func TestPeriodsPerYear(t *testing.T) {
	start := day(2020, 1, 6) // a Monday
	step := func(n int, next func(time.Time) time.Time) []time.Time {
		ds := []time.Time{start}
		for len(ds) < n {
			ds = append(ds, next(ds[len(ds)-1]))
		}
		return ds
	}
	weekdays := step(20, func(t time.Time) time.Time {
		t = t.AddDate(0, 0, 1)
		for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
			t = t.AddDate(0, 0, 1)
		}
		return t
	})
	tests := []struct {
		dates []time.Time
		want  int
	}{
		{weekdays, 252},
		{step(10, func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }), 52},
		{step(10, func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }), 12},
		{step(10, func(t time.Time) time.Time { return t.AddDate(0, 3, 0) }), 4},
		{step(10, func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }), 1},
		{[]time.Time{day(1871, 1, 1), day(2023, 1, 1)}, 1}, // longer than time.Duration allows
	}
	for _, tt := range tests {
		if got, err := PeriodsPerYear(tt.dates); got != tt.want || err != nil {
			t.Errorf("PeriodsPerYear(%v…) = %d, %v; want %d", tt.dates[:2], got, err, tt.want)
		}
	}
	if _, err := PeriodsPerYear(nil); err == nil {
		t.Error("no error for no dates")
	}
}

// TestRollingMatchesWindows checks the rolling mean (exactly) and the
// O(1)-per-point rolling volatility against computing each window from
// scratch, on series with gaps, large levels and near-constant stretches.
func TestRollingMatchesWindows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	start := day(2000, 1, 3)
	var cases []Series
	for k, level := range []float64{100, 1e6, 0.001} {
		s := Series{Name: "s"}
		v := level
		for i := range 3000 {
			s.Dates = append(s.Dates, start.AddDate(0, 0, i))
			switch {
			case i%611 == 100 || i == 2000:
				s.Values = append(s.Values, math.NaN())
				continue
			case i >= 1200 && i < 1400:
				// flat: returns of exactly 0
			default:
				v *= 1 + 0.01*rng.NormFloat64()
			}
			if k == 1 && i%2 == 0 {
				v += 1e-7 // large level, tiny moves
			}
			s.Values = append(s.Values, v)
		}
		cases = append(cases, s)
	}
	for ci, s := range cases {
		r := returns(s.Values)
		for _, n := range []int{1, 2, 3, 21, 50, 252} {
			m, err := RollingMean(s, n)
			if err != nil {
				t.Fatal(err)
			}
			for i := range s.Values {
				want := math.NaN()
				if i+1 >= n && !hasGap(s.Values[i+1-n:i+1]) {
					want = mean(s.Values[i+1-n : i+1])
				}
				if !close(m.Values[i], want, 0) {
					t.Fatalf("case %d: rolling_mean(%d)[%d] = %v, want %v", ci, n, i, m.Values[i], want)
				}
			}
			if n < 2 {
				continue
			}
			vol, err := RollingVolatility(s, n, 252)
			if err != nil {
				t.Fatal(err)
			}
			for i := range s.Values {
				want := math.NaN()
				if i+1 >= n && !hasGap(r[i+1-n:i+1]) {
					want = stdev(r[i+1-n:i+1]) * math.Sqrt(252) * 100
				}
				if !close(vol.Values[i], want, 1e-11) {
					t.Fatalf("case %d: rolling_volatility(%d)[%d] = %v, want %v", ci, n, i, vol.Values[i], want)
				}
			}
		}
	}
}

func hasGap(vs []float64) bool {
	for _, v := range vs {
		if isGap(v) {
			return true
		}
	}
	return false
}

// close reports whether a and b are both gaps or equal within tol of the
// larger magnitude (or tol absolutely, near zero).
func close(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestRollingWindowBounds: a window whose windows, computed from scratch,
// would read more than MaxWindowWork values (minutes of work) is an error
// saying what to do, returned at once.
func TestRollingWindowBounds(t *testing.T) {
	long := Series{Name: "v", Dates: make([]time.Time, 400000), Values: make([]float64, 400000)}
	for i := range long.Dates {
		long.Dates[i] = time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		long.Values[i] = float64(100 + i%97)
	}
	short := Series{Name: "s", Dates: long.Dates[:10], Values: long.Values[:10]}
	start := time.Now()
	for _, c := range []struct {
		name string
		run  func() (Series, error)
		want string
	}{
		{"mean work", func() (Series, error) { return RollingMean(long, 200000) }, "rolling_mean: a window of 200000 points over 400000 points reads 40000200000 values, more than the 100000000 a transform may"},
		{"correlation work", func() (Series, error) { return RollingCorrelation(long, long, 200000) }, "rolling_correlation: a window of 200000 points over 399999 points reads"},
	} {
		if _, err := c.run(); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %s…", c.name, err, c.want)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
	for _, n := range []int{10, 11} {
		if _, err := RollingMean(short, n); err != nil {
			t.Errorf("a window of %d points over 10: %v", n, err)
		}
	}
}
