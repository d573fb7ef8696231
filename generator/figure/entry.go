package figure

import (
	"bytes"
	"encoding/binary"
	"time"

	"github.com/tearsheet/tearsheet/generator/render"
)

// entry is what the chart cache keeps of a chart: what a build needs of it
// without computing it (the SVG, the CSV, the text around the figure), the
// data table to render the figure with, and the figure HTML the theme made
// of it for the last few views.
type entry struct {
	SVG          []byte
	CSV          []byte
	Description  string
	Through      time.Time
	Credits      []string
	Illustrative bool
	table        []byte // the data table, encoded by appendTable; read only to render the figure again
	views        []view // newest first, at most maxViews
}

// view is the figure HTML rendered for one FigureView (Set.viewKey): the
// page's, and the feed's for a page with a PNG.
type view struct {
	key        string
	page, feed cutHTML
}

// maxViews is how many views an entry keeps: the same chart on a few pages,
// or the figure of the theme before an edit, are all found again.
const maxViews = 4

// cutHTML is figure HTML with the chart's SVG, which the entry holds once,
// cut out at at (-1 when the HTML does not hold it).
type cutHTML struct {
	html []byte
	at   int
	has  bool // false for no HTML, such as the feed of a page without a PNG
}

// cut cuts the first copy of svg out of html.
func cut(html, svg []byte) cutHTML {
	at := -1
	if len(svg) > 0 {
		at = bytes.Index(html, svg)
	}
	if at < 0 {
		return cutHTML{html: html, at: -1, has: true}
	}
	out := make([]byte, 0, len(html)-len(svg))
	out = append(append(out, html[:at]...), html[at+len(svg):]...)
	return cutHTML{html: out, at: at, has: true}
}

// join puts svg back into c.
func (c cutHTML) join(svg []byte) []byte {
	if c.at < 0 {
		return c.html
	}
	out := make([]byte, 0, len(c.html)+len(svg))
	return append(append(append(out, c.html[:c.at]...), svg...), c.html[c.at:]...)
}

// find returns the figure HTML of the view key: the page's and, with feed,
// the feed's.
func (e *entry) find(key string, feed bool) (page, feedHTML []byte, ok bool) {
	if key == "" {
		return nil, nil, false
	}
	for _, v := range e.views {
		if v.key == key && v.feed.has == feed {
			if feed {
				feedHTML = v.feed.join(e.SVG)
			}
			return v.page.join(e.SVG), feedHTML, true
		}
	}
	return nil, nil, false
}

// add keeps the figure HTML of the view key, newest first.
func (e *entry) add(key string, page, feedHTML []byte) {
	v := view{key: key, page: cut(page, e.SVG)}
	if feedHTML != nil {
		v.feed = cut(feedHTML, e.SVG)
	}
	views := []view{v}
	for _, o := range e.views {
		if len(views) < maxViews && o.key != key {
			views = append(views, o)
		}
	}
	e.views = views
}

// entryMagic starts every entry; its version changes with the layout.
const entryMagic = "tearsheet-chart-entry/3\n"

// encode writes the entry: lengths as uvarints and bytes as they are, so
// that reading one back slices the bytes read rather than decoding them.
func (e *entry) encode() ([]byte, error) {
	through, err := e.Through.MarshalBinary()
	if err != nil {
		return nil, err
	}
	n := len(entryMagic) + len(e.SVG) + len(e.CSV) + len(e.Description) + len(e.table) + 64
	for _, v := range e.views {
		n += len(v.key) + len(v.page.html) + len(v.feed.html) + 16
	}
	b := make([]byte, 0, n)
	b = append(b, entryMagic...)
	b = appendBytes(b, e.SVG)
	b = appendBytes(b, e.CSV)
	b = appendBytes(b, []byte(e.Description))
	b = appendBytes(b, through)
	b = binary.AppendUvarint(b, uint64(len(e.Credits)))
	for _, c := range e.Credits {
		b = appendBytes(b, []byte(c))
	}
	b = appendBool(b, e.Illustrative)
	b = appendBytes(b, e.table)
	b = binary.AppendUvarint(b, uint64(len(e.views)))
	for _, v := range e.views {
		b = appendBytes(b, []byte(v.key))
		for _, c := range []cutHTML{v.page, v.feed} {
			b = appendBool(b, c.has)
			b = binary.AppendUvarint(b, uint64(c.at+1))
			b = appendBytes(b, c.html)
		}
	}
	return b, nil
}

// decode reads what encode wrote; false means the bytes are not an entry.
// The entry's byte slices are slices of b.
func decode(b []byte) (*entry, bool) {
	if !bytes.HasPrefix(b, []byte(entryMagic)) {
		return nil, false
	}
	r := reader{b: b[len(entryMagic):]}
	e := &entry{SVG: r.bytes(), CSV: r.bytes(), Description: string(r.bytes())}
	if err := e.Through.UnmarshalBinary(r.bytes()); err != nil {
		return nil, false
	}
	credits := r.count()
	for range credits {
		e.Credits = append(e.Credits, string(r.bytes()))
	}
	e.Illustrative = r.bool()
	e.table = r.bytes()
	views := r.count()
	for range views {
		v := view{key: string(r.bytes())}
		for _, c := range []*cutHTML{&v.page, &v.feed} {
			c.has = r.bool()
			c.at = r.count() - 1
			c.html = r.bytes()
			if c.at > len(c.html) {
				r.bad = true
			}
		}
		e.views = append(e.views, v)
	}
	if r.bad || len(r.b) != 0 {
		return nil, false
	}
	return e, true
}

// appendTable encodes a data table for an entry.
func appendTable(b []byte, t *render.TableView) []byte {
	b = appendStrings(b, t.Head)
	b = binary.AppendUvarint(b, uint64(len(t.Rows)))
	for _, row := range t.Rows {
		b = appendStrings(b, row)
	}
	return appendBytes(b, []byte(t.Note))
}

// readTable decodes what appendTable wrote.
func readTable(b []byte) (*render.TableView, bool) {
	r := reader{b: b}
	t := &render.TableView{Head: r.strings()}
	rows := r.count()
	for range rows {
		t.Rows = append(t.Rows, r.strings())
	}
	t.Note = string(r.bytes())
	if r.bad || len(r.b) != 0 {
		return nil, false
	}
	return t, true
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendBytes(b, []byte(s))
	}
	return b
}

// reader reads what the append functions wrote; a read past the end or a
// malformed number sets bad and returns zero values.
type reader struct {
	b   []byte
	bad bool
}

// count reads a uvarint no larger than the bytes left (every counted thing
// takes at least a byte), so that a corrupt count cannot make a huge loop.
func (r *reader) count() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b)) {
		r.bad = true
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *reader) bytes() []byte {
	n := r.count()
	if r.bad || n > len(r.b) {
		r.bad = true
		return nil
	}
	s := r.b[:n:n]
	r.b = r.b[n:]
	return s
}

func (r *reader) bool() bool {
	if len(r.b) == 0 {
		r.bad = true
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

func (r *reader) strings() []string {
	n := r.count()
	out := make([]string, 0, n)
	for range n {
		out = append(out, string(r.bytes()))
	}
	return out
}
