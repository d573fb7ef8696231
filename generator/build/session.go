package build

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/keep"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Session builds one site again and again, as the preview server does after
// every change, doing only the work a change needs. It keeps what the last
// builds made (see the package comment): in the content stage's query
// store, the theme (while no template or static file changed), the parsed
// content files, the site's layout and the converted markdown of every
// page (while its body, its place and the data its figures read are the
// same); in its store of views and pages, each article's view and card
// (while what they show is unchanged), and each page's HTML, under its
// name, with the key of the template data it was rendered from. A full build renders
// only the pages whose key is new; a quick build (see Build) takes every
// untouched page from the previous build. Either way its output is
// exactly what Build would write; Result.Changed names the output files
// whose bytes differ from the previous build.
//
// It reads the site's files through the content stage's query store,
// once each until Build is told it changed. A change to site.yaml drops
// everything else kept but the content stage's queries. A Session is not
// safe for concurrent use.
type Session struct {
	src   fs.FS // the site's files
	opts  Options
	cache *caches
	// prev is the output of the previous build, which the next build's
	// is made from (output.NewMemoryFrom).
	prev  *output.Memory
	quick bool // the last build was quick (for tests)
}

// NewSession returns a Session that builds the site in fsys with opts. When
// opts.Now is zero each build uses the time it starts.
func NewSession(fsys fs.FS, opts Options) *Session {
	return &Session{src: fsys, opts: opts, cache: newCaches(&keep.Generations[key, stored]{}, newContentStage(fsys))}
}

// Follow makes m, the output a preview showed last (the last good build
// of the Session this one replaces, after site.yaml changed), the output
// this Session's first build is made from and compared with: its
// Result.Changed then names the files whose bytes differ from m's, not
// every file, so that a site.yaml edit that changes no page (a comment, a
// file saved again as it was) reloads no browser tab. A Session that has
// built, or a nil m, keeps what it has.
func (s *Session) Follow(m *output.Memory) {
	if s.prev == nil && m != nil {
		s.prev = m
	}
}

// Build builds the site into a new Memory. changed lists the source paths
// (slash paths from the site root; a folder stands for all under it) that
// changed since the previous Build, as a file watcher saw them: the files
// read before and not listed are taken from memory. A nil changed means
// "not known": every file is read again, as on the first build. On error the
// Session keeps the previous build as the one later builds are compared
// with; after a quick build that failed, the next may be quick again (the
// fix of a typo, say), with the changes of both.
//
// Every build reads and lays out the site (parse and layout take what is
// kept). When every changed path is the markdown of an article or page
// whose front matter leaves the site's layout as it was (layoutMeta: the
// summary, say, or a title that keeps the URL), the build then goes on
// quick (quickFrom): only the pages whose files changed are converted,
// and only the pages and feeds that show them are made again; the rest of
// the output is the previous build's.
func (s *Session) Build(ctx context.Context, changed []string) (*Result, *output.Memory, error) {
	var cleaned []string // as the content stage's store takes them
	if changed != nil {
		cleaned = make([]string, len(changed))
		for i, p := range changed {
			cleaned[i] = cleanPath(p)
		}
	}
	s.cache.content.begin(cleaned)
	// The build reads every file through the content stage's store: one
	// read while the watcher does not name it (Store.Begin), but under a
	// hidden folder (sessionFS).
	fsys := sessionFS{store: s.cache.content.ctx.SharedFS(), src: s.src}
	c := s.cache
	cfgSrc, err := fs.ReadFile(fsys, ConfigFile)
	if err == nil && !bytes.Equal(cfgSrc, c.config) {
		// What is kept was made with another site.yaml: none of it stays
		// (the content stage's store, whose schema is an input, does).
		c.store.Retain(func(key, stored) bool { return false })
		c = newCaches(c.store, c.content)
		c.config = cfgSrc
		s.cache = c
	}
	// Keys by pointer are good for one build only: the one that made them.
	c.known = nil
	c.quick = false
	c.since = nil // what changed since last; nil: not known
	if changed != nil {
		c.since = slices.Clone(c.unbuilt)
		for _, p := range changed {
			c.since = append(c.since, cleanPath(p))
		}
		c.since = slices.Compact(slices.Sorted(slices.Values(c.since)))
	}
	mem := output.NewMemory()
	if s.prev != nil {
		mem = output.NewMemoryFrom(s.prev, 0) // run Grows it for a full build
	}
	res, err := run(ctx, fsys, s.opts, mem, c)
	c.content.doneConverting() // the build's views go with it
	// The content stage's store lets go of what a full build that
	// succeeded did not read; a failed one keeps all for the build after
	// the fix, and a quick one, which reads part of the site, all.
	c.content.store.End(err == nil && !c.quick)
	s.quick = c.quick
	// A quick build looked at part of the site only: what it made joins
	// what was kept (see endBuild).
	c.endBuild(err == nil && !c.quick)
	c.unbuilt = nil
	if err != nil {
		if c.quick {
			// A quick build changes nothing of last: the next build
			// may start from it again, with these changes.
			c.unbuilt = c.since
		} else {
			c.last = nil // a quick build starts from a full one that succeeded
		}
		return nil, nil, err
	}
	if !c.quick {
		mem.Sweep()
	}
	res.Changed = mem.Seal()
	s.prev = mem
	return res, mem, nil
}

// lastBuild is what a Session keeps of its last successful build for a
// quick one.
type lastBuild struct {
	now time.Time // the build's clock
	// laid is the layout the build's site was made from (where each
	// source path's page is, and the clock's window in which it holds),
	// and revs figures.lock's revisions of it (see revised).
	laid  *layoutEntry
	revs  map[int][]site.Revision
	theme *render.Theme
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
	data     []string          // the data catalogue's warnings
	search   map[string][]byte // the files of its search index, by name
}

// remember keeps what a quick build needs of the full build b, which
// converted docs and returned res; nothing when a quick build could not
// reproduce it: a fetch, or a feed dated by the clock.
func (c *caches) remember(b *builder, docs []*markdown.Doc, res *Result) {
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
	c.last = &lastBuild{now: b.opts.Now, laid: b.laid, revs: b.revs, theme: b.theme, docs: docs, figs: b.pageFig, claims: b.claims, views: b.views, res: res, lock: b.lock, lockWarn: b.lockWarnings, data: b.dataWarnings, search: c.search}
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

// cleanPath returns the slash path p as the site's files name it: from
// the site root, without a leading or trailing slash ("" for the root).
func cleanPath(p string) string { return strings.Trim(path.Clean("/"+p), "/") }
