package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/fetch"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/lock"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// ConfigFile is the name of a site's settings file.
const ConfigFile = "site.yaml"

// Version is tearsheet's version, written into the generator meta tag.
const Version = "0.1.0"

// Options controls one build.
type Options struct {
	BaseURL string    // overrides site.yaml's baseURL when not ""
	Drafts  bool      // include drafts
	Future  bool      // include articles dated after Now
	Now     time.Time // the build's clock; time.Now() when zero
	Workers int       // parallel workers; twice GOMAXPROCS when 0
	// Cache keeps rendered charts between builds; nil renders every chart.
	Cache figure.Cache
	// Fetch, when not nil, runs the fetch stage first: live datasets (url,
	// fred, command) are brought into the data cache. When nil, they are
	// read from the cache as it is, else from their committed file.
	Fetch *fetch.Options
	// Strict makes a claim that no longer holds, and a published figure
	// the data now gives differently (figures.lock), an error, not a warning.
	Strict bool
	// RecordLock makes the build record what each published article that
	// keeps its figures shows now, in Result.Lock (tearsheet lock).
	RecordLock bool
	// PageCache is the file of the page cache (see pagecache.go), which
	// skips the articles unchanged since the last build into the same
	// destination; "" makes every article. It is used only with a writer
	// that keeps files of its last build (output.Stage with a manifest).
	PageCache string
	// sitemapURLs is how many URLs one sitemap holds before the sitemap
	// is split (sitemapFiles); sitemap.MaxURLs when 0. Tests set fewer.
	sitemapURLs int
}

// Result summarises a build.
type Result struct {
	Articles int
	Pages    int
	Files    int
	Data     string // what the fetch stage did: "1 fetched, 2 not modified"; "" without one
	Warnings []string
	Duration time.Duration

	// Charts counts the charts drawn and taken from the chart cache.
	Charts figure.Stats
	// Reused counts the articles taken whole from the page cache
	// (Options.PageCache): neither converted nor rendered nor written.
	Reused int
	// Parsed, Converted and Rendered count the source files parsed, the
	// markdown documents converted and the templates executed; a Session
	// reuses the rest from its previous builds, and a build with a page
	// cache the files its last build parsed.
	Parsed, Converted, Rendered int
	// Changed lists the output files added, changed or removed since the
	// Session's previous successful build (every file on its first), sorted.
	// Build leaves it empty.
	Changed []string
	// Sources maps each output page made from markdown to its source file.
	// A Session's builds may share it: it must not be modified.
	Sources map[string]string
	// Output says what the writer did with the files, such as "3 written,
	// 1 removed", for the summary; "" says nothing.
	Output string
	// Lock is what each published article that keeps its figures shows
	// now, with Options.RecordLock; nil without.
	Lock *lock.Lock
	// Left are the drafts, the articles scheduled later and the pages
	// expired that the build left out (site.Site.Left), which the summary
	// counts and the preview names on the page their URL would show.
	Left []site.Left
}

// Build reads the site in fsys (site.yaml, content/, themes/, layouts/,
// static/) and writes every output file to w. All problems found are
// returned joined; w may then hold a partial build, which the caller
// discards.
func Build(ctx context.Context, fsys fs.FS, opts Options, w output.Writer) (*Result, error) {
	return run(ctx, fsys, opts, w, nil)
}

// run is Build with caches; c is nil for a one-off build.
func run(ctx context.Context, fsys fs.FS, opts Options, w output.Writer, c *caches) (*Result, error) {
	start := time.Now()
	// A template that runs past site.yaml's renderTimeout stops the
	// build's other work (builder.halt).
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	if opts.Now.IsZero() {
		opts.Now = start
	}
	if opts.Workers <= 0 {
		// Two per CPU: workers also wait on the file system (reading
		// sources, making folders, writing files), and a second one keeps
		// the CPU busy meanwhile. On a 2-core VM, 10,000-article builds
		// ran 5–10% faster in five interleaved pairs.
		opts.Workers = 2 * runtime.GOMAXPROCS(0)
	}
	cfg, err := loadConfig(fsys, opts)
	if cfg == nil {
		return nil, err
	}
	var errs, fetchErrs []error
	if err != nil {
		errs = append(errs, err)
	}
	var warnings []string
	for _, w := range []string{baseURLWarning(cfg, opts.BaseURL), domainWarning(cfg, opts.BaseURL), subscribeWarning(cfg), cnameWarning(fsys, cfg, opts.BaseURL)} {
		if w != "" {
			warnings = append(warnings, w)
		}
	}
	var provided map[string]figure.Provided
	var fetched *fetch.Result
	if opts.Fetch != nil {
		fetched, err = fetch.Run(ctx, fsys, cfg, *opts.Fetch)
		if err != nil {
			fetchErrs = append(fetchErrs, err)
		}
		warnings = append(warnings, fetched.Warnings...)
		provided = map[string]figure.Provided{}
		for name, d := range fetched.Datasets {
			provided[name] = figure.Provided{Path: d.Path, Data: d.Data}
		}
		for _, name := range fetched.Failed {
			provided[name] = figure.Provided{Failed: true}
		}
	}
	var pageFile func() pageCacheFile
	var stage func() *contentStage // a plain build's, as the last one saved it
	if c == nil {
		exe := sync.OnceValues(executableID)
		pageFile = readPageCacheFile(opts.PageCache, exe)
		stage = readContentStage(fsys, opts.PageCache, exe)
	}
	// The theme and the content, as the store's queries give them
	// (contentq.go): a Session's store knows what changed since its last
	// build (begun by Session.Build); a plain build's reads every file
	// again.
	st := c.contentStage()
	if st == nil {
		st = stage()
	}
	theme, err := st.loadTheme(cfg.Theme, cfg.RenderTime)
	if err != nil {
		errs = append(errs, err)
	} else {
		c.useTheme(cfg.Theme, theme)
	}
	ld, parsed, loadErr := st.run(schemaOf(cfg), opts.Workers)
	if loadErr == nil {
		loadErr = ld.err
	} else {
		ld = &loaded{}
	}
	loadWarnings, static := ld.warnings, ld.static
	// broken are the files left out for their front matter's values, whose
	// bodies are checked all the same (checkBroken).
	broken := ld.broken
	if loadErr != nil {
		errs = append(errs, loadErr)
	}
	warnings = append(warnings, loadWarnings...)
	laid, err := st.layout(cfg, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}, opts.BaseURL)
	if err != nil {
		errs = append(errs, err)
	}
	if c == nil {
		// A plain build's store lets go of what it gave (the Files and
		// the bytes they point into, the layout), which are the build's
		// from here: each page's File lets go of its body once the page
		// is made (dropBody), as 10,000 bodies held to the end cost
		// memory and the collector's time.
		st.store.Release()
	}
	s := laid.site
	b := &builder{ctx: ctx, stop: stop, fsys: fsys, cfg: cfg, site: s, laid: laid, theme: theme, w: w, opts: opts, cache: c, loadWarnings: loadWarnings, static: static,
		limit: par.NewLimit(opts.Workers)}
	b.copyIdx = sync.OnceValue(func() copyIndex { return indexCopies(b.copies()) })
	b.partials = render.NewPartials()
	b.converters.New = func() any { return &converter{conv: markdown.New(b.markdownOptions())} }
	// A Session's build of pages edited, which leave the layout as it
	// was, goes on quick (quick.go): it converts those pages only and
	// makes again only what shows them.
	var q *quick
	if c != nil && len(errs) == 0 {
		if q = c.quickFrom(b, laid, start); q != nil {
			c.quick = true
			q.start(w.(*output.Memory))
		} else {
			// A full build keeps what it uses and lets go of the rest
			// (endBuild); it writes every file again.
			c.store.Begin()
			if m, ok := w.(*output.Memory); ok {
				m.Grow(m.Len())
			}
		}
	}
	if theme != nil && s != nil {
		b.drawn = b.figureRenderKey()
		b.figures = figure.NewSet(fsys, cfg, figure.Options{Cache: opts.Cache, Render: b.renderFigure, RenderKey: b.drawn, Data: provided, Limit: b.limit})
		// figures.lock may move an article's lastmod: before any view. A
		// quick build has the last build's (a change to it is not quick).
		if q == nil {
			b.inFeed = feedArticles(s, cfg.Feeds.Items, nil)
			if err := b.readLock(); err != nil {
				errs = append(errs, err)
			}
		}
		s = b.site
		if c == nil {
			b.early = newSiteViews(cfg, s, theme)
			b.find = make([]*search.Prepared, len(s.Articles))
			b.claims = make([]*claimResult, len(s.Articles)+len(s.Pages))
			if global, err := b.pageGlobal(b.early.sv); err == nil {
				b.pages = openPageCache(opts.PageCache, pageFile(), w, global, len(s.Articles))
			}
		}
	}
	docs, only, err := b.convert(q)
	if err != nil {
		errs = append(errs, err)
	}
	// Once converted, the figures and charts of published articles are
	// known.
	if err := b.lockArticles(only); err != nil {
		errs = append(errs, err)
	}
	if err := b.checkBroken(broken); err != nil {
		errs = append(errs, err)
	}
	// The files written besides the layout's, now that the pages' charts
	// are known: before any of them takes another's place.
	if err := b.checkOutputs(docs, only); err != nil {
		errs = append(errs, err)
	}
	warnings = append(warnings, b.lockWarnings.list()...)
	if b.figures != nil {
		w, err := b.checkData()
		warnings = append(warnings, w...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if cause := context.Cause(ctx); errors.Is(cause, render.ErrTooSlow) && b.renderErr != nil {
		// A template ran past its time while the articles were
		// converted: the jobs it stopped report only that they were.
		errs = append(errs, b.renderErr)
	}
	if len(errs) == 0 && b.renderErr != nil {
		errs = append(errs, b.renderErr, b.renderOthers(docs))
	}
	if len(fetchErrs) > 0 {
		// The pages' problems are reported with the fetch stage's, but
		// for a chart of a dataset it could not bring: its error says why.
		return nil, joinUnique(append(fetchErrs, notFetchedAside(errs)...))
	}
	if len(errs) > 0 {
		// One data file's error is reported once, however many charts,
		// figures and claims of whichever stage read it.
		return nil, joinUnique(errs)
	}
	if q != nil {
		res, err := q.finish(docs, warnings)
		if err != nil {
			return nil, err
		}
		res.Parsed = parsed
		return res, nil
	}
	if err = b.write(docs); err != nil {
		return nil, err
	}
	if b.pages != nil {
		if err := b.pages.save(); err != nil {
			warnings = append(warnings, err.Error()+"; the next build makes every article again")
		}
	}
	if c == nil {
		if err := st.save(opts.PageCache); err != nil {
			warnings = append(warnings, err.Error()+"; the next build parses every source file again")
		}
	}
	var recorded *lock.Lock
	if opts.RecordLock && b.lock != nil {
		if recorded, err = b.recordLock(); err != nil {
			return nil, err
		}
	}
	var data string
	if fetched != nil {
		data = fetched.Count()
	}
	res := &Result{
		Data:      data,
		Articles:  len(s.Articles),
		Pages:     len(s.Pages),
		Files:     int(b.files.Load()),
		Charts:    b.figures.Stats(),
		Warnings:  append(append(warnings, s.Warnings...), b.dataWarnings...),
		Reused:    b.pages.reused(),
		Converted: int(b.converted.Load()),
		Rendered:  int(b.rendered.Load()),
		Sources:   map[string]string{},
		Lock:      recorded,
		Left:      s.Left,
	}
	for _, p := range b.all() {
		res.Sources[p.Out] = p.File.Path
	}
	res.Parsed = parsed
	if c != nil {
		c.remember(b, docs, res)
	}
	res.Duration = time.Since(start)
	return res, nil
}

// MissingConfig is the error of a folder without site.yaml, which every
// command that reads a site gives.
func MissingConfig() error {
	return fmt.Errorf("%s: not found: run tearsheet in a site folder, or name one with --source", ConfigFile)
}

// loadConfig returns the site's settings, with site.yaml's errors when
// they are only of keys it does not know or values of the wrong type
// (config.Load): the build goes on with them, to report every problem at
// once; nil when it cannot.
func loadConfig(fsys fs.FS, opts Options) (*config.Config, error) {
	f, err := fsys.Open(ConfigFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, MissingConfig()
		}
		return nil, fmt.Errorf("%s: %w", ConfigFile, err)
	}
	defer f.Close()
	cfg, cfgErr := config.Load(f, ConfigFile)
	if cfg == nil {
		return nil, cfgErr
	}
	if err := cfg.CheckFiles(fsys); err != nil {
		return nil, errors.Join(cfgErr, err)
	}
	if opts.BaseURL != "" {
		base, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("--baseURL: %w", err)
		}
		cfg.BaseURL = base
	}
	return cfg, cfgErr
}

type builder struct {
	ctx  context.Context
	stop context.CancelCauseFunc // ends ctx: see halt
	fsys fs.FS
	cfg  *config.Config
	site *site.Site
	// laid is the layout the site was made from, before figures.lock's
	// revisions revs, by article (see layout and revised).
	laid  *layoutEntry
	revs  map[int][]site.Revision
	theme *render.Theme
	w     output.Writer
	opts  Options
	cache *caches // nil for a one-off build
	// limit is the build's Workers as slots, which the workers converting
	// pages hold and the charts of a page share (figure.Options.Limit).
	limit *par.Limit

	figures *figure.Set
	drawn   string         // the key of how figures are drawn (figureRenderKey)
	pageFig []*figure.Page // index-aligned with all()
	claims  []*claimResult // index-aligned with all(); nil entries not checked yet
	lock    *lockState     // figures.lock; nil without figures

	// inFeed marks the articles a feed carries (index-aligned with
	// site.Articles): their charts get PNG copies and their HTML is kept.
	inFeed []bool
	// A plain build (no Session) renders each article's page as soon as
	// it is converted and then lets go of its HTML, unless a feed carries
	// it: early holds the views being filled in, and partials is the
	// build's partialCached store.
	early    *views
	partials *render.Partials
	// find is a plain build's part of the search index of each article
	// (index-aligned with site.Articles).
	find []*search.Prepared

	views *views // a Session's, once made
	// pages is a plain build's page cache, nil without one.
	pages *pageCache

	dataWarnings []string // the data catalogue's
	loadWarnings []string // of the files under content/ that Load does not read
	// static are the files under content/ copied as they are
	// (content.Options.Static).
	static []string
	// renderErr is what went wrong rendering the articles a plain build
	// renders as it converts them. It is reported only when the sources
	// and their conversion gave no error: a Session renders after
	// converting every page, so neither reports a template's errors
	// before the site's content is sound.
	renderErr    error
	lockWarnings lockWarnings // checkLock's

	mu    sync.Mutex
	files atomic.Int64
	// chartOuts are the charts' files written so far, with the chart
	// that writes each ("file:line"): see claimChart.
	chartOuts map[string]string
	// chartFiles are a plain build's charts' files of each page
	// (index-aligned with all()), without their bytes, once written: see
	// chartFiles and checkOutputs.
	chartFiles [][]figure.File
	// copyIdx is the index of the files copied as they are (copies),
	// made once.
	copyIdx func() copyIndex

	converted, rendered atomic.Int64
	// converters convert pages (convertPage), one per page converted at
	// once: a worker's in a plain build, a page query's (docq.go) in a
	// Session's.
	converters sync.Pool
}

// writeStructure writes the files that are not template pages (feeds,
// sitemap.xml, search.json, robots.txt…). A static file of the same name
// (static/robots.txt) replaces a generated one.
func (b *builder) writeStructure(v *views) error {
	extra, err := b.structureFiles(v)
	if err != nil {
		return err
	}
	return b.writeFiles(extra)
}

// writeFiles writes files made without a template, but for those a static
// file of the same name replaces.
func (b *builder) writeFiles(extra []file) error {
	static := b.staticOuts()
	for _, f := range extra {
		switch {
		case static[f.out]:
			continue
		case f.kept:
			b.count(1)
			continue
		case f.key != (key{}) && f.group == 0:
			if err := b.writeMade(f.out, f.key, f.data); err != nil {
				return err
			}
			continue
		}
		// Nothing changes these bytes once made, and a Session keeps some.
		if err := b.putShared(f.out, f.data); err != nil {
			return err
		}
		if f.group > 0 {
			b.pages.recordGroup(f.out, f.key, f.group)
		}
	}
	return nil
}

// staticOuts are the outputs of the theme's and site's static files, which
// replace generated files of the same name.
func (b *builder) staticOuts() map[string]bool {
	static := map[string]bool{}
	for _, a := range b.theme.Assets {
		static[a.Out] = true
	}
	return static
}

func (b *builder) write(docs []*markdown.Doc) error {
	v, jobs, cat, err := b.pageJobs(docs)
	if v == nil {
		return err
	}
	if err != nil {
		// A card's mistake: the other templates are tried all the same.
		return joinUnique([]error{err, b.render(v, jobs)})
	}
	jobs, b.dataWarnings = append(jobs, cat.jobs...), cat.warnings
	// Feeds, sitemap, search index and the like are made while the pages
	// render: they do not depend on each other.
	extraErr := make(chan error, 1)
	go func() { extraErr <- errors.Join(b.writeStructure(v), b.writeFiles(cat.files)) }()
	// Chart files a Session kept with its pages (a plain build wrote them
	// while converting). Nothing changes their bytes once made, so the
	// preview's memory shares them rather than holding a second copy.
	for _, pf := range b.pageFig {
		if pf == nil {
			continue
		}
		for _, f := range pf.Files {
			if err := b.claimChart(f); err != nil {
				return errors.Join(err, <-extraErr)
			}
			if err := b.putShared(f.Out, f.Data); err != nil {
				// The goroutine reads the views and a Session's caches,
				// which the next build may change: it ends before this one.
				return errors.Join(err, <-extraErr)
			}
		}
	}
	if err := errors.Join(b.render(v, jobs), <-extraErr); err != nil {
		return err
	}
	return b.copyAssets()
}
