package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// BenchmarkTemplates renders the article pages of a generated site of 200
// articles with the default theme: the template stage of a build.
func BenchmarkTemplates(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 200, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	opts := Options{Now: fixedNow, Workers: 1}
	bl := &builder{ctx: context.Background(), fsys: siteFS(b, dir), opts: opts, w: output.NewMemory(), limit: par.NewLimit(opts.Workers)}
	var err error
	if bl.cfg, err = loadConfig(bl.fsys, opts); err != nil {
		b.Fatal(err)
	}
	if bl.theme, err = render.Load(bl.fsys, bl.cfg.Theme); err != nil {
		b.Fatal(err)
	}
	files, err := content.Load(bl.fsys, content.Options{Location: bl.cfg.Location})
	if err != nil {
		b.Fatal(err)
	}
	if bl.site, err = site.New(bl.cfg, files, site.Options{Now: fixedNow}); err != nil {
		b.Fatal(err)
	}
	docs, _, err := bl.convert(nil)
	if err != nil {
		b.Fatal(err)
	}
	v := newSiteViews(bl.cfg, bl.site, bl.theme)
	for i := range bl.site.Articles {
		v.setArticle(i, docs[i], bl.pageFig[i])
	}
	var buf bytes.Buffer
	partials := render.NewPartials() // one per build, as builder.write does
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		buf.Reset()
		d := v.articlePage(bl.site.Articles[i%len(bl.site.Articles)])
		d.UsePartials(partials)
		if err := bl.theme.Execute(&buf, "article", d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild builds a generated site of 1,000 text articles into
// memory: every stage but the disk.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	fsys := siteFS(b, dir)
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := buildMem(b, fsys, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildCharts500 builds, with no chart cache, a generated site
// whose one article has 500 chart blocks (those of the corpus's first 500
// articles): the SVG drawings and PNG copies of one page's charts.
func BenchmarkBuildCharts500(b *testing.B) {
	benchCharts(b, 1, 500)
}

// BenchmarkBuildCharts200Articles builds, with no chart cache, a generated
// site of 200 articles of one chart each: many pages' charts at once.
func BenchmarkBuildCharts200Articles(b *testing.B) {
	benchCharts(b, 200, 1)
}

// benchCharts builds a corpus of articles, each with perArticle charts.
func benchCharts(b *testing.B, articles, perArticle int) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: articles, Charts: true, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if perArticle > 1 {
		writeChartsArticle(b, dir, perArticle)
	}
	fsys := siteFS(b, dir)
	for b.Loop() {
		_, res, err := buildMem(b, fsys, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if want := articles * perArticle; res.Charts.Rendered < want || res.Charts.PNGRendered != 2*want {
			b.Fatalf("%+v charts drawn; want %d charts and %d PNGs", res.Charts, want, 2*want)
		}
	}
}

// writeChartsArticle makes the corpus's first article in dir one of n
// charts: the chart blocks of the corpus's first n articles.
func writeChartsArticle(tb testing.TB, dir string, n int) {
	tb.Helper()
	const fence = "```chart\n"
	post := corpus.Post(0, corpus.Options{Charts: true, Seed: 1})
	var src bytes.Buffer
	src.Write(post[:bytes.Index(post, []byte(fence))])
	for i := range n {
		p := corpus.Post(i, corpus.Options{Charts: true, Seed: 1})
		start := bytes.Index(p, []byte(fence))
		end := start + len(fence) + bytes.Index(p[start+len(fence):], []byte("```\n")) + len("```\n")
		src.Write(p[start:end])
		src.WriteString("\n")
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(corpus.PostPath(0))), src.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}
