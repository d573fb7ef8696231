package build

import (
	"slices"
	"strconv"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file keys the data catalogue by what it shows, so that a build
// whose datasets and users show the same as the last build's takes the
// catalogue it kept (a Session) and its pages (every build with a store)
// without making them: at 10,000 articles that read one dataset, making
// the catalogue's views, data.json and the keys of its 1,001 pages was a
// third of a Session's full build.

// catalogueKey makes the key of what the data catalogue shows: each
// dataset's view without its users (walked by viewHasher, as a page's
// data is), and what datasetUsers reads of each user. A build without a
// store (vh nil) gets the zero key.
type catalogueKey struct {
	b   *builder
	all []*site.Page
	vh  *viewHasher
	e   *encoder
}

func (b *builder) newCatalogueKey() *catalogueKey {
	ck := &catalogueKey{b: b, vh: b.hasher()}
	if ck.vh != nil {
		ck.all, ck.e = b.all(), newEncoder("catalogue")
	}
	return ck
}

// dataset adds the dataset name, whose view is d (without its users:
// datasetUsers has not filled it in), and its users, indices in b.all().
func (ck *catalogueKey) dataset(d *render.DatasetView, name string, users []int) {
	if ck.e == nil {
		return
	}
	k, ok := ck.vh.sumOnce("dataset", d)
	if !ok {
		ck.e = nil
		return
	}
	ck.e.key(k)
	ck.e.num(uint64(len(users)))
	for _, i := range users {
		keyDataUse(ck.e, name, ck.all[i], ck.b.pageFig[i])
	}
}

// sum returns the key, or zero.
func (ck *catalogueKey) sum() key {
	if ck.e == nil {
		return key{}
	}
	return ck.e.sum()
}

// keyDataUse writes what dataUse reads of p, whose figures are pf, as a
// user of the dataset name: the two change together.
func keyDataUse(e *encoder, name string, p *site.Page, pf *figure.Page) {
	e.str(p.Title)
	e.str(p.Path)
	e.flag(p.File.Kind == content.Article)
	e.time(p.Date)
	e.flag(pf.UsesInline(name))
	for n, c := range pf.ChartUses() {
		if slices.Contains(c.Datasets, name) {
			e.num(uint64(n))
			e.str(c.ID)
			e.str(c.Title)
		}
	}
	e.num(uint64(len(pf.ChartUses()))) // the end of the charts
}

// dataUse is p, whose figures are pf, as a user of the dataset name.
func (b *builder) dataUse(name string, p *site.Page, pf *figure.Page) render.DataUseView {
	u := render.DataUseView{Title: p.Title, URL: b.cfg.RelURL(p.Path), Inline: pf.UsesInline(name)}
	if p.File.Kind == content.Article {
		u.Date = p.Date
	}
	for n, c := range pf.ChartUses() {
		if !slices.Contains(c.Datasets, name) {
			continue
		}
		title := c.Title
		if title == "" {
			title = "Chart " + strconv.Itoa(n+1)
		}
		u.Charts = append(u.Charts, render.LinkView{Name: title, URL: u.URL + "#" + c.ID})
	}
	return u
}

// datasetUsers makes the views of the users of the dataset name (usersOf),
// with their charts that read it.
func (b *builder) datasetUsers(name string, users []int) []render.DataUseView {
	all := b.all()
	out := make([]render.DataUseView, 0, len(users))
	for _, i := range users {
		out = append(out, b.dataUse(name, all[i], b.pageFig[i]))
	}
	return out
}

// catalogueEntry is the data catalogue a Session made, with the key of
// what it shows (catalogueKey) and data.json.
type catalogueEntry struct {
	from key
	kept *catalogueKept
	data []byte
}

// keptCatalogue returns the catalogue an earlier build made showing what
// k stands for, with its data.json; nil without.
func (c *caches) keptCatalogue(k key) (*catalogueKept, []byte) {
	if c == nil || k == (key{}) {
		return nil, nil
	}
	s, ok := c.store.GetIf(pathKey("catalogue", ""), func(s stored) bool { return s.cat != nil && s.cat.from == k })
	if !ok {
		return nil, nil
	}
	return s.cat.kept, s.cat.data
}

// keepCatalogue keeps kept, with its data.json, as showing what k stands
// for, and returns data.json.
func (c *caches) keepCatalogue(k key, kept *catalogueKept, data []byte) []byte {
	if c != nil && k != (key{}) {
		c.store.Keep(pathKey("catalogue", ""), stored{cat: &catalogueEntry{from: k, kept: kept, data: data}})
	}
	return data
}
