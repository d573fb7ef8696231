package build

import (
	"slices"

	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// ownFiles are an article's own files (its page, its charts' pages and
// embeds, its email edition and its plain text), each with the key of
// what it was made from, in the order its jobs make them; nil keeps
// none. all says they are every file of the article's (a quick build may
// make its page only). A Session keeps them for the article's view (its
// id) and the site view (ownOf): while both are the same, so are they.
type ownFiles struct {
	names []string
	files []*ownFile
	all   bool
}

// ownFile is one of an article's own files: its bytes, which no one
// changes, once made (set by the one render worker that makes the file).
// The file is made from the article's view and the site view: while both
// are the same (ownOf), the file is too.
type ownFile struct {
	data []byte
	made bool
}

// slot returns where the file name is kept, nil for nowhere.
func (x *ownFiles) slot(name string) *ownFile {
	if x == nil {
		return nil
	}
	if i := slices.Index(x.names, name); i >= 0 {
		return x.files[i]
	}
	f := &ownFile{}
	x.names, x.files = append(x.names, name), append(x.files, f)
	return f
}

// made reports whether x holds every file of the article's, made.
func (x *ownFiles) made() bool {
	return x != nil && x.all && !slices.ContainsFunc(x.files, func(f *ownFile) bool { return !f.made })
}

// ownOf returns the files the article of source path file, whose view's
// id is id, keeps of its own: those kept for the same view and site view
// (c.siteSum), else none, kept in their place. Only the one goroutine
// that makes the article's jobs adds to them; the render workers fill in
// the slots, one each.
func (c *caches) ownOf(file string, id key) *ownFiles {
	k := pathKey("own", file)
	if s, ok := c.store.GetIf(k, func(s stored) bool { return s.own != nil && s.own.from == id && s.own.site == c.siteSum }); ok {
		return s.own.files
	}
	x := &ownFiles{}
	c.store.Keep(k, stored{own: &ownRec{from: id, site: c.siteSum, files: x}})
	return x
}

// ownRec is an article's own files as a Session keeps them: made from
// the view whose id is from and the site view whose key is site.
type ownRec struct {
	from, site key
	files      *ownFiles
}

// ownFiles returns the files article i of v keeps of its own, nil without
// a Session.
func (v *views) ownFiles(i int) *ownFiles {
	if v.keep == nil || v.keep[i] == nil {
		return nil
	}
	return v.keep[i].outs
}

// appendLayout appends to b what article p's view and page take from
// the site's layout rather than its own file (its layout, as the page
// cache's key and article.place hold it): its URL, dates and title as
// laid out, the titles and URLs of its terms, neighbours and related
// articles, and the entries figures.lock adds to its revision log (which
// the data moves: see builder.revise). It runs for every article of a
// full build.
func appendLayout(b []byte, p *site.Page) []byte {
	b = binenc.AppendString(b, p.Title)
	b = binenc.AppendString(b, p.Author)
	b = binenc.AppendString(b, p.Path)
	b = binenc.AppendUint(b, uint64(p.Date.UnixNano()))
	b = binenc.AppendUint(b, uint64(p.Lastmod.UnixNano()))
	b = binenc.AppendBool(b, p.Scheduled)
	b = appendLink(appendLink(b, p.Older), p.Newer)
	n := 0
	for _, terms := range p.Terms {
		n += len(terms)
	}
	b = binenc.AppendUint(b, uint64(n))
	for _, terms := range p.Terms {
		for _, t := range terms {
			b = binenc.AppendString(binenc.AppendString(b, t.Name), t.Path)
		}
	}
	b = binenc.AppendUint(b, uint64(len(p.Related)))
	for _, q := range p.Related {
		b = appendLink(b, q)
	}
	b = binenc.AppendUint(b, uint64(len(p.Revisions)))
	for _, r := range p.Revisions {
		b = binenc.AppendString(binenc.AppendUint(b, uint64(r.Date.UnixNano())), r.Note)
	}
	return b
}

// appendLink appends the title and path of q, or two empty strings for
// none.
func appendLink(b []byte, q *site.Page) []byte {
	if q == nil {
		return binenc.AppendString(binenc.AppendString(b, ""), "")
	}
	return binenc.AppendString(binenc.AppendString(b, q.Title), q.Path)
}

// articleViews fills v's article views (v.keep, v.articles, v.docs and
// v.figs, the documents and figures each view was made from): every
// article's, or in a quick build those at the indices only, the rest of v
// being the last build's (views.over). Each view is article.view's (viewq.go),
// asked in parallel: kept while what it was made from is, else made and
// its cards rendered. It then records the keys of the views it filled and
// of the site view for the build's hashers, and finds the files each
// article keeps of its own. When the only errors are the templates'
// mistakes (templateOnly), every view is filled all the same, for the
// build to try the other templates.
func (c *caches) articleViews(b *builder, v *views, only []int) error {
	arts := b.site.Articles
	at := only
	if only == nil {
		v.keep = make([]*keptArticle, len(arts))
		at = make([]int, len(arts))
		for i := range at {
			at[i] = i
		}
	}
	st := c.content
	st.startViews(b, v) // for the rest of the build (Session.Build)
	errs := make([]error, len(at))
	par.Each(len(at), b.opts.Workers, func(k int) {
		i := at[k]
		r, id, err := st.viewOf(b, i)
		if err != nil {
			errs[k] = err
			return
		}
		v.keep[i] = &keptArticle{articleView: r, id: id}
		v.articles[i], v.docs[i], v.figs[i] = r.view, r.doc, r.fig
		errs[k] = r.cards
	})
	made := joinUnique(errs)
	if made != nil && !templateOnly(made) {
		return made
	}
	known := make(map[uintptr]key, len(at)+1)
	for _, i := range at {
		known[pointer(v.keep[i].view)] = v.keep[i].id
	}
	if only == nil {
		c.siteSum, _ = c.hasher().elem(v.sv) // a quick build's site view is the last one's
	}
	if c.siteSum != (key{}) {
		known[pointer(v.sv)] = c.siteSum
	}
	c.known = known
	par.Each(len(at), b.opts.Workers, func(k int) {
		e := v.keep[at[k]]
		e.outs = c.ownOf(arts[at[k]].File.Path, e.id)
	})
	return made
}

// entryKey is the key of what the archive index shows of the article a:
// its title, URL, date, draft mark and its entry (archive).
func entryKey(a *render.ArticleView) key {
	e := newEncoder("entry")
	e.str(a.Title)
	e.str(a.URL)
	e.num(uint64(a.Date.UnixNano()))
	e.flag(a.Draft)
	e.str(string(a.Entry))
	return e.sum()
}
