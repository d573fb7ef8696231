package output

import (
	"fmt"
	"maps"
	"slices"
	"sync"
)

// Memory keeps a build's files in memory, for the preview server and tests.
// A Memory made over the Memory of an earlier build (NewMemoryOver) holds
// that build's files as well without copying them: only the files it
// writes or removes are its own, so a build that changes a few files of
// many costs what it changes. A Memory is safe for concurrent use; one
// that another is made over must not change afterwards.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte // written into this Memory
	// A Memory made over another holds, besides files, what the earlier
	// builds changed since base (a Memory made from scratch) in delta,
	// but for the names in gone, which it does not hold.
	base  *Memory
	delta map[string][]byte
	gone  map[string]bool
	n     int // the files it holds
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return NewMemorySize(0) }

// NewMemorySize returns an empty Memory with room for about n files.
func NewMemorySize(n int) *Memory { return &Memory{files: make(map[string][]byte, n)} }

// NewMemoryOver returns a Memory that holds the files of prev, the Memory
// of an earlier build, which must not change afterwards: Share adds or
// replaces a file, Remove drops one. prev itself is unchanged. Once what
// the Memories made over a Memory made from scratch changed adds up to an
// eighth of its files, the new one starts from a copy of all of prev's.
func NewMemoryOver(prev *Memory) *Memory {
	prev.mu.Lock()
	defer prev.mu.Unlock()
	m := &Memory{files: map[string][]byte{}, base: prev.base, n: prev.n}
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

// WriteFile stores a copy of data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	return m.Share(name, append([]byte(nil), data...))
}

// Share stores data under name without copying it: the caller promises
// never to change it (a Session's cached pages). A name written before
// into this Memory is an error; one it holds from an earlier build is
// replaced.
func (m *Memory) Share(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	if _, held := m.inherited(name); !held {
		m.n++
	}
	m.files[name] = data
	return nil
}

// Remove drops the file name, if m holds it.
func (m *Memory) Remove(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, own := m.files[name]
	_, held := m.inherited(name)
	if own || held {
		m.n--
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
	return m.base.Get(name)
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
	if m.base == nil {
		return
	}
	for name, data := range m.delta {
		if _, own := m.files[name]; !own && !m.gone[name] {
			f(name, data)
		}
	}
	m.base.Range(func(name string, data []byte) {
		_, own := m.files[name]
		_, changed := m.delta[name]
		if !own && !changed && !m.gone[name] {
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
