package output

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// TestMemoryFrom makes a chain of Memories, each from the last, as a
// preview server's builds do, with seeded random writes: some builds write
// a few files and remove others, some write most files again and Sweep
// the rest. After every build it checks that each Memory of the chain
// still holds exactly its own build's files (a model kept as plain maps),
// and that Changed names exactly the files whose bytes differ from the
// last build's. Readers of older Memories run meanwhile (for go test
// -race).
func TestMemoryFrom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := make([]string, 300)
	for i := range names {
		names[i] = fmt.Sprintf("d%d/f%d.html", i%7, i)
	}
	first := NewMemory()
	model := map[string][]byte{}
	for _, n := range names[:200] {
		b := []byte("v0 " + n)
		if err := first.Share(n, b); err != nil {
			t.Fatal(err)
		}
		model[n] = b
	}
	if got := first.Seal(); !slices.Equal(got, slices.Sorted(maps.Keys(model))) {
		t.Fatalf("a first build's Changed: %d names, want all %d", len(got), len(model))
	}
	mems, models := []*Memory{first}, []map[string][]byte{model}
	var wg sync.WaitGroup
	defer wg.Wait()
	for build := 1; build <= 60; build++ {
		prev, last := mems[len(mems)-1], models[len(models)-1]
		wg.Add(1)
		go func() { // a reader of a build being replaced
			defer wg.Done()
			for _, n := range names {
				prev.Get(n)
			}
		}()
		m := NewMemoryFrom(prev, 0)
		model = maps.Clone(last)
		written := map[string]bool{}
		share := func(n string, b []byte) {
			err := m.Share(n, b)
			if written[n] {
				if err == nil {
					t.Fatalf("build %d: %s written twice without an error", build, n)
				}
				return
			}
			if err != nil {
				t.Fatalf("build %d: %s: %v", build, n, err)
			}
			if !m.Wrote(n) {
				t.Fatalf("build %d: Wrote(%s) is false after Share", build, n)
			}
			written[n] = true
			model[n] = b
		}
		// The bytes of a file made again: the last build's (shared, or a
		// copy), or new ones.
		again := func(n string) []byte {
			switch old, ok := last[n]; {
			case ok && rng.IntN(2) == 0:
				return old
			case ok && rng.IntN(2) == 0:
				return slices.Clone(old)
			}
			return []byte(fmt.Sprintf("v%d %s", build, n))
		}
		if build%3 == 0 { // a full build: most files again, then Sweep
			model = map[string][]byte{}
			for _, n := range names {
				if rng.IntN(4) != 0 {
					share(n, again(n))
				}
			}
			m.Sweep()
		} else {
			for range rng.IntN(40) + 1 {
				n := names[rng.IntN(len(names))]
				if rng.IntN(3) == 0 {
					m.Remove(n)
					delete(model, n)
					delete(written, n)
					continue
				}
				share(n, again(n))
			}
		}
		var want []string
		for _, n := range names {
			if b, ok := model[n]; ok != (last[n] != nil) || string(b) != string(last[n]) {
				want = append(want, n)
			}
		}
		slices.Sort(want)
		if got := m.Seal(); !slices.Equal(got, want) {
			t.Fatalf("build %d: Changed %v, want %v", build, got, want)
		}
		mems, models = append(mems, m), append(models, model)
		for k, m := range mems {
			checkMemory(t, fmt.Sprintf("build %d, memory %d", build, k), m, models[k], names)
		}
	}
	if err := mems[len(mems)-1].Share("../x", nil); err == nil {
		t.Error("a name outside the site was stored")
	}
}

func checkMemory(t *testing.T, what string, m *Memory, want map[string][]byte, names []string) {
	t.Helper()
	if got := m.Names(); !slices.Equal(got, slices.Sorted(maps.Keys(want))) {
		t.Fatalf("%s: names %v, want %v", what, got, slices.Sorted(maps.Keys(want)))
	}
	if m.Len() != len(want) {
		t.Fatalf("%s: Len %d, want %d", what, m.Len(), len(want))
	}
	for _, n := range names {
		b, ok := m.Get(n)
		w, wok := want[n]
		if ok != wok || string(b) != string(w) {
			t.Fatalf("%s: %s is %q (%t), want %q (%t)", what, n, b, ok, w, wok)
		}
	}
	seen := 0
	m.Range(func(name string, data []byte) {
		seen++
		if string(want[name]) != string(data) {
			t.Errorf("%s: Range gives %s as %q, want %q", what, name, data, want[name])
		}
	})
	if seen != len(want) {
		t.Fatalf("%s: Range gave %d files, want %d", what, seen, len(want))
	}
}

// TestMemoryGrow: Grow makes room in a Memory made from another without
// changing what it holds or what it notes as changed; once a file is
// written it does nothing.
func TestMemoryGrow(t *testing.T) {
	prev := NewMemory()
	for _, name := range []string{"a.html", "b.html"} {
		if err := prev.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	m := NewMemoryFrom(prev, 0)
	m.Grow(m.Len())
	if err := m.WriteFile("a.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	m.Grow(100) // a file is written: nothing changes
	if got, _ := m.Get("a.html"); string(got) != "new" {
		t.Errorf("a.html = %q after Grow, want the bytes written", got)
	}
	if got, _ := m.Get("b.html"); string(got) != "b.html" {
		t.Errorf("b.html = %q, want the earlier build's", got)
	}
	if changed := m.Seal(); m.Len() != 2 || !slices.Equal(changed, []string{"a.html"}) {
		t.Errorf("Len %d, Seal %v; want 2, [a.html]", m.Len(), changed)
	}
}

// TestMemoryLetsGo: files that go count as changes, so a Memory made after
// most of the base's files went starts from a copy of what is left rather
// than keep holding the bytes of the files gone.
func TestMemoryLetsGo(t *testing.T) {
	first := NewMemory()
	for i := range 1000 {
		if err := first.WriteFile(fmt.Sprintf("f%d.html", i), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	second := NewMemoryFrom(first, 0)
	for i := range 900 {
		second.Remove(fmt.Sprintf("f%d.html", i))
	}
	third := NewMemoryFrom(second, 0)
	if second.base == nil || len(second.base.names) != 1000 {
		t.Fatalf("the second Memory's base holds %v files, want the first's 1,000", second.base)
	}
	if len(third.base.names) != 100 || third.Len() != 100 {
		t.Errorf("the third Memory's base holds %d files (Len %d), want the 100 left", len(third.base.names), third.Len())
	}
	// A few gone is not worth a copy.
	fourth := NewMemoryFrom(third, 0)
	fourth.Remove("f950.html")
	fourth.Seal()
	if fifth := NewMemoryFrom(fourth, 0); fifth.base != third.base || fifth.Len() != 99 {
		t.Errorf("after one file went, the base was copied (or Len %d, want 99)", fifth.Len())
	}
}

// TestMemorySealLetsGo: a build that wrote every file again with other
// bytes (a preview after a stylesheet edit) holds none of the earlier
// build's bytes once sealed, though no Memory is made from it yet; one
// that changed a few keeps sharing its base.
func TestMemorySealLetsGo(t *testing.T) {
	first := NewMemory()
	for i := range 1000 {
		if err := first.WriteFile(fmt.Sprintf("f%d.html", i), []byte("old")); err != nil {
			t.Fatal(err)
		}
	}
	first.Seal()
	second := NewMemoryFrom(first, 0)
	base := second.base
	for i := range 1000 {
		if err := second.WriteFile(fmt.Sprintf("f%d.html", i), []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	second.Sweep()
	if changed := second.Seal(); len(changed) != 1000 {
		t.Fatalf("Seal returned %d names, want 1,000", len(changed))
	}
	if second.base == base || second.was != nil {
		t.Error("the sealed Memory still holds the earlier build's files")
	}
	for at, data := range second.base.data {
		if string(data) != "new" || !second.alive.has(at) {
			t.Fatalf("%s: %q (held %v) in the sealed base, want \"new\"", second.base.names[at], data, second.alive.has(at))
		}
	}
	want := map[string][]byte{}
	for i := range 1000 {
		want[fmt.Sprintf("f%d.html", i)] = []byte("new")
	}
	checkMemory(t, "sealed", second, want, slices.Collect(maps.Keys(want)))
	third := NewMemoryFrom(second, 0)
	if err := third.WriteFile("f7.html", []byte("edit")); err != nil {
		t.Fatal(err)
	}
	if changed := third.Seal(); !slices.Equal(changed, []string{"f7.html"}) || third.base != second.base {
		t.Errorf("after one edit: Seal %v (want [f7.html]); base copied: %v", changed, third.base != second.base)
	}
	if got, _ := third.Get("f7.html"); string(got) != "edit" || third.Len() != 1000 {
		t.Errorf("f7.html = %q, Len %d; want \"edit\", 1,000", got, third.Len())
	}
}
