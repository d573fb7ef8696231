package build

import (
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// job is one output file rendered from a template.
type job struct {
	out  string
	kind string
	data *render.Data
	// art is the article of a Session's article page, whose data is made
	// only when the key kept with the article's view (memo) is not enough.
	art *site.Page
	// list makes the data of a page of a list (data is then nil), which
	// shows items; a Session makes it only when it has not kept the page.
	list  func() *render.Data
	items []*site.Page
	// shapeOf, for a page of a list, makes the key of what the list's
	// pages show besides their articles (listSum): while it and the site
	// view are the same, so is the page's shape (caches.startLists). Only
	// a Session asks for it.
	shapeOf func() key
	// lazy makes the data of a page whose key a Session keeps in memo
	// (data is then nil): a chart's page, its embed or an email edition,
	// made only when the page is not kept.
	lazy func() (*render.Data, error)
	// from, when not zero, is the key of what the page's data is made
	// from, known without the data (a page of the data catalogue: the
	// keys of what it shows, catalogueKept.pageFrom): the page is keyed by
	// it, the site view's key and its output (fromKey), and its data
	// (lazy) is made only when the page is made again.
	from key
	// text, when not "", is the output of the plain-text part of an
	// email edition, made from the job's HTML.
	text string
	// fresh says a quick build makes the page again for a new title it
	// shows among thousands (the archive index, the data catalogue's):
	// it is rendered without keying its data, which would cost
	// more than executing the template, and not kept.
	fresh bool
	// own, in a Session, is where the article the file belongs to keeps
	// it with the key of its data (see articleEntry.outs): while set,
	// the data is not made again; ownText is the same for text.
	own, ownText *ownFile
}

// need makes the data of job j when it is made lazily (see job) and not
// made yet: an article's page, a page of a list, a chart's page or
// embed, or an email edition.
func (b *builder) need(v *views, j *job) error {
	if j.data != nil {
		return nil
	}
	switch {
	case j.lazy != nil:
		d, err := j.lazy()
		if err != nil {
			return err
		}
		j.data = d
	case j.art != nil:
		j.data = v.articlePage(j.art)
	case j.list != nil:
		j.data = j.list()
	default:
		return nil
	}
	j.data.UsePartials(b.partials)
	return nil
}

// fromKey is the key of job j's page, which j.from stands for: with the
// key of the site view, which every page shows, and the output; zero
// without a store (vh nil) or when the site view cannot be keyed.
func fromKey(vh *viewHasher, v *views, j *job) key {
	if vh == nil {
		return key{}
	}
	site, ok := vh.elem(v.sv)
	if !ok {
		return key{}
	}
	e := newEncoder("page from")
	e.str(j.kind)
	e.str(j.out)
	e.key(site)
	e.key(j.from)
	return e.sum()
}
