package build

import (
	"strings"
	"testing"
	"time"
)

// TestViewHasherKeys checks the key scheme every stored value uses: the
// same value gives the same key in any hasher (so a key written to disk
// by one process finds its value in the next), whatever the order of a
// map's entries; a change to any field a template can read changes it;
// and what cannot be keyed (a func, a cycle of pointers) says so.
func TestViewHasherKeys(t *testing.T) {
	type item struct {
		Name  string
		Score float64
		When  time.Time
		Tags  map[string]int
		Next  *item
		Any   any
		notes string // templates cannot read it
	}
	loc := time.FixedZone("EST", -5*3600)
	make1 := func() *item {
		tags := map[string]int{}
		for _, k := range []string{"rates", "small caps", "breadth", "credit", "fx"} {
			tags[k] = len(k)
		}
		return &item{Name: "a", Score: 1.5, When: time.Date(2026, 3, 2, 9, 30, 0, 0, loc), Tags: tags,
			Next: &item{Name: "b"}, Any: []string{"x"}, notes: "one"}
	}
	sum := func(v any) key {
		t.Helper()
		k, ok := newViewHasher(nil).sum("item", v)
		if !ok {
			t.Fatalf("%#v cannot be keyed", v)
		}
		return k
	}
	base := sum(make1())
	for range 20 { // maps iterate in a new order each time
		if got := sum(make1()); got != base {
			t.Fatal("the same value gave two keys")
		}
	}
	same := make1()
	same.notes = "two"
	if sum(same) != base {
		t.Error("an unexported field, which no template reads, changed the key")
	}
	changes := map[string]func(*item){
		"name":         func(i *item) { i.Name = "A" },
		"score":        func(i *item) { i.Score = 1.25 },
		"instant":      func(i *item) { i.When = i.When.Add(time.Second) },
		"zone":         func(i *item) { i.When = i.When.In(time.UTC) },
		"map value":    func(i *item) { i.Tags["fx"] = 9 },
		"map key":      func(i *item) { delete(i.Tags, "fx"); i.Tags["fy"] = 2 },
		"pointee":      func(i *item) { i.Next.Name = "c" },
		"nil pointer":  func(i *item) { i.Next = nil },
		"dynamic type": func(i *item) { i.Any = [1]string{"x"} },
	}
	for name, change := range changes {
		i := make1()
		change(i)
		if sum(i) == base {
			t.Errorf("a change of %s left the key as it was", name)
		}
	}
	if sum("ab") == sum([]byte("ab")) || sum([]string{"a", "b"}) == sum([]string{"ab"}) {
		t.Error("two values encode the same")
	}
	if _, ok := newViewHasher(nil).sum("f", struct{ F func() }{func() {}}); ok {
		t.Error("a func was keyed")
	}
	loop := &item{Name: "loop"}
	loop.Next = loop
	if _, ok := newViewHasher(nil).sum("loop", loop); ok {
		t.Error("a cycle of pointers was keyed")
	}
}

// TestPathKey checks that pathKey, which hashes at once, keys as the
// encoder does.
func TestPathKey(t *testing.T) {
	for _, c := range [][2]string{{"file", "content/posts/a.md"}, {"", ""}, {"doc", strings.Repeat("é/", 300)}} {
		e := newEncoder(c[0])
		e.str(c[1])
		if got, want := pathKey(c[0], c[1]), e.sum(); got != want {
			t.Errorf("pathKey(%q, %q) = %x, want the encoder's %x", c[0], c[1], got, want)
		}
	}
	if pathKey("a", "bc") == pathKey("ab", "c") {
		t.Error("pathKey does not tell kind from name")
	}
}
