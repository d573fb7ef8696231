package chart

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/draw"
	"io"
	"math"

	"github.com/golang/freetype/truetype"
	"github.com/klauspost/compress/zlib"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// pngCanvas draws on a raster at a scale: go-chart lays the chart out in
// CSS pixels and pngCanvas multiplies every coordinate, width and font size.
// Text is measured in CSS pixels with the Renderer's cached faces, so the
// layout is the same as the SVG's.
type pngCanvas struct {
	r        *raster
	m        *Renderer
	s        float64
	fontSize float64
}

func (p *pngCanvas) sc(v int) int { return int(math.Round(float64(v) * p.s)) }

// ResetStyle implements gochart.Renderer.
func (p *pngCanvas) ResetStyle() { p.r.ResetStyle(); p.fontSize = 0 }

// GetDPI implements gochart.Renderer.
func (p *pngCanvas) GetDPI() float64 { return p.r.gc.GetDPI() }

// SetDPI implements gochart.Renderer.
func (p *pngCanvas) SetDPI(dpi float64) { p.r.gc.SetDPI(dpi) }

// SetClassName implements gochart.Renderer; PNGs have no classes.
func (p *pngCanvas) SetClassName(string) {}

// SetStrokeColor implements gochart.Renderer.
func (p *pngCanvas) SetStrokeColor(c drawing.Color) { p.r.SetStrokeColor(c) }

// SetFillColor implements gochart.Renderer.
func (p *pngCanvas) SetFillColor(c drawing.Color) { p.r.SetFillColor(c) }

// SetStrokeWidth implements gochart.Renderer.
func (p *pngCanvas) SetStrokeWidth(w float64) { p.r.SetStrokeWidth(w * p.s) }

// SetStrokeDashArray implements gochart.Renderer.
func (p *pngCanvas) SetStrokeDashArray(d []float64) {
	if len(d) == 0 {
		p.r.SetStrokeDashArray(nil)
		return
	}
	scaled := make([]float64, len(d))
	for i, v := range d {
		scaled[i] = v * p.s
	}
	p.r.SetStrokeDashArray(scaled)
}

// MoveTo implements gochart.Renderer.
func (p *pngCanvas) MoveTo(x, y int) { p.r.MoveTo(p.sc(x), p.sc(y)) }

// LineTo implements gochart.Renderer.
func (p *pngCanvas) LineTo(x, y int) { p.r.LineTo(p.sc(x), p.sc(y)) }

// QuadCurveTo implements gochart.Renderer.
func (p *pngCanvas) QuadCurveTo(cx, cy, x, y int) {
	p.r.QuadCurveTo(p.sc(cx), p.sc(cy), p.sc(x), p.sc(y))
}

// ArcTo implements gochart.Renderer.
func (p *pngCanvas) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	p.r.ArcTo(p.sc(cx), p.sc(cy), rx*p.s, ry*p.s, startAngle, delta)
}

// Close implements gochart.Renderer.
func (p *pngCanvas) Close() { p.r.Close() }

// Stroke implements gochart.Renderer.
func (p *pngCanvas) Stroke() { p.r.Stroke() }

// Fill implements gochart.Renderer.
func (p *pngCanvas) Fill() { p.r.Fill() }

// FillStroke implements gochart.Renderer.
func (p *pngCanvas) FillStroke() { p.r.FillStroke() }

// Circle implements gochart.Renderer.
func (p *pngCanvas) Circle(radius float64, x, y int) { p.r.Circle(radius*p.s, p.sc(x), p.sc(y)) }

// SetFont implements gochart.Renderer; the Renderer's font is always used.
func (p *pngCanvas) SetFont(*truetype.Font) {}

// SetFontColor implements gochart.Renderer.
func (p *pngCanvas) SetFontColor(c drawing.Color) { p.r.SetFontColor(c) }

// SetFontSize implements gochart.Renderer: text is drawn at the size it
// is measured at, times the scale (anchoredText).
func (p *pngCanvas) SetFontSize(size float64) { p.fontSize = size }

// Text implements gochart.Renderer.
func (p *pngCanvas) Text(body string, x, y int) { p.anchoredText(body, x, y, anchorStart) }

func (p *pngCanvas) anchoredText(body string, x, y, anchor int) {
	if body == "" {
		return
	}
	// Measure at device size so that aligned text lines up exactly.
	w := float64(p.m.measure(body, p.fontSize*p.s))
	fx := float64(x) * p.s
	switch anchor {
	case anchorMiddle:
		fx -= w / 2
	case anchorEnd:
		fx -= w
	}
	p.r.Text(p.m.face(p.fontSize*p.s), body, int(math.Round(fx)), p.sc(y))
}

// MeasureText implements gochart.Renderer.
func (p *pngCanvas) MeasureText(body string) gochart.Box {
	return gochart.Box{Right: p.m.measure(body, p.fontSize), Bottom: int(math.Round(p.fontSize))}
}

// SetTextRotation implements gochart.Renderer; this package never rotates
// text.
func (p *pngCanvas) SetTextRotation(float64) {}

// ClearTextRotation implements gochart.Renderer.
func (p *pngCanvas) ClearTextRotation() {}

// Save implements gochart.Renderer; the Renderer takes the image from the
// raster.
func (p *pngCanvas) Save(io.Writer) error { return nil }

// raster draws on an image as go-chart's raster renderer does, call for
// call, with two differences that leave every pixel as it was: the image
// is ours, filled white before drawing (go-chart's background, a white
// rectangle over the whole image, is then transparent), and fills and
// strokes in a transparent colour, which would change no pixel (the
// background and go-chart's canvas box), are not rasterized at all; and
// one that moves a glyph's edge by a shade: text is drawn from cached
// glyph masks (Text).
type raster struct {
	img *image.RGBA
	gc  *drawing.RasterGraphicContext

	fill, stroke, fontColor drawing.Color
	width                   float64
	dash                    []float64

	// run holds the path while it is one polyline (a MoveTo, then LineTos)
	// not yet given to gc, as x, y pairs; inGC says gc's path holds the
	// rest. An opaque, solid polyline is stroked a piece at a time (see
	// Stroke).
	run  []float64
	inGC bool
}

// strokePiece is the most lines of a polyline stroked at once. freetype's
// rasterizer keeps each pixel row's cells in a list it walks on every
// insertion, so stroking a long series at once took time with the square
// of its length (a quarter of a chart's PNG).
const strokePiece = 64

// newRaster returns a raster on a white image of w × h pixels: img, when
// it has that size, or a new one.
func newRaster(img *image.RGBA, w, h int) (*raster, error) {
	if img == nil || img.Rect != image.Rect(0, 0, w, h) {
		img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	gc, err := drawing.NewRasterGraphicContext(img)
	if err != nil {
		return nil, err
	}
	return &raster{img: img, gc: gc}, nil
}

// ResetStyle resets what go-chart's ResetStyle resets: all but the font.
func (r *raster) ResetStyle() {
	*r = raster{img: r.img, gc: r.gc, run: r.run, inGC: r.inGC} // the path stays, as in go-chart
	r.gc.SetMatrixTransform(drawing.NewIdentityMatrix())
}

func (r *raster) SetStrokeColor(c drawing.Color) { r.stroke = c }
func (r *raster) SetFillColor(c drawing.Color)   { r.fill = c }
func (r *raster) SetStrokeWidth(w float64)       { r.width = w }
func (r *raster) SetStrokeDashArray(d []float64) { r.dash = d }
func (r *raster) SetFontColor(c drawing.Color)   { r.fontColor = c }

// MoveTo starts a polyline, kept in run.
func (r *raster) MoveTo(x, y int) {
	r.flush()
	r.run = append(r.run, float64(x), float64(y))
}

// LineTo adds a line to the polyline, or to gc's path when there is none.
func (r *raster) LineTo(x, y int) {
	if len(r.run) == 0 {
		r.inGC = true
		r.gc.LineTo(float64(x), float64(y))
		return
	}
	r.run = append(r.run, float64(x), float64(y))
}

func (r *raster) QuadCurveTo(cx, cy, x, y int) {
	r.flush()
	r.inGC = true
	r.gc.QuadCurveTo(float64(cx), float64(cy), float64(x), float64(y))
}
func (r *raster) Close() { r.flush(); r.inGC = true; r.gc.Close() }
func (r *raster) ArcTo(cx, cy int, rx, ry, a, d float64) {
	r.flush()
	r.inGC = true
	r.gc.ArcTo(float64(cx), float64(cy), rx, ry, a, d)
}

// flush gives the polyline in run to gc's path.
func (r *raster) flush() {
	if len(r.run) == 0 {
		return
	}
	r.gc.MoveTo(r.run[0], r.run[1])
	for i := 2; i < len(r.run); i += 2 {
		r.gc.LineTo(r.run[i], r.run[i+1])
	}
	r.run, r.inGC = r.run[:0], true
}

// clear empties the path.
func (r *raster) clear() {
	r.gc.BeginPath()
	r.run, r.inGC = r.run[:0], false
}

// Stroke strokes the path, unless its colour is transparent.
//
// A path that is one long polyline in an opaque colour without dashes is
// stroked strokePiece lines at a time, each piece beginning with the last
// two lines of the piece before, so that every point where two lines meet
// is inside a piece with the lines on either side (go-chart's stroker
// draws no joins: with one line of overlap, a steep line still lost a
// shade along its start, TestStrokeInPieces). A pixel inside the line is
// its colour either way; one on the edge of a line drawn twice may be a
// shade darker.
func (r *raster) Stroke() {
	if r.stroke.A == 0 {
		r.clear()
		return
	}
	r.gc.SetStrokeColor(r.stroke)
	r.gc.SetLineWidth(r.width)
	r.gc.SetLineDash(r.dash, 0)
	if n := len(r.run) / 2; !r.inGC && r.stroke.A == 255 && len(r.dash) == 0 && n > strokePiece+1 {
		for i := 0; ; i += strokePiece - 2 {
			end := min(i+strokePiece, n-1)
			r.gc.MoveTo(r.run[2*i], r.run[2*i+1])
			for j := i + 1; j <= end; j++ {
				r.gc.LineTo(r.run[2*j], r.run[2*j+1])
			}
			r.gc.Stroke()
			if end == n-1 {
				break
			}
		}
		r.run = r.run[:0]
		return
	}
	r.flush()
	r.gc.Stroke()
	r.inGC = false
}

// Fill fills the path, unless its colour is transparent.
//
// A path that is one long polygon is filled a slab of fillSlab pixel
// columns at a time, each slab's part of it cut out at whole pixels
// (slab). As for a stroke, freetype's rasterizer took time with the square
// of the cells in a pixel row, and an area of daily noise crosses every
// row thousands of times: a second a PNG. Every pixel is in one slab, so
// it is covered once, by the same area as before, whatever the fill's
// alpha; only the points where an edge crosses a slab's side are rounded
// anew (to 1/256 of a pixel).
func (r *raster) Fill() {
	if r.fill.A == 0 {
		r.clear()
		return
	}
	r.gc.SetFillColor(r.fill)
	if n := len(r.run) / 2; !r.inGC && n > strokePiece+1 {
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := 0; i < len(r.run); i += 2 {
			lo, hi = min(lo, r.run[i]), max(hi, r.run[i])
		}
		var part []float64
		for a := math.Floor(lo/fillSlab) * fillSlab; a < hi; a += fillSlab {
			part = slab(part[:0], r.run, a, a+fillSlab)
			if len(part) < 6 {
				continue
			}
			r.gc.MoveTo(part[0], part[1])
			for i := 2; i < len(part); i += 2 {
				r.gc.LineTo(part[i], part[i+1])
			}
			r.gc.Close()
			r.gc.Fill()
		}
		r.run = r.run[:0]
		return
	}
	r.flush()
	r.gc.Fill()
	r.inGC = false
}

// fillSlab is how many pixel columns wide a slab of a long polygon's fill
// is (see Fill).
const fillSlab = 32

// slab appends to dst the part of the closed polygon ring (x, y pairs)
// between x = a and x = b, clipping against each side in turn
// (Sutherland–Hodgman). Where the polygon is not convex the part may run
// along a side and back; those edges cancel when filled.
func slab(dst, ring []float64, a, b float64) []float64 {
	tmp := clipX(nil, ring, a, 1)
	return clipX(dst, tmp, b, -1)
}

// clipX appends to dst the ring's part on the side of x = at that dir
// points to (1: x ≥ at, -1: x ≤ at).
func clipX(dst, ring []float64, at, dir float64) []float64 {
	n := len(ring) / 2
	if n == 0 {
		return dst
	}
	in := func(x float64) bool { return (x-at)*dir >= 0 }
	px, py := ring[2*(n-1)], ring[2*(n-1)+1]
	for i := 0; i < n; i++ {
		x, y := ring[2*i], ring[2*i+1]
		if in(x) != in(px) {
			dst = append(dst, at, py+(y-py)*(at-px)/(x-px))
		}
		if in(x) {
			dst = append(dst, x, y)
		}
		px, py = x, y
	}
	return dst
}

// FillStroke fills and strokes the path; a transparent half is left out
// (go-chart paints the fill, then the stroke, of the same path).
func (r *raster) FillStroke() {
	switch {
	case r.stroke.A == 0:
		r.Fill()
	case r.fill.A == 0:
		r.Stroke()
	default:
		r.flush()
		r.gc.SetFillColor(r.fill)
		r.gc.SetStrokeColor(r.stroke)
		r.gc.SetLineWidth(r.width)
		r.gc.SetLineDash(r.dash, 0)
		r.gc.FillStroke()
		r.inGC = false
	}
}

// Circle adds a circle to the path, drawn as go-chart draws it.
func (r *raster) Circle(radius float64, x, y int) {
	r.flush()
	r.inGC = true
	xf, yf := float64(x), float64(y)
	r.gc.MoveTo(xf-radius, yf)
	r.gc.QuadCurveTo(xf-radius, yf-radius, xf, yf-radius)
	r.gc.QuadCurveTo(xf+radius, yf-radius, xf+radius, yf)
	r.gc.QuadCurveTo(xf+radius, yf+radius, xf, yf+radius)
	r.gc.QuadCurveTo(xf-radius, yf+radius, xf-radius, yf)
}

// Text draws body in face with its baseline starting at x, y. The face
// keeps each glyph's mask once drawn (truetype's glyph cache): filling
// every letter's outline as a path, as go-chart does, took a quarter of
// a chart's PNG. A path left unfilled is filled in the text's colour
// first, as go-chart's Fill of the text's path with it would.
func (r *raster) Text(face font.Face, body string, x, y int) {
	r.flush()
	if r.inGC {
		r.gc.SetFillColor(r.fontColor)
		r.gc.Fill()
		r.inGC = false
	}
	d := font.Drawer{Dst: r.img, Src: image.NewUniform(r.fontColor), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(body)
}

// encodePNG encodes img, which the raster leaves opaque, as an 8-bit RGB
// PNG. image/png picks a filter for every row by trying all five, which
// took half the time of a chart's PNG; a chart, mostly flat colour with
// rows that repeat, compresses better unfiltered at zlib's fastest level
// (10% smaller over the golden charts, in half the time; the Up filter
// made them 13% larger and 25% slower). The zlib stream is
// klauspost/compress's, whose fastest level took a quarter less time
// than the standard library's (BenchmarkPNG 8.0 to 6.0 ms, PNG2x 20.0 to
// 15.2 ms) for files 7% larger, pixels the same. Alpha is not written:
// the raster fills the image opaque white and only ever draws over it
// (TestPNGEncoding compares every golden chart's pixels, alpha and all,
// with the file's), so the scan for a translucent pixel, a tenth of
// the encoding, is not made.
func encodePNG(img *image.RGBA) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var idat bytes.Buffer
	idat.Grow(w * h / 4)
	zw, err := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	if err != nil {
		return nil, err
	}
	row := make([]byte, 1+3*w) // filter type 0 (none), then RGB
	for y := b.Min.Y; y < b.Max.Y; y++ {
		pix := img.Pix[img.PixOffset(b.Min.X, y):]
		for x, o := 0, 1; x < w; x, o = x+1, o+3 {
			p := pix[4*x : 4*x+3 : 4*x+3]
			row[o], row[o+1], row[o+2] = p[0], p[1], p[2]
		}
		if _, err := zw.Write(row); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	out := make([]byte, 0, 8+3*12+13+idat.Len())
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour; compression, filter and interlace 0
	out = appendChunk(out, "IHDR", ihdr[:])
	out = appendChunk(out, "IDAT", idat.Bytes())
	return appendChunk(out, "IEND", nil), nil
}

// appendChunk appends a PNG chunk: length, type, data and CRC.
func appendChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(append(b, typ...), data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}
