package chart

import (
	"image/color"
	"math"
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
