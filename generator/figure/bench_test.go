package figure

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/render"
)

// benchSpecs returns the chart blocks of the first n articles of the
// generated corpus (20 years of daily data, ranges from ytd to max, one or
// two series, a transform), what a 10,000-article benchmark build renders.
func benchSpecs(tb testing.TB, n int) [][]byte {
	tb.Helper()
	var out [][]byte
	for i := range n {
		post := string(corpus.Post(i, corpus.Options{Charts: true, Seed: 1}))
		start := strings.Index(post, "```chart\n")
		if start < 0 {
			tb.Fatalf("article %d has no chart", i)
		}
		rest := post[start+len("```chart\n"):]
		out = append(out, []byte(rest[:strings.Index(rest, "```")]))
	}
	return out
}

// benchSet returns a Set over the corpus dataset that renders figures with
// the default theme's partials/figure.html, as a build does.
func benchSet(tb testing.TB, cache Cache) *Set {
	tb.Helper()
	fsys := fstest.MapFS{corpus.DatasetFile: {Data: corpus.Dataset(1)}}
	if err := corpus.AddDir(fsys, "../../themes/default", "themes/default"); err != nil {
		tb.Fatal(err)
	}
	theme, err := render.Load(fsys, "default")
	if err != nil {
		tb.Fatal(err)
	}
	cfg := config.Default()
	cfg.Datasets = config.Datasets{"markets": {File: corpus.DatasetFile, Date: "date", Illustrative: true, Source: "corpus"}}
	return NewSet(fsys, cfg, Options{Cache: cache, RenderKey: theme.Sum(), Render: func(v *render.FigureView) ([]byte, error) {
		var buf bytes.Buffer
		if err := theme.ExecutePartial(&buf, "partials/figure.html", v); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}})
}

// missCache writes through to a DirCache but never finds anything: every
// chart is drawn and stored, as in a cold build.
type missCache struct{ DirCache }

func (missCache) Get(string) ([]byte, bool) { return nil, false }

func benchChart(b *testing.B, cache Cache, png bool, fill bool) {
	specs := benchSpecs(b, 200)
	s := benchSet(b, cache)
	r := chart.NewRenderer()
	page := func(i int) *Page {
		dir := fmt.Sprintf("notes/%d/", i)
		return s.Page(fmt.Sprintf("content/posts/note-%05d.md", i), r, png, func(name string) (string, string) {
			return dir + name, "/" + dir + name
		})
	}
	if fill {
		for i, sp := range specs {
			if _, err := page(i).Chart(sp, 10); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var html, csv int
	cpu := cpuTime()
	for i := 0; b.Loop(); i++ {
		p := page(i % len(specs))
		h, err := p.Chart(specs[i%len(specs)], 10)
		if err != nil {
			b.Fatal(err)
		}
		html += len(h)
		csv += len(p.Files[0].Data)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(html)/float64(b.N), "html-bytes/op")
	b.ReportMetric(float64(csv)/float64(b.N), "csv-bytes/op")
}

// BenchmarkChartCold draws each chart and writes it to a chart cache on
// disk: a cold build's chart path, page figure HTML included.
func BenchmarkChartCold(b *testing.B) {
	benchChart(b, missCache{DirCache{Dir: b.TempDir()}}, false, false)
}

// BenchmarkChartWarm takes each chart from a full chart cache on disk: a
// warm build's chart path.
func BenchmarkChartWarm(b *testing.B) {
	benchChart(b, DirCache{Dir: b.TempDir()}, false, true)
}

// BenchmarkChartWarmPNG is BenchmarkChartWarm for an article in a feed:
// the PNG comes from the cache too, and the feed's figure is rendered.
func BenchmarkChartWarmPNG(b *testing.B) {
	benchChart(b, DirCache{Dir: b.TempDir()}, true, true)
}

func BenchmarkParseSpec(b *testing.B) {
	specs := benchSpecs(b, 200)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseSpec(specs[i%len(specs)], "bench.md", 10); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCSV writes the CSV and data table of a 20-year chart of two
// series (10,434 values, one of them rebased).
func BenchmarkCSV(b *testing.B) {
	s := benchSet(b, nil)
	sp, err := ParseSpec([]byte("data: markets\nseries:\n  - column: equities\n    transforms: [rebase]\n  - bonds\n"), "bench.md", 1)
	if err != nil {
		b.Fatal(err)
	}
	c, err := s.compute(sp, "bench.md")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		rs := rows(c)
		csvOf(c, rs)
		tableOf(c, rs)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
}
