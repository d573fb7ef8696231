package chart

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// crowdedMarks is a chart of 20 years of monthly values with three
// reference lines near each other and marks: the audit's seven marks
// between 2000 and 2020, or (dense) fourteen with long labels within two
// years, more than fit beside their lines.
func crowdedMarks(dense bool) Chart {
	s := series("Index", 11, 240, date(2000, 1, 1), "month", 100, 0.05)
	c := Chart{Title: "Crowded", Series: []Series{s}}
	labels := []string{"Dot-com peak", "9/11", "Iraq war", "Housing peak", "Bear Stearns", "Lehman fails", "TARP signed"}
	for i, l := range labels {
		c.Marks = append(c.Marks, Mark{Date: date(2000+3*i, time.Month(1+i), 1), Label: l})
	}
	if dense {
		c.Marks = nil
		for i := range 14 {
			c.Marks = append(c.Marks, Mark{Date: date(2008, time.Month(1+i%12), 1).AddDate(i/12, 0, 0), Label: labels[i%7] + " (event " + strconv.Itoa(i+1) + ")"})
		}
	}
	lo, hi := s.Y[0], s.Y[0]
	for _, y := range s.Y {
		lo, hi = min(lo, y), max(hi, y)
	}
	for i, l := range []string{"Target", "Average", "Median"} {
		c.Lines = append(c.Lines, HLine{Value: lo + (hi-lo)*(0.5+0.01*float64(i)), Label: l})
	}
	return c
}

// TestAnnotationsNeverOverlap draws the crowded chart wide and narrow and
// checks, on the parsed SVG with the package's own text measurement, that
// no two label boxes overlap, that every mark and line label is still in
// the drawing (beside its line, or in the key after the number drawn in
// its place) and in the description, and that the narrow drawing needed
// the key (so the test is not vacuous).
func TestAnnotationsNeverOverlap(t *testing.T) {
	r := NewRenderer()
	for _, tc := range []struct{ dense, narrow bool }{{false, false}, {false, true}, {true, false}, {true, true}} {
		dense, narrow := tc.dense, tc.narrow
		c := crowdedMarks(dense)
		c.Narrow = narrow
		b, err := r.SVG(c)
		if err != nil {
			t.Fatal(err)
		}
		texts, _ := parseSVG(t, b)
		var labels []svgText
		drawn := map[string]bool{}
		keyed := map[string]string{} // number → label
		var keyLines int
		for _, tx := range texts {
			switch tx.class {
			case "ts-mark-label", "ts-ref-label":
				labels = append(labels, tx)
				drawn[tx.body] = true
			case "ts-key":
				keyLines++
				num, label, ok := strings.Cut(tx.body, ": ")
				if !ok {
					label, _, _ = strings.Cut(tx.body, ", ")
				}
				keyed[num] = label
				drawn[label] = true
			}
		}
		for i, a := range labels {
			for _, o := range labels[i+1:] {
				ba, bo := a.box(r), o.box(r)
				if ba[0] < bo[2] && bo[0] < ba[2] && ba[1] < bo[3] && bo[1] < ba[3] {
					t.Errorf("dense %t, narrow %t: %q at %v overlaps %q at %v", dense, narrow, a.body, ba, o.body, bo)
				}
			}
		}
		d := Describe(c)
		var all []string
		for _, m := range c.Marks {
			all = append(all, m.Label)
		}
		for _, h := range c.Lines {
			all = append(all, h.Label)
		}
		for _, l := range all {
			if !drawn[l] {
				t.Errorf("dense %t, narrow %t: %q is neither drawn nor in the key", dense, narrow, l)
			}
			if !strings.Contains(d, l) {
				t.Errorf("dense %t, narrow %t: %q is not in the description", dense, narrow, l)
			}
		}
		// Each number drawn in the plot has its line in the key.
		for _, tx := range labels {
			if _, ok := keyed[tx.body]; !ok && !contains(all, tx.body) {
				t.Errorf("dense %t, narrow %t: %q drawn in the plot is neither a label nor a number of the key %v", dense, narrow, tx.body, keyed)
			}
		}
		if dense && narrow && keyLines == 0 {
			t.Error("the dense narrow drawing fits every label: the key is not tested")
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
