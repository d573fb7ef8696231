package content

import (
	"bytes"
	"maps"
	"slices"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/binenc"
)

// This file is a File's binary encoding, with package binenc, for the
// build's page cache: a build keeps each file it parsed, so that the next
// one takes a file whose bytes and schema are the same without parsing its
// front matter again. Decoding what AppendFile wrote gives a File equal to
// the one encoded (TestFileCodec checks every field): a field added to
// File or Meta must be added here too.

// AppendFile appends f, as ParseWith returned it for src, to b. The body is
// not copied when it is the end of src, as ParseWith leaves it.
func AppendFile(b []byte, f *File, src []byte, loc *time.Location) []byte {
	b = binenc.AppendString(b, f.Path)
	b = binenc.AppendUint(b, uint64(f.Kind))
	b = binenc.AppendStrings(b, []string{f.Name, f.Bundle})
	b = appendList(b, f.Assets)
	switch {
	case f.Body == nil:
		b = binenc.AppendUint(b, 0)
	case bytes.HasSuffix(src, f.Body):
		b = binenc.AppendUint(b, 1)
		b = binenc.AppendUint(b, uint64(len(f.Body)))
	default:
		b = binenc.AppendUint(b, 2)
		b = binenc.AppendBytes(b, f.Body)
	}
	for _, n := range []int{f.BodyLine, f.SlugLine, f.AliasesLine, f.TagsLine, f.AuthorLine, f.SummaryLine} {
		b = binenc.AppendUint(b, uint64(n))
	}
	b = appendList(b, f.Warnings)
	m := &f.Meta
	b = binenc.AppendStrings(b, []string{m.Title, m.Slug, m.Summary, m.Description, m.Image, m.Figures, m.FeedID, m.ImageAlt})
	for _, d := range []Date{m.Date, m.Lastmod, m.PublishDate, m.ExpiryDate} {
		b = appendDate(b, d, loc)
	}
	for _, l := range [][]string{m.Tags, m.Author, m.Aliases, m.Disclosures, m.Authors, m.Keywords} {
		b = appendList(b, l)
	}
	b = binenc.AppendBool(b, m.Draft)
	b = binenc.AppendBool(b, m.Disclaimer != nil)
	if m.Disclaimer != nil {
		b = binenc.AppendString(b, *m.Disclaimer)
	}
	b = binenc.AppendBool(b, m.TOC != nil)
	if m.TOC != nil {
		b = binenc.AppendBool(b, *m.TOC)
	}
	b = binenc.AppendBool(b, m.Updates == nil)
	b = binenc.AppendUint(b, uint64(len(m.Updates)))
	for _, u := range m.Updates {
		b = appendDate(b, u.Date, loc)
		b = binenc.AppendString(b, u.Note)
	}
	b = binenc.AppendBool(b, m.Claims == nil)
	b = binenc.AppendUint(b, uint64(len(m.Claims)))
	for _, c := range m.Claims {
		b = binenc.AppendStrings(b, []string{c.Text, c.Check})
		b = binenc.AppendUint(b, uint64(c.Line))
	}
	b = binenc.AppendBool(b, m.Params == nil)
	keys := slices.Sorted(maps.Keys(m.Params))
	b = binenc.AppendUint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binenc.AppendStrings(b, []string{k, m.Params[k]})
	}
	b = binenc.AppendBool(b, m.Terms == nil)
	b = binenc.AppendUint(b, uint64(len(m.Terms)))
	for _, t := range m.Terms {
		b = binenc.AppendString(b, t.Key)
		b = appendList(b, t.Names)
		b = binenc.AppendUint(b, uint64(t.Line))
	}
	return b
}

// DecodeFile reads a File that AppendFile wrote for src, with the sum of
// src; nil when what r holds is not one (r is then Bad).
func DecodeFile(r *binenc.Reader, src []byte, sum [32]byte, loc *time.Location) *File {
	f := &File{Path: r.String(), Kind: Kind(r.Uint()), Sum: sum}
	names := r.Strings()
	f.Assets = decodeList(r)
	switch r.Uint() {
	case 0:
	case 1:
		n := num(r)
		if n > len(src) {
			r.Fail()
			return nil
		}
		f.Body = src[len(src)-n:]
	default:
		f.Body = append([]byte{}, r.Bytes()...)
	}
	f.BodyLine, f.SlugLine, f.AliasesLine, f.TagsLine, f.AuthorLine, f.SummaryLine = num(r), num(r), num(r), num(r), num(r), num(r)
	f.Warnings = decodeList(r)
	m := &f.Meta
	text := r.Strings()
	for _, d := range []*Date{&m.Date, &m.Lastmod, &m.PublishDate, &m.ExpiryDate} {
		*d = decodeDate(r, loc)
	}
	lists := make([][]string, 6)
	for i := range lists {
		lists[i] = decodeList(r)
	}
	m.Tags, m.Author, m.Aliases, m.Disclosures, m.Authors, m.Keywords = lists[0], lists[1], lists[2], lists[3], lists[4], lists[5]
	m.Draft = r.Bool()
	if r.Bool() {
		s := r.String()
		m.Disclaimer = &s
	}
	if r.Bool() {
		v := r.Bool()
		m.TOC = &v
	}
	nilUpdates, n := r.Bool(), r.Count()
	for range n {
		m.Updates = append(m.Updates, Update{Date: decodeDate(r, loc), Note: r.String()})
	}
	if !nilUpdates && m.Updates == nil {
		m.Updates = []Update{}
	}
	nilClaims, n := r.Bool(), r.Count()
	for range n {
		s := r.Strings()
		if len(s) != 2 {
			r.Fail()
			return nil
		}
		m.Claims = append(m.Claims, Claim{Text: s[0], Check: s[1], Line: num(r)})
	}
	if !nilClaims && m.Claims == nil {
		m.Claims = []Claim{}
	}
	nilParams, n := r.Bool(), r.Count()
	if !nilParams {
		m.Params = make(Params, n)
	}
	for range n {
		kv := r.Strings()
		if len(kv) != 2 || nilParams {
			r.Fail()
			return nil
		}
		m.Params[kv[0]] = kv[1]
	}
	nilTerms, n := r.Bool(), r.Count()
	for range n {
		m.Terms = append(m.Terms, Terms{Key: r.String(), Names: decodeList(r), Line: num(r)})
	}
	if !nilTerms && m.Terms == nil {
		m.Terms = []Terms{}
	}
	if r.Bad() || len(names) != 2 || len(text) != 8 {
		r.Fail()
		return nil
	}
	f.Name, f.Bundle = names[0], names[1]
	m.Title, m.Slug, m.Summary, m.Description, m.Image, m.Figures, m.FeedID, m.ImageAlt = text[0], text[1], text[2], text[3], text[4], text[5], text[6], text[7]
	return f
}

// num reads a line number or a length: an int that is not negative.
func num(r *binenc.Reader) int {
	v := r.Uint()
	if v > 1<<31 {
		r.Fail()
		return 0
	}
	return int(v)
}

// appendList appends l, telling nil from empty.
func appendList(b []byte, l []string) []byte {
	b = binenc.AppendBool(b, l == nil)
	return binenc.AppendStrings(b, l)
}

func decodeList(r *binenc.Reader) []string {
	isNil := r.Bool()
	l := r.Strings()
	if isNil {
		return nil
	}
	return l
}

// appendDate appends d with its instant's location: loc (the site's, in
// which ParseDate reads a date without an offset), UTC, or the fixed zone
// of the offset written.
func appendDate(b []byte, d Date, loc *time.Location) []byte {
	b = binenc.AppendString(b, d.raw)
	b = binenc.AppendUint(b, uint64(d.Line))
	t := d.Time
	switch {
	case t.IsZero():
		return binenc.AppendUint(b, 0)
	case t.Location() == loc:
		b = binenc.AppendUint(b, 1)
	case t.Location() == time.UTC:
		b = binenc.AppendUint(b, 2)
	default:
		name, off := t.Zone()
		b = binenc.AppendUint(b, 3)
		b = binenc.AppendString(b, name)
		b = binenc.AppendUint(b, uint64(int64(off)))
	}
	b = binenc.AppendUint(b, uint64(t.Unix()))
	return binenc.AppendUint(b, uint64(t.Nanosecond()))
}

func decodeDate(r *binenc.Reader, loc *time.Location) Date {
	d := Date{raw: r.String()}
	d.Line = num(r)
	var in *time.Location
	switch r.Uint() {
	case 0:
		return d
	case 1:
		in = loc
	case 2:
		in = time.UTC
	case 3:
		name := r.String()
		in = time.FixedZone(name, int(int64(r.Uint())))
	default:
		r.Fail()
		return d
	}
	sec := int64(r.Uint())
	d.Time = time.Unix(sec, int64(r.Uint())).In(in)
	return d
}
