package build

import (
	"bytes"
	"html/template"
	"maps"
	"strings"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/keep"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// caches is what a Session keeps between builds. A nil *caches keeps
// nothing: every method then does the plain work.
type caches struct {
	config []byte // site.yaml the caches were made with
	// templates names the templates of the last theme a build loaded
	// (useTheme): its name and render.Theme.Sum.
	templates string

	// store keeps the values made from the site's files, each under
	// the key of what it is made from or of the file it is made for (see
	// stored): article views, list shapes, pages
	// and feed content. A full build keeps what it used (endBuild), a
	// quick build adds to it (merge). The Session owns it: a site.yaml
	// edit makes new caches around the same store.
	store *keep.Generations[key, stored]

	last *lastBuild // nil when the next build cannot be quick
	// unbuilt are the paths changed since last that quick builds which
	// failed did not build: the next build's changes add to them.
	unbuilt []string
	// since are the paths changed since last, as this build was told
	// (Session.Build), each made clean (cleanPath), and quick says
	// whether the build is quick.
	since []string
	quick bool
	// content is the Session's content stage (contentq.go), whose store
	// outlives a site.yaml edit: the schema is one of its inputs.
	content *contentStage
	// search is this build's files of the search index, by name
	// (searchFiles).
	search map[string][]byte
	// This build's keys of the site view and every article view,
	// by pointer (see viewHasher.known), and of the site view alone.
	known   map[uintptr]key
	siteSum key
}

// newCaches returns the caches of a Session whose store is store and
// whose content stage is content.
func newCaches(store *keep.Generations[key, stored], content *contentStage) *caches {
	return &caches{store: store, content: content}
}

// useTheme notes that this build renders with t, the theme name as the
// store gives it (contentStage.theme): when its templates are not those
// of the last theme a Session's build used, the pages and article views
// (their cards) it keeps were rendered with other templates, and go. A
// stylesheet's new name reaches the pages through their data.
func (c *caches) useTheme(name string, t *render.Theme) {
	if c == nil || t == nil {
		return
	}
	if id := name + "\x00" + t.Sum(); id != c.templates {
		if c.templates != "" {
			c.store.Retain(func(_ key, s stored) bool { return s.made == nil && s.own == nil && s.lists == nil })
		}
		c.templates = id
	}
}

// shareDrawings points the drawings of each chart's view in fig (what
// its own page and embed show) at their copy in the figure's place in d's
// HTML, which a Session keeps too: the preview holds one copy of each
// SVG, not two. fig is the conversion's own, not yet shared.
func shareDrawings(d *markdown.Doc, fig *figure.Page) {
	if fig == nil {
		return
	}
	for k, c := range fig.Charts[:min(len(fig.Charts), len(d.Figures))] {
		in := d.HTML[d.Figures[k][0]:d.Figures[k][1]]
		for _, svg := range []*template.HTML{&c.SVG, &c.SVGNarrow} {
			if i := strings.Index(in, string(*svg)); len(*svg) > 0 && i >= 0 {
				*svg = template.HTML(in[i : i+len(*svg)])
			}
		}
	}
}

// hasher returns a key maker for one render worker, or nil.
func (c *caches) hasher() *viewHasher {
	if c == nil {
		return nil
	}
	return newViewHasher(c.known)
}

// lookup returns what an earlier build made for name of the kind ("out"
// for an output file, "email" for an email edition's content) from what
// key stands for, or nil, and keeps it for the next build.
func (c *caches) lookup(kind, name string, k key) []byte {
	if c == nil || k == (key{}) {
		return nil
	}
	s, ok := c.store.GetIf(pathKey(kind, name), func(s stored) bool { return s.made != nil && s.made.from == k })
	if !ok {
		return nil
	}
	return s.made.data
}

// keepPage remembers what this build made for name of the kind from what
// key stands for, in place of what an earlier build made for it, and
// returns the bytes kept (which no one changes), nil without a Session.
func (c *caches) keepPage(kind, name string, k key, data []byte) []byte {
	if c == nil || k == (key{}) {
		return nil
	}
	kept := bytes.Clone(data)
	c.store.Keep(pathKey(kind, name), stored{made: &made{from: k, data: kept}})
	return kept
}

// startLists returns the record of each job's page, index-aligned with
// jobs, nil but for the pages of lists: the record an earlier build kept
// for the page when it was made with the same site view and the same
// structure of the page's list (job.shapeOf), else a new one, without a
// shape, for listPage to fill. A page's shape is the key of its data
// without its articles, and what it holds besides them is the site view's
// and the list's: its name, URL, number of articles (its pagination) and,
// for a year, its months. An article moved between tags changes the shape
// of those two tags' pages only.
func (c *caches) startLists(jobs []job) []*listRec {
	kept, _ := c.store.Look(pathKey("lists", ""))
	recs := make([]*listRec, len(jobs))
	for i, j := range jobs {
		if j.list == nil {
			continue
		}
		of := j.shapeOf()
		r := &listRec{site: c.siteSum, of: of}
		if old := kept.lists[j.out]; old != nil && old.site == c.siteSum && old.of == of {
			r.shape, r.ids, r.data = old.shape, old.ids, old.data
		}
		recs[i] = r
	}
	return recs
}

// endLists keeps the records of the pages of lists for the next build: a
// full build's pages only, a quick build's with those it did not make.
func (c *caches) endLists(jobs []job, recs []*listRec) {
	if c == nil {
		return
	}
	t := listTable{}
	if c.quick {
		kept, _ := c.store.Look(pathKey("lists", ""))
		t = maps.Clone(kept.lists)
		if t == nil {
			t = listTable{}
		}
	}
	for i, j := range jobs {
		if r := recs[i]; r != nil && r.data != nil {
			t[j.out] = r
		}
	}
	c.store.Keep(pathKey("lists", ""), stored{lists: t})
}

// shows reports whether r's page, when made, shows the articles items
// shows now, each with the same view (its id): the page is then the same.
func (r *listRec) shows(v *views, items []*site.Page) bool {
	if r.data == nil || len(r.ids) != len(items) {
		return false
	}
	for k, p := range items {
		if r.ids[k] != v.keep[p.Index].id {
			return false
		}
	}
	return true
}

// listPage fills r, the record of job j's page, a page of a list, for the
// page to be made again: its shape, kept while the structure of the site
// is unchanged, and the ids of the articles it shows. It returns the
// page's data when it made it to know the shape, or false when the data
// cannot be keyed (the page is then not kept).
func (c *caches) listPage(vh *viewHasher, v *views, j job, r *listRec) (*render.Data, bool) {
	var d *render.Data
	r.data = nil
	if r.shape == (key{}) {
		d = j.list()
		items, charts := d.List.Items, d.Charts // made of the items' views
		d.List.Items, d.Charts = nil, nil
		sum, ok := vh.sumOnce(j.kind, d)
		d.List.Items, d.Charts = items, charts
		if !ok {
			return d, false
		}
		r.shape = sum
	}
	r.ids = make([]key, len(j.items))
	for k, p := range j.items {
		r.ids[k] = v.keep[p.Index].id
	}
	return d, true
}

// keyOf starts the key of a value of the kind made from a URL and bytes.
func keyOf(kind, url string, b []byte) *encoder {
	e := newEncoder(kind)
	e.str(url)
	e.bytes(b)
	return e
}
