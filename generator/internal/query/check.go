package query

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
)

// result brings m up to date for the build under way and returns its
// result and sum; the result only when want (a check of a read needs its
// sum only). c is the query that asks, for cycles.
func (s *Store) result(c *Ctx, m *memo, want bool) (any, Key, error) {
	epoch := s.epoch.Load()
	if m.checked.Load() == epoch {
		// Checked in this build: its sum and error stay for the build,
		// its result once ready.
		if !want {
			return nil, m.sum, m.err
		}
		if m.ready.Load() || m.err != nil {
			return m.val, m.sum, m.err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if isInput(m.id.kind) {
		s.input(m, epoch)
		return m.val, m.sum, m.err
	}
	def := s.kinds[m.id.kind]
	if m.checked.Load() != epoch {
		if def == nil {
			// A result Load read, of a kind this store does not have: it
			// cannot be made again, so it cannot hold.
			return nil, Key{}, fmt.Errorf("query: kind %q is not the store's", m.id.kind)
		}
		if !m.has || def.volatile() || !s.readsHold(c, m) {
			s.run(c, m, def)
			m.checked.Store(epoch)
			return m.val, m.sum, m.err
		}
		m.checked.Store(epoch)
	}
	if !want {
		return nil, m.sum, m.err
	}
	if m.ready.Load() || m.err != nil {
		return m.val, m.sum, m.err
	}
	if m.hasEnc {
		if v, err := def.decode(&Ctx{s: s, up: c}, m.id.arg, m.enc); err == nil {
			m.val = v // its encoding stays, for Save
			m.ready.Store(true)
			return m.val, m.sum, nil
		}
	}
	// Its reads hold, but its result was not kept (a kind Save cannot
	// encode): made again, as its reads give it. Others may read its sum
	// at once, which stays.
	cc := &Ctx{s: s, m: m, up: c}
	v, err := def.run(cc, m.id.arg)
	s.ran(m.id.kind)
	if err != nil {
		return nil, m.sum, err
	}
	m.val = v
	m.ready.Store(true)
	return m.val, m.sum, nil
}

// readsHold reports whether every read of m gives the sum it gave when m
// ran: each is brought up to date first, in the order m read them, and
// the first that differs ends the check.
func (s *Store) readsHold(c *Ctx, m *memo) bool {
	// The Ctx of m's check is made at its first read of a query: an
	// input is checked without one, and a parse that read its file and
	// an input (thousands in a build) allocates nothing.
	var cc *Ctx
	for _, r := range m.reads {
		if r.m == nil {
			return false
		}
		if !isInput(r.m.id.kind) {
			if cc == nil {
				cc = &Ctx{s: s, m: m, up: c}
			}
			if cc.cycle(r.m) != nil {
				return false
			}
		}
		if _, sum, _ := s.result(cc, r.m, false); sum != r.sum {
			return false
		}
	}
	return true
}

// run runs the query of m and keeps its result, sum and reads.
func (s *Store) run(c *Ctx, m *memo, def Definition) {
	cc := &Ctx{s: s, m: m, up: c}
	v, err := def.run(cc, m.id.arg)
	m.has, m.reads, m.enc, m.hasEnc = true, cc.reads, nil, false
	m.val, m.err = v, err
	m.ready.Store(err == nil)
	if err != nil {
		m.sum = errorSum(err)
		var t transient
		// Of this build alone: kept for it (checked), run again after.
		m.has = !errors.As(err, &t)
	} else {
		m.sum = def.sum(v, m.key, m.reads)
	}
	s.ran(m.id.kind)
}

// errorSum is the sum of a query's error: its message, apart from every
// result's sum.
func errorSum(err error) Key { return Sum([]byte("query error\x00" + err.Error())) }

// input brings the memo of a file or a folder up to date: read again
// unless it was read since the last build that read every file and no
// change named it since. An input the driver sets is as Set left it.
func (s *Store) input(m *memo, epoch uint64) {
	if m.id.kind == setKind {
		if !m.ready.Load() {
			m.has, m.err = true, fmt.Errorf("query: input %q not set", m.id.arg)
			m.sum = errorSum(m.err)
		}
		m.checked.Store(epoch)
		return
	}
	held := m.ready.Load() || m.err != nil // not let go of (Release)
	if at := m.checked.Load(); held && (at == epoch || m.has && at != 0 && at >= s.inputsSince.Load()) {
		m.checked.Store(epoch)
		return
	}
	m.has = true
	var b []byte
	var err error
	switch m.id.kind {
	case fileKind:
		b, err = fs.ReadFile(s.src, m.id.arg)
		m.val = b
	case statKind:
		var info fs.FileInfo
		if info, err = fs.Stat(s.src, m.id.arg); err == nil {
			m.val = info.Mode()
			b = binary.LittleEndian.AppendUint32(b, uint32(info.Mode()))
		}
	default:
		var des []fs.DirEntry
		des, err = fs.ReadDir(s.src, m.id.arg)
		list := make([]Entry, len(des))
		for i, d := range des {
			list[i] = Entry{d.Name(), d.IsDir(), d.Type()}
			b = append(append(b, d.Name()...), 0)
			b = binary.LittleEndian.AppendUint32(b, uint32(d.Type()))
		}
		m.val = list
	}
	m.err = err
	m.ready.Store(err == nil)
	switch {
	case err != nil:
		m.sum = errorSum(err)
	case m.id.kind == fileKind:
		m.sum = Sum(b) // a file's sum is its bytes' SHA-256 (Ctx.ReadSum)
	default:
		h := sha256.New()
		h.Write([]byte(m.id.kind + "\x00"))
		h.Write(b)
		h.Sum(m.sum[:0])
	}
	m.checked.Store(epoch)
	s.ran(m.id.kind)
}

// isInput reports whether kind is that of an input: a file, a folder, a
// mode or a value the driver sets.
func isInput(kind string) bool {
	return kind == fileKind || kind == dirKind || kind == statKind || kind == setKind
}
