package figure

import (
	"math"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/render"
)

// How small multiples split a chart (PanelsSpec.By).
const (
	PanelsBySeries = "series"
	PanelsByPeriod = "period"
)

// How small multiples share the y axis (PanelsSpec.Y).
const (
	PanelsShared      = "shared"
	PanelsIndependent = "independent"
)

// PanelsSpec is a spec's panels: small multiples, one panel per series
// or per period. In YAML it is a mapping, or just how it splits the chart
// ("panels: series").
type PanelsSpec struct {
	By      string     `yaml:"by"`
	Periods []BandSpec `yaml:"periods"`
	X       string     `yaml:"x"`
	Y       string     `yaml:"y"`

	Line   int `yaml:"-" json:"-"` // the line of panels' value
	ByLine int `yaml:"-" json:"-"` // the lines of by: and y:, where given
	YLine  int `yaml:"-" json:"-"`
}

// UnmarshalYAML accepts "panels: series" as well as a mapping.
func (p *PanelsSpec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*p = PanelsSpec{By: n.Value, Line: n.Line, ByLine: n.Line}
		return nil
	}
	type plain PanelsSpec
	var v plain
	if err := decodeStrict(n, &v, "figure.PanelsSpec"); err != nil {
		return err
	}
	v.Line, v.ByLine, v.YLine = n.Line, n.Line, n.Line
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case "by":
			v.ByLine = n.Content[i].Line
		case "y":
			v.YLine = n.Content[i].Line
		}
	}
	*p = PanelsSpec(v)
	return nil
}

// by is how p splits the chart: By, else by period when there are periods.
func (p *PanelsSpec) by() string {
	if p.By == "" && len(p.Periods) > 0 {
		return PanelsByPeriod
	}
	if p.By == "" {
		return PanelsBySeries
	}
	return p.By
}

// checkPanels reports panels keys that do not fit together or the type.
func checkPanels(sp *Spec, typ string, fail func(line int, format string, args ...any)) {
	p := sp.Panels
	if p == nil {
		return
	}
	line := p.Line
	switch typ {
	case "", chart.TypeLine, chart.TypeArea:
	default:
		fail(sp.keyLine("type"), "panels (small multiples) draw line or area charts, not type: %s", typ)
	}
	switch p.by() {
	case PanelsBySeries:
		if len(p.Periods) > 0 {
			fail(line, "panels by series take no periods: leave out by: series to have a panel per period")
		}
		if p.X != "" {
			fail(line, "panels x: names the months since each period's start: it needs by: period")
		}
	case PanelsByPeriod:
		if len(p.Periods) == 0 {
			fail(line, "panels by period need periods: (from: and to: dates, or a 0/1 column:, as bands take)")
		}
	default:
		fail(p.ByLine, "panels by %q: by is series (a panel per series) or period (a panel per period of periods:)", p.By)
	}
	switch p.Y {
	case "", PanelsShared, PanelsIndependent:
	default:
		fail(p.YLine, "panels y %q: y is shared (one range for every panel, the default) or independent (a range per panel)", p.Y)
	}
	if len(sp.Annotations) > 0 || len(sp.Bands) > 0 {
		fail(line, "panels (small multiples) take no annotations or bands")
	}
	for _, ss := range sp.Series {
		if ss.Axis == "right" {
			fail(ss.Line, "panels (small multiples) use the left axis only")
		}
	}
	if sp.Y.Log {
		fail(sp.keyLine("y"), "panels (small multiples) take no log scale")
	}
}

// panels sets the small multiples of sp on c, whose series are computed.
func (s *Set) panels(sp *Spec, file string, c *chart.Chart, fail func(line int, format string, args ...any)) {
	p := sp.Panels
	if p == nil {
		return
	}
	c.Panels = &chart.Panels{XTitle: p.X, Independent: p.Y == PanelsIndependent}
	if p.by() == PanelsByPeriod {
		c.Panels.Periods = s.periods(sp, file, p.Periods, "period", c, fail)
	}
}

// byPeriod reports whether c is small multiples by period, whose table
// and CSV list each period's points.
func byPeriod(c *Computed) bool { return c.Chart.Panels != nil && len(c.Chart.Panels.Periods) > 0 }

// periodCSV writes small multiples by period: a row per date of each
// period, its months since the period's start, and the series' values.
func periodCSV(c *Computed) []byte {
	b := []byte("period,date,months")
	for _, s := range c.Chart.Series {
		b = append(b, ',')
		b = append(b, csvField(s.Label)...)
	}
	b = append(b, '\n')
	for _, r := range periodRows(c) {
		b = append(b, csvField(r.period)...)
		b = append(b, ',')
		b = appendDay(b, r.date)
		b = append(b, ',')
		b = appendComputed(b, r.months)
		for i, v := range r.vals {
			b = append(b, ',')
			switch {
			case math.IsNaN(v):
			case c.Computed[i]:
				b = appendComputed(b, v)
			default:
				b = appendShortest(b, v)
			}
		}
		b = append(b, '\n')
	}
	return b
}

// periodTable is the data table of small multiples by period.
func periodTable(c *Computed) *render.TableView {
	title := c.Chart.Panels.XTitle
	if title == "" {
		title = chart.DefaultPeriodAxis
	}
	t := &render.TableView{Head: []string{"Period", "Date", title}}
	for _, s := range c.Chart.Series {
		t.Head = append(t.Head, s.Label)
	}
	rs := periodRows(c)
	step := 1
	if len(rs) > maxTableRows {
		step = (len(rs) + maxTableRows - 2) / (maxTableRows - 1)
		t.Note = "Every " + chart.Ordinal(step) + " row of " + strconv.Itoa(len(rs)) + "; the CSV has them all."
	}
	f := c.Chart.Y
	for i := 0; i < len(rs); i++ {
		if i%step != 0 && i != len(rs)-1 {
			continue
		}
		r := rs[i]
		months := formatValue(r.months, "", "", 1, false)
		if r.months == math.Trunc(r.months) {
			months = strconv.Itoa(int(r.months))
		}
		row := []string{r.period, tableDate(c, r.date), months}
		for _, v := range r.vals {
			if math.IsNaN(v) {
				row = append(row, "–")
				continue
			}
			row = append(row, formatValue(v, f.Kind, f.Currency, tableDecimals(v, f.Decimals), false))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// periodRow is one row of small multiples by period.
type periodRow struct {
	period string
	date   time.Time
	months float64
	vals   []float64 // one per series of the chart, NaN for none
}

// periodRows lists, panel by panel, the dates of its series (merged, in
// order) with their months since the period's start and their values.
func periodRows(c *Computed) []periodRow {
	var out []periodRow
	n := len(c.Chart.Series)
	for _, p := range chart.PanelsOf(c.Chart) {
		idx := make([]int, len(p.Series))
		for {
			k := -1 // the series of the next date
			for j, s := range p.Series {
				if idx[j] < len(s.X) && (k < 0 || s.X[idx[j]].Before(p.Series[k].X[idx[k]])) {
					k = j
				}
			}
			if k < 0 {
				break
			}
			r := periodRow{period: p.Title, date: p.Series[k].X[idx[k]], months: p.Months[k][idx[k]], vals: make([]float64, n)}
			for i := range r.vals {
				r.vals[i] = math.NaN()
			}
			for j, s := range p.Series {
				if idx[j] < len(s.X) && s.X[idx[j]].Equal(r.date) {
					r.vals[p.Index[j]] = s.Y[idx[j]]
					idx[j]++
				}
			}
			out = append(out, r)
		}
	}
	return out
}
