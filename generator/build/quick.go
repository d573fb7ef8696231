package build

import (
	"errors"
	"maps"
	"reflect"
	"slices"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/site"
)

// quick is one quick build of a Session (see quickFrom): the last build
// it starts from, which it leaves as it was, the pages edited, and what
// shows them. run reads and lays out the site, then: start (edit, reach,
// outputs); carry, with which run converts the edited pages and checks
// their claims and figures.lock as a full build does; finish (jobs,
// write, drop).
type quick struct {
	c     *caches
	last  *lastBuild
	b     *builder
	cfg   *config.Config
	begun time.Time // when the build began
	out   *output.Memory
	pages []*site.Page // b.all()
	arts  []*site.Page
	v     *views // copies of the last build's (views.over), updated

	edited   map[int]*content.File // by index in pages
	retitled map[int]bool
	laid     *layoutEntry // this build's: the last build's with the edited files
	only     []int        // the edited pages, sorted
	linking  []int        // the articles whose pages link to a retitled one

	feeds   map[string]bool // the lists whose feeds carry an edited article
	lists   []job           // the pages of lists that show an edited article
	aliases []job           // the redirects to a retitled article
	archive bool            // the archive index, which lists every title

	// maybe holds the files this build may write again, or drop; its
	// Memory holds the others as the last build's. own holds the edited
	// pages' own files (their chart files, chart pages and email
	// edition), which go unless made again.
	maybe, own map[string]bool
	lastCat    []string        // the data catalogue's pages in the last build
	lastParts  map[string]bool // the sitemaps of the last build's sitemap index
}

// quickFrom returns the quick build that follows b, a Session's build
// whose site is laid out as laid, when only pages changed since the last
// build (c.last) and the site's layout holds; nil when the build must go
// on in full. Every path changed since (c.since, as the watcher saw them)
// must be the markdown of a page of the last build's layout, which laid
// must be the same layout with files edited (site.layout held, and the
// build's files are bound to it: see layout.go); the theme must be the
// last build's. The edited pages are
// those whose file is not the last layout's.
func (c *caches) quickFrom(b *builder, laid *layoutEntry, start time.Time) *quick {
	last := c.last
	if last == nil || len(c.since) == 0 || b.opts.Fetch != nil || b.theme != last.theme ||
		b.opts.Now.Before(last.now) || !sameIndex(laid, last.laid) {
		return nil
	}
	for _, name := range c.since {
		if _, ok := laid.index[name]; !ok {
			return nil
		}
	}
	q := &quick{c: c, last: last, b: b, cfg: b.cfg, begun: start, laid: laid,
		edited: map[int]*content.File{}, retitled: map[int]bool{}}
	was := slices.Concat(last.laid.site.Articles, last.laid.site.Pages)
	for i, p := range slices.Concat(laid.site.Articles, laid.site.Pages) {
		if p.File != was[i].File {
			q.edited[i] = p.File
			if p.Title != was[i].Title {
				q.retitled[i] = true
			}
		}
	}
	q.only = slices.Sorted(maps.Keys(q.edited))
	b.lock, b.revs = last.lock, last.revs
	b.inFeed = feedArticles(laid.site, b.cfg.Feeds.Items, nil)
	return q
}

// sameIndex reports whether a and b are one layout but for edited files
// (layoutEntry.reuse): they share the index of their pages' paths, which
// site.New made.
func sameIndex(a, b *layoutEntry) bool {
	return a.index != nil && reflect.ValueOf(a.index).UnsafePointer() == reflect.ValueOf(b.index).UnsafePointer()
}

// start begins the quick build, whose output out holds the last build's:
// it makes the build's site and views, finds what shows the edited pages
// and which files may change.
func (q *quick) start(out *output.Memory) {
	q.edit()
	q.reach()
	q.outputs(out)
	q.out, q.b.w = out, out
}

// carry returns the build's documents, the last build's but for the
// pages edited, which it returns to be converted again; the figures and
// claims and figures.lock's warnings go on likewise.
func (q *quick) carry() ([]*markdown.Doc, []int) {
	b, last := q.b, q.last
	b.pageFig = slices.Clone(last.figs)
	b.claims = slices.Clone(last.claims)
	for _, i := range q.only {
		b.claims[i] = nil
	}
	b.lockWarnings = last.lockWarn
	return slices.Clone(last.docs), q.only
}

// finish makes the pages and feeds that show the edited pages, once they
// are converted into docs with the warnings, and the build's result.
func (q *quick) finish(docs []*markdown.Doc, warnings []string) (*Result, error) {
	jobs, catFiles, catGone, sitemap, err := q.jobs(docs)
	if err != nil {
		return nil, err
	}
	search, err := q.write(jobs, catFiles, sitemap)
	if err != nil {
		return nil, err
	}
	q.drop(q.out, search, catGone, sitemap)
	b, last := q.b, q.last
	res := &Result{
		Articles:  len(q.arts),
		Pages:     len(b.site.Pages),
		Files:     q.out.Len(),
		Charts:    b.figures.Stats(),
		Warnings:  slices.Concat(warnings, b.site.Warnings, b.dataWarnings),
		Converted: int(b.converted.Load()),
		Rendered:  int(b.rendered.Load()),
		Sources:   last.res.Sources, // the same pages: shared, see Result
		Left:      b.site.Left,
	}
	next := *last
	next.laid, next.views, next.search = q.laid, q.v, search
	next.now, next.docs, next.figs, next.claims, next.res, next.data, next.lockWarn = b.opts.Now, docs, b.pageFig, b.claims, res, b.dataWarnings, b.lockWarnings
	q.c.last = &next
	res.Duration = time.Since(q.begun)
	return res, nil
}

// edit makes the site of this build and its views: the layout's site with
// figures.lock's revisions, the last build's, and copies of the last
// build's views over it, which leave the last build's as they were.
func (q *quick) edit() {
	s := revised(q.laid.site, q.last.revs)
	q.b.site, q.arts = s, s.Articles
	q.pages = q.b.all()
	q.v = q.last.views.over(s)
}

// reach finds what shows the edited pages: the lists and feeds that carry
// them, the articles whose pages link to a retitled one, and the
// redirects to it.
func (q *quick) reach() {
	v, n := q.v, q.cfg.Feeds.Items
	shown := map[*site.Page]bool{} // the edited articles
	q.feeds = map[string]bool{}
	// A new title shows on the pages of the article's neighbours and of
	// the articles it is related to, and on the redirects to it.
	q.linking = linking(q.b.site, q.pages, q.retitled, q.edited)
	for _, al := range q.b.site.Aliases {
		if q.retitled[slices.Index(q.pages, al.To)] {
			q.aliases = append(q.aliases, job{out: al.Out, kind: "alias", data: v.alias(al)})
		}
	}
	for _, i := range q.only {
		if i >= len(q.arts) {
			continue
		}
		p := q.arts[i]
		shown[p] = true
		if i < n {
			q.feeds["/"] = true
		}
		for _, t := range slices.Concat(p.Terms...) {
			if slices.Contains(t.Articles[:min(n, len(t.Articles))], p) {
				q.feeds[t.Path] = true
			}
		}
	}
	for _, i := range q.linking {
		// Their cards may show the new title too (a theme's card can show
		// an article's neighbours); a list whose cards are unchanged is
		// taken from the cache by its key.
		shown[q.arts[i]] = true
	}
	showsEdited := func(items []*site.Page) bool {
		return slices.ContainsFunc(items, func(p *site.Page) bool { return shown[p] })
	}
	q.lists = v.listPages(v.homeJobs(nil, showsEdited), v.allTerms(), showsEdited)
	// The archive index lists every title; its data is made once the
	// articles' views are.
	q.archive = len(q.retitled) > 0
}

// outputs fills maybe and own, and lastParts from out, which holds the
// last build's files. The search index is made again; its files are named
// by their content, so the last build's that it does not make again go
// (its index.json keeps its name).
func (q *quick) outputs(out *output.Memory) {
	maybe := make(map[string]bool, len(q.last.search)+64)
	maybe[HeadersFile], maybe[site.SitemapFile] = true, true
	q.lastParts = map[string]bool{}
	static := q.b.staticOuts()
	for n := 1; ; n++ {
		name := sitemapPart(n)
		if _, ok := out.Get(name); !ok || static[name] {
			break
		}
		maybe[name], q.lastParts[name] = true, true
	}
	own := map[string]bool{}
	for name := range q.last.search {
		maybe[name] = true
	}
	for _, i := range q.linking {
		maybe[q.pages[i].Out] = true
	}
	for _, j := range q.aliases {
		maybe[j.out] = true
	}
	for _, i := range q.only {
		maybe[q.pages[i].Out] = true
		if pf := q.last.figs[i]; pf != nil {
			for _, f := range pf.Files {
				maybe[f.Out], own[f.Out] = true, true
			}
		}
		if i < len(q.arts) {
			for _, out := range extraOuts(q.pages[i], q.last.figs[i]) {
				maybe[out], own[out] = true, true
			}
		}
	}
	for _, j := range q.lists {
		maybe[j.out] = true
	}
	if q.archive {
		maybe[site.OutFile(site.ArchivePath)] = true
	}
	q.lastCat = catalogueOuts(q.cfg.DatasetNames(), q.v.dataPagers)
	for _, out := range q.lastCat {
		maybe[out] = true
	}
	for dir := range q.feeds {
		for _, f := range site.FeedFiles() {
			maybe[site.OutDir(dir)+f] = true
		}
	}
	q.maybe, q.own = maybe, own
}

// jobs updates the views of the edited articles and of those linking to a
// retitled one, writes the edited pages' chart files, and returns the
// pages to render, the data catalogue's other files, the catalogue's pages
// that go, and whether the sitemap and _headers are made again.
func (q *quick) jobs(docs []*markdown.Doc) (jobs []job, catFiles []file, catGone map[string]bool, sitemap bool, err error) {
	b, v, last := q.b, q.v, q.last
	copy(v.pages, docs[len(q.arts):])
	var editedArts []int
	for _, i := range q.only {
		p := q.pages[i]
		if i < len(q.arts) {
			editedArts = append(editedArts, i)
		} else {
			jobs = append(jobs, job{out: p.Out, kind: "page", data: v.page(p, b.pageFig[i])})
		}
		if pf := b.pageFig[i]; pf != nil {
			for _, f := range pf.Files {
				if err := b.claimChart(f); err != nil {
					return nil, nil, nil, false, err
				}
				if err := b.put(f.Out, f.Data); err != nil {
					return nil, nil, nil, false, err
				}
			}
		}
	}
	arts := append(editedArts, q.linking...)
	if err := q.c.articleViews(b, v, arts); err != nil {
		return nil, nil, nil, false, err
	}
	for _, i := range arts { // with their views' keys: after articleViews
		p := q.pages[i]
		jobs = append(jobs, job{out: p.Out, kind: "article", art: p, own: v.ownFiles(i).slot(p.Out)})
	}
	lists := q.lists
	if q.archive {
		lists = append(lists, v.archiveJob())
	}
	for _, i := range editedArts {
		jobs = append(jobs, b.extraJobs(v, i, docs[i], b.pageFig[i])...)
	}
	jobs = append(append(jobs, lists...), q.aliases...)
	b.dataWarnings = last.data
	if q.catalogueShows() {
		// As a full build makes it: from what it kept, making again
		// only what shows an edited page (fill).
		cat, err := b.catalogue(v)
		if err != nil {
			return nil, nil, nil, false, err
		}
		b.dataWarnings, catFiles = cat.warnings, cat.files
		jobs = append(jobs, cat.jobs...)
	}
	// A dataset whose users are fewer may have fewer pages: the others go.
	catGone = map[string]bool{}
	for _, out := range q.lastCat {
		catGone[out] = true
	}
	outs := catalogueOuts(q.cfg.DatasetNames(), v.dataPagers)
	for _, out := range outs {
		delete(catGone, out)
	}
	// The sitemap and _headers list the pages of the articles' charts and
	// of the catalogue, and the pages' dates, which a quick build leaves
	// alone: they are made again only when the edited articles' charts or
	// the catalogue's pages are not those of the last build.
	sitemap = !slices.Equal(outs, q.lastCat) || slices.ContainsFunc(q.only, func(i int) bool {
		return !slices.Equal(chartIDs(last.figs[i]), chartIDs(b.pageFig[i]))
	})
	return jobs, catFiles, catGone, sitemap, nil
}

// catalogueShows reports whether the data catalogue may show what the
// build changed: the datasets an edited page's charts and inline figures
// read, their charts' ids and titles, or the title of one that reads
// data. Else the last build's catalogue stands: a quick build changes no
// data, no path, date or kind of a page, and no template.
func (q *quick) catalogueShows() bool {
	for _, i := range q.only {
		o, n := q.last.figs[i], q.b.pageFig[i]
		if q.retitled[i] && (usesData(o) || usesData(n)) {
			return true
		}
		if (o == nil) != (n == nil) || o != nil && (!slices.EqualFunc(o.ChartUses(), n.ChartUses(), sameChartUse) || !slices.Equal(o.InlineUses(), n.InlineUses())) {
			return true
		}
	}
	return false
}

// usesData reports whether a page's charts or inline figures read data.
func usesData(f *figure.Page) bool {
	return f != nil && (len(f.ChartUses()) > 0 || len(f.InlineUses()) > 0)
}

func sameChartUse(a, b figure.ChartUse) bool {
	return a.ID == b.ID && a.Title == b.Title && slices.Equal(a.Datasets, b.Datasets)
}

// write renders the jobs and, meanwhile, writes the feeds that carry an
// edited article, the sitemap and _headers when they are made again, the
// search index's new files and catFiles. It returns the files of the
// search index, of which only those the last build did not hold are
// written: the others are the last build's.
func (q *quick) write(jobs []job, catFiles []file, sitemap bool) (map[string][]byte, error) {
	b, v, c := q.b, q.v, q.c
	structErr := make(chan error, 1)
	go func() {
		extra, err := b.feedFiles(v, func(sitePath string) bool { return q.feeds[sitePath] })
		if err != nil {
			structErr <- err
			return
		}
		if sitemap {
			sm, err := b.sitemapFiles(v)
			if err != nil {
				structErr <- err
				return
			}
			extra = append(append(extra, sm...), file{out: HeadersFile, data: v.headers()})
		}
		for _, f := range b.searchFiles(v) { // sets c.search
			if old, ok := q.last.search[f.out]; !ok || !sameBytes(old, f.data) {
				extra = append(extra, f)
			}
		}
		structErr <- b.writeFiles(append(extra, catFiles...))
	}()
	err := errors.Join(b.render(v, jobs), <-structErr)
	return c.search, err
}

// drop removes from out, which holds the last build's files and those
// this build wrote, the files of maybe that go: the edited pages' old own
// files, the catalogue's pages that go, the search index's files not
// made again and, when the sitemap was made again (sitemap), the last
// build's sitemaps it no longer has (any other file of maybe not written
// again, such as a feed a static file replaces, is the last build's).
func (q *quick) drop(out *output.Memory, search map[string][]byte, catGone map[string]bool, sitemap bool) {
	for name := range q.maybe {
		if out.Wrote(name) {
			continue
		}
		if _, made := search[name]; isSearchFile(name) && !made || catGone[name] || q.own[name] || sitemap && q.lastParts[name] {
			out.Remove(name)
		}
	}
}

// linking returns the indices of the articles of s not edited that show
// the title of a page at the indices retitled (of pages: the articles,
// then the pages of s): the neighbours' older and newer links, and the
// related links.
func linking(s *site.Site, pages []*site.Page, retitled map[int]bool, edited map[int]*content.File) []int {
	if len(retitled) == 0 {
		return nil
	}
	named := map[*site.Page]bool{}
	for i := range retitled {
		named[pages[i]] = true
	}
	var out []int
	for i, p := range s.Articles {
		if edited[i] != nil {
			continue // made again anyway
		}
		if named[p.Older] || named[p.Newer] || slices.ContainsFunc(p.Related, func(q *site.Page) bool { return named[q] }) {
			out = append(out, i)
		}
	}
	return out
}
