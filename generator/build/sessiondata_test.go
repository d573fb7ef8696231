package build

import (
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestSessionDataArrives: a page whose figure names data that is not there
// fails the build; once the data file is added, and the page left as it
// was, the next build converts it again and succeeds. Its error was of
// a name its figures could not resolve, which the page's query does not
// record as read (query.Transient), so it must not be kept.
func TestSessionDataArrives(t *testing.T) {
	dir := chartSite(t, 6, 5)
	e := editor{t, dir}
	post := corpus.PostPath(2)
	const data = "content/data/later.csv"
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"names data not there", func() { e.edit(post, "\n## ", "\nLast seen at {{ later.v | last }}.\n\n## ") }, []string{post}, `data "later" not found`, true},
		{"data added", func() { e.put(data, "date,v\n2024-01-31,1.5\n2024-02-29,2.25\n") }, []string{data}, "", false},
		{"data changed", func() { e.put(data, "date,v\n2024-01-31,1.5\n2024-02-29,3.75\n") }, []string{data}, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, map[string][2]int{"data added": {1, -2}, "data changed": {1, -2}})
}

// TestSessionThemeBrokenThenFixed: a template that does not parse fails
// the build; once it is fixed, the next build converts again the pages
// with charts (six of the seven: how their charts are drawn is what the
// theme's sum changed), as a fresh build draws them.
func TestSessionThemeBrokenThenFixed(t *testing.T) {
	dir := chartSite(t, 6, 5)
	e := editor{t, dir}
	const base = "themes/default/templates/base.html"
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"theme broken", func() { e.edit(base, "</html>", "{{ if }}</html>") }, []string{base}, "base.html", false},
		{"theme fixed", func() { e.edit(base, "{{ if }}</html>", "\n</html>") }, []string{base}, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, map[string][2]int{"theme fixed": {6, -2}})
}
