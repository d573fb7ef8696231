package chart

import (
	"math"
	"strings"
	"testing"
)

// TestHeatmapContrast checks that the text written in every colour of the
// scale has a WCAG contrast of at least 4.5 against its cell.
func TestHeatmapContrast(t *testing.T) {
	lum := func(c [3]uint8) float64 {
		var l [3]float64
		for i, v := range c {
			s := float64(v) / 255
			if s <= 0.04045 {
				l[i] = s / 12.92
			} else {
				l[i] = math.Pow((s+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	for k := 0; k <= 100; k++ {
		v := -1 + float64(k)/50
		bg := heatColor(v, 1)
		fg := textOn(bg)
		a, b := lum([3]uint8{bg.R, bg.G, bg.B}), lum([3]uint8{fg.R, fg.G, fg.B})
		ratio := (math.Max(a, b) + 0.05) / (math.Min(a, b) + 0.05)
		if ratio < 4.5 {
			t.Errorf("value %g: text %v on %v has contrast %.2f", v, fg, bg, ratio)
		}
	}
	if c := heatColor(0, 1); c != heatPalette[4] {
		t.Errorf("zero is %v, want the palette's middle", c)
	}
	if heatColor(-5, 1) != heatPalette[0] || heatColor(5, 1) != heatPalette[8] {
		t.Errorf("values beyond the scale do not take its ends")
	}
}

func TestHeatmapGolden(t *testing.T) {
	c := goldenCharts()["heatmap-correlation"]
	b, err := NewRenderer().SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "heatmap", b)
	s := string(b)
	// 14 cells with values and the scale's 24 steps; 14 values written.
	if n := strings.Count(s, `class="ts-cell"`); n != 14+24 {
		t.Errorf("%d cells, want 38", n)
	}
	if n := strings.Count(s, `class="ts-cell-value"`); n != 14 {
		t.Errorf("%d values in cells, want 14", n)
	}
	d := Describe(c)
	if !strings.Contains(d, "Highest 1.00 (CAPE, CAPE); lowest −0.68 (CAPE, 10-year yield).") {
		t.Errorf("description %q", d)
	}
	for _, tc := range []struct {
		edit func(c *Chart)
		want string
	}{
		{func(c *Chart) { c.Matrix = nil }, "a heatmap needs a matrix"},
		{func(c *Chart) {
			c.Matrix = &Matrix{Rows: []string{"a"}, Cols: []string{"b"}, Values: [][]float64{{1, 2}}}
		}, `row 1 ("a") has 2 values for 1 columns`},
		{func(c *Chart) { c.Series = goldenCharts()["line"].Series }, "a heatmap draws its matrix"},
		{func(c *Chart) { c.Type = TypeLine; c.Series = goldenCharts()["line"].Series }, "a matrix belongs to heatmaps"},
	} {
		c := goldenCharts()["heatmap-correlation"]
		tc.edit(&c)
		if err := Validate(c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate = %v, want %q", err, tc.want)
		}
	}
}

// TestHeatmapNarrowLabels: on a phone every column keeps its label, wrapped
// over its column when it is wider than the cell, and no two labels touch.
func TestHeatmapNarrowLabels(t *testing.T) {
	c := goldenCharts()["heatmap-correlation"]
	c.Narrow = true
	r := NewRenderer()
	b, err := r.SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	texts, _ := parseSVG(t, b)
	var labels []svgText
	words := map[string]int{}
	for _, tx := range texts {
		if tx.class == "ts-label" {
			labels = append(labels, tx)
			for _, w := range strings.Fields(tx.body) {
				words[w]++
			}
		}
	}
	// Each column's and each row's name: every word twice.
	for _, name := range c.Matrix.Cols {
		for _, w := range strings.Fields(name) {
			if words[w] < 2 {
				t.Errorf("%q of column %q is written %d times, want twice (its column and its row)", w, name, words[w])
			}
		}
	}
	for i, a := range labels {
		for _, o := range labels[i+1:] {
			if a.anchor != "middle" || o.anchor != "middle" || a.y != o.y {
				continue
			}
			wa := float64(r.measure(a.body, a.size)) / 2
			wo := float64(r.measure(o.body, o.size)) / 2
			if math.Abs(a.x-o.x) < wa+wo {
				t.Errorf("column labels %q at %g and %q at %g overlap", a.body, a.x, o.body, o.x)
			}
		}
	}
}
