package query

import (
	"bytes"
	"hash/maphash"
	"io/fs"
	"path"
	"slices"
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
	enc     []byte // the encoded result, as Load read it or Release kept it
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
	h := maphash.String(s.seed, id.arg) ^ maphash.String(s.seed, id.kind)*0x9e3779b97f4a7c15
	return &s.shards[h%shards]
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
		// A file added or removed changes the listing of its folder, and
		// a folder the store has not listed (a new one, say) the listing
		// of the folder above it too. A file edited in place leaves it.
		if s.stillListed(p) {
			continue
		}
		for d := path.Dir(p); ; d = path.Dir(d) {
			m := s.lookup(qid{dirKind, d})
			if m != nil {
				m.checked.Store(0)
			}
			if m != nil && m.listed() || d == "." || d == "/" {
				break
			}
		}
	}
	return &Ctx{s: s}
}

// stillListed reports whether the listing the store holds of p's folder
// names p as what p is now (a file, a folder), so that a change of p
// leaves the listing as it is. A link, or anything the store cannot tell,
// is not: its folder is listed again.
func (s *Store) stillListed(p string) bool {
	m := s.lookup(qid{dirKind, path.Dir(p)})
	if m == nil {
		return false
	}
	m.mu.Lock()
	list, ok := m.val.([]Entry)
	ok = ok && m.has && m.err == nil
	m.mu.Unlock()
	if !ok {
		return false
	}
	at, found := slices.BinarySearchFunc(list, path.Base(p), func(e Entry, n string) int { return strings.Compare(e.Name, n) })
	if !found {
		return false
	}
	info, err := fs.Stat(s.src, p)
	e := list[at]
	return err == nil && e.Dir == info.IsDir() && (e.Type == 0) == info.Mode().IsRegular()
}

// listed reports whether m, a folder's memo, holds its listing: a folder
// asked for while it was not there holds an error, and the folder above
// it is listed again when it is made.
func (m *memo) listed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.has && m.err == nil
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

// Release lets go of the results the store holds in memory, keeping
// what Save writes: a file's sum without its bytes, a result its kind
// encodes as its encoding, any other result's sum and reads only. It is
// for a store made for one build (tearsheet build's), once the build has
// taken what it needs: the values it got are then the build's alone, and
// the memory of a file's bytes goes with the last value that points into
// them. A result asked for again in the same build is decoded or made
// again, and a file read again. Call it while no query runs.
func (s *Store) Release() {
	s.each(func(m *memo) bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		if !m.ready.Load() {
			return true
		}
		switch def := s.kinds[m.id.kind]; {
		case m.id.kind == fileKind:
		case def != nil:
			if m.hasEnc {
				break // decoded from it
			}
			if enc, ok := def.encode(m.val); ok {
				m.enc, m.hasEnc = enc, true
			}
		default:
			return true // a folder's listing, a mode, a value set: small
		}
		m.val = nil
		m.ready.Store(false)
		return true
	})
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

// Has reports whether the store keeps a result of the query of kind
// with arg.
func (s *Store) Has(kind, arg string) bool {
	m := s.lookup(qid{kind, arg})
	return m != nil && m.has
}

// Held returns the results of kind the store holds in memory, by
// argument, as the last build left them (not checked): for tests.
func (s *Store) Held(kind string) map[string]any {
	held := map[string]any{}
	s.each(func(m *memo) bool {
		if m.id.kind == kind && m.ready.Load() {
			held[m.id.arg] = m.val
		}
		return true
	})
	return held
}
