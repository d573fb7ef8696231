package site

import (
	"slices"

	"github.com/tearsheet/tearsheet/generator/content"
)

// Edit returns a copy of s, sharing nothing s's users may change, in which
// some pages have another source file, and the title it gives: files are
// keyed by a page's place in Articles then Pages. It lays out nothing
// again: it is for edits that leave the layout as it was (the caller
// knows; a new title must keep the page's URL, see PathTitle). s itself is
// unchanged, so a build that fails after Edit still has the site it
// started from.
func (s *Site) Edit(files map[int]*content.File) *Site {
	n := *s
	na := len(s.Articles)
	all := make([]Page, na+len(s.Pages))
	// at is the copy of p, an article or a page of s.
	at := func(p *Page) *Page {
		if p == nil {
			return nil
		}
		if p.Index < na && s.Articles[p.Index] == p {
			return &all[p.Index]
		}
		return &all[na+p.Index]
	}
	// The lists of pages and of terms are cut from one backing array
	// each, as site.New's are: tens of thousands of small lists.
	var pageBack []*Page
	pages := func(ps []*Page) []*Page { return remap(&pageBack, ps, at) }
	n.Articles, n.Pages = make([]*Page, na), make([]*Page, len(s.Pages))
	for i, p := range slices.Concat(s.Articles, s.Pages) {
		all[i] = *p
		if i < na {
			n.Articles[i] = &all[i]
		} else {
			n.Pages[i-na] = &all[i]
		}
	}
	// Terms: each taxonomy and term anew, with its articles.
	terms := map[*Tag]*Tag{}
	n.Taxonomies = make([]*Taxonomy, len(s.Taxonomies))
	for k, tx := range s.Taxonomies {
		ntx := &Taxonomy{Taxonomy: tx.Taxonomy, Terms: make([]*Tag, len(tx.Terms))}
		for j, t := range tx.Terms {
			nt := *t
			nt.Taxonomy, nt.Articles = ntx, pages(t.Articles)
			ntx.Terms[j], terms[t] = &nt, &nt
		}
		n.Taxonomies[k] = ntx
	}
	var tagBack []*Tag
	tags := func(ts []*Tag) []*Tag { return remap(&tagBack, ts, func(t *Tag) *Tag { return terms[t] }) }
	var termBack [][]*Tag
	n.Tags = tags(s.Tags)
	for i := range all {
		p := &all[i]
		p.Older, p.Newer, p.Related = at(p.Older), at(p.Newer), pages(p.Related)
		if p.Terms != nil {
			p.Terms = cut(&termBack, len(p.Terms))
			for k, ts := range s.page(i).Terms {
				p.Terms[k] = tags(ts)
			}
			p.Tags = p.Terms[0]
		}
		p.Revisions = slices.Clip(p.Revisions) // an append makes its own
	}
	n.Years = make([]*Year, len(s.Years))
	for k, y := range s.Years {
		ny := *y
		ny.Articles, ny.Months = pages(y.Articles), make([]*Month, len(y.Months))
		for j, m := range y.Months {
			nm := *m
			nm.Articles = pages(m.Articles)
			ny.Months[j] = &nm
		}
		n.Years[k] = &ny
	}
	n.Aliases = slices.Clone(s.Aliases)
	for k := range n.Aliases {
		n.Aliases[k].To = at(n.Aliases[k].To)
	}
	// The warnings of merged terms name the lines of the files, edited
	// or not: they are made again.
	n.Warnings = slices.Clip(s.Warnings[:len(s.Warnings)-len(s.merges)])
	n.merges = nil // nil, not empty, as New leaves a site without merges
	for _, m := range s.merges {
		pages := make([]*Page, len(m.pages))
		for j, p := range m.pages {
			pages[j] = at(p)
		}
		n.merges = append(n.merges, &merge{name: m.name, t: terms[m.t], pages: pages})
	}
	// outputs is shared: only New claims outputs, and an edit keeps every
	// URL (PathTitle), so nothing changes it once New returns.
	n.outputs = s.outputs
	for i, f := range files {
		all[i].File, all[i].Title = f, titleOf(f)
	}
	n.mergeWarnings()
	return &n
}

// remap returns the list of f of each of xs, cut from *back; nil for nil.
func remap[T any](back *[]T, xs []T, f func(T) T) []T {
	if xs == nil {
		return nil
	}
	out := cut(back, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// cut returns a list of n taken from *back, a backing array that it
// makes anew when fewer than n are left.
func cut[T any](back *[]T, n int) []T {
	if len(*back) < n {
		*back = make([]T, max(n, 4096))
	}
	out := (*back)[:n:n]
	*back = (*back)[n:]
	return out
}

// page is the page at i of Articles then Pages.
func (s *Site) page(i int) *Page {
	if i < len(s.Articles) {
		return s.Articles[i]
	}
	return s.Pages[i-len(s.Articles)]
}
