package chart

import (
	"crypto/sha256"
	"encoding/base64"
	"hash/fnv"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Text anchors for anchoredText.
const (
	anchorStart = iota
	anchorMiddle
	anchorEnd
)

// canvas is a go-chart renderer that also draws text aligned on a point, so
// that SVG text stays aligned whatever font the browser substitutes.
type canvas interface {
	gochart.Renderer
	anchoredText(body string, x, y, anchor int)
}

// fontFamily is the font stack of SVG text. Layout is measured with Roboto,
// which go-chart embeds; the browser draws with the system font.
const fontFamily = "system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif"

// svgStyle is the style sheet embedded in every SVG. Light colours are
// presentation attributes on the elements; this sheet only switches them for
// dark mode on a screen (paper is white: a page printed from a browser in
// dark mode keeps the light colours), and gives the labels of reference lines and marks a halo: a
// stroke painted under the text in the colour behind the chart, which a
// page sets as the custom property --ts-halo (white, or near black in dark
// mode, by default); placeAnnotations keeps it off the series' lines, as
// it would erase them (haloPad is half its width). Every rule is scoped to
// .ts-chart.
const svgStyle = `.ts-chart .ts-grid,.ts-chart .ts-axis,.ts-chart .ts-zero{shape-rendering:crispEdges}` +
	`.ts-chart .ts-ref-label,.ts-chart .ts-mark-label{paint-order:stroke;stroke:var(--ts-halo,#fff);stroke-width:4px;stroke-linejoin:round}` +
	`@media screen and (prefers-color-scheme:dark){` +
	`.ts-chart .ts-ref-label,.ts-chart .ts-mark-label{stroke:var(--ts-halo,#121212)}` +
	`.ts-chart .ts-label{fill:#b3b3b3}.ts-chart .ts-legend{fill:#e0e0e0}.ts-chart .ts-note{fill:#a0a0a0}` +
	`.ts-chart .ts-grid{stroke:#363636}.ts-chart .ts-axis{stroke:#808080}.ts-chart .ts-zero{stroke:#8c8c8c}` +
	`.ts-chart .ts-ref{stroke:#b8b8b8}.ts-chart .ts-ref-label{fill:#cfcfcf}` +
	`.ts-chart .ts-mark{stroke:#8c8c8c}.ts-chart .ts-mark-label,.ts-chart .ts-key{fill:#b3b3b3}` +
	`.ts-chart .ts-band{fill:#fff;fill-opacity:.12}.ts-chart .ts-total{stroke:#e0e0e0}}`

// StyleHash returns the Content-Security-Policy source of the style sheet
// every SVG embeds ('sha256-…'), so a page's policy can allow exactly that
// <style> element without allowing inline styles in general.
func StyleHash() string {
	sum := sha256.Sum256([]byte(svgStyle))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// svgCanvas is a go-chart Renderer that writes SVG elements: text escaped,
// class names kept, compact integer paths, and text measured with a face
// cached by the Renderer.
type svgCanvas struct {
	m      *Renderer
	w, h   int
	title  string
	desc   string
	narrow bool // the narrow drawing: another class, and ids of its own
	body   []byte
	path   []byte
	drawn  bool // the path has a segment beyond its MoveTo
	lastX  int
	lastY  int
	hasPos bool

	dpi         float64
	class       string
	stroke      drawing.Color
	fill        drawing.Color
	fontColor   drawing.Color
	strokeWidth float64
	dash        []float64
	fontSize    float64
}

func (s *svgCanvas) reset(m *Renderer, w, h int, title, desc string, narrow bool) {
	body, path := s.body[:0], s.path[:0]
	*s = svgCanvas{m: m, w: w, h: h, title: title, desc: desc, narrow: narrow, body: body, path: path, dpi: 72}
}

// ResetStyle implements gochart.Renderer.
func (s *svgCanvas) ResetStyle() {
	s.class, s.dash = "", nil
	s.stroke, s.fill, s.fontColor = drawing.Color{}, drawing.Color{}, drawing.Color{}
	s.strokeWidth, s.fontSize = 0, 0
}

// GetDPI implements gochart.Renderer.
func (s *svgCanvas) GetDPI() float64 { return s.dpi }

// SetDPI implements gochart.Renderer.
func (s *svgCanvas) SetDPI(dpi float64) { s.dpi = dpi }

// SetClassName implements gochart.Renderer.
func (s *svgCanvas) SetClassName(c string) { s.class = c }

// SetStrokeColor implements gochart.Renderer.
func (s *svgCanvas) SetStrokeColor(c drawing.Color) { s.stroke = c }

// SetFillColor implements gochart.Renderer.
func (s *svgCanvas) SetFillColor(c drawing.Color) { s.fill = c }

// SetStrokeWidth implements gochart.Renderer.
func (s *svgCanvas) SetStrokeWidth(w float64) { s.strokeWidth = w }

// SetStrokeDashArray implements gochart.Renderer.
func (s *svgCanvas) SetStrokeDashArray(d []float64) { s.dash = d }

// MoveTo implements gochart.Renderer.
func (s *svgCanvas) MoveTo(x, y int) {
	s.path = append(s.path, 'M')
	s.path = appendXY(s.path, x, y)
	s.lastX, s.lastY, s.hasPos = x, y, true
}

// LineTo implements gochart.Renderer.
func (s *svgCanvas) LineTo(x, y int) {
	if s.hasPos && x == s.lastX && y == s.lastY {
		return
	}
	s.path = append(s.path, 'L')
	s.path = appendXY(s.path, x, y)
	s.lastX, s.lastY, s.hasPos, s.drawn = x, y, true, true
}

// rect adds the rectangle x0..x1, y0..y1 to the path with horizontal and
// vertical segments; an empty one adds nothing.
func (s *svgCanvas) rect(x0, x1, y0, y1 int) {
	if x0 == x1 || y0 == y1 {
		return
	}
	p := append(s.path, 'M')
	p = appendXY(p, x0, y0)
	p = append(p, 'H')
	p = appendInt(p, x1)
	p = append(p, 'V')
	p = appendInt(p, y1)
	p = append(p, 'H')
	p = appendInt(p, x0)
	s.path = append(p, 'Z')
	s.hasPos, s.drawn = false, true
}

// QuadCurveTo implements gochart.Renderer.
func (s *svgCanvas) QuadCurveTo(cx, cy, x, y int) {
	s.path = append(s.path, 'Q')
	s.path = appendXY(s.path, cx, cy)
	s.path = append(s.path, ' ')
	s.path = appendXY(s.path, x, y)
	s.lastX, s.lastY, s.hasPos, s.drawn = x, y, true, true
}

// ArcTo implements gochart.Renderer; it draws the arc as a line to its end,
// which is enough for the shapes this package draws (none use arcs).
func (s *svgCanvas) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	end := startAngle + delta
	s.LineTo(cx+int(math.Round(rx*math.Cos(end))), cy+int(math.Round(ry*math.Sin(end))))
}

// Close implements gochart.Renderer.
func (s *svgCanvas) Close() {
	s.path = append(s.path, 'Z')
	s.hasPos = false
}

// Stroke implements gochart.Renderer.
func (s *svgCanvas) Stroke() { s.drawPath(false, true) }

// Fill implements gochart.Renderer.
func (s *svgCanvas) Fill() { s.drawPath(true, false) }

// FillStroke implements gochart.Renderer.
func (s *svgCanvas) FillStroke() { s.drawPath(true, true) }

func (s *svgCanvas) drawPath(fill, stroke bool) {
	fill = fill && s.fill.A > 0
	stroke = stroke && s.stroke.A > 0 && s.strokeWidth > 0
	if s.drawn && (fill || stroke) {
		b := append(s.body, "<path"...)
		b = s.appendClass(b)
		b = append(b, ` d="`...)
		b = append(b, s.path...)
		b = append(b, '"')
		b = s.appendPaint(b, fill, stroke)
		s.body = append(b, "/>"...)
	}
	s.path = s.path[:0]
	s.drawn, s.hasPos = false, false
}

// Circle implements gochart.Renderer. It writes the circle at once, with the
// current fill and stroke; go-chart's FillStroke after it finds no path.
func (s *svgCanvas) Circle(radius float64, x, y int) {
	fill := s.fill.A > 0
	stroke := s.stroke.A > 0 && s.strokeWidth > 0
	if !fill && !stroke {
		return
	}
	b := append(s.body, "<circle"...)
	b = s.appendClass(b)
	b = append(b, ` cx="`...)
	b = strconv.AppendInt(b, int64(x), 10)
	b = append(b, `" cy="`...)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, `" r="`...)
	b = appendFloat(b, radius)
	b = append(b, '"')
	b = s.appendPaint(b, fill, stroke)
	s.body = append(b, "/>"...)
}

// SetFont implements gochart.Renderer; text is always measured with the
// Renderer's font.
func (s *svgCanvas) SetFont(*truetype.Font) {}

// SetFontColor implements gochart.Renderer.
func (s *svgCanvas) SetFontColor(c drawing.Color) { s.fontColor = c }

// SetFontSize implements gochart.Renderer.
func (s *svgCanvas) SetFontSize(size float64) { s.fontSize = size }

// Text implements gochart.Renderer.
func (s *svgCanvas) Text(body string, x, y int) { s.anchoredText(body, x, y, anchorStart) }

func (s *svgCanvas) anchoredText(body string, x, y, anchor int) {
	if body == "" {
		return
	}
	b := append(s.body, "<text"...)
	b = s.appendClass(b)
	b = append(b, ` x="`...)
	b = strconv.AppendInt(b, int64(x), 10)
	b = append(b, `" y="`...)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '"')
	switch anchor {
	case anchorMiddle:
		b = append(b, ` text-anchor="middle"`...)
	case anchorEnd:
		b = append(b, ` text-anchor="end"`...)
	}
	if s.fontSize > 0 {
		b = append(b, ` font-size="`...)
		b = appendFloat(b, s.fontSize*s.dpi/72)
		b = append(b, '"')
	}
	if s.fontColor.A > 0 {
		b = appendColor(b, "fill", s.fontColor)
	}
	b = append(b, '>')
	b = appendEscaped(b, body)
	s.body = append(b, "</text>"...)
}

// MeasureText implements gochart.Renderer with a face cached per size.
func (s *svgCanvas) MeasureText(body string) gochart.Box {
	return gochart.Box{Right: s.m.measure(body, s.fontSize*s.dpi/72), Bottom: int(math.Round(s.fontSize * s.dpi / 72))}
}

// SetTextRotation implements gochart.Renderer; this package never rotates
// text.
func (s *svgCanvas) SetTextRotation(float64) {}

// ClearTextRotation implements gochart.Renderer.
func (s *svgCanvas) ClearTextRotation() {}

// Save implements gochart.Renderer: it writes the whole document.
func (s *svgCanvas) Save(w io.Writer) error {
	h := fnv.New64a()
	io.WriteString(h, s.title)
	io.WriteString(h, "\x00")
	io.WriteString(h, s.desc)
	id := "ts-" + strconv.FormatUint(h.Sum64()&0xffffffffff, 36)
	class := "ts-chart ts-chart--wide"
	if s.narrow {
		id += "-n"
		class = "ts-chart ts-chart--narrow"
	}

	var b strings.Builder
	b.Grow(len(s.body) + len(s.desc) + len(svgStyle) + 512)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="` + class + `" viewBox="0 0 `)
	b.WriteString(strconv.Itoa(s.w))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(s.h))
	b.WriteString(`" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="`)
	b.WriteString(id + "-title " + id + "-desc")
	b.WriteString(`" font-family="` + fontFamily + `" data-version="` + Version + `">`)
	b.WriteString(`<title id="` + id + `-title">`)
	b.Write(appendEscaped(nil, s.title))
	b.WriteString(`</title><desc id="` + id + `-desc">`)
	b.Write(appendEscaped(nil, s.desc))
	b.WriteString(`</desc><style>` + svgStyle + `</style>`)
	b.Write(s.body)
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func (s *svgCanvas) appendClass(b []byte) []byte {
	if s.class == "" {
		return b
	}
	b = append(b, ` class="`...)
	b = appendEscaped(b, s.class)
	return append(b, '"')
}

func (s *svgCanvas) appendPaint(b []byte, fill, stroke bool) []byte {
	if fill {
		b = appendColor(b, "fill", s.fill)
	} else {
		b = append(b, ` fill="none"`...)
	}
	if stroke {
		b = appendColor(b, "stroke", s.stroke)
		if s.strokeWidth != 1 {
			b = append(b, ` stroke-width="`...)
			b = appendFloat(b, s.strokeWidth)
			b = append(b, '"')
		}
		if len(s.dash) > 0 {
			b = append(b, ` stroke-dasharray="`...)
			for i, d := range s.dash {
				if i > 0 {
					b = append(b, ' ')
				}
				b = appendFloat(b, d)
			}
			b = append(b, '"')
		}
		if strings.HasPrefix(s.class, "ts-series") {
			b = append(b, ` stroke-linejoin="round" stroke-linecap="round"`...)
		}
	}
	return b
}

func appendXY(b []byte, x, y int) []byte {
	b = appendInt(b, x)
	b = append(b, ' ')
	return appendInt(b, y)
}

// appendInt appends v in decimal, as strconv.AppendInt does, the digits of
// a coordinate (0 to 9999) written directly: a chart writes thousands.
func appendInt(b []byte, v int) []byte {
	switch {
	case v < 0 || v > 9999:
		return strconv.AppendInt(b, int64(v), 10)
	case v < 10:
		return append(b, byte('0'+v))
	case v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	case v < 1000:
		return append(b, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
	}
	return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
}

// appendFloat writes v with at most two decimals.
func appendFloat(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*100)/100, 'f', -1, 64)
}

const hexDigits = "0123456789abcdef"

// appendColor writes ` name="#rrggbb"`, and ` name-opacity="a"` when the
// colour is translucent.
func appendColor(b []byte, name string, c drawing.Color) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="#`...)
	for _, v := range [3]uint8{c.R, c.G, c.B} {
		b = append(b, hexDigits[v>>4], hexDigits[v&15])
	}
	b = append(b, '"')
	if c.A < 255 {
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, `-opacity="`...)
		b = strconv.AppendFloat(b, math.Round(float64(c.A)/255*100)/100, 'f', -1, 64)
		b = append(b, '"')
	}
	return b
}

// appendEscaped writes s escaped for XML text and attribute values; bytes
// and characters XML cannot hold become U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&#34;"...)
			case c == '\'':
				b = append(b, "&#39;"...)
			case c == '\t' || c == '\n' || c == '\r':
				b = append(b, ' ')
			case c < 0x20 || c == 0x7f:
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

func isXMLChar(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
