package site

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/content"
)

// TestEdit checks that Edit gives a site like s but for the edits, whose
// every page, term, year and month is its own (each link between them
// leads to its own), and that s is left as it was.
func TestEdit(t *testing.T) {
	_, _, s := laidOut(t, 60, 3, func(files []*content.File) {
		for k, f := range files[:3] {
			f.Meta.Aliases = []string{fmt.Sprintf("/old/%d/", k)}
		}
	})
	if len(s.Pages) == 0 || len(s.Aliases) == 0 || len(s.Taxonomies) < 2 {
		t.Fatalf("the corpus has %d pages, %d aliases, %d taxonomies: too few to test", len(s.Pages), len(s.Aliases), len(s.Taxonomies))
	}
	before := describe(s)

	same := s.Edit(nil)
	if got := describe(same); got != before {
		t.Errorf("Edit without edits differs:\n%s", diffLines(got, before))
	}
	if !reflect.DeepEqual(same, s) {
		t.Error("Edit without edits is not deeply equal to the site")
	}
	closed(t, "Edit(nil)", same, s)

	i, j := 7, len(s.Articles) // an article, and the first page
	nf := *s.page(i).File
	nf.Meta.Title = " A new title "
	edited := s.Edit(map[int]*content.File{i: &nf, j: s.page(j).File})
	if describe(s) != before {
		t.Error("Edit changed the site it was called on")
	}
	if p := edited.page(i); p.File != &nf || p.Title != "A new title" {
		t.Errorf("the edited article has file %p title %q, want %p and the new title", p.File, p.Title, &nf)
	}
	want := strings.ReplaceAll(before, "«"+s.page(i).Title+"»", "«A new title»")
	if got := describe(edited); got != want {
		t.Errorf("the edited site differs from the site with the new title:\n%s", diffLines(got, want))
	}
	closed(t, "the edited site", edited, s)
}

// describe writes out s: every page with its links, every term, year,
// month and alias with its pages, by title and path.
func describe(s *Site) string {
	var b strings.Builder
	name := func(p *Page) string {
		if p == nil {
			return "-"
		}
		return "«" + p.Title + "»" + p.Path
	}
	for i, p := range append(append([]*Page(nil), s.Articles...), s.Pages...) {
		fmt.Fprintf(&b, "%d %s %s file=%s older=%s newer=%s related=", i, name(p), p.Out, p.File.Path, name(p.Older), name(p.Newer))
		for _, r := range p.Related {
			b.WriteString(name(r) + ",")
		}
		for k, ts := range p.Terms {
			fmt.Fprintf(&b, " terms%d=", k)
			for _, t := range ts {
				b.WriteString(t.Taxonomy.Key + "/" + t.Slug + ",")
			}
		}
		b.WriteString("\n")
	}
	for _, tx := range s.Taxonomies {
		for _, t := range tx.Terms {
			fmt.Fprintf(&b, "term %s/%s %d pagers:", tx.Key, t.Slug, len(t.Pagers))
			for _, p := range t.Articles {
				b.WriteString(" " + name(p))
			}
			b.WriteString("\n")
		}
	}
	for _, t := range s.Tags {
		fmt.Fprintf(&b, "tag %s\n", t.Slug)
	}
	for _, y := range s.Years {
		fmt.Fprintf(&b, "year %d:", y.Year)
		for _, p := range y.Articles {
			b.WriteString(" " + name(p))
		}
		for _, m := range y.Months {
			fmt.Fprintf(&b, "\n month %d:", m.Month)
			for _, p := range m.Articles {
				b.WriteString(" " + name(p))
			}
		}
		b.WriteString("\n")
	}
	for _, a := range s.Aliases {
		fmt.Fprintf(&b, "alias %s -> %s\n", a.From, name(a.To))
	}
	return b.String()
}

// closed checks that every page, term, taxonomy, year and month reached
// from e is one of e's own, and none of s's.
func closed(t *testing.T, what string, e, s *Site) {
	t.Helper()
	own := map[*Page]bool{}
	for _, p := range append(append([]*Page(nil), e.Articles...), e.Pages...) {
		own[p] = true
	}
	old := map[any]bool{}
	for _, p := range append(append([]*Page(nil), s.Articles...), s.Pages...) {
		old[p] = true
	}
	for _, tx := range s.Taxonomies {
		old[tx] = true
		for _, t := range tx.Terms {
			old[t] = true
		}
	}
	for _, y := range s.Years {
		old[y] = true
		for _, m := range y.Months {
			old[m] = true
		}
	}
	check := func(where string, ps ...*Page) {
		for _, p := range ps {
			if p != nil && !own[p] {
				t.Fatalf("%s: %s leads to a page not its own (%s)", what, where, p.Path)
			}
		}
	}
	shared := func(where string, v any) {
		if old[v] {
			t.Fatalf("%s: %s is shared with the site it was made from", what, where)
		}
	}
	for p := range own {
		shared("page "+p.Path, p)
		check("a page's neighbours of "+p.Path, p.Older, p.Newer)
		check("the related articles of "+p.Path, p.Related...)
		for _, ts := range p.Terms {
			for _, tag := range ts {
				shared("a term of "+p.Path, tag)
			}
		}
	}
	for _, tx := range e.Taxonomies {
		shared("taxonomy "+tx.Key, tx)
		for _, tag := range tx.Terms {
			shared("term "+tag.Slug, tag)
			check("the articles of term "+tag.Slug, tag.Articles...)
			if tag.Taxonomy != tx {
				t.Fatalf("%s: term %s belongs to another taxonomy", what, tag.Slug)
			}
		}
	}
	for _, tag := range e.Tags {
		shared("tag "+tag.Slug, tag)
	}
	for _, y := range e.Years {
		shared(fmt.Sprint("year ", y.Year), y)
		check(fmt.Sprint("year ", y.Year), y.Articles...)
		for _, m := range y.Months {
			shared(fmt.Sprint("month ", m.Month), m)
			check(fmt.Sprint("month ", m.Month), m.Articles...)
		}
	}
	for _, a := range e.Aliases {
		check("alias "+a.From, a.To)
	}
}

// diffLines lists the lines of got and want that differ, a few at most.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var out []string
	for k := 0; k < max(len(g), len(w)) && len(out) < 6; k++ {
		var a, b string
		if k < len(g) {
			a = g[k]
		}
		if k < len(w) {
			b = w[k]
		}
		if a != b {
			out = append(out, "got  "+a, "want "+b)
		}
	}
	return strings.Join(out, "\n")
}
