// Package binenc is the small binary encoding of tearsheet's caches:
// lengths and counts as uvarints and bytes as they are, so that reading a
// value back slices the bytes read rather than parsing them.
package binenc

import "encoding/binary"

// AppendBytes appends s with its length.
func AppendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// AppendString appends s with its length.
func AppendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// AppendUint appends v.
func AppendUint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

// AppendBool appends v as one byte.
func AppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// AppendStrings appends the count of ss, then each.
func AppendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = AppendString(b, s)
	}
	return b
}

// Reader reads what the Append functions wrote; a read past the end or a
// malformed number makes Bad true and returns zero values.
type Reader struct {
	b   []byte
	bad bool
}

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Bad reports whether a read failed.
func (r *Reader) Bad() bool { return r.bad }

// Done reports whether every byte was read and no read failed.
func (r *Reader) Done() bool { return !r.bad && len(r.b) == 0 }

// Uint reads a uvarint.
func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Count reads a uvarint no larger than the bytes left (every counted thing
// takes at least a byte), so that a corrupt count cannot make a huge loop.
func (r *Reader) Count() int {
	v := r.Uint()
	if v > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(v)
}

// Bytes reads bytes with their length; the result is a slice of the
// reader's bytes.
func (r *Reader) Bytes() []byte { return r.Fixed(r.Count()) }

// String reads a string with its length.
func (r *Reader) String() string { return string(r.Bytes()) }

// Fixed reads the next n bytes, which have no length before them.
func (r *Reader) Fixed(n int) []byte {
	if r.bad || n > len(r.b) {
		r.fail()
		return nil
	}
	s := r.b[:n:n]
	r.b = r.b[n:]
	return s
}

// Bool reads one byte as a bool.
func (r *Reader) Bool() bool {
	if len(r.b) == 0 {
		r.fail()
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

// Strings reads what AppendStrings wrote.
func (r *Reader) Strings() []string {
	n := r.Count()
	out := make([]string, 0, n)
	for range n {
		out = append(out, r.String())
	}
	return out
}

// Fail marks r bad, for a reader of a value that finds it malformed.
func (r *Reader) Fail() { r.fail() }

func (r *Reader) fail() {
	r.bad = true
	r.b = nil
}
