package build

import (
	"hash/maphash"
	"math"
	"reflect"
	"sort"
	"time"
)

// viewHasher fingerprints template data, so a Session can reuse a page's
// HTML while the data it is rendered from is unchanged. It walks any value
// by reflection, so fields added to the views later are covered without
// changes here. A pointer's target is hashed once per hasher (so it must
// outlive the hasher: see sumOnce), or not at all
// when known holds its fingerprint: a Session fingerprints each article
// view once, when it makes it, and the site view once per build, and every
// page that shows them takes those. A hasher belongs to one goroutine and
// one build.
type viewHasher struct {
	seed  maphash.Seed
	memo  map[uintptr]uint64
	known map[uintptr]uint64 // shared by the build's hashers, read-only while they run
}

var timeType = reflect.TypeFor[time.Time]()

// sum returns the fingerprint of kind and data, and false when data holds a
// value that cannot be fingerprinted (a func or a channel).
func (vh *viewHasher) sum(kind string, data any) (uint64, bool) {
	var h maphash.Hash
	h.SetSeed(vh.seed)
	h.WriteString(kind)
	ok := vh.value(&h, reflect.ValueOf(data))
	return h.Sum64(), ok
}

func (vh *viewHasher) value(h *maphash.Hash, v reflect.Value) bool {
	var buf [8]byte
	u64 := func(x uint64) {
		for i := range buf {
			buf[i] = byte(x >> (8 * i))
		}
		h.Write(buf[:])
	}
	str := func(s string) {
		u64(uint64(len(s)))
		h.WriteString(s)
	}
	if !v.IsValid() {
		h.WriteByte(0)
		return true
	}
	if v.Type() == timeType {
		if !v.CanInterface() {
			return false
		}
		t := v.Interface().(time.Time)
		name, off := t.Zone()
		u64(uint64(t.UnixNano()))
		str(name)
		u64(uint64(off))
		return true
	}
	switch v.Kind() {
	case reflect.String:
		str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		} else {
			h.WriteByte(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		u64(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		u64(uint64(v.Len()))
		for i := range v.Len() {
			if !vh.value(h, v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		u64(uint64(len(keys)))
		for _, k := range keys {
			if !vh.value(h, k) || !vh.value(h, v.MapIndex(k)) {
				return false
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			h.WriteByte(0)
			return true
		}
		h.WriteByte(1)
		sum, ok := vh.pointee(v)
		if !ok {
			return false
		}
		u64(sum)
	case reflect.Interface:
		if v.IsNil() {
			h.WriteByte(0)
			return true
		}
		str(v.Elem().Type().String())
		return vh.value(h, v.Elem())
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if !t.Field(i).IsExported() {
				continue // templates cannot read it (render.Data's partials store)
			}
			if !vh.value(h, v.Field(i)) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// sumOnce is sum for data that is let go before the hasher is: nothing it
// points to is remembered by address, since another value may later take
// the same address.
func (vh *viewHasher) sumOnce(kind string, data any) (uint64, bool) {
	memo := vh.memo
	vh.memo = map[uintptr]uint64{}
	defer func() { vh.memo = memo }()
	return vh.sum(kind, data)
}

// pointee returns the fingerprint of what the non-nil pointer v points to.
func (vh *viewHasher) pointee(v reflect.Value) (uint64, bool) {
	p := v.Pointer()
	if sum, ok := vh.known[p]; ok {
		return sum, true
	}
	if sum, ok := vh.memo[p]; ok {
		return sum, true
	}
	var sub maphash.Hash
	sub.SetSeed(vh.seed)
	if !vh.value(&sub, v.Elem()) {
		return 0, false
	}
	sum := sub.Sum64()
	vh.memo[p] = sum
	return sum, true
}

// elem returns the fingerprint of what the pointer ptr points to, as pages
// that hold ptr see it, and false when it cannot be fingerprinted.
func (vh *viewHasher) elem(ptr any) (uint64, bool) {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return 0, false
	}
	return vh.pointee(v)
}
