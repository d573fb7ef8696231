package figure

import (
	"math"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// BandSpec is one entry of a spec's bands: a shaded period from from to to,
// or one period per run of 1s in a dataset's 0/1 column.
type BandSpec struct {
	From   string `yaml:"from"`
	To     string `yaml:"to"`
	Label  string `yaml:"label"`
	Column string `yaml:"column"`
	Data   string `yaml:"data"`

	Line int `yaml:"-"`
}

// UnmarshalYAML records the line of the band.
func (b *BandSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain BandSpec
	var p plain
	if err := decodeStrict(n, &p, "figure.BandSpec"); err != nil {
		return err
	}
	p.Line = n.Line
	*b = BandSpec(p)
	return nil
}

// bands computes the bands of sp for the chart c, whose series are
// computed; fail reports an error at a line of the spec.
func (s *Set) bands(sp *Spec, file string, c *chart.Chart, fail func(line int, format string, args ...any)) {
	if len(sp.Bands) == 0 {
		return
	}
	lo, hi := c.Series[0].X[0], c.Series[0].X[0]
	for _, ser := range c.Series {
		for i, y := range ser.Y {
			if !math.IsNaN(y) {
				lo, hi = minTime(lo, ser.X[i]), maxTime(hi, ser.X[i])
			}
		}
	}
	for _, b := range sp.Bands {
		switch {
		case b.Column != "" && (b.From != "" || b.To != ""):
			fail(b.Line, "band has both column and from/to: give dates (from:, to:) or a 0/1 column (column:), not both")
		case b.Column != "":
			s.columnBands(sp, file, b, c, lo, hi, fail)
		case b.From == "" || b.To == "":
			fail(b.Line, "band needs from: and to: (dates such as 2008-09-15), or column: (a 0/1 column of a dataset)")
		default:
			if b.Data != "" {
				fail(b.Line, "band data: goes with column:, not with from: and to:")
				continue
			}
			from, err := parseDay(b.From)
			if err != nil {
				fail(b.Line, "band from: %v", err)
				continue
			}
			to, err := parseDay(b.To)
			if err != nil {
				fail(b.Line, "band to: %v", err)
				continue
			}
			if to.Before(from) {
				fail(b.Line, "band ends on %s, before it starts on %s", b.To, b.From)
				continue
			}
			if to.Before(lo) || from.After(hi) {
				fail(b.Line, "band %s to %s is outside the dates of the series (%s to %s)", b.From, b.To, lo.Format("2006-01-02"), hi.Format("2006-01-02"))
				continue
			}
			c.Bands = append(c.Bands, chart.Band{From: from, To: to, Label: b.Label})
		}
	}
}

// columnBands adds a band per run of 1s in the band's column: from the
// first date of the run to the next date of the column (the first 0 after
// it), or to the run's last date at the end of the column; each is cut to
// the dates of the series [lo, hi], and runs outside them are left out. A
// gap counts as 0; any other value is an error.
func (s *Set) columnBands(sp *Spec, file string, b BandSpec, c *chart.Chart, lo, hi time.Time, fail func(line int, format string, args ...any)) {
	name := sp.Data
	if b.Data != "" {
		name = b.Data
	}
	if name == "" {
		fail(b.Line, "band column %q has no data: set data: at the top of the spec or in the band", b.Column)
		return
	}
	src, err := s.store.Resolve(name, file)
	if err != nil {
		fail(b.Line, "%v", err)
		return
	}
	if sp.X != "" && b.Data == "" {
		src.Opts.DateColumn = sp.X
	}
	tab, err := s.store.Table(src)
	if err != nil {
		fail(b.Line, "%v", err)
		return
	}
	col, err := tab.Series(b.Column)
	if err != nil {
		fail(b.Line, "band: %s: %v", src.Path, err)
		return
	}
	start := -1
	add := func(i, end int) {
		from, to := col.Dates[i], col.Dates[end]
		if to.Before(lo) || from.After(hi) {
			return
		}
		c.Bands = append(c.Bands, chart.Band{From: maxTime(from, lo), To: minTime(to, hi), Label: b.Label})
	}
	for i, v := range col.Values {
		switch {
		case v == 1:
			if start < 0 {
				start = i
			}
		case v == 0 || math.IsNaN(v):
			if start >= 0 {
				add(start, i)
				start = -1
			}
		default:
			fail(b.Line, "band column %q of %s holds %g on %s: a band column holds only 0 and 1 (1 shades the date)",
				b.Column, src.Path, v, col.Dates[i].Format("2006-01-02"))
			return
		}
	}
	if start >= 0 {
		add(start, len(col.Values)-1)
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
