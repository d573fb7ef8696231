package figure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/render"
)

// maxIDLen is the longest id a chart's title gives; a longer slug is cut
// at a dash.
const maxIDLen = 48

// chartID returns the id of a chart of the page: its explicit id, else
// one derived from its title (else subtitle, caption, or data and
// columns), never from its position, so that inserting text or charts
// above a chart keeps its id, its page's URL and its files' names. A
// derived id already taken on the page, by another chart or by an
// element the theme's page around the article gives (render.PageIDs: a
// chart titled "Disclosures" beside the article's disclosures, "Main"
// beside the skip link's target), gets -2, -3… in the order the charts
// appear; two charts with the same explicit id, an explicit id that an
// earlier chart's title gave, or one of the page's, are an error.
func (p *Page) chartID(sp *Spec, line int) (string, error) {
	if p.ids == nil {
		p.ids = map[string]int{}
	}
	if sp.ID != "" {
		idLine := line // the line of id:, which the messages name
		if l := sp.keyLine("id"); l > 0 {
			idLine = line + l
		}
		if !idRe.MatchString(sp.ID) {
			return "", fmt.Errorf("%s:%d: chart: id %q may hold only lower-case letters, digits and dashes, starting with a letter", p.file, idLine, sp.ID)
		}
		if slices.Contains(render.PageIDs(), sp.ID) {
			return "", fmt.Errorf("%s:%d: chart: id %q is the id of an element of the page around the article (the theme's ids are %s): give the chart another id", p.file, idLine, sp.ID, strings.Join(render.PageIDs(), ", "))
		}
		if at, ok := p.ids[sp.ID]; ok {
			return "", fmt.Errorf("%s:%d: chart: id %q is also the id of the chart at line %d: give each chart its own id", p.file, idLine, sp.ID, at)
		}
		if out, src := p.clash(sp.ID); src != "" {
			return "", fmt.Errorf("%s:%d: chart: id %q would write %s, which %s takes: give the chart another id, or rename the file", p.file, idLine, sp.ID, out, src)
		}
		p.ids[sp.ID] = line
		return sp.ID, nil
	}
	base := Slug(idSource(sp))
	id := base
	for n := 2; ; n++ {
		_, used := p.ids[id]
		used = used || slices.Contains(render.PageIDs(), id)
		if _, src := p.clash(id); !used && src == "" {
			break
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
	p.ids[id] = line
	return id, nil
}

// clash returns an output the chart id would write (its CSV, its PNG, its
// page) that another file takes (see Reserve), and that file; "" for none.
func (p *Page) clash(id string) (out, src string) {
	if len(p.taken) == 0 {
		return "", ""
	}
	for _, name := range []string{id + ".csv", id + ".png", ChartPage(id), "charts/" + id + "/embed/index.html"} {
		out, _ := p.place(name)
		if src, ok := p.taken[out]; ok {
			return out, src
		}
	}
	return "", ""
}

// idSource is the text a chart without an explicit id takes its id from.
func idSource(sp *Spec) string {
	for _, s := range []string{sp.Title, sp.Subtitle, sp.Caption} {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	parts := []string{sp.Data}
	for _, s := range sp.Series {
		parts = append(parts, s.Data, s.Column)
	}
	return strings.Join(parts, " ")
}

// Slug makes an id of text: lower-case ASCII letters and digits, letters
// with diacritics as their base letter (content.FoldAccents: "Écarts de
// taux" is ecarts-de-taux, not carts-de-taux), other runs of characters as
// one dash, at most 48 characters (cut at a dash), starting with a letter
// ("chart-" is put before one that would not).
func Slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(content.FoldAccents(text)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > maxIDLen {
		s = s[:maxIDLen]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		s = strings.TrimSuffix("chart-"+s, "-")
	}
	return s
}
