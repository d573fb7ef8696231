package chart

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/period"
)

// Describe returns a plain-text description of c for readers who cannot see
// it: the kind of chart and its dates, then for each series its first and
// last values with their dates and the change between them, formatted with
// its axis's Format; then reference lines, marks and the note. The SVG
// carries it as its <desc>. A chart with a Description is described by
// it. An invalid chart is described by its error.
func Describe(c Chart) string {
	if err := Validate(c); err != nil {
		return "Chart not drawn: " + err.Error()
	}
	return describe(c, nil)
}

// describe is Describe of a valid chart; l is its layout when the caller
// has one, whose stack and panels it reuses (nil computes them).
func describe(c Chart, l *layout) string {
	if c.Description != "" {
		return c.Description
	}
	var st *stack
	var ps []Panel
	if l != nil {
		st = l.stack
		if l.panels != nil {
			ps = l.panels.panels
		}
	}
	var b strings.Builder
	if c.Type == TypeHeatmap {
		describeHeatmap(&b, c)
		describeNote(&b, c)
		return b.String()
	}
	if c.Panels != nil {
		describePanels(&b, c, ps)
		describeNote(&b, c)
		return b.String()
	}
	if c.Type == TypeHistogram {
		describeHistogram(&b, c)
		describeNote(&b, c)
		return b.String()
	}
	typ := c.Type
	if typ == "" {
		typ = TypeLine
	}
	lo, hi := dataDates(c)
	// Monthly data reads "from January 2015", not "from 1 January 2015"
	// (package period); so do marks and bands at its dates, while one
	// written with another day keeps it ("Marked 23 March 2020").
	prec := precisionOf(c.Series)
	at := func(t time.Time) string { return onOrIn(prec, t) }
	b.WriteString(strings.ToUpper(typ[:1]) + strings.ReplaceAll(typ[1:], "-", " ") + " chart")
	if len(c.Series) > 1 {
		b.WriteString(" of " + strconv.Itoa(len(c.Series)) + " series")
	}
	if lo.Equal(hi) {
		b.WriteString(" " + at(lo))
	} else {
		b.WriteString(" from " + prec.Format(lo.UTC()) + " to " + prec.Format(hi.UTC()))
	}
	if c.Log {
		b.WriteString(", on a log scale")
	}
	b.WriteString(".")
	if isStacked(typ) {
		if st == nil {
			st = stackOf(c)
		}
		describeStackGaps(&b, st)
	}
	both := usesAxis(c, Left) && usesAxis(c, Right)
	series := c.Series
	if c.Total != "" {
		// The total line is described as one more series.
		series = append(series[:len(series):len(series)], Series{Label: c.Total, X: st.dates, Y: st.total})
	}
	for i, s := range series {
		f := c.Y
		if s.Axis == Right {
			f = c.YRight
		}
		first, last := -1, -1
		for j, y := range s.Y {
			if !math.IsNaN(y) {
				if first < 0 {
					first = j
				}
				last = j
			}
		}
		name := s.Label
		if name == "" {
			name = "Series " + strconv.Itoa(i+1)
		}
		b.WriteString(" " + name)
		if both && !mentionsAxis(name, s.Axis) {
			b.WriteString(" (" + s.Axis.String() + " axis)")
		}
		b.WriteString(": ")
		v0, v1 := s.Y[first], s.Y[last]
		if first == last {
			b.WriteString(formatValue(f, v0, valueDecimals(f, v0)) + " " + at(s.X[first]) + ".")
			continue
		}
		dec := max(valueDecimals(f, v0), valueDecimals(f, v1))
		b.WriteString(formatValue(f, v0, dec) + " " + at(s.X[first]) + " and " +
			formatValue(f, v1, dec) + " " + at(s.X[last]))
		// Rounded as a reader subtracting the two values written above
		// rounds the difference, not as its float noise does.
		d := roundSig(v1 - v0)
		switch {
		case formatValue(f, math.Abs(d), dec) == formatValue(f, 0, dec):
			b.WriteString(", unchanged.")
			continue
		case d > 0:
			b.WriteString(", up ")
		default:
			b.WriteString(", down ")
		}
		if f.Kind == KindPercent {
			b.WriteString(formatValue(Format{}, math.Abs(d), dec) + " percentage points.")
			continue
		}
		b.WriteString(formatValue(f, math.Abs(d), dec))
		// A percentage change is of a positive start to an end of the
		// same sign: a spread from 0.37 to −2.37 is down 2.74, not
		// "−740.5%", a figure a reader would quote.
		if v0 > 0 && v1 >= 0 {
			b.WriteString(" (" + formatSigned(Format{Kind: KindPercent}, d/v0*100, 1) + ")")
		}
		b.WriteString(".")
	}
	for _, h := range c.Lines {
		f := c.Y
		if h.Axis == Right {
			f = c.YRight
		}
		b.WriteString(" Reference line")
		if h.Label != "" {
			b.WriteString(" " + h.Label)
		}
		b.WriteString(" at " + formatValue(f, h.Value, valueDecimals(f, h.Value)) + ".")
	}
	for _, m := range c.Marks {
		b.WriteString(" Marked " + dateAt(prec, m.Date))
		if m.Label != "" {
			b.WriteString(": " + m.Label)
		}
		b.WriteString(".")
	}
	describeBands(&b, c, prec)
	describeNote(&b, c)
	return b.String()
}

func describeNote(b *strings.Builder, c Chart) {
	if c.Note != "" {
		b.WriteString(" Note: " + c.Note)
		if !strings.HasSuffix(c.Note, ".") {
			b.WriteString(".")
		}
	}
}

// longDate formats t in UTC as the rest of a site writes a day: "2
// January 2006".
func longDate(t time.Time) string { return t.UTC().Format("2 January 2006") }

// onOrIn writes t as a description says when a value was: "in July 1954"
// at precision p (dateAt), "on 2 July 1954" for a day.
func onOrIn(p period.Precision, t time.Time) string {
	if p != period.Day && p.Holds(t.UTC()) {
		return "in " + p.Format(t.UTC())
	}
	return "on " + longDate(t)
}

// dateAt writes t at precision p when it is a date of that precision
// ("March 2020" for 1 March 2020 in monthly data), else its day.
func dateAt(p period.Precision, t time.Time) string {
	if t = t.UTC(); p.Holds(t) {
		return p.Format(t)
	}
	return longDate(t)
}

// precisionOf is the precision of the series' dates shown together: the
// finest of theirs.
func precisionOf(series []Series) period.Precision {
	p := period.Year
	for _, s := range series {
		p = period.Finest(p, period.Of(s.X))
	}
	return p
}

// describeStackGaps says at how many dates a stacked chart draws nothing
// because some series has no value there (see stack).
func describeStackGaps(b *strings.Builder, st *stack) {
	switch st.gaps {
	case 0:
		return
	case 1:
		b.WriteString(" The stack is drawn only where every series has a value: 1 of " + strconv.Itoa(len(st.dates)) + " dates is left blank.")
	default:
		b.WriteString(" The stack is drawn only where every series has a value: " + strconv.Itoa(st.gaps) + " of " + strconv.Itoa(len(st.dates)) + " dates are left blank.")
	}
}
