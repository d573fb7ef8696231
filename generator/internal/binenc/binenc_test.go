package binenc

import (
	"slices"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var b []byte
	b = AppendString(b, "page")
	b = AppendBytes(b, []byte{0, 1, 2})
	b = AppendUint(b, 1<<40)
	b = AppendBool(b, true)
	b = AppendStrings(b, []string{"a", "", "ccc"})
	b = append(b, "fixed"...)

	r := NewReader(b)
	if s := r.String(); s != "page" {
		t.Errorf("String = %q", s)
	}
	if got := r.Bytes(); !slices.Equal(got, []byte{0, 1, 2}) {
		t.Errorf("Bytes = %v", got)
	}
	if v := r.Uint(); v != 1<<40 {
		t.Errorf("Uint = %d", v)
	}
	if !r.Bool() {
		t.Error("Bool = false")
	}
	if ss := r.Strings(); !slices.Equal(ss, []string{"a", "", "ccc"}) {
		t.Errorf("Strings = %q", ss)
	}
	if f := string(r.Fixed(5)); f != "fixed" {
		t.Errorf("Fixed = %q", f)
	}
	if !r.Done() {
		t.Error("not done after reading everything")
	}
}

// Every cut of an encoding reads as bad, never as a panic or a huge loop.
func TestTruncated(t *testing.T) {
	b := AppendStrings(AppendString(nil, "value"), []string{"x", "yy"})
	for n := range len(b) {
		r := NewReader(b[:n])
		_ = r.String()
		_ = r.Strings()
		if r.Done() {
			t.Errorf("%d of %d bytes read as whole", n, len(b))
		}
	}
	r := NewReader(AppendUint(nil, 1<<50))
	if n := r.Count(); n != 0 || !r.Bad() {
		t.Errorf("a count larger than the bytes left read as %d", n)
	}
}
