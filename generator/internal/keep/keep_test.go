package keep

import (
	"slices"
	"sync"
	"testing"
)

func TestGenerations(t *testing.T) {
	var g Generations[string, int]
	if _, ok := g.Get("a"); ok {
		t.Fatal("an empty Generations has a value")
	}
	g.End() // nothing begun: nothing changes
	g.Keep("a", 1)
	g.Keep("b", 2)
	if v, ok := g.Look("a"); !ok || v != 1 {
		t.Errorf("a value kept does not show at once: Look(a) = %d, %v", v, ok)
	}
	g.End()
	// A build uses a, looks at b without keeping it, and makes c.
	if v, ok := g.Get("a"); !ok || v != 1 {
		t.Errorf("Get(a) = %d, %v", v, ok)
	}
	if v, ok := g.Look("b"); !ok || v != 2 {
		t.Errorf("Look(b) = %d, %v", v, ok)
	}
	g.Keep("c", 3)
	g.End()
	if got := have(&g, "a", "b", "c"); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("after End: %v, want a and c (b was not kept)", got)
	}
	// A partial build keeps d and a new c; the rest stays.
	g.Keep("d", 4)
	g.Keep("c", 30)
	g.Merge()
	if got := have(&g, "a", "b", "c", "d"); !slices.Equal(got, []string{"a", "c", "d"}) {
		t.Errorf("after Merge: %v, want a, c and d", got)
	}
	if v, _ := g.Look("c"); v != 30 {
		t.Errorf("c = %d after Merge, want the new 30", v)
	}
	// Retain lets go of what no longer holds, between builds.
	g.Retain(func(k string, _ int) bool { return k != "a" })
	if got := have(&g, "a", "c", "d"); !slices.Equal(got, []string{"c", "d"}) || g.Len() != 2 {
		t.Errorf("after Retain: %v (Len %d), want c and d", got, g.Len())
	}
	// Delete lets go of one value, and says whether there was one.
	if !g.Delete("d") || g.Delete("d") || g.Delete("x") {
		t.Error("Delete did not report what it let go of")
	}
	if got := have(&g, "c", "d"); !slices.Equal(got, []string{"c"}) || g.Len() != 1 {
		t.Errorf("after Delete(d): %v (Len %d), want c", got, g.Len())
	}
	// A build that begins and keeps nothing lets go of everything.
	g.Begin()
	g.End()
	if got := have(&g, "a", "c"); len(got) != 0 || g.Len() != 0 {
		t.Errorf("after an empty build: %v", got)
	}
	// What a build kept before it began stays kept.
	g.Keep("e", 5)
	g.Begin()
	g.End()
	if got := have(&g, "e"); len(got) != 1 || g.Len() != 1 {
		t.Errorf("a value kept before Begin: %v after End", got)
	}
}

func have(g *Generations[string, int], keys ...string) []string {
	var out []string
	for _, k := range keys {
		if _, ok := g.Look(k); ok {
			out = append(out, k)
		}
	}
	return out
}

// TestGenerationsConcurrent has workers use, check and keep values at once,
// as a build's do (go test -race): End then holds exactly what they used
// or kept.
func TestGenerationsConcurrent(t *testing.T) {
	var g Generations[int, int]
	for k := range 1000 {
		g.Keep(k, k)
	}
	g.End()
	g.Begin()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < 1000; k += 4 {
				switch k % 4 {
				case 0: // used as it is
					if v, ok := g.Get(k); !ok || v != k {
						t.Errorf("Get(%d) = %d, %v", k, v, ok)
					}
				case 1: // checked, and still good
					if _, ok := g.GetIf(k, func(v int) bool { return v == k }); !ok {
						t.Errorf("GetIf(%d) failed", k)
					}
				case 2: // made again
					g.Keep(k, -k)
				case 3: // checked, and no longer good: let go
					if _, ok := g.GetIf(k, func(v int) bool { return v != k }); ok {
						t.Errorf("GetIf(%d) took a value its check refused", k)
					}
					g.Look(k)
				}
			}
		}()
	}
	wg.Wait()
	g.End()
	if g.Len() != 750 {
		t.Errorf("Len = %d after End, want 750", g.Len())
	}
	for k := range 1000 {
		v, ok := g.Look(k)
		switch want := k; k % 4 {
		case 2:
			want = -k
			fallthrough
		case 0, 1:
			if !ok || v != want {
				t.Errorf("after End: %d = %d, %v; want %d", k, v, ok, want)
			}
		case 3:
			if ok {
				t.Errorf("after End: %d stays, though no build used it", k)
			}
		}
	}
}
