package figure

import (
	"reflect"
	"testing"
)

// TestSpecSum checks that a chart's settings sum leaves out where the
// block stands and how its YAML is laid out, and follows every setting.
func TestSpecSum(t *testing.T) {
	sum := func(src string, fence int) string {
		t.Helper()
		sp, err := ParseSpec([]byte(src), "a.md", fence)
		if err != nil {
			t.Fatal(err)
		}
		return SpecSum(sp)
	}
	base := sum("data: prices\nseries: [small]\nannotations:\n  - date: 2024-01-02\n    label: A\nbands:\n  - from: 2024-01-01\n    to: 2024-02-01\n", 3)
	same := "# a comment\nseries:\n  - small\n\ndata: prices\nbands:\n  - {from: 2024-01-01, to: 2024-02-01}\nannotations:\n  - label: A\n    date: 2024-01-02\n"
	if got := sum(same, 40); got != base {
		t.Errorf("moved and laid out anew: %s, want %s", got, base)
	}
	for _, other := range []string{
		"data: prices\nseries: [large]\nannotations:\n  - date: 2024-01-02\n    label: A\nbands:\n  - from: 2024-01-01\n    to: 2024-02-01\n",
		"data: prices\nseries: [small]\nannotations:\n  - date: 2024-01-03\n    label: A\nbands:\n  - from: 2024-01-01\n    to: 2024-02-01\n",
		"data: prices\nseries: [small]\nannotations:\n  - date: 2024-01-02\n    label: A\nbands:\n  - from: 2024-01-01\n    to: 2024-02-01\ntitle: T\n",
	} {
		if sum(other, 3) == base {
			t.Errorf("a change of settings leaves the sum alone:\n%s", other)
		}
	}
}

// TestSpecLinesLeftOut checks that every field of the chart spec types
// that YAML does not set (a line number) is left out of SpecSum's JSON too.
func TestSpecLinesLeftOut(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || seen[ty] {
			return
		}
		seen[ty] = true
		for i := range ty.NumField() {
			f := ty.Field(i)
			if f.IsExported() && f.Tag.Get("yaml") == "-" && f.Tag.Get("json") != "-" {
				t.Errorf("%s.%s has yaml:\"-\" but not json:\"-\": SpecSum would follow it", ty.Name(), f.Name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(Spec{}))
	if len(seen) < 5 {
		t.Errorf("walked %d types of the spec, want Spec, SeriesSpec, AxisSpec, Annotation, BandSpec, PanelsSpec", len(seen))
	}
}
