// Package keep keeps values from one build to the next, for the builds of
// a serve session. What a build uses (Get) or makes (Keep) goes into the
// next generation; End makes that the current one, letting go of what the
// build did not use, so a deleted page or an old version of one does not
// stay in memory. A build that looked at part of the site only (a quick
// build) Merges instead: what it did not look at stays.
//
// Its rules: a value is never changed once kept (builds share it), and a
// key says everything the value depends on, or the caller checks what it
// does not (Look, then Keep) before using it.
package keep

import "sync"

// Generations keeps values by key across builds. The zero value is empty
// and ready; it is safe for concurrent use.
type Generations[K comparable, V any] struct {
	mu        sync.Mutex
	cur, next map[K]V
}

// Look returns the value kept under key by an earlier build, without
// keeping it for the next: the caller checks it, then Keeps it.
func (g *Generations[K, V]) Look(key K) (V, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v, ok := g.cur[key]
	return v, ok
}

// Get returns the value kept under key by an earlier build, and keeps it
// for the next.
func (g *Generations[K, V]) Get(key K) (V, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v, ok := g.cur[key]
	if ok {
		g.start()
		g.next[key] = v
	}
	return v, ok
}

// Keep keeps v under key for the next build.
func (g *Generations[K, V]) Keep(key K, v V) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.start()
	g.next[key] = v
}

// Begin starts a generation for a build that looks at every value, so
// that End lets go of all it did not keep, even when it keeps nothing. The
// generation is made as large as the current one, with what the build
// kept before it began.
func (g *Generations[K, V]) Begin() {
	g.mu.Lock()
	defer g.mu.Unlock()
	next := make(map[K]V, max(len(g.cur), len(g.next)))
	for k, v := range g.next {
		next[k] = v
	}
	g.next = next
}

// start starts a generation that grows as values are kept: a build that
// keeps a few (a quick one, Merged) does not pay for a map the size of
// all of them.
func (g *Generations[K, V]) start() {
	if g.next == nil {
		g.next = map[K]V{}
	}
}

// End ends a build that looked at every value it may need: what it kept
// is what later builds find. Without Begin, Get or Keep since the last End
// or Merge, nothing changes.
func (g *Generations[K, V]) End() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.next != nil {
		g.cur, g.next = g.next, nil
	}
}

// Merge ends a build that looked at part of the values only: what it kept
// joins the values kept before, a new value taking its key's place.
func (g *Generations[K, V]) Merge() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.cur == nil {
		g.cur = map[K]V{}
	}
	for k, v := range g.next {
		g.cur[k] = v
	}
	g.next = nil
}

// Retain keeps only the values, of the current generation and of the one
// being made, that keep says yes to.
func (g *Generations[K, V]) Retain(keep func(K, V) bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, m := range []map[K]V{g.cur, g.next} {
		for k, v := range m {
			if !keep(k, v) {
				delete(m, k)
			}
		}
	}
}

// Len returns the number of values later builds may find.
func (g *Generations[K, V]) Len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.cur)
}

// Reset lets go of every value.
func (g *Generations[K, V]) Reset() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.cur, g.next = nil, nil
}
