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
// changes here. A pointer's target is hashed once per hasher: the article
// views shared by every list are walked once. A hasher belongs to one
// goroutine and one build.
type viewHasher struct {
	seed maphash.Seed
	memo map[uintptr]uint64
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
		p := v.Pointer()
		sum, done := vh.memo[p]
		if !done {
			var sub maphash.Hash
			sub.SetSeed(vh.seed)
			if !vh.value(&sub, v.Elem()) {
				return false
			}
			sum = sub.Sum64()
			vh.memo[p] = sum
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
