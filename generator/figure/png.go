package figure

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
)

// PNGScale is the pixels per CSS px of the charts' PNG copies: sharp on
// the screens of phones and of most laptops.
const PNGScale = 2

// pngOf returns the PNG of the chart's wide drawing, or of its narrow one,
// from the cache or drawn (by PrepareCharts, or now, computing the chart
// again if it came from the cache).
func (p *Page) pngOf(key string, sp *Spec, comp *Computed, narrow bool) ([]byte, error) {
	ck := key + pngSuffix
	if narrow {
		ck = key + narrowPNGSuffix
	}
	if b, ok := p.cacheGet(ck); ok {
		p.set.pngCached.Add(1)
		return b, nil
	}
	b := p.takePNG(ck) // drawn, and cached, by PrepareCharts
	if b == nil {
		if comp == nil {
			var err error
			if comp, err = p.set.compute(sp, p.file); err != nil {
				return nil, err
			}
		}
		var err error
		if b, err = drawPNG(comp, narrow, p.r); err != nil {
			return nil, err
		}
		p.cachePut(ck, b)
	}
	p.set.pngRendered.Add(1)
	return b, nil
}

// pngSize is the size of a chart's PNG in CSS px (its pixels at PNGScale),
// for the width and height of the img that shows it.
func pngSize(b []byte) (w, h int, err error) {
	c, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return 0, 0, fmt.Errorf("chart PNG: %w", err)
	}
	return (c.Width + PNGScale - 1) / PNGScale, (c.Height + PNGScale - 1) / PNGScale, nil
}

// pngFooter is what a chart's PNG says below the drawing, as its page does
// under the SVG: "Source: A; B. Data through September 2023." A PNG is
// shared and downloaded alone (social cards, feeds, email), and its numbers
// must still say where they come from and how recent they are.
func pngFooter(c *Computed) string {
	var b strings.Builder
	if len(c.Credits) > 0 {
		b.WriteString("Source: ")
		b.WriteString(strings.Join(c.Credits, "; "))
		b.WriteString(". ")
	}
	if !c.Through.Time.IsZero() {
		b.WriteString("Data through ")
		b.WriteString(c.Through.String())
		b.WriteString(".")
	}
	return strings.TrimSpace(b.String())
}
