package build

import (
	"slices"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file keeps the site's layout (site.New: URLs, order, tags,
// neighbours, related articles, archives) as a value a Session's next
// build takes as it is while what it is laid out from is the same: each
// source file's mark (fileMark), the options and the clock. An edit of an
// article's text, summary or figures, of a dataset or a template, leaves
// the layout alone; a new title that keeps the URL gives the same layout
// with the title (site.Edit).

// fileMark is what of a source file the site's layout reads: sum keys its
// front matter's layout fields (layoutMeta, without their lines, see
// untitledKey) but the title, its path, kind, name and bundle, its warnings
// and the lines of its slug and aliases (which the messages of two pages
// at one URL name); title is its title.
type fileMark struct {
	path  string
	sum   key
	title string
}

// markOf returns f's mark; false when its front matter cannot be keyed.
func markOf(f *content.File) (fileMark, bool) {
	untitled, ok := untitledKey(layoutMeta(f.Meta))
	if !ok {
		return fileMark{}, false
	}
	e := newEncoder("file-layout")
	e.key(untitled)
	e.str(f.Path)
	e.num(uint64(f.Kind))
	e.str(f.Name)
	e.str(f.Bundle)
	e.num(uint64(len(f.Warnings)))
	for _, w := range f.Warnings {
		e.str(w)
	}
	e.num(uint64(f.SlugLine))
	e.num(uint64(f.AliasesLine))
	return fileMark{path: f.Path, sum: e.sum(), title: f.Meta.Title}, true
}

// layoutEntry is a site laid out, which nothing changes after (a build
// that revises it works on a copy: see revised), with the marks of the
// files it was laid out from, in Load's order, where each source path's
// page is (in Articles, then Pages), and the clock's window in which it
// holds: from now until next, the first date after now that publishes an
// article or takes a page out (zero for none).
type layoutEntry struct {
	site      *site.Site
	files     []*content.File // laid out from, in Load's order
	marks     []fileMark      // theirs
	index     map[string]int
	now, next time.Time
}

// layout lays out the site of files: the layout a Session kept, when every
// file's mark but its title is the one it was laid out from, a new title
// keeps its page's URL and the clock is within its window, with the
// edited files and their titles (site.Edit); else site.New's, which the
// Session keeps. Without a Session, or when a file's mark is not known,
// site.New's, with no marks: an entry the store does not hold.
func (c *caches) layout(cfg *config.Config, files []*content.File, parsed *loaded, opts site.Options) (*layoutEntry, error) {
	if c == nil {
		s, err := site.New(cfg, files, opts)
		return &layoutEntry{site: s}, err
	}
	k := pathKey("layout", "")
	last, _ := c.store.Look(k)
	marks, ok := marksOf(files, parsed, last.layout)
	if last.layout != nil {
		if e := last.layout.reuse(cfg, marks, files, opts.Now); ok && e != nil {
			c.store.Keep(k, stored{layout: e})
			return e, nil
		}
		// Else New takes the related articles from the last layout while
		// every article has the same tags in the same place.
		opts.Ranking = last.layout.site.Ranking
	}
	s, err := site.New(cfg, files, opts)
	if err != nil || !ok {
		return &layoutEntry{site: s}, err
	}
	e := &layoutEntry{site: s, files: files, marks: marks, index: map[string]int{}, now: opts.Now, next: nextChange(files, opts)}
	for i, p := range slices.Concat(s.Articles, s.Pages) {
		e.index[p.File.Path] = i
	}
	c.store.Keep(k, stored{layout: e})
	return e, nil
}

// reuse returns e for files, whose marks are marks (nil: not known), at
// the clock now: e itself when no file changed, a copy with the edited
// files when some did and the layout holds; nil when it does not.
func (e *layoutEntry) reuse(cfg *config.Config, marks []fileMark, files []*content.File, now time.Time) *layoutEntry {
	if marks == nil || len(marks) != len(e.marks) || now.Before(e.now) || !e.next.IsZero() && !now.Before(e.next) {
		return nil
	}
	pages := slices.Concat(e.site.Articles, e.site.Pages)
	edited := map[int]*content.File{}
	for i, m := range marks {
		if files[i] == e.files[i] {
			continue // the file it was laid out from
		}
		was := e.marks[i]
		if m.path != was.path || m.sum != was.sum {
			return nil
		}
		at, in := e.index[m.path]
		if !in {
			// A draft or a page taken out stays out; a new title may
			// give it another URL (site.Left), which a layout makes.
			if m.title != was.title {
				return nil
			}
			continue
		}
		p, f := pages[at], files[i]
		if m.title != was.title && !site.KeepsPath(cfg, p, m.title) {
			return nil
		}
		if m.title != was.title || f.Sum != p.File.Sum || !slices.Equal(f.Assets, p.File.Assets) {
			edited[at] = f
		}
	}
	if len(edited) == 0 {
		return e
	}
	n := *e
	n.site, n.files, n.marks = e.site.Edit(edited), files, marks
	return &n
}

// marksOf returns the marks of files; false when one cannot be made. A
// file laid out in e (nil for none) at its place has the mark it was laid
// out with; another, that of its parse (parsed.parsed, in path order as
// files are: a bundle's index file is a copy of the File parsed, with its
// assets); else one is made.
func marksOf(files []*content.File, parsed *loaded, e *layoutEntry) ([]fileMark, bool) {
	marks := make([]fileMark, len(files))
	at := 0 // in parsed.parsed
	for i, f := range files {
		if e != nil && i < len(e.files) && e.files[i] == f {
			marks[i] = e.marks[i]
			continue
		}
		for at < len(parsed.parsed) && (parsed.parsed[at] == nil || parsed.parsed[at].f == nil || parsed.parsed[at].f.Path < f.Path) {
			at++
		}
		if at < len(parsed.parsed) {
			if pf := parsed.parsed[at]; pf.marked && pf.f.Path == f.Path && pf.f.Sum == f.Sum {
				marks[i] = pf.mark
				continue
			}
		}
		m, ok := markOf(f)
		if !ok {
			return nil, false
		}
		marks[i] = m
	}
	return marks, true
}

// nextChange returns the first date after opts.Now at which an article of
// files is published or an article or page is taken out (ExpiryDate), or
// a lastmod or revision stops being later than the build's next day (whose
// warning site.New gives), which changes the site laid out at opts.Now;
// zero for none.
func nextChange(files []*content.File, opts site.Options) time.Time {
	var next time.Time
	for _, f := range files {
		if f.Meta.Draft && !opts.Drafts {
			continue
		}
		at := []time.Time{f.Meta.ExpiryDate.Time}
		if f.Kind == content.Article {
			at = append(at, f.Meta.Published())
		}
		// site.New warns of a lastmod or revision dated more than a
		// day after the build, until that day begins.
		revised := []content.Date{f.Meta.Lastmod}
		for _, u := range f.Meta.Updates {
			revised = append(revised, u.Date)
		}
		for _, d := range revised {
			if !d.Time.IsZero() {
				at = append(at, d.Time.Add(-24*time.Hour))
			}
		}
		for _, d := range at {
			if d.After(opts.Now) && (next.IsZero() || d.Before(next)) {
				next = d
			}
		}
	}
	return next
}

// layoutMeta is what of a page's front matter reaches other pages than
// through its own view: what the site is laid out by (site.LayoutMeta),
// whether an article keeps its figures, its claims and its updates.
// figures.lock gives an article that keeps its figures an automatic
// revision when the data has moved on, which quotes its claims as they
// read now and is dated no earlier than its last update, and moves its
// lastmod, which the sitemap, feeds and lists show: a full build makes
// both (builder.checkLock). An edit of the rest (summary, image,
// disclosures…) is the page's own: a quick build makes its view again,
// and the lists, feeds and catalogue pages that show it, by their keys.
func layoutMeta(m content.Meta) content.Meta {
	l := site.LayoutMeta(m)
	l.Figures, l.Claims, l.Updates = m.Figures, m.Claims, m.Updates
	return l
}

// untitledKey keys front matter without its title: while it is the same,
// an edit leaves the site's layout as it was but for the title (and, when
// site.KeepsPath, the URLs too). The lines of the dates, claims, updates
// and terms are left out: a line added above them moves them, and the layout does
// not read them (the warnings that name them are the file's, which
// markOf keys, and the claims of an edited article are checked again).
func untitledKey(m content.Meta) (key, bool) {
	for _, d := range []*content.Date{&m.Date, &m.Lastmod, &m.PublishDate, &m.ExpiryDate} {
		d.Line = 0
	}
	m.Claims, m.Terms, m.Updates = slices.Clone(m.Claims), slices.Clone(m.Terms), slices.Clone(m.Updates)
	for i := range m.Claims {
		m.Claims[i].Line = 0
	}
	for i := range m.Updates {
		m.Updates[i].Date.Line = 0
	}
	for i := range m.Terms {
		m.Terms[i].Line = 0
	}
	m.Title = ""
	return newViewHasher(nil).sum("meta", m)
}
