package keep

import (
	"slices"
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
	if _, ok := g.Get("a"); ok {
		t.Error("a value kept shows before End")
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
	// A build that begins and keeps nothing lets go of everything.
	g.Begin()
	g.End()
	if got := have(&g, "a", "c", "d"); len(got) != 0 || g.Len() != 0 {
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
