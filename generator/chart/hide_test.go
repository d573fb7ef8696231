package chart

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// haloWidth reads the width of the labels' halo (the stroke painted under
// their text) from the style sheet of an SVG.
func haloWidth(t *testing.T, b []byte) float64 {
	t.Helper()
	m := regexp.MustCompile(`\.ts-mark-label\{paint-order:stroke;[^}]*stroke-width:([0-9.]+)px`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no halo width in the style sheet")
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	return w
}

// squareWave is 20 years of monthly values that jump between level-amp
// and level+amp every half months: a line that crosses the level from
// one side of the plot to the other, at least once in any stretch wider
// than half months.
func squareWave(level, amp float64, half int) Series {
	n := 240
	s := Series{Label: "Index", X: make([]time.Time, n), Y: make([]float64, n)}
	for i := range n {
		s.X[i] = date(2000, 1, 1).AddDate(0, i, 0)
		s.Y[i] = level - amp
		if i/half%2 == 1 {
			s.Y[i] = level + amp
		}
	}
	return s
}

// TestLabelsNeverHideSeries draws charts whose series pass through every
// default place of a reference line's label (above and below the line,
// all along it) and of a mark's label (beside it in every row), wide and
// narrow, as line and area charts, and checks on the parsed SVG that no
// label or number drawn in the plot has its box, grown by the halo's
// width read from the style sheet, crossed by a series' line: the halo,
// painted in the page's colour, would erase the data there. Every label
// must still be drawn or listed in the key. On the square wave, which
// leaves room between its jumps for a number but not for a label, each
// label must still be marked in the plot (by its number), not only in
// the key; on noise that jumps across the whole plot at every point,
// where nothing fits, the key lists them.
func TestLabelsNeverHideSeries(t *testing.T) {
	noise := squareWave(50, 50, 1)
	for _, tc := range []struct {
		name   string
		s      Series
		marked bool // every label must be drawn in the plot, as text or number
	}{
		{"square wave", squareWave(50, 50, 18), true},
		{"noise", noise, false},
	} {
		for _, typ := range []string{TypeLine, TypeArea} {
			for _, narrow := range []bool{false, true} {
				name := tc.name + " " + typ
				if narrow {
					name += " narrow"
				}
				c := Chart{Title: "Hidden", Type: typ, Narrow: narrow, Series: []Series{tc.s},
					Lines: []HLine{{Value: 50, Label: "Long-run median of the index"}},
					Marks: []Mark{{Date: date(2009, 3, 1), Label: "The low of March 2009"}}}
				r := NewRenderer()
				b, err := r.SVG(c)
				if err != nil {
					t.Fatal(err)
				}
				halo := haloWidth(t, b) / 2
				texts, paths := parseSVG(t, b)
				var keys []string
				marked := 0
				for _, tx := range texts {
					if tx.class == "ts-key" {
						keys = append(keys, tx.body)
					}
					if tx.class != "ts-ref-label" && tx.class != "ts-mark-label" {
						continue
					}
					marked++
					bx := tx.box(r)
					bx = [4]float64{bx[0] - halo, bx[1] - halo, bx[2] + halo, bx[3] + halo}
					for _, p := range paths {
						if strings.Contains(p.class, "ts-series") && p.stroke && crosses(p.pts, p.width/2, bx) {
							t.Errorf("%s: %q at (%g, %g), with its halo %v, is crossed by the series' line", name, tx.body, tx.x, tx.y, bx)
						}
					}
				}
				key := strings.Join(keys, "\n")
				for _, l := range []string{c.Lines[0].Label, c.Marks[0].Label} {
					drawn := false
					for _, tx := range texts {
						drawn = drawn || tx.body == l && tx.class != "ts-key"
					}
					if !drawn && !strings.Contains(key, l) {
						t.Errorf("%s: %q is neither drawn nor in the key %q", name, l, key)
					}
				}
				if tc.marked && marked != 2 {
					t.Errorf("%s: %d labels or numbers in the plot, want 2 (key %q)", name, marked, key)
				}
			}
		}
	}
}
