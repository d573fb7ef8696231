package output

import (
	"bytes"
	"fmt"
	"math/bits"
	"slices"
	"sync"
)

// Memory keeps a build's files in memory, for the preview server and tests.
//
// A Memory made from the Memory of an earlier build (NewMemoryFrom) holds
// that build's files as well, without copying them, and knows which of its
// files differ from them (Seal). A build that changes a few files of
// many writes those and Removes those that go, and costs what it changes;
// one that writes every file again Sweeps the files it did not write, and
// a file it writes with the very bytes held (the same slice: a page taken
// from a Session's store) costs a look-up and a bit, not an entry of a
// map. Either way no one compares the two builds file by file afterwards.
// A Memory is safe for concurrent use; one that another is made from must
// not change afterwards.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte // written into this Memory, but for those in kept
	// A Memory made from another holds, besides what is written into it,
	// the files of base that alive marks, but for those the earlier builds
	// changed since, whose bytes are in delta with what they added. kept
	// marks the files of base written into this Memory with the bytes
	// held. alive, kept and delta are this Memory's own.
	base        *flat
	alive, kept bitset
	delta       map[string][]byte
	n           int // the files it holds
	// from is true for a Memory made from an earlier build's; was then
	// holds, for every name written with other bytes than those held, or
	// removed, what the earlier build held (see Changed).
	from bool
	was  map[string]was
}

// flat is the files of a build, which never change: the base of the
// Memories made from it.
type flat struct {
	index map[string]int
	names []string
	data  [][]byte
}

// newFlat returns the files f calls its argument with.
func newFlat(n int, each func(f func(name string, data []byte))) *flat {
	fl := &flat{index: make(map[string]int, n), names: make([]string, 0, n), data: make([][]byte, 0, n)}
	each(func(name string, data []byte) {
		fl.index[name] = len(fl.names)
		fl.names, fl.data = append(fl.names, name), append(fl.data, data)
	})
	return fl
}

// was is what a Memory's earlier build held under a name.
type was struct {
	data []byte
	held bool
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return NewMemorySize(0) }

// NewMemorySize returns an empty Memory with room for about n files.
func NewMemorySize(n int) *Memory { return &Memory{files: make(map[string][]byte, n)} }

// NewMemoryFrom returns a Memory that holds the files of prev, the Memory
// of an earlier build, which must not change afterwards, with room for
// about n files written: Share adds or replaces a file, Remove drops one,
// Sweep drops every file not written. prev itself is unchanged. Once what
// the Memories made from one base changed adds up to an eighth of its
// files (worn), the new one starts from a copy of all of prev's, unless
// Seal made that copy already.
func NewMemoryFrom(prev *Memory, n int) *Memory {
	prev.mu.Lock()
	defer prev.mu.Unlock()
	m := &Memory{files: make(map[string][]byte, n), n: prev.n, from: true, was: map[string]was{}}
	if prev.base != nil && !prev.worn() {
		m.base, m.alive, m.kept = prev.base, prev.alive.or(prev.kept), newBitset(len(prev.base.names))
		m.delta = make(map[string][]byte, len(prev.delta)+len(prev.files))
		for name, data := range prev.delta {
			m.delta[name] = data
		}
		for name, data := range prev.files {
			m.delta[name] = data
		}
		return m
	}
	m.flatten(prev)
	return m
}

// worn reports whether what changed since m's base, counting the files of
// the base that went, whose bytes the base holds until a copy replaces it,
// adds up to an eighth of the base's files.
func (m *Memory) worn() bool {
	alive := m.alive.or(m.kept)
	return len(m.delta)+len(m.files)+len(m.base.names)-alive.count() > len(m.base.names)/8+64
}

// flatten makes m's base a copy of the files of from (m itself, or the
// Memory m is made from), all held and none written yet.
func (m *Memory) flatten(from *Memory) {
	m.base = newFlat(from.n, from.rangeLocked)
	m.alive, m.kept, m.delta = newBitset(len(m.base.names)).all(len(m.base.names)), newBitset(len(m.base.names)), map[string][]byte{}
}

// Grow makes room for about n files written, when none is yet and m is
// not made from another (whose build writes into it only what changed).
func (m *Memory) Grow(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.files) == 0 && n > 0 && m.base == nil {
		m.files = make(map[string][]byte, n)
	}
}

// WriteFile stores a copy of data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	return m.Share(name, append([]byte(nil), data...))
}

// Share stores data under name without copying it: the caller promises
// never to change it (a Session's cached pages). A name written before
// into this Memory is an error; one it holds from an earlier build is
// replaced.
func (m *Memory) Share(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	at, inBase := m.baseAt(name)
	if inBase && m.kept.has(at) {
		return fmt.Errorf("output: %s written twice", name)
	}
	old, changed := m.delta[name]
	held := changed || inBase && m.alive.has(at)
	if held && !changed {
		old = m.base.data[at]
	}
	same := held && sameSlice(old, data)
	if same && !changed {
		m.kept.set(at) // the base's own bytes: no entry
		return nil
	}
	if !held {
		// A name held was checked when it was first written.
		if err := CheckName(name); err != nil {
			return err
		}
		m.n++
	}
	if m.from && !same {
		m.remember(name, old, held)
	}
	m.files[name] = data
	return nil
}

// baseAt returns where name is in m's base, if it is.
func (m *Memory) baseAt(name string) (int, bool) {
	if m.base == nil {
		return 0, false
	}
	at, ok := m.base.index[name]
	return at, ok
}

// remember keeps what the earlier build held under name the first time
// this Memory changes it.
func (m *Memory) remember(name string, data []byte, held bool) {
	if _, seen := m.was[name]; !seen {
		m.was[name] = was{data: data, held: held}
	}
}

// Remove drops the file name, if m holds it.
func (m *Memory) Remove(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	at, inBase := m.baseAt(name)
	_, own := m.files[name]
	old, held := m.inherited(name) // a file kept is held
	if !own && !held {
		return
	}
	m.n--
	if m.from {
		m.remember(name, old, held)
	}
	delete(m.files, name)
	delete(m.delta, name)
	if inBase {
		m.kept.clear(at)
		m.alive.clear(at)
	}
}

// inherited returns the file name as m holds it from earlier builds.
func (m *Memory) inherited(name string) ([]byte, bool) {
	if b, ok := m.delta[name]; ok {
		return b, true
	}
	if at, ok := m.baseAt(name); ok && m.alive.has(at) {
		return m.base.data[at], true
	}
	return nil, false
}

// Wrote reports whether name was written into m (not only held from the
// earlier builds).
func (m *Memory) Wrote(name string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[name]; ok {
		return true
	}
	at, ok := m.baseAt(name)
	return ok && m.kept.has(at)
}

// Sweep drops every file m holds from the earlier builds that was not
// written into m since: after it, m holds exactly the files written.
func (m *Memory) Sweep() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.base == nil {
		return
	}
	for name, data := range m.delta {
		if _, own := m.files[name]; !own {
			m.remember(name, data, true)
		}
	}
	for at := range m.alive.minus(m.kept).each() {
		name := m.base.names[at]
		if _, changed := m.delta[name]; changed {
			continue // remembered with delta's bytes above
		}
		if _, own := m.files[name]; !own {
			m.remember(name, m.base.data[at], true)
		}
	}
	m.alive, m.delta = m.kept.or(nil), map[string][]byte{}
	m.n = len(m.files) + m.kept.count()
}

// Seal ends the build that wrote into m, which must not change afterwards,
// and returns the names whose bytes differ between m and the Memory it was
// made from, including names only one of them holds, sorted: every name
// for a Memory made from scratch. m then lets go of the earlier build's
// bytes of the files it changed, which only this needed, and, when what
// changed since its base is worn, of the base too, holding a copy of its
// files instead (flatten): else a preview whose every page changed (an
// edit of the stylesheet, whose URL every page shows) held the pages of
// two builds until its next build.
func (m *Memory) Seal() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	if !m.from {
		m.rangeLocked(func(name string, _ []byte) { out = append(out, name) })
	}
	for name, w := range m.was {
		cur, ok := m.getLocked(name)
		if ok != w.held || ok && !bytes.Equal(cur, w.data) {
			out = append(out, name)
		}
	}
	m.was = nil
	if m.base != nil && m.worn() {
		m.flatten(m)
		m.files = map[string][]byte{}
	}
	slices.Sort(out)
	return out
}

// sameSlice reports whether a and b are the same bytes in memory (a page
// both builds took from a Session's store): then they are equal at once.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// Get returns the file stored under name.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.getLocked(name)
}

func (m *Memory) getLocked(name string) ([]byte, bool) {
	if b, ok := m.files[name]; ok {
		return b, true
	}
	return m.inherited(name)
}

// Len returns the number of files m holds.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.n
}

// Range calls f with the name and data of every file m holds, in no
// order. f must not call m's methods.
func (m *Memory) Range(f func(name string, data []byte)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rangeLocked(f)
}

func (m *Memory) rangeLocked(f func(name string, data []byte)) {
	for name, data := range m.files {
		f(name, data)
	}
	if m.base == nil {
		return
	}
	for name, data := range m.delta {
		if _, own := m.files[name]; !own {
			f(name, data)
		}
	}
	for at := range m.alive.each() {
		name := m.base.names[at]
		_, own := m.files[name]
		if _, changed := m.delta[name]; !own && !changed {
			f(name, m.base.data[at])
		}
	}
}

// Names returns the stored names, sorted.
func (m *Memory) Names() []string {
	out := make([]string, 0, m.Len())
	m.Range(func(name string, _ []byte) { out = append(out, name) })
	slices.Sort(out)
	return out
}

// bitset is a set of small integers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (s bitset) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }
func (s bitset) set(i int)      { s[i/64] |= 1 << (i % 64) }
func (s bitset) clear(i int)    { s[i/64] &^= 1 << (i % 64) }

// all returns s with 0..n-1 in it.
func (s bitset) all(n int) bitset {
	for i := range n {
		s.set(i)
	}
	return s
}

// or returns a new set of what s or t holds (t nil: a copy of s).
func (s bitset) or(t bitset) bitset {
	out := slices.Clone(s)
	for i := range t {
		out[i] |= t[i]
	}
	return out
}

// minus returns a new set of what s holds and t does not.
func (s bitset) minus(t bitset) bitset {
	out := slices.Clone(s)
	for i := range t {
		out[i] &^= t[i]
	}
	return out
}

func (s bitset) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// each yields the members of s, in order.
func (s bitset) each() func(yield func(int) bool) {
	return func(yield func(int) bool) {
		for k, w := range s {
			for w != 0 {
				i := bits.TrailingZeros64(w)
				if !yield(k*64 + i) {
					return
				}
				w &^= 1 << i
			}
		}
	}
}
