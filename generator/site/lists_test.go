package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

func titles(ps []*Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return strings.Join(out, ",")
}

func TestArchivesAndRelated(t *testing.T) {
	cfg := config.Default()
	files := []*content.File{
		article("content/posts/a.md", "A", "2024-05-02", "x", "y"),
		article("content/posts/b.md", "B", "2024-05-20", "x"),
		article("content/posts/c.md", "C", "2024-02-01", "x", "y"),
		article("content/posts/d.md", "D", "2023-11-10", "y"),
		article("content/posts/e.md", "E", "2022-01-01", "z"),
	}
	s, err := New(cfg, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var years []string
	for _, y := range s.Years {
		var ms []string
		for _, m := range y.Months {
			ms = append(ms, fmt.Sprintf("%s:%s", m.Path, titles(m.Articles)))
		}
		years = append(years, fmt.Sprintf("%s[%s]", y.Path, strings.Join(ms, " ")))
	}
	if got, want := strings.Join(years, " "), "/2024/[/2024/05/:B,A /2024/02/:C] /2023/[/2023/11/:D] /2022/[/2022/01/:E]"; got != want {
		t.Errorf("archives\n got %s\nwant %s", got, want)
	}
	related := map[string]string{}
	for _, p := range s.Articles {
		related[p.Title] = titles(p.Related)
	}
	// A shares x and y with C (2 tags), then x with B and y with D (newer first).
	for title, want := range map[string]string{"A": "C,B,D", "B": "A,C", "C": "A,B,D", "D": "A,C", "E": ""} {
		if related[title] != want {
			t.Errorf("related(%s) = %s, want %s", title, related[title], want)
		}
	}
}

func TestRelatedAtMost(t *testing.T) {
	var files []*content.File
	for i := range 10 {
		files = append(files, article(fmt.Sprintf("content/posts/p%d.md", i), fmt.Sprintf("P%d", i), fmt.Sprintf("2024-01-%02d", i+1), "all"))
	}
	s, err := New(config.Default(), files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(s.Articles[0].Related); got != "P8,P7,P6,P5" {
		t.Errorf("related = %s", got)
	}
}

// TestRelatedEveryPair lays out sites of random articles, tags and dates
// (many on one day) and checks each article's related articles against
// every other article ranked by tags shared, then Articles order, as
// related's doc says; related counts only the pairs of tags and the front
// of each tag's list, on several goroutines.
func TestRelatedEveryPair(t *testing.T) {
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var files []*content.File
		for i := range 300 {
			var tags []string
			for range rng.IntN(5) {
				tags = append(tags, fmt.Sprintf("t%d", rng.IntN(8)))
			}
			date := fmt.Sprintf("2024-%02d-%02d", 1+rng.IntN(3), 1+rng.IntN(28))
			files = append(files, article(fmt.Sprintf("content/posts/p%03d.md", i), fmt.Sprintf("P%d", i), date, tags...))
		}
		s, err := New(config.Default(), files, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Articles {
			shared := func(q *Page) int {
				n := 0
				for _, t := range p.Tags {
					if slices.Contains(q.Tags, t) {
						n++
					}
				}
				return n
			}
			var want []*Page
			for _, q := range s.Articles {
				if q != p && shared(q) > 0 {
					want = append(want, q)
				}
			}
			slices.SortStableFunc(want, func(a, b *Page) int { return shared(b) - shared(a) }) // Articles order within a count
			want = want[:min(len(want), RelatedMax)]
			if g, w := titles(p.Related), titles(want); g != w {
				t.Fatalf("seed %d: related(%s) = %s, want %s", seed, p.Title, g, w)
			}
		}
	}
}

// BenchmarkRelated10k lays out 10,000 articles that all share one tag, the
// worst case for related articles, plus a few smaller tags each.
func BenchmarkRelated10k(b *testing.B) {
	var files []*content.File
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10000 {
		d := start.Add(time.Duration(i) * 12 * time.Hour).Format("2006-01-02T15:04")
		files = append(files, article(fmt.Sprintf("content/posts/p%05d.md", i), fmt.Sprintf("P%d", i), d, "markets", fmt.Sprintf("t%d", i%50), fmt.Sprintf("u%d", i%7)))
	}
	b.ResetTimer()
	for range b.N {
		if _, err := New(config.Default(), files, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRankingRelated lays out a site after each of a series of edits, each
// given the last one's Ranking, and checks each layout's related articles
// against New without one.
func TestRankingRelated(t *testing.T) {
	files := []*content.File{
		article("content/posts/a.md", "A", "2024-05-02", "x", "y"),
		article("content/posts/b.md", "B", "2024-05-20", "x"),
		article("content/posts/c.md", "C", "2024-02-01", "x", "y"),
		article("content/posts/d.md", "D", "2023-11-10", "y"),
		article("content/posts/e.md", "E", "2022-01-01", "z"),
	}
	steps := []struct {
		name     string
		edit     func()
		computed bool // the last Ranking cannot serve this layout
	}{
		{"first", func() {}, true},
		{"same", func() {}, false},
		{"retitled", func() { files[0].Meta.Title = "A2" }, false},
		{"tag added", func() { files[1].Meta.Tags = append(files[1].Meta.Tags, "y") }, true},
		{"redated", func() { files[4] = article("content/posts/e.md", "E", "2024-06-01", "z") }, true},
		{"renamed path, same place", func() { files[3] = article("content/posts/d2.md", "D", "2023-11-10", "y") }, false},
		{"tags reordered", func() { files[2].Meta.Tags = []string{"y", "x"} }, true},
		{"deleted", func() { files = files[1:] }, true},
	}
	var prior *Ranking
	for _, st := range steps {
		st.edit()
		got, err := New(config.Default(), files, Options{Ranking: prior})
		if err != nil {
			t.Fatal(err)
		}
		want, err := New(config.Default(), files, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range got.Articles {
			if g, w := titles(p.Related), titles(want.Articles[i].Related); g != w {
				t.Errorf("%s: related(%s) = %s, want %s", st.name, p.Title, g, w)
			}
		}
		if computed := got.Ranking != prior; computed != st.computed {
			t.Errorf("%s: related computed = %v, want %v", st.name, computed, st.computed)
		}
		if got.Ranking == nil {
			t.Fatalf("%s: the site has no Ranking", st.name)
		}
		prior = got.Ranking
	}
}
