package site

import (
	"os"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// BenchmarkNew10k lays out a generated site of 10,000 articles, as every
// build of the preview server does after a change: plain, and given the
// Ranking of the previous layout.
func BenchmarkNew10k(b *testing.B) {
	cfg, files, first := site10k(b)
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, prior := range []*Ranking{nil, first.Ranking} {
		name := "plain"
		if prior != nil {
			name = "cached"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := New(cfg, files, Options{Now: now, Ranking: prior}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEdit10k copies a laid-out site of 10,000 articles with one
// article's file and title changed, as the preview server's quick build
// does after an edit.
func BenchmarkEdit10k(b *testing.B) {
	_, files, s := site10k(b)
	for b.Loop() {
		s.Edit(map[int]*content.File{7: files[7]})
	}
}

// site10k lays out a generated site of 10,000 articles.
func site10k(b *testing.B) (*config.Config, []*content.File, *Site) {
	return laidOut(b, 10000, 1, nil)
}

// laidOut lays out a generated site of n articles made with seed, whose
// files prepare may change first.
func laidOut(tb testing.TB, n int, seed uint64, prepare func([]*content.File)) (*config.Config, []*content.File, *Site) {
	dir := tb.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: n, Seed: seed}); err != nil {
		tb.Fatal(err)
	}
	fsys := os.DirFS(dir)
	f, err := fsys.Open("site.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	cfg, err := config.Load(f, "site.yaml")
	f.Close()
	if err != nil {
		tb.Fatal(err)
	}
	files, err := content.Load(fsys, content.Options{Location: cfg.Location})
	if err != nil {
		tb.Fatal(err)
	}
	if prepare != nil {
		prepare(files)
	}
	s, err := New(cfg, files, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	return cfg, files, s
}
