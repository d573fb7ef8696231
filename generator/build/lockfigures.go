package build

import (
	"bytes"
	"fmt"
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
