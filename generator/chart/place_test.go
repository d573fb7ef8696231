package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// svgText is a <text> element of a rendered SVG.
type svgText struct {
	class, anchor, body string
	x, y, size          float64
}

// svgPath is a <path> element: its class, whether it is filled, and its
// points (M and L commands; Z closes it).
type svgPath struct {
	class        string
	fill, stroke bool
	width        float64
	pts          [][2]float64
	closed       bool
	d            string // the path data as written
	color, dash  string // its stroke and stroke-dasharray attributes
}

// parseSVG reads the texts and paths of an SVG as XML.
func parseSVG(t *testing.T, b []byte) (texts []svgText, paths []svgPath) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var cur *svgText
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			a := map[string]string{}
			for _, at := range el.Attr {
				a[at.Name.Local] = at.Value
			}
			num := func(k string) float64 { v, _ := strconv.ParseFloat(a[k], 64); return v }
			switch el.Name.Local {
			case "text":
				cur = &svgText{class: a["class"], anchor: a["text-anchor"], x: num("x"), y: num("y"), size: num("font-size")}
			case "path":
				p := svgPath{class: a["class"], fill: a["fill"] != "none" && a["fill"] != "", stroke: a["stroke"] != "", width: 1, d: a["d"],
					color: a["stroke"], dash: a["stroke-dasharray"]}
				if a["stroke-width"] != "" {
					p.width = num("stroke-width")
				}
				f := strings.FieldsFunc(a["d"], func(r rune) bool { return r == ' ' || r == 'M' || r == 'L' || r == 'Z' })
				for i := 0; i+1 < len(f); i += 2 {
					x, _ := strconv.ParseFloat(f[i], 64)
					y, _ := strconv.ParseFloat(f[i+1], 64)
					p.pts = append(p.pts, [2]float64{x, y})
				}
				p.closed = strings.Contains(a["d"], "Z")
				paths = append(paths, p)
			}
		case xml.CharData:
			if cur != nil {
				cur.body += string(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" && cur != nil {
				texts = append(texts, *cur)
				cur = nil
			}
		}
	}
	return texts, paths
}

// box is the box of a text, measured with the renderer's font.
func (tx svgText) box(r *Renderer) [4]float64 {
	w := float64(r.measure(tx.body, tx.size))
	x0 := tx.x
	switch tx.anchor {
	case "middle":
		x0 -= w / 2
	case "end":
		x0 -= w
	}
	return [4]float64{x0, tx.y - tx.size*0.75, x0 + w, tx.y + tx.size*0.2}
}

// crosses reports whether the polyline pts, drawn pad wide on each side,
// passes through the box b.
func crosses(pts [][2]float64, pad float64, b [4]float64) bool {
	x0, y0, x1, y1 := b[0]-pad, b[1]-pad, b[2]+pad, b[3]+pad
	for i := 1; i < len(pts); i++ {
		p, q := pts[i-1], pts[i]
		if p[0] > q[0] {
			p, q = q, p
		}
		if q[0] < x0 || p[0] > x1 {
			continue
		}
		ya, yb := p[1], q[1]
		if q[0] != p[0] {
			at := func(x float64) float64 { return p[1] + (x-p[0])*(q[1]-p[1])/(q[0]-p[0]) }
			ya, yb = at(math.Max(p[0], x0)), at(math.Min(q[0], x1))
		}
		if math.Min(ya, yb) <= y1 && math.Max(ya, yb) >= y0 {
			return true
		}
	}
	return false
}

// inFill reports whether the box b lies partly inside a closed area path
// that is filled down (or up) to a flat base: at some column of b the area
// spans part of b's height.
func inFill(p svgPath, b [4]float64) bool {
	if !p.closed || len(p.pts) < 3 {
		return false
	}
	base := p.pts[len(p.pts)-2][1]
	line := p.pts[:len(p.pts)-3]
	for x := b[0]; x <= b[2]; x++ {
		for i := 1; i < len(line); i++ {
			a, c := line[i-1], line[i]
			if x < a[0] || x > c[0] || a[0] == c[0] {
				continue
			}
			y := a[1] + (x-a[0])*(c[1]-a[1])/(c[0]-a[0])
			if math.Min(y, base) < b[3] && math.Max(y, base) > b[1] {
				return true
			}
		}
	}
	return false
}

// TestAnnotationLabelsAvoidSeries draws charts whose series run through
// the usual place of a reference line's label (its right end, just above
// the line) and of a mark's label (the top of the plot), and checks on the
// parsed SVG, wide and narrow, that every label's box is crossed by no
// series line and lies in no area's fill, and that the labels carry a
// halo in the style sheet.
func TestAnnotationLabelsAvoidSeries(t *testing.T) {
	// A drawdown that sits at the −20% line at its right end and near 0
	// (the top of the plot) around the mark.
	n := 240
	xs := make([]time.Time, n)
	ys := make([]float64, n)
	for i := range xs {
		xs[i] = date(2000, 1, 1).AddDate(0, i, 0)
		switch {
		case i < 40:
			ys[i] = -2 - float64(i%5)
		case i < 200:
			ys[i] = -20 - 15*math.Sin(float64(i-40)/160*math.Pi) + float64(i%7)
		default:
			ys[i] = -20 + float64(i%3)
		}
	}
	for i := 100; i < 140; i++ {
		ys[i] = -1 // along the top, where the mark's label would go
	}
	for _, typ := range []string{TypeArea, TypeLine} {
		for _, narrow := range []bool{false, true} {
			c := Chart{Title: "Drawdown", Type: typ, Narrow: narrow, Y: Format{Kind: KindPercent},
				Series: []Series{{Label: "Drawdown", X: xs, Y: ys}},
				Lines:  []HLine{{Value: -20, Label: "−20%"}},
				Marks:  []Mark{{Date: xs[120], Label: "Peak again"}}}
			r := NewRenderer()
			b, err := r.SVG(c)
			if err != nil {
				t.Fatal(err)
			}
			name := typ
			if narrow {
				name += " narrow"
			}
			texts, paths := parseSVG(t, b)
			labels := 0
			for _, tx := range texts {
				if tx.class != "ts-ref-label" && tx.class != "ts-mark-label" {
					continue
				}
				labels++
				bx := tx.box(r)
				for _, p := range paths {
					if !strings.Contains(p.class, "ts-series") {
						continue
					}
					if p.stroke && crosses(p.pts, p.width/2, bx) {
						t.Errorf("%s: label %q at (%g, %g) is crossed by the series line", name, tx.body, tx.x, tx.y)
					}
					if p.fill && inFill(p, bx) {
						t.Errorf("%s: label %q at (%g, %g) lies in the series' fill", name, tx.body, tx.x, tx.y)
					}
				}
			}
			if labels != 2 {
				t.Errorf("%s: %d annotation labels, want 2", name, labels)
			}
			if !bytes.Contains(b, []byte(".ts-chart .ts-ref-label,.ts-chart .ts-mark-label{paint-order:stroke;stroke:var(--ts-halo,#fff)")) {
				t.Errorf("%s: the labels have no halo", name)
			}
		}
	}
}

// TestAxisNamedOnce checks that a label which already names its axis, as
// the example's "CAPE (left)" and "10-year yield (right)" do, is not given
// the axis again: in the legend of the parsed SVG (wide and narrow) and in
// the description. A label that does not name it still gets it.
func TestAxisNamedOnce(t *testing.T) {
	cape := series("CAPE (left)", 1, 60, date(2015, 1, 1), "month", 25, 0.05)
	yield := series("10-year yield (right)", 2, 60, date(2015, 1, 1), "month", 2, 0.1)
	yield.Axis = Right
	plain := series("Real yield", 3, 60, date(2015, 1, 1), "month", 1, 0.1)
	plain.Axis = Right
	inner := series("Spread (%, right)", 4, 60, date(2015, 1, 1), "month", 1, 0.1)
	inner.Axis = Right
	bright := series("Outright)", 5, 60, date(2015, 1, 1), "month", 1, 0.1)
	bright.Axis = Right
	c := Chart{Title: "Valuations and rates", YRight: Format{Kind: KindPercent}, Series: []Series{cape, yield, plain, inner, bright}}
	r := NewRenderer()
	for _, narrow := range []bool{false, true} {
		c.Narrow = narrow
		b, err := r.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		texts, _ := parseSVG(t, b)
		var legend []string
		for _, tx := range texts {
			if tx.class == "ts-legend" {
				legend = append(legend, tx.body)
			}
		}
		want := "CAPE (left)|10-year yield (right)|Real yield (right)|Spread (%, right)|Outright) (right)"
		if got := strings.Join(legend, "|"); got != want {
			t.Errorf("narrow %t: legend %q, want %q", narrow, got, want)
		}
	}
	d := Describe(c)
	for _, s := range []string{"CAPE (left): ", "10-year yield (right): ", "Real yield (right axis): ", "Spread (%, right): ", "Outright) (right axis): "} {
		if !strings.Contains(d, s) {
			t.Errorf("description lacks %q: %s", s, d)
		}
	}
	for _, s := range []string{"(left) (left", "(right) (right"} {
		if strings.Contains(d, s) {
			t.Errorf("description names an axis twice (%q): %s", s, d)
		}
	}
}

// TestTextSize checks, on the parsed SVG of every golden chart and of one
// whose legend's labels are wider than the narrow drawing, that each text
// renders at MinText CSS px or more in the narrowest container its drawing
// is shown in: the wide drawing scaled to NarrowBelow px, the narrow one to
// 300 px (a 360 px phone's column is 320 px); that each lies inside the
// drawing (a label past its edge is cut off); and that the narrow drawing
// is NarrowWidth wide and taller for its width.
func TestTextSize(t *testing.T) {
	r := NewRenderer()
	charts := goldenCharts()
	long := charts["line"]
	long.Series = append([]Series(nil), long.Series...)
	long.Series[0].Label = "Investment-grade bonds composite (synthetic, weekly)"
	long.Series[1].Label = "Small-capitalisation equities composite (synthetic)"
	charts["long-legend"] = long
	for name, c := range charts {
		for _, narrow := range []bool{false, true} {
			c.Narrow = narrow
			b, err := r.SVG(c)
			if err != nil {
				t.Fatal(err)
			}
			var vb [4]float64
			if m := bytes.Index(b, []byte(`viewBox="`)); m >= 0 {
				f := strings.Fields(string(b[m+9 : m+9+bytes.IndexByte(b[m+9:], '"')]))
				for i := range vb {
					vb[i], _ = strconv.ParseFloat(f[i], 64)
				}
			}
			shown := float64(NarrowBelow)
			if narrow {
				shown = 300
				if vb[2] != NarrowWidth || vb[3]/vb[2] <= float64(DefaultHeight)/DefaultWidth {
					t.Errorf("%s narrow: viewBox %v, want %d wide and taller than %d×%d", name, vb, NarrowWidth, DefaultWidth, DefaultHeight)
				}
			}
			texts, _ := parseSVG(t, b)
			for _, tx := range texts {
				if px := tx.size * shown / vb[2]; px < MinText {
					t.Errorf("%s (narrow %t): %q renders at %.2f px in a %g px box", name, narrow, tx.body, px, shown)
				}
				if b := tx.box(r); b[0] < 0 || b[2] > vb[2] {
					t.Errorf("%s (narrow %t): %q spans x %.0f to %.0f, past the drawing's 0 to %g", name, narrow, tx.body, b[0], b[2], vb[2])
				}
			}
		}
	}
}

// TestPlace checks the order of preference of placer.place: a free place
// first, then one over an area's fill only; never one that crosses a line
// (its halo would erase it), nor one that overlaps a label placed before,
// nor one whose halo reaches a line.
func TestPlace(t *testing.T) {
	// A zigzag line over x 0..100 between y 40 and 60, and an area filled
	// from a line at y 80 down to a base at y 100, over x 200..300.
	var zig []pixel
	for x := 0; x <= 100; x += 10 {
		y := 40
		if x%20 == 10 {
			y = 60
		}
		zig = append(zig, pixel{x, y})
	}
	p := &placer{shapes: []shape{
		{pts: zig, pad: 1},
		{pts: []pixel{{200, 80}, {300, 80}}, fill: true, base: 100, pad: 1},
	}}
	many := rect{0, 45, 90, 55}  // crosses nine segments
	few := rect{85, 45, 100, 55} // crosses two
	fill := rect{220, 85, 260, 95}
	free := rect{0, 0, 50, 20}
	if got := p.place([]rect{many, few, fill, free}); got != 3 {
		t.Errorf("with a free place: chose %d, want 3", got)
	}
	if got := p.place([]rect{many, few, fill, free}); got != 2 {
		t.Errorf("the free place taken: chose %d, want 2 (the fill)", got)
	}
	if got := p.place([]rect{many, few}); got != -1 {
		t.Errorf("only lines left: chose %d, want -1 (none: the label would hide the line)", got)
	}
	// The zigzag's lowest points are at y 60, its stroke 1 unit wider.
	near := rect{0, 60 + 1 + haloPad, 20, 70} // its halo reaches the stroke
	if got := p.place([]rect{near}); got != -1 {
		t.Errorf("a place whose halo touches the line: chose %d, want -1", got)
	}
	if got := p.place([]rect{{0, 60 + 1 + haloPad + 1, 20, 70}}); got != 0 {
		t.Errorf("a place just clear of the line and its halo: chose %d, want 0", got)
	}
	if got := p.place([]rect{few, fill, free}); got != -1 {
		t.Errorf("every place taken: chose %d, want -1 (none: the label must not cover another)", got)
	}
}
