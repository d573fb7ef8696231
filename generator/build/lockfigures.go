package build

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/lock"
	"github.com/tearsheet/tearsheet/generator/site"
)

// newFigures returns the inline figures of the published article p that
// its record in figures.lock does not hold, in the order the text has
// them: figures added, or whose expression was edited, since publication.
// Each shows the current data's value with nothing to compare it with, so
// the change would otherwise go unnoticed.
func newFigures(p *site.Page, entry *lock.Article) []string {
	known := make(map[string]bool, len(entry.Figures))
	for _, f := range entry.Figures {
		known[f.Expr] = true
	}
	var out []string
	for _, e := range bodyFigures(p.File.Body) {
		if !known[e] {
			known[e] = true // once
			out = append(out, e)
		}
	}
	return out
}

// newFiguresMessage says which figures of article p figures.lock has no
// record of; "" when none.
func newFiguresMessage(p *site.Page, entry *lock.Article) string {
	fresh := newFigures(p, entry)
	if len(fresh) == 0 {
		return ""
	}
	for i, e := range fresh {
		fresh[i] = "{{ " + e + " }}"
	}
	return fmt.Sprintf("%s: published, but %s has no record of %s (added or edited since publication), shown from the current data: run tearsheet lock %s to record it",
		p.File.Path, lock.File, strings.Join(fresh, ", "), p.File.Path)
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

// checkCharts compares the charts of the published articles at the
// indices only (every article when only is nil) with their records in
// figures.lock, when it records charts: a chart added, removed or drawn
// with other settings since publication is a warning (b.lockWarnings),
// and with Options.Strict an error. Call it once the articles are
// converted.
func (b *builder) checkCharts(only []int) error {
	if b.lock == nil || !b.lock.charts {
		return nil
	}
	if only == nil {
		only = make([]int, len(b.site.Articles))
		for i := range only {
			only[i] = i
		}
	}
	var errs []error
	w := &b.lockWarnings
	cloned := false // the last build's warnings stay as they were
	for _, i := range only {
		if i >= len(b.site.Articles) {
			continue
		}
		p := b.site.Articles[i]
		msg := ""
		if la := b.lock.articles[p.File.Path]; la != nil && la.entry != nil && b.pageFig[i] != nil && !b.opts.RecordLock {
			if ch := lock.ChartChanges(la.entry.Charts, lockCharts(b.pageFig[i])); len(ch) > 0 {
				msg = fmt.Sprintf("%s: published, but its charts changed since publication (%s; %s): run tearsheet lock %s to record them, and the article's revision log says what changed",
					p.File.Path, strings.Join(ch, ", "), lock.File, p.File.Path)
			}
		}
		if msg != "" && b.opts.Strict {
			errs = append(errs, fmt.Errorf("%s (--strict)", msg))
			msg = ""
		}
		if len(w.charts) != len(b.site.Articles) {
			w.charts, cloned = make([]string, len(b.site.Articles)), true
		}
		if w.charts[i] != msg {
			if !cloned {
				w.charts, cloned = slices.Clone(w.charts), true
			}
			w.charts[i] = msg
		}
	}
	return errors.Join(errs...)
}

// bodyFigures lists the expressions of the inline figures of a markdown
// body as the converter finds them: {{ expr }} within one line, not after
// a backslash, outside fenced code blocks and code spans, and parsing as
// a figure.
func bodyFigures(body []byte) []string {
	var out []string
	fence := ""
	for _, line := range strings.Split(string(body), "\n") {
		t := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t\r") == "" {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:len(t)-len(strings.TrimLeft(t, t[:1]))]
			continue
		}
		out = appendLineFigures(out, []byte(withoutCodeSpans(line)))
	}
	return out
}

// appendLineFigures appends the figure expressions of one line.
func appendLineFigures(out []string, line []byte) []string {
	for {
		i := bytes.Index(line, []byte("{{"))
		if i < 0 {
			return out
		}
		if i > 0 && line[i-1] == '\\' {
			line = line[i+2:]
			continue
		}
		end := bytes.Index(line[i+2:], []byte("}}"))
		if end < 0 {
			return out
		}
		expr := string(bytes.TrimSpace(line[i+2 : i+2+end]))
		if _, err := figure.ParseExpr(expr); expr != "" && err == nil {
			out = append(out, expr)
		}
		line = line[i+2+end+2:]
	}
}

// withoutCodeSpans drops the code spans of a line: text between two runs
// of backticks of the same length.
func withoutCodeSpans(line string) string {
	if !strings.Contains(line, "`") {
		return line
	}
	var b strings.Builder
	for {
		i := strings.Index(line, "`")
		if i < 0 {
			b.WriteString(line)
			return b.String()
		}
		n := len(line[i:]) - len(strings.TrimLeft(line[i:], "`"))
		tick := line[i : i+n]
		end := strings.Index(line[i+n:], tick)
		if end < 0 {
			b.WriteString(line)
			return b.String()
		}
		b.WriteString(line[:i])
		line = line[i+n+end+n:]
	}
}
