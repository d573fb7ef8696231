package chart

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMonthsSince(t *testing.T) {
	for _, c := range []struct {
		start, t time.Time
		want     float64
	}{
		{date(2004, 6, 1), date(2004, 6, 1), 0},
		{date(2004, 6, 1), date(2006, 6, 1), 24},
		{date(2004, 1, 31), date(2004, 3, 31), 2},
		{date(2015, 12, 16), date(2016, 1, 16), 1},
		{date(2020, 2, 1), date(2020, 2, 15), 14.0 / 29}, // 2020 is a leap year
		{date(2020, 1, 15), date(2020, 3, 1), 2 - 14.0/31},
	} {
		if got := MonthsSince(c.start, c.t); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("MonthsSince(%s, %s) = %g, want %g", day(c.start), day(c.t), got, c.want)
		}
	}
}

// TestPanelsOfPeriods checks the panels by period against a computation
// of their own: a monthly series cut to each period holds the months of
// the period, the k-th of them k months after its start, with the values
// of the series on those dates.
func TestPanelsOfPeriods(t *testing.T) {
	c := goldenCharts()["panels-periods"]
	s := c.Series[0]
	byDate := map[time.Time]float64{}
	for i, x := range s.X {
		byDate[x] = s.Y[i]
	}
	ps := PanelsOf(c)
	if len(ps) != len(c.Panels.Periods) {
		t.Fatalf("%d panels for %d periods", len(ps), len(c.Panels.Periods))
	}
	for i, b := range c.Panels.Periods {
		p := ps[i]
		if len(p.Series) != 1 || p.Index[0] != 0 {
			t.Fatalf("panel %d: series %v", i, p.Index)
		}
		var want []time.Time
		for d := b.From; !d.After(b.To) && !d.After(s.X[len(s.X)-1]); d = d.AddDate(0, 1, 0) {
			want = append(want, d)
		}
		got := p.Series[0]
		if len(got.X) != len(want) {
			t.Fatalf("panel %d (%s): %d points, want %d", i, p.Title, len(got.X), len(want))
		}
		for k, d := range want {
			if !got.X[k].Equal(d) || got.Y[k] != byDate[d] || p.Months[0][k] != float64(k) {
				t.Errorf("panel %d point %d: %s %g at month %g, want %s %g at month %d",
					i, k, day(got.X[k]), got.Y[k], p.Months[0][k], day(d), byDate[d], k)
			}
		}
	}
	if ps[0].Title != "2004–06" || ps[2].Title != "Mar 2022 – Dec 2023" {
		t.Errorf("titles %q, %q", ps[0].Title, ps[2].Title)
	}
}

// panelSVG is what a test reads of small multiples' SVG.
type panelSVG struct {
	titles []string
	titleX []int
	series int // paths of series
	labels []string
}

func readPanels(t *testing.T, b []byte) panelSVG {
	t.Helper()
	var out panelSVG
	d := xml.NewDecoder(strings.NewReader(string(b)))
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Local] = a.Value
		}
		switch {
		case se.Name.Local == "text" && strings.Contains(attr["class"], "ts-panel-title"):
			var s string
			if err := d.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			x, _ := strconv.Atoi(attr["x"])
			out.titles, out.titleX = append(out.titles, s), append(out.titleX, x)
		case se.Name.Local == "text" && attr["class"] == "ts-label":
			var s string
			if err := d.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			out.labels = append(out.labels, s)
		case se.Name.Local == "path" && strings.HasPrefix(attr["class"], "ts-series"):
			out.series++
		}
	}
	return out
}

func TestPanelsSVG(t *testing.T) {
	r := NewRenderer()
	c := goldenCharts()["panels-periods"]
	for _, narrow := range []bool{false, true} {
		c.Narrow = narrow
		b, err := r.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		checkSVG(t, "panels-periods", b)
		got := readPanels(t, b)
		if strings.Join(got.titles, "|") != "2004–06|2015–18|Mar 2022 – Dec 2023" {
			t.Errorf("narrow %t: panel titles %q", narrow, got.titles)
		}
		if got.series != 3 {
			t.Errorf("narrow %t: %d series paths, want one per panel", narrow, got.series)
		}
		sameX := got.titleX[0] == got.titleX[1] && got.titleX[1] == got.titleX[2]
		if narrow != sameX {
			t.Errorf("narrow %t: panel titles at x %v: one column is for phones only", narrow, got.titleX)
		}
		// A shared y range (1.5% to 3% by 0.5%) is labelled once per row: the wide drawing's
		// one row once, the narrow drawing's three rows each.
		n := 0
		for _, l := range got.labels {
			if l == "2.5%" {
				n++
			}
		}
		if want := map[bool]int{false: 1, true: 3}[narrow]; n != want {
			t.Errorf("narrow %t: y label 2.5%% drawn %d times, want %d", narrow, n, want)
		}
		if !strings.Contains(strings.Join(got.labels, "|"), "Months since the first hike") {
			t.Errorf("narrow %t: no x axis title in %q", narrow, got.labels)
		}
	}
	// Independent ranges are labelled in every panel.
	c.Narrow = false
	c.Panels = &Panels{Periods: c.Panels.Periods, Independent: true}
	b, err := r.SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	got := readPanels(t, b)
	if !strings.Contains(strings.Join(got.labels, "|"), DefaultPeriodAxis) {
		t.Errorf("no default x axis title in %q", got.labels)
	}
	if d := Describe(c); !strings.Contains(d, "a y axis each") {
		t.Errorf("description of independent panels: %s", d)
	}
}

func TestDescribePanels(t *testing.T) {
	c := goldenCharts()["panels-periods"]
	d := Describe(c)
	ps := PanelsOf(c)
	s := ps[1].Series[0]
	lo, hi := 0, 0
	for k, y := range s.Y {
		if y < s.Y[lo] {
			lo = k
		}
		if y > s.Y[hi] {
			hi = k
		}
	}
	for _, want := range []string{
		"Small multiples: 3 line charts, one per period, with a shared y axis; x axis: months since the first hike.",
		"2015–18 (December 2015 to December 2018):", // monthly data: months
		"at month 0, ", // whole months without decimals
		"lowest " + formatValue(c.Y, s.Y[lo], valueDecimals(c.Y, s.Y[lo])) + " at month " + strconv.Itoa(lo),
		"highest " + formatValue(c.Y, s.Y[hi], valueDecimals(c.Y, s.Y[hi])) + " at month " + strconv.Itoa(hi),
	} {
		if !strings.Contains(d, want) {
			t.Errorf("description lacks %q:\n%s", want, d)
		}
	}
	d = Describe(goldenCharts()["panels-series"])
	if !strings.HasPrefix(d, "Small multiples: 4 line charts, one per series, from 31 January 2014 to ") || !strings.Contains(d, " MSCI EM & frontier: ") {
		t.Errorf("description by series: %s", d)
	}
}

func TestValidatePanels(t *testing.T) {
	base := goldenCharts()["panels-periods"]
	for _, c := range []struct {
		edit func(c *Chart)
		want string
	}{
		{func(c *Chart) { c.Type = TypeBar }, `small multiples (panels) draw line or area charts, not "bar"`},
		{func(c *Chart) { c.Lines = []HLine{{Value: 2}} }, "take no log scale, reference lines, marks or bands"},
		{func(c *Chart) {
			c.Panels.Periods = []Band{{From: date(1990, 1, 1), To: date(1991, 1, 1), Label: "Early"}}
		},
			`period 1 ("Early"): no values from 1990-01-01 to 1991-01-01 (the series run from 2004-01-01 to 2023-12-01)`},
		{func(c *Chart) { c.Panels.Periods = []Band{{From: date(2010, 1, 1), To: date(2009, 1, 1)}} }, "period 1: ends on 2009-01-01, before it starts on 2010-01-01"},
		{func(c *Chart) { c.Panels.Periods = make([]Band, MaxPanels+1) }, "25 panels are too many for small multiples (at most 24)"},
		{func(c *Chart) { c.Series[0].Axis = Right }, "small multiples (panels) use the left axis only"},
	} {
		ch := base
		ch.Series = append([]Series(nil), base.Series...)
		p := *base.Panels
		ch.Panels = &p
		c.edit(&ch)
		err := Validate(ch)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want an error containing %q", err, c.want)
		}
	}
}

// TestPanelTitleClipped checks that a panel's title longer than its panel
// is cut to it, ending in "…", and the description keeps it whole.
func TestPanelTitleClipped(t *testing.T) {
	c := goldenCharts()["panels-periods"]
	long := "2022– (a title far too long for a third of the drawing's width)"
	c.Panels = &Panels{Periods: append([]Band(nil), c.Panels.Periods...)}
	c.Panels.Periods[2].Label = long
	b, err := NewRenderer().SVG(c)
	if err != nil {
		t.Fatal(err)
	}
	got := readPanels(t, b).titles[2]
	if !strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) || len(got) < 8 {
		t.Errorf("title %q, want the start of %q and …", got, long)
	}
	if !strings.Contains(Describe(c), long) {
		t.Errorf("description lacks the whole title")
	}
}
