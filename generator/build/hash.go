package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"reflect"
	"sort"
	"time"
)

// key is the one key scheme of everything build keeps from one build for
// another, on disk and in a Session alike: the SHA-256 of a canonical
// encoding of what the value is made from (see encoder), started with the
// kind of value. The zero key stands for none.
type key [sha256.Size]byte

// encoder writes a canonical encoding into a SHA-256: numbers as eight
// bytes, little-endian; strings and byte slices after their length, so no
// two sequences of writes give the same bytes.
type encoder struct {
	h   hash.Hash
	buf []byte
	arr [256]byte // buf's first storage
}

// newEncoder starts the key of a value of the given kind.
func newEncoder(kind string) *encoder {
	e := &encoder{h: sha256.New()}
	e.buf = e.arr[:0]
	e.str(kind)
	return e
}

func (e *encoder) num(x uint64) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, x)
	e.spill()
}

func (e *encoder) byte1(b byte) {
	e.buf = append(e.buf, b)
	e.spill()
}

func (e *encoder) flag(b bool) {
	if b {
		e.byte1(1)
	} else {
		e.byte1(0)
	}
}

func (e *encoder) str(s string) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(len(s)))
	e.buf = append(e.buf, s...)
	e.spill()
}

func (e *encoder) bytes(b []byte) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, uint64(len(b)))
	if len(b) > 4096 {
		e.h.Write(e.buf)
		e.buf = e.buf[:0]
		e.h.Write(b)
		return
	}
	e.buf = append(e.buf, b...)
	e.spill()
}

func (e *encoder) key(k key) {
	e.buf = append(e.buf, k[:]...)
	e.spill()
}

// time writes t as its instant and its zone, which formatting it shows.
func (e *encoder) time(t time.Time) {
	name, off := t.Zone()
	e.num(uint64(t.UnixNano()))
	e.str(name)
	e.num(uint64(off))
}

// spill hashes what is buffered once it is a few kilobytes.
func (e *encoder) spill() {
	if len(e.buf) >= 4096 {
		e.h.Write(e.buf)
		e.buf = e.buf[:0]
	}
}

// sum returns the key and makes the encoder ready for the next value.
func (e *encoder) sum() key {
	e.h.Write(e.buf)
	var k key
	e.h.Sum(k[:0])
	e.h.Reset()
	e.buf = e.buf[:0]
	return k
}

// viewHasher keys template data, so a build can reuse a page's HTML while
// the data it is rendered from is unchanged. It walks any value by
// reflection, so fields added to the views later are covered without
// changes here; unexported fields, which templates cannot read, are left
// out. A pointer's target is keyed once per hasher (so it must outlive the
// hasher: see sumOnce), or not at all when known holds its key: a Session
// keys each article view once, when it makes it, and the site view once
// per build, and every page that shows them takes those. A hasher belongs
// to one goroutine and one build.
type viewHasher struct {
	memo  map[uintptr]key
	known map[uintptr]key // shared by the build's hashers, read-only while they run
	free  []*encoder      // encoders of pointees, to reuse
	depth int             // pointers being followed: a cycle gives up at maxDepth
}

// maxDepth is how many pointers deep a value may be keyed; deeper, which
// only a cycle of pointers reaches, it cannot be.
const maxDepth = 1000

func newViewHasher(known map[uintptr]key) *viewHasher {
	return &viewHasher{memo: map[uintptr]key{}, known: known}
}

var timeType = reflect.TypeFor[time.Time]()

// sum returns the key of kind and data, and false when data holds a value
// that cannot be keyed (a func or a channel).
func (vh *viewHasher) sum(kind string, data any) (key, bool) {
	e := vh.encoder(kind)
	defer vh.release(e)
	if !vh.value(e, reflect.ValueOf(data)) {
		return key{}, false
	}
	return e.sum(), true
}

func (vh *viewHasher) encoder(kind string) *encoder {
	if n := len(vh.free); n > 0 {
		e := vh.free[n-1]
		vh.free = vh.free[:n-1]
		e.str(kind)
		return e
	}
	return newEncoder(kind)
}

func (vh *viewHasher) release(e *encoder) {
	e.h.Reset()
	e.buf = e.buf[:0]
	vh.free = append(vh.free, e)
}

func (vh *viewHasher) value(e *encoder, v reflect.Value) bool {
	if !v.IsValid() {
		e.byte1(0)
		return true
	}
	if v.Type() == timeType {
		if !v.CanInterface() {
			return false
		}
		e.time(v.Interface().(time.Time))
		return true
	}
	switch v.Kind() {
	case reflect.String:
		e.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			e.byte1(1)
		} else {
			e.byte1(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.num(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.num(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.num(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		e.num(uint64(v.Len()))
		for i := range v.Len() {
			if !vh.value(e, v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		return vh.mapValue(e, v)
	case reflect.Pointer:
		if v.IsNil() {
			e.byte1(0)
			return true
		}
		e.byte1(1)
		k, ok := vh.pointee(v)
		if !ok {
			return false
		}
		e.key(k)
	case reflect.Interface:
		if v.IsNil() {
			e.byte1(0)
			return true
		}
		e.str(v.Elem().Type().String())
		return vh.value(e, v.Elem())
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if !t.Field(i).IsExported() {
				continue // templates cannot read it (render.Data's partials store)
			}
			if !vh.value(e, v.Field(i)) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// mapValue encodes a map's entries in the order of their keys as text, so
// the same map gives the same key in every process.
func (vh *viewHasher) mapValue(e *encoder, v reflect.Value) bool {
	keys := v.MapKeys()
	text := make([]string, len(keys))
	for i, k := range keys {
		if k.Kind() == reflect.String {
			text[i] = k.String()
		} else if k.CanInterface() {
			text[i] = fmt.Sprint(k.Interface())
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return text[order[a]] < text[order[b]] })
	e.num(uint64(len(keys)))
	for _, i := range order {
		if !vh.value(e, keys[i]) || !vh.value(e, v.MapIndex(keys[i])) {
			return false
		}
	}
	return true
}

// sumOnce is sum for data that is let go before the hasher is: nothing it
// points to is remembered by address, since another value may later take
// the same address.
func (vh *viewHasher) sumOnce(kind string, data any) (key, bool) {
	memo := vh.memo
	vh.memo = map[uintptr]key{}
	defer func() { vh.memo = memo }()
	return vh.sum(kind, data)
}

// pointee returns the key of what the non-nil pointer v points to.
func (vh *viewHasher) pointee(v reflect.Value) (key, bool) {
	p := v.Pointer()
	if k, ok := vh.known[p]; ok {
		return k, true
	}
	if k, ok := vh.memo[p]; ok {
		return k, true
	}
	if vh.depth >= maxDepth {
		return key{}, false
	}
	vh.depth++
	defer func() { vh.depth-- }()
	sub := vh.encoder("")
	defer vh.release(sub)
	if !vh.value(sub, v.Elem()) {
		return key{}, false
	}
	k := sub.sum()
	vh.memo[p] = k
	return k, true
}

// elem returns the key of what the pointer ptr points to, as pages that
// hold ptr see it, and false when it cannot be keyed.
func (vh *viewHasher) elem(ptr any) (key, bool) {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return key{}, false
	}
	return vh.pointee(v)
}
