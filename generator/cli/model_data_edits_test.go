package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// The edits of data, templates, static files and site.yaml (see modelSite).

// editChart gives an article's chart another range or another title (so
// another id and chart page), or takes its first chart out or back.
func (m *modelSite) editChart() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	s := m.read(p)
	switch m.r.IntN(3) {
	case 0: // a new title: a new id, so a new chart page (the sitemap lists it)
		i := strings.Index(s, "```chart\ndata: markets\ntitle: ")
		if i < 0 {
			return "", nil
		}
		i += len("```chart\ndata: markets\ntitle: ")
		end := i + strings.IndexByte(s[i:], '\n')
		m.write(p, s[:i]+fmt.Sprintf("%q", fmt.Sprintf("Figure of edit %d", m.n))+s[end:])
		return "chart title of " + p, []string{p}
	case 1: // the first chart out, or back
		if strings.Contains(s, "```text\ndata: ") {
			m.write(p, strings.Replace(s, "```text\ndata: ", "```chart\ndata: ", 1))
		} else if strings.Contains(s, "```chart\ndata: ") {
			m.write(p, strings.Replace(s, "```chart\ndata: ", "```text\ndata: ", 1))
		} else {
			return "", nil
		}
		return "chart in or out of " + p, []string{p}
	}
	i := strings.Index(s, "\nrange: ")
	if i < 0 {
		return "", nil
	}
	end := i + 1 + strings.IndexByte(s[i+1:], '\n')
	ranges := []string{"1y", "3y", "max", "2015..2019", "ytd"}
	m.write(p, s[:i]+"\nrange: "+ranges[m.r.IntN(len(ranges))]+s[end:])
	return "chart of " + p, []string{p}
}

// editMarkets changes the last row of the dataset every chart reads, as
// a day's new data does: every column, now and then to a value below one,
// which turns the outcome of the claims on the last value (newModelSite's
// and editMeta's).
func (m *modelSite) editMarkets() (string, []string) {
	s := strings.TrimSuffix(m.read(corpus.DatasetFile), "\n")
	i := strings.LastIndexByte(s, '\n')
	cells := strings.Split(s[i+1:], ",")
	for c := 1; c < len(cells); c++ {
		cells[c] = fmt.Sprintf("%d.%02d", 90+m.r.IntN(30), m.r.IntN(100))
		if m.r.IntN(3) == 0 {
			cells[c] = fmt.Sprintf("0.%02d", 10+m.r.IntN(90))
		}
	}
	m.write(corpus.DatasetFile, s[:i+1]+strings.Join(cells, ",")+"\n")
	return "data of markets", []string{corpus.DatasetFile}
}

// editLocal changes the CSV one article reads by name, or the nearer one
// when it is there.
func (m *modelSite) editLocal() (string, []string) {
	p := localCSV
	if m.exists(nearerCSV) && m.r.IntN(2) == 0 {
		p = nearerCSV
	}
	if m.isBroken(p) {
		return "", nil
	}
	m.write(p, fmt.Sprintf("date,v\n2020-01-01,%d\n2020-02-01,2\n2020-03-01,%d\n", m.n, m.r.IntN(50)))
	return "data of " + p, []string{p}
}

// shadow adds or removes a CSV nearer the article than the one its name
// found: the name now finds it first.
func (m *modelSite) shadow() (string, []string) {
	if m.isBroken(nearerCSV) {
		return "", nil
	}
	if m.exists(nearerCSV) {
		m.remove(nearerCSV)
		return "remove " + nearerCSV, []string{nearerCSV}
	}
	m.write(nearerCSV, fmt.Sprintf("date,v\n2020-01-01,7\n2020-02-01,8\n2020-03-01,%d\n", m.n))
	return "add " + nearerCSV, []string{nearerCSV}
}

// editDatasets changes the datasets of site.yaml: a dataset named like the
// local CSV (which then stands before it), or the markets dataset's credit.
func (m *modelSite) editDatasets() (string, []string) {
	if m.isBroken("site.yaml") {
		return "", nil
	}
	s := m.read("site.yaml")
	const entry = "\n  local:\n    file: " + extraCSV + "\n    date: date\n    title: \"A dataset named like a CSV\"\n"
	switch {
	case m.r.IntN(2) == 0:
		if i := strings.Index(s, "\n    title: \"Markets "); i >= 0 {
			end := i + 1 + strings.IndexByte(s[i+1:], '\n')
			s = s[:i] + s[end:]
		}
		m.write("site.yaml", strings.Replace(s, "source: \"tearsheet corpus", fmt.Sprintf("title: \"Markets %d\"\n    source: \"tearsheet corpus", m.n), 1))
		return "markets dataset's title", []string{"site.yaml"}
	case strings.Contains(s, entry):
		m.write("site.yaml", strings.Replace(s, entry, "\n", 1))
		return "dataset local removed", []string{"site.yaml"}
	default:
		m.write(extraCSV, fmt.Sprintf("date,v\n2020-01-01,%d\n2020-02-01,11\n2020-03-01,12\n", m.n))
		m.write("site.yaml", strings.TrimRight(s, "\n")+entry)
		return "dataset local added", []string{extraCSV, "site.yaml"}
	}
}

func (m *modelSite) editTemplate() (string, []string) {
	// The figure partial draws every chart's figure: an edit of it
	// converts again the pages with charts (how figures are drawn is
	// what their documents read, builder.drawn).
	p := []string{footer, card, figurePartial}[m.r.IntN(3)]
	if m.isBroken(p) {
		return "", nil
	}
	m.write(p, m.read(p)+fmt.Sprintf("<!-- edit %d -->\n", m.n))
	return "template " + p, []string{p}
}

func (m *modelSite) editCSS() (string, []string) {
	m.write(mainCSS, m.read(mainCSS)+fmt.Sprintf(".edit-%d { color: #111; }\n", m.n))
	return "stylesheet", []string{mainCSS}
}

// editStatic adds, edits or removes a file copied as it is: one of the
// site's static/ folder, or one under content/ outside any bundle (which
// the build finds in its walk of content/).
func (m *modelSite) editStatic() (string, []string) {
	p := staticTxt
	if m.r.IntN(2) == 0 {
		p = contentTxt
	}
	if m.exists(p) && m.r.IntN(2) == 0 {
		m.remove(p)
		return "remove " + p, []string{p}
	}
	m.write(p, fmt.Sprintf("notes %d\n", m.n))
	return "static " + p, []string{p}
}

// editSiteYAML changes a setting other than the datasets, now and then
// the permalink pattern: URLs made of titles, or not.
func (m *modelSite) editSiteYAML() (string, []string) {
	if m.isBroken("site.yaml") {
		return "", nil
	}
	s := m.read("site.yaml")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "title: ") && m.r.IntN(3) == 0:
			lines[i] = fmt.Sprintf("title: \"Corpus Research %d\"", m.n)
		case strings.HasPrefix(l, "perPage: ") && m.r.IntN(3) == 0:
			lines[i] = fmt.Sprintf("perPage: %d", 2+m.r.IntN(4))
		case strings.HasPrefix(l, "feeds: ") && m.r.IntN(3) == 0:
			lines[i] = fmt.Sprintf("feeds: {items: %d}", 1+m.r.IntN(3))
		}
	}
	// URLs made of titles, or not: a new title then moves its article,
	// which a quick build must leave to a full one (site.PathTitle).
	if m.r.IntN(4) == 0 {
		if i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "permalink: ") }); i >= 0 {
			lines = slices.Delete(lines, i, i+1)
		} else {
			lines = slices.Insert(lines, 1, `permalink: "/:year/:title/"`)
		}
	}
	m.write("site.yaml", strings.Join(lines, "\n"))
	return "site.yaml settings", []string{"site.yaml"}
}
