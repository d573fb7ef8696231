package chart

import (
	"strings"
	"testing"
	"time"
)

// TestBands checks that bands are drawn behind the series (the first
// shapes after the style sheet), one rectangle each within the plot,
// listed in the legend once per label and in the description.
func TestBands(t *testing.T) {
	c := goldenCharts()["bands"]
	r := NewRenderer()
	for _, narrow := range []bool{false, true} {
		c.Narrow = narrow
		b, err := r.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		checkSVG(t, "bands", b)
		s := string(b)
		band := strings.Index(s, `class="ts-band"`)
		series := strings.Index(s, `class="ts-series`)
		grid := strings.Index(s, `class="ts-grid"`)
		if band < 0 || !(band < grid && grid < series) {
			t.Errorf("narrow %t: band at %d, grid at %d, series at %d: bands must come first", narrow, band, grid, series)
		}
		// The plot's bands are one path of three rectangles; the legend has
		// one swatch per label (two).
		if n := strings.Count(s, `class="ts-band"`); n != 3 {
			t.Errorf("narrow %t: %d ts-band elements, want 3 (plot and two swatches)", narrow, n)
		}
		for _, l := range []string{">Hiking cycle<", ">Recession<"} {
			if strings.Count(s, l) != 1 {
				t.Errorf("narrow %t: legend has %q %d times, want once", narrow, l, strings.Count(s, l))
			}
		}
	}
	d := Describe(c)
	// Monthly data: its periods are months, as its dates are.
	want := "3 shaded periods: Hiking cycle, June 2004 to June 2006; Hiking cycle, December 2015 to December 2018; Recession, March 2020 to April 2020."
	if !strings.Contains(d, want) {
		t.Errorf("description %q lacks %q", d, want)
	}
	if got := BandsAt(c, date(2005, 1, 1)); got != "Hiking cycle" {
		t.Errorf("BandsAt(2005) = %q", got)
	}
	if got := BandsAt(c, date(2010, 1, 1)); got != "" {
		t.Errorf("BandsAt(2010) = %q", got)
	}
}

// TestDescribeDatesAtPrecision: on monthly data, a mark or a band at a
// date of the data's precision (the first or last of a month) reads as
// that month, one written with another day keeps it, and on daily data
// every date keeps its day.
func TestDescribeDatesAtPrecision(t *testing.T) {
	monthly := Series{Label: "Rate", X: []time.Time{date(2020, 1, 1), date(2020, 2, 1), date(2020, 3, 1), date(2020, 4, 1)}, Y: []float64{1, 2, 3, 4}}
	daily := Series{Label: "Rate", X: []time.Time{date(2020, 1, 1), date(2020, 1, 2), date(2020, 3, 31), date(2020, 4, 1)}, Y: []float64{1, 2, 3, 4}}
	marks := []Mark{{Date: date(2020, 2, 1), Label: "Cut"}, {Date: date(2020, 3, 23), Label: "Low"}}
	bands := []Band{{From: date(2020, 2, 1), To: date(2020, 3, 31), Label: "Recession"}}
	for _, tc := range []struct {
		s    Series
		want string
	}{
		{monthly, " Marked February 2020: Cut. Marked 23 March 2020: Low. Shaded period: Recession, February 2020 to March 2020."},
		{daily, " Marked 1 February 2020: Cut. Marked 23 March 2020: Low. Shaded period: Recession, 1 February 2020 to 31 March 2020."},
	} {
		if d := Describe(Chart{Series: []Series{tc.s}, Marks: marks, Bands: bands}); !strings.HasSuffix(d, tc.want) {
			t.Errorf("description %q does not end with %q", d, tc.want)
		}
	}
}

func TestBandErrors(t *testing.T) {
	base := goldenCharts()["bands"]
	for _, tc := range []struct {
		band Band
		want string
	}{
		{Band{From: date(2006, 1, 1), To: date(2005, 1, 1)}, "band 1: ends on 2005-01-01, before it starts on 2006-01-01"},
		{Band{From: date(1990, 1, 1), To: date(1991, 1, 1), Label: "Gulf"}, `band 1 ("Gulf"): 1990-01-01 to 1991-01-01 is outside the dates of the series (2004-01-01 to 2023-12-01)`},
	} {
		c := base
		c.Bands = []Band{tc.band}
		err := Validate(c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate = %v, want %q", err, tc.want)
		}
	}
}
