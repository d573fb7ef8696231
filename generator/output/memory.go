package output

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// Memory keeps a build's files in memory, for the preview server and tests.
//
// A Memory made from the Memory of an earlier build (NewMemoryFrom) holds
// that build's files as well, without copying them, and knows which of its
// files differ from them (Changed). A build that changes a few files of
// many writes those and Removes those that go, and costs what it changes;
// one that writes every file again Sweeps the files it did not write.
// Either way no one compares the two builds file by file afterwards. A
// Memory is safe for concurrent use; one that another is made from must
// not change afterwards.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte // written into this Memory
	// A Memory made from another holds, besides files, what the earlier
	// builds changed since base (a Memory whose files are all its own) in
	// delta, but for the names in gone, which it does not hold.
	base  *Memory
	delta map[string][]byte
	gone  map[string]bool
	n     int // the files it holds
	// from is true for a Memory made from an earlier build's; was then
	// holds, for every name written with other bytes than those held, or
	// removed, what the earlier build held (see Changed).
	from bool
	was  map[string]was
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
// Sweep drops every file not written. prev itself is unchanged. Once what the Memories made from a Memory
// whose files are all its own changed adds up to an eighth of its files,
// the new one starts from a copy of all of prev's.
func NewMemoryFrom(prev *Memory, n int) *Memory {
	prev.mu.Lock()
	defer prev.mu.Unlock()
	m := &Memory{files: make(map[string][]byte, n), base: prev.base, n: prev.n, from: true, was: map[string]was{}}
	if m.base == nil {
		m.base = prev
		m.delta, m.gone = map[string][]byte{}, map[string]bool{}
		return m
	}
	if len(prev.delta)+len(prev.files)+len(prev.gone) > m.base.Len()/8+64 {
		flat := make(map[string][]byte, prev.n)
		prev.rangeLocked(func(name string, data []byte) { flat[name] = data })
		m.base, m.delta, m.gone = &Memory{files: flat, n: len(flat)}, map[string][]byte{}, map[string]bool{}
		return m
	}
	m.delta = make(map[string][]byte, len(prev.delta)+len(prev.files))
	for name, data := range prev.delta {
		if !prev.gone[name] {
			m.delta[name] = data
		}
	}
	maps.Copy(m.delta, prev.files)
	m.gone = make(map[string]bool, len(prev.gone))
	for name := range prev.gone {
		if _, ok := prev.files[name]; !ok {
			m.gone[name] = true
		}
	}
	return m
}

// Grow makes room for about n files written, when none is yet: a build
// that may write few (a Session's quick one) or all makes its Memory small
// and grows it once it knows.
func (m *Memory) Grow(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.files) == 0 && n > 0 {
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
	old, held := m.inherited(name)
	if !held {
		// A name held was checked when it was first written.
		if err := CheckName(name); err != nil {
			return err
		}
		m.n++
	}
	if m.from && !(held && sameSlice(old, data)) {
		m.remember(name, old, held)
	}
	m.files[name] = data
	return nil
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
	_, own := m.files[name]
	old, held := m.inherited(name)
	if !own && !held {
		return
	}
	m.n--
	if m.from {
		m.remember(name, old, held)
	}
	delete(m.files, name)
	if held {
		m.gone[name] = true
	}
}

// inherited returns the file name as m holds it from earlier builds.
func (m *Memory) inherited(name string) ([]byte, bool) {
	if m.base == nil || m.gone[name] {
		return nil, false
	}
	if b, ok := m.delta[name]; ok {
		return b, true
	}
	b, ok := m.base.files[name] // a base holds its files only, and never changes
	return b, ok
}

// Wrote reports whether name was written into m (not only held from the
// earlier builds).
func (m *Memory) Wrote(name string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.files[name]
	return ok
}

// Sweep drops every file m holds from the earlier builds that was not
// written into m since: after it, m holds exactly the files written.
func (m *Memory) Sweep() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.base == nil {
		return
	}
	if m.n > len(m.files) { // some held files were not written again
		m.rangeInherited(func(name string, data []byte) {
			if _, own := m.files[name]; !own {
				m.remember(name, data, true)
			}
		})
	}
	m.base, m.delta, m.gone, m.n = nil, nil, nil, len(m.files)
}

// Changed returns the names whose bytes differ between m and the Memory it
// was made from, including names only one of them holds, sorted: every
// name for a Memory made from scratch.
func (m *Memory) Changed() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.from {
		var out []string
		m.rangeLocked(func(name string, _ []byte) { out = append(out, name) })
		slices.Sort(out)
		return out
	}
	var out []string
	for name, w := range m.was {
		cur, ok := m.files[name]
		if !ok {
			cur, ok = m.inherited(name)
		}
		if ok != w.held || ok && !bytes.Equal(cur, w.data) {
			out = append(out, name)
		}
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
	m.rangeInherited(func(name string, data []byte) {
		if _, own := m.files[name]; !own {
			f(name, data)
		}
	})
}

// rangeInherited calls f with every file m holds from the earlier builds,
// written again into m or not.
func (m *Memory) rangeInherited(f func(name string, data []byte)) {
	if m.base == nil {
		return
	}
	for name, data := range m.delta {
		if !m.gone[name] {
			f(name, data)
		}
	}
	m.base.Range(func(name string, data []byte) {
		if _, changed := m.delta[name]; !changed && !m.gone[name] {
			f(name, data)
		}
	})
}

// Names returns the stored names, sorted.
func (m *Memory) Names() []string {
	out := make([]string, 0, m.Len())
	m.Range(func(name string, _ []byte) { out = append(out, name) })
	slices.Sort(out)
	return out
}
