package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/fetch"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file makes the data catalogue: /data/ lists every dataset of
// site.yaml, /data/NAME/ shows one (where it comes from, its license, the
// SHA-256 of the file read, its rows and dates, a preview chart, and the
// articles and charts that read it), and /data/data.json says the same for
// programs. Each chart's source line links to its datasets' pages.

// previewID is the id of a dataset page's preview chart, and the name of its
// CSV file beside the page (preview.csv).
const previewID = "preview"

// previewHeight is the drawing height of a preview chart, in px.
const previewHeight = 240

// catalogue is what the data catalogue adds to a build.
type catalogue struct {
	jobs     []job
	files    []file
	warnings []string // unused datasets
}

// catalogue makes the data catalogue from the build's figures (b.pageFig,
// index-aligned with b.all()): nothing when site.yaml names no dataset. A
// dataset's page lists its users perPage at a time, as tag pages list
// articles (site.Paginate): the facts and preview on the first page, the
// next users at /data/NAME/page/N/. With want, only the dataset pages whose
// users (indices in b.all()) it says yes to are made; the index and
// data.json always are. It sets v.dataPagers.
func (b *builder) catalogue(v *views, want func(users []int) bool) (*catalogue, error) {
	names := b.cfg.DatasetNames()
	c := &catalogue{}
	v.dataPagers = nil
	if len(names) == 0 || b.figures == nil {
		return c, nil
	}
	var sets []*render.DatasetView
	var users [][]int
	charts := chart.NewRenderer()
	for _, name := range names {
		d, files, err := b.dataset(name, charts)
		if d == nil {
			return nil, err
		}
		idx := b.usersOf(name)
		d.Articles, d.Users = b.datasetUsers(name, idx), len(idx)
		if err != nil && !d.Unavailable {
			c.warnings = append(c.warnings, b.cfg.DatasetError(name, err).Error())
		}
		if len(d.Articles) == 0 {
			msg := "not used by any article or page: use it in a chart (data: " + name + ") or an inline figure ({{ " + name + ".column }}), or remove it"
			if err != nil && d.Unavailable {
				// Its data cannot be read, which only a page that used it
				// would have failed on: a dataset declared for later.
				why := strings.TrimPrefix(err.Error(), fmt.Sprintf("%s:%d: ", b.cfg.File, b.cfg.Datasets[name].Line))
				msg += "; its data cannot be read yet (" + why + ")"
			}
			c.warnings = append(c.warnings, b.cfg.DatasetError(name, errors.New(msg)).Error())
		}
		sets, users = append(sets, d), append(users, idx)
		c.files = append(c.files, files...)
	}
	v.dataPagers = b.dataPagers(users)
	if err := b.claimDataPages(v.dataPagers); err != nil {
		return nil, err
	}
	index := &render.Data{Site: v.sv, Datasets: sets, Page: v.meta("data", "Data",
		"Every dataset behind the research: where it comes from, its license, rows and dates, and the articles that use it.", site.DataPath)}
	c.jobs = append(c.jobs, job{out: site.OutFile(site.DataPath), kind: "data", data: index})
	for k, d := range sets {
		desc := fmt.Sprintf("The dataset %s: %d rows from %s to %s.", d.Title, d.Rows, d.First.Format("January 2006"), d.Last.Format("January 2006"))
		if d.Source != "" {
			desc += " Source: " + d.Source + "."
		}
		for _, pg := range v.dataPagers[k] {
			if want != nil && !want(users[k][pg.Lo:pg.Hi]) {
				continue
			}
			c.jobs = append(c.jobs, job{out: pg.Out, kind: "dataset", data: v.datasetPage(d, desc, pg)})
		}
	}
	js, err := dataJSON(b, sets)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", site.DataIndex, err)
	}
	c.files = append(c.files, file{out: site.DataIndex, data: js})
	return c, nil
}

// dataPagers splits each dataset's users (index-aligned with
// cfg.DatasetNames()) into the pages of its catalogue page.
func (b *builder) dataPagers(users [][]int) [][]site.Pager {
	out := make([][]site.Pager, len(users))
	for k, name := range b.cfg.DatasetNames() {
		out[k] = site.Paginate(len(users[k]), b.cfg.PerPage, site.DatasetPath(name))
	}
	return out
}

// claimDataPages fails when a page of the site (or an alias) writes a page
// of a dataset's users past the first, which the site's layout cannot
// claim: how many there are is known once the pages' figures are.
func (b *builder) claimDataPages(pagers [][]site.Pager) error {
	var errs []error
	for k, name := range b.cfg.DatasetNames() {
		for _, pg := range pagers[k][1:] {
			if prev := b.site.Owner(pg.Out); prev != "" {
				errs = append(errs, fmt.Errorf("the data catalogue's page %d of dataset %q: output %s is also written by %s: give it another slug or alias", pg.Number, name, pg.Out, prev))
			}
		}
	}
	return errors.Join(errs...)
}

// datasetPage is the data of one page of a dataset's catalogue page: d
// with the users of pg only, and the links to the other pages.
func (v *views) datasetPage(d *render.DatasetView, desc string, pg site.Pager) *render.Data {
	page := *d
	page.Articles = d.Articles[pg.Lo:pg.Hi]
	l := &render.ListView{Title: d.Title, Number: pg.Number, Total: pg.Total, First: v.cfg.RelURL(pg.First)}
	if pg.Prev != "" {
		l.Prev = v.cfg.RelURL(pg.Prev)
	}
	if pg.Next != "" {
		l.Next = v.cfg.RelURL(pg.Next)
	}
	title := d.Title
	if pg.Number > 1 {
		title += " · page " + strconv.Itoa(pg.Number)
	}
	return &render.Data{Site: v.sv, Dataset: &page, List: l, Page: v.meta("dataset", title, desc, pg.Path)}
}

// dataset makes the view of one dataset without its users, and its preview
// chart's files. When its data cannot be read, the view says so
// (Unavailable) and err says why; a nil view is an error of the build.
func (b *builder) dataset(name string, charts *chart.Renderer) (d *render.DatasetView, files []file, err error) {
	cfg := b.cfg.Datasets[name]
	d = &render.DatasetView{
		Name: name, Title: cfg.Title, URL: b.cfg.RelURL(site.DatasetPath(name)),
		Source: cfg.Source, License: cfg.License, File: cfg.File, Illustrative: cfg.Illustrative,
	}
	if d.Title == "" {
		d.Title = name
	}
	switch {
	case cfg.FRED != "":
		d.Origin, d.OriginURL = "The FRED series "+cfg.FRED, b.cfg.SourceURL(cfg)
	case cfg.URL != "":
		d.Origin, d.OriginURL = "A CSV fetched from its URL", b.cfg.SourceURL(cfg)
	case cfg.Command != "":
		d.Origin = "A data loader (a command run at build time)"
	default:
		d.Origin = "A file of the site"
	}
	st := b.figures.Store()
	src, err := st.Resolve(name, ConfigFile)
	var t *data.Table
	if err == nil {
		d.File = src.Path
		if _, d.SHA256, err = st.File(src.Path); err == nil {
			t, err = st.Table(src)
		}
	}
	if err != nil {
		d.Unavailable = true
		return d, nil, err
	}
	d.Rows, d.Columns = t.Len(), t.Columns
	if t.Len() > 0 {
		d.First, d.Last = t.Dates[0], t.LastDate()
	}
	if cfg.Remote() && src.Path != cfg.File {
		// Read from the fetch stage's cache: NAME.json says when.
		if js, err := fs.ReadFile(b.fsys, path.Join(figure.CacheDir, name+".json")); err == nil {
			var m fetch.Meta
			if json.Unmarshal(js, &m) == nil {
				d.Fetched = m.FetchedAt.UTC()
			}
		}
	}
	if len(t.Columns) == 0 {
		return d, nil, nil
	}
	// The preview is a chart like any other, of the first column, through
	// the same figure code and partials/figure.html.
	out := site.OutDir(site.DatasetPath(name))
	pf := b.figures.Page(ConfigFile, charts, false, func(f string) (string, string) {
		if strings.HasPrefix(f, "charts/") {
			return out + f, "" // only articles' charts have pages of their own
		}
		return out + f, b.cfg.RelURL("/" + out + f)
	})
	spec, err := json.Marshal(map[string]any{
		"data": name, "id": previewID, "height": previewHeight, "table": false,
		"title": t.Columns[0], "subtitle": "The first column of the data, as a preview",
		"series": []map[string]string{{"column": t.Columns[0]}},
	})
	if err != nil {
		return nil, nil, err
	}
	html, err := pf.Chart(spec, cfg.Line)
	if err != nil {
		// The page shows the facts without a preview; the build warns.
		return d, nil, fmt.Errorf("the data catalogue has no preview chart of it: %w", err)
	}
	d.Preview = template.HTML(html)
	for _, f := range pf.Files {
		files = append(files, file{out: f.Out, data: f.Data})
	}
	return d, files, nil
}

// usersOf lists the articles and pages (indices in b.all()) whose figures
// read the dataset name, in the order of the site.
func (b *builder) usersOf(name string) []int {
	var out []int
	for i, pf := range b.pageFig {
		if pf == nil {
			continue
		}
		uses := slices.Contains(pf.InlineUses(), name) || slices.ContainsFunc(pf.ChartUses(), func(c figure.ChartUse) bool {
			return slices.Contains(c.Datasets, name)
		})
		if uses {
			out = append(out, i)
		}
	}
	return out
}

// datasetUsers makes the views of the users of the dataset name (usersOf),
// with their charts that read it.
func (b *builder) datasetUsers(name string, users []int) []render.DataUseView {
	all := b.all()
	out := make([]render.DataUseView, 0, len(users))
	for _, i := range users {
		p, pf := all[i], b.pageFig[i]
		u := render.DataUseView{Title: p.Title, URL: b.cfg.RelURL(p.Path), Inline: slices.Contains(pf.InlineUses(), name)}
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
		out = append(out, u)
	}
	return out
}

// dataEntry is one dataset in data.json.
type dataEntry struct {
	Name         string      `json:"name"`
	Title        string      `json:"title"`
	URL          string      `json:"url"`
	Source       string      `json:"source"`
	License      string      `json:"license"`
	Origin       string      `json:"origin"`
	OriginURL    string      `json:"originURL,omitempty"`
	File         string      `json:"file"`
	SHA256       string      `json:"sha256"`
	Rows         int         `json:"rows"`
	Columns      []string    `json:"columns"`
	First        string      `json:"first"`
	Last         string      `json:"last"`
	Fetched      *time.Time  `json:"fetched"` // null: a committed copy
	Illustrative bool        `json:"illustrative"`
	Available    bool        `json:"available"` // false: its data could not be read (the build warns)
	UsedBy       []dataUsage `json:"usedBy"`
}

// dataUsage is an article or page that reads a dataset, in data.json.
type dataUsage struct {
	Title  string   `json:"title"`
	URL    string   `json:"url"`
	Date   string   `json:"date,omitempty"`
	Charts []string `json:"charts"` // URLs of its charts that read the dataset
	Inline bool     `json:"inline"`
}

// dataJSON is data.json: the catalogue's facts, by name, with absolute
// URLs. Dates are YYYY-MM-DD; fetched is RFC 3339 in UTC.
func dataJSON(b *builder, sets []*render.DatasetView) ([]byte, error) {
	abs := func(u string) string { return b.cfg.AbsURL(trimBase(b.cfg.BasePath(), u)) }
	out := struct {
		Datasets []dataEntry `json:"datasets"`
	}{Datasets: []dataEntry{}}
	for _, d := range sets {
		e := dataEntry{
			Name: d.Name, Title: d.Title, URL: abs(d.URL), Source: d.Source, License: d.License,
			Origin: d.Origin, OriginURL: d.OriginURL, File: d.File, SHA256: d.SHA256, Rows: d.Rows,
			Columns: append([]string{}, d.Columns...), First: day(d.First), Last: day(d.Last), Illustrative: d.Illustrative,
			Available: !d.Unavailable, UsedBy: []dataUsage{},
		}
		if !d.Fetched.IsZero() {
			f := d.Fetched
			e.Fetched = &f
		}
		for _, u := range d.Articles {
			du := dataUsage{Title: u.Title, URL: abs(u.URL), Charts: []string{}, Inline: u.Inline}
			if !u.Date.IsZero() {
				du.Date = day(u.Date)
			}
			for _, c := range u.Charts {
				du.Charts = append(du.Charts, abs(c.URL))
			}
			e.UsedBy = append(e.UsedBy, du)
		}
		out.Datasets = append(out.Datasets, e)
	}
	js, err := json.MarshalIndent(out, "", "  ")
	return append(js, '\n'), err
}

// trimBase turns a URL under the base path back into a site path.
func trimBase(base, u string) string {
	if len(u) >= len(base) && u[:len(base)] == base {
		return "/" + u[len(base):]
	}
	return u
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// catalogueOuts lists the output files of the data catalogue, whose
// datasets' pages are pagers (index-aligned with names).
func catalogueOuts(names []string, pagers [][]site.Pager) []string {
	if len(names) == 0 {
		return nil
	}
	out := []string{site.OutFile(site.DataPath), site.DataIndex}
	for k, n := range names {
		out = append(out, site.OutFile(site.DatasetPath(n)), site.OutDir(site.DatasetPath(n))+previewID+".csv")
		if k < len(pagers) {
			for _, pg := range pagers[k][1:] {
				out = append(out, pg.Out)
			}
		}
	}
	return out
}

// quickCatalogue makes the data catalogue again in a Session's quick build
// when what it shows of the edited pages changed (old holds their figures
// in the last build): the datasets their charts and inline figures read,
// their charts' ids and titles (all of the catalogue is made again), or
// the titles of those that read data (retitled: the index, data.json and
// only the dataset pages that list them). Else it returns nothing, and the
// last build's catalogue files and warnings stand.
func (b *builder) quickCatalogue(v *views, old []*figure.Page, only []int, retitled map[int]bool) ([]job, []file, error) {
	same, titles := true, false
	for _, i := range only {
		o, n := old[i], b.pageFig[i]
		if retitled[i] && (usesData(o) || usesData(n)) {
			titles = true
		}
		if (o == nil) != (n == nil) || o != nil && (!slices.EqualFunc(o.ChartUses(), n.ChartUses(), sameChartUse) || !slices.Equal(o.InlineUses(), n.InlineUses())) {
			same = false
		}
	}
	if same && !titles {
		return nil, nil, nil
	}
	var want func(users []int) bool
	if same { // the same users on the same pages: those that list a new title
		want = func(users []int) bool {
			return slices.ContainsFunc(users, func(i int) bool { return retitled[i] })
		}
	}
	cat, err := b.catalogue(v, want)
	if err != nil {
		return nil, nil, err
	}
	b.dataWarnings = cat.warnings
	return cat.jobs, cat.files, nil
}

// usesData reports whether a page's charts or inline figures read a
// dataset, which the catalogue then lists it under.
func usesData(f *figure.Page) bool {
	return f != nil && (len(f.ChartUses()) > 0 || len(f.InlineUses()) > 0)
}

func sameChartUse(a, b figure.ChartUse) bool {
	return a.ID == b.ID && a.Title == b.Title && slices.Equal(a.Datasets, b.Datasets)
}
