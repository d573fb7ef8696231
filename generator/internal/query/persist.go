package query

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/tearsheet/tearsheet/generator/internal/binenc"
)

// magic starts what Save writes; a change of the format is a change here.
const magic = "tearsheet query store 1\n"

// Save encodes what the store keeps, for a later Load by the same code
// (version: the executable's build ID, say): every result's kind,
// argument, sum, reads and error, and the result itself where its kind
// encodes it. Files are kept by their sums only: a Store that Load read
// reads every file again. The same store gives the same bytes.
func (s *Store) Save(version string) []byte {
	type kept struct {
		key Key
		m   *memo
	}
	var all []kept
	s.each(func(m *memo) bool {
		if m.has {
			all = append(all, kept{m.key, m})
		}
		return true
	})
	slices.SortFunc(all, func(a, b kept) int { return bytes.Compare(a.key[:], b.key[:]) })
	// The results encoded first, to make the bytes at once: appending to
	// a growing slice would copy megabytes several times over.
	encs := make([][]byte, len(all))
	has := make([]bool, len(all))
	size := len(magic) + len(version) + 16
	for i, k := range all {
		k.m.mu.Lock()
		encs[i], has[i] = s.encoded(k.m)
		size += len(k.m.id.kind) + len(k.m.id.arg) + 2*len(Key{})*(1+len(k.m.reads)) + len(encs[i]) + 32
		if k.m.err != nil {
			size += len(k.m.err.Error())
		}
		k.m.mu.Unlock()
	}
	b := append(make([]byte, 0, size), magic...)
	b = binenc.AppendString(b, version)
	b = binenc.AppendUint(b, uint64(len(all)))
	for i, k := range all {
		k.m.mu.Lock()
		b = appendMemo(b, k.m, encs[i], has[i])
		k.m.mu.Unlock()
	}
	return b
}

// encoded is m's result as its kind encodes it: the encoding it was
// decoded from (Load) or kept as (Release), else made now; false when it
// cannot be.
func (s *Store) encoded(m *memo) ([]byte, bool) {
	if m.hasEnc {
		return m.enc, true
	}
	if def := s.kinds[m.id.kind]; def != nil && m.ready.Load() {
		return def.encode(m.val)
	}
	return nil, false
}

// appendMemo appends m as Save writes it, with its encoded result enc
// when it has one (see encoded).
func appendMemo(b []byte, m *memo, enc []byte, has bool) []byte {
	b = binenc.AppendStrings(b, []string{m.id.kind, m.id.arg})
	b = append(b, m.sum[:]...)
	b = binenc.AppendUint(b, uint64(len(m.reads)))
	for _, r := range m.reads {
		var key Key
		if r.m != nil {
			key = r.m.key
		}
		b = append(append(b, key[:]...), r.sum[:]...)
	}
	b = binenc.AppendBool(b, m.err != nil)
	if m.err != nil {
		b = binenc.AppendString(b, m.err.Error())
	}
	b = binenc.AppendBool(b, has)
	if has {
		b = binenc.AppendBytes(b, enc)
	}
	return b
}

// Load replaces what the store keeps by what Save wrote with version. It
// keeps nothing, and says why, when data is of another version or
// format, or damaged: a build then runs every query. The store keeps
// parts of data, which no one may change afterwards.
func (s *Store) Load(data []byte, version string) error {
	s.each(func(*memo) bool { return false })
	if !bytes.HasPrefix(data, []byte(magic)) {
		return errors.New("query: not a store of this format")
	}
	r := binenc.NewReader(data[len(magic):])
	if v := r.String(); v != version {
		return fmt.Errorf("query: a store of version %q, not %q", v, version)
	}
	count := r.Count()
	byKey := make(map[Key]*memo, count)
	readKeys := make(map[*memo][]Key, count)
	for range count {
		names := r.Strings()
		if len(names) != 2 {
			r.Fail()
			break
		}
		m := &memo{id: qid{names[0], names[1]}, key: keyOf(names[0], names[1]), has: true}
		copy(m.sum[:], r.Fixed(len(m.sum)))
		n := r.Count()
		m.reads = make([]read, n)
		keys := make([]Key, n)
		for i := range n {
			copy(keys[i][:], r.Fixed(len(Key{})))
			copy(m.reads[i].sum[:], r.Fixed(len(Key{})))
		}
		if r.Bool() {
			m.err = errors.New(r.String())
		}
		if r.Bool() {
			m.enc, m.hasEnc = r.Bytes(), true // a part of data
		}
		byKey[m.key] = m
		readKeys[m] = keys
	}
	if !r.Done() {
		return errors.New("query: the store is damaged")
	}
	for m, keys := range readKeys {
		for i, k := range keys {
			m.reads[i].m = byKey[k]
		}
		sh := s.shard(m.id)
		sh.mu.Lock()
		sh.m[m.id] = m
		sh.mu.Unlock()
	}
	return nil
}
