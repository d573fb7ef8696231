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
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	f, err := fsys.Open("site.yaml")
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(f, "site.yaml")
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	files, err := content.Load(fsys, content.Options{Location: cfg.Location})
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	first, err := New(cfg, files, Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
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
