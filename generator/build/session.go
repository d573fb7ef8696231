package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Session builds one site again and again, as the preview server does after
// every change, doing only the work a change needs. It keeps what the last
// builds made: the theme (while no template or static file changed), the
// parsed content files and the converted markdown of every page (while its
// bytes, and the bytes of the data files it names, are unchanged), each
// article's view and card (while what they show is unchanged), and each
// page's HTML under a key of its template data. A full build lays
// out the whole site and renders only the pages whose key is new; a
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
	// prev is the output of the previous build, which a quick build's is
	// made over (output.NewMemoryOver), and search its files of the search
	// index.
	prev   *output.Memory
	search map[string][]byte
	quick  bool // the last build was quick (for tests)
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
// front matter leaves the site's layout as it was (layoutMeta: the
// summary, say, or a title that keeps the URL), the build is quick: the
// layout of the site is the previous build's, only those pages are
// converted, and only the pages and feeds that show them are made again;
// the rest of the output is the previous build's.
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
	size := 0
	if s.prev != nil {
		size = s.prev.Len()
	}
	mem = output.NewMemorySize(size)
	s.cache.slots = nil // filled again by the build
	res, err = run(ctx, s.fsys, s.opts, mem, s.cache)
	if err != nil {
		return nil, nil, err
	}
	res.Changed = changedFiles(s.prev, mem)
	s.prev, s.search = mem, map[string][]byte{}
	mem.Range(func(name string, data []byte) {
		if isSearchFile(name) {
			s.search[name] = data
		}
	})
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
	// lockWarn are the warnings of checkLock; a quick build makes those of
	// the articles it converts again.
	lockWarn lockWarnings
	data     []string // the data catalogue's warnings
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
	l := &lastBuild{now: b.opts.Now, theme: b.theme, site: b.site, docs: docs, figs: b.pageFig, claims: b.claims, views: b.views, res: res, lock: b.lock, lockWarn: b.lockWarnings, data: b.dataWarnings}
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

// quickBuild builds after changes to pages that leave the site's layout
// alone, from last: ok is false, and nothing done, when the changes need a
// full build. Every changed path must be the markdown of a page of the
// last build, still there, parsing to front matter whose layoutMeta is the
// same but for the title (when a new title keeps the page's URL); the
// theme, the options and the set of articles the clock shows must be the
// same.
func (s *Session) quickBuild(ctx context.Context, last *lastBuild, changed []string) (res *Result, mem *output.Memory, ok bool, err error) {
	start := time.Now()
	opts := s.opts
	if opts.Now.IsZero() {
		opts.Now = start
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if last == nil || len(changed) == 0 || opts.Fetch != nil ||
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
		now, nowUntitled, ok1 := metaKeys(layoutMeta(f.Meta))
		was, wasUntitled, ok2 := metaKeys(layoutMeta(old.Meta))
		if !ok1 || !ok2 {
			return nil, nil, false, nil
		}
		if now != was {
			if nowUntitled != wasUntitled || !site.KeepsPath(cfg, pages[i], f.Meta.Title) {
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
		// taken from the cache by its key.
		shown[arts[i]] = true
	}
	showsEdited := func(items []*site.Page) bool {
		return slices.ContainsFunc(items, func(p *site.Page) bool { return shown[p] })
	}
	lists := append(v.homeJobs(showsEdited), v.listPages(v.allTerms(), showsEdited)...)
	// The archive index lists every title; its data is made once the
	// articles' views are.
	archive := len(retitled) > 0

	// The files this build may write again (or drop: the edited pages'
	// chart files); its Memory holds the others as the last build's.
	// The search index is made again; its files are named by their
	// content, so the last build's that it does not make again go (its
	// index.json keeps its name).
	maybe := map[string]bool{HeadersFile: true, site.SitemapFile: true}
	for name := range s.search {
		maybe[name] = true
	}
	for _, i := range linking {
		maybe[pages[i].Out] = true
	}
	for _, j := range aliases {
		maybe[j.out] = true
	}
	own := map[string]bool{} // the edited pages' chart files and own pages, which go unless made again
	for _, i := range only {
		maybe[pages[i].Out] = true
		if pf := last.figs[i]; pf != nil {
			for _, f := range pf.Files {
				maybe[f.Out], own[f.Out] = true, true
			}
		}
		if i < len(arts) {
			for _, out := range extraOuts(pages[i], last.figs[i]) {
				maybe[out], own[out] = true, true
			}
		}
	}
	for _, j := range lists {
		maybe[j.out] = true
	}
	if archive {
		maybe[site.OutFile(site.ArchivePath)] = true
	}
	lastCat := catalogueOuts(cfg.DatasetNames(), v.dataPagers)
	for _, out := range lastCat {
		maybe[out] = true
	}
	for dir := range feeds {
		for _, f := range site.FeedFiles() {
			maybe[site.OutDir(dir)+f] = true
		}
	}
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
	dataWarn, dataErr := b.checkData()
	if err := errors.Join(convErr, dataErr); err != nil {
		return nil, nil, true, err
	}
	b.lockWarnings = last.lockWarn
	cloned := false // the last build's warnings stay as they were
	for _, i := range only {
		if i >= len(arts) || b.lock == nil {
			continue
		}
		if la := b.lock.articles[arts[i].File.Path]; la == nil || la.entry != nil {
			continue // not published, or recorded
		}
		if w := b.unrecorded(arts[i], b.lockWarnings.exists); w != b.lockWarnings.article[i] {
			if !cloned {
				b.lockWarnings.article, cloned = slices.Clone(b.lockWarnings.article), true
			}
			b.lockWarnings.article[i] = w
		}
	}
	warnings := append(b.lockWarnings.list(), dataWarn...)

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
	if archive {
		j := v.archiveJob()
		j.fresh = true
		lists = append(lists, j)
	}
	for _, i := range editedArts {
		extra, err := b.extraJobs(v, i, []byte(docs[i].HTML), b.pageFig[i])
		if err != nil {
			return nil, nil, true, err
		}
		jobs = append(jobs, extra...)
	}
	b.dataWarnings = last.data
	catJobs, catFiles, err := b.quickCatalogue(v, last.figs, only, retitled)
	if err != nil {
		return nil, nil, true, err
	}
	jobs = append(append(append(jobs, lists...), aliases...), catJobs...)
	// A dataset whose users are fewer may have fewer pages: the others go.
	catGone := map[string]bool{}
	for _, out := range lastCat {
		catGone[out] = true
	}
	cat := catalogueOuts(cfg.DatasetNames(), v.dataPagers)
	for _, out := range cat {
		delete(catGone, out)
	}
	// The sitemap and _headers list the pages of the articles' charts and
	// of the catalogue, and the pages' dates, which a quick build leaves
	// alone: they are made again only when the edited articles' charts or
	// the catalogue's pages are not those of the last build.
	sitemap := !slices.Equal(cat, lastCat) || slices.ContainsFunc(only, func(i int) bool {
		return !slices.Equal(chartIDs(last.figs[i]), chartIDs(b.pageFig[i]))
	})
	// The files of the search index, of which this build writes only
	// those the last build did not hold: the others are the last build's.
	search := map[string][]byte{} // read once structErr is
	structErr := make(chan error, 1)
	go func() {
		extra, err := b.feedFiles(v, func(sitePath string) bool { return feeds[sitePath] })
		if err != nil {
			structErr <- err
			return
		}
		if sitemap {
			sm, err := c.sitemap(v)
			if err != nil {
				structErr <- fmt.Errorf("sitemap: %w", err)
				return
			}
			extra = append(extra, file{out: site.SitemapFile, data: sm}, file{out: HeadersFile, data: v.headers()})
		}
		for _, f := range b.searchFiles(v) {
			search[f.out] = f.data
			if old, ok := s.search[f.out]; !ok || !sameBytes(old, f.data) {
				extra = append(extra, f)
			}
		}
		structErr <- b.writeFiles(append(extra, catFiles...))
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
	out := output.NewMemoryOver(s.prev)
	var diff []string
	for name := range maybe {
		if _, ok := rec.files[name]; ok {
			continue
		}
		_, made := search[name]
		if !(isSearchFile(name) && !made || catGone[name] || own[name]) {
			continue
		}
		if _, ok := s.prev.Get(name); ok {
			out.Remove(name)
			diff = append(diff, name)
		}
	}
	for name, data := range rec.files {
		if old, ok := s.prev.Get(name); !ok || !sameBytes(old, data) {
			diff = append(diff, name)
		}
		if err := out.Share(name, data); err != nil {
			return nil, nil, true, err
		}
	}
	sort.Strings(diff)
	res = &Result{
		Articles:  len(arts),
		Pages:     len(last.site.Pages),
		Files:     out.Len(),
		Charts:    b.figures.Stats(),
		Warnings:  append(append(warnings, last.site.Warnings...), b.dataWarnings...),
		Parsed:    len(edited),
		Converted: int(b.converted.Load()),
		Rendered:  int(b.rendered.Load()),
		Changed:   diff,
		Sources:   last.res.Sources, // the same pages: shared, see Result
	}
	last.now, last.docs, last.figs, last.claims, last.res, last.data, last.lockWarn = opts.Now, docs, b.pageFig, b.claims, res, b.dataWarnings, b.lockWarnings
	c.last = last
	s.prev, s.search = out, search
	res.Duration = time.Since(start)
	return res, out, true, nil
}

// layoutMeta is what of a page's front matter reaches other pages than
// through its own view: what the site is laid out by (site.LayoutMeta)
// and whether an article keeps its figures (figures.lock moves the lastmod
// of those that do, which the sitemap, feeds and lists show). An edit of
// the rest (summary, image, claims, disclosures…) is the page's own: a
// quick build makes its view again, and the lists, feeds and catalogue
// pages that show it, by their keys.
func layoutMeta(m content.Meta) content.Meta {
	l := site.LayoutMeta(m)
	l.Figures = m.Figures
	return l
}

// metaKeys keys front matter as a whole and without its title: while the
// second is the same, an edit leaves the site's layout as it was but for
// the title (and, when site.KeepsPath, the URLs too).
func metaKeys(m content.Meta) (all, untitled key, ok bool) {
	vh := newViewHasher(nil)
	all, ok = vh.sum("meta", m)
	m.Title = ""
	untitled, ok2 := vh.sum("meta", m)
	return all, untitled, ok && ok2
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

// chartIDs lists the ids of the charts of pf, in order.
func chartIDs(pf *figure.Page) []string {
	if pf == nil {
		return nil
	}
	ids := make([]string, len(pf.Charts))
	for i, c := range pf.Charts {
		ids[i] = c.ID
	}
	return ids
}

// recorder keeps the files a quick build writes, which the Session then
// lays over the last build's.
type recorder struct {
	mu    sync.Mutex
	files map[string][]byte
}

// WriteFile implements output.Writer.
func (r *recorder) WriteFile(name string, data []byte) error {
	return r.Share(name, append([]byte(nil), data...))
}

// Share stores data without copying it; the caller never changes it.
func (r *recorder) Share(name string, data []byte) error {
	if err := output.CheckName(name); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	r.files[name] = data
	return nil
}

// changedFiles lists the names whose bytes differ between two builds,
// including names only one of them has, sorted; every name when old is nil.
func changedFiles(old, cur *output.Memory) []string {
	var out []string
	cur.Range(func(n string, b []byte) {
		if old == nil {
			out = append(out, n)
		} else if a, ok := old.Get(n); !ok || !sameBytes(a, b) {
			out = append(out, n)
		}
	})
	if old != nil {
		old.Range(func(n string, _ []byte) {
			if _, ok := cur.Get(n); !ok {
				out = append(out, n)
			}
		})
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
