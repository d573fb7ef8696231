package build

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// articleEntry is what a Session keeps of one article between builds: its
// view with its card rendered, what the view was made from, and the
// keys of the view and of the article page's data. A view is never
// changed once made: the builds that reuse it share it.
type articleEntry struct {
	// file is the source file as parsed, which a build parses again only
	// when its bytes changed (content.file): the same File, the same
	// front matter and body.
	file    *content.File
	doc     *markdown.Doc
	fig     *figure.Page
	notices []string
	layout  articleLayout
	// imgs are the sizes of the images of its bundle (bundleImageSizes),
	// which its email edition gives its img tags: a file replaced by one
	// of another size makes the entry again.
	imgs []imageSize

	view *render.ArticleView
	// id stands in for view in the keys of the pages and feeds that
	// show it (articleID, as the page cache makes it).
	id key
	// entry is the key of the article's line on the archive index: its
	// title, URL, date, draft mark and rendered entry (entryKey), which a
	// text edit leaves alone.
	entry key
	find  *search.Prepared // the article's part of the search index
	// outs holds the article's own files (its page, its charts' pages
	// and embeds, its email edition and its plain text), each with the
	// key of what it was made from, made with the site view whose key is
	// outsSite: the entry is made again when anything else they are made
	// from changes.
	outs     *ownFiles
	outsSite key
}

// ownFiles are an article's own files (see articleEntry.outs), in the
// order its jobs make them; nil keeps none. all says they are every file
// of the article's (a quick build may make its page only).
type ownFiles struct {
	names []string
	files []*ownFile
	all   bool
}

// ownFile is one of an article's own files: its bytes, which no one
// changes, once made (set by the one render worker that makes the file).
// The file is made from the article's view, the site view and the layout
// the entry was made for: while the article's entry is used and the site
// view is the same (articleEntry.outsSite), the file is too.
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

// ownFiles returns the files article i keeps of its own, nil without a
// Session; let go of when the site view changed. Only the one goroutine
// that makes the article's jobs adds to them; the render workers fill in
// the slots, one each.
func (c *caches) ownFiles(v *views, i int) *ownFiles {
	if c == nil || v.keep == nil {
		return nil
	}
	e := v.keep[i]
	if e.outs == nil || e.outsSite != c.siteSum {
		e.outs, e.outsSite = &ownFiles{}, c.siteSum
	}
	return e.outs
}

// articleLayout is what an article's view and page take from the site's
// layout rather than its own file: its URL, dates and title as laid out,
// the titles and URLs of its tags, neighbours and related articles, and
// the entries figures.lock adds to its revision log (which the data
// moves: see builder.revise).
type articleLayout struct {
	title, author, path string
	date, lastmod       time.Time
	scheduled           bool
	older, newer        pageLink
	tags, related       []pageLink
	revisions           []site.Revision
}

func sameRevision(a, b site.Revision) bool { return a.Date.Equal(b.Date) && a.Note == b.Note }

// pageLink is the name and site path of a tag or article; zero for none.
type pageLink [2]string

func linkOf(p *site.Page) pageLink {
	if p == nil {
		return pageLink{}
	}
	return pageLink{p.Title, p.Path}
}

func layoutOf(p *site.Page) articleLayout {
	l := articleLayout{
		title: p.Title, author: p.Author, path: p.Path,
		date: p.Date, lastmod: p.Lastmod, scheduled: p.Scheduled,
		older: linkOf(p.Older), newer: linkOf(p.Newer),
		revisions: slices.Clone(p.Revisions),
	}
	for _, t := range slices.Concat(p.Terms...) {
		l.tags = append(l.tags, pageLink{t.Name, t.Path})
	}
	for _, q := range p.Related {
		l.related = append(l.related, linkOf(q))
	}
	return l
}

// encode writes l into e, for the page cache's key of an article: the
// same fields same compares.
func (l *articleLayout) encode(e *encoder) {
	e.str(l.title)
	e.str(l.author)
	e.str(l.path)
	for _, t := range []time.Time{l.date, l.lastmod} {
		e.num(uint64(t.UnixNano()))
	}
	e.flag(l.scheduled)
	for _, links := range [][]pageLink{{l.older, l.newer}, l.tags, l.related} {
		e.num(uint64(len(links)))
		for _, k := range links {
			e.str(k[0])
			e.str(k[1])
		}
	}
	e.num(uint64(len(l.revisions)))
	for _, r := range l.revisions {
		e.num(uint64(r.Date.UnixNano()))
		e.str(r.Note)
	}
}

// same reports whether p is laid out as l records, without allocating: it
// runs for every article on every build.
func (l *articleLayout) same(p *site.Page) bool {
	if l.title != p.Title || l.author != p.Author || l.path != p.Path || l.scheduled != p.Scheduled ||
		!l.date.Equal(p.Date) || !l.lastmod.Equal(p.Lastmod) ||
		l.older != linkOf(p.Older) || l.newer != linkOf(p.Newer) ||
		len(l.related) != len(p.Related) || !sameTerms(l.tags, p) || !slices.EqualFunc(l.revisions, p.Revisions, sameRevision) {
		return false
	}
	for i, q := range p.Related {
		if l.related[i] != linkOf(q) {
			return false
		}
	}
	return true
}

// articleViews fills v's article views (v.keep, v.articles, v.docs and
// v.figs) for docs, the build's converted articles: every article's, or
// in a quick build those at the indices only, the rest of v being the
// last build's (views.over). An article whose parsed source file (the
// same File), converted markdown, figures, claim notices and layout are those of an earlier
// build's view gets that view, card and all; the rest are made and their
// cards rendered, in parallel. It then records the keys of the views it
// filled and of the site view for the build's hashers. When the only
// errors are the templates' mistakes (templateOnly), every view is
// filled all the same, for the build to try the other templates.
func (c *caches) articleViews(b *builder, v *views, docs []*markdown.Doc, only []int) error {
	arts := b.site.Articles
	at := only
	if only == nil {
		v.keep = make([]*articleEntry, len(arts))
		at = make([]int, len(arts))
		for i := range at {
			at[i] = i
		}
	}
	fresh := make([]bool, len(at))
	par.Each(len(at), b.opts.Workers, func(k int) {
		i := at[k]
		pk := pathKey("article", arts[i].File.Path)
		e, f := c.article(b, docs, i, pk)
		fresh[k] = f
		v.keep[i] = e
		v.articles[i], v.docs[i], v.figs[i] = e.view, docs[i], b.pageFig[i]
	})
	var todo []int
	for k, f := range fresh {
		if f {
			todo = append(todo, at[k])
		}
	}
	if only == nil {
		// What the ids of the views made now start from. A view kept
		// keeps its id, made from the same inputs; a site.yaml or
		// template change lets go of every view. pageGlobal fails only
		// on a value that cannot be keyed: the ids then start from
		// nothing, and a change of theme or site.yaml still drops the
		// views they stand for. A quick build has the same.
		c.global, _ = b.pageGlobal(v.sv)
	}
	made := c.makeViews(b, v, todo)
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
	return made
}

// article returns the entry of article i that this build can use: the
// one kept under k when it was made from the same inputs, else a new one
// without a view (fresh), kept under k in its place.
func (c *caches) article(b *builder, docs []*markdown.Doc, i int, k key) (e *articleEntry, fresh bool) {
	p := b.site.Articles[i]
	var notices []string
	if i < len(b.claims) && b.claims[i] != nil {
		notices = b.claims[i].notices
	}
	imgs := bundleImageSizes(b.fsys, p)
	s, ok := c.store.GetIf(k, func(s stored) bool {
		e := s.art
		return e != nil && e.file == p.File && e.doc == docs[i] && e.fig == b.pageFig[i] &&
			slices.Equal(e.notices, notices) && e.layout.same(p) && slices.Equal(e.imgs, imgs)
	})
	if ok {
		return s.art, false
	}
	e = &articleEntry{file: p.File, doc: docs[i], fig: b.pageFig[i], notices: notices, layout: layoutOf(p), imgs: imgs}
	c.store.Keep(k, stored{art: e})
	return e, true
}

// makeViews makes the views of the fresh entries of the articles at the
// indices and renders their cards, in parallel. On error the kept entries
// are dropped: some have no view, or no card (a template's mistake, after
// which every view is made).
func (c *caches) makeViews(b *builder, v *views, todo []int) error {
	if len(todo) == 0 {
		return nil
	}
	arts := b.site.Articles
	errs := make([]error, len(todo))
	par.Run(len(todo), b.opts.Workers, func() func(int) {
		var buf bytes.Buffer
		vh := c.hasher()
		return func(k int) {
			i := todo[k]
			e := v.keep[i]
			v.setArticle(i, e.doc, e.fig)
			a := v.articles[i]
			a.Notices = e.notices
			if err := b.renderCard(&buf, a); err != nil {
				// The view is made all the same, without its card, for
				// the build to render the other templates (pageJobs): it
				// fails, and lets go of the views made.
				errs[k] = pageError(arts[i].File.Path, err)
			}
			// The view stands in by the article's id, made from what the
			// view is made from, as the page cache makes it; when its data
			// cannot be named, by the key of the view itself.
			if uses, ok := b.dataUses(arts[i].File.Path, e.fig); ok {
				e.id = articleID(articleKey(c.global, arts[i], b.pngOf(arts[i]), e.imgs), uses, e.notices)
			} else if e.id, ok = vh.elem(a); !ok {
				errs[k] = fmt.Errorf("%s: its view cannot be keyed", arts[i].File.Path)
				return
			}
			e.view, e.entry = a, entryKey(a)
			e.find = search.Prepare(findDoc(a, search.Sections(e.doc.HTML)))
		}
	})
	if err := joinUnique(errs); err != nil {
		c.store.Retain(func(_ key, s stored) bool { return s.art == nil })
		return err
	}
	return nil
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
