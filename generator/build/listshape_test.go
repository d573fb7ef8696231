package build

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestSessionListShapes changes what the pages of tag, year and month lists
// show besides their articles (a year's months, a list's number of pages,
// a tag's count in its description) through a Session, each build checked
// against a fresh one (runSession): a page's shape, kept while its list's
// structure is the same (job.shapeOf), follows each change.
func TestSessionListShapes(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.CopyDir("testdata/sites/research", dir); err != nil {
		t.Fatal(err)
	}
	if err := corpus.CopyDir(filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	e := editor{t, dir}
	rates, curve := "content/posts/rates-2023.md", "content/posts/curve-bundle/index.md"
	post := func(name, date, tags string) func() {
		return func() { e.put(name, "---\ntitle: "+name+"\ndate: "+date+"\ntags: ["+tags+"]\n---\nText.\n") }
	}
	jan := func(day int) string { return fmt.Sprintf("content/posts/jan-%d.md", day) }
	april, old1, old2 := "content/posts/april.md", "content/posts/old-1.md", "content/posts/old-2.md"
	added := []string{april, old1, old2}
	// Each step adds articles older than those on the first page of each
	// list it changes, whose views stay the same: only the page's shape
	// tells that the page changed.
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		// 2024 gets April, January and five more articles: four pages of
		// two. Breadth, the older of its first page's, is April's newer.
		{"a year's months and pages", func() {
			post(april, "2024-04-01", "macro")()
			for day := 2; day <= 5; day++ {
				post(jan(day), fmt.Sprintf("2024-01-%02d", day), "macro")()
				added = append(added, jan(day))
			}
		}, []string{april, jan(2), jan(3), jan(4), jan(5)}, "", false},
		// Equities goes from three articles to five, in its description
		// and its pages; the home page from seven pages to eight.
		{"a tag's count and the home's pages", func() {
			post(old1, "2020-01-01", "equities")()
			post(old2, "2020-01-02", "equities")()
		}, []string{old1, old2}, "", false},
		// January gets a fifth article, and a third page; 2024 a fifth
		// page, with the same months.
		{"a month's and a year's pages", func() {
			post(jan(1), "2024-01-01", "macro")()
			added = append(added, jan(1))
		}, []string{jan(1)}, "", false},
		// 2024 gets March, with as many articles.
		{"a year's months", func() { e.edit(jan(5), "date: 2024-01-05", "date: 2024-03-05") }, []string{jan(5)}, "", false},
		{"removed", func() {
			for _, name := range added {
				e.remove(name)
			}
		}, added, "", false},
		// The same tag, spelled another way by every article.
		{"a tag's name", func() {
			e.edit(rates, "tags: [Rates]", "tags: [RATES]")
			e.edit(curve, "tags: [Rates, equities]", "tags: [RATES, equities]")
		}, []string{rates, curve}, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, nil)
}
