package site

import (
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

// FuzzLayout parses a markdown file of any name and front matter, and lays
// out a site of it and one other article under any permalink site.yaml
// accepts: New must not panic, and when the file and the site are accepted
// every output is a clean path inside the site whose URL a link reaches.
func FuzzLayout(f *testing.F) {
	for _, pattern := range []string{"../../content/posts/*.md", "../../content/posts/*/index.md", "../../content/*.md"} {
		names, _ := filepath.Glob(pattern)
		for _, n := range names {
			src, err := os.ReadFile(n)
			if err != nil {
				f.Fatal(err)
			}
			rel, _ := filepath.Rel("../..", n)
			f.Add(filepath.ToSlash(rel), src, "/:year/:month/:slug/")
		}
	}
	f.Add("content/posts/???.md", []byte("---\ntitle: \"???\"\ndate: 2024-01-01\n---\nx\n"), "/:title/")
	f.Add("content/x?y/index.md", []byte("---\ntitle: x\n---\nx\n"), "/:slug.html")
	f.Add("content/posts/a.md", []byte("---\ntitle: A\ndate: 2024-01-01\ntags: [\"a/b\", \"x y\", X]\naliases: [/old/, /old.html]\n---\nx\n"), "/:year/:day/:title/")
	other := article("content/posts/b.md", "B", "2024-03-01", "rates")
	f.Fuzz(func(t *testing.T, p string, src []byte, permalink string) {
		if !strings.HasPrefix(p, content.Dir+"/") || path.Clean(p) != p || !content.IsMarkdown(p) || len(src) > 1<<16 {
			return
		}
		cfg, err := config.Load(strings.NewReader("permalink: "+strconv.Quote(permalink)+"\ntaxonomies: {tickers: {}, asset_classes: {}}\n"), "site.yaml")
		if err != nil {
			return
		}
		file, err := content.ParseWith(p, src, content.Schema{Location: cfg.Location, Taxonomies: []content.Taxonomy{{Key: "tickers"}, {Key: "asset_classes"}}})
		if err != nil || file.Path == other.Path {
			return
		}
		s, err := New(cfg, []*content.File{file, other}, Options{Drafts: true, Future: true})
		if err != nil {
			return
		}
		for out, owner := range s.outputs {
			if out == "" || path.Clean(out) != out || strings.HasPrefix(out, "/") || out == ".." || strings.HasPrefix(out, "../") {
				t.Errorf("%s writes %q, not a clean path inside the site", owner, out)
			}
		}
		for _, pg := range append(append([]*Page(nil), s.Articles...), s.Pages...) {
			if !strings.HasPrefix(pg.Path, "/") || strings.Contains(pg.Path, "//") || strings.ContainsAny(pg.Path, "?#") {
				t.Errorf("%s has the URL %q, which no link reaches", pg.File.Path, pg.Path)
			}
		}
	})
}
