package chart

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
)

// TestPNGFooter checks that a PNG carries its Footer (the source and the
// date of the data) below the drawing, in rows added to its height, for
// every layout (a line chart, small multiples, a heatmap, the narrow
// drawing), and that the SVG, which pages caption in HTML, does not.
func TestPNGFooter(t *testing.T) {
	r := NewRenderer()
	decode := func(b []byte) image.Image {
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	for _, name := range []string{"line", "panels-periods", "heatmap-correlation", "histogram"} {
		for _, narrow := range []bool{false, true} {
			c, ok := goldenCharts()[name]
			if !ok {
				t.Fatalf("no golden chart %q", name)
			}
			c.Narrow = narrow
			plain, err := r.PNG(c, 1)
			if err != nil {
				t.Fatal(err)
			}
			p := decode(plain)
			c.Footer = "Source: Robert Shiller, Yale University. Data through September 2023."
			b, err := r.PNG(c, 1)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(b)
			h0, h := p.Bounds().Dy(), img.Bounds().Dy()
			if h <= h0 {
				t.Errorf("%s (narrow %t): height %d with a footer, %d without: the footer has no rows of its own", name, narrow, h, h0)
				continue
			}
			// The rows added hold text: pixels darker than the background.
			dark := 0
			for y := h0; y < h; y++ {
				for x := 0; x < img.Bounds().Dx(); x++ {
					if cr, _, _, _ := img.At(x, y).RGBA(); cr < 0xc000 {
						dark++
					}
				}
			}
			if dark < 50 {
				t.Errorf("%s (narrow %t): %d dark pixels in the %d rows added for the footer, want its text", name, narrow, dark, h-h0)
			}
			svg, err := r.SVG(c)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(svg), "Robert Shiller") {
				t.Errorf("%s: the SVG draws the footer; pages caption it in HTML", name)
			}
		}
	}
}
