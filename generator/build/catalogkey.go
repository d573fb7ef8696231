package build

import (
	"slices"
	"strconv"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file keys the data catalogue by what it shows. Each dataset's view
// without its users is keyed as a page's data is (viewHasher), and each
// user by what dataUse reads of it (keyDataUse); the catalogue's index is
// keyed by them all, each page of a dataset's users by the dataset's key,
// its place and its users' keys. A Session keeps the catalogue it made
// and makes again only the users and datasets whose keys changed: at
// 10,000 articles that read one dataset, a new title makes one user's
// view and entry in data.json again, and one page of the dataset's 1,000.
// The same keys find the catalogue's pages in either store (fromKey), so
// a page's data is made only when the page is.

// fill fills in k, which holds every dataset's view as datasetHead made
// it from srcs (its errors in errs) and its users, from the catalogue a
// Session kept: the same catalogue when its keys are k's; else each
// dataset whose key is the same keeps what its table and preview showed
// and its entry in data.json, and each user whose key is the same its
// view and entry. The rest it makes (datasetBody, headJSON, dataUse,
// usageJSON). It returns the catalogue, which the Session keeps.
func (b *builder) fill(k *catalogueKept, srcs []figure.Source) (*catalogueKept, error) {
	k.keys(b)
	old := b.cache.keptCatalogue()
	if old != nil && k.sum != (key{}) && old.sum == k.sum {
		// The same datasets and users, perhaps at other places.
		kept := *old
		kept.users = k.users
		return &kept, nil
	}
	all := b.all()
	var charts *chart.Renderer
	n := len(k.sets)
	k.head, k.usedBy, k.files = make([][]byte, n), make([][][]byte, n), make([][]file, n)
	for n, d := range k.sets {
		var wasUsers map[key]int // by key, the place of each user kept
		on := old.find(d.Name)
		if on >= 0 && k.sum != (key{}) {
			if old.setKeys[on] == k.setKeys[n] {
				// What its table and preview show, and its entry.
				was := *old.sets[on]
				d, k.sets[n] = &was, &was
				k.head[n], k.files[n], k.errs[n] = old.head[on], old.files[on], old.errs[on]
			}
			wasUsers = make(map[key]int, len(old.userKeys[on]))
			for j, uk := range old.userKeys[on] {
				wasUsers[uk] = j
			}
		}
		if k.head[n] == nil {
			if k.errs[n] == nil {
				if charts == nil {
					charts = chart.NewRenderer()
				}
				k.files[n], k.errs[n] = b.datasetBody(d, srcs[n], charts)
			}
			head, err := headJSON(b, d)
			if err != nil {
				return nil, err
			}
			k.head[n] = head
		}
		users := k.users[n]
		d.Articles, d.Users = make([]render.DataUseView, len(users)), len(users)
		k.usedBy[n] = make([][]byte, len(users))
		for j, i := range users {
			if at, ok := wasUsers[k.userKey(n, j)]; ok {
				d.Articles[j], k.usedBy[n][j] = old.sets[on].Articles[at], old.usedBy[on][at]
				continue
			}
			d.Articles[j] = b.dataUse(d.Name, all[i], b.pageFig[i])
			js, err := usageJSON(b, d.Articles[j])
			if err != nil {
				return nil, err
			}
			k.usedBy[n][j] = js
		}
	}
	k.data = k.dataJSON()
	b.cache.keepCatalogue(k)
	return k, nil
}

// keys makes k's keys, without a store none.
func (k *catalogueKept) keys(b *builder) {
	vh := b.hasher()
	k.setKeys, k.userKeys = make([]key, len(k.sets)), make([][]key, len(k.sets))
	if vh == nil {
		return
	}
	all := b.all()
	whole := newEncoder("catalogue")
	e := newEncoder("user")
	for n, d := range k.sets {
		sk, ok := vh.sumOnce("dataset", d) // as datasetHead made it
		if !ok {
			k.sum = key{}
			return
		}
		e.key(sk)
		e.str(b.drawn) // how the preview is drawn
		if err := k.errs[n]; err != nil {
			e.str(err.Error())
		}
		k.setKeys[n] = e.sum()
		whole.key(k.setKeys[n])
		k.userKeys[n] = make([]key, len(k.users[n]))
		whole.num(uint64(len(k.users[n])))
		for j, i := range k.users[n] {
			keyDataUse(e, d.Name, all[i], b.pageFig[i])
			k.userKeys[n][j] = e.sum()
			whole.key(k.userKeys[n][j])
		}
	}
	k.sum = whole.sum()
}

// userKey is the key of user j of dataset n; zero without keys.
func (k *catalogueKept) userKey(n, j int) key {
	if k.sum == (key{}) {
		return key{}
	}
	return k.userKeys[n][j]
}

// find returns the place of the dataset name in k, or -1 (a nil k holds
// none).
func (k *catalogueKept) find(name string) int {
	if k == nil {
		return -1
	}
	return slices.IndexFunc(k.sets, func(d *render.DatasetView) bool { return d.Name == name })
}

// pageFrom is the key of what page pg of dataset n's users shows: the
// dataset and how many users it has, the page's place, and its users;
// zero without keys.
func (k *catalogueKept) pageFrom(n int, pg site.Pager) key {
	if k.sum == (key{}) {
		return key{}
	}
	e := newEncoder("dataset page")
	e.key(k.setKeys[n])
	e.num(uint64(len(k.users[n])))
	e.str(pg.Path)
	for _, x := range []int{pg.Number, pg.Total, pg.Lo, pg.Hi} {
		e.num(uint64(x))
	}
	e.str(pg.First)
	e.str(pg.Last)
	e.str(pg.Prev)
	e.str(pg.Next)
	for _, uk := range k.userKeys[n][pg.Lo:pg.Hi] {
		e.key(uk)
	}
	return e.sum()
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

// catalogueEntry is the data catalogue a Session made last.
type catalogueEntry struct{ kept *catalogueKept }

// keptCatalogue returns the data catalogue a Session made last, or nil.
func (c *caches) keptCatalogue() *catalogueKept {
	if c == nil {
		return nil
	}
	s, _ := c.store.GetIf(pathKey("catalogue", ""), func(s stored) bool { return s.cat != nil })
	if s.cat == nil {
		return nil
	}
	return s.cat.kept
}

// keepCatalogue keeps k, which a Session made, in place of the last.
func (c *caches) keepCatalogue(k *catalogueKept) {
	if c != nil && k.sum != (key{}) {
		c.store.Keep(pathKey("catalogue", ""), stored{cat: &catalogueEntry{kept: k}})
	}
}
