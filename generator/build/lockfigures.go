package build

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/lock"
	"github.com/tearsheet/tearsheet/generator/site"
)

// lockArticles compares what the published articles at the indices only
// (every article when only is nil) show once converted, the inline
// figures and charts their conversion computed, with their records in
// figures.lock, and sets their warnings (b.lockWarnings.article). It
// warns of an article with figures that has no record, and of figures and
// charts its record lacks, or that changed, since publication; with
// Options.Strict the latter are errors. A quick build calls it for the
// articles it converts.
func (b *builder) lockArticles(only []int) error {
	if b.lock == nil {
		return nil
	}
	arts := b.site.Articles
	if only == nil {
		only = make([]int, len(arts))
		for i := range only {
			only[i] = i
		}
	}
	var errs []error
	w := &b.lockWarnings
	cloned := false // the last build's warnings stay as they were
	if len(w.article) != len(arts) {
		w.article, cloned = make([][]string, len(arts)), true
	}
	for _, i := range only {
		if i >= len(arts) {
			continue // a page
		}
		msgs, err := b.articleLock(arts[i], b.pageFig[i])
		errs = append(errs, err...)
		if slices.Equal(msgs, w.article[i]) {
			continue
		}
		if !cloned {
			w.article, cloned = slices.Clone(w.article), true
		}
		w.article[i] = msgs
	}
	return errors.Join(errs...)
}

// articleLock returns the warnings of the article p, whose figures fig
// computed (nil when it has none), against its record in figures.lock;
// with Options.Strict, those of a changed record are errors instead.
func (b *builder) articleLock(p *site.Page, fig *figure.Page) ([]string, []error) {
	la := b.lock.articles[p.File.Path]
	if la == nil || b.opts.RecordLock {
		return nil, nil // not published, or being recorded
	}
	var exprs []string
	var charts []lock.Chart
	if fig != nil {
		exprs, charts = fig.Exprs(), lockCharts(fig)
	}
	if la.entry == nil {
		if !b.lockWarnings.exists || len(exprs)+len(charts)+len(p.File.Meta.Claims) == 0 {
			return nil, nil
		}
		return []string{fmt.Sprintf("%s: published, but %s has no record of its figures: run tearsheet lock to keep them as published (or set figures: live)", p.File.Path, lock.File)}, nil
	}
	var msgs []string
	if fresh := newFigures(exprs, la.entry); len(fresh) > 0 {
		msgs = append(msgs, fmt.Sprintf("%s: published, but %s has no record of %s (added or edited since publication), shown from the current data: run tearsheet lock %s to record it",
			p.File.Path, lock.File, strings.Join(fresh, ", "), p.File.Path))
	}
	if b.lock.charts {
		if ch := lock.ChartChanges(la.entry.Charts, charts); len(ch) > 0 {
			msgs = append(msgs, fmt.Sprintf("%s: published, but its charts changed since publication (%s; %s): run tearsheet lock %s to record them, and the article's revision log says what changed",
				p.File.Path, strings.Join(ch, ", "), lock.File, p.File.Path))
		}
	}
	if !b.opts.Strict {
		return msgs, nil
	}
	errs := make([]error, len(msgs))
	for i, m := range msgs {
		errs[i] = fmt.Errorf("%s (--strict)", m)
	}
	return nil, errs
}

// newFigures returns, as "{{ expr }}", the inline figures among exprs
// (a page's, in order) that the record entry does not hold: figures added,
// or whose expression was edited, since publication. Each shows the
// current data's value with nothing to compare it with, so the change
// would otherwise go unnoticed.
func newFigures(exprs []string, entry *lock.Article) []string {
	var out []string
	for _, e := range exprs {
		if _, known := entry.Figure(e); !known {
			out = append(out, "{{ "+e+" }}")
		}
	}
	return out
}

// lockCharts returns the charts of a page as figures.lock records them.
func lockCharts(fig *figure.Page) []lock.Chart {
	uses := fig.ChartUses()
	out := make([]lock.Chart, len(uses))
	for i, c := range uses {
		out[i] = lock.Chart{ID: c.ID, Sum: "sha256:" + c.Sum}
	}
	return out
}
