package build

import (
	"fmt"
	"slices"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file lays the site out (site.New: URLs, order, tags, neighbours,
// related articles, archives) as three queries of the content stage's
// store (contentq.go), so that a build whose edits leave what the layout
// reads as it was takes the layout as it is:
//
//   - site.marks (""): content.load's files, each with its mark (markOf:
//     what of it the layout reads but its title), and site.yaml. Its sum
//     is that of every mark with the part of its title that its page's URL
//     is made of (site.PathTitle): an edit of a text, a summary, a chart,
//     or of a title that keeps every URL, leaves it as it was. When a mark
//     cannot be made, its sum is content.load's.
//   - site.clock (""): the build's clock (the input "site.clock", which the
//     driver sets before every build) placed among the dates of
//     site.marks' files at which the layout changes (clockWindow): its sum
//     is the window's, in which a layout made at one time is the layout at
//     every other.
//   - site.layout (""): site.New of site.marks' files at site.clock's time,
//     with site.yaml and the options (the input "site.options": drafts,
//     future, base URL). An earlier layout of the same site.yaml gives it
//     the related articles while every article's tags are the same
//     (query.Ctx.Prior, site.Options.Ranking).
//
// A layout that holds was made from the files of an earlier build: the
// build's own has the edited files, with their titles (bind, site.Edit).

// The inputs the driver sets before the layout (contentStage.layout): the
// clock, and the options that lay the site out.
const (
	clockInput   = "site.clock"
	optionsInput = "site.options"
)

// markOf returns f's mark, what of it the site's layout reads: the key of
// its front matter's layout fields (layoutMeta, without their lines, see
// untitledKey) but the title, its path, kind, name and bundle, its
// warnings and the lines of its slug and aliases (which the messages of
// two pages at one URL name); false when its front matter cannot be keyed.
func markOf(f *content.File) (key, bool) {
	untitled, ok := untitledKey(layoutMeta(f.Meta))
	if !ok {
		return key{}, false
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
	return e.sum(), true
}

// siteMarks is site.marks' result: the build's files, with the sum of
// their marks.
type siteMarks struct {
	files []*content.File
	sum   query.Key
}

// layoutEntry is a site laid out (site.layout's result, which nothing
// changes after: a build that revises it works on a copy, see revised),
// with New's error, the files it was laid out from, in Load's order,
// where each source path's page is (in Articles, then Pages), and the
// SHA-256 of the site.yaml it was laid out with.
type layoutEntry struct {
	site   *site.Site
	err    error
	files  []*content.File
	index  map[string]int
	config query.Key
}

// siteClock is site.clock's result: the build's clock, whose sum is that
// of its window (clockWindow).
type siteClock struct {
	now time.Time
	sum query.Key
}

// layout returns the layout of the build under way, with cfg and opts:
// site.layout's, with the build's files (bind), and New's error.
func (st *contentStage) layout(cfg *config.Config, opts site.Options, baseURL string) (*layoutEntry, error) {
	ctx := st.current()
	st.cfg, st.opts = cfg, opts
	e := newEncoder("site.options")
	e.flag(opts.Drafts)
	e.flag(opts.Future)
	e.str(baseURL)
	k := e.sum()
	st.store.Set(optionsInput, k[:])
	now, err := opts.Now.MarshalBinary()
	if err != nil {
		return &layoutEntry{}, fmt.Errorf("the build's clock: %w", err)
	}
	st.store.Set(clockInput, now)
	laid, err := query.Get(ctx, st.laid, "")
	if err != nil {
		return &layoutEntry{}, err
	}
	sm, err := query.Get(ctx, st.marks, "")
	if err != nil {
		return &layoutEntry{}, err
	}
	return laid.bind(sm), laid.err
}

// markFiles is site.marks.
func (st *contentStage) markFiles(c *query.Ctx, _ string) (*siteMarks, error) {
	if _, err := c.Read(ConfigFile); err != nil {
		return nil, err
	}
	e := newEncoder("site.marks")
	ld, err := query.Get(c, st.load, "")
	if err != nil {
		// The build lays out no file, as it failed to list them.
		e.str(err.Error())
		return &siteMarks{sum: query.Key(e.sum())}, nil
	}
	sm := &siteMarks{files: ld.files}
	marks, ok := marksOf(ld.files, ld)
	if !ok {
		e.key(key(ld.sum))
	} else {
		for i, m := range marks {
			e.key(m)
			e.str(site.PathTitle(st.cfg, ld.files[i]))
		}
	}
	sm.sum = query.Key(e.sum())
	return sm, nil
}

// placeClock is site.clock.
func (st *contentStage) placeClock(c *query.Ctx, _ string) (*siteClock, error) {
	if _, err := c.Input(clockInput); err != nil {
		return nil, err
	}
	if _, err := c.Input(optionsInput); err != nil {
		return nil, err
	}
	sm, err := query.Get(c, st.marks, "")
	if err != nil {
		return nil, err
	}
	now := st.opts.Now
	from, until, day := clockWindow(sm.files, st.opts.Drafts, now)
	e := newEncoder("site.clock")
	e.str(from.Format(time.RFC3339Nano))
	e.str(until.Format(time.RFC3339Nano))
	e.str(day)
	return &siteClock{now: now, sum: query.Key(e.sum())}, nil
}

// layOut is site.layout.
func (st *contentStage) layOut(c *query.Ctx, _ string) (*layoutEntry, error) {
	sm, err := query.Get(c, st.marks, "")
	if err != nil {
		return nil, err
	}
	clock, err := query.Get(c, st.clock, "")
	if err != nil {
		return nil, err
	}
	_, config, err := c.ReadSum(ConfigFile)
	if err != nil {
		return nil, err
	}
	if _, err := c.Input(optionsInput); err != nil {
		return nil, err
	}
	opts := site.Options{Drafts: st.opts.Drafts, Future: st.opts.Future, Now: clock.now}
	if prior, ok := c.Prior().(*layoutEntry); ok && prior.site != nil && prior.config == config {
		opts.Ranking = prior.site.Ranking
	}
	s, err := site.New(st.cfg, sm.files, opts)
	e := &layoutEntry{site: s, err: err, files: sm.files, config: config}
	if s != nil {
		e.index = map[string]int{}
		for i, p := range slices.Concat(s.Articles, s.Pages) {
			e.index[p.File.Path] = i
		}
	}
	return e, nil
}

// bind returns e with sm's files, the build's: e itself when they are
// those it was laid out from; else a copy whose pages edited (a file of
// other bytes, assets or title: one that keeps every URL, as sm's sum is
// the same) have the new file and title (site.Edit).
func (e *layoutEntry) bind(sm *siteMarks) *layoutEntry {
	if e.site == nil || len(sm.files) != len(e.files) {
		return e // an error's
	}
	pages := slices.Concat(e.site.Articles, e.site.Pages)
	edited := map[int]*content.File{}
	same := true
	for i, f := range sm.files {
		if f == e.files[i] {
			continue
		}
		same = false
		at, in := e.index[f.Path]
		if !in {
			continue // a draft or a page taken out: out still
		}
		if p := pages[at]; f.Meta.Title != p.File.Meta.Title || f.Sum != p.File.Sum || !slices.Equal(f.Assets, p.File.Assets) {
			edited[at] = f
		}
	}
	if same {
		return e
	}
	n := *e
	n.files = sm.files
	if len(edited) > 0 {
		n.site = e.site.Edit(edited)
	}
	return &n
}

// marksOf returns the marks of files, those of their parse where made
// (parsed.parsed, in path order as files are: a bundle's index file is a
// copy of the File parsed, with its assets); false when one cannot be
// made.
func marksOf(files []*content.File, parsed *loaded) ([]key, bool) {
	marks := make([]key, len(files))
	at := 0 // in parsed.parsed
	for i, f := range files {
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

// clockWindow returns the window of the clock, from (inclusive) until
// (exclusive; zero for none), around now in which the site laid out from
// files is the same: every date at which an article is published, or an
// article or a page is taken out (ExpiryDate), or a lastmod or revision
// stops being later than the build's next day (whose warning site.New
// gives), is before from or not before until. day is now's date while
// such a warning is given, which names it.
func clockWindow(files []*content.File, drafts bool, now time.Time) (from, until time.Time, day string) {
	for _, f := range files {
		if f.Meta.Draft && !drafts {
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
				t := d.Time.Add(-24 * time.Hour)
				at = append(at, t)
				if t.After(now) {
					day = now.Format(time.DateOnly)
				}
			}
		}
		for _, d := range at {
			switch {
			case d.IsZero():
			case d.After(now):
				if until.IsZero() || d.Before(until) {
					until = d
				}
			case d.After(from):
				from = d
			}
		}
	}
	return from, until, day
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
