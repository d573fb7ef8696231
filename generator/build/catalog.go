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
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/fetch"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/period"
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
// next users at /data/NAME/page/N/. It sets v.dataPagers. What it shows is
// keyed (fill, catalogkey.go): a Session makes again only what changed of
// the catalogue it kept, and every build keys the catalogue's pages
// without making their data.
func (b *builder) catalogue(v *views) (*catalogue, error) {
	names := b.cfg.DatasetNames()
	c := &catalogue{}
	v.dataPagers = nil
	if len(names) == 0 || b.figures == nil {
		return c, nil
	}
	k := &catalogueKept{}
	var srcs []figure.Source
	for _, name := range names {
		d, src, err := b.datasetHead(name)
		k.sets, k.users, k.errs = append(k.sets, d), append(k.users, b.usersOf(name)), append(k.errs, err)
		srcs = append(srcs, src)
	}
	k, err := b.fill(k, srcs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", site.DataIndex, err)
	}
	for n, name := range names {
		d, err := k.sets[n], k.errs[n]
		if err != nil && !d.Unavailable {
			c.warnings = append(c.warnings, b.cfg.DatasetError(name, err).Error())
		}
		if len(k.users[n]) == 0 {
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
		c.files = append(c.files, k.files[n]...)
	}
	v.dataPagers = b.dataPagers(k.users)
	if err := b.claimDataPages(v.dataPagers); err != nil {
		return nil, err
	}
	c.jobs = v.catalogueJobs(k)
	c.files = append(c.files, file{out: site.DataIndex, data: k.data})
	return c, nil
}

// catalogueKept is a data catalogue as made, which a Session keeps
// (fill).
type catalogueKept struct {
	sets  []*render.DatasetView // each dataset with all its users
	users [][]int               // each dataset's users: indices in b.all()
	// Each dataset's entry in data.json without its users, and each of its
	// users' entries (index-aligned with users), as dataJSON joins them.
	head   [][]byte
	usedBy [][][]byte
	data   []byte // data.json
	// Each dataset's preview files, and what went wrong reading its data
	// or drawing its preview (nil: nothing).
	files [][]file
	errs  []error
	// The keys of each dataset's view without its users and of each of its
	// users (keyDataUse), and of them all; zero without a store.
	setKeys  []key
	userKeys [][]key
	sum      key
}

// catalogueJobs returns the index of the data catalogue and the pages of
// its datasets' users. With a store, each page is keyed by what it shows
// (pageFrom) and its data made only when the page is made again.
func (v *views) catalogueJobs(k *catalogueKept) []job {
	index := func() (*render.Data, error) {
		return &render.Data{Site: v.sv, Datasets: k.sets, Page: v.meta("data", "Data",
			"Every dataset behind the research: where it comes from, its license, rows and dates, and the articles that use it.", site.DataPath)}, nil
	}
	jobs := []job{{out: site.OutFile(site.DataPath), kind: "data", lazy: index, from: k.sum}}
	for n, d := range k.sets {
		desc := fmt.Sprintf("The dataset %s: %d rows from %s to %s.", d.Title, d.Rows, d.First.Format("January 2006"), d.Last.Format("January 2006"))
		if d.Source != "" {
			desc += " Source: " + d.Source + "."
		}
		for _, pg := range v.dataPagers[n] {
			page := func() (*render.Data, error) { return v.datasetPage(d, desc, pg), nil }
			jobs = append(jobs, job{out: pg.Out, kind: "dataset", lazy: page, from: k.pageFrom(n, pg)})
		}
	}
	return jobs
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
				if strings.HasPrefix(prev, content.Dir+"/") {
					// The page's file:line first: it is what to change.
					errs = append(errs, fmt.Errorf("%s: output %s is also the data catalogue's page %d of dataset %q: give it another slug or alias", prev, pg.Out, pg.Number, name))
					continue
				}
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
	l := &render.ListView{Title: d.Title, Number: pg.Number, Total: pg.Total, First: v.cfg.RelURL(pg.First), Last: v.cfg.RelURL(pg.Last)}
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

// datasetHead makes the view of the dataset name from site.yaml, the
// SHA-256 of the file it reads and when that was fetched, without what its
// table shows and its preview (datasetBody) and without its users. When
// its data cannot be read, the view says so (Unavailable) and err says
// why.
func (b *builder) datasetHead(name string) (d *render.DatasetView, src figure.Source, err error) {
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
	src, err = st.Resolve(name, ConfigFile)
	if err == nil {
		d.File = src.Path
		_, d.SHA256, err = st.File(src.Path)
	}
	if err != nil {
		d.Unavailable = true
		return d, src, err
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
	return d, src, nil
}

// datasetBody fills in d, made by datasetHead from src, from its table:
// its rows, columns and dates, and its preview chart, whose files it
// returns. When its data cannot be read, the view says so (Unavailable)
// and err says why; when the preview cannot be drawn, the view has none
// and err says why (a warning).
func (b *builder) datasetBody(d *render.DatasetView, src figure.Source, charts *chart.Renderer) (files []file, err error) {
	t, err := b.figures.Store().Table(src)
	if err != nil {
		d.Unavailable, d.Fetched = true, time.Time{}
		return nil, err
	}
	d.Rows, d.Columns = t.Len(), t.Columns
	if t.Len() > 0 {
		d.First, d.Last = t.Dates[0], t.LastDate()
		prec := period.Of(t.Dates)
		d.FirstText, d.LastText = prec.Format(d.First), prec.Format(d.Last)
	}
	if len(t.Columns) == 0 {
		return nil, nil
	}
	// The preview is a chart like any other, of the first column, through
	// the same figure code and partials/figure.html.
	name := d.Name
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
		return nil, err
	}
	html, err := pf.Chart(spec, b.cfg.Datasets[name].Line)
	if err != nil {
		// The page shows the facts without a preview; the build warns.
		return nil, fmt.Errorf("the data catalogue has no preview chart of it: %w", err)
	}
	d.Preview = template.HTML(html)
	for _, f := range pf.Files {
		files = append(files, file{out: f.Out, data: f.Data})
	}
	return files, nil
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

// headJSON is the entry of dataset d in data.json (see dataJSON) without
// its users: the catalogue's facts, with absolute URLs. Dates are
// YYYY-MM-DD; fetched is RFC 3339 in UTC.
func headJSON(b *builder, d *render.DatasetView) ([]byte, error) {
	abs := func(u string) string { return b.cfg.AbsURL(trimBase(b.cfg.BasePath(), u)) }
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
		return nil, err
	}
	if !bytes.HasSuffix(js, []byte(noUsers)) {
		return nil, fmt.Errorf("the entry of dataset %s does not end with its users", d.Name)
	}
	return js[:len(js)-len(noUsers)], nil
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
