package build

import (
	"bytes"
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
// next users at /data/NAME/page/N/. It sets v.dataPagers, and v.cat in a
// Session. What the catalogue shows has a key (catalogueKey): a Session
// takes the catalogue it kept while the key is the same, and every build
// keys the catalogue's pages by it without making their data.
func (b *builder) catalogue(v *views) (*catalogue, error) {
	names := b.cfg.DatasetNames()
	c := &catalogue{}
	v.dataPagers, v.cat = nil, nil
	if len(names) == 0 || b.figures == nil {
		return c, nil
	}
	k := &catalogueKept{}
	charts := chart.NewRenderer()
	ck := b.newCatalogueKey()
	for _, name := range names {
		d, files, err := b.dataset(name, charts)
		if d == nil {
			return nil, err
		}
		idx := b.usersOf(name)
		ck.dataset(d, name, idx)
		if err != nil && !d.Unavailable {
			c.warnings = append(c.warnings, b.cfg.DatasetError(name, err).Error())
		}
		if len(idx) == 0 {
			msg := "not used by any article or page: use it in a chart (data: " + name + ") or an inline figure ({{ " + name + ".column }}), or remove it"
			if err != nil && d.Unavailable {
				// Its data cannot be read, which only a page that used it
				// would have failed on: a dataset declared for later.
				why := strings.TrimPrefix(err.Error(), fmt.Sprintf("%s:%d: ", b.cfg.File, b.cfg.Datasets[name].Line))
				var pes *data.ParseErrors
				if errors.As(err, &pes) { // a problem a line: the first, on the warning's one line
					why, _, _ = strings.Cut(why, "\n")
					why += fmt.Sprintf("; %d problems in all", pes.Len())
				}
				msg += "; its data cannot be read yet (" + why + ")"
			}
			c.warnings = append(c.warnings, b.cfg.DatasetError(name, errors.New(msg)).Error())
		}
		k.sets, k.users = append(k.sets, d), append(k.users, idx)
		c.files = append(c.files, files...)
	}
	sum := ck.sum()
	kept, index := b.cache.keptCatalogue(sum)
	if kept != nil {
		// The same users, perhaps at other places in the site.
		k = &catalogueKept{sets: kept.sets, users: k.users, head: kept.head, usedBy: kept.usedBy}
	} else {
		for n, d := range k.sets {
			d.Articles, d.Users = b.datasetUsers(names[n], k.users[n]), len(k.users[n])
		}
		if err := k.encode(b); err != nil {
			return nil, fmt.Errorf("%s: %w", site.DataIndex, err)
		}
		index = b.cache.keepCatalogue(sum, k, k.dataJSON())
	}
	v.dataPagers = b.dataPagers(k.users)
	if err := b.claimDataPages(v.dataPagers); err != nil {
		return nil, err
	}
	c.jobs = v.catalogueJobs(k, nil, sum)
	c.files = append(c.files, file{out: site.DataIndex, data: index})
	if b.cache != nil {
		v.cat = k
	}
	return c, nil
}

// catalogueKept is a data catalogue as made (views.cat): a Session's quick
// build whose pages read the data they read before takes it from the last
// build, changing the titles it shows (retitleCatalogue).
type catalogueKept struct {
	sets  []*render.DatasetView // each dataset with all its users
	users [][]int               // each dataset's users: indices in b.all()
	// Each dataset's entry in data.json without its users, and each of its
	// users' entries (index-aligned with users), as dataJSON joins them.
	head   [][]byte
	usedBy [][][]byte
}

// catalogueJobs returns the index of the data catalogue and the pages of
// its datasets' users; with want, only the dataset pages whose users
// (indices in b.all()) it says yes to. sum, when not zero, is the key of
// what the catalogue shows (catalogueKey): each page is keyed by it and
// its data made only when the page is made again.
func (v *views) catalogueJobs(k *catalogueKept, want func(users []int) bool, sum key) []job {
	index := func() (*render.Data, error) {
		return &render.Data{Site: v.sv, Datasets: k.sets, Page: v.meta("data", "Data",
			"Every dataset behind the research: where it comes from, its license, rows and dates, and the articles that use it.", site.DataPath)}, nil
	}
	jobs := []job{{out: site.OutFile(site.DataPath), kind: "data", lazy: index, from: sum}}
	for n, d := range k.sets {
		desc := fmt.Sprintf("The dataset %s: %d rows from %s to %s.", d.Title, d.Rows, d.First.Format("January 2006"), d.Last.Format("January 2006"))
		if d.Source != "" {
			desc += " Source: " + d.Source + "."
		}
		for _, pg := range v.dataPagers[n] {
			if want != nil && !want(k.users[n][pg.Lo:pg.Hi]) {
				continue
			}
			page := func() (*render.Data, error) { return v.datasetPage(d, desc, pg), nil }
			jobs = append(jobs, job{out: pg.Out, kind: "dataset", lazy: page, from: sum})
		}
	}
	return jobs
}

// retitleCatalogue makes the data catalogue of a quick build whose pages
// read the data they read in the last build (v.cat), some of them with a
// new title (retitled): the same datasets, users and pages, with the new
// titles. It makes the index, data.json and only the dataset pages that
// list a new title.
func (b *builder) retitleCatalogue(v *views, retitled map[int]bool) (*catalogue, error) {
	old := v.cat
	k := &catalogueKept{sets: slices.Clone(old.sets), users: old.users, head: old.head, usedBy: slices.Clone(old.usedBy)}
	all := b.all()
	for n, users := range old.users {
		changed := false
		for j, i := range users {
			if !retitled[i] {
				continue
			}
			if !changed {
				d := *old.sets[n]
				d.Articles = slices.Clone(d.Articles)
				k.sets[n], k.usedBy[n], changed = &d, slices.Clone(old.usedBy[n]), true
			}
			k.sets[n].Articles[j].Title = all[i].Title
			js, err := usageJSON(b, k.sets[n].Articles[j])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", site.DataIndex, err)
			}
			k.usedBy[n][j] = js
		}
	}
	v.cat = k
	jobs := v.catalogueJobs(k, func(users []int) bool {
		return slices.ContainsFunc(users, func(i int) bool { return retitled[i] })
	}, key{})
	jobs[0].fresh = true // the index
	return &catalogue{jobs: jobs, files: []file{{out: site.DataIndex, data: k.dataJSON()}}}, nil
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
		uses := pf.UsesInline(name) || slices.ContainsFunc(pf.ChartUses(), func(c figure.ChartUse) bool {
			return slices.Contains(c.Datasets, name)
		})
		if uses {
			out = append(out, i)
		}
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

// encode makes the entries of data.json (dataJSON): the catalogue's facts,
// by name, with absolute URLs. Dates are YYYY-MM-DD; fetched is RFC 3339 in
// UTC.
func (k *catalogueKept) encode(b *builder) error {
	abs := func(u string) string { return b.cfg.AbsURL(trimBase(b.cfg.BasePath(), u)) }
	k.head, k.usedBy = make([][]byte, len(k.sets)), make([][][]byte, len(k.sets))
	for n, d := range k.sets {
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
		js, err := json.MarshalIndent(e, "    ", "  ")
		if err != nil {
			return err
		}
		if !bytes.HasSuffix(js, []byte(noUsers)) {
			return fmt.Errorf("the entry of dataset %s does not end with its users", d.Name)
		}
		k.head[n] = js[:len(js)-len(noUsers)]
		k.usedBy[n] = make([][]byte, len(d.Articles))
		for j, u := range d.Articles {
			if k.usedBy[n][j], err = usageJSON(b, u); err != nil {
				return err
			}
		}
	}
	return nil
}

// noUsers ends the entry of a dataset in data.json, without its users.
const noUsers = "[]\n    }"

// usageJSON is the entry of u in its dataset's usedBy in data.json.
func usageJSON(b *builder, u render.DataUseView) ([]byte, error) {
	abs := func(u string) string { return b.cfg.AbsURL(trimBase(b.cfg.BasePath(), u)) }
	du := dataUsage{Title: u.Title, URL: abs(u.URL), Charts: []string{}, Inline: u.Inline}
	if !u.Date.IsZero() {
		du.Date = day(u.Date)
	}
	for _, c := range u.Charts {
		du.Charts = append(du.Charts, abs(c.URL))
	}
	return json.MarshalIndent(du, "        ", "  ")
}

// dataJSON is data.json, as json.MarshalIndent with two spaces writes
// {"datasets": [...]}, followed by a newline.
func (k *catalogueKept) dataJSON() []byte {
	n := 64
	for d, users := range k.usedBy {
		n += len(k.head[d]) + 32
		for _, u := range users {
			n += len(u) + 10
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, n))
	if len(k.head) == 0 {
		buf.WriteString("{\n  \"datasets\": []\n}\n")
		return buf.Bytes()
	}
	buf.WriteString("{\n  \"datasets\": [")
	for d, head := range k.head {
		if d > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		buf.Write(head)
		if len(k.usedBy[d]) == 0 {
			buf.WriteString(noUsers)
			continue
		}
		buf.WriteByte('[')
		for j, u := range k.usedBy[d] {
			if j > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n        ")
			buf.Write(u)
		}
		buf.WriteString("\n      ]\n    }")
	}
	buf.WriteString("\n  ]\n}\n")
	return buf.Bytes()
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
// the titles of those that read data (retitled: see retitleCatalogue).
// Else it returns nothing, and the last build's catalogue files and
// warnings stand.
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
	if same && v.cat != nil {
		cat, err := b.retitleCatalogue(v, retitled)
		if err != nil {
			return nil, nil, err
		}
		return cat.jobs, cat.files, nil
	}
	cat, err := b.catalogue(v)
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
