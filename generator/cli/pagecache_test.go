package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"

	"github.com/tearsheet/tearsheet/generator/output"
)

// buildResult builds the site in dir into dir/public as tearsheet build
// does and returns the build's result.
func buildResult(t *testing.T, dir string) *build.Result {
	t.Helper()
	f := buildFlags{source: dir}
	res, _, err := buildSite(context.Background(), dir, filepath.Join(dir, "public"), f.options(), output.Options{})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// TestPageCache edits a site in the ways that change some or all of its
// articles and checks, after each build, that the build took the articles
// it should from the page cache and that public/ is byte for byte what a
// fresh build makes.
func TestPageCache(t *testing.T) {
	t.Parallel() // see TestMain
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 60, Charts: true, Seed: 7, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	// One feed item, so that most articles are in no feed.
	cfgFile := filepath.Join(dir, "site.yaml")
	cfg, err := os.ReadFile(cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "site.yaml", strings.Replace(string(cfg), "feeds: {items: 20}", "feeds: {items: 1}", 1))
	// An article whose chart reads a CSV by file name, not a dataset of
	// site.yaml: content/data/local.csv, until content/posts/local.csv
	// comes to stand before it.
	write(t, dir, "content/data/local.csv", "date,v\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n")
	write(t, dir, "content/posts/local-data.md", "---\ntitle: Local data\ndate: 2020-06-01\ntags: [rates]\n---\nA chart of a local file.\n\n```chart\ndata: local\ntitle: Local\nseries:\n  - column: v\n```\n\nIt ends at {{ local.v | last }}.\n")

	res := buildResult(t, dir)
	n := res.Articles
	if n != 61 || res.Reused != 0 {
		t.Fatalf("first build: %d articles, %d unchanged; want 61 and 0", n, res.Reused)
	}
	warm := buildResult(t, dir)
	if warm.Parsed != 0 {
		t.Errorf("a warm build parsed %d source files; want none", warm.Parsed)
	}
	if warm.Reused != n || warm.Rendered != 0 {
		t.Fatalf("a warm build made %d of %d articles again and rendered %d templates; want none", n-warm.Reused, n, warm.Rendered)
	}
	if warm.Files != res.Files {
		t.Errorf("a warm build counts %d files, the first %d: a file kept must count once", warm.Files, res.Files)
	}
	sameAsFresh(t, dir)

	steps := []struct {
		name string
		edit func(t *testing.T)
		// most is the most articles the build may make again; -1: every
		// article.
		most int
	}{
		{"nothing", func(t *testing.T) {}, 0},
		{"one article's text", func(t *testing.T) {
			appendTo(t, dir, corpus.PostPath(5), "\nA sentence added later.\n")
		}, 1},
		{"a title, shown by neighbours and related articles", func(t *testing.T) {
			replaceIn(t, dir, corpus.PostPath(9), `title: "Note 9`, `title: "Renamed note 9`)
		}, n},
		{"a dataset's data", func(t *testing.T) {
			appendTo(t, dir, corpus.DatasetFile, "2026-07-01,140,590,150,280,330,8.2\n")
		}, n},
		{"a CSV found by name, shadowed by a nearer one", func(t *testing.T) {
			write(t, dir, "content/posts/local.csv", "date,v\n2020-01-01,7\n2020-02-01,8\n2020-03-01,9\n")
		}, 1},
		{"a new newest article, which feeds now carry", func(t *testing.T) {
			write(t, dir, "content/posts/latest.md", "---\ntitle: Latest\ndate: 2026-11-01\ntags: [rates, value]\n---\nThe newest note, with a chart.\n\n```chart\ndata: markets\ntitle: Gold\nseries:\n  - column: gold\n```\n")
		}, n},
		{"the theme", func(t *testing.T) {
			replaceIn(t, dir, "themes/default/templates/partials/card.html", "<article", "<article data-edited")
		}, -1},
		{"site.yaml", func(t *testing.T) {
			replaceIn(t, dir, "site.yaml", `title: "Corpus Research"`, `title: "Corpus Research Desk"`)
		}, -1},
		{"taxonomies in site.yaml", func(t *testing.T) {
			appendTo(t, dir, "site.yaml", "\ntaxonomies:\n  tickers: {perPage: 1}\n")
		}, -1},
		{"an article with tickers, one named by its chart", func(t *testing.T) {
			write(t, dir, "content/posts/gold.md", "---\ntitle: Gold\ndate: 2019-05-01\ntickers: [GLD, SLV]\nauthors: [A. Writer, B. Writer]\n---\nGold.\n\n```chart\ndata: markets\ntitle: Gold price\nseries:\n  - column: gold\n    ticker: GLD\n```\n")
		}, n},
		{"a newer article names the ticker too", func(t *testing.T) {
			write(t, dir, "content/posts/gold-2.md", "---\ntitle: Gold again\ndate: 2019-06-01\ntickers: [GLD]\n---\nGold again.\n")
		}, n},
		// The newest article's spelling names a term on every page that
		// shows it: the older article's page changes, its file does not.
		{"the newer article spells the ticker another way", func(t *testing.T) {
			replaceIn(t, dir, "content/posts/gold-2.md", "tickers: [GLD]", "tickers: [gld]")
		}, 2},
		{"a chart's ticker removed", func(t *testing.T) {
			replaceIn(t, dir, "content/posts/gold.md", "    ticker: GLD\n", "")
		}, 1},
		{"a page deleted from public/ by hand", func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(dir, "public", "2021")); err != nil {
				t.Fatal(err)
			}
		}, n},
		{"a page changed in public/ by hand", func(t *testing.T) {
			page := filepath.Join(dir, "public", filepath.FromSlash(outOf(t, res, corpus.PostPath(3))))
			if err := os.WriteFile(page, []byte("<p>changed</p>"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, 1},
		// An article's search fragment is one of its files; the index's
		// other files are kept together while every article is unchanged.
		{"a search fragment deleted from public/ by hand", func(t *testing.T) {
			removeOne(t, filepath.Join(dir, "public", "search", "f"))
		}, 1},
		{"a file of the search index deleted from public/ by hand", func(t *testing.T) {
			removeOne(t, filepath.Join(dir, "public", "search", "t"))
		}, 0},
		{"a corrupt page cache", func(t *testing.T) {
			corrupt(t, pageCacheFile(dir, filepath.Join(dir, "public")))
		}, -1},
		{"a corrupt query store", func(t *testing.T) {
			corrupt(t, strings.TrimSuffix(pageCacheFile(dir, filepath.Join(dir, "public")), ".pages")+".queries")
		}, 0},
	}
	// The source files each step's build parses, the others being the
	// last build's (-1: every one): those edited, or all when the
	// front-matter schema or the page cache changed.
	parses := map[string]int{
		"one article's text": 1, "a title, shown by neighbours and related articles": 1,
		"a new newest article, which feeds now carry": 1, "taxonomies in site.yaml": -1,
		"an article with tickers, one named by its chart": 1, "a newer article names the ticker too": 1,
		"the newer article spells the ticker another way": 1, "a chart's ticker removed": 1,
		"a corrupt query store": -1,
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.edit(t)
			res := buildResult(t, dir)
			if want := parses[st.name]; want >= 0 && res.Parsed != want || want < 0 && res.Parsed != res.Articles+res.Pages {
				t.Errorf("parsed %d of %d source files; want %d (-1: all)", res.Parsed, res.Articles+res.Pages, want)
			}
			made := res.Articles - res.Reused
			switch {
			case st.most < 0 && res.Reused != 0:
				t.Errorf("%d of %d articles taken from the page cache; want none", res.Reused, res.Articles)
			case st.most >= 0 && made > st.most:
				t.Errorf("made %d of %d articles again; want at most %d", made, res.Articles, st.most)
			}
			sameAsFresh(t, dir)
			if again := buildResult(t, dir); again.Reused != again.Articles || again.Rendered != 0 || again.Parsed != 0 {
				t.Errorf("the build after: made %d of %d articles again, rendered %d templates and parsed %d files; want none", again.Articles-again.Reused, again.Articles, again.Rendered, again.Parsed)
			}
		})
	}
}

// corrupt flips the bits of a byte in the middle of the file.
func corrupt(t *testing.T, file string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// outOf returns the output page made from the source file src.
func outOf(t *testing.T, res *build.Result, src string) string {
	t.Helper()
	for out, s := range res.Sources {
		if s == src {
			return out
		}
	}
	t.Fatalf("no page made from %s", src)
	return ""
}

// appendTo adds text at the end of the file name of dir.
func appendTo(t *testing.T, dir, name, text string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, name, string(b)+text)
}

// replaceIn replaces old, which must be there, with new in the file name of dir.
func replaceIn(t *testing.T, dir, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	write(t, dir, name, strings.Replace(string(b), old, new, 1))
}

// removeOne removes the first file of dir, by name.
func removeOne(t *testing.T, dir string) {
	t.Helper()
	names, err := os.ReadDir(dir)
	if err != nil || len(names) == 0 {
		t.Fatalf("%s: %v, %d files", dir, err, len(names))
	}
	if err := os.Remove(filepath.Join(dir, names[0].Name())); err != nil {
		t.Fatal(err)
	}
}
