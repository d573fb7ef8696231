package build

import (
	"bytes"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestDeterministicCorpus builds a generated site of a few hundred articles,
// each with a chart and an inline figure, with one worker and with several,
// and wants the same bytes in every file.
func TestDeterministicCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 300 articles with charts twice")
	}
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 300, Charts: true, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	fsys := siteFS(t, dir)
	// Few feed items keep the PNG copies (the slow part) few.
	cfg := fsys["site.yaml"]
	cfg.Data = bytes.Replace(cfg.Data, []byte("feeds: {items: 20}"), []byte("feeds: {items: 2}"), 1)
	one, res, err := buildMem(t, fsys, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 300 || res.Charts.Rendered != 301 || res.Charts.PNGRendered == 0 {
		t.Fatalf("built %d articles, %+v charts; want 300 articles with a chart each, the preview of their dataset, and some PNGs", res.Articles, res.Charts)
	}
	many, _, err := buildMem(t, fsys, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, one, many)
}

// TestDeterministicManyCharts builds an article of a dozen charts, each
// with its PNG copies, with one worker, which draws them one at a time,
// and with four, which draw them in parallel (figure.Page.PrepareCharts),
// and wants the same bytes in every file.
func TestDeterministicManyCharts(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 2, Charts: true, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	writeChartsArticle(t, dir, 12)
	fsys := siteFS(t, dir)
	one, res, err := buildMem(t, fsys, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Charts.PNGRendered != 2*13 {
		t.Fatalf("%+v charts drawn; want the PNGs of 13 charts", res.Charts)
	}
	many, _, err := buildMem(t, fsys, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, one, many)
}
