package build

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/lock"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Figures kept as published. figures.lock (package lock) records what each
// published article showed: its inline figures, its claims' values and the
// data its figures and charts were drawn from. A build never writes it
// (tearsheet lock does, on request); it reads it as an input of each
// article, like the article's data:
//
//   - a published article (not a draft, dated at or before the build's
//     clock, without figures: live) whose figure the data now computes
//     differently shows both values: "5.33% at publication; 4.33% on data
//     through March 2024", as finely as the data gives its dates;
//   - its revision log gains an automatic entry saying what changed (a
//     figure, a claim's value, a dataset its charts are drawn from), dated
//     by the newest data it reflects but never before the article or its
//     last revision (of figures.lock or the front matter's updates); the
//     article's lastmod, and so its feeds'
//     updated dates, move to it;
//   - charts are drawn from the current data (the entry says so);
//   - with Options.Strict, each change is an error instead.
//
// A site starts keeping figures when it has a figures.lock (tearsheet lock
// writes the first); then a published article with figures that has no
// record is a warning, and so is an inline figure that the record of a
// published article lacks (added, or its expression edited, since
// publication; an error with Options.Strict). Without the file, figures are live, silently.

// lockState is a build's figures.lock and what it comes to.
type lockState struct {
	articles map[string]*lockedArticle // by source path: the published, locked articles
	charts   bool                      // the records hold the articles' charts (lock.Lock.HasCharts)
	// record, when not nil (Options.RecordLock), collects what every
	// published, locked article shows now, by source path.
	mu     sync.Mutex
	record map[string]*lock.Article
}

// lockedArticle is a published article that keeps its figures.
type lockedArticle struct {
	entry *lock.Article     // nil when figures.lock has no record of it
	shown map[string]string // a changed figure's expression -> the text shown
}

// readLock reads figures.lock from the site folder; a site without one
// has an empty lock, and exists false.
func readLock(fsys fs.FS) (l *lock.Lock, exists bool, err error) {
	b, err := fs.ReadFile(fsys, lock.File)
	if errors.Is(err, fs.ErrNotExist) {
		return lock.New(), false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", lock.File, err)
	}
	l, err = lock.Parse(lock.File, b)
	return l, true, err
}

// published reports whether p is a published article that keeps its
// figures: not a draft, not dated after the build's clock, not live.
func (b *builder) published(p *site.Page) bool {
	m := p.File.Meta
	return !m.Draft && !p.Scheduled && !p.Date.After(b.opts.Now) && m.Figures != "live"
}

// goneLive tells of the article p, not one that keeps its figures, when
// it is published all the same (so its figures: is live) and figures.lock
// still records what it showed: set after publication, figures: live
// makes its figures follow the data with neither the values at
// publication nor a dated revision, and hides the revisions recorded,
// which is the silent change figures.lock is there to prevent. It is a
// warning (with Options.Strict, the error it returns) until the line is
// taken out or tearsheet lock drops the record, which git then shows.
func (b *builder) goneLive(p *site.Page, l *lock.Lock, w *lockWarnings) error {
	m := p.File.Meta
	if b.opts.RecordLock || m.Figures != "live" || m.Draft || p.Scheduled || p.Date.After(b.opts.Now) || l.Articles[p.File.Path] == nil {
		return nil
	}
	msg := fmt.Sprintf("%s: figures: live, but %s keeps what this published article showed: its figures would follow the data with neither the values at publication nor a dated revision, and the revisions recorded there would no longer show: take figures: live out to keep them as published, or run tearsheet lock to drop its record",
		at(p.File.Path, frontLine(b.fsys, p.File.Path, "figures")), lock.File)
	if b.opts.Strict {
		return fmt.Errorf("%s (--strict)", msg)
	}
	w.stale = append(w.stale, msg+" (--strict fails on this)")
	return nil
}

// frontLine returns the line of the key (key: value, or key = value in
// TOML) in the front matter of the file at path, 0 when it is not found
// there. Only a message needs it, so the file is read again only then.
func frontLine(fsys fs.FS, path, key string) int {
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		return 0
	}
	lines := strings.Split(string(b), "\n")
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r")
		if l == "---" || l == "+++" {
			break
		}
		if rest, ok := strings.CutPrefix(l, key); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(strings.TrimLeft(rest, " "), "=")) {
			return i + 1
		}
	}
	return 0
}

// checkLock compares every published article's record with the current
// data and returns warnings, the automatic revision entries of the
// articles that changed (by index in site.Articles, for revised, which
// also moves their lastmod; the site laid out stays as it is, a value a
// later build may take), and with Options.Strict errors.
func (b *builder) checkLock(l *lock.Lock, exists bool) (lockWarnings, map[int][]site.Revision, error) {
	revs := map[int][]site.Revision{}
	arts := b.site.Articles
	b.lock = &lockState{articles: make(map[string]*lockedArticle, len(arts)), charts: l.HasCharts()}
	if b.opts.RecordLock {
		b.lock.record = map[string]*lock.Article{}
	}
	warnings := lockWarnings{exists: exists}
	var errs []error
	// Every published article gets its state, made in one slice: a site
	// of 10,000 articles checks them on every build of the preview.
	las := make([]lockedArticle, len(arts))
	var published []string
	for i, p := range arts {
		if b.published(p) {
			published = append(published, p.File.Path)
			b.lock.articles[p.File.Path] = &las[i]
		}
	}
	// An article whose file moved (made a bundle, say) is compared with
	// the record of its old file: its values at publication stay. Only a
	// record can have moved, or be stale: known holds the articles'
	// files and the files they moved from.
	var moved map[string]string
	var known map[string]bool
	if len(l.Articles) > 0 {
		moved = l.Moved(published)
		known = make(map[string]bool, len(arts)+len(moved))
		for _, p := range arts {
			known[p.File.Path] = true
		}
	}
	for i, p := range arts {
		la := b.lock.articles[p.File.Path]
		if la != &las[i] {
			if err := b.goneLive(p, l, &warnings); err != nil {
				errs = append(errs, err)
			}
			continue // not published
		}
		la.entry = l.Articles[p.File.Path]
		if old, ok := moved[p.File.Path]; ok {
			la.entry, known[old] = l.Articles[old], true
			if !b.opts.RecordLock {
				warnings.stale = append(warnings.stale, fmt.Sprintf("%s: %s records it under %s, the file it was moved from, and it is compared with that record: run tearsheet lock to move the record (its values at publication stay)", p.File.Path, lock.File, old))
			}
		}
		if la.entry == nil {
			continue // lockArticles warns once it is converted
		}
		// The latest the record was made, or the article revised: an
		// automatic entry never predates a revision the log shows, of
		// figures.lock or of the front matter's updates, which the
		// reader saw with the values as recorded.
		recorded := p.Date
		for _, u := range p.File.Meta.Updates {
			if u.Date.Time.After(recorded) {
				recorded = u.Date.Time
			}
		}
		for _, r := range la.entry.Revisions {
			d, err := time.ParseInLocation("2006-01-02", r.Date, b.cfg.Location)
			if err != nil {
				continue // Parse checked it
			}
			revs[p.Index] = append(revs[p.Index], site.Revision{Date: d, Note: r.Note})
			if d.After(recorded) {
				recorded = d
			}
		}
		drifts, through := b.drift(p, la)
		if len(drifts) == 0 {
			continue
		}
		if b.opts.Strict {
			for _, d := range drifts {
				errs = append(errs, fmt.Errorf("%s: %s (%s; run tearsheet lock %s to record the current values, or set figures: live)", at(p.File.Path, d.line), d.text, lock.File, p.File.Path))
			}
			continue
		}
		notes, told := make([]string, len(drifts)), make([]string, len(drifts))
		for i, d := range drifts {
			notes[i], told[i] = d.text, cmp.Or(d.reader, d.text)
		}
		// A reviewer is told, not only the reader: the page shows both
		// values and a dated revision, and the build says so (but for
		// tearsheet lock, which reports what differs from each record).
		shows := "the page's revision log says so in a dated entry"
		if len(la.shown) > 0 {
			shows = "the page shows the values at publication beside the current ones, with a dated revision"
		}
		if !b.opts.RecordLock {
			warnings.drift = append(warnings.drift, fmt.Sprintf("%s: revised since publication (%s): %s; %s: run tearsheet lock %s to record the current values (--strict fails on this)",
				p.File.Path, lock.File, strings.Join(notes, "; "), shows, p.File.Path))
		}
		// The data's dates are days: the same day in the site's time zone.
		when := time.Date(through.Year(), through.Month(), through.Day(), 0, 0, 0, 0, b.cfg.Location)
		if when.Before(recorded) {
			when = recorded
		}
		revs[p.Index] = append(revs[p.Index], site.Revision{Date: when, Note: "Automatic: " + strings.Join(told, "; ") + "."})
	}
	var stale []string
	for path := range l.Articles {
		if !known[path] && !b.opts.RecordLock {
			stale = append(stale, path)
		}
	}
	sort.Strings(stale)
	if exists && !l.HasCharts() && len(l.Articles) > 0 && !b.opts.RecordLock {
		warnings.stale = append(warnings.stale, fmt.Sprintf("%s: written before tearsheet recorded charts, so a chart changed since publication goes unnoticed: run tearsheet lock to record the charts of published articles", lock.File))
	} else if exists && !l.HasReads() && !b.opts.RecordLock {
		warnings.stale = append(warnings.stale, fmt.Sprintf("%s: written before tearsheet recorded how each dataset is read, so a change of a dataset's settings in site.yaml (missing, columns…) goes unnoticed where no figure shows it: run tearsheet lock to record it for published articles", lock.File))
	}
	for _, path := range stale {
		warnings.stale = append(warnings.stale, fmt.Sprintf("%s: records %s, which is not a published article: run tearsheet lock to drop it", lock.File, path))
	}
	return warnings, revs, errors.Join(errs...)
}

// lockWarnings are the warnings of figures.lock: those of each article
// (index-aligned with site.Articles; lockArticles sets them once the
// articles are converted), those of the articles whose data was revised
// since publication, then those of the file (both checkLock's).
type lockWarnings struct {
	exists  bool // the site has a figures.lock
	article [][]string
	drift   []string // of the published articles the data revised (checkLock's)
	stale   []string
}

// list returns the warnings in order.
func (w lockWarnings) list() []string {
	var out []string
	for _, a := range w.article {
		out = append(out, a...)
	}
	out = append(out, w.drift...)
	return append(out, w.stale...)
}

// readLock reads figures.lock and checks it (checkLock): it sets the
// warnings, the revisions and the site revised with them (a copy: the
// site laid out stays as it is, see layout).
func (b *builder) readLock() error {
	l, exists, err := readLock(b.fsys)
	if err != nil {
		return err
	}
	w, revs, err := b.checkLock(l, exists)
	b.lockWarnings = w
	b.site, b.revs = revised(b.site, revs), revs
	return err
}

// revised returns s with the automatic entries revs (by article) added to
// the articles' revision logs, each moving its article's lastmod to its
// date when that is later: a copy (site.Edit) when there are any, so that s
// stays as it was.
func revised(s *site.Site, revs map[int][]site.Revision) *site.Site {
	if len(revs) == 0 {
		return s
	}
	s = s.Edit(nil)
	for i, rs := range revs {
		p := s.Articles[i]
		p.Revisions = append(p.Revisions, rs...) // Edit clipped them
		for _, r := range rs {
			if r.Date.After(p.Lastmod) {
				p.Lastmod = r.Date
			}
		}
	}
	return s
}

// drift compares the record of article p with the current data: it fills
// la.shown and returns a note for each change and the newest date of the
// data behind them.
func (b *builder) drift(p *site.Page, la *lockedArticle) ([]driftNote, time.Time) {
	var notes []driftNote
	var when time.Time
	file := p.File.Path
	for _, d := range la.entry.Data {
		path, sum, err := b.figures.DataSum(d.Name, file)
		if err != nil {
			continue
		}
		through := b.lastDate(d.Name, file)
		if "sha256:"+sum != d.Sum {
			notes = append(notes, driftNote{text: dataRevised(d, path, through, b.precision(d.Name, file))})
		} else if read, err := b.figures.ReadSum(d.Name, file); err == nil && d.Read != "" && "sha256:"+read != d.Read {
			// The same file read with other options of site.yaml
			// (missing, columns…) gives other numbers: a chart that
			// no figure follows would change unremarked.
			notes = append(notes, driftNote{text: fmt.Sprintf("the data %s (%s) is read with other settings of site.yaml (datasets.%s: date, dateFormat, missing, skipLines, delimiter, decimal, columns or illustrative) since publication; its charts are drawn from the current data", d.Name, path, d.Name)})
		} else {
			continue
		}
		if through.After(when) {
			when = through
		}
	}
	for _, f := range la.entry.Figures {
		cur, err := b.figures.Inline(f.Expr, file)
		if err != nil || cur.Text == f.Text {
			continue // an error shows where the article still has the figure
		}
		if la.shown == nil {
			la.shown = map[string]string{}
		}
		on := cur.Through.String() // "March 2024" for monthly data
		la.shown[f.Expr] = f.Text + " at publication; " + cur.Text + " on data through " + on
		notes = append(notes, driftNote{line: figureLine(p.File, f.Expr),
			text: fmt.Sprintf("{{ %s }} was %s at publication and is %s on data through %s", f.Expr, f.Text, cur.Text, on),
			// A reader knows the figure by its value and its data, not
			// by the expression in the source.
			reader: fmt.Sprintf("the figure computed from %s, was %s at publication and is %s on data through %s", cur.Of, f.Text, cur.Text, on)})
		if cur.Through.After(when) {
			when = cur.Through.Time
		}
	}
	for _, c := range la.entry.Claims {
		for _, fc := range p.File.Meta.Claims {
			if fc.Check != c.Check {
				continue
			}
			res, err := b.figures.CheckClaim(file, fc)
			if err == nil && res.Summary != c.Value {
				text := fc.Text
				if text == "" {
					text = fc.Check
				}
				notes = append(notes, driftNote{line: fc.Line, text: fmt.Sprintf("the claim %q read %s at publication and reads %s now", text, c.Value, res.Summary)})
			}
		}
	}
	return notes, when
}

// driftNote is a change since publication that drift found: what it says,
// and the line of the article that shows it (the figure's, the claim's),
// so that a reviewer reads the sentence; 0 for a dataset's, which no one
// line shows.
type driftNote struct {
	line int
	text string
	// reader is what the page's revision log says of it, when not text.
	reader string
}

// at is file:line, or file alone when line is 0.
func at(file string, line int) string {
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// figureLine returns the line of the article f whose text first shows the
// inline figure expr ({{ expr }}, on one line as figures are); 0 when none
// does.
func figureLine(f *content.File, expr string) int {
	for i, l := range strings.Split(string(f.Body), "\n") {
		if j := strings.Index(l, expr); j >= 0 && strings.Contains(l[:j], "{{") {
			return f.BodyLine + i
		}
	}
	return 0
}

// dataRevised says how the data d recorded for an article differs from
// the file at path it reads now, whose bytes (SHA-256) are others: it runs
// to a later (or earlier) date, or its file changed through the same
// date. It does not say the values changed: a file saved with other line
// endings or rows in another order has another SHA-256 and the same
// values; the figures' and claims' own notes say which numbers moved. The
// file is named, so a reviewer knows what to compare.
//
// Dates are written as the data gives them, as charts' "Data through"
// says them (prec: "March 2024" for monthly data), since readers see the
// note in the revision log.
func dataRevised(d lock.Data, path string, through time.Time, prec period.Precision) string {
	was := d.Through
	if t, err := time.Parse("2006-01-02", d.Through); err == nil {
		was = prec.Format(t)
	}
	now := ""
	switch {
	case through.IsZero():
		now = "changed since publication"
	case through.Format("2006-01-02") == d.Through:
		now = "changed since publication (another SHA-256), through " + was + " as then"
	default:
		now = "now runs through " + prec.Format(through) + ", against " + was + " at publication"
	}
	return fmt.Sprintf("the data %s (%s) %s; its charts are drawn from the current data", d.Name, path, now)
}

// precision returns the precision of the dates of the table the data name
// gives the page at file (package period); Day when it cannot be read.
func (b *builder) precision(name, file string) period.Precision {
	st := b.figures.Store()
	src, err := st.Resolve(name, file)
	if err != nil {
		return period.Day
	}
	t, err := st.Table(src)
	if err != nil {
		return period.Day
	}
	return period.Of(t.Dates)
}

// lastDate returns the last date of the table the data name gives the
// page at file; zero when it cannot be read.
func (b *builder) lastDate(name, file string) time.Time {
	st := b.figures.Store()
	src, err := st.Resolve(name, file)
	if err != nil {
		return time.Time{}
	}
	t, err := st.Table(src)
	if err != nil {
		return time.Time{}
	}
	return t.LastDate()
}

// lockSum stands for what figures.lock means to the page at file, for the
// caches of converted pages: whether it keeps its figures, and its record.
func (b *builder) lockSum(file string) string {
	if b.lock == nil {
		return ""
	}
	la := b.lock.articles[file]
	if la == nil {
		return "live"
	}
	return "locked " + la.entry.Sum()
}

// lockFigures returns the Figures a page is converted with: fig itself,
// or, for a published article that keeps its figures, fig showing each
// changed figure as recorded and as now.
func (b *builder) lockFigures(file string, fig *figure.Page) lockedFigures {
	lf := lockedFigures{Page: fig}
	if b.lock == nil {
		return lf
	}
	lf.a = b.lock.articles[file]
	if lf.a != nil && b.lock.record != nil {
		lf.rec = &lock.Article{}
		b.lock.mu.Lock()
		b.lock.record[file] = lf.rec
		b.lock.mu.Unlock()
	}
	return lf
}

// lockedFigures is a page's Figures under figures.lock.
type lockedFigures struct {
	*figure.Page
	a   *lockedArticle
	rec *lock.Article // when recording: what the page shows now
}

// Inline implements markdown.Figures.
func (l lockedFigures) Inline(expr string, line int) (string, string, error) {
	text, title, err := l.Page.Inline(expr, line)
	if err != nil || l.a == nil {
		return text, title, err
	}
	if l.rec != nil {
		l.rec.Add(expr, text)
	}
	if shown, ok := l.a.shown[expr]; ok {
		l.Page.Show(expr, shown)
		return shown, title + "; the value at publication is kept (see the revisions)", nil
	}
	return text, title, nil
}

// recordLock completes the record of what each published, locked article
// shows now (Options.RecordLock): its claims' values and the data it read.
func (b *builder) recordLock() (*lock.Lock, error) {
	out := lock.New()
	out.Date = b.opts.Now.In(b.cfg.Location).Format("2006-01-02")
	var errs []error
	for i, p := range b.site.Articles {
		rec := b.lock.record[p.File.Path]
		if rec == nil {
			continue
		}
		file := p.File.Path
		for _, c := range p.File.Meta.Claims {
			res, err := b.figures.CheckClaim(file, c)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			rec.Claims = append(rec.Claims, lock.Claim{Check: c.Check, Value: res.Summary})
		}
		if fig := b.pageFig[i]; fig != nil {
			rec.Charts = lockCharts(fig)
			for _, u := range fig.Uses() {
				_, sum, err := b.figures.DataSum(u.Name, file)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", file, err))
					continue
				}
				through := ""
				if t := b.lastDate(u.Name, file); !t.IsZero() {
					through = t.Format("2006-01-02")
				}
				read, err := b.figures.ReadSum(u.Name, file)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", file, err))
					continue
				}
				rec.Data = append(rec.Data, lock.Data{Name: u.Name, Through: through, Sum: "sha256:" + sum, Read: "sha256:" + read, Precision: b.precision(u.Name, file)})
			}
		}
		if len(rec.Data)+len(rec.Figures)+len(rec.Claims)+len(rec.Charts) > 0 {
			out.Articles[file] = rec
		}
	}
	return out, errors.Join(errs...)
}
