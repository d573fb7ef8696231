package figure

import (
	"math"
	"slices"
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

	Line int `yaml:"-" json:"-"`
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

// periodData lists the data names the shaded periods of sp read beside
// the chart's own data (bands' and panels' periods' data:), each once, in
// order. What they shade is drawn from that data, so its source line and
// illustrative label are the chart's too, and the chart links its page in
// the data catalogue.
func (sp *Spec) periodData() []string {
	var out []string
	add := func(specs []BandSpec) {
		for _, b := range specs {
			if b.Column != "" && b.Data != "" && b.Data != sp.Data && !slices.Contains(out, b.Data) {
				out = append(out, b.Data)
			}
		}
	}
	add(sp.Bands)
	if sp.Panels != nil {
		add(sp.Panels.Periods)
	}
	return out
}

// bands computes the bands of sp for the chart c, whose series are
// computed; fail reports an error at a line of the spec.
func (s *Set) bands(sp *Spec, file string, c *chart.Chart, fail func(line int, format string, args ...any)) {
	c.Bands = append(c.Bands, s.periods(sp, file, sp.Bands, "band", c, fail)...)
}

// periods computes periods given as bands are (dates, or runs of 1s in a
// 0/1 column) for the chart c, whose series are computed: its bands, or
// its panels' periods. noun names them in messages.
func (s *Set) periods(sp *Spec, file string, specs []BandSpec, noun string, c *chart.Chart, fail func(line int, format string, args ...any)) []chart.Band {
	if len(specs) == 0 {
		return nil
	}
	lo, hi := c.Series[0].X[0], c.Series[0].X[0]
	for _, ser := range c.Series {
		for i, y := range ser.Y {
			if !math.IsNaN(y) {
				lo, hi = minTime(lo, ser.X[i]), maxTime(hi, ser.X[i])
			}
		}
	}
	var out []chart.Band
	for _, b := range specs {
		switch {
		case b.Column != "" && (b.From != "" || b.To != ""):
			fail(b.Line, "%s has both column and from/to: give dates (from:, to:) or a 0/1 column (column:), not both", noun)
		case b.Column != "":
			out = append(out, s.columnBands(sp, file, b, noun, lo, hi, fail)...)
		case b.From == "" || b.To == "":
			fail(b.Line, "%s needs from: and to: (dates such as 2008-09-15), or column: (a 0/1 column of a dataset)", noun)
		default:
			if b.Data != "" {
				fail(b.Line, "%s data: goes with column:, not with from: and to:", noun)
				continue
			}
			from, err := parseDay(b.From)
			if err != nil {
				fail(b.Line, "%s from: %v", noun, err)
				continue
			}
			to, err := parseDay(b.To)
			if err != nil {
				fail(b.Line, "%s to: %v", noun, err)
				continue
			}
			if to.Before(from) {
				fail(b.Line, "%s ends on %s, before it starts on %s", noun, b.To, b.From)
				continue
			}
			if to.Before(lo) || from.After(hi) {
				fail(b.Line, "%s %s to %s is outside the dates of the series (%s to %s)", noun, b.From, b.To, lo.Format("2006-01-02"), hi.Format("2006-01-02"))
				continue
			}
			out = append(out, chart.Band{From: from, To: to, Label: b.Label})
		}
	}
	return out
}

// columnBands returns a period per run of 1s in the spec's column: from
// the first date of the run to the next date of the column (the first 0
// after it), or to the run's last date at the end of the column; each is
// cut to the dates of the series [lo, hi], and runs outside them are left
// out. A gap counts as 0; any other value is an error.
func (s *Set) columnBands(sp *Spec, file string, b BandSpec, noun string, lo, hi time.Time, fail func(line int, format string, args ...any)) []chart.Band {
	name := sp.Data
	if b.Data != "" {
		name = b.Data
	}
	if name == "" {
		fail(b.Line, "%s column %q has no data: set data: at the top of the spec or in the %s", noun, b.Column, noun)
		return nil
	}
	src, err := s.store.Resolve(name, file)
	if err != nil {
		fail(b.Line, "%w", err)
		return nil
	}
	if sp.X != "" && b.Data == "" {
		src.Opts.DateColumn = sp.X
	}
	tab, err := s.store.Table(src)
	if err != nil {
		fail(b.Line, "%w", err)
		return nil
	}
	col, err := tab.Series(b.Column)
	if err != nil {
		fail(b.Line, "%s: %s: %v", noun, src.Path, err)
		return nil
	}
	var out []chart.Band
	start := -1
	add := func(i, end int) {
		from, to := col.Dates[i], col.Dates[end]
		if to.Before(lo) || from.After(hi) {
			return
		}
		out = append(out, chart.Band{From: maxTime(from, lo), To: minTime(to, hi), Label: b.Label})
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
			fail(b.Line, "%s column %q of %s holds %g on %s: a %s column holds only 0 and 1 (1 for the dates in a %s)",
				noun, b.Column, src.Path, v, col.Dates[i].Format("2006-01-02"), noun, noun)
			return nil
		}
	}
	if start >= 0 {
		add(start, len(col.Values)-1)
	}
	return out
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
