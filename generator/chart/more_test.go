package chart

import (
	"bytes"
	"encoding/xml"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const nasty = "S&P 500 <Small & Mid>"

// svgTexts returns the text of an SVG, each run of character data as
// encoding/xml decodes it.
func svgTexts(b []byte) []string {
	var texts []string
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			return texts
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts = append(texts, string(cd))
		}
	}
}

func TestEscaping(t *testing.T) {
	s := series(nasty, 1, 24, date(2020, 1, 31), "month", 100, 0.05)
	c := Chart{
		Title:  nasty + ` "quoted" <script>alert(1)</script>`,
		Series: []Series{s, series("Other", 2, 24, date(2020, 1, 31), "month", 90, 0.05)},
		Lines:  []HLine{{Value: 100, Label: nasty}},
		Marks:  []Mark{{Date: date(2021, 1, 31), Label: nasty}},
		Note:   nasty + "\x00\x1b",
	}
	r := NewRenderer()
	b, err := r.SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "escaping", b)
	if bytes.Contains(b, []byte("<Small")) || bytes.Contains(b, []byte("<script")) {
		t.Errorf("raw markup from labels in SVG:\n%s", b)
	}
	// Every label round-trips through encoding/xml.
	texts := svgTexts(b)
	all := strings.Join(texts, "\n")
	if n := strings.Count(all, nasty); n < 5 { // title, desc, legend, line, mark, note
		t.Errorf("label %q found %d times in the decoded text, want ≥ 5:\n%s", nasty, n, all)
	}
	if !strings.Contains(all, `<script>alert(1)</script>`) {
		t.Errorf("title did not round-trip")
	}
	if _, err := r.PNG(c, 1); err != nil {
		t.Fatal(err)
	}
}

func TestErrors(t *testing.T) {
	good := series("A", 1, 12, date(2020, 1, 31), "month", 100, 0.05)
	inf := series("A", 1, 12, date(2020, 1, 31), "month", 100, 0.05)
	inf.Y[3] = math.Inf(1)
	short := Series{Label: "A", X: good.X, Y: good.Y[:5]}
	neg := series("A", 1, 12, date(2020, 1, 31), "month", 100, 0.05)
	neg.Y[2] = -1
	dense := series("A", 1, 26000, date(1900, 1, 1), "day", 100, 0.0001)
	gaps := Series{Label: "A", X: good.X[:2], Y: []float64{math.NaN(), math.NaN()}}
	unordered := Series{Label: "A", X: []time.Time{date(2021, 1, 1), date(2020, 1, 1)}, Y: []float64{1, 2}}
	tests := []struct {
		name string
		c    Chart
		want string
	}{
		{"inf", Chart{Series: []Series{inf}}, `series 1 ("A"): infinite value at point 4 (2020-05-01)`},
		{"mismatch", Chart{Series: []Series{short}}, `series 1 ("A"): 12 dates but 5 values`},
		{"dense scatter", Chart{Type: TypeScatter, Series: []Series{dense, dense}}, "chart: a scatter chart of 52000 points, more than the 50000 it draws one by one"},
		{"dense bar", Chart{Type: TypeBar, Series: []Series{dense, dense}}, "chart: a bar chart of 52000 points"},
		{"log negative", Chart{Log: true, Series: []Series{neg}}, "cannot be drawn on a log scale, which shows only values above zero: turn the log scale off"},
		{"log zero line", Chart{Log: true, Series: []Series{good}, Lines: []HLine{{Value: 0}}}, "cannot be drawn on a log scale, which shows only values above zero: turn the log scale off"},
		{"no series", Chart{}, "chart: no series"},
		{"bad colour", Chart{Series: []Series{{Label: "A", Color: "red", X: good.X, Y: good.Y}}}, `colour "red" is not of the form #rrggbb`},
		{"bad colour digits", Chart{Series: []Series{{Label: "A", Color: "#12345g", X: good.X, Y: good.Y}}}, `#rrggbb`},
		{"all gaps", Chart{Series: []Series{gaps}}, "no values"},
		{"empty", Chart{Series: []Series{{Label: "A"}}}, "no values"},
		{"unordered", Chart{Series: []Series{unordered}}, "dates out of order"},
		{"type", Chart{Type: "pie", Series: []Series{good}}, `unknown type "pie"`},
		{"kind", Chart{Y: Format{Kind: "bps"}, Series: []Series{good}}, `unknown kind "bps"`},
		{"size", Chart{Width: 50, Series: []Series{good}}, "width 50 out of range"},
		{"huge", Chart{Series: []Series{{Label: "A", X: good.X[:1], Y: []float64{1e300}}}}, "out of range"},
		{"nan line", Chart{Series: []Series{good}, Lines: []HLine{{Value: math.NaN(), Label: "x"}}}, "is not a number"},
		{"right line unused", Chart{Series: []Series{good}, Lines: []HLine{{Value: 1, Axis: Right}}}, "no series uses the right axis"},
		{"mark outside", Chart{Series: []Series{good}, Marks: []Mark{{Date: date(1999, 1, 1), Label: "m"}}}, "outside the dates"},
		{"axis", Chart{Series: []Series{{Label: "A", Axis: 7, X: good.X, Y: good.Y}}}, "unknown axis 7"},
	}
	r := NewRenderer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, err := range []error{Validate(tt.c), svgErr(r, tt.c), pngErr(r, tt.c)} {
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "chart: ") {
					t.Errorf("error %v, want one containing %q", err, tt.want)
				}
			}
		})
	}
	if _, err := r.PNG(Chart{Series: []Series{good}}, 9); err == nil {
		t.Error("PNG at scale 9: no error")
	}
	if _, err := new(Renderer).SVG(Chart{Series: []Series{good}}); err == nil {
		t.Error("zero Renderer: no error")
	}
}

func svgErr(r *Renderer, c Chart) error {
	b, err := r.SVG(c)
	if err == nil || b != nil {
		return nil
	}
	return err
}

func pngErr(r *Renderer, c Chart) error {
	b, err := r.PNG(c, 1)
	if err == nil || b != nil {
		return nil
	}
	return err
}

// TestReuse checks that a Renderer that has drawn other charts (and so has
// warm caches) writes the same bytes as a fresh one, and that renderers on
// separate goroutines do not interfere.
func TestReuse(t *testing.T) {
	charts := goldenCharts()
	names := []string{"line", "area", "bar", "scatter", "log", "two-axes", "gaps", "single-point", "flat", "reference-mark"}
	used := NewRenderer()
	for _, n := range names {
		if _, err := used.SVG(charts[n]); err != nil {
			t.Fatal(err)
		}
		if _, err := used.PNG(charts[n], 2); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for _, n := range names {
		fresh, err := NewRenderer().SVG(charts[n])
		if err != nil {
			t.Fatal(err)
		}
		again, _ := used.SVG(charts[n])
		if !bytes.Equal(fresh, again) {
			t.Errorf("%s: SVG of a used renderer differs from a fresh one", n)
		}
		freshPNG, _ := NewRenderer().PNG(charts[n], 2)
		againPNG, _ := used.PNG(charts[n], 2)
		if !bytes.Equal(freshPNG, againPNG) {
			t.Errorf("%s: PNG of a used renderer differs from a fresh one", n)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := NewRenderer()
			for range 3 {
				b, err := r.SVG(charts[n])
				if err != nil || !bytes.Equal(b, fresh) {
					t.Errorf("%s: concurrent render differs", n)
				}
			}
		}()
	}
	wg.Wait()
}

// TestNoLocalTime renders under a far-off local zone: output is UTC only.
func TestNoLocalTime(t *testing.T) {
	c := goldenCharts()["scatter"]
	want, err := NewRenderer().SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = time.FixedZone("X", -11*3600)
	defer func() { time.Local = old }()
	loc := c
	loc.Series = []Series{{Label: c.Series[0].Label, X: make([]time.Time, len(c.Series[0].X)), Y: c.Series[0].Y}}
	for i, x := range c.Series[0].X {
		loc.Series[0].X[i] = x.Local()
	}
	got, err := NewRenderer().SVG(loc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("SVG depends on the time zone of the dates")
	}
}

func TestDescribe(t *testing.T) {
	c := Chart{
		Y:      Format{Kind: KindCurrency},
		YRight: Format{Kind: KindPercent},
		Series: []Series{
			{Label: "S&P 500", X: []time.Time{date(2020, 1, 2), date(2023, 12, 29)}, Y: []float64{3257.85, 4769.83}},
			{Label: "Rate", Axis: Right, X: []time.Time{date(2020, 1, 2), date(2020, 6, 1), date(2023, 12, 29)}, Y: []float64{1.55, math.NaN(), 5.33}},
		},
		Lines: []HLine{{Value: 4000, Label: "Round number"}},
		Marks: []Mark{{Date: date(2022, 1, 3), Label: "Peak"}},
		Note:  "Illustrative data",
	}
	want := "Line chart of 2 series from 2 January 2020 to 29 December 2023." +
		" S&P 500 (left axis): $3,258 on 2 January 2020 and $4,770 on 29 December 2023, up $1,512 (+46.4%)." +
		" Rate (right axis): 1.55% on 2 January 2020 and 5.33% on 29 December 2023, up 3.78 percentage points." +
		" Reference line Round number at $4,000." +
		" Marked 3 January 2022: Peak. Note: Illustrative data."
	if got := Describe(c); got != want {
		t.Errorf("Describe:\n got %s\nwant %s", got, want)
	}
	// A series that crosses zero changes by points, not by a percentage of
	// its start: a spread from 0.37 to −2.37 is not down 740.5%.
	spread := Chart{Series: []Series{{Label: "Spread", X: []time.Time{date(2005, 1, 1), date(2024, 12, 1)}, Y: []float64{0.37, -2.37}}}}
	if got, want := Describe(spread), "Line chart from January 2005 to December 2024. Spread: 0.37 in January 2005 and −2.37 in December 2024, down 2.74."; got != want {
		t.Errorf("Describe:\n got %s\nwant %s", got, want)
	}
	// A change is rounded from the decimal a reader subtracting the values
	// gets (0.00571 − 0.00586 = −0.00015, −0.0002 with four decimals), not
	// from the float64 noise of the subtraction (−0.00014999999999999996).
	tiny := Chart{Series: []Series{{Label: "Ratio", X: []time.Time{date(2005, 1, 1), date(2024, 12, 1)}, Y: []float64{0.00586, 0.00571}}}}
	if got, want := Describe(tiny), "Line chart from January 2005 to December 2024. Ratio: 0.0059 in January 2005 and 0.0057 in December 2024, down 0.0002 (−2.6%)."; got != want {
		t.Errorf("Describe:\n got %s\nwant %s", got, want)
	}
	flat := Chart{Series: []Series{{X: []time.Time{date(2020, 1, 1), date(2021, 1, 1)}, Y: []float64{-2, -2}}}}
	if got, want := Describe(flat), "Line chart from 2020 to 2021. Series 1: −2.00 in 2020 and −2.00 in 2021, unchanged."; got != want {
		t.Errorf("Describe:\n got %s\nwant %s", got, want)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		f    Format
		v    float64
		dec  int
		want string
	}{
		{Format{}, 1234567.891, 2, "1,234,567.89"},
		{Format{}, -1234, 0, "−1,234"},
		{Format{}, -0.001, 2, "0.00"},
		{Format{Kind: KindPercent}, 5.25, 2, "5.25%"},
		{Format{Kind: KindCurrency}, -1500, 0, "−$1,500"},
		{Format{Kind: KindCurrency, Currency: "€"}, 999.5, 1, "€999.5"},
		{Format{}, 100, 0, "100"},
		// Rounded from the decimal the data wrote, half away from zero,
		// as a reader checking the CSV by hand rounds (strconv alone
		// gives 2.67, 566.2% and −0.2).
		{Format{}, 2.675, 2, "2.68"},
		{Format{Kind: KindPercent}, 566.25, 1, "566.3%"},
		{Format{}, -0.25, 1, "−0.3"},
		{Format{}, 98765432109876543210, 0, "98,765,432,109,876,540,000"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.f, tt.v, tt.dec); got != tt.want {
			t.Errorf("formatValue(%+v, %g, %d) = %q, want %q", tt.f, tt.v, tt.dec, got, tt.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		n      int
		want   string
	}{
		{0, 10, 5, "[0 2 4 6 8 10]"},
		{1012, 2456, 6, "[1000 1250 1500 1750 2000 2250 2500]"},
		{-17.3, 0, 7, "[-17.5 -15 -12.5 -10 -7.5 -5 -2.5 0]"},
		{0.1, 0.35, 5, "[0.1 0.15 0.2 0.25 0.3 0.35]"},
	}
	for _, tt := range tests {
		got, _ := niceTicks(tt.lo, tt.hi, tt.n)
		if s := fmtFloats(got); s != tt.want {
			t.Errorf("niceTicks(%g, %g, %d) = %s, want %s", tt.lo, tt.hi, tt.n, s, tt.want)
		}
	}
	if s := fmtFloats(logTicks(4.5, 8000, 6)); s != "[2 10 100 1000 10000]" {
		t.Errorf("logTicks(4.5, 8000) = %s", s)
	}
	if s := fmtFloats(logTicks(120, 180, 6)); s != "[100 200]" {
		t.Errorf("logTicks(120, 180) = %s", s)
	}
}

func fmtFloats(vs []float64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimSuffix(strings.TrimRight(strings.TrimRight(
			strconvF(v), "0"), "."), "."))
	}
	b.WriteByte(']')
	return b.String()
}

func strconvF(v float64) string {
	s := formatValue(Format{}, v, 6)
	s = strings.ReplaceAll(s, ",", "")
	return strings.ReplaceAll(s, minus, "-")
}

func TestTimeTicks(t *testing.T) {
	m := func(s string) int { return 7 * len(s) }
	tests := []struct {
		lo, hi time.Time
		want   string
	}{
		{date(2014, 1, 31), date(2023, 12, 31), "2015 2016 2017 2018 2019 2020 2021 2022 2023"},
		{date(1871, 1, 1), date(2020, 1, 1), "1880 1900 1920 1940 1960 1980 2000 2020"},
		{date(2004, 1, 1), date(2005, 12, 1), "Q1 2004 Q2 2004 Q3 2004 Q4 2004 Q1 2005 Q2 2005 Q3 2005 Q4 2005"},
		{date(2023, 1, 2), date(2023, 3, 31), "Jan 9 Jan 23 Feb 6 Feb 20 Mar 6 Mar 20"},
		{date(2023, 1, 2), date(2023, 1, 20), "Jan 3 Jan 5 Jan 7 Jan 9 Jan 11 Jan 13 Jan 15 Jan 17 Jan 19"},
	}
	for _, tt := range tests {
		var labels []string
		for _, tk := range timeTicks(tt.lo, tt.hi, 650, 14, m) {
			labels = append(labels, tk.Label)
		}
		if got := strings.Join(labels, " "); got != tt.want {
			t.Errorf("timeTicks(%s, %s) = %s, want %s", day(tt.lo), day(tt.hi), got, tt.want)
		}
	}
}

// benchChart is 3 series × 1,000 daily points.
func benchChart() Chart {
	c := Chart{Title: "Benchmark", Note: "Illustrative data"}
	for i := range 3 {
		c.Series = append(c.Series, series("Series "+string(rune('A'+i)), uint64(i+1), 1000, date(2020, 1, 1), "day", 100, 0.02))
	}
	return c
}

func BenchmarkSVG(b *testing.B) {
	c := benchChart()
	r := NewRenderer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.SVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSVGNarrow draws benchChart's narrow drawing (for phones), which
// a page's chart needs besides BenchmarkSVG's wide one.
func BenchmarkSVGNarrow(b *testing.B) {
	c := benchChart()
	c.Narrow = true
	r := NewRenderer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.SVG(c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	c := benchChart()
	r := NewRenderer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.PNG(c, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNG2x(b *testing.B) {
	c := benchChart()
	r := NewRenderer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.PNG(c, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// dailyChart is 2 series × 20 years of weekdays (5,217 points each), the
// longest chart of the generated corpus: more points than the plot has
// pixel columns.
func dailyChart() Chart {
	c := Chart{Title: "Twenty years of weekdays", Note: "Illustrative data"}
	for i := range 2 {
		s := Series{Label: "Series " + string(rune('A'+i))}
		v := 100.0
		rng := rand.New(rand.NewPCG(uint64(i+1), 9))
		for d := date(2006, 7, 3); !d.After(date(2026, 6, 30)); d = d.AddDate(0, 0, 1) {
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			s.X = append(s.X, d)
			s.Y = append(s.Y, v)
			v *= 1 + 0.01*rng.NormFloat64()
		}
		c.Series = append(c.Series, s)
	}
	return c
}

func BenchmarkSVGDaily(b *testing.B) {
	c := dailyChart()
	r := NewRenderer()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		out, err := r.SVG(c)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "bytes")
}

// BenchmarkPNGDaily draws dailyChart as the PNG of a feed article (scale 2).
func BenchmarkPNGDaily(b *testing.B) {
	c := dailyChart()
	r := NewRenderer()
	b.ReportAllocs()
	var n int
	for b.Loop() {
		out, err := r.PNG(c, 2)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "bytes")
}

// TestLongAnnotationLabels: a reference line's or a mark's label wider
// than the plot is cut to fit it, ending in "…", in the SVG and the PNG:
// the rest could not be seen, and placing it cost time with its length.
// A label that found no place free of the series is in the key, after
// its number.
func TestLongAnnotationLabels(t *testing.T) {
	long := strings.Repeat("a very long label ", 300)
	c := Chart{
		Series: []Series{series("A", 1, 24, date(2020, 1, 31), "month", 100, 0.05)},
		Lines:  []HLine{{Value: 100, Label: "ref " + long}},
		Marks:  []Mark{{Date: date(2021, 1, 31), Label: "mark " + long}},
	}
	r := NewRenderer()
	b, err := r.SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "long labels", b)
	texts := svgTexts(b)
	for _, prefix := range []string{"ref a very", "mark a very"} {
		found := false
		for _, s := range texts {
			if n, rest, ok := strings.Cut(s, ": "); ok && strings.Trim(n, "0123456789") == "" {
				s = rest
			}
			if strings.HasPrefix(s, prefix) {
				found = true
				// 720 units wide at ~6.5 units a letter: far fewer than the label's.
				if !strings.HasSuffix(s, "…") || len([]rune(s)) > 150 {
					t.Errorf("label %q… is %d letters, want it cut to the plot, ending in …", prefix, len([]rune(s)))
				}
			}
		}
		if !found {
			t.Errorf("no label starting %q in the SVG", prefix)
		}
	}
	if _, err := r.PNG(c, 2); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkPNGNoiseArea draws twenty years of daily white noise as an area
// chart, PNG at scale 2: the worst fill there is, as each pixel column's
// edges span most of the plot's height.
func BenchmarkPNGNoiseArea(b *testing.B) { benchNoise(b, TypeArea) }

// BenchmarkPNGNoiseScatter draws the same noise as dots.
func BenchmarkPNGNoiseScatter(b *testing.B) { benchNoise(b, TypeScatter) }

func benchNoise(b *testing.B, typ string) {
	c := Chart{Title: "Noise", Type: typ}
	s := Series{Label: "v"}
	rng := rand.New(rand.NewPCG(1, 2))
	for d := date(2000, 1, 1); d.Before(date(2020, 1, 1)); d = d.AddDate(0, 0, 1) {
		s.X = append(s.X, d)
		s.Y = append(s.Y, rng.NormFloat64())
	}
	c.Series = []Series{s}
	r := NewRenderer()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.PNG(c, 2); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTimeTicksNeverOne: an x axis gets two labels or more where they fit.
// Weekly data from January 2015 to June 2024 on a phone had one label,
// 2020: yearly labels were more than the phone's axis takes, and every
// fifth year within the dates is 2020 alone, so the axis read as if it
// could span two years or twenty.
func TestTimeTicksNeverOne(t *testing.T) {
	var s Series
	for d := date(2015, 1, 3); !d.After(date(2024, 6, 29)); d = d.AddDate(0, 0, 7) {
		s.X = append(s.X, d)
		s.Y = append(s.Y, 250000+float64(len(s.Y)%40)*1000)
	}
	for _, narrow := range []bool{false, true} {
		b, err := NewRenderer().SVG(Chart{Title: "Initial claims", Series: []Series{s}, Narrow: narrow})
		if err != nil {
			t.Fatal(err)
		}
		texts, _ := parseSVG(t, b)
		var years []string
		for _, tx := range texts {
			if tx.class == "ts-label" && len(tx.body) == 4 && strings.HasPrefix(tx.body, "20") {
				years = append(years, tx.body)
			}
		}
		if len(years) < 2 {
			t.Errorf("narrow=%v: x labels %q, want two or more", narrow, years)
		}
	}
}

// TestBarTicksOnCalendar: the bars of quarterly data are labelled at
// calendar steps, as a line chart's axis is: quarterly GDP from 2000 to
// 2023 was labelled Q1 2000, Q4 2002, Q3 2005, Q2 2008, Q2 2011 (every
// eleventh bar, and twelve quarters after a quarter missing from the
// data), a step no reader reckons in.
func TestBarTicksOnCalendar(t *testing.T) {
	var s Series
	for y := 2000; y <= 2023; y++ {
		for q := range 4 {
			if y == 2010 && q == 0 {
				continue // a quarter the file left empty
			}
			s.X = append(s.X, date(y, time.Month(3*q+1), 1))
			s.Y = append(s.Y, float64((y*4+q)%7)-2)
		}
	}
	for _, narrow := range []bool{false, true} {
		b, err := NewRenderer().SVG(Chart{Type: TypeBar, Title: "GDP growth", Series: []Series{s}, Narrow: narrow})
		if err != nil {
			t.Fatal(err)
		}
		texts, _ := parseSVG(t, b)
		var years []int
		for _, tx := range texts {
			if tx.class != "ts-label" || tx.anchor != "middle" {
				continue
			}
			y, err := strconv.Atoi(tx.body)
			if err != nil {
				t.Errorf("narrow=%v: x label %q, want a year", narrow, tx.body)
				continue
			}
			years = append(years, y)
		}
		if len(years) < 2 {
			t.Fatalf("narrow=%v: x labels %v, want two or more", narrow, years)
		}
		for i := 1; i < len(years); i++ {
			if step := years[1] - years[0]; years[i]-years[i-1] != step || years[0]%step != 0 {
				t.Errorf("narrow=%v: x labels %v, want years at an even calendar step", narrow, years)
				break
			}
		}
	}
}
