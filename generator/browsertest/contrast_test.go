package browsertest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// rgba is a CSS color as computed by the browser: channels 0..255, alpha 0..1.
type rgba struct{ R, G, B, A float64 }

// parseColor reads a computed CSS color: "rgb(r, g, b)", "rgba(r, g, b, a)",
// the space-separated forms "rgb(r g b / a)", and "transparent".
func parseColor(s string) (rgba, error) {
	s = strings.TrimSpace(s)
	if s == "transparent" {
		return rgba{}, nil
	}
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return rgba{}, fmt.Errorf("color %q: not rgb() or rgba()", s)
	}
	fn := s[:open]
	if fn != "rgb" && fn != "rgba" {
		return rgba{}, fmt.Errorf("color %q: unsupported function %s", s, fn)
	}
	fields := strings.FieldsFunc(s[open+1:close], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(fields) != 3 && len(fields) != 4 {
		return rgba{}, fmt.Errorf("color %q: want 3 or 4 channels, have %d", s, len(fields))
	}
	c := rgba{A: 1}
	for i, f := range fields {
		pct := strings.HasSuffix(f, "%")
		v, err := strconv.ParseFloat(strings.TrimSuffix(f, "%"), 64)
		if err != nil {
			return rgba{}, fmt.Errorf("color %q: channel %q: %w", s, f, err)
		}
		switch {
		case i == 3 && pct:
			c.A = v / 100
		case i == 3:
			c.A = v
		case pct:
			v = v * 255 / 100
		}
		switch i {
		case 0:
			c.R = v
		case 1:
			c.G = v
		case 2:
			c.B = v
		}
	}
	return c, nil
}

// over composites c over the opaque color bg.
func over(c, bg rgba) rgba {
	return rgba{
		R: c.R*c.A + bg.R*(1-c.A),
		G: c.G*c.A + bg.G*(1-c.A),
		B: c.B*c.A + bg.B*(1-c.A),
		A: 1,
	}
}

// background composites a stack of computed background colors, innermost
// first (the element, its parent, … the root), over canvas.
func background(stack []string, canvas rgba) (rgba, error) {
	bg := canvas
	for i := len(stack) - 1; i >= 0; i-- {
		c, err := parseColor(stack[i])
		if err != nil {
			return rgba{}, err
		}
		if c.A > 0 {
			bg = over(c, bg)
		}
	}
	return bg, nil
}

// luminance is the WCAG 2 relative luminance of an opaque color.
func luminance(c rgba) float64 {
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG 2 contrast ratio of fg (composited over bg) and bg,
// from 1 to 21.
func contrast(fg, bg rgba) float64 {
	if fg.A < 1 {
		fg = over(fg, bg)
	}
	a, b := luminance(fg), luminance(bg)
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// largeText reports whether text of this computed size (px) and weight is
// "large" in WCAG 2 terms: at least 18 pt, or 14 pt bold.
func largeText(px, weight float64) bool {
	return px >= 24 || (px >= 18.66 && weight >= 700)
}

func TestParseColor(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want rgba
	}{
		{"rgb(29, 31, 35)", rgba{29, 31, 35, 1}},
		{"rgba(0, 0, 0, 0)", rgba{0, 0, 0, 0}},
		{"rgba(10, 20, 30, 0.5)", rgba{10, 20, 30, 0.5}},
		{"rgb(10 20 30 / 50%)", rgba{10, 20, 30, 0.5}},
		{"transparent", rgba{}},
	} {
		got, err := parseColor(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseColor(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "#fff", "hsl(0, 0%, 0%)", "rgb(1, 2)", "rgb(a, b, c)", "color(srgb 1 0 0)"} {
		if _, err := parseColor(bad); err == nil {
			t.Errorf("parseColor(%q): no error", bad)
		}
	}
}

func TestContrast(t *testing.T) {
	white, black := rgba{255, 255, 255, 1}, rgba{0, 0, 0, 1}
	for _, tc := range []struct {
		fg, bg rgba
		want   float64
	}{
		{black, white, 21},
		{white, white, 1},
		{rgba{119, 119, 119, 1}, white, 4.48}, // #777 on white, the classic near-miss
		{rgba{0, 0, 0, 0.5}, white, 3.98},     // half-transparent black is #808080 on white
	} {
		if got := contrast(tc.fg, tc.bg); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", tc.fg, tc.bg, got, tc.want)
		}
		if a, b := contrast(tc.fg, tc.bg), contrast(tc.bg, tc.fg); tc.fg.A == 1 && a != b {
			t.Errorf("contrast is not symmetric: %v, %v", a, b)
		}
	}
}

func TestBackground(t *testing.T) {
	white := rgba{255, 255, 255, 1}
	got, err := background([]string{"rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)"}, rgba{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (rgba{127.5, 127.5, 127.5, 1}); got != want {
		t.Errorf("background = %v, want %v", got, want)
	}
	if got, _ := background(nil, white); got != white {
		t.Errorf("empty stack = %v, want the canvas", got)
	}
	if _, err := background([]string{"bogus"}, white); err == nil {
		t.Error("bad color: no error")
	}
}

func TestLargeText(t *testing.T) {
	if !largeText(24, 400) || !largeText(19, 700) || largeText(18, 700) || largeText(17, 400) {
		t.Error("largeText: wrong thresholds")
	}
}
