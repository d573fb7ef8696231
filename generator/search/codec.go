package search

import (
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
)

// AppendBinary appends p without its fragment's bytes (taken or not) to b,
// for a build's page cache: a build that keeps an article unchanged reads
// it back (ReadPrepared) instead of weighing its words again, and keeps
// the fragment file it wrote before.
func (p *Prepared) AppendBinary(b []byte) []byte {
	b = binenc.AppendBytes(b, p.meta)
	b = binenc.AppendString(b, p.frag.Name)
	b = binenc.AppendUint(b, uint64(len(p.terms)))
	for _, h := range p.terms {
		b = binenc.AppendString(b, h.term)
		b = binenc.AppendUint(b, uint64(uint16(h.score)))
		b = binenc.AppendUint(b, uint64(h.nsecs))
		for _, s := range h.secs[:h.nsecs] {
			b = binenc.AppendUint(b, uint64(uint32(s)))
		}
	}
	return b
}

// ReadPrepared reads what AppendBinary wrote: a Prepared whose fragment is
// taken (FragmentName names it). It returns nil, with r.Bad, when r does
// not hold one.
func ReadPrepared(r *binenc.Reader) *Prepared {
	p := &Prepared{meta: r.Bytes()}
	p.frag.Name = r.String()
	n := r.Count()
	if r.Bad() {
		return nil
	}
	p.terms = make([]hit, n)
	for i := range p.terms {
		h := &p.terms[i]
		h.term = r.String()
		h.score = int16(uint16(r.Uint()))
		ns := r.Uint()
		if ns > sectionsKept {
			r.Fail() // a count no Prepared has: not ours
			return nil
		}
		h.nsecs = int8(ns)
		for k := range h.nsecs {
			h.secs[k] = int32(uint32(r.Uint()))
		}
	}
	if r.Bad() {
		return nil
	}
	return p
}

// FragmentName is the name of p's fragment file in the index folder.
func (p *Prepared) FragmentName() string { return p.frag.Name }
