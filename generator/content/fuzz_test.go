package content

import (
	"strings"
	"testing"
	"time"
)

// FuzzParse checks that ParseWith (with taxonomies) never panics, that every error names the
// file, and that a File it returns without error keeps its promises: a
// title, a date for articles, a slug that is a slug.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\ndate: 2024-05-01\n---\nBody.\n",
		"---\ntitle: \"A\"\ndate: 2024-05-01T09:30:00-04:00\nlastmod: 2024-06-01\ntags: [a, b]\nsummary: s\nauthor: x\ndisclosures: [d]\nupdates:\n  - {date: 2024-06-01, note: n}\nparams: {k: v}\n---\n",
		"---\r\ntitle: A\r\ndate: May 1, 2024\r\n---\r\n",
		"\ufeff---\ntitle: A\ndate: 1 May 2024\n---\n",
		"---\ntitle: &a [x]\ndate: *a\n---\n",
		"---\ntitle: A\ndate: 2024-01-01\nslug: Bad Slug\naliases: [../x]\n---\n",
		"---\n...\n",
		"---",
		"---\ntitle: A\ndate: 2024-01-01\ntickers: [SPX, IWM]\nregions: [Europe]\nauthors: [A, B]\n---\n",
		"---\ntitle: A\ndate: 2024-01-01\nticker: SPX\ntickers: [~, {a: b}]\nauthor: A\nauthors: [B]\n---\n",
	} {
		f.Add("content/posts/a.md", s)
	}
	f.Add("content/about.md", "---\ntitle: About\n---\n")
	f.Add("content/posts/b/index.md", "---\ntitle: B\ndate: 2024-01-01\n---\n")
	f.Fuzz(func(t *testing.T, p, src string) {
		if p == "" {
			p = "content/posts/a.md"
		}
		// Taxonomies as site.yaml names them: tickers with a closed list.
		file, err := ParseWith(p, []byte(src), Schema{Taxonomies: []Taxonomy{{Key: "tickers", Terms: []string{"SPX", "IWM"}}, {Key: "regions"}}})
		if err != nil {
			if !strings.HasPrefix(err.Error(), p+":") {
				t.Fatalf("error does not start with the file: %v", err)
			}
			return
		}
		if strings.TrimSpace(file.Meta.Title) == "" {
			t.Fatal("no error and no title")
		}
		if file.Kind == Article && file.Meta.Date.Time.IsZero() {
			t.Fatal("an article without a date and no error")
		}
		if file.Meta.Slug != "" && Slugify(file.Meta.Slug) != file.Meta.Slug {
			t.Fatalf("slug %q accepted", file.Meta.Slug)
		}
		for _, name := range file.Meta.Of("tickers") {
			if name != "SPX" && name != "IWM" {
				t.Fatalf("ticker %q accepted, which the closed list does not hold", name)
			}
		}
		if len(file.Meta.Author) > 0 && len(file.Meta.Authors) > 0 {
			t.Fatal("author and authors accepted together")
		}
	})
}

func TestOpeningLineOnly(t *testing.T) {
	for _, src := range []string{"---", "--- \t", "---\n"} {
		_, err := Parse("content/posts/a.md", []byte(src), time.UTC)
		if err == nil || !strings.Contains(err.Error(), "content/posts/a.md:1: front matter is not closed") {
			t.Errorf("%q: got %v", src, err)
		}
	}
}
