package chart

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// TestLegendRoom checks, on the parsed SVG of a legend of long labels,
// wide and narrow, that each item on a row starts after the room of the
// label before it (its measured width plus the allowance for a wider
// browser font, room) and that each label's room ends inside the drawing.
func TestLegendRoom(t *testing.T) {
	r := NewRenderer()
	c := goldenCharts()["line"]
	a, b := c.Series[0], c.Series[1]
	a.Label, b.Label = "Investment-grade bonds", "Small-cap equities index"
	third := a
	third.Label = "Treasury bills (3-month)"
	c.Series = []Series{a, b, third}
	for _, narrow := range []bool{false, true} {
		c.Narrow = narrow
		l := r.layout(c, false)
		svg, err := r.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		texts, _ := parseSVG(t, svg)
		rows := map[float64][]svgText{}
		for _, tx := range texts {
			if tx.class == "ts-legend" {
				rows[tx.y] = append(rows[tx.y], tx)
			}
		}
		pairs := 0
		for _, row := range rows {
			sort.Slice(row, func(i, j int) bool { return row[i].x < row[j].x })
			for i, tx := range row {
				end := tx.x + float64(r.roomFor(tx.body, tx.size))
				if end > float64(l.w-margin) {
					t.Errorf("narrow %t: %q's room ends at %g, past the drawing's %d", narrow, tx.body, end, l.w-margin)
				}
				if i == 0 {
					continue
				}
				pairs++
				prev := row[i-1]
				swatch := tx.x - float64(l.px(swatchW+6))
				if prevEnd := prev.x + float64(r.roomFor(prev.body, prev.size)); swatch < prevEnd {
					t.Errorf("narrow %t: %q's swatch at %g, within the room of %q (to %g)", narrow, tx.body, swatch, prev.body, prevEnd)
				}
			}
		}
		if !narrow && pairs == 0 {
			t.Error("no two legend items share a row in the wide drawing: the test tests nothing")
		}
	}
}

// TestHeatmapValueRoom checks that every value written in a heatmap cell
// has room in its cell for a wider browser font.
func TestHeatmapValueRoom(t *testing.T) {
	r := NewRenderer()
	for _, name := range []string{"heatmap-correlation", "heatmap-months"} {
		for _, narrow := range []bool{false, true} {
			c := goldenCharts()[name]
			c.Narrow = narrow
			l := r.layout(c, false)
			svg, err := r.SVG(c)
			if err != nil {
				t.Fatal(err)
			}
			texts, _ := parseSVG(t, svg)
			for _, tx := range texts {
				if tx.class == "ts-cell-value" && r.roomFor(tx.body, tx.size) > l.heat.cw {
					t.Errorf("%s (narrow %t): %q needs %d px with a wider font, its cell is %d", name, narrow, tx.body, r.roomFor(tx.body, tx.size), l.heat.cw)
				}
			}
		}
	}
}

// TestPaletteContrast checks that every colour of the palette has a
// contrast of 3:1 at least (WCAG 2.1 SC 1.4.11, non-text contrast) with
// the default theme's light and dark backgrounds, read from its style
// sheet, on which the series keep their colours.
func TestPaletteContrast(t *testing.T) {
	css, err := os.ReadFile("../../themes/default/static/css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	bgs := regexp.MustCompile(`--bg: (#[0-9a-fA-F]{6});`).FindAllStringSubmatch(string(css), 2)
	if len(bgs) != 2 {
		t.Fatalf("found %d --bg colours in main.css, want the light and the dark one", len(bgs))
	}
	lum := func(c drawing.Color) float64 {
		lin := func(v uint8) float64 {
			x := float64(v) / 255
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
	}
	for _, bg := range bgs {
		rgb, err := parseColor(bg[1])
		if err != nil {
			t.Fatal(err)
		}
		lb := lum(drawing.Color{R: rgb[0], G: rgb[1], B: rgb[2]})
		for i, c := range palette {
			l := lum(c)
			ratio := (max(l, lb) + 0.05) / (min(l, lb) + 0.05)
			if ratio < 3 {
				t.Errorf("palette colour %d (#%02x%02x%02x) on %s: contrast %.2f, want 3 or more", i+1, c.R, c.G, c.B, bg[1], ratio)
			}
		}
	}
}

// TestSeriesBeyondPalette: a line chart of more series than the palette
// has colours draws no two series alike: the eighth has the first's
// colour, dashed, in the plot and in its legend's swatch; a series whose
// colour the spec gives is solid. The PNG is drawn from the same strokes.
func TestSeriesBeyondPalette(t *testing.T) {
	r := NewRenderer()
	c := goldenCharts()["line"]
	base := c.Series[0]
	c.Series = nil
	n := len(palette) + 2
	for i := range n {
		s := base
		s.Label = "Series " + strconv.Itoa(i)
		s.Y = slices.Clone(base.Y)
		for j := range s.Y {
			s.Y[j] += float64(i)
		}
		c.Series = append(c.Series, s)
	}
	c.Series[n-1].Color = "#123456"
	svg, err := r.SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	_, paths := parseSVG(t, svg)
	// Each series' strokes, by class: its plot line and its swatch.
	look := map[string]map[[2]string]int{}
	for _, p := range paths {
		if !strings.HasPrefix(p.class, "ts-series ts-series-") || !p.stroke || p.fill {
			continue
		}
		if look[p.class] == nil {
			look[p.class] = map[[2]string]int{}
		}
		look[p.class][[2]string{p.color, p.dash}]++
	}
	seen := map[[2]string]int{}
	for i := range n {
		class := "ts-series ts-series-" + strconv.Itoa(i)
		if len(look[class]) != 1 {
			t.Fatalf("series %d is stroked %v, want one colour and dash for its line and its swatch", i, look[class])
		}
		for st, k := range look[class] {
			if k < 2 {
				t.Errorf("series %d: %d strokes, want its line and its swatch", i, k)
			}
			wantDash := i >= len(palette) && i != n-1
			if (st[1] != "") != wantDash {
				t.Errorf("series %d: dash %q, want dashed %t", i, st[1], wantDash)
			}
			if j, dup := seen[st]; dup {
				t.Errorf("series %d is drawn as series %d is: %v", i, j, st)
			}
			seen[st] = i
		}
	}
	if _, err := r.PNG(c, 2); err != nil {
		t.Fatal(err)
	}
}

// TestLegendLeavesPlot draws a wide chart of ten series whose long labels
// each take a row of the legend, and wants its plot (from the top grid
// line to the baseline, in the parsed SVG) at least 85% as tall as the
// plot of the same chart with two short labels on one row: the drawing
// grows by the rows past two, where it once kept its height and left the
// plot a strip a fifth as tall, its lines piled on one another.
func TestLegendLeavesPlot(t *testing.T) {
	r := NewRenderer()
	plotHeight := func(c Chart) (float64, float64) {
		t.Helper()
		b, err := r.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		texts, paths := parseSVG(t, b)
		top, bottom := math.Inf(1), math.Inf(-1)
		for _, p := range paths {
			if p.class != "ts-grid" && p.class != "ts-axis" {
				continue
			}
			for _, pt := range p.pts {
				top, bottom = min(top, pt[1]), max(bottom, pt[1])
			}
		}
		legend := 0
		for _, tx := range texts {
			if tx.class == "ts-legend" {
				legend++
			}
		}
		return bottom - top, float64(legend)
	}
	few := goldenCharts()["line"]
	many := few
	many.Series = nil
	for i := range 10 {
		s := series(fmt.Sprintf("Series %d: a total return index of one asset class, rebased to 100", i), uint64(i+1), 120, date(2014, 1, 31), "month", 100, 0.05)
		many.Series = append(many.Series, s)
	}
	want, _ := plotHeight(few)
	got, labels := plotHeight(many)
	if labels < 10 {
		t.Fatalf("the premise: %v legend labels, want 10", labels)
	}
	if got < 0.85*want {
		t.Errorf("ten legend rows leave the plot %.0f units tall, under 85%% of the %.0f of a one-row legend", got, want)
	}
}
