package chart

import (
	"image"
	"io"
	"math"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// pngCanvas draws on go-chart's raster renderer at a scale: go-chart lays
// the chart out in CSS pixels and pngCanvas multiplies every coordinate,
// width and font size. Text is measured in CSS pixels with the Renderer's
// cached faces, so the layout is the same as the SVG's.
type pngCanvas struct {
	r        gochart.Renderer
	m        *Renderer
	s        float64
	fontSize float64
}

func (p *pngCanvas) sc(v int) int { return int(math.Round(float64(v) * p.s)) }

// ResetStyle implements gochart.Renderer.
func (p *pngCanvas) ResetStyle() { p.r.ResetStyle(); p.fontSize = 0; p.r.SetFont(p.m.font) }

// GetDPI implements gochart.Renderer.
func (p *pngCanvas) GetDPI() float64 { return p.r.GetDPI() }

// SetDPI implements gochart.Renderer.
func (p *pngCanvas) SetDPI(dpi float64) { p.r.SetDPI(dpi) }

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
func (p *pngCanvas) SetFont(*truetype.Font) { p.r.SetFont(p.m.font) }

// SetFontColor implements gochart.Renderer.
func (p *pngCanvas) SetFontColor(c drawing.Color) { p.r.SetFontColor(c) }

// SetFontSize implements gochart.Renderer. go-chart's raster context
// scales glyphs by size×DPI/64 (not /72), so the size it is given is
// corrected to draw text exactly as wide as it was measured.
func (p *pngCanvas) SetFontSize(size float64) {
	p.fontSize = size
	p.r.SetFontSize(size * p.s * 64 / 72)
}

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
	p.r.Text(body, int(math.Round(fx)), p.sc(y))
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

// Save implements gochart.Renderer.
func (p *pngCanvas) Save(w io.Writer) error { return p.r.Save(w) }

// rgbaCollector receives the raster image from go-chart instead of its PNG
// encoding, so that the Renderer can encode with its own settings.
type rgbaCollector struct{ img *image.RGBA }

// Write implements io.Writer; go-chart never writes to a collector.
func (c *rgbaCollector) Write(b []byte) (int, error) { return len(b), nil }

// SetRGBA implements gochart.RGBACollector.
func (c *rgbaCollector) SetRGBA(i *image.RGBA) { c.img = i }
