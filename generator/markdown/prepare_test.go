package markdown

import (
	"fmt"
	"reflect"
	"testing"
)

// preparer is a specEcho that records the charts it is asked to prepare,
// and the calls to Chart made before.
type preparer struct {
	specEcho
	specs, chartSpecs []string
	lines             []int
	before            int // calls to Chart before PrepareCharts
}

func (p *preparer) PrepareCharts(specs [][]byte, lines []int) {
	p.before = len(p.calls)
	for _, s := range specs {
		p.specs = append(p.specs, string(s))
	}
	p.lines = append(p.lines, lines...)
}

func (p *preparer) Chart(spec []byte, line int) ([]byte, error) {
	p.chartSpecs = append(p.chartSpecs, string(spec))
	return p.specEcho.Chart(spec, line)
}

// TestPrepareCharts checks that a ChartPreparer is given every chart block
// of the document, in a list, once, before Chart is asked for any: the
// same specs and lines Chart is then given, in the same order.
func TestPrepareCharts(t *testing.T) {
	src := "Text.\n\n```chart\nfirst: 1\n```\n\n- item\n\n  ```chart\n  second: 2\n  ```\n\n> ```chart\n> third: 3\n> ```\n"
	p := &preparer{}
	if _, err := New(Options{}).Convert("a.md", 10, []byte(src), p); err != nil {
		t.Fatal(err)
	}
	if p.before != 0 || len(p.specs) != 3 {
		t.Fatalf("prepared %d charts after %d calls to Chart, want all 3 before any", len(p.specs), p.before)
	}
	if !reflect.DeepEqual(p.specs, p.chartSpecs) || !reflect.DeepEqual(p.lines, p.calls) {
		t.Errorf("prepared %q at lines %v; Chart was given %q at lines %v", p.specs, p.lines, p.chartSpecs, p.calls)
	}
	if fmt.Sprint(p.lines) != "[12 18 22]" {
		t.Errorf("lines %v, want the opening fences' [12 18 22]", p.lines)
	}
}
