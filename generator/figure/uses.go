package figure

import "sort"

// use records that the page's figures read the data name resolved to the
// file path: a change to either changes the page.
func (p *Page) use(name, path string) {
	if p.uses == nil {
		p.uses = map[string]string{}
	}
	p.uses[name] = path
}

// Use is a data name a page's figures resolved, and the file it resolved to.
type Use struct{ Name, Path string }

// Uses lists the data names the page's figures resolved, sorted by name.
// The page is unchanged while each name resolves to the same file (see
// Set.Resolve) and the file's content is unchanged.
func (p *Page) Uses() []Use {
	out := make([]Use, 0, len(p.uses))
	for n, r := range p.uses {
		out = append(out, Use{n, r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ChartUse is a chart of a page and the datasets of site.yaml it reads.
type ChartUse struct {
	ID       string   // the figure's id on the page
	Title    string   // "" when the chart has none
	Datasets []string // sorted, each once
	// Sum identifies the chart's settings: the SHA-256, in hex, of its
	// spec as parsed (SpecSum), so that moving the block or changing the
	// YAML's layout leaves it alone. figures.lock keeps it for each chart
	// of a published article.
	Sum string
}

// ChartUses lists the page's charts in order, with the datasets each reads.
func (p *Page) ChartUses() []ChartUse { return p.chartUses }

// UsesInline reports whether the page's inline figures read the data
// name (InlineUses holds it).
func (p *Page) UsesInline(name string) bool { return p.inline[name] }

// InlineUses lists the data names the page's inline figures read, sorted.
func (p *Page) InlineUses() []string {
	out := make([]string, 0, len(p.inline))
	for n := range p.inline {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// CacheKeys returns the keys of the chart cache the page's charts read
// (or missed, then wrote): a build that takes the page whole from an
// earlier build marks them used (Set.Mark), so that trimming the cache
// keeps them.
func (p *Page) CacheKeys() []string { return p.cacheKeys }

// Restore makes the figures of a page that a build took whole from an
// earlier build (see Uses, ChartUses, InlineUses and Exprs): they say what
// it reads, computes and draws, and hold no files (nor Charts: see the
// page cache).
func Restore(firstPNG string, uses []Use, charts []ChartUse, inline, exprs []string) *Page {
	p := &Page{FirstPNG: firstPNG, chartUses: charts}
	for _, e := range exprs {
		p.notes = append(p.notes, Note{Expr: e})
	}
	for _, u := range uses {
		p.use(u.Name, u.Path)
	}
	for _, n := range inline {
		p.useInline(n)
	}
	return p
}

func (p *Page) useInline(name string) {
	if p.inline == nil {
		p.inline = map[string]bool{}
	}
	p.inline[name] = true
}
