package figure

import (
	"bytes"

	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/render"
)

// entry is what the chart cache keeps of a chart: what a build needs of it
// without computing it (the SVG, the CSV, the text around the figure), the
// data table to render the figure with, and the figure HTML the theme made
// of it for the last few views.
type entry struct {
	SVG          []byte // the wide drawing
	Narrow       []byte // the narrow drawing, for phones (chart.Chart.Narrow)
	CSV          []byte
	Description  string
	Through      period.Date
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

// cutHTML is figure HTML with the chart's drawings, which the entry holds
// once, cut out: holes says where each goes back.
type cutHTML struct {
	html  []byte
	holes []hole // in the order of at
	has   bool   // false for no HTML, such as the feed of a page without a PNG
}

// hole is where drawing which (0 the wide SVG, 1 the narrow one) was cut
// out of an HTML, as an offset into the cut HTML.
type hole struct{ at, which int }

// drawings returns the entry's drawings, indexed as hole.which.
func (e *entry) drawings() [2][]byte { return [2][]byte{e.SVG, e.Narrow} }

// cut cuts the first copy of each drawing out of html.
func cut(html []byte, drawings [2][]byte) cutHTML {
	type found struct{ at, which int }
	var fs []found
	for i, d := range drawings {
		if len(d) == 0 {
			continue
		}
		if at := bytes.Index(html, d); at >= 0 {
			fs = append(fs, found{at, i})
		}
	}
	if len(fs) == 2 && fs[1].at < fs[0].at {
		fs[0], fs[1] = fs[1], fs[0]
	}
	if len(fs) == 2 && fs[1].at < fs[0].at+len(drawings[fs[0].which]) {
		fs = fs[:1] // overlapping copies: keep the HTML whole around the second
	}
	c := cutHTML{html: make([]byte, 0, len(html)), has: true}
	prev := 0
	for _, f := range fs {
		c.html = append(c.html, html[prev:f.at]...)
		c.holes = append(c.holes, hole{at: len(c.html), which: f.which})
		prev = f.at + len(drawings[f.which])
	}
	c.html = append(c.html, html[prev:]...)
	return c
}

// join puts the drawings back into c.
func (c cutHTML) join(drawings [2][]byte) []byte {
	n := len(c.html)
	for _, h := range c.holes {
		n += len(drawings[h.which])
	}
	out := make([]byte, 0, n)
	prev := 0
	for _, h := range c.holes {
		out = append(append(out, c.html[prev:h.at]...), drawings[h.which]...)
		prev = h.at
	}
	return append(out, c.html[prev:]...)
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
				feedHTML = v.feed.join(e.drawings())
			}
			return v.page.join(e.drawings()), feedHTML, true
		}
	}
	return nil, nil, false
}

// add keeps the figure HTML of the view key, newest first.
func (e *entry) add(key string, page, feedHTML []byte) {
	v := view{key: key, page: cut(page, e.drawings())}
	if feedHTML != nil {
		v.feed = cut(feedHTML, e.drawings())
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
const entryMagic = "tearsheet-chart-entry/5\n"

// encode writes the entry: lengths as uvarints and bytes as they are, so
// that reading one back slices the bytes read rather than decoding them.
func (e *entry) encode() ([]byte, error) {
	through, err := e.Through.Time.MarshalBinary()
	if err != nil {
		return nil, err
	}
	n := len(entryMagic) + len(e.SVG) + len(e.Narrow) + len(e.CSV) + len(e.Description) + len(e.table) + 64
	for _, v := range e.views {
		n += len(v.key) + len(v.page.html) + len(v.feed.html) + 16
	}
	b := make([]byte, 0, n)
	b = append(b, entryMagic...)
	b = binenc.AppendBytes(b, e.SVG)
	b = binenc.AppendBytes(b, e.Narrow)
	b = binenc.AppendBytes(b, e.CSV)
	b = binenc.AppendString(b, e.Description)
	b = binenc.AppendBytes(b, through)
	b = binenc.AppendUint(b, uint64(e.Through.Precision))
	b = binenc.AppendUint(b, uint64(len(e.Credits)))
	for _, c := range e.Credits {
		b = binenc.AppendString(b, c)
	}
	b = binenc.AppendBool(b, e.Illustrative)
	b = binenc.AppendBytes(b, e.table)
	b = binenc.AppendUint(b, uint64(len(e.views)))
	for _, v := range e.views {
		b = binenc.AppendString(b, v.key)
		for _, c := range []cutHTML{v.page, v.feed} {
			b = binenc.AppendBool(b, c.has)
			b = binenc.AppendUint(b, uint64(len(c.holes)))
			for _, h := range c.holes {
				b = binenc.AppendUint(b, uint64(h.at))
				b = binenc.AppendUint(b, uint64(h.which))
			}
			b = binenc.AppendBytes(b, c.html)
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
	r := binenc.NewReader(b[len(entryMagic):])
	e := &entry{SVG: r.Bytes(), Narrow: r.Bytes(), CSV: r.Bytes(), Description: r.String()}
	if err := e.Through.Time.UnmarshalBinary(r.Bytes()); err != nil {
		return nil, false
	}
	e.Through.Precision = period.Precision(r.Uint())
	credits := r.Count()
	for range credits {
		e.Credits = append(e.Credits, r.String())
	}
	e.Illustrative = r.Bool()
	e.table = r.Bytes()
	views := r.Count()
	for range views {
		v := view{key: r.String()}
		for _, c := range []*cutHTML{&v.page, &v.feed} {
			c.has = r.Bool()
			holes := r.Count()
			for range holes {
				c.holes = append(c.holes, hole{at: r.Count(), which: r.Count()})
			}
			c.html = r.Bytes()
			prev := 0
			for _, h := range c.holes {
				if h.at < prev || h.at > len(c.html) || h.which > 1 {
					return nil, false
				}
				prev = h.at
			}
		}
		e.views = append(e.views, v)
	}
	if !r.Done() {
		return nil, false
	}
	return e, true
}

// appendTable encodes a data table for an entry.
func appendTable(b []byte, t *render.TableView) []byte {
	b = binenc.AppendStrings(b, t.Head)
	b = binenc.AppendUint(b, uint64(len(t.Rows)))
	for _, row := range t.Rows {
		b = binenc.AppendStrings(b, row)
	}
	return binenc.AppendString(b, t.Note)
}

// readTable decodes what appendTable wrote.
func readTable(b []byte) (*render.TableView, bool) {
	r := binenc.NewReader(b)
	t := &render.TableView{Head: r.Strings()}
	rows := r.Count()
	for range rows {
		t.Rows = append(t.Rows, r.Strings())
	}
	t.Note = r.String()
	if !r.Done() {
		return nil, false
	}
	return t, true
}
