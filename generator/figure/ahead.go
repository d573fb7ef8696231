package figure

import (
	"fmt"
	"sync"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/render"
)

// drawing is a chart computed and drawn, as Chart makes it when the chart
// cache does not hold it: the entry to keep, the data it was computed
// from and its data table.
type drawing struct {
	e     *entry
	comp  *Computed
	table *render.TableView
}

// draw computes the chart of sp, of the markdown file at file with its
// opening fence at line, and draws its wide and narrow SVG with r.
func (s *Set) draw(sp *Spec, file string, line int, r *chart.Renderer) (*drawing, error) {
	comp, err := s.compute(sp, file)
	if err != nil {
		return nil, err
	}
	svg, err := r.SVG(comp.Chart)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, line, err)
	}
	narrow := comp.Chart
	narrow.Narrow = true
	nsvg, err := r.SVG(narrow)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, line, err)
	}
	rs := rows(comp)
	table := tableOf(comp, rs)
	e := &entry{SVG: svg, Narrow: nsvg, Description: chart.Describe(comp.Chart), CSV: csvOf(comp, rs), Through: comp.Through,
		Credits: comp.Credits, Illustrative: comp.Illustrative, table: appendTable(nil, table)}
	if sp.Description != "" {
		e.Description = sp.Description
	}
	return &drawing{e: e, comp: comp, table: table}, nil
}

// drawPNG draws the PNG of comp's wide drawing, or of its narrow one,
// with r.
func drawPNG(comp *Computed, narrow bool, r *chart.Renderer) ([]byte, error) {
	c := comp.Chart
	c.Narrow = narrow
	c.Footer = pngFooter(comp)
	return r.PNG(c, PNGScale)
}

// ahead is what PrepareCharts found in the chart cache, or drew, under a
// key of the cache (KEY.chart, KEY.png, KEY.narrow.png), for Chart to
// take once: cacheGet what the cache held, then takeDrawing or takePNG
// what was drawn when it held nothing.
type ahead struct {
	looked bool   // the cache was asked: found and cached are its answer, not yet taken
	found  bool   // the cache held the key
	cached []byte // what it held
	chart  *drawing
	png    []byte
}

// The suffixes of a chart's keys in the chart cache: its entry, its wide
// drawing's PNG and its narrow one's, which name how the PNG is encoded
// (chart.PNGVersion): the key holds chart.Version already.
const (
	chartSuffix     = ".chart"
	pngSuffix       = "." + chart.PNGVersion + ".png"
	narrowPNGSuffix = ".narrow" + pngSuffix
)

// PrepareCharts implements markdown.ChartPreparer: it asks the chart
// cache for the document's charts (specs, with their opening fences at
// lines) and draws what the cache lacks, their SVG and (with PNG copies)
// their PNGs, which it caches at once, on the page's goroutine and on a
// helper for each slot of Options.Limit it finds free. Chart then takes
// each result once, in order, and does the rest as it would have without
// them, counting and caching; a chart that fails here is left to Chart,
// which fails the same way and says so. Without a Limit of two slots or more it does nothing:
// there would be no one to share the work with.
func (p *Page) PrepareCharts(specs [][]byte, lines []int) {
	if p.set.opts.Limit.Size() < 2 || len(specs) < 2 {
		return
	}
	type job struct {
		sp   *Spec
		key  string
		line int
	}
	var jobs []job
	seen := map[string]bool{}
	for i, spec := range specs {
		sp, err := ParseSpec(spec, p.file, lines[i])
		if err != nil {
			continue
		}
		key, err := p.keyOf(sp, spec, nil)
		if err != nil || seen[key] {
			// The same chart again is the cache's by then, or drawn
			// again, as without preparing.
			continue
		}
		seen[key] = true
		jobs = append(jobs, job{sp, key, lines[i]})
	}
	found := make([][]ahead, len(jobs)) // index-aligned with jobs
	var mu sync.Mutex
	var helpers []*chart.Renderer
	p.set.opts.Limit.Share(len(jobs), func(i int) {
		found[i] = p.prepare(jobs[i].sp, jobs[i].key, jobs[i].line, p.r)
	}, func() func(int) {
		r := p.set.renderers.Get().(*chart.Renderer)
		mu.Lock()
		helpers = append(helpers, r)
		mu.Unlock()
		return func(i int) { found[i] = p.prepare(jobs[i].sp, jobs[i].key, jobs[i].line, r) }
	})
	for _, r := range helpers {
		p.set.renderers.Put(r)
	}
	p.ahead, p.toCome = map[string]ahead{}, len(specs)
	for i, j := range jobs {
		for k, a := range found[i] {
			if a.looked || a.chart != nil || a.png != nil {
				p.ahead[j.key+[]string{chartSuffix, pngSuffix, narrowPNGSuffix}[k]] = a
			}
		}
	}
}

// prepare asks the cache for the chart sp, whose cache key is key, and
// draws it with r when the cache lacks it (or holds it damaged); then,
// with PNG copies, the same for its wide and narrow PNGs. It returns what
// it found or drew, the entry's then the PNGs', up to a failure.
func (p *Page) prepare(sp *Spec, key string, line int, r *chart.Renderer) []ahead {
	get := func(k string) ahead {
		var a ahead
		if c := p.set.opts.Cache; c != nil {
			a.cached, a.found = c.Get(k)
			a.looked = true
		}
		return a
	}
	out := []ahead{get(key + chartSuffix)}
	var comp *Computed
	if _, ok := decode(out[0].cached); !out[0].found || !ok {
		d, err := p.set.draw(sp, p.file, line, r)
		if err != nil {
			return out
		}
		out[0].chart, comp = d, d.comp
	}
	if !p.png {
		return out
	}
	for _, narrow := range []bool{false, true} {
		k := key + pngSuffix
		if narrow {
			k = key + narrowPNGSuffix
		}
		a := get(k)
		if !a.found {
			if comp == nil {
				c, err := p.set.compute(sp, p.file)
				if err != nil {
					return out
				}
				comp = c
			}
			b, err := drawPNG(comp, narrow, r)
			if err != nil {
				return out
			}
			// Cached now, not when Chart takes it: another page that
			// shows the same chart finds it rather than draw it again.
			p.cachePut(k, b)
			a.png = b
		}
		out = append(out, a)
	}
	return out
}

// chartDone lets go of what PrepareCharts made once Chart has been
// called for each of its charts: what a chart that failed before taking
// it left.
func (p *Page) chartDone() {
	if p.toCome--; p.toCome <= 0 {
		p.ahead = nil
	}
}

// cacheGet returns what the chart cache holds under k: what PrepareCharts
// found, or else the cache's answer now.
func (p *Page) cacheGet(k string) ([]byte, bool) {
	if p.set.opts.Cache == nil {
		return nil, false
	}
	p.cacheKeys = append(p.cacheKeys, k)
	if a, ok := p.ahead[k]; ok && a.looked {
		a.looked = false
		p.keepAhead(k, a)
		return a.cached, a.found
	}
	return p.set.opts.Cache.Get(k)
}

// keepAhead keeps a, or lets it go when nothing of it is left to take.
func (p *Page) keepAhead(k string, a ahead) {
	if a.looked || a.chart != nil || a.png != nil {
		p.ahead[k] = a
		return
	}
	delete(p.ahead, k)
}

// takeDrawing returns the chart sp, whose cache key is key, computed and
// drawn: by PrepareCharts, or now.
func (p *Page) takeDrawing(key string, sp *Spec, line int) (*drawing, error) {
	k := key + chartSuffix
	if a := p.ahead[k]; a.chart != nil {
		d := a.chart
		a.chart = nil
		p.keepAhead(k, a)
		return d, nil
	}
	return p.set.draw(sp, p.file, line, p.r)
}

// takePNG returns the PNG PrepareCharts drew, and cached, under the
// cache key k, or nil.
func (p *Page) takePNG(k string) []byte {
	a := p.ahead[k]
	b := a.png
	if b != nil {
		a.png = nil
		p.keepAhead(k, a)
	}
	return b
}
