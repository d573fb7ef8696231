package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/feed"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// all returns the articles then the pages.
func (b *builder) all() []*site.Page {
	if b.site == nil {
		return nil
	}
	return append(append([]*site.Page(nil), b.site.Articles...), b.site.Pages...)
}

// convert turns the pages' markdown into HTML, in parallel, one Converter
// per worker: every page's, or in a quick build (q not nil) those of the
// pages it edited, which it returns (only), the others' being the last
// build's (quick.carry).
func (b *builder) convert(q *quick) (docs []*markdown.Doc, only []int, err error) {
	pages := b.all()
	if q != nil {
		docs, only = q.carry()
	} else {
		docs = make([]*markdown.Doc, len(pages))
		b.pageFig = make([]*figure.Page, len(pages))
		if b.cache == nil {
			b.chartFiles = make([][]figure.File, len(pages))
		}
	}
	return docs, only, b.convertAt(pages, docs, only)
}

// convertAt converts the pages at the indices only (every page when only
// is nil) into docs and b.pageFig, index-aligned with pages.
func (b *builder) convertAt(pages []*site.Page, docs []*markdown.Doc, only []int) error {
	at := func(k int) int { return k }
	n := len(pages)
	if only != nil {
		at = func(k int) int { return only[k] }
		n = len(only)
	}
	errs := make([]error, n)
	// A plain build renders each article as it is converted: see
	// builder.renderErr.
	renderErrs := make([]error, n)
	if b.cache != nil {
		b.cache.content.startConverting(b)
		defer b.cache.content.doneConverting()
	}
	b.limit.Run(n, func() func(k int) {
		var buf bytes.Buffer
		return func(k int) {
			i := at(k)
			if b.ctx.Err() != nil {
				errs[k] = b.ctx.Err()
				return
			}
			p := pages[i]
			var pk key
			var view *render.ArticleView // the page cache's, made without markdown
			if b.pages != nil && i < len(b.site.Articles) {
				if pk, view = b.pages.key(b.early, p, b.pngOf(p), bundleImageSizes(b.fsys, p)); view != nil {
					var ok bool
					if docs[i], b.pageFig[i], ok = b.pages.reuse(b, i, pk, view); ok {
						return
					}
				}
			}
			if b.cache != nil {
				docs[i], b.pageFig[i], errs[k] = b.cache.content.docOf(b, p)
				return
			}
			w := b.converters.Get().(*converter)
			docs[i], b.pageFig[i], errs[k] = b.convertPage(w, p, b.pngOf(p))
			b.converters.Put(w)
			var charts []string
			if pf := b.pageFig[i]; pf != nil && errs[k] == nil && ownsOutput(b.site, p) {
				// Write the charts' CSV and PNG files now rather than
				// keeping every chart's data until the pages are rendered.
				// (A Session keeps them: a later build reuses the page.)
				b.chartFiles[i] = chartFiles(pf)
				for _, f := range pf.Files {
					if err := b.claimChart(f); err != nil {
						errs[k] = err
						break
					}
					if err := b.put(f.Out, f.Data); err != nil {
						errs[k] = err
						break
					}
					charts = append(charts, f.Out)
				}
				pf.Files = nil
			}
			if b.early != nil && i < len(b.site.Articles) && errs[k] == nil {
				var outs []string
				outs, renderErrs[k] = b.renderArticle(&buf, i, view, docs[i], b.pageFig[i])
				charts = append(charts, outs...)
				if view != nil && renderErrs[k] == nil {
					b.pages.record(b, i, pk, docs[i], b.pageFig[i], charts)
				}
			}
		}
	})
	b.renderErr = joinUnique(renderErrs)
	return errors.Join(errs...) // run joins every stage's errors (joinUnique)
}

// convertPage converts the markdown of p, an article or not, with w:
// its document and its figures (nil without a figure set).
func (b *builder) convertPage(w *converter, p *site.Page, article bool) (*markdown.Doc, *figure.Page, error) {
	b.converted.Add(1)
	f := p.File
	var figs markdown.Figures
	var fig *figure.Page
	if b.figures != nil {
		if w.charts == nil {
			w.charts = chart.NewRenderer()
		}
		fig = b.figures.Page(f.Path, w.charts, article, b.placeCharts(p, article))
		fig.Reserve(bundleOuts(p))
		figs = b.lockFigures(f.Path, fig)
	}
	doc, err := w.conv.ConvertBundle(f.Path, f.BodyLine, f.Body, figs, bundleNames(p))
	if fig != nil {
		fig.Done()
	}
	if doc != nil {
		err = errors.Join(err, givenSummary(w.conv, doc, p))
	}
	if err == nil {
		err = b.summaryAway(doc, p)
	}
	return doc, fig, err
}

// converter is what converts one page at a time: a markdown converter
// with the build's options and a chart renderer, made when a page has
// figures.
type converter struct {
	conv   *markdown.Converter
	charts *chart.Renderer
}

// ownsOutput reports whether p's page is its own: not claimed by another
// page at the same URL, whose clash the layout reports (naming the slug
// to change). Such a page's charts are not written, lest each be
// reported too as a file of another's.
func ownsOutput(s *site.Site, p *site.Page) bool {
	owner := s.Owner(p.Out)
	return owner == "" || owner == p.File.Path || strings.HasPrefix(owner, p.File.Path+":")
}

// markdownOptions are the options of the build's markdown converters.
func (b *builder) markdownOptions() markdown.Options {
	return markdown.Options{
		UnsafeHTML:  b.cfg.Markdown.UnsafeHTML,
		Typographer: b.cfg.TypographerOn(),
		BasePath:    b.cfg.BasePath(),
		MaxBytes:    b.cfg.Markdown.MaxBytes,
		Stop:        b.ctx.Done(),
		ReservedIDs: render.PageIDs(),
	}
}

// checkBroken converts the bodies of files, which the site leaves out for
// an error in their front matter's values (content.Options.Broken), and
// returns the errors of their markdown, charts and figures: a build
// reports them with the front matter's, not one build later. What it
// makes is dropped; the build fails anyway. It needs the theme (to draw
// the charts) and the site's layout.
func (b *builder) checkBroken(files []*content.File) error {
	if b.figures == nil || b.site == nil || len(files) == 0 {
		return nil
	}
	errs := make([]error, len(files))
	b.limit.Run(len(files), func() func(k int) {
		conv := markdown.New(b.markdownOptions())
		charts := chart.NewRenderer()
		return func(k int) {
			f := files[k]
			// A page of its own, out of the site's lists (Index past
			// them): its charts' files go beside its source's path.
			p := &site.Page{File: f, Out: content.TrimExt(strings.TrimPrefix(f.Path, content.Dir+"/")) + "/index.html",
				Index: len(b.site.Articles) + len(b.site.Pages)}
			_, errs[k] = conv.Convert(f.Path, f.BodyLine, f.Body, b.figures.Page(f.Path, charts, false, b.placer(p)))
		}
	})
	return errors.Join(errs...)
}

// givenSummary puts in doc the summary p's front matter gives, converted
// (markdown's Summary), in place of the one its body makes: a card, a
// feed, the search index and the meta tags then take either from doc
// alike, and its relative links are resolved as the body's summary's are
// (summaryAway). A Session's kept document is the same only for the
// same summary (caches.doc).
func givenSummary(conv *markdown.Converter, doc *markdown.Doc, p *site.Page) error {
	f := p.File
	if f.Meta.Summary == "" {
		return nil
	}
	h, text, err := conv.Summary(f.Path, f.SummaryLine, f.Meta.Summary, bundleNames(p))
	if err != nil {
		return err
	}
	doc.SummaryHTML, doc.SummaryText = h, text
	return nil
}

// summaryAway makes the URLs of doc's summary, which lists show away
// from p's page, hold there: a relative one (a bundle file, a #fragment)
// is resolved against the page's URL into a path from the site's root,
// as the feeds resolve the article's (feed.Absolute).
func (b *builder) summaryAway(doc *markdown.Doc, p *site.Page) error {
	if len(doc.SummaryHTML) == 0 {
		return nil
	}
	base, err := url.Parse(b.cfg.RelURL(p.Path))
	if err != nil {
		return fmt.Errorf("%s: summary: %w", p.File.Path, err)
	}
	if doc.SummaryHTML, err = feed.Absolute(doc.SummaryHTML, base); err != nil {
		return fmt.Errorf("%s: summary: %w", p.File.Path, err)
	}
	return nil
}

// bundleOuts returns the outputs of the files of p's bundle, copied next
// to its page (see copyAssets), by output, with their source paths; nil
// for a page without a bundle. A file is named as a chart's file is
// (Beside): beside rally/index.html as itself, beside rally.html with the
// prefix "rally-".
func bundleOuts(p *site.Page) map[string]string {
	if len(p.File.Assets) == 0 {
		return nil
	}
	outs := make(map[string]string, len(p.File.Assets))
	for _, a := range p.File.Assets {
		outs[Beside(p.Out, strings.TrimPrefix(a, p.File.Bundle+"/"))] = a
	}
	return outs
}

// bundleNames maps the files of p's bundle to their paths from p's folder
// as bundleOuts writes them, when those are not their own (a permalink
// ending in .html): what the page's links to them must say. nil when
// every file keeps its name.
func bundleNames(p *site.Page) markdown.Bundle {
	if len(p.File.Assets) == 0 || path.Base(p.Out) == "index.html" {
		return nil
	}
	dir := len(p.Out) - len(path.Base(p.Out)) // the folder's part of the output
	names := make(markdown.Bundle, len(p.File.Assets))
	for _, a := range p.File.Assets {
		name := strings.TrimPrefix(a, p.File.Bundle+"/")
		names[name] = Beside(p.Out, name)[dir:]
	}
	return names
}

// renderArticle renders article i's list card and page right after its
// conversion (a plain build), then drops the HTML that only the page
// needed: at 10,000 articles, keeping every article's HTML until the end
// would double the build's memory. view, when not nil, is the article's
// view as the page cache made it without markdown. It returns the outputs
// of the article's own files besides its page (see extraJobs) and its
// search fragment.
func (b *builder) renderArticle(buf *bytes.Buffer, i int, view *render.ArticleView, doc *markdown.Doc, fig *figure.Page) ([]string, error) {
	p := b.site.Articles[i]
	b.claims[i] = b.checkClaims(p)
	v := b.early
	if view != nil {
		v.setArticleFrom(i, view, doc, fig)
	} else {
		v.setArticle(i, doc, fig)
	}
	a := v.articles[i]
	a.Notices = b.claims[i].notices
	// A template's mistake does not stop the article's other templates:
	// the build reports each one's.
	var errs []error
	if err := b.renderCard(buf, a); err != nil {
		errs = append(errs, pageError(p.File.Path, err))
	}
	d := v.articlePage(p)
	d.UsePartials(b.partials)
	buf.Reset()
	b.rendered.Add(1)
	if err := b.halt(b.theme.Execute(buf, "article", d)); err != nil {
		errs = append(errs, pageError(p.Out, err))
	} else if err := b.put(p.Out, buf.Bytes()); err != nil {
		return nil, err
	}
	outs, err := b.writeExtras(buf, v, i, doc, fig)
	if err = errors.Join(append(errs, err)...); err != nil {
		return nil, err
	}
	frag, err := b.putFragment(i, findDoc(a, search.Sections(doc.HTML)))
	if err != nil {
		return nil, err
	}
	outs = append(outs, frag) // the page cache keeps it with the page
	if !b.inFeed[i] {
		a.Content, doc.HTML, doc.Figures = "", "", nil
		if fig != nil {
			fig.Feeds = nil
		}
	}
	b.dropBody(p)
	return outs, nil
}

// renderCard renders an article's entries in lists (partials/card.html,
// partials/archive-item.html and partials/archive-entry.html), once: every
// list shows the same ones.
func (b *builder) renderCard(buf *bytes.Buffer, a *render.ArticleView) error {
	var errs []error
	for _, c := range []struct {
		partial string
		html    *template.HTML
	}{{"partials/card.html", &a.Card}, {"partials/archive-item.html", &a.Item}, {"partials/archive-entry.html", &a.Entry}} {
		if !b.theme.Has(c.partial) {
			continue
		}
		buf.Reset()
		if err := b.halt(b.theme.ExecutePartial(buf, c.partial, a)); err != nil {
			errs = append(errs, err)
			continue
		}
		*c.html = template.HTML(buf.String())
	}
	return errors.Join(errs...)
}

// joinUnique joins errors, dropping repeats such as one context error per
// page. A data file that does not load is reported once, at its own line:
// every chart and figure that reads it meets the same data.ParseError,
// which then stands for them all, saying how many they are. A file with
// several problems (a data.ParseErrors) is reported once too, one error a
// problem, the first saying how many read the file; read by one, each
// problem keeps the place that read it. An error of rendering with a
// template that did not load (render.ErrNotLoaded: every chart of every
// article, when article.html has a syntax error) is left out when there
// are others: the template's own error is among them, at its file and
// line, and fixing it fixes these. A template's mistake while it renders
// (a render.ExecError) is reported once for its place and action, the
// first page's, however many pages met it. Of the templates that ran
// past their time (render.ErrTooSlow), the first is reported. A job that
// stopped because the build did (context.Canceled: a template ran past
// its time, see halt) is left out when there are others.
func joinUnique(errs []error) error {
	var leaves, after []error
	for _, e := range errs {
		leaves = appendLeaves(leaves, e)
	}
	for _, e := range leaves {
		if !errors.Is(e, render.ErrNotLoaded) && !errors.Is(e, context.Canceled) {
			after = append(after, e)
		}
	}
	if len(after) > 0 {
		leaves = after
	}
	readers := map[string]int{}
	for _, e := range leaves {
		if de := dataError(e); de != nil {
			readers[de.Error()]++
		}
	}
	var out []error
	seen := map[string]bool{}
	add := func(e error) {
		k := e.Error()
		var x *render.ExecError
		if errors.As(e, &x) {
			// A template's mistake at one place is one, whatever value
			// each page gave it.
			k = fmt.Sprintf("%s:%d:%d: %s", x.File, x.Line, x.Col, x.Action)
		}
		if errors.Is(e, render.ErrTooSlow) {
			// The first template that ran past its time stopped the
			// build (halt); the executions it kept from the CPU
			// meanwhile may have too.
			k = "too slow"
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	for _, e := range leaves {
		de := dataError(e)
		if de == nil {
			add(e)
			continue
		}
		n := readers[de.Error()]
		pes, many := de.(*data.ParseErrors)
		switch {
		case !many && n > 1:
			add(fmt.Errorf("%w (read by %d charts and figures)", de, n))
		case !many:
			add(e)
		case seen[de.Error()]:
		default:
			seen[de.Error()] = true
			// The place that read the file, when one did: "page.md:7: chart: ".
			place, ok := strings.CutSuffix(e.Error(), de.Error())
			if n > 1 || !ok {
				place = ""
			}
			for i, pe := range pes.Errs {
				if i == 0 && n > 1 {
					add(fmt.Errorf("%w (read by %d charts and figures)", pe, n))
					continue
				}
				add(fmt.Errorf("%s%w", place, pe))
			}
		}
	}
	return errors.Join(out...)
}

// notFetchedAside returns the errors of errs but those of a chart or
// figure that read a dataset the fetch stage could not bring
// (figure.ErrNotFetched).
func notFetchedAside(errs []error) []error {
	var out []error
	for _, e := range appendLeaves(nil, errors.Join(errs...)) {
		if !errors.Is(e, figure.ErrNotFetched) {
			out = append(out, e)
		}
	}
	return out
}

// appendLeaves appends to dst the errors err joins, or err. The problems
// of one data file stay one error, which joinUnique reports once.
func appendLeaves(dst []error, err error) []error {
	if err == nil {
		return dst
	}
	if _, ok := err.(*data.ParseErrors); ok {
		return append(dst, err)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			dst = appendLeaves(dst, e)
		}
		return dst
	}
	return append(dst, err)
}

// dataError is the data file's error that err reports, a
// *data.ParseErrors or a *data.ParseError, or nil.
func dataError(err error) error {
	var pes *data.ParseErrors
	if errors.As(err, &pes) {
		return pes
	}
	var pe *data.ParseError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// pageError names the page out (an output, or the source of an article's
// card) in err, unless err is a template's mistake: a render.ExecError
// names its template, and every page that meets it gets the same one, which
// joinUnique then reports once.
func pageError(out string, err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var errs []error
		for _, e := range j.Unwrap() {
			errs = append(errs, pageError(out, e))
		}
		return errors.Join(errs...)
	}
	var e *render.ExecError
	if errors.As(err, &e) {
		return e
	}
	return fmt.Errorf("%s: %w", out, err)
}

// dropBody lets go of the body of p's source once its page is made, in a
// plain build, whose Files are its own (the store let go of them:
// query.Store.Release); a Session's are its store's, which the next build
// reads.
func (b *builder) dropBody(p *site.Page) {
	if b.cache == nil {
		p.File.Body = nil
	}
}
