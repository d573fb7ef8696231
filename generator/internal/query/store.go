package query

import (
	"bytes"
	"hash/maphash"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"
)

// Store keeps the results of queries with what they read. It is safe for
// use by many goroutines within a build; Begin, End, Save and Load are
// called between builds.
type Store struct {
	src    fs.FS
	kinds  map[string]Definition
	seed   maphash.Seed
	shards [shards]shard
	epoch  atomic.Uint64 // the build under way
	// inputsSince is the first build whose reads of files and folders
	// hold: Begin(nil) reads every file again.
	inputsSince atomic.Uint64
	runsMu      sync.Mutex
	runs        map[string]int // the queries run since Begin, by kind
}

// shards is the number of parts of the store's map, each with its lock,
// so that the workers of a build rarely wait for one another.
const shards = 64

type shard struct {
	mu sync.Mutex
	m  map[qid]*memo
	_  [40]byte // one cache line each
}

// qid is what names a query: its kind and argument.
type qid struct{ kind, arg string }

// memo is one query's result with what it read. Its fields but checked
// and ready are guarded by mu; once checked is this build's, its result,
// sum and error stay as they are for the build, and may be read without
// the lock (ready says the result is there too).
type memo struct {
	mu      sync.Mutex
	id      qid
	key     Key           // keyOf(id), as Save names it
	checked atomic.Uint64 // the build in which it was last checked or run
	ready   atomic.Bool   // val holds the result
	has     bool          // it has a sum and reads: it ran, here or before Load
	sum     Key
	reads   []read
	val     any
	enc     []byte // the encoded result, as Load read it, until decoded
	hasEnc  bool
	err     error
}

// read is a query's read of another's result: its memo, and its sum then.
type read struct {
	m   *memo // nil when Load found no memo of the key it read
	sum Key
}

// NewStore returns an empty Store whose inputs are the files of src and
// whose queries are of the kinds given.
func NewStore(src fs.FS, kinds ...Definition) *Store {
	s := &Store{src: src, kinds: map[string]Definition{}, seed: maphash.MakeSeed(), runs: map[string]int{}}
	for _, k := range kinds {
		s.kinds[k.name()] = k
	}
	for i := range s.shards {
		s.shards[i].m = map[qid]*memo{}
	}
	return s
}

func (s *Store) shard(id qid) *shard {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.WriteString(id.kind)
	h.WriteByte(0)
	h.WriteString(id.arg)
	return &s.shards[h.Sum64()%shards]
}

// memo returns the memo of the query of kind with arg, made empty when new.
func (s *Store) memo(kind, arg string) *memo {
	id := qid{kind, arg}
	sh := s.shard(id)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	m := sh.m[id]
	if m == nil {
		m = &memo{id: id, key: keyOf(kind, arg)}
		sh.m[id] = m
	}
	return m
}

// lookup returns the memo of id, nil when there is none.
func (s *Store) lookup(id qid) *memo {
	sh := s.shard(id)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.m[id]
}

// each calls f with every memo, shard by shard, with the shard locked;
// f returns false to let go of the memo.
func (s *Store) each(f func(*memo) bool) {
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		for id, m := range sh.m {
			if !f(m) {
				delete(sh.m, id)
			}
		}
		sh.mu.Unlock()
	}
}

// Begin starts a build and returns the context its queries are asked
// from. changed lists the files and folders (slash paths from the root of
// the store's files; a folder stands for everything under it) that
// changed since the last build; nil means not known: every file is read
// again, and a result that read it is checked against its new sum.
func (s *Store) Begin(changed []string) *Ctx {
	epoch := s.epoch.Add(1)
	s.runsMu.Lock()
	clear(s.runs)
	s.runsMu.Unlock()
	if changed == nil {
		s.inputsSince.Store(epoch)
		return &Ctx{s: s}
	}
	for _, p := range changed {
		p = path.Clean(p)
		if m := s.lookup(qid{fileKind, p}); m != nil {
			m.checked.Store(0) // a file edited, or removed
			if m := s.lookup(qid{statKind, p}); m != nil {
				m.checked.Store(0)
			}
		} else if m := s.lookup(qid{statKind, p}); m != nil {
			m.checked.Store(0) // a link, which the store did not read
		} else {
			// A folder, or a file the store has not read: whatever the
			// store read under it.
			s.each(func(m *memo) bool {
				if (m.id.kind == fileKind || m.id.kind == dirKind || m.id.kind == statKind) && within(m.id.arg, p) {
					m.checked.Store(0)
				}
				return true
			})
		}
		// A file added or removed changes the listing of its folders.
		for d := path.Dir(p); ; d = path.Dir(d) {
			if m := s.lookup(qid{dirKind, d}); m != nil {
				m.checked.Store(0)
			}
			if d == "." || d == "/" {
				break
			}
		}
	}
	return &Ctx{s: s}
}

// Set gives the input name (Ctx.Input) the value v for the next build:
// a query that read another value runs again. The driver sets every
// input before every build (Begin), as a build lets go of the inputs it
// did not read, and Load keeps their sums only.
func (s *Store) Set(name string, v []byte) {
	m := s.memo(setKind, name)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.has, m.val, m.err, m.reads = true, bytes.Clone(v), nil, nil
	m.sum = Sum(append([]byte(setKind+"\x00"), v...))
	m.ready.Store(true)
	m.checked.Store(0)
}

// within reports whether name is p or under the folder p.
func within(name, p string) bool {
	return name == p || p == "." || strings.HasPrefix(name, p+"/")
}

// End ends a build. When sweep is true (the build succeeded) the store
// lets go of every result the build neither checked nor made; else it
// keeps them all, so that the build after a fix finds them.
func (s *Store) End(sweep bool) {
	if !sweep {
		return
	}
	epoch := s.epoch.Load()
	s.each(func(m *memo) bool { return m.checked.Load() == epoch })
}

// Len is the number of results kept.
func (s *Store) Len() int {
	n := 0
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.Lock()
		n += len(sh.m)
		sh.mu.Unlock()
	}
	return n
}

// Runs is the number of queries of kind run since Begin.
func (s *Store) Runs(kind string) int {
	s.runsMu.Lock()
	defer s.runsMu.Unlock()
	return s.runs[kind]
}

// ran counts a run of a query of kind.
func (s *Store) ran(kind string) {
	s.runsMu.Lock()
	s.runs[kind]++
	s.runsMu.Unlock()
}
