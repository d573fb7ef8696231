package build

import (
	"crypto/sha256"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/search"
)

// The page cache's file format (see pagecache.go): each entry as encode
// appends it and decodeEntry reads it, with package binenc. A change here
// is a change of pageCacheFormat.

// size is about the bytes encode appends.
func (e *pageEntry) size() int {
	n := len(e.Out) + len(e.Doc.SummaryHTML) + 32*len(e.ChartUses) + 16*len(e.Inline) + 32*len(e.Exprs) + len(e.Doc.SummaryText) + len(e.FirstPNG) + len(e.FirstAlt) + len(e.Card) + len(e.Item) + len(e.Entry) + len(e.Feed) + 64
	for _, u := range e.Uses {
		n += len(u.Name) + len(u.Path) + len(u.Sum) + 8
	}
	for _, f := range e.Files {
		n += len(f.Name) + len(f.Sum) + 16
	}
	for _, h := range e.Doc.TOC {
		n += len(h.ID) + len(h.Text) + 8
	}
	for _, id := range e.Charts {
		n += len(id) + 4
	}
	for _, k := range e.Cached {
		n += len(k) + 4
	}
	return n
}

func (e *pageEntry) encode(b []byte) []byte {
	b = binenc.AppendString(b, e.Out)
	b = append(b, e.Key[:]...)
	b = binenc.AppendUint(b, uint64(len(e.Uses)))
	for _, u := range e.Uses {
		b = binenc.AppendStrings(b, []string{u.Name, u.Path, u.Sum})
	}
	b = binenc.AppendUint(b, uint64(len(e.Files)))
	for _, f := range e.Files {
		b = appendKept(b, f)
	}
	for _, n := range []int{e.Doc.Words, e.Doc.Charts, e.Doc.Inlines} {
		b = binenc.AppendUint(b, uint64(n))
	}
	b = binenc.AppendBytes(b, e.Doc.SummaryHTML)
	b = binenc.AppendString(b, e.Doc.SummaryText)
	b = binenc.AppendUint(b, uint64(len(e.Doc.TOC)))
	for _, h := range e.Doc.TOC {
		b = binenc.AppendUint(b, uint64(h.Level))
		b = binenc.AppendStrings(b, []string{h.ID, h.Text})
	}
	b = binenc.AppendStrings(b, e.Charts)
	b = binenc.AppendUint(b, uint64(len(e.ChartUses)))
	for _, c := range e.ChartUses {
		b = binenc.AppendStrings(binenc.AppendStrings(b, []string{c.ID, c.Title, c.Sum}), c.Datasets)
	}
	b = binenc.AppendStrings(b, e.Inline)
	b = binenc.AppendStrings(b, e.Exprs)
	b = binenc.AppendStrings(b, []string{e.FirstPNG, e.Card, e.Item, e.Entry, e.Feed, e.FirstAlt})
	b = binenc.AppendUint(b, uint64(e.FirstPNGSize))
	d := e.FirstPNGDims
	for _, n := range []int{d.Width, d.Height, d.NarrowWidth, d.NarrowHeight} {
		b = binenc.AppendUint(b, uint64(n))
	}
	b = e.Find.AppendBinary(b)
	b = appendTickers(b, e.Tickers)
	return binenc.AppendStrings(b, e.Cached)
}

func appendKept(b []byte, f output.Kept) []byte {
	b = binenc.AppendString(b, f.Name)
	b = append(b, f.Sum[:]...)
	return binenc.AppendUint(b, uint64(f.Size))
}

func decodeKept(r *binenc.Reader) output.Kept {
	f := output.Kept{Name: r.String()}
	copy(f.Sum[:], r.Fixed(sha256.Size))
	f.Size = int64(r.Uint())
	return f
}

// decodeEntry reads what encode wrote; r is Bad when it could not.
func decodeEntry(r *binenc.Reader) *pageEntry {
	e := &pageEntry{Out: r.String()}
	copy(e.Key[:], r.Fixed(sha256.Size))
	for range r.Count() {
		if u := r.Strings(); len(u) == 3 {
			e.Uses = append(e.Uses, dataUse{u[0], u[1], u[2]})
		}
	}
	for range r.Count() {
		e.Files = append(e.Files, decodeKept(r))
	}
	for _, n := range []*int{&e.Doc.Words, &e.Doc.Charts, &e.Doc.Inlines} {
		*n = int(r.Uint())
	}
	e.Doc.SummaryHTML = r.Bytes()
	e.Doc.SummaryText = r.String()
	for range r.Count() {
		h := markdown.Heading{Level: int(r.Uint())}
		if s := r.Strings(); len(s) == 2 {
			h.ID, h.Text = s[0], s[1]
		}
		e.Doc.TOC = append(e.Doc.TOC, h)
	}
	e.Charts = r.Strings()
	for range r.Count() {
		c := figure.ChartUse{}
		if s := r.Strings(); len(s) == 3 {
			c.ID, c.Title, c.Sum = s[0], s[1], s[2]
		}
		c.Datasets = r.Strings()
		e.ChartUses = append(e.ChartUses, c)
	}
	e.Inline = r.Strings()
	e.Exprs = r.Strings()
	if s := r.Strings(); len(s) == 6 {
		e.FirstPNG, e.Card, e.Item, e.Entry, e.Feed, e.FirstAlt = s[0], s[1], s[2], s[3], s[4], s[5]
	}
	e.FirstPNGSize = int64(r.Uint())
	d := &e.FirstPNGDims
	for _, n := range []*int{&d.Width, &d.Height, &d.NarrowWidth, &d.NarrowHeight} {
		*n = int(r.Uint())
	}
	e.Find = search.ReadPrepared(r)
	e.Tickers = decodeTickers(r)
	e.Cached = r.Strings()
	return e
}
