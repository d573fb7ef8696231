package output

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// TestMemoryOver makes a chain of Memories, each over the last, with
// seeded random writes and removals, as a preview server's builds do, and
// checks after every build that each Memory of the chain still holds
// exactly its own build's files (a model kept as plain maps): later builds
// change none of them, also once the chain starts again from a copy.
// Readers of older Memories run meanwhile (for go test -race).
func TestMemoryOver(t *testing.T) {
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
	mems, models := []*Memory{first}, []map[string][]byte{model}
	var wg sync.WaitGroup
	defer wg.Wait()
	for build := 1; build <= 60; build++ {
		prev := mems[len(mems)-1]
		wg.Add(1)
		go func() { // a reader of a build being replaced
			defer wg.Done()
			for _, n := range names {
				prev.Get(n)
			}
		}()
		m := NewMemoryOver(prev)
		model = maps.Clone(models[len(models)-1])
		written := map[string]bool{}
		for range rng.IntN(40) + 1 {
			n := names[rng.IntN(len(names))]
			if rng.IntN(3) == 0 {
				m.Remove(n)
				delete(model, n)
				delete(written, n)
				continue
			}
			b := []byte(fmt.Sprintf("v%d %s", build, n))
			err := m.Share(n, b)
			if written[n] {
				if err == nil {
					t.Fatalf("build %d: %s written twice without an error", build, n)
				}
				continue
			}
			if err != nil {
				t.Fatalf("build %d: %s: %v", build, n, err)
			}
			written[n] = true
			model[n] = b
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
