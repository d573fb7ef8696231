// Package keep keeps values from one build to the next, for the builds of
// a serve session. What a build uses (Get) or makes (Keep) is marked with
// the build's generation; End lets go of every value the build did not
// mark, so a deleted page or an old version of one does not stay in
// memory. A build that looked at part of the site only (a quick build)
// Merges instead: what it did not look at stays.
//
// Its rules: a value is never changed once kept (builds share it), and a
// key says everything the value depends on, or the caller checks what it
// does not (GetIf, or Look then Keep) before using it.
package keep

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// Generations keeps values by key across builds. The zero value is empty
// and ready; it is safe for concurrent use. Its values are spread over
// shards, each a map with its own lock, and a build marks what it uses in
// place rather than copying it into a new map: at 10,000 articles a build
// looks at about 60,000 values, and copying them cost a Session's full
// build a tenth of its CPU.
//
// A value kept is seen at once, by the build that keeps it too: a build
// keeps a value under a key only after it has looked at what was there.
type Generations[K comparable, V any] struct {
	once   sync.Once
	seed   maphash.Seed
	shards [shards]shard[K, V]
	n      atomic.Int64
	// gen is the generation of the build under way; touched says it has
	// begun, used or kept a value.
	gen     atomic.Uint64
	touched atomic.Bool
}

// shards is how many maps the values are spread over, each with its own
// lock, so that a build's workers seldom wait for each other.
const shards = 64

type shard[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]*slot[V]
	_  [32]byte // one cache line each
}

// shard returns the shard of key.
func (g *Generations[K, V]) shard(key K) *shard[K, V] {
	g.once.Do(func() { g.seed = maphash.MakeSeed() })
	return &g.shards[maphash.Comparable(g.seed, key)%shards]
}

// load returns the slot of key, or nil.
func (g *Generations[K, V]) load(key K) *slot[V] {
	sh := g.shard(key)
	sh.mu.RLock()
	s := sh.m[key]
	sh.mu.RUnlock()
	return s
}

// slot is a value and the generation of the last build that used it.
type slot[V any] struct {
	v   V
	gen atomic.Uint64
}

// Look returns the value kept under key by an earlier build, without
// marking it used: the caller checks it, then Keeps it.
func (g *Generations[K, V]) Look(key K) (V, bool) {
	if s := g.load(key); s != nil {
		return s.v, true
	}
	var zero V
	return zero, false
}

// Get returns the value kept under key by an earlier build, and marks it
// used: the build's End keeps it.
func (g *Generations[K, V]) Get(key K) (V, bool) {
	return g.GetIf(key, func(V) bool { return true })
}

// GetIf returns the value kept under key by an earlier build when valid
// says it still holds, and marks it used: Look, check, then use at once.
func (g *Generations[K, V]) GetIf(key K, valid func(V) bool) (V, bool) {
	var zero V
	sl := g.load(key)
	if sl == nil || !valid(sl.v) {
		return zero, false
	}
	g.mark(sl)
	return sl.v, true
}

// Keep keeps v under key, used by this build, in place of what was kept
// there.
func (g *Generations[K, V]) Keep(key K, v V) {
	sl := &slot[V]{v: v}
	g.mark(sl)
	sh := g.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if _, had := sh.m[key]; !had {
		g.n.Add(1)
	}
	if sh.m == nil {
		sh.m = map[K]*slot[V]{}
	}
	sh.m[key] = sl
}

func (g *Generations[K, V]) mark(sl *slot[V]) {
	if gen := g.gen.Load(); sl.gen.Load() != gen {
		sl.gen.Store(gen)
	}
	if !g.touched.Load() {
		g.touched.Store(true)
	}
}

// Begin starts a build that looks at every value, so that End lets go of
// all it did not use, even when it uses nothing. What was kept since the
// last End or Merge counts as this build's.
func (g *Generations[K, V]) Begin() { g.touched.Store(true) }

// End ends a build that looked at every value it may need: what it did not
// use or keep goes. Without Begin, Get or Keep since the last End or
// Merge, nothing changes. No other method may run meanwhile.
func (g *Generations[K, V]) End() {
	if g.touched.Load() {
		gen := g.gen.Load()
		g.retain(func(_ K, s *slot[V]) bool { return s.gen.Load() == gen })
	}
	g.next()
}

// Merge ends a build that looked at part of the values only: what it kept
// has taken its key's place, and the rest stays.
func (g *Generations[K, V]) Merge() { g.next() }

func (g *Generations[K, V]) next() {
	g.gen.Add(1)
	g.touched.Store(false)
}

// Delete lets go of the value kept under key, and reports whether there
// was one.
func (g *Generations[K, V]) Delete(key K) bool {
	sh := g.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	_, had := sh.m[key]
	if had {
		delete(sh.m, key)
		g.n.Add(-1)
	}
	return had
}

// Retain keeps only the values that keep says yes to.
func (g *Generations[K, V]) Retain(keep func(K, V) bool) {
	g.retain(func(k K, s *slot[V]) bool { return keep(k, s.v) })
}

func (g *Generations[K, V]) retain(keep func(K, *slot[V]) bool) {
	for i := range g.shards {
		sh := &g.shards[i]
		sh.mu.Lock()
		for k, s := range sh.m {
			if !keep(k, s) {
				delete(sh.m, k)
				g.n.Add(-1)
			}
		}
		sh.mu.Unlock()
	}
}

// Len returns the number of values kept.
func (g *Generations[K, V]) Len() int { return int(g.n.Load()) }
