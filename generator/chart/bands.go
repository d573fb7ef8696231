package chart

import (
	"fmt"
	"github.com/tearsheet/tearsheet/generator/internal/period"
	"strings"
	"time"

	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Band is a shaded period, such as a recession or a hiking cycle: the plot
// is shaded from From to To, behind the grid and the series.
type Band struct {
	From, To time.Time
	// Label names the shading in the legend (once for all bands of the
	// same label) and the band in the description.
	Label string
}

// Band colours: a translucent grey, so that the page's background shows
// through in either mode (the style sheet lightens it in dark mode).
var colBand = drawing.Color{R: 0x8c, G: 0x8c, B: 0x8c, A: 51}

// validateBands checks c.Bands: each runs forward and overlaps the dates of
// the series.
func validateBands(c Chart) error {
	if len(c.Bands) == 0 {
		return nil
	}
	lo, hi := dataDates(c)
	for i, b := range c.Bands {
		name, err := checkPeriod("band", i, b)
		if err != nil {
			return err
		}
		if b.To.Before(lo) || b.From.After(hi) {
			return fmt.Errorf("chart: %s: %s to %s is outside the dates of the series (%s to %s)",
				name, day(b.From), day(b.To), day(lo), day(hi))
		}
	}
	return nil
}

// checkPeriod names band or period i of kind noun in messages ("band 2
// (\"Recession\")"), and reports it when it ends before it starts.
func checkPeriod(noun string, i int, b Band) (string, error) {
	name := fmt.Sprintf("%s %d", noun, i+1)
	if b.Label != "" {
		name += fmt.Sprintf(" (%q)", b.Label)
	}
	if b.To.Before(b.From) {
		return name, fmt.Errorf("chart: %s: ends on %s, before it starts on %s", name, day(b.To), day(b.From))
	}
	return name, nil
}

// The series of the legend's items of bands and of a stacked chart's
// total line.
const (
	bandItem  = -1
	totalItem = -2
)

// legendEntries returns the legend's items, unplaced: every labelled series
// when there are several, then each distinct band label once.
func legendEntries(c Chart) []legendItem {
	var out []legendItem
	if len(c.Series) > 1 && (c.Panels == nil || len(c.Panels.Periods) > 0) {
		both := usesAxis(c, Left) && usesAxis(c, Right)
		for i, s := range c.Series {
			label := s.Label
			if label == "" {
				continue
			}
			if both && s.Axis == Right && !mentionsAxis(label, Right) {
				label += " (right)"
			}
			out = append(out, legendItem{series: i, label: label})
		}
	}
	if c.Total != "" {
		out = append(out, legendItem{series: totalItem, label: c.Total})
	}
	seen := map[string]bool{}
	for _, b := range c.Bands {
		if b.Label != "" && !seen[b.Label] {
			seen[b.Label] = true
			out = append(out, legendItem{series: bandItem, label: b.Label})
		}
	}
	return out
}

// drawBands shades the bands of c across the plot, clipped to it.
func drawBands(r canvas, c Chart, l *layout, box gochart.Box) {
	if len(c.Bands) == 0 {
		return
	}
	r.ResetStyle()
	r.SetClassName("ts-band")
	r.SetFillColor(colBand)
	for _, b := range c.Bands {
		x0 := box.Left + l.x.Translate(unixSeconds(b.From))
		x1 := box.Left + l.x.Translate(unixSeconds(b.To))
		x0, x1 = max(x0, box.Left), min(x1, box.Right)
		if x1-x0 < 1 {
			x1 = x0 + 1 // a band of one date still shows
		}
		rectPath(r, x0, x1, box.Top, box.Bottom)
	}
	r.Fill()
}

// drawBandSwatch draws the legend's swatch of the bands.
func drawBandSwatch(r canvas, x, mid, half int) {
	r.ResetStyle()
	r.SetClassName("ts-band")
	r.SetFillColor(colBand)
	rectPath(r, x+2, x+2+2*half, mid-half, mid+half)
	r.Fill()
}

// describeBands appends the bands to a description: "Shaded period:
// Recession, March 2001 to November 2001" for monthly data (prec), each
// date as dateAt writes it.
func describeBands(b *strings.Builder, c Chart, prec period.Precision) {
	if len(c.Bands) == 0 {
		return
	}
	if len(c.Bands) == 1 {
		b.WriteString(" Shaded period: ")
	} else {
		fmt.Fprintf(b, " %d shaded periods: ", len(c.Bands))
	}
	for i, band := range c.Bands {
		if i > 0 {
			b.WriteString("; ")
		}
		if band.Label != "" {
			b.WriteString(band.Label + ", ")
		}
		if band.From.Equal(band.To) {
			b.WriteString(dateAt(prec, band.From))
		} else {
			b.WriteString(dateAt(prec, band.From) + " to " + dateAt(prec, band.To))
		}
	}
	b.WriteString(".")
}

// BandsAt returns the labels of the bands of c that hold t, joined by
// "; " ("shaded" for a band without a label), or "" when none does: what a
// data table or CSV says of a date.
func BandsAt(c Chart, t time.Time) string {
	var out []string
	for _, b := range c.Bands {
		if !t.Before(b.From) && !t.After(b.To) {
			l := b.Label
			if l == "" {
				l = "shaded"
			}
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}
