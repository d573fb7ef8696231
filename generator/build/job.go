package build

import (
	"bytes"
	"errors"

	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/markdown"
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
	// own, in a Session, is where the article the file belongs to keeps
	// it with the key of its data (see ownFiles): while set,
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

// pageJobs makes the views of the site (a plain build made its articles'
// while converting) and the jobs that render its pages, with the data
// catalogue's. When the cards of a Session's articles met a template's
// mistake, it returns them as cards, with the rest: the build renders the
// pages for their templates' errors only.
func (b *builder) pageJobs(docs []*markdown.Doc) (v *views, jobs []job, cat *catalogue, cards error) {
	// A plain build made its article views while converting (b.early); a
	// Session makes them here, reusing those it kept.
	v = b.early
	if v != nil {
		b.pages.know(v) // every article's id is known once converted
	} else {
		v = newSiteViews(b.cfg, b.site, b.theme)
		if cards = b.cache.articleViews(b, v, nil); cards != nil && !templateOnly(cards) {
			return nil, nil, nil, cards
		}
		b.views = v
	}
	copy(v.pages, docs[len(b.site.Articles):])
	// Room for the pages but the articles' (which a plain build rendered
	// as it converted, and a Session's keeps): growing by appending
	// copied thousands of jobs again and again.
	jobs = make([]job, 0, v.listCount()+len(b.site.Pages)+len(b.site.Aliases)+len(b.site.Sections)+len(b.site.Taxonomies)+16)
	if b.early == nil {
		// The articles that keep every file of their own have no job:
		// their files are written in parallel, the others' jobs made
		// after, in order.
		owns := make([]*ownFiles, len(b.site.Articles))
		errs := make([]error, len(owns))
		par.Each(len(owns), b.opts.Workers, func(i int) {
			if owns[i] = v.ownFiles(i); owns[i].made() {
				errs[i] = b.putOwn(owns[i])
			}
		})
		if err := errors.Join(errs...); err != nil {
			return nil, nil, nil, err
		}
		for i, p := range b.site.Articles {
			own := owns[i]
			if own.made() {
				continue
			}
			jobs = append(jobs, job{out: p.Out, kind: "article", art: p, own: own.slot(p.Out)})
			jobs = append(jobs, b.extraJobs(v, i, v.docs[i], v.figs[i])...)
			if own != nil {
				own.all = true // each job has its slot
			}
		}
	}
	for _, p := range b.site.Pages {
		jobs = append(jobs, job{out: p.Out, kind: "page", data: v.page(p, b.pageFig[len(b.site.Articles)+p.Index])})
	}
	jobs = v.homeJobs(jobs, nil)
	for _, al := range b.site.Aliases {
		jobs = append(jobs, job{out: al.Out, kind: "alias", data: v.alias(al)})
	}
	for _, r := range b.site.Sections {
		jobs = append(jobs, job{out: r.Out, kind: "alias", data: v.redirect(r)})
	}
	jobs = append(jobs, job{out: "404.html", kind: "404", data: v.notFound()})
	jobs = v.listJobs(jobs)
	cat, err := b.catalogue(v)
	if err != nil {
		return nil, nil, nil, errors.Join(cards, err)
	}
	return v, jobs, cat, cards
}

// templateOnly reports whether every error err joins is a template's
// mistake: one while it rendered (render.ExecError), or of one that did
// not load.
func templateOnly(err error) bool {
	for _, e := range appendLeaves(nil, err) {
		var x *render.ExecError
		if !errors.As(e, &x) && !errors.Is(e, render.ErrNotLoaded) {
			return false
		}
	}
	return true
}

// renderOthers renders, for their errors only, the pages but the articles
// of a plain build whose articles' template failed (renderErr): it
// renders those before the others, and one build should report the
// mistakes of every template, as a Session's does. It writes no
// structure files (feeds, search index) and no assets: the build fails.
func (b *builder) renderOthers(docs []*markdown.Doc) error {
	v, jobs, _, err := b.pageJobs(docs)
	if v == nil {
		return err
	}
	return errors.Join(err, b.render(v, jobs))
}

// halt passes on err, a template's execution's error; when the template
// ran past its time (render.ErrTooSlow), it first stops the build's other
// work: every page would wait as long for the same loop, and the build
// fails. What the stopped jobs report (the context's error) is left out
// of the build's errors by joinUnique.
func (b *builder) halt(err error) error {
	if errors.Is(err, render.ErrTooSlow) {
		b.stop(err)
	}
	return err
}

// render renders the jobs in parallel; a Session takes the pages whose
// data it has rendered before from its cache.
func (b *builder) render(v *views, jobs []job) error {
	for _, j := range jobs {
		if j.data != nil {
			j.data.UsePartials(b.partials)
		}
	}
	errs := make([]error, len(jobs))
	var lists []*listRec // a Session's records of the pages of lists
	if b.cache != nil {
		lists = b.cache.startLists(jobs)
	}
	par.Run(len(jobs), b.opts.Workers, func() func(int) {
		var buf bytes.Buffer
		vh := b.hasher()
		return func(i int) {
			if b.ctx.Err() != nil {
				errs[i] = b.ctx.Err()
				return
			}
			buf.Reset()
			j := jobs[i]
			var k key
			switch {
			case j.own != nil && j.own.made:
				// The article kept the file: its data is not made.
				errs[i] = errors.Join(b.putShared(j.out, j.own.data), b.putText(j, j.own.data))
				return
			case j.own != nil:
				// Made below and kept by the article, without a key.
			case j.from != (key{}):
				k = fromKey(vh, v, &j)
			case j.list != nil && b.cache != nil:
				r := lists[i]
				if r.shows(v, j.items) {
					errs[i] = b.putShared(j.out, r.data)
					return
				}
				d, ok := b.cache.listPage(vh, v, j, r)
				if d != nil {
					j.data = d
					j.data.UsePartials(b.partials)
				}
				if !ok {
					lists[i] = nil // not kept: made below as without a Session
				}
			default:
				lazy := j.data == nil // let go after this job: see sumOnce
				if errs[i] = b.need(v, &j); errs[i] != nil {
					return
				}
				k = outKey(vh, j.kind, j.data, lazy)
			}
			if html, ok := b.made(j.out, k); ok {
				if html == nil { // the destination holds the page
					b.count(1)
					return
				}
				errs[i] = errors.Join(b.putShared(j.out, html), b.putText(j, html))
				return
			}
			if errs[i] = b.need(v, &j); errs[i] != nil {
				return
			}
			b.rendered.Add(1)
			if err := b.halt(b.theme.Execute(&buf, j.kind, j.data)); err != nil {
				errs[i] = pageError(j.out, err)
				return
			}
			if j.own != nil {
				html := bytes.Clone(buf.Bytes())
				errs[i] = errors.Join(b.keepOwn(j.own, j.out, html), b.putText(j, html))
				return
			}
			if j.list != nil && lists != nil && lists[i] != nil {
				// Kept with the page's record: no one changes it.
				lists[i].data = bytes.Clone(buf.Bytes())
				errs[i] = b.putShared(j.out, lists[i].data)
				return
			}
			errs[i] = errors.Join(b.writeMade(j.out, k, buf.Bytes()), b.putText(j, buf.Bytes()))
		}
	})
	if err := joinUnique(errs); err != nil {
		return err
	}
	b.cache.endLists(jobs, lists)
	return nil
}
