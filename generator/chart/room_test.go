package chart

import (
	"sort"
	"testing"
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
