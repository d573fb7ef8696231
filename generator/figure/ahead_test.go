package figure

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/internal/par"
)

// aheadSpecs are a page's chart blocks: charts of two files and a
// dataset, the same block twice, one of an unknown column, one that is
// not YAML and one with an id taken before.
var aheadSpecs = []string{
	"data: prices.csv\ntitle: One\nseries: [small]\n",
	"data: prices.csv\ntitle: Two\nseries: [large]\ntransforms: [rebase]\n",
	"data: px\ntitle: Three\ntype: bar\nseries: [small, large]\n",
	"data: prices.csv\ntitle: One\nseries: [small]\n",
	"data: prices.csv\ntitle: Bad\nseries: [nope]\n",
	"data: [\n",
	"data: cpi\ntitle: Prices\nseries: [cpi]\n",
	"data: cpi\nid: one\nseries: [cpi]\n",
}

// pageRun is everything a page's charts make.
type pageRun struct {
	HTML      []string
	Errs      []string
	Files     []File
	Feeds     [][]byte
	Charts    any
	FirstPNG  string
	CacheKeys []string
	Uses      []Use
	ChartUses []ChartUse
	Stats     Stats
	Cache     map[string][]byte
}

// runPage renders aheadSpecs on one page of a Set over cache, with the
// build's Limit of 4 slots (the charts prepared, in parallel) or without
// (each drawn as Chart meets it); drawn, when not nil, is told how many
// charts PrepareCharts drew before Chart was called.
func runPage(t *testing.T, cache *MemCache, png bool, limit *par.Limit, drawn *int) pageRun {
	t.Helper()
	var c Cache
	if cache != nil {
		c = cache
	}
	s := testSet(t, c)
	s.opts.Limit = limit
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), png, place)
	specs, lines := make([][]byte, len(aheadSpecs)), make([]int, len(aheadSpecs))
	for i, sp := range aheadSpecs {
		specs[i], lines[i] = []byte(sp), 10*(i+1)
	}
	p.PrepareCharts(specs, lines)
	if drawn != nil {
		for _, a := range p.ahead {
			if a.chart != nil {
				*drawn++
			}
		}
	}
	var r pageRun
	for i := range specs {
		html, err := p.Chart(specs[i], lines[i])
		r.HTML = append(r.HTML, string(html))
		if err != nil {
			r.Errs = append(r.Errs, err.Error())
		}
	}
	if p.ahead != nil {
		t.Errorf("%d prepared results kept after the page's last chart", len(p.ahead))
	}
	r.Files, r.Feeds, r.Charts, r.FirstPNG = p.Files, p.Feeds, p.Charts, p.FirstPNG
	r.CacheKeys, r.Uses, r.ChartUses, r.Stats = p.CacheKeys(), p.Uses(), p.ChartUses(), s.Stats()
	if cache != nil {
		r.Cache = cache.m
	}
	return r
}

// TestPrepareChartsSame draws a page's charts ahead, in parallel, and
// wants from Chart exactly what it gives without: HTML, errors, files,
// feeds' figures, views, counts and what the chart cache holds after
// (but PNGs drawn ahead of a chart that then failed), with no cache, a
// cold one, and a warm one that lacks the PNGs and holds one chart
// damaged.
func TestPrepareChartsSame(t *testing.T) {
	warm := func() *MemCache {
		c := NewMemCache()
		runPage(t, c, false, nil, nil)
		for k := range c.m {
			if len(k) > len(chartSuffix) && k[len(k)-len(chartSuffix):] == chartSuffix {
				c.m[k] = []byte("damaged")
				break
			}
		}
		return c
	}
	for _, tc := range []struct {
		name  string
		cache func() *MemCache
		png   bool
		drawn int // charts PrepareCharts draws: all but the unknown column's and the repeated one,
	}{
		{"no cache", func() *MemCache { return nil }, true, 5},
		{"no cache, no PNG", func() *MemCache { return nil }, false, 5},
		{"cold cache", NewMemCache, true, 5},
		// and the chart whose id was taken, which Chart never cached.
		{"warm cache without PNGs, one entry damaged", warm, true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := runPage(t, tc.cache(), tc.png, nil, nil)
			drawn := 0
			got := runPage(t, tc.cache(), tc.png, par.NewLimit(4), &drawn)
			if drawn != tc.drawn {
				t.Errorf("PrepareCharts drew %d charts ahead, want %d", drawn, tc.drawn)
			}
			if len(want.Errs) != 3 {
				t.Errorf("errors %q, want the unknown column's, the YAML's and the id's", want.Errs)
			}
			// The cache holds what it held drawn one at a time, and may
			// hold besides the PNGs drawn ahead of a chart that Chart
			// then failed (its id taken), which a page that shows it
			// finds.
			for k, b := range want.Cache {
				if !bytes.Equal(got.Cache[k], b) {
					t.Errorf("the cache's %s prepared differs from drawn one at a time", k)
				}
			}
			for k, b := range got.Cache {
				if _, ok := want.Cache[k]; !ok && (!strings.HasSuffix(k, pngSuffix) || !bytes.HasPrefix(b, []byte("\x89PNG"))) {
					t.Errorf("the cache holds %s prepared, not drawn one at a time", k)
				}
			}
			got.Cache, want.Cache = nil, nil
			if !reflect.DeepEqual(got, want) {
				for i := range reflect.ValueOf(want).NumField() {
					if g, w := reflect.ValueOf(got).Field(i).Interface(), reflect.ValueOf(want).Field(i).Interface(); !reflect.DeepEqual(g, w) {
						t.Errorf("%s prepared differs from drawn one at a time:\n%.300v\nwant\n%.300v", reflect.TypeOf(want).Field(i).Name, g, w)
					}
				}
			}
		})
	}
}

// TestPrepareChartsNoLimit checks that without a Limit, or with one of a
// single slot, nothing is prepared: there is no one to share the drawing
// with.
func TestPrepareChartsNoLimit(t *testing.T) {
	for _, l := range []*par.Limit{nil, par.NewLimit(1)} {
		drawn := 0
		runPage(t, nil, true, l, &drawn)
		if drawn != 0 {
			t.Errorf("limit of %d slots: %d charts drawn ahead", l.Size(), drawn)
		}
	}
}
