package chart

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Version identifies the output of this package. It belongs in cache keys of
// rendered charts: it changes whenever the same Chart would render to
// different bytes.
const Version = "tearsheet-chart/23"

// PNGVersion identifies how PNG files are drawn and encoded where the
// SVG is the same (Version, which the SVG shows): it belongs in cache
// keys of PNGs with Version.
const PNGVersion = "p3"

// Chart types accepted in Chart.Type.
const (
	TypeLine    = "line"
	TypeArea    = "area"
	TypeBar     = "bar"
	TypeScatter = "scatter"
)

// Format kinds accepted in Format.Kind.
const (
	KindNumber   = "number"
	KindPercent  = "percent"
	KindCurrency = "currency"
)

// MaxAbs is the largest magnitude of a value, or of a reference line, that
// a chart accepts. MinAbs is the least largest magnitude of an axis's
// values: an axis of values all smaller (but not all zero) cannot label
// its ticks with the decimals a chart prints.
const (
	MaxAbs = 1e15
	MinAbs = 1e-9
)

// NoDecimals in Format.Decimals asks for whole numbers (0 means automatic).
const NoDecimals = -1

// Default size of a chart in CSS pixels.
const (
	DefaultWidth  = 720
	DefaultHeight = 360
)

// The narrow drawing of a chart (Chart.Narrow), for phones: it is
// NarrowWidth units wide, and a page shows it in place of the wide one in
// containers narrower than NarrowBelow CSS px. Each drawing's text is sized
// to render at least MinText CSS px in the containers it is meant for: the
// wide one from NarrowBelow px up, the narrow one from 300 px up.
const (
	NarrowWidth = 320
	NarrowBelow = 560
	MinText     = 11.0
)

// narrowMin is the narrowest container, in CSS px, whose narrow drawing's
// text renders at MinText px (a 360 px phone leaves 320 px or so).
const narrowMin = 300

// narrowAspect is how much taller for its width the narrow drawing is
// than the wide one.
const narrowAspect = 1.6

// MaxShapes is the most points a scatter or bar chart may draw: each is a
// shape of its own in the SVG and the PNGs (a line is thinned to the
// plot's pixels); 100,000 dots made a 37 MB page in 11 s, and 400,000
// held a build past a minute.
const MaxShapes = 50000

// MaxSeries is the most series a chart's spec may list: the palette has
// seven colours, and a legend of hundreds helps no one while the page, its
// data table and its drawings grow with every series.
const MaxSeries = 50

// Limits on Chart.Width and Chart.Height, in CSS pixels.
const (
	MinSize = 160
	MaxSize = 4000
)

// Axis says which vertical axis a series or reference line is measured on.
type Axis int

// The two vertical axes.
const (
	Left Axis = iota
	Right
)

// logHint says what to do about a value a log scale cannot show.
const logHint = "which shows only values above zero: turn the log scale off (y: {log: false}), or chart what stays above zero (a level or an index rather than a change, a drawdown or a spread)"

// String returns "left" or "right".
func (a Axis) String() string {
	switch a {
	case Left:
		return "left"
	case Right:
		return "right"
	}
	return fmt.Sprintf("Axis(%d)", int(a))
}

// Format says how values on an axis are printed, in tick labels and in the
// description.
type Format struct {
	// Kind is "number" (the default when empty), "percent" or "currency".
	// A percent value is already in percent: 5.25 prints as "5.25%".
	Kind string
	// Decimals is the number of digits after the point in the description;
	// 0 picks them from the size of the values, NoDecimals prints whole
	// numbers. Tick labels use as many digits as the tick step needs.
	Decimals int
	// Currency is the symbol put before currency values; "$" when empty.
	Currency string
}

// Series is one named sequence of dated values.
type Series struct {
	// Label names the series in the legend and the description.
	Label string
	// Axis is the vertical axis the series is measured on.
	Axis Axis
	// Color is "#rrggbb", or empty to take the next colour of the palette.
	Color string
	// X holds the dates, in ascending order; they are read in UTC.
	X []time.Time
	// Y holds one value per date. NaN is a gap: the line breaks there.
	// ±Inf is an error.
	Y []float64
}

// HLine is a horizontal reference line, such as a target or an average.
type HLine struct {
	Value float64
	Label string
	Axis  Axis
}

// Mark is a labelled date, drawn as a vertical dashed line.
type Mark struct {
	Date  time.Time
	Label string
}

// Chart is everything needed to draw one chart: computed series and how to
// show them. The zero value of each field is a sensible default.
type Chart struct {
	// Title and Subtitle go in the SVG <title> and are drawn on PNGs only;
	// pages show them as HTML around the SVG.
	Title, Subtitle string
	// Type is "line" (the default when empty), "area", "bar", "scatter",
	// "stacked-area", "stacked-bar", "histogram" or "heatmap".
	Type string
	// Matrix is a heatmap's data (and a heatmap has no Series).
	Matrix *Matrix
	// Bins is a histogram's number of bins; 0 chooses them (see
	// histogramOf).
	Bins int
	// Percentiles marks these percentiles (between 0 and 100) of a
	// histogram's values; MarkLatest marks its latest value.
	Percentiles []float64
	MarkLatest  bool
	// Total, on a stacked chart, labels a line drawn at the sum of the
	// series at each date; "" draws none.
	Total string
	// Width and Height are the size of the drawing in CSS pixels;
	// 0 means DefaultWidth and DefaultHeight.
	Width, Height int
	// Y formats the left axis; YRight the right axis.
	Y, YRight Format
	// Log draws the left axis on a log scale; its values must be positive.
	Log bool
	// Series are drawn in order; at least one is required.
	Series []Series
	// Lines are horizontal reference lines.
	Lines []HLine
	// Marks are labelled dates, within the dates of the series.
	Marks []Mark
	// Bands are shaded periods, each overlapping the dates of the series;
	// they are drawn behind the grid and the series.
	Bands []Band
	// Panels, when set, lays a line or area chart out as small multiples
	// (see Panels).
	Panels *Panels
	// Description, when set, is the SVG's <desc> in place of Describe's
	// text: the author's own account of the chart (a chart spec's
	// description), which is what screen readers announce with the title.
	Description string
	// Note is a short remark such as "Illustrative data", drawn on the chart
	// itself (SVG and PNG) so that every copy carries it.
	Note string
	// Footer is drawn below the chart on PNGs only, wrapped to at most four
	// lines: where the numbers come from and their date ("Source: … Data
	// through September 2023."), which pages show as HTML under the SVG,
	// so that a PNG shared or downloaded alone still says it.
	Footer string
	// Narrow lays the chart out for phones: NarrowWidth units wide, taller
	// for its width than Width×Height, the legend's rows added to its
	// height, larger text for its width and so fewer ticks. The same
	// series, another drawing: a page shows one or the other by the width
	// of its container (see NarrowBelow).
	Narrow bool
}

// Validate reports the first reason c cannot be drawn, or nil. SVG, PNG and
// Describe call it; errors start with "chart:".
func Validate(c Chart) error {
	switch c.Type {
	case "", TypeLine, TypeArea, TypeBar, TypeScatter, TypeStackedArea, TypeStackedBar, TypeHistogram, TypeHeatmap:
	default:
		return fmt.Errorf("chart: unknown type %q (types: line, area, bar, scatter, stacked-area, stacked-bar, histogram, heatmap)", c.Type)
	}
	if c.Width != 0 && (c.Width < MinSize || c.Width > MaxSize) {
		return fmt.Errorf("chart: width %d out of range [%d, %d]", c.Width, MinSize, MaxSize)
	}
	if c.Height != 0 && (c.Height < MinSize || c.Height > MaxSize) {
		return fmt.Errorf("chart: height %d out of range [%d, %d]", c.Height, MinSize, MaxSize)
	}
	if err := validateFormat("y", c.Y); err != nil {
		return err
	}
	if err := validateFormat("y right", c.YRight); err != nil {
		return err
	}
	if err := validateHeatmap(c); err != nil || c.Type == TypeHeatmap {
		return err
	}
	if len(c.Series) == 0 {
		return errors.New("chart: no series")
	}
	shapes := 0            // dots or bars drawn
	var largest [2]float64 // the largest magnitude on each axis
	for i, s := range c.Series {
		name := seriesName(i, s)
		if s.Axis != Left && s.Axis != Right {
			return fmt.Errorf("chart: %s: unknown axis %d", name, int(s.Axis))
		}
		if s.Color != "" {
			if _, err := parseColor(s.Color); err != nil {
				return fmt.Errorf("chart: %s: %w", name, err)
			}
		}
		if len(s.X) != len(s.Y) {
			return fmt.Errorf("chart: %s: %d dates but %d values", name, len(s.X), len(s.Y))
		}
		n := 0
		for j, y := range s.Y {
			if j > 0 && s.X[j].Before(s.X[j-1]) {
				return fmt.Errorf("chart: %s: dates out of order at point %d (%s after %s)",
					name, j+1, day(s.X[j]), day(s.X[j-1]))
			}
			if math.IsInf(y, 0) {
				return fmt.Errorf("chart: %s: infinite value at point %d (%s)", name, j+1, day(s.X[j]))
			}
			if math.IsNaN(y) {
				continue
			}
			if math.Abs(y) > MaxAbs {
				return fmt.Errorf("chart: %s: value %g at point %d (%s) is out of range (magnitude at most %g)",
					name, y, j+1, day(s.X[j]), MaxAbs)
			}
			largest[s.Axis] = max(largest[s.Axis], math.Abs(y))
			if c.Log && s.Axis == Left && y <= 0 {
				return fmt.Errorf("chart: %s: value %g at point %d (%s) cannot be drawn on a log scale, %s",
					name, y, j+1, day(s.X[j]), logHint)
			}
			n++
		}
		if n == 0 {
			return fmt.Errorf("chart: %s: no values (every value is a gap)", name)
		}
		shapes += n
	}
	for axis, a := range largest {
		if a > 0 && a < MinAbs {
			side := ""
			if Axis(axis) == Right {
				side = "right "
			}
			return fmt.Errorf("chart: the %saxis's values are all smaller than %g (the largest is %g), too small to label its ticks: scale them, e.g. transforms: [\"scale(1e9)\"], and name the unit in the title", side, MinAbs, a)
		}
	}
	if (c.Type == TypeScatter || c.Type == TypeBar) && shapes > MaxShapes {
		return fmt.Errorf("chart: a %s chart of %d points, more than the %d it draws one by one (each is a shape in the page): resample the series first (transforms: [\"resample(month)\"]), narrow its range, or draw it as a line, which thins itself", c.Type, shapes, MaxShapes)
	}
	for i, l := range c.Lines {
		if math.IsNaN(l.Value) || math.IsInf(l.Value, 0) {
			return fmt.Errorf("chart: line %d (%q): value %g is not a number", i+1, l.Label, l.Value)
		}
		if math.Abs(l.Value) > MaxAbs {
			return fmt.Errorf("chart: line %d (%q): value %g is out of range (magnitude at most %g)", i+1, l.Label, l.Value, MaxAbs)
		}
		if l.Axis != Left && l.Axis != Right {
			return fmt.Errorf("chart: line %d (%q): unknown axis %d", i+1, l.Label, int(l.Axis))
		}
		if c.Log && l.Axis == Left && l.Value <= 0 {
			return fmt.Errorf("chart: line %d (%q): value %g cannot be drawn on a log scale, %s", i+1, l.Label, l.Value, logHint)
		}
		if l.Axis == Right && !usesAxis(c, Right) {
			return fmt.Errorf("chart: line %d (%q): no series uses the right axis", i+1, l.Label)
		}
	}
	if err := validateHistogram(c); err != nil {
		return err
	}
	if err := validateStack(c); err != nil {
		return err
	}
	if err := validateBands(c); err != nil {
		return err
	}
	if err := validatePanels(c); err != nil {
		return err
	}
	if len(c.Marks) == 0 {
		return nil
	}
	lo, hi := dataDates(c)
	for i, m := range c.Marks {
		if m.Date.Before(lo) || m.Date.After(hi) {
			return fmt.Errorf("chart: mark %d (%q): date %s is outside the dates of the series (%s to %s)",
				i+1, m.Label, day(m.Date), day(lo), day(hi))
		}
	}
	return nil
}

func validateFormat(name string, f Format) error {
	switch f.Kind {
	case "", KindNumber, KindPercent, KindCurrency:
	default:
		return fmt.Errorf("chart: %s format: unknown kind %q (kinds: number, percent, currency)", name, f.Kind)
	}
	if f.Decimals < NoDecimals || f.Decimals > 10 {
		return fmt.Errorf("chart: %s format: decimals %d out of range [-1, 10]", name, f.Decimals)
	}
	return nil
}

// seriesName names series i in errors.
func seriesName(i int, s Series) string {
	if s.Label == "" {
		return fmt.Sprintf("series %d", i+1)
	}
	return fmt.Sprintf("series %d (%q)", i+1, s.Label)
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

// mentionsAxis reports whether a series label already names its axis, as
// "CAPE (left)", "Yield (%, right)" or "Yield, right axis" do, so that the
// legend and the description do not name it twice.
func mentionsAxis(label string, a Axis) bool {
	l := strings.ToLower(label)
	side := a.String()
	return strings.Contains(l, "("+side) || strings.Contains(l, " "+side+")") || strings.Contains(l, side+" axis")
}

// usesAxis reports whether any series of c is measured on axis a.
func usesAxis(c Chart, a Axis) bool {
	for _, s := range c.Series {
		if s.Axis == a {
			return true
		}
	}
	return false
}

// dataDates returns the first and last date with a value over all series,
// whose dates must be in order.
func dataDates(c Chart) (lo, hi time.Time) {
	// Dates are in order: only each series' first and last values count.
	first := true
	for _, s := range c.Series {
		i, j := 0, min(len(s.X), len(s.Y))-1
		for i <= j && math.IsNaN(s.Y[i]) {
			i++
		}
		for j >= i && math.IsNaN(s.Y[j]) {
			j--
		}
		if i > j {
			continue
		}
		if first || s.X[i].Before(lo) {
			lo = s.X[i]
		}
		if first || s.X[j].After(hi) {
			hi = s.X[j]
		}
		first = false
	}
	return lo, hi
}

// parseColor parses "#rrggbb".
func parseColor(s string) ([3]uint8, error) {
	var rgb [3]uint8
	if len(s) != 7 || s[0] != '#' {
		return rgb, fmt.Errorf("colour %q is not of the form #rrggbb", s)
	}
	for i := 0; i < 3; i++ {
		hi, ok1 := hexVal(s[1+2*i])
		lo, ok2 := hexVal(s[2+2*i])
		if !ok1 || !ok2 {
			return rgb, fmt.Errorf("colour %q is not of the form #rrggbb", s)
		}
		rgb[i] = hi<<4 | lo
	}
	return rgb, nil
}

func hexVal(b byte) (uint8, bool) {
	switch {
	case '0' <= b && b <= '9':
		return b - '0', true
	case 'a' <= b && b <= 'f':
		return b - 'a' + 10, true
	case 'A' <= b && b <= 'F':
		return b - 'A' + 10, true
	}
	return 0, false
}
