package build

import (
	"bytes"
	"errors"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file is an article's view as a query of the content stage's
// store, as a Session asks for it (articleViews):
//
//   - article.view (an article's source path): the article's view with
//     its cards rendered, its line on the archive index (entryKey) and its
//     part of the search index. It reads its place (article.place), the
//     article's file (content.file: the front matter the view shows), its
//     document (page.doc), site.yaml, the options, the theme's templates
//     (render.templates: the cards') and the images of its bundle (its
//     email edition gives their sizes). Its sum (the store's default: of
//     its key and its reads) is the view's id, which stands in for the
//     view in the keys of the pages, lists and feeds that show it.
//   - article.place (a source path): what the view takes from the site's
//     layout and the build (articlePlace): the article's output, its
//     layout (appendLayout: title, dates, terms, neighbours, related
//     articles, revisions), the files of its bundle and the notices of its
//     claims.
//     The layout is revised by figures.lock and the claims are checked
//     against the data, neither a recorded read: the query is volatile,
//     made again in every build that asks, and the view that read it stays
//     green while it gives the same. A view is one query per article,
//     made again in place: a neighbour's new title does not leave the old
//     view behind in the store until a full build's sweep.
//   - article.feed (a source path): the article's content in the feeds
//     (makeFeedContent), made from its view, document and figures: it
//     reads the view alone (article.view), whose sum covers them.
//   - article.email (a source path): the content of its email edition
//     (makeEmail), made from its document and figures, the templates
//     (partials/email-figure.html) and the sizes of its bundle's images:
//     it reads the view alone, whose sum covers them all.
//
// The queries reach the build under way through contentStage.b and its
// views through contentStage.v, set from articleViews to the build's end
// (Session.Build).

// articleView is article.view's result. No one changes it once made: the
// builds that reuse it share it.
type articleView struct {
	view *render.ArticleView
	doc  *markdown.Doc // what the view was made from
	fig  *figure.Page
	imgs []imageSize // the sizes of its bundle's images (bundleImageSizes), which its email edition gives
	// entry is the key of the article's line on the archive index: its
	// title, URL, date, draft mark and rendered entry (entryKey), which a
	// text edit leaves alone.
	entry key
	find  *search.Prepared // the article's part of the search index
	// cards is its cards' templates' mistake, with which the view is made
	// all the same, without them, for the build to report every
	// template's (pageJobs): the build fails.
	cards error
}

// keptArticle is a Session's article in one build: its view, the view's
// id (the sum of its article.view) and the files it keeps of its own.
type keptArticle struct {
	*articleView
	id   key
	outs *ownFiles
}

// articlePlace is article.place's result: what article p's view takes
// from the site's layout and the build, summed (placeSum: its output, its
// layout as appendLayout gives it, the files of its bundle and the
// notices of its claims), with the notices, which the view shows.
type articlePlace struct {
	notices []string
	sum     query.Key
}

// placeSum is the sum of article p's place with notices.
func placeSum(p *site.Page, notices []string) query.Key {
	var buf [1024]byte // most places fit: nothing to allocate
	b := binenc.AppendString(buf[:0], p.Out)
	b = appendLayout(b, p)
	b = binenc.AppendStrings(b, p.File.Assets)
	return query.Sum(binenc.AppendStrings(b, notices))
}

// viewOf returns the view of article i of b's site and its id, by
// article.view.
func (st *contentStage) viewOf(b *builder, i int) (*articleView, key, error) {
	r, sum, err := query.GetSum(st.current(), st.view, b.site.Articles[i].File.Path)
	return r, key(sum), err
}

// startViews makes b and v the build and views the article queries
// make views, feed and email content for, until doneConverting.
func (st *contentStage) startViews(b *builder, v *views) { st.b, st.v = b, v }

// article returns the build under way and the index of its article
// file, for the query of kind.
func (st *contentStage) article(kind, file string) (*builder, int, error) {
	b := st.b
	if b == nil || st.v == nil {
		return nil, 0, query.Transient(errors.New(kind + ": no build under way"))
	}
	i, ok := b.laid.index[file]
	if !ok || i >= len(b.site.Articles) {
		return nil, 0, query.Transient(errors.New(kind + ": " + file + " is not an article of the build under way"))
	}
	return b, i, nil
}

// placeQuery is article.place.
func (st *contentStage) placeQuery(_ *query.Ctx, file string) (*articlePlace, error) {
	b, i, err := st.article("article.place", file)
	if err != nil {
		return nil, err
	}
	var notices []string
	if i < len(b.claims) && b.claims[i] != nil {
		notices = b.claims[i].notices
	}
	return &articlePlace{notices: notices, sum: placeSum(b.site.Articles[i], notices)}, nil
}

// viewQuery is article.view.
func (st *contentStage) viewQuery(c *query.Ctx, file string) (*articleView, error) {
	b, i, err := st.article("article.view", file)
	if err != nil {
		return nil, err
	}
	place, err := query.Get(c, st.place, file)
	if err != nil {
		return nil, err
	}
	p, v := b.site.Articles[i], st.v
	if _, err := query.Get(c, st.file, file); err != nil {
		return nil, err
	}
	doc, fig, err := st.docIn(c, b, p)
	if err != nil {
		return nil, err
	}
	if err := readSettings(c); err != nil {
		return nil, err
	}
	if _, err := query.Get(c, st.templates, b.cfg.Theme); err != nil {
		return nil, err
	}
	a := v.linkedArticle(p, doc)
	setFigures(a, fig)
	a.Notices = place.notices
	res := &articleView{view: a, doc: doc, fig: fig, imgs: bundleImageSizes(c.FS(), p)}
	var buf bytes.Buffer
	if err := b.renderCard(&buf, a); err != nil {
		if b.ctx.Err() != nil {
			return nil, query.Transient(err) // the build was stopped
		}
		res.cards = pageError(file, err)
	}
	res.entry = entryKey(a)
	res.find = search.Prepare(findDoc(a, search.Sections(doc.HTML)))
	return res, nil
}

// feedOf returns the feed content of article p of the build under way,
// by article.feed.
func (st *contentStage) feedOf(p *site.Page) (*feedContent, error) {
	return query.Get(st.current(), st.feed, p.File.Path)
}

// feedQuery is article.feed.
func (st *contentStage) feedQuery(c *query.Ctx, file string) (*feedContent, error) {
	r, sum, err := query.GetSum(c, st.view, file)
	if err != nil {
		return nil, err
	}
	e, err := makeFeedContent(r.view, r.doc, r.fig)
	if err != nil {
		return nil, err
	}
	e.from = key(sum)
	return e, nil
}

// emailOf returns the content of article p's email edition, of the build
// under way, by article.email.
func (st *contentStage) emailOf(p *site.Page) ([]byte, error) {
	return query.Get(st.current(), st.email, p.File.Path)
}

// emailQuery is article.email.
func (st *contentStage) emailQuery(c *query.Ctx, file string) ([]byte, error) {
	b, i, err := st.article("article.email", file)
	if err != nil {
		return nil, err
	}
	r, err := query.Get(c, st.view, file)
	if err != nil {
		return nil, err
	}
	content, err := b.makeEmail(b.site.Articles[i], r.doc, r.fig, r.imgs)
	if err != nil && b.ctx.Err() != nil {
		return nil, query.Transient(err) // the build was stopped
	}
	return content, err
}
