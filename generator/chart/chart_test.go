package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// walk generates a deterministic random walk of n monthly (step "month"),
// daily or yearly values.
func walk(seed uint64, n int, start time.Time, step string, v0, vol float64) ([]time.Time, []float64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	xs := make([]time.Time, n)
	ys := make([]float64, n)
	v := v0
	for i := range n {
		switch step {
		case "day":
			xs[i] = start.AddDate(0, 0, i)
		case "month":
			xs[i] = start.AddDate(0, i, 0)
		case "year":
			xs[i] = start.AddDate(i, 0, 0)
		}
		ys[i] = math.Round(v*100) / 100
		v *= 1 + vol*(rng.Float64()-0.47)
	}
	return xs, ys
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func series(label string, seed uint64, n int, start time.Time, step string, v0, vol float64) Series {
	xs, ys := walk(seed, n, start, step, v0, vol)
	return Series{Label: label, X: xs, Y: ys}
}

// goldenCharts are the charts pinned by testdata/*.svg.
func goldenCharts() map[string]Chart {
	lineA := series("S&P 500", 1, 120, date(2014, 1, 31), "month", 1800, 0.08)
	lineB := series("Russell 2000", 2, 120, date(2014, 1, 31), "month", 1100, 0.1)
	gaps := series("With gaps", 3, 60, date(2019, 1, 1), "month", 100, 0.06)
	for _, i := range []int{10, 11, 12, 30, 45} {
		gaps.Y[i] = math.NaN()
	}
	gaps.Y[47] = math.NaN() // leaves point 46 alone between gaps
	rate := series("Fed funds rate", 4, 240, date(2004, 1, 1), "month", 2, 0.1)
	years := make([]time.Time, 12)
	rets := []float64{11.4, -0.7, 9.5, 19.4, -6.2, 28.9, 16.3, 26.9, -19.4, 24.2, 23.3, -4.1}
	for i := range years {
		years[i] = date(2013+i, 12, 31)
	}
	small := years[:len(rets)]
	rets2 := []float64{3.9, -4.4, 19.5, 13.1, -12.2, 23.7, 18.4, 13.7, -21.6, 15.1, 10.1, 2.3}
	cape := series("Shiller CAPE", 5, 900, date(1900, 1, 1), "month", 12, 0.05)
	sp := series("S&P composite", 6, 150, date(1871, 1, 1), "year", 4.5, 0.22)
	return map[string]Chart{
		"line": {Title: "Large and small caps", Series: []Series{lineA, lineB}, Note: "Illustrative data"},
		"area": {Title: "Drawdown", Type: TypeArea, Y: Format{Kind: KindPercent},
			Series: []Series{drawdown(lineA)}},
		"bar": {Title: "Annual returns", Type: TypeBar, Y: Format{Kind: KindPercent, Decimals: 1},
			Series: []Series{{Label: "Large caps", X: small, Y: rets}, {Label: "Small caps", X: small, Y: rets2}}},
		"scatter": {Title: "Daily closes", Type: TypeScatter,
			Series: []Series{series("Daily close", 7, 90, date(2023, 1, 2), "day", 50, 0.03)}},
		"log": {Title: "A century and a half of stocks", Log: true, Y: Format{Kind: KindCurrency},
			Series: []Series{sp}},
		"two-axes": {Title: "Rates and stocks", Y: Format{Kind: KindCurrency}, YRight: Format{Kind: KindPercent},
			Series: []Series{series("S&P 500", 8, 240, date(2004, 1, 1), "month", 1100, 0.06),
				{Label: rate.Label, Axis: Right, X: rate.X, Y: rate.Y}}},
		"gaps":         {Title: "A series with gaps", Series: []Series{gaps}},
		"single-point": {Title: "One observation", Series: []Series{{Label: "Only", X: []time.Time{date(2020, 6, 30)}, Y: []float64{42.5}}}},
		"flat": {Title: "A flat series", Y: Format{Kind: KindPercent},
			Series: []Series{{Label: "Rate", X: rate.X[:24], Y: make([]float64, 24)}}},
		"bands": {Title: "Rates and hiking cycles", Y: Format{Kind: KindPercent}, Series: []Series{rate},
			Bands: []Band{{From: date(2004, 6, 1), To: date(2006, 6, 1), Label: "Hiking cycle"},
				{From: date(2015, 12, 1), To: date(2018, 12, 1), Label: "Hiking cycle"},
				{From: date(2020, 3, 1), To: date(2020, 4, 1), Label: "Recession"}}},
		"stacked-area": {Title: "Sector weights", Type: TypeStackedArea, Y: Format{Kind: KindPercent},
			Series: shares(date(2004, 1, 1), 240)},
		"stacked-bar": {Title: "Contributions to return", Type: TypeStackedBar, Y: Format{Kind: KindPercent, Decimals: 1},
			Total: "Total return", Series: []Series{{Label: "Earnings growth", X: small, Y: rets2},
				{Label: "Dividends", X: small, Y: []float64{2.1, 2.2, 2.0, 1.9, 2.1, 2.3, 1.9, 1.6, 1.4, 1.8, 1.6, 1.5}},
				{Label: "Valuation", X: small, Y: []float64{5.4, -7.1, -12.0, 4.4, 3.9, 2.9, -4.0, 11.6, 0.8, 7.3, 11.6, -7.9}}}},
		"histogram": {Title: "CAPE, the distribution", Type: TypeHistogram, Series: []Series{cape},
			Percentiles: []float64{50}, MarkLatest: true},
		"heatmap-correlation": {Title: "Correlations", Type: TypeHeatmap, Matrix: &Matrix{
			Rows: []string{"CAPE", "10-year yield", "Inflation", "Earnings growth"}, Cols: []string{"CAPE", "10-year yield", "Inflation", "Earnings growth"},
			Values: [][]float64{{1, -0.68, -0.55, 0.12}, {-0.68, 1, 0.71, -0.05}, {-0.55, 0.71, 1, math.NaN()}, {0.12, -0.05, math.NaN(), 1}}, Max: 1}},
		"heatmap-months": {Title: "Monthly returns", Type: TypeHeatmap, Y: Format{Kind: KindPercent, Decimals: 1}, Matrix: monthMatrix()},
		"panels-series": {Title: "Four indexes", Panels: &Panels{}, Series: []Series{lineA, lineB,
			series("MSCI EAFE", 13, 120, date(2014, 1, 31), "month", 1900, 0.07), series("MSCI EM & frontier", 14, 120, date(2014, 1, 31), "month", 1000, 0.09)}},
		"panels-periods": {Title: "Hiking cycles from their first hike", Y: Format{Kind: KindPercent}, Series: []Series{rate},
			Panels: &Panels{XTitle: "Months since the first hike", Periods: []Band{
				{From: date(2004, 6, 1), To: date(2006, 6, 1), Label: "2004–06"},
				{From: date(2015, 12, 1), To: date(2018, 12, 1), Label: "2015–18"},
				{From: date(2022, 3, 1), To: date(2023, 12, 1)}}}},
		"reference-mark": {Title: "CAPE with its average", Type: TypeLine, Series: []Series{cape},
			Lines: []HLine{{Value: 16.8, Label: "Long-run average 16.8"}},
			Marks: []Mark{{Date: date(1929, 9, 1), Label: "1929 peak"}, {Date: date(1932, 6, 1), Label: "1932 low"}, {Date: date(1966, 1, 1), Label: "1966"}}},
	}
}

// monthMatrix is ten years of monthly returns, the last year unfinished.
func monthMatrix() *Matrix {
	m := &Matrix{Cols: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}}
	_, ys := walk(21, 121, date(2014, 1, 1), "month", 100, 0.1)
	for y := range 10 {
		m.Rows = append(m.Rows, string(rune('0'+(2014+y)/1000))+string(rune('0'+(2014+y)/100%10))+string(rune('0'+(2014+y)/10%10))+string(rune('0'+(2014+y)%10)))
		row := make([]float64, 12)
		for k := range row {
			i := y*12 + k + 1
			row[k] = math.NaN()
			if i < 116 {
				row[k] = math.Round((ys[i]/ys[i-1]-1)*1000) / 10
			}
		}
		m.Values = append(m.Values, row)
	}
	return m
}

// shares returns three series of n months that add up to 100 at each date.
func shares(start time.Time, n int) []Series {
	a := series("Technology", 11, n, start, "month", 20, 0.03)
	b := series("Financials", 12, n, start, "month", 30, 0.03)
	out := []Series{a, b, {Label: "Everything else", X: a.X, Y: make([]float64, n)}}
	for k := range n {
		t := a.Y[k] + b.Y[k]
		a.Y[k] = math.Round(a.Y[k]/t*6000) / 100
		b.Y[k] = math.Round(b.Y[k]/t*6000) / 100
		out[2].Y[k] = math.Round((100-a.Y[k]-b.Y[k])*100) / 100
	}
	return out
}

func drawdown(s Series) Series {
	out := Series{Label: "Drawdown", X: s.X, Y: make([]float64, len(s.Y))}
	peak := math.Inf(-1)
	for i, v := range s.Y {
		peak = math.Max(peak, v)
		out.Y[i] = math.Round((v/peak-1)*10000) / 100
	}
	return out
}

func checkSVG(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var root *xml.StartElement
	var first []string
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: invalid XML: %v", name, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == nil {
				c := se.Copy()
				root = &c
			} else if depth == 1 && len(first) < 2 {
				first = append(first, se.Name.Local)
			}
			depth++
		}
		if _, ok := tok.(xml.EndElement); ok {
			depth--
		}
	}
	if root == nil || root.Name.Local != "svg" {
		t.Fatalf("%s: root is not <svg>", name)
	}
	attrs := map[string]string{}
	for _, a := range root.Attr {
		attrs[a.Name.Local] = a.Value
	}
	if attrs["role"] != "img" || attrs["viewBox"] == "" || attrs["aria-labelledby"] == "" {
		t.Errorf("%s: root lacks role, viewBox or aria-labelledby: %v", name, attrs)
	}
	if strings.Join(first, ",") != "title,desc" {
		t.Errorf("%s: first children are %v, want title, desc", name, first)
	}
	for _, id := range strings.Fields(attrs["aria-labelledby"]) {
		if !bytes.Contains(b, []byte(`id="`+id+`"`)) {
			t.Errorf("%s: aria-labelledby names missing id %q", name, id)
		}
	}
}

func TestGolden(t *testing.T) {
	r := NewRenderer()
	charts := goldenCharts()
	for name, c := range goldenCharts() {
		c.Narrow = true
		charts[name+"-narrow"] = c
	}
	for name, c := range charts {
		t.Run(name, func(t *testing.T) {
			got, err := r.SVG(c)
			if err != nil {
				t.Fatal(err)
			}
			checkSVG(t, name, got)
			path := filepath.Join("testdata", name+".svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("SVG differs from %s (run go test -update after checking the change)", path)
			}
		})
	}
}

// TestPNG decodes the PNG of every golden chart and checks its size: the
// width times the scale, and at least the height (the header adds to it).
// With TS_CHART_PNG_DIR set it also writes them there, to look at.
func TestPNG(t *testing.T) {
	r := NewRenderer()
	dir := os.Getenv("TS_CHART_PNG_DIR")
	for name, c := range goldenCharts() {
		for _, scale := range []float64{1, 2} {
			b, err := r.PNG(c, scale)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			size := img.Bounds().Size()
			minH := int(DefaultHeight * scale)
			if c.Type == TypeHeatmap || c.Panels != nil {
				minH = int(100 * scale) // a heatmap is as tall as its rows, small multiples as their panels
			}
			if size.X != int(DefaultWidth*scale) || size.Y < minH {
				t.Errorf("%s at %g: size %v", name, scale, size)
			}
			if dir != "" && scale == 2 {
				os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644)
			}
		}
	}
	c := goldenCharts()["line"]
	c.Title, c.Subtitle = "", ""
	c.Width, c.Height = 400, 300
	b, err := r.PNG(c, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 600 || got.Y != 450 {
		t.Errorf("400×300 at 1.5 without a title: size %v, want 600×450", got)
	}
}
