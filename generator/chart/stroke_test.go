package chart

import (
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// TestStrokeInPieces: a long polyline, which the raster strokes a piece at
// a time, looks as it does stroked at once by go-chart's context: no pixel
// of the line is lighter (no notch where two pieces meet), and an edge
// pixel is at most a quarter darker. A zigzag of steep lines is the worst
// case, as each line leaves its own end at an angle.
func TestStrokeInPieces(t *testing.T) {
	const w, h = 600, 200
	var xs, ys []int
	for i := 0; i < 4*strokePiece+7; i++ {
		xs = append(xs, 10+i*580/(4*strokePiece+7))
		ys = append(ys, 100+int(80*math.Sin(float64(i)*1.3)))
	}
	blue := drawing.Color{R: 0, G: 114, B: 178, A: 255}

	pieces, err := newRaster(nil, w, h)
	if err != nil {
		t.Fatal(err)
	}
	pieces.SetStrokeColor(blue)
	pieces.SetStrokeWidth(4)
	pieces.MoveTo(xs[0], ys[0])
	for i := 1; i < len(xs); i++ {
		pieces.LineTo(xs[i], ys[i])
	}
	pieces.Stroke()

	whole, err := newRaster(nil, w, h)
	if err != nil {
		t.Fatal(err)
	}
	whole.gc.SetStrokeColor(blue)
	whole.gc.SetLineWidth(4)
	whole.gc.MoveTo(float64(xs[0]), float64(ys[0]))
	for i := 1; i < len(xs); i++ {
		whole.gc.LineTo(float64(xs[i]), float64(ys[i]))
	}
	whole.gc.Stroke()

	// lightness is how far a pixel is from the line's colour, in red (0
	// for the line, 255 for white).
	lightness := func(c color.RGBA) int { return int(c.R) - int(blue.R) }
	differ, lighter, worst := 0, 0, 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a, b := whole.img.RGBAAt(x, y), pieces.img.RGBAAt(x, y)
			if a == b {
				continue
			}
			differ++
			if lightness(b) > lightness(a) {
				lighter++
			}
			worst = max(worst, lightness(a)-lightness(b))
		}
	}
	if differ == 0 {
		t.Fatalf("%d lines stroked in pieces are the same pixels as at once: the polyline was not cut (strokePiece %d)", len(xs)-1, strokePiece)
	}
	if lighter > 0 || worst > 64 {
		t.Errorf("stroked in pieces: %d pixels differ, %d lighter than stroked at once (a notch), the darkest by %d of 255 (want none lighter, at most 64 darker)", differ, lighter, worst)
	}
}

// TestFillInSlabs: a long polygon, which the raster fills a slab of pixel
// columns at a time, covers the same pixels by the same amount as filled
// at once by go-chart's context, for a translucent fill (where a pixel
// covered twice would show): an area of noise, the band between two such
// lines (a stacked area: its lower edge runs back), and a comb whose
// teeth stand on slab sides.
func TestFillInSlabs(t *testing.T) {
	const w, h = 700, 300
	rng := rand.New(rand.NewPCG(3, 4))
	var noise, band, comb []int
	for x := 5; x < 690; x++ {
		noise = append(noise, x, 150+int(100*rng.NormFloat64()/3))
	}
	noise = append(noise, 689, 290, 5, 290)
	for x := 5; x < 690; x += 2 {
		band = append(band, x, 100+int(60*math.Sin(float64(x)/7)))
	}
	for x := 689; x >= 5; x -= 3 {
		band = append(band, x, 200+int(60*math.Cos(float64(x)/5)))
	}
	for x := 0; x <= 640; x += fillSlab / 2 {
		comb = append(comb, x+31, 280, x+31, 20, x+33, 20, x+33, 280)
	}
	fill := drawing.Color{R: 0, G: 114, B: 178, A: 46}
	for name, pts := range map[string][]int{"noise": noise, "band": band, "comb": comb} {
		slabs, err := newRaster(nil, w, h)
		if err != nil {
			t.Fatal(err)
		}
		slabs.SetFillColor(fill)
		slabs.MoveTo(pts[0], pts[1])
		for i := 2; i < len(pts); i += 2 {
			slabs.LineTo(pts[i], pts[i+1])
		}
		slabs.Fill()

		whole, err := newRaster(nil, w, h)
		if err != nil {
			t.Fatal(err)
		}
		whole.gc.SetFillColor(fill)
		whole.gc.MoveTo(float64(pts[0]), float64(pts[1]))
		for i := 2; i < len(pts); i += 2 {
			whole.gc.LineTo(float64(pts[i]), float64(pts[i+1]))
		}
		whole.gc.Close()
		whole.gc.Fill()

		differ, worst, filled := 0, 0, 0
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				a, b := whole.img.RGBAAt(x, y), slabs.img.RGBAAt(x, y)
				if a.R != 255 {
					filled++
				}
				if a == b {
					continue
				}
				differ++
				worst = max(worst, abs(int(a.R)-int(b.R)), abs(int(a.G)-int(b.G)), abs(int(a.B)-int(b.B)))
			}
		}
		if filled < w*h/20 {
			t.Fatalf("%s: only %d pixels filled at once", name, filled)
		}
		t.Logf("%s: %d of %d filled pixels differ, by up to %d", name, differ, filled, worst)
		if worst > 2 {
			t.Errorf("%s (%d points) filled in slabs: %d of %d filled pixels differ from filling at once, by up to %d of 255 (want at most 2)", name, len(pts)/2, differ, filled, worst)
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
