package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/feed"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Session builds one site again and again, as the preview server does after
// every change, doing only the work a change needs. It keeps what the last
// builds made: the theme (while no template or static file changed), the
// parsed content files and the converted markdown of every page (while its
// bytes, and the bytes of the data files it names, are unchanged), each
// article's view and card (while what they show is unchanged), and each
// page's HTML under a fingerprint of its template data. A full build lays
// out the whole site and renders only the pages whose fingerprint is new; a
// quick build (see Build) takes the layout and every untouched page from
// the previous build. Either way its output is exactly what Build would
// write; Result.Changed names the output files whose bytes differ from the
// previous build.
//
// A change to site.yaml drops everything kept. A Session is not safe for
// concurrent use.
type Session struct {
	fsys  *memoFS
	opts  Options
	cache *caches
	prev  map[string][]byte // the files of the previous build
	quick bool              // the last build was quick (for tests)
	// holdFill (for tests) holds back the goroutine that copies a quick
	// build's unchanged files until quickBuild waits for it, whichever
	// way it returns.
	holdFill bool
}

// NewSession returns a Session that builds the site in fsys with opts. When
// opts.Now is zero each build uses the time it starts.
func NewSession(fsys fs.FS, opts Options) *Session {
	return &Session{fsys: &memoFS{fsys: fsys, files: map[string][]byte{}}, opts: opts, cache: newCaches()}
}

// Build builds the site into a new Memory. changed lists the source paths
// (slash paths from the site root; a folder stands for all under it) that
// changed since the previous Build, as a file watcher saw them: the files
// read before and not listed are taken from memory. A nil changed means
// "not known": every file is read again, as on the first build. On error the
// Session keeps the previous build as the one later builds are compared
// with.
//
// When every changed path is the markdown of an article or page whose
// front matter is unchanged, the build is quick: the layout of the site is
// the previous build's, only those pages are converted, and only the pages
// and feeds that show them are made again; the rest of the output is the
// previous build's.
func (s *Session) Build(ctx context.Context, changed []string) (*Result, *output.Memory, error) {
	s.fsys.forget(changed)
	cfgSrc, err := fs.ReadFile(s.fsys, ConfigFile)
	if err == nil && !bytes.Equal(cfgSrc, s.cache.config) {
		s.cache = newCaches()
		s.cache.config = cfgSrc
	}
	last := s.cache.last
	s.cache.last = nil // kept again only after a successful build
	res, mem, ok, err := s.quickBuild(ctx, last, changed)
	if s.quick = ok; ok {
		return res, mem, err
	}
	mem = output.NewMemorySize(len(s.prev))
	rec := &recorder{mem: mem, files: make(map[string][]byte, len(s.prev))}
	res, err = run(ctx, s.fsys, s.opts, rec, s.cache)
	if err != nil {
		return nil, nil, err
	}
	res.Changed = changedFiles(s.prev, rec.files)
	s.prev = rec.files
	return res, mem, nil
}

// lastBuild is what a Session keeps of its last successful build for a
// quick one.
type lastBuild struct {
	now   time.Time // the build's clock
	next  time.Time // the first article date after now (one that a later clock shows); zero for none
	theme *render.Theme
	site  *site.Site
	index map[string]int // source path -> index in builder.all()
	// Index-aligned with builder.all():
	docs   []*markdown.Doc
	figs   []*figure.Page
	claims []*claimResult
	views  *views
	res    *Result
	lock   *lockState // read-only once made; a change to figures.lock or data is a full build
	data   []string   // the data catalogue's warnings
}

// remember keeps what a quick build needs of the full build b, which
// converted docs from files and returned res; nothing when a quick build
// could not reproduce it: a fetch, or a feed dated by the clock.
func (c *caches) remember(b *builder, docs []*markdown.Doc, files []*content.File, res *Result) {
	c.last = nil
	if b.opts.Fetch != nil || b.views == nil {
		return
	}
	n := b.cfg.Feeds.Items
	if newest(b.site.Articles, 0, min(n, len(b.site.Articles))).IsZero() {
		return // the site's feed is dated by the clock
	}
	for _, t := range slices.Concat(allTerms(b.site)...) {
		if newest(t.Articles, 0, min(n, len(t.Articles))).IsZero() {
			return
		}
	}
	l := &lastBuild{now: b.opts.Now, theme: b.theme, site: b.site, docs: docs, figs: b.pageFig, claims: b.claims, views: b.views, res: res, lock: b.lock, data: b.dataWarnings}
	for _, f := range files {
		if f.Kind != content.Article || f.Meta.Draft && !b.opts.Drafts {
			continue
		}
		if d := f.Meta.Date.Time; d.After(l.now) && (l.next.IsZero() || d.Before(l.next)) {
			l.next = d
		}
	}
	all := b.all()
	l.index = make(map[string]int, len(all))
	for i, p := range all {
		l.index[p.File.Path] = i
	}
	c.last = l
}

// quickBuild builds after changes to the text of pages only, from last: ok is
// false, and nothing done, when the changes need a full build. Every
// changed path must be the markdown of a page of the last build, still
// there, parsing to the same front matter but for the title (when a new
// title keeps the page's URL); the theme, the options and the set of
// articles the clock shows must be the same.
func (s *Session) quickBuild(ctx context.Context, last *lastBuild, changed []string) (res *Result, mem *output.Memory, ok bool, err error) {
	start := time.Now()
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = start
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if last == nil || len(changed) == 0 || opts.Fetch != nil || s.cache.stale > staleMax ||
		opts.Now.Before(last.now) || !last.next.IsZero() && !opts.Now.Before(last.next) {
		return nil, nil, false, nil
	}
	cfg, err := loadConfig(s.fsys, opts)
	if err != nil {
		return nil, nil, false, nil
	}
	c := s.cache
	if theme, err := c.loadTheme(s.fsys, cfg.Theme); err != nil || theme != last.theme {
		return nil, nil, false, nil
	}
	b := &builder{ctx: ctx, fsys: s.fsys, cfg: cfg, site: last.site, theme: last.theme, opts: opts, cache: c,
		inFeed: feedArticles(last.site, cfg.Feeds.Items, nil), lock: last.lock}
	pages := b.all()
	edited := map[int]*content.File{}
	retitled := map[int]bool{}
	for _, name := range changed {
		name = strings.Trim(path.Clean("/"+name), "/")
		i, ok := last.index[name]
		if !ok {
			return nil, nil, false, nil
		}
		src, err := fs.ReadFile(s.fsys, name)
		if err != nil {
			return nil, nil, false, nil
		}
		f, err := content.ParseWith(name, src, schemaOf(cfg))
		old := pages[i].File
		if err != nil || f.Kind != old.Kind || f.Name != old.Name || f.Bundle != old.Bundle {
			return nil, nil, false, nil
		}
		if !reflect.DeepEqual(f.Meta, old.Meta) {
			m := f.Meta
			m.Title = old.Meta.Title
			if !reflect.DeepEqual(m, old.Meta) || !site.KeepsPath(cfg, pages[i], f.Meta.Title) {
				return nil, nil, false, nil
			}
			retitled[i] = true
		}
		f.Assets = old.Assets // no other file was reported
		edited[i] = f
	}

	// From here on the build is quick; on error the next is a full one.
	only := slices.Sorted(maps.Keys(edited))
	arts := last.site.Articles
	v := last.views
	n := cfg.Feeds.Items
	shown := map[*site.Page]bool{} // the edited articles
	feeds := map[string]bool{}     // the lists whose feeds carry one
	// A new title shows on the pages of the article's neighbours and of
	// the articles it is related to, and on the redirects to it.
	linking := retitle(last.site, pages, retitled, edited)
	var aliases []job
	for _, al := range last.site.Aliases {
		if retitled[slices.Index(pages, al.To)] {
			aliases = append(aliases, job{out: al.Out, kind: "alias", data: v.alias(al)})
		}
	}
	for _, i := range only {
		pages[i].File = edited[i]
		if i >= len(arts) {
			continue
		}
		p := arts[i]
		shown[p] = true
		if i < n {
			feeds["/"] = true
		}
		for _, t := range slices.Concat(p.Terms...) {
			if slices.Contains(t.Articles[:min(n, len(t.Articles))], p) {
				feeds[t.Path] = true
			}
		}
	}
	for _, i := range linking {
		// Their cards may show the new title too (a theme's card can show
		// an article's neighbours); a list whose cards are unchanged is
		// taken from the cache by its fingerprint.
		shown[arts[i]] = true
	}
	showsEdited := func(items []*site.Page) bool {
		return slices.ContainsFunc(items, func(p *site.Page) bool { return shown[p] })
	}
	lists := append(v.homeJobs(showsEdited), v.listPages(v.allTerms(), showsEdited)...)
	if len(retitled) > 0 { // the archive index lists every title
		lists = append(lists, v.archiveJob())
	}

	// The files this build may write again (or drop: the edited pages'
	// chart files); the Memory takes the others from the last build
	// while the pages are made.
	// The search index is made again; its files are named by their
	// content, so the last build's that it does not make again go. The
	// sitemap and _headers list the charts' pages, which an edit may rename.
	maybe := map[string]bool{HeadersFile: true, site.SitemapFile: true}
	for name := range s.prev {
		if isSearchFile(name) {
			maybe[name] = true
		}
	}
	for _, i := range linking {
		maybe[pages[i].Out] = true
	}
	for _, j := range aliases {
		maybe[j.out] = true
	}
	for _, i := range only {
		maybe[pages[i].Out] = true
		if pf := last.figs[i]; pf != nil {
			for _, f := range pf.Files {
				maybe[f.Out] = true
			}
		}
		if i < len(arts) {
			for _, out := range extraOuts(cfg, pages[i], last.figs[i]) {
				maybe[out] = true
			}
		}
	}
	for _, j := range lists {
		maybe[j.out] = true
	}
	for _, out := range catalogueOuts(cfg.DatasetNames()) {
		maybe[out] = true
	}
	for dir := range feeds {
		for _, f := range site.FeedFiles() {
			maybe[site.OutDir(dir)+f] = true
		}
	}
	// The goroutine writes to out, never to the result mem, which a
	// return on error sets to nil while the deferred wait still runs.
	out := output.NewMemorySize(len(s.prev))
	filled := make(chan error, 1)
	var hold chan struct{}
	if s.holdFill {
		hold = make(chan struct{})
	}
	go func() {
		if hold != nil {
			<-hold
		}
		for name, data := range s.prev {
			if !maybe[name] {
				if err := out.Share(name, data); err != nil {
					filled <- err
					return
				}
			}
		}
		filled <- nil
	}()
	wait := func() error {
		if hold != nil {
			close(hold)
		}
		return <-filled
	}
	defer func() { // s.prev must not change while it is read
		if filled != nil {
			wait()
		}
	}()

	rec := &recorder{files: map[string][]byte{}}
	b.w = rec
	b.partials = render.NewPartials()
	b.figures = figure.NewSet(s.fsys, cfg, figure.Options{Cache: opts.Cache, Render: b.renderFigure, RenderKey: b.figureRenderKey()})
	docs := slices.Clone(last.docs)
	b.pageFig = slices.Clone(last.figs)
	convErr := b.convertAt(pages, docs, only)
	c.mergeConvert()
	b.claims = slices.Clone(last.claims)
	for _, i := range only {
		b.claims[i] = nil
	}
	warnings, dataErr := b.checkData()
	if err := errors.Join(convErr, dataErr); err != nil {
		return nil, nil, true, err
	}

	copy(v.pages, docs[len(arts):])
	var editedArts []int
	var jobs []job
	for _, i := range only {
		p := pages[i]
		if i < len(arts) {
			editedArts = append(editedArts, i)
			jobs = append(jobs, job{out: p.Out, kind: "article", art: p})
		} else {
			jobs = append(jobs, job{out: p.Out, kind: "page", data: v.page(p)})
		}
		if pf := b.pageFig[i]; pf != nil {
			for _, f := range pf.Files {
				if err := b.put(f.Out, f.Data); err != nil {
					return nil, nil, true, err
				}
			}
		}
	}
	for _, i := range linking {
		jobs = append(jobs, job{out: pages[i].Out, kind: "article", art: pages[i]})
	}
	if err := c.updateViews(b, v, docs, append(editedArts, linking...)); err != nil {
		return nil, nil, true, err
	}
	for _, i := range editedArts {
		extra, err := b.extraJobs(v, i, []byte(docs[i].HTML), b.pageFig[i])
		if err != nil {
			return nil, nil, true, err
		}
		jobs = append(jobs, extra...)
	}
	b.dataWarnings = last.data
	catJobs, catFiles, err := b.quickCatalogue(v, last.figs, only, len(retitled) > 0)
	if err != nil {
		return nil, nil, true, err
	}
	jobs = append(append(append(jobs, lists...), aliases...), catJobs...)
	structErr := make(chan error, 1)
	go func() {
		extra, err := b.feedFiles(v, func(sitePath string) bool { return feeds[sitePath] })
		if err != nil {
			structErr <- err
			return
		}
		sm, err := c.sitemap(v)
		if err != nil {
			structErr <- fmt.Errorf("sitemap: %w", err)
			return
		}
		extra = append(extra, file{out: site.SitemapFile, data: sm}, file{out: HeadersFile, data: v.headers()})
		structErr <- b.writeFiles(append(append(extra, b.searchFiles(v)...), catFiles...))
	}()
	err = errors.Join(b.render(v, jobs), <-structErr)
	c.mergeRender()
	if err != nil {
		return nil, nil, true, err
	}

	// The output: the last build's files, less the edited pages' old
	// chart files (and any file of maybe not written again, such as a
	// feed a static file replaces, is the last build's), plus what this
	// build wrote.
	err, filled = wait(), nil
	if err != nil {
		return nil, nil, true, err
	}
	var diff, gone []string
	for name := range maybe {
		if _, ok := rec.files[name]; ok {
			continue
		}
		old, ok := s.prev[name]
		switch {
		case !ok:
		case isSearchFile(name) || slices.ContainsFunc(only, func(i int) bool {
			return chartOf(last.figs[i], name) || i < len(arts) && slices.Contains(extraOuts(cfg, pages[i], last.figs[i]), name)
		}):
			gone = append(gone, name)
		default:
			if err := out.Share(name, old); err != nil {
				return nil, nil, true, err
			}
		}
	}
	for name, data := range rec.files {
		if old, ok := s.prev[name]; !ok || !sameBytes(old, data) {
			diff = append(diff, name)
		}
		if err := out.Share(name, data); err != nil {
			return nil, nil, true, err
		}
	}
	diff = append(diff, gone...)
	sort.Strings(diff)
	files := s.prev // the Session's own: updated in place
	for _, name := range gone {
		delete(files, name)
	}
	maps.Copy(files, rec.files)
	res = &Result{
		Articles:  len(arts),
		Pages:     len(last.site.Pages),
		Files:     len(files),
		Charts:    b.figures.Stats(),
		Warnings:  append(append(warnings, last.site.Warnings...), b.dataWarnings...),
		Parsed:    len(edited),
		Converted: int(b.converted.Load()),
		Rendered:  int(b.rendered.Load()),
		Changed:   diff,
		Sources:   last.res.Sources, // the same pages: shared, see Result
	}
	last.now, last.docs, last.figs, last.claims, last.res, last.data = opts.Now, docs, b.pageFig, b.claims, res, b.dataWarnings
	c.last = last
	s.prev = files
	res.Duration = time.Since(start)
	return res, out, true, nil
}

// retitle gives the pages at the indices retitled (of pages: the articles,
// then the pages of s) the titles of their edited files, and returns the
// indices of the articles not edited that show one of those titles: the
// neighbours' older and newer links, and the related links.
func retitle(s *site.Site, pages []*site.Page, retitled map[int]bool, edited map[int]*content.File) []int {
	if len(retitled) == 0 {
		return nil
	}
	named := map[*site.Page]bool{}
	for i := range retitled {
		pages[i].Title = strings.TrimSpace(edited[i].Meta.Title)
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

// chartOf reports whether name is one of the chart files of pf.
func chartOf(pf *figure.Page, name string) bool {
	return pf != nil && slices.ContainsFunc(pf.Files, func(f figure.File) bool { return f.Out == name })
}

// recorder writes a build into a Memory and keeps the same bytes in its
// own map, which the Session compares with the next build's.
type recorder struct {
	mem   *output.Memory
	mu    sync.Mutex
	files map[string][]byte
}

// WriteFile implements output.Writer.
func (r *recorder) WriteFile(name string, data []byte) error {
	return r.Share(name, append([]byte(nil), data...))
}

// Share stores data without copying it; the caller never changes it.
// Without a Memory (a quick build) the recorder keeps the files alone.
func (r *recorder) Share(name string, data []byte) error {
	if r.mem != nil {
		if err := r.mem.Share(name, data); err != nil {
			return err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.mem == nil {
		if err := output.CheckName(name); err != nil {
			return err
		}
		if _, dup := r.files[name]; dup {
			return fmt.Errorf("output: %s written twice", name)
		}
	}
	r.files[name] = data
	return nil
}

// changedFiles lists the names whose bytes differ between two builds,
// including names only one of them has, sorted; every name when old is nil.
func changedFiles(old, cur map[string][]byte) []string {
	var out []string
	for n, b := range cur {
		if a, ok := old[n]; !ok || !sameBytes(a, b) {
			out = append(out, n)
		}
	}
	for n := range old {
		if _, ok := cur[n]; !ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// sameBytes reports whether a and b hold the same bytes, at once when they
// are the same slice (a page both builds took from the cache).
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// caches is what a Session keeps between builds. A nil *caches keeps
// nothing: every method then does the plain work.
type caches struct {
	seed   maphash.Seed
	config []byte // site.yaml the caches were made with

	content *content.Cache
	site    *site.Cache

	themeName string
	themeSums [2]uint64 // of the templates and of the static files
	theme     *render.Theme

	mu    sync.Mutex
	docs  map[string]*docEntry // source path -> converted markdown
	next  map[string]*docEntry
	pages generations[[]byte] // fingerprint of a template's data -> its HTML
	// feed content escaped for the feeds, by the fingerprint of its HTML
	// and URL (absKey); kept and let go with pages
	preps generations[*feed.Prepared]

	last     *lastBuild               // nil when the next build cannot be quick
	articles map[string]*articleEntry // source path -> the article's view
	// The shapes of the pages of lists (see listPage), by output file,
	// and the fingerprint of the structure they were made with.
	shapes   map[string]uint64
	shapesOf uint64
	// index makes the search index again from the last one's terms.
	index search.Indexer
	// This build's fingerprints of the site view and every article view,
	// by pointer (see viewHasher.known), and of the site view alone.
	known   map[uintptr]uint64
	siteSum uint64
	stale   int // bytes quick builds added to pages (see mergeRender)
}

// articleEntry is what a Session keeps of one article between builds: its
// view with its card rendered, what the view was made from, and the
// fingerprints of the view and of the article page's data. A view is never
// changed once made: the builds that reuse it share it.
type articleEntry struct {
	src     []byte // the source file's bytes
	doc     *markdown.Doc
	fig     *figure.Page
	notices []string
	layout  articleLayout

	view *render.ArticleView
	sum  uint64 // fingerprint of view
	// page is the fingerprint of the article page's data, made with the
	// site view whose fingerprint is site; 0 until a build needs it.
	page, site uint64
	find       *search.Prepared // the article's part of the search index
}

// articleLayout is what an article's view and page take from the site's
// layout rather than its own file: its URL, dates and title as laid out,
// and the titles and URLs of its tags, neighbours and related articles.
type articleLayout struct {
	title, author, path string
	date, lastmod       time.Time
	scheduled           bool
	older, newer        pageLink
	tags, related       []pageLink
}

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
	}
	for _, t := range slices.Concat(p.Terms...) {
		l.tags = append(l.tags, pageLink{t.Name, t.Path})
	}
	for _, q := range p.Related {
		l.related = append(l.related, linkOf(q))
	}
	return l
}

// same reports whether p is laid out as l records, without allocating: it
// runs for every article on every build.
func (l *articleLayout) same(p *site.Page) bool {
	if l.title != p.Title || l.author != p.Author || l.path != p.Path || l.scheduled != p.Scheduled ||
		!l.date.Equal(p.Date) || !l.lastmod.Equal(p.Lastmod) ||
		l.older != linkOf(p.Older) || l.newer != linkOf(p.Newer) ||
		len(l.related) != len(p.Related) || !sameTerms(l.tags, p) {
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
// v.figs) for docs, the build's converted articles. An article whose
// source bytes, converted markdown, figures, claim notices and layout are
// those of an earlier build's view gets that view, card and all; the rest
// are made and their cards rendered, in parallel. It then records the
// fingerprints of every view and of the site view for the build's hashers.
func (c *caches) articleViews(b *builder, v *views, docs []*markdown.Doc) error {
	arts := b.site.Articles
	v.keep = make([]*articleEntry, len(arts))
	next := make(map[string]*articleEntry, len(arts))
	var todo []int
	for i, p := range arts {
		e, fresh := c.article(b, docs, i)
		if fresh {
			todo = append(todo, i)
		}
		next[p.File.Path] = e
		v.keep[i] = e
		v.articles[i], v.docs[i], v.figs[i] = e.view, docs[i], b.pageFig[i]
	}
	c.articles = next
	if err := c.makeViews(b, v, todo); err != nil {
		return err
	}
	known := make(map[uintptr]uint64, len(arts)+1)
	for _, e := range v.keep {
		known[reflect.ValueOf(e.view).Pointer()] = e.sum
	}
	siteSum, ok := c.hasher().elem(v.sv)
	if ok {
		known[reflect.ValueOf(v.sv).Pointer()] = siteSum
	}
	c.known, c.siteSum = known, siteSum
	return nil
}

// updateViews is articleViews for the articles at the indices only, in a
// quick build: the rest of v is the previous build's.
func (c *caches) updateViews(b *builder, v *views, docs []*markdown.Doc, only []int) error {
	var todo []int
	for _, i := range only {
		e, fresh := c.article(b, docs, i)
		if fresh {
			todo = append(todo, i)
		}
		c.articles[b.site.Articles[i].File.Path] = e
		v.keep[i] = e
		v.articles[i], v.docs[i], v.figs[i] = e.view, docs[i], b.pageFig[i]
	}
	if err := c.makeViews(b, v, todo); err != nil {
		return err
	}
	known := map[uintptr]uint64{reflect.ValueOf(v.sv).Pointer(): c.siteSum}
	for _, i := range only {
		known[reflect.ValueOf(v.keep[i].view).Pointer()] = v.keep[i].sum
	}
	c.known = known
	return nil
}

// article returns the entry of article i that this build can use: the
// kept one when it was made from the same inputs, else a new one without a
// view (fresh).
func (c *caches) article(b *builder, docs []*markdown.Doc, i int) (e *articleEntry, fresh bool) {
	p := b.site.Articles[i]
	src, err := fs.ReadFile(b.fsys, p.File.Path) // kept by memoFS since it was parsed
	if err != nil {
		src = nil
	}
	var notices []string
	if i < len(b.claims) && b.claims[i] != nil {
		notices = b.claims[i].notices
	}
	e = c.articles[p.File.Path]
	if e == nil || src == nil || e.doc != docs[i] || e.fig != b.pageFig[i] || !sameBytes(e.src, src) ||
		!slices.Equal(e.notices, notices) || !e.layout.same(p) {
		return &articleEntry{src: src, doc: docs[i], fig: b.pageFig[i], notices: notices, layout: layoutOf(p)}, true
	}
	return e, false
}

// makeViews makes the views of the fresh entries of the articles at the
// indices and renders their cards, in parallel. On error the kept entries
// are dropped: some have no view.
func (c *caches) makeViews(b *builder, v *views, todo []int) error {
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
				errs[k] = fmt.Errorf("%s: %w", arts[i].File.Path, err)
				return
			}
			sum, ok := vh.elem(a)
			if !ok {
				errs[k] = fmt.Errorf("%s: its view cannot be fingerprinted", arts[i].File.Path)
				return
			}
			e.view, e.sum = a, sum
			e.find = search.Prepare(findDoc(a, search.Sections(e.doc.HTML)))
		}
	})
	if err := joinUnique(errs); err != nil {
		c.articles = nil
		return err
	}
	return nil
}

// articlePage returns the fingerprint of the data of article p's page and,
// when this build had to make the data to know it, the data. The
// fingerprint is kept with the article's view: it changes only with the
// view, which is made again when anything it or the page shows changes,
// and with the site view.
func (c *caches) articlePage(vh *viewHasher, v *views, p *site.Page) (uint64, *render.Data) {
	e := v.keep[p.Index]
	if e.page != 0 && e.site == c.siteSum {
		return e.page, nil
	}
	d := v.articlePage(p) // let go after this job: see sumOnce
	key, ok := vh.sumOnce("article", d)
	if !ok {
		return 0, d
	}
	e.page, e.site = key, c.siteSum
	return key, d
}

type docEntry struct {
	body []byte
	line int
	out  string
	png  bool
	uses []dataUse // the data the figures read
	doc  *markdown.Doc
	fig  *figure.Page
}

func newCaches() *caches {
	return &caches{seed: maphash.MakeSeed(), content: content.NewCache(), site: &site.Cache{}, docs: map[string]*docEntry{}}
}

func (c *caches) contentCache() *content.Cache {
	if c == nil {
		return nil
	}
	return c.content
}

func (c *caches) siteCache() *site.Cache {
	if c == nil {
		return nil
	}
	return c.site
}

// loadTheme loads the theme again when a file of its templates/ or static/,
// layouts/ or static/ changed since the last load. Pages rendered before are
// forgotten only when a template changed: a stylesheet's new name reaches the
// pages through their data.
func (c *caches) loadTheme(fsys fs.FS, name string) (*render.Theme, error) {
	if c == nil {
		return render.Load(fsys, name)
	}
	root := path.Join(render.ThemesDir, name)
	var sums [2]uint64 // templates, static files
	for i, dirs := range [][]string{{path.Join(root, "templates"), render.LayoutsDir}, {path.Join(root, "static"), render.StaticDir}} {
		var h maphash.Hash
		h.SetSeed(c.seed)
		for _, dir := range dirs {
			if err := hashTree(&h, fsys, dir); err != nil {
				return nil, err
			}
		}
		sums[i] = h.Sum64()
	}
	if c.theme != nil && c.themeName == name && c.themeSums == sums {
		return c.theme, nil
	}
	t, err := render.Load(fsys, name)
	if err != nil {
		c.theme = nil
		return nil, err
	}
	if c.themeName != name || c.themeSums[0] != sums[0] {
		c.pages, c.articles = generations[[]byte]{}, nil // rendered with other templates
	}
	c.theme, c.themeName, c.themeSums = t, name, sums
	return t, nil
}

// hashTree writes the paths and bytes of every file under dir into h, in
// walk order (sorted). A missing dir adds nothing.
func hashTree(h *maphash.Hash, fsys fs.FS, dir string) error {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		h.WriteString(p)
		h.WriteByte(0)
		h.WriteString(strconv.Itoa(len(b)))
		h.WriteByte(0)
		h.Write(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", dir, err)
	}
	return nil
}

// doc returns the converted markdown of f, and its figures, from an earlier
// build, or nil. out and png are where the page is written and whether its
// charts get PNGs: the figures' files depend on both.
func (c *caches) doc(b *builder, f *content.File, out string, png bool) (*markdown.Doc, *figure.Page) {
	if c == nil {
		return nil, nil
	}
	c.mu.Lock()
	if c.next == nil {
		c.next = make(map[string]*docEntry, len(c.docs))
	}
	e, ok := c.docs[f.Path]
	c.mu.Unlock()
	if !ok || e.line != f.BodyLine || e.out != out || e.png != png || !bytes.Equal(e.body, f.Body) || !b.sameData(f.Path, e.uses) {
		return nil, nil
	}
	c.mu.Lock()
	c.next[f.Path] = e
	c.mu.Unlock()
	return e.doc, e.fig
}

// keepDoc remembers a successful conversion for the next build.
func (c *caches) keepDoc(b *builder, f *content.File, out string, png bool, d *markdown.Doc, fig *figure.Page, err error) {
	// Without figures (a theme that did not load) chart blocks were
	// converted as code: the build fails, and the next must convert again.
	if c == nil || err != nil || d == nil || b.figures == nil {
		return
	}
	uses, ok := b.dataUses(f.Path, fig)
	if !ok {
		return
	}
	e := &docEntry{body: f.Body, line: f.BodyLine, out: out, png: png, doc: d, fig: fig, uses: uses}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.next == nil {
		c.next = make(map[string]*docEntry, len(c.docs))
	}
	c.next[f.Path] = e
}

// endConvert forgets the documents the build did not use.
func (c *caches) endConvert() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.next != nil {
		c.docs, c.next = c.next, nil
	}
}

// mergeConvert keeps the documents a quick build converted beside the
// others, which it did not look at.
func (c *caches) mergeConvert() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.next {
		c.docs[k] = e
	}
	c.next = nil
}

// hasher returns a fingerprinter for one render worker, or nil.
func (c *caches) hasher() *viewHasher {
	if c == nil {
		return nil
	}
	return &viewHasher{seed: c.seed, memo: map[uintptr]uint64{}, known: c.known}
}

// page returns the fingerprint of a template's data and, when an earlier
// build rendered the same data with the same templates, its HTML.
func (c *caches) page(vh *viewHasher, kind string, data any) (key uint64, html []byte) {
	if c == nil {
		return 0, nil
	}
	key, ok := vh.sum(kind, data)
	if !ok {
		return 0, nil
	}
	return key, c.lookup(key)
}

// lookup returns what an earlier build kept under key, or nil, and keeps it
// for the next build.
func (c *caches) lookup(key uint64) []byte {
	if c == nil || key == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages.get(key)
}

// keepPage remembers a page's HTML under its data's fingerprint.
func (c *caches) keepPage(key uint64, html []byte) []byte {
	if c == nil || key == 0 {
		return nil
	}
	kept := bytes.Clone(html)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages.keep(key, kept)
	return kept
}

// prepared returns the feed content kept under key (see absKey), escaped
// for the feeds, or nil.
func (c *caches) prepared(key uint64) *feed.Prepared {
	if c == nil || key == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.preps.get(key)
}

// keepPrepared remembers feed content escaped for the feeds under key.
func (c *caches) keepPrepared(key uint64, p *feed.Prepared) {
	if c == nil || key == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.preps.keep(key, p)
}

// endRender forgets the pages the build did not render.
func (c *caches) endRender() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages.end()
	c.preps.end()
	c.known = nil // by pointer: good for one build only
	c.stale = 0
}

// mergeRender keeps the pages a quick build rendered beside the others,
// which it did not look at. Those it replaced stay until the next full
// build, which quickBuild asks for once they add up to staleMax bytes.
func (c *caches) mergeRender() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages.merge(func(b []byte) { c.stale += len(b) })
	c.preps.merge(nil)
	c.known = nil
}

// generations keeps values by fingerprint from one build to the next: what
// a build finds (get) or makes (keep) goes into the next generation, which
// end makes the current one, letting go of what the build did not use.
// The zero value is empty; callers lock.
type generations[V any] struct {
	cur, next map[uint64]V
}

// get returns the value kept under key, or the zero value, and keeps it
// for the next generation.
func (g *generations[V]) get(key uint64) V {
	if g.next == nil {
		g.next = map[uint64]V{}
	}
	v, ok := g.cur[key]
	if ok {
		g.next[key] = v
	}
	return v
}

// keep keeps v under key for the next generation.
func (g *generations[V]) keep(key uint64, v V) {
	if g.next == nil {
		g.next = map[uint64]V{}
	}
	g.next[key] = v
}

// end makes the next generation the current one, when a build started it.
func (g *generations[V]) end() {
	if g.next != nil {
		g.cur, g.next = g.next, nil
	}
}

// merge adds the next generation to the current one (a quick build looked
// at part of it only), calling added, when not nil, with each value new to
// it.
func (g *generations[V]) merge(added func(V)) {
	if g.cur == nil {
		g.cur = map[uint64]V{}
	}
	for k, v := range g.next {
		if _, ok := g.cur[k]; !ok {
			g.cur[k] = v
			if added != nil {
				added(v)
			}
		}
	}
	g.next = nil
}

// staleMax bounds the bytes of pages and feeds that quick builds keep
// beside those they replaced (a full build lets go of those): one edit of
// an article in the feeds adds a few hundred kilobytes.
const staleMax = 64 << 20

// startLists returns a slot for the shape of each job's page, index-aligned
// with jobs: filled with the shapes kept from the previous build when the
// structure of the site is the same, else zeros for listPage to fill.
func (c *caches) startLists(v *views, jobs []job) []uint64 {
	shapes := make([]uint64, len(jobs))
	sig := c.structureSum(v)
	if c.shapes == nil || c.shapesOf != sig {
		c.shapes, c.shapesOf = nil, sig
		return shapes
	}
	for i, j := range jobs {
		if j.list != nil {
			shapes[i] = c.shapes[j.out]
		}
	}
	return shapes
}

// endLists keeps the shapes of the pages of lists for the next build.
func (c *caches) endLists(jobs []job, shapes []uint64) {
	if c == nil || c.shapes != nil {
		return
	}
	c.shapes = make(map[string]uint64)
	for i, j := range jobs {
		if j.list != nil && shapes[i] != 0 {
			c.shapes[j.out] = shapes[i]
		}
	}
}

// structureSum fingerprints what the pages of lists show besides their
// articles: the site view, the number of articles (which paginates the home
// page), each tag's name, URL and number of articles, and each year's and
// month's number of articles. While it is unchanged, every list has the
// same pages with the same titles, descriptions, links and feeds, and only
// the articles on a page can differ.
func (c *caches) structureSum(v *views) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	var buf [8]byte
	num := func(n uint64) {
		binary.LittleEndian.PutUint64(buf[:], n)
		h.Write(buf[:])
	}
	str := func(s string) {
		num(uint64(len(s)))
		h.WriteString(s)
	}
	num(c.siteSum)
	num(uint64(len(v.site.Articles)))
	num(uint64(len(v.site.Home)))
	for _, terms := range allTerms(v.site) {
		num(uint64(len(terms)))
		for _, t := range terms {
			str(t.Name)
			str(t.Path)
			num(uint64(len(t.Articles)))
		}
	}
	num(uint64(len(v.site.Years)))
	for _, y := range v.site.Years {
		num(uint64(y.Year))
		str(y.Path)
		num(uint64(len(y.Articles)))
		num(uint64(len(y.Months)))
		for _, m := range y.Months {
			num(uint64(m.Month))
			str(m.Path)
			num(uint64(len(m.Articles)))
		}
	}
	return h.Sum64()
}

// listPage returns the fingerprint of the data of job j, a page of a list,
// and the data when this build had to make it to know the fingerprint. The
// fingerprint is made of the page's shape (the fingerprint of its data
// without its articles, kept in *shape while the structure of the site is
// unchanged) and the fingerprints of the article views it shows, so a page
// whose shape is known costs no data and no walk of its views.
func (c *caches) listPage(vh *viewHasher, v *views, j job, shape *uint64) (uint64, *render.Data) {
	var d *render.Data
	if *shape == 0 {
		d = j.list()
		items, charts := d.List.Items, d.Charts // made of the items' views
		d.List.Items, d.Charts = nil, nil
		sum, ok := vh.sumOnce(j.kind, d)
		d.List.Items, d.Charts = items, charts
		if !ok {
			return 0, d
		}
		*shape = sum
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("list\x00")
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], *shape)
	h.Write(buf[:])
	binary.LittleEndian.PutUint64(buf[:], uint64(len(j.items)))
	h.Write(buf[:])
	for _, p := range j.items {
		binary.LittleEndian.PutUint64(buf[:], v.keep[p.Index].sum)
		h.Write(buf[:])
	}
	return h.Sum64(), d
}

// sitemap is views.sitemap, reusing the bytes of an earlier build whose
// pages and dates were the same.
func (c *caches) sitemap(v *views) ([]byte, error) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("sitemap\x00")
	var buf [8]byte
	v.sitemapPages(func(sitePath string, lastmod time.Time) {
		h.WriteString(sitePath) // made absolute with the same base URL
		h.WriteByte(0)
		if !lastmod.IsZero() { // written as an instant, in UTC
			binary.LittleEndian.PutUint64(buf[:], uint64(lastmod.UnixNano()))
			h.Write(buf[:])
		}
		h.WriteByte(0)
	})
	key := h.Sum64()
	if b := c.lookup(key); b != nil {
		return b, nil
	}
	b, err := v.sitemap()
	if err != nil {
		return nil, err
	}
	return c.keepPage(key, b), nil
}

// absKey fingerprints an article's feed HTML and the URL its links are
// made absolute against, for feedContent.
func (c *caches) absKey(permalink string, html []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("feed-content\x00")
	h.WriteString(permalink)
	h.WriteByte(0)
	h.Write(html)
	return h.Sum64()
}

// memoFS keeps the bytes of the files read through it until forget says
// they changed, and the listings of folders while their modification time
// says they did not.
type memoFS struct {
	fsys  fs.FS
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string]listing
}

// listing is a folder's entries as read at a modification time.
type listing struct {
	mod     time.Time
	size    int64
	entries []fs.DirEntry
}

// racyWindow is how long after a folder changed its listing is not kept:
// a file system's clock may give a change made within the same tick the
// same modification time (git's "racily clean" index entries).
const racyWindow = 2 * time.Second

// Open implements fs.FS.
func (m *memoFS) Open(name string) (fs.File, error) { return m.fsys.Open(name) }

// ReadDir implements fs.ReadDirFS. A listing is read again when the
// folder's modification time or size changed, when it was read less than
// racyWindow after the folder changed, and when the file system gives no
// modification times (fstest.MapFS). Callers may reorder the slice.
func (m *memoFS) ReadDir(name string) ([]fs.DirEntry, error) {
	info, err := fs.Stat(m.fsys, name)
	if err != nil {
		return nil, err
	}
	mod := info.ModTime()
	m.mu.Lock()
	l, ok := m.dirs[name]
	m.mu.Unlock()
	if ok && l.mod.Equal(mod) && l.size == info.Size() {
		return slices.Clone(l.entries), nil
	}
	entries, err := fs.ReadDir(m.fsys, name)
	if err != nil {
		return nil, err
	}
	if age := time.Since(mod); !mod.IsZero() && age > racyWindow {
		m.mu.Lock()
		if m.dirs == nil {
			m.dirs = map[string]listing{}
		}
		m.dirs[name] = listing{mod: mod, size: info.Size(), entries: slices.Clone(entries)}
		m.mu.Unlock()
	}
	return entries, nil
}

// Stat implements fs.StatFS.
func (m *memoFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(m.fsys, name) }

// ReadFile implements fs.ReadFileFS. Callers must not modify the bytes.
func (m *memoFS) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	b, ok := m.files[name]
	m.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := fs.ReadFile(m.fsys, name)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.files[name] = b
	m.mu.Unlock()
	return b, nil
}

// forget drops the files and the listings of folders at or under the
// changed paths; nil drops all. (A folder whose entries changed has a new
// modification time, which ReadDir sees without being told.)
func (m *memoFS) forget(changed []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if changed == nil {
		clear(m.files)
		clear(m.dirs)
		return
	}
	for _, c := range changed {
		c = strings.Trim(path.Clean("/"+c), "/")
		if c == "" {
			clear(m.files)
			clear(m.dirs)
			return
		}
		delete(m.files, c)
		for name := range m.files {
			if strings.HasPrefix(name, c+"/") {
				delete(m.files, name)
			}
		}
		delete(m.dirs, c)
		for name := range m.dirs {
			if strings.HasPrefix(name, c+"/") {
				delete(m.dirs, name)
			}
		}
	}
}
