package site

import (
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

// TestURLsNoLinkReaches: an article whose title makes an empty :title,
// and a page whose file or folder name holds ?, # or %, are errors naming
// the file, not a URL /2025/03// whose chart files fall outside its folder
// or a page /x?y/ that every link to it would miss. Neither is laid out.
func TestURLsNoLinkReaches(t *testing.T) {
	page := func(p string) *content.File {
		name := strings.TrimSuffix(p[strings.LastIndex(p, "/")+1:], ".md")
		f := &content.File{Path: p, Kind: content.Page, Name: name}
		f.Meta.Title = "P"
		return f
	}
	for _, tc := range []struct {
		permalink string
		file      *content.File
		want      string
	}{
		{"/:title/", article("content/posts/a.md", "???", "2024-01-02"), `content/posts/a.md: permalink /:title/ (site.yaml) makes the URL // of the title "???"`},
		{"/:year/:title.html", article("content/posts/a.md", "¿?", "2024-01-02"), `content/posts/a.md: permalink /:year/:title.html (site.yaml) makes the URL /2024/.html`},
		{"/:year/:month/:slug/", page("content/x?y.md"), `content/x?y.md: the page's URL /x?y/ holds '?'`},
		{"/:year/:month/:slug/", page("content/a#b/c.md"), `content/a#b/c.md: the page's URL /a#b/c/ holds '#'`},
		{"/:year/:month/:slug/", page("content/a%41.md"), `content/a%41.md: the page's URL /a%41/ holds '%'`},
	} {
		cfg := config.Default()
		cfg.Permalink = tc.permalink
		s, err := New(cfg, []*content.File{tc.file}, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s under %s: got %v, want %q", tc.file.Path, tc.permalink, err, tc.want)
		}
		if len(s.Articles)+len(s.Pages) != 0 {
			t.Errorf("%s: laid out anyway", tc.file.Path)
		}
	}
	// A title with a word, or a name that is a URL's part, is fine.
	cfg := config.Default()
	cfg.Permalink = "/:title/"
	if _, err := New(cfg, []*content.File{article("content/posts/a.md", "¿Qué?", "2024-01-02"), page("content/a b.md")}, Options{}); err != nil {
		t.Error(err)
	}
}

// TestClaimNamesFileFirst: a page at the URL of a list the site makes
// itself is an error that starts with the page's file, the one to change,
// whichever claimed the output first.
func TestClaimNamesFileFirst(t *testing.T) {
	f := &content.File{Path: "content/tags.md", Kind: content.Page, Name: "tags"}
	f.Meta.Title = "Tags"
	_, err := New(config.Default(), []*content.File{f, article("content/posts/a.md", "A", "2024-01-02", "x")}, Options{})
	if want := "content/tags.md: output tags/index.html is also written by the tag index"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
}
