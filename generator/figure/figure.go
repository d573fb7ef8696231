package figure

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Version changes whenever what this package caches changes, and
// whenever package data reads the same bytes differently: a cached chart
// is keyed by its files' bytes, not by what was read from them.
const Version = "tearsheet-figure/12"

// Options configures a Set.
type Options struct {
	// Cache keeps rendered charts between builds; nil renders every chart.
	Cache Cache
	// Render turns a figure view into HTML (the theme's partials/figure.html).
	Render func(v *render.FigureView) ([]byte, error)
	// RenderKey identifies what Render makes of a view: the same key and
	// view must give the same HTML (a hash of the theme's templates and
	// of the version of the code that executes them). With a key, the
	// chart cache keeps each chart's figure HTML, and a chart whose view
	// is unchanged is not rendered again; "" renders every figure.
	RenderKey string
	// Data is the live datasets the fetch stage brought in, by name.
	Data map[string]Provided
	// Limit is the build's workers, whose free slots draw a document's
	// charts in parallel (Page.PrepareCharts); nil draws them one at a
	// time, each as Chart meets it.
	Limit *par.Limit
}

// Set renders the figures of one build. It is safe for concurrent use;
// each worker asks it for a Page per document.
type Set struct {
	cfg   *config.Config
	store *Store
	opts  Options

	rendered, cached, pngRendered, pngCached atomic.Int64
	inline                                   sync.Map // inlineKey → inlineResult
	// renderers are chart renderers for the helpers of PrepareCharts, which
	// have none of their own.
	renderers sync.Pool
}

// Stats counts a build's chart work.
type Stats struct {
	Rendered, Cached       int // SVG charts drawn, and taken from the cache
	PNGRendered, PNGCached int
}

// NewSet returns a Set reading data from fsys.
func NewSet(fsys fs.FS, cfg *config.Config, opts Options) *Set {
	st := NewStore(fsys, cfg)
	st.Provide(opts.Data)
	s := &Set{cfg: cfg, store: st, opts: opts}
	s.renderers.New = func() any { return chart.NewRenderer() }
	return s
}

// Store returns the Set's data store.
func (s *Set) Store() *Store { return s.store }

// Stats returns the counts so far.
func (s *Set) Stats() Stats {
	if s == nil {
		return Stats{}
	}
	return Stats{int(s.rendered.Load()), int(s.cached.Load()), int(s.pngRendered.Load()), int(s.pngCached.Load())}
}

// File is an extra output file of a page, such as a chart's CSV.
type File struct {
	Out  string
	Data []byte
	From string // the chart that makes it, "file:line"
}

// PNGDims are the sizes in CSS px of a chart's PNG, Width by Height, and
// of its narrow drawing's (the files hold PNGScale pixels to each); zero
// when it has none.
type PNGDims struct{ Width, Height, NarrowWidth, NarrowHeight int }

// Page renders the figures of one markdown document; it implements
// markdown.Figures. It is used by one goroutine.
type Page struct {
	set   *Set
	file  string
	r     *chart.Renderer
	png   bool
	place func(name string) (out, url string)

	n         int
	uses      map[string]string // data name → file
	inline    map[string]bool   // data names inline figures read
	notes     []Note            // the inline figures, in order, each expression once
	chartUses []ChartUse
	Files     []File
	FirstPNG  string // URL of the first chart's PNG, "" if none
	// FirstPNGSize is the size in bytes of the first chart's PNG, and
	// FirstAlt its description: what a social card and a feed's
	// enclosure say of the image.
	FirstPNGSize int64
	FirstAlt     string
	// FirstPNGDims are the sizes of the first chart's PNG and of its
	// narrow drawing's, which a card's <img> and <source> state so that
	// the page keeps their room while they load.
	FirstPNGDims PNGDims
	// Feeds is the feed's figure HTML of each chart (an <img> of its
	// PNG), in order, which takes the place of the page's figure
	// (markdown.Doc.Figures); none without PNGs.
	Feeds [][]byte
	// Charts is the view of each chart, in order, with its drawings and
	// data table: what the chart's own page shows.
	Charts []*render.FigureView
	// Tickers are the page's charts whose series name tickers, in order.
	Tickers []TickerChart

	// cacheKeys are the keys of the chart cache its charts read.
	cacheKeys []string
	// ahead is what PrepareCharts found or drew, by key of the cache,
	// until the toCome charts it was given have been asked for.
	ahead  map[string]ahead
	toCome int

	ids map[string]int // chart id → file line of its chart
	// taken are outputs beside the page that other files take (a bundle's
	// own files), by output, with their source: see Reserve.
	taken map[string]string
}

// Reserve tells the page which outputs beside it other files take (the
// files of its bundle, copied next to it), by output, with their source
// path. A chart whose id comes from its title takes another id (-2, -3…)
// rather than write a file there; one whose id was given is an error.
// Call it before the page's markdown is converted.
func (p *Page) Reserve(taken map[string]string) { p.taken = taken }

// ChartPage is the output name, beside the page (see Set.Page's place), of
// the own page of the chart id: "charts/ID/index.html".
func ChartPage(id string) string { return "charts/" + id + "/index.html" }

// Page returns the figure renderer of the markdown file at file. r is the
// worker's chart renderer; png asks for PNG copies; place maps a file name
// to its output path and URL beside the page.
func (s *Set) Page(file string, r *chart.Renderer, png bool, place func(name string) (out, url string)) *Page {
	return &Page{set: s, file: file, r: r, png: png, place: place}
}

// Done ends the conversion of the page's markdown: the page lets go of
// the build's Set, its worker's renderer and its placer, and keeps what
// it made (its files, charts, feeds' figures, notes and what they read).
// A page a Session keeps for later builds would else keep the build it
// was made in: the Set's data, and through Options.Render everything that
// build wrote, though every page of it was made again since.
func (p *Page) Done() {
	p.set, p.r, p.place, p.taken, p.ahead = nil, nil, nil, nil, nil
}

// Mark marks the keys of the chart cache used (Cache.Mark).
func (s *Set) Mark(keys []string) {
	if s.opts.Cache == nil {
		return
	}
	for _, k := range keys {
		s.opts.Cache.Mark(k)
	}
}

// datasetLinks lists the datasets of site.yaml the data names read for
// the markdown file at file, sorted, each once, and their links to the
// data catalogue. A dataset's file named by its path is that dataset.
func (s *Set) datasetLinks(names []string, file string) ([]string, []render.LinkView) {
	var ds []string
	for _, n := range names {
		if n == "" {
			continue
		}
		if src, err := s.store.Resolve(n, file); err == nil && src.Dataset != "" && !slices.Contains(ds, src.Dataset) {
			ds = append(ds, src.Dataset)
		}
	}
	sort.Strings(ds)
	links := make([]render.LinkView, 0, len(ds))
	for _, n := range ds {
		links = append(links, render.LinkView{Name: n, URL: s.cfg.RelURL(site.DatasetPath(n))})
	}
	return ds, links
}

var idRe = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// Chart renders a chart block: spec is its YAML and line the file line of
// its opening fence.
func (p *Page) Chart(spec []byte, line int) ([]byte, error) {
	defer p.chartDone()
	sp, err := ParseSpec(spec, p.file, line)
	if err != nil {
		return nil, p.withOthers(sp, line, err)
	}
	p.n++
	id, err := p.chartID(sp, line)
	if err != nil {
		return nil, err
	}
	if err := p.tickers(sp, id); err != nil {
		return nil, err
	}
	key, err := p.key(sp, spec)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: chart: %w", p.file, line, err)
	}
	var e *entry
	var comp *Computed
	var table *render.TableView // the data table, when computed or read
	store := false              // the entry is new or has a new view
	if b, ok := p.cacheGet(key + chartSuffix); ok {
		if c, ok := decode(b); ok {
			e = c
			p.set.cached.Add(1)
		}
	}
	if e == nil {
		d, err := p.takeDrawing(key, sp, line)
		if err != nil {
			return nil, err
		}
		p.set.rendered.Add(1)
		e, comp, table, store = d.e, d.comp, d.table, true
	}
	names := []string{sp.Data}
	for _, s := range sp.Series {
		names = append(names, s.Data)
	}
	ds, links := p.set.datasetLinks(append(names, sp.periodData()...), p.file)
	if _, here := p.place(""); here != "" {
		// A chart on a dataset's own page (the data catalogue's preview)
		// does not link to that page.
		links = slices.DeleteFunc(links, func(l render.LinkView) bool { return l.URL == here })
	}
	p.chartUses = append(p.chartUses, ChartUse{ID: id, Title: sp.Title, Datasets: ds, Sum: SpecSum(sp)})
	_, pageURL := p.place(ChartPage(id))
	v := &render.FigureView{
		ID: id, Number: p.n, Title: sp.Title, Subtitle: sp.Subtitle, Caption: sp.Caption,
		Credits: e.Credits, Datasets: links, Through: e.Through.Time, ThroughText: e.Through.String(), Description: e.Description,
		Illustrative: e.Illustrative, Page: strings.TrimSuffix(pageURL, "index.html"),
	}
	showTable := sp.Table == nil || *sp.Table
	csvOut, csvURL := p.place(id + ".csv")
	csv := e.CSV
	if !store {
		// A slice of the cache file as read: a copy lets the rest of it
		// go while the page keeps its files (a preview keeps every page).
		csv = bytes.Clone(csv)
	}
	p.Files = append(p.Files, File{csvOut, csv, fmt.Sprintf("%s:%d", p.file, line)})
	v.CSV = csvURL
	// Where the CSV's numbers come from, beside it (csvmeta.go).
	meta, err := p.csvMetadata(sp, id, path.Base(csvURL), csv, e.Through, e.Credits, e.Illustrative)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: chart: %w", p.file, line, err)
	}
	metaOut, metaURL := p.place(CSVMetaName(id + ".csv"))
	p.Files = append(p.Files, File{metaOut, meta, fmt.Sprintf("%s:%d", p.file, line)})
	v.CSVMeta = metaURL
	if p.png {
		// The wide drawing's PNG (feeds, social cards, the chart's page)
		// and the narrow one's (email, read mostly on phones). Chart ids
		// have no dot, so ID.narrow.png is no other chart's file.
		first := p.FirstPNG == ""
		for _, narrow := range []bool{false, true} {
			b, err := p.pngOf(key, sp, comp, narrow)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", p.file, line, err)
			}
			name := id + ".png"
			if narrow {
				name = NarrowPNG(name)
			}
			w, h, err := pngSize(b)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", p.file, line, err)
			}
			out, url := p.place(name)
			p.Files = append(p.Files, File{out, b, fmt.Sprintf("%s:%d", p.file, line)})
			if narrow {
				v.PNGNarrow, v.PNGNarrowWidth, v.PNGNarrowHeight = url, w, h
				if first {
					p.FirstPNGDims.NarrowWidth, p.FirstPNGDims.NarrowHeight = w, h
				}
				continue
			}
			v.PNG, v.PNGWidth, v.PNGHeight = url, w, h
			if first {
				p.FirstPNG, p.FirstPNGSize, p.FirstAlt = url, int64(len(b)), v.Description
				p.FirstPNGDims.Width, p.FirstPNGDims.Height = w, h
			}
		}
	}
	vk := p.set.viewKey(v, showTable)
	html, feed, ok := e.find(vk, p.png)
	if !ok {
		v.SVG, v.SVGNarrow = template.HTML(e.SVG), template.HTML(e.Narrow)
		if showTable {
			if table == nil {
				if table, ok = readTable(e.table); !ok { // a damaged entry: compute the table again
					if comp == nil {
						if comp, err = p.set.compute(sp, p.file); err != nil {
							return nil, err
						}
					}
					table = tableOf(comp, rows(comp))
					e.table, store = appendTable(nil, table), true
				}
			}
			v.Table = table
		}
		if html, err = p.set.opts.Render(v); err != nil {
			return nil, fmt.Errorf("%s:%d: chart: theme template: %w", p.file, line, err)
		}
		if p.png {
			fv := *v
			fv.Feed = true
			if feed, err = p.set.opts.Render(&fv); err != nil {
				return nil, fmt.Errorf("%s:%d: chart: theme template: %w", p.file, line, err)
			}
		}
		if vk != "" {
			e.add(vk, html, feed)
			store = true
		}
	}
	full := *v
	full.SVG, full.SVGNarrow = template.HTML(e.SVG), template.HTML(e.Narrow)
	full.Table = nil
	if showTable {
		if full.Table = table; table == nil {
			full.Table, _ = readTable(e.table)
		}
	}
	p.Charts = append(p.Charts, &full)
	if store {
		if b, err := e.encode(); err == nil {
			p.cachePut(key+chartSuffix, b)
		}
	}
	if p.png {
		p.Feeds = append(p.Feeds, feed)
	}
	return html, nil
}

// viewKey identifies the figure HTML of a view: the Set's RenderKey and
// every field of the view but the drawings and the table, which the chart's
// cache key covers (as it does whether the table is shown). "" when the Set
// has no RenderKey.
func (s *Set) viewKey(v *render.FigureView, table bool) string {
	if s.opts.RenderKey == "" {
		return ""
	}
	fields := *v
	fields.SVG, fields.SVGNarrow, fields.Table = "", "", nil
	b, err := json.Marshal(fields)
	if err != nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%t\n", s.opts.RenderKey, table)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// key is the cache key of a chart: the spec, the bytes of every data file it
// reads and how they are read, the chart size and the renderers' versions.
func (p *Page) key(sp *Spec, spec []byte) (string, error) {
	return p.keyOf(sp, spec, p.use)
}

// keyOf is key, telling use (when not nil) each data name it resolves
// and the file it resolved to.
func (p *Page) keyOf(sp *Spec, spec []byte, use func(name, path string)) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%dx%d\n%q\n", Version, chart.Version, p.set.cfg.Charts.Width, p.set.cfg.Charts.Height, spec)
	names := []string{sp.Data}
	for _, s := range sp.Series {
		names = append(names, s.Data)
	}
	for _, b := range sp.Bands {
		names = append(names, b.Data)
	}
	if sp.Panels != nil {
		for _, b := range sp.Panels.Periods {
			names = append(names, b.Data)
		}
	}
	for _, n := range names {
		if n == "" {
			continue
		}
		src, err := p.set.store.Resolve(n, p.file)
		if err != nil {
			return "", err
		}
		if use != nil {
			use(n, src.Path)
		}
		_, sum, err := p.set.store.File(src.Path)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%q %q %s %t\n", src.key(), src.Credit, sum, src.Illustrative)
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

func (p *Page) cachePut(k string, b []byte) {
	if p.set.opts.Cache != nil {
		_ = p.set.opts.Cache.Put(k, b) // a cache that cannot be written only costs time
	}
}

// maxTableRows is the most rows a figure's data table shows; longer data is
// sampled evenly, first and last rows kept, and the CSV has every row.
const maxTableRows = 60

func tableOf(c *Computed, all *rowSet) *render.TableView {
	switch c.Chart.Type {
	case chart.TypeHistogram:
		return histTable(c)
	case chart.TypeHeatmap:
		return matrixTable(c)
	}
	if byPeriod(c) {
		return periodTable(c)
	}
	t := &render.TableView{Head: []string{"Date"}}
	for _, s := range c.Chart.Series {
		t.Head = append(t.Head, s.Label)
	}
	if c.Chart.Total != "" {
		t.Head = append(t.Head, c.Chart.Total)
	}
	if len(c.Chart.Bands) > 0 {
		t.Head = append(t.Head, "Shaded")
	}
	n := all.len()
	step := 1
	if n > maxTableRows {
		step = (n + maxTableRows - 2) / (maxTableRows - 1)
		t.Note = fmt.Sprintf("Every %s row of %d; the CSV has them all.", chart.Ordinal(step), n)
	}
	for i := 0; i < n; i += step {
		t.Rows = append(t.Rows, tableRow(c, all, i))
	}
	if (n-1)%step != 0 {
		t.Rows = append(t.Rows, tableRow(c, all, n-1))
	}
	return t
}

// tableDate writes a date of c's data table at the data's precision, as
// its description and the data catalogue give it: 2023-09 for a monthly
// average, whose day says nothing, 2023 for a year's.
func tableDate(c *Computed, t time.Time) string {
	return isoAt(period.Date{Time: t, Precision: c.Through.Precision})
}

func tableRow(c *Computed, all *rowSet, r int) []string {
	out := []string{tableDate(c, all.dates[r])}
	for i, v := range all.values(r) {
		if math.IsNaN(v) {
			out = append(out, "–")
			continue
		}
		f := c.Chart.Y
		if c.Chart.Series[i].Axis == chart.Right {
			f = c.Chart.YRight
		}
		out = append(out, formatValue(v, f.Kind, f.Currency, tableDecimals(v, f.Decimals), false))
	}
	if c.Chart.Total != "" {
		v, f := rowTotal(all.values(r)), c.Chart.Y
		if math.IsNaN(v) {
			out = append(out, "–")
		} else {
			out = append(out, formatValue(v, f.Kind, f.Currency, tableDecimals(v, f.Decimals), false))
		}
	}
	if len(c.Chart.Bands) > 0 {
		out = append(out, chart.BandsAt(c.Chart, all.dates[r]))
	}
	return out
}

func tableDecimals(v float64, d int) int {
	switch {
	case d == chart.NoDecimals:
		return 0
	case d > 0:
		return d
	case math.Abs(v) >= 1000:
		return 0
	case math.Abs(v) >= 10:
		return 1
	case v != 0 && math.Abs(v) < 0.01:
		// Two decimals would write 0.00 for a spread of 0.0045, a value
		// the file holds: keep two significant digits, as the chart's
		// description does (0.0045).
		return min(int(-math.Floor(math.Log10(math.Abs(v))))+1, 8)
	default:
		return 2
	}
}

// AddCached counts charts and PNG copies that a build took whole from an
// earlier one (its page cache) as taken from the cache.
func (s *Set) AddCached(charts, pngs int) {
	if s == nil {
		return
	}
	s.cached.Add(int64(charts))
	s.pngCached.Add(int64(pngs))
}

// NarrowPNG is the name or URL of the narrow drawing's PNG of the chart
// whose wide drawing's PNG is png (ID.png): ID.narrow.png.
func NarrowPNG(png string) string {
	return strings.TrimSuffix(png, ".png") + ".narrow.png"
}
