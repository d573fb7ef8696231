package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

// benchSite writes a generated site of n articles with the default theme.
func benchSite(b testing.TB, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: n, Seed: 1, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// basicSite copies testdata/sites/basic with the default theme.
func basicSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.CopyDir("testdata/sites/basic", dir); err != nil {
		t.Fatal(err)
	}
	if err := corpus.CopyDir(filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// BenchmarkSessionArticleEdit measures a Session rebuild after one article
// of a 1,000-article site changed.
func BenchmarkSessionArticleEdit(b *testing.B) { benchSessionEdit(b, 1000) }

// BenchmarkSessionArticleEdit10k is the same at 10,000 articles.
func BenchmarkSessionArticleEdit10k(b *testing.B) { benchSessionEdit(b, 10000) }

// BenchmarkSessionRetitle10k measures a Session rebuild after one article
// of a 10,000-article site got a new title, which its neighbours, lists and
// feeds show.
func BenchmarkSessionRetitle10k(b *testing.B) {
	benchSessionChange(b, 10000, func(dir string, i int) error { return corpus.Retitle(dir, 7, i) })
}

// BenchmarkSessionSummaryEdit10k measures an edit of an article's summary,
// which its card and feed items show but the layout does not read.
func BenchmarkSessionSummaryEdit10k(b *testing.B) {
	benchSessionChange(b, 10000, func(dir string, i int) error { return corpus.Summarize(dir, 7, i) })
}

// BenchmarkSessionRetag10k measures an edit of an article's tags, which
// changes the site's layout: a full build, with what the Session kept.
func BenchmarkSessionRetag10k(b *testing.B) { benchSessionChange(b, 10000, retag) }

func benchSessionEdit(b *testing.B, n int) {
	benchSessionChange(b, n, func(dir string, i int) error { return corpus.Edit(dir, 7, i) })
}

func benchSessionChange(b *testing.B, n int, change func(dir string, i int) error) {
	benchSessionChangeIn(b, benchSite(b, n), change)
}

// benchSessionChangeIn measures a Session rebuild of the site in dir after
// change, which edits the corpus's article 7.
func benchSessionChangeIn(b *testing.B, dir string, change func(dir string, i int) error) {
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		if err := change(dir, i); err != nil {
			b.Fatal(err)
		}
		res, _, err := s.Build(context.Background(), []string{corpus.PostPath(7)})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.Logf("converted %d, rendered %d, changed %d files", res.Converted, res.Rendered, len(res.Changed))
		}
	}
}

// BenchmarkFullBuild measures a one-off Build of a 1,000-article site.
func BenchmarkFullBuild(b *testing.B) {
	dir := benchSite(b, 1000)
	fsys := os.DirFS(dir)
	for b.Loop() {
		if _, _, err := buildMem(b, fsys, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSessionMatchesBuild edits a site step by step and checks after each
// step that a Session's incremental build writes exactly what a fresh Build
// writes, and that Changed names exactly the files that differ.
func TestSessionMatchesBuild(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"article edit", func() { e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed sharply") }, []string{"content/posts/first-note.md"}, "", true},
		{"page edit", func() { e.edit("content/about.md", "\n---\n", "\n---\nEdited. ") }, []string{"content/about.md"}, "", true},
		// The redirect from the page's alias shows its title.
		{"page title edit", func() { e.edit("content/about.md", "title: About", "title: About us") }, []string{"content/about.md"}, "", true},
		// A page in a folder with a date is warned about, by the date's
		// line: a line added above it moves the warning, which a quick
		// build, keeping the site's warnings, would not.
		{"dated page", func() { e.put("content/notes/dated.md", "---\ntitle: Dated\ndate: 2024-02-01\n---\nA page.\n") }, []string{"content/notes/dated.md"}, "", false},
		{"dated page's date line moved", func() {
			e.put("content/notes/dated.md", "---\ntitle: Dated\n# Kept as a page.\ndate: 2024-02-01\n---\nA page, edited.\n")
		}, []string{"content/notes/dated.md"}, "", false},
		{"new article", func() {
			e.put("content/posts/new-one.md", "---\ntitle: New one\ndate: 2024-05-01\ntags: [equities]\n---\nFresh text.\n")
		}, []string{"content/posts/new-one.md"}, "", false},
		{"broken front matter", func() { e.put("content/posts/new-one.md", "---\ntitle: [New\n---\n") }, []string{"content/posts/new-one.md"}, "content/posts/new-one.md:2:", false},
		{"fixed", func() {
			e.put("content/posts/new-one.md", "---\ntitle: New one, fixed\ndate: 2024-05-01\n---\nFresh text; the rate is {{ policy.rate | last | percent:2 }}.\n")
		}, []string{"content/posts/new-one.md"}, "", false},
		// figures.lock is an input of the articles it records: the figure
		// shows its recorded and its current value, with a revision.
		{"lock recorded", func() {
			e.put("figures.lock", "article \"content/posts/new-one.md\"\nfigure \"policy.rate | last | percent:2\" \"9.99%\"\n")
		}, []string{"figures.lock"}, "", false},
		{"locked article edited", func() { e.edit("content/posts/new-one.md", "Fresh text;", "Fresher text;") }, []string{"content/posts/new-one.md"}, "", true},
		// The title shows in the cards of every list, the older and newer
		// links of its neighbours, the related links of articles sharing a
		// tag, the tag pages and the feeds.
		{"title edit", func() {
			e.edit("content/posts/first-note.md", "title: \"First note:", "title: \"First note, retitled:")
		}, []string{"content/posts/first-note.md"}, "", true},
		// A neighbour of the retitled article edited at the same time.
		{"title and neighbour's text", func() {
			e.edit("content/posts/first-note.md", "title: \"First note, retitled:", "title: \"First note, again:")
			e.edit("content/posts/rates-bundle/index.md", "\n---\n", "\n---\nEdited too. ")
		}, []string{"content/posts/first-note.md", "content/posts/rates-bundle/index.md"}, "", true},
		// A disclosure is front matter that neither the layout nor the
		// conversion reads (the second step moves no line of the body or
		// summary): the article's view shows it.
		{"disclosures line", func() {
			e.edit("content/posts/first-note.md", "summary: \"A short note on", "disclosures: []\nsummary: \"A short note on")
			e.edit("content/posts/first-note.md", "Breadth narrowed sharply", "Breadth narrowed")
		}, []string{"content/posts/first-note.md"}, "", true},
		{"disclosure added", func() {
			e.edit("content/posts/first-note.md", "disclosures: []", "disclosures: [\"The author holds an index fund.\"]")
		}, []string{"content/posts/first-note.md"}, "", true},
		// The summary is not part of the layout: the build is quick, and
		// the lists, feeds and pages that show the article's card follow.
		{"summary edit", func() { e.edit("content/posts/first-note.md", "A short note on", "A shorter note on") }, []string{"content/posts/first-note.md"}, "", true},
		// The summary's markdown, converted with the body, changes
		// while the body does not: the kept document is not the page's.
		{"summary markdown", func() {
			e.edit("content/posts/first-note.md", "A shorter note on market breadth.", "A **shorter** note on [market breadth](#why-breadth-matters).")
		}, []string{"content/posts/first-note.md"}, "", true},
		{"summary markdown removed", func() {
			e.edit("content/posts/first-note.md", "A **shorter** note on [market breadth](#why-breadth-matters).", "A shorter note on market breadth.")
		}, []string{"content/posts/first-note.md"}, "", true},
		// A line added to the front matter above the date moves the date's
		// line only: the layout is the same, and the build is quick.
		{"date line moved", func() {
			e.edit("content/posts/first-note.md", "\ndate: 2024-01-15", "\n# Reviewed on 2024-01-16.\ndate: 2024-01-15")
			e.edit("content/posts/first-note.md", "A shorter note on", "A note on")
		}, []string{"content/posts/first-note.md"}, "", true},
		{"date line moved back, title edited", func() {
			e.edit("content/posts/first-note.md", "\n# Reviewed on 2024-01-16.", "")
			e.edit("content/posts/first-note.md", "title: \"First note, again:", "title: \"First note, once more:")
		}, []string{"content/posts/first-note.md"}, "", true},
		// Moves the article to the top of every list and into another year
		// and month: the old month's page goes.
		{"date edit", func() { e.edit("content/posts/first-note.md", "date: 2024-01-15", "date: 2024-07-02") }, []string{"content/posts/first-note.md"}, "", false},
		{"tag added", func() {
			e.edit("content/posts/rates-bundle/index.md", "tags: [Monetary policy, equities]", "tags: [Monetary policy, equities, Breadth]")
		}, []string{"content/posts/rates-bundle/index.md"}, "", false},
		{"tag renamed", func() { e.edit("content/posts/rates-bundle/index.md", "Monetary policy,", "Policy,") }, []string{"content/posts/rates-bundle/index.md"}, "", false},
		{"draft published", func() { e.edit("content/posts/draft-idea.md", "draft: true", "draft: false") }, []string{"content/posts/draft-idea.md"}, "", false},
		{"deleted article", func() { e.remove("content/posts/first-note.md") }, []string{"content/posts/first-note.md"}, "", false},
		{"template edit", func() { e.edit("themes/default/templates/partials/footer.html", "</footer>", "<p>edited</p></footer>") }, []string{"themes/default/templates/partials/footer.html"}, "", false},
		{"card template edit", func() { e.edit("themes/default/templates/partials/card.html", "</", "<span>card</span></") }, []string{"themes/default/templates/partials/card.html"}, "", false},
		// A theme that does not load while a chart's article is edited:
		// the article converted then has no figures, and must not be kept.
		{"broken template and an edit", func() {
			e.edit("themes/default/templates/partials/footer.html", "</footer>", "{{ if }}</footer>")
			e.edit("content/posts/rates-bundle/index.md", "\n---\n", "\n---\nBroken theme. ")
		}, []string{"themes/default/templates/partials/footer.html", "content/posts/rates-bundle/index.md"}, "footer.html", false},
		{"template fixed", func() {
			e.edit("themes/default/templates/partials/footer.html", "{{ if }}</footer>", "<p>fixed</p></footer>")
		}, []string{"themes/default/templates/partials/footer.html"}, "", false},
		{"layout override", func() { e.put("layouts/404.html", "{{define \"main\"}}<p>Lost.</p>{{end}}\n") }, []string{"layouts"}, "", false},
		{"static edit", func() { e.put("static/robots.txt", "User-agent: *\n") }, []string{"static/robots.txt"}, "", false},
		{"stylesheet edit", func() { e.edit("themes/default/static/css/main.css", "}", "}\n/* edited */") }, []string{"themes/default/static/css/main.css"}, "", false},
		{"dataset edit", func() { e.edit("content/data/policy.csv", "2024-01-01,5.33", "2024-01-01,5.08") }, []string{"content/data/policy.csv"}, "", false},
		{"lock removed", func() { e.remove("figures.lock") }, []string{"figures.lock"}, "", false},
		// A CSV read by file name from content/data, then one nearer the
		// article that the same name now finds.
		{"data by name", func() {
			e.put("content/data/extra.csv", "date,v\n2024-01-01,1\n2024-02-01,2\n")
			e.put("content/posts/by-name.md", "---\ntitle: By name\ndate: 2024-04-01\n---\nIt ends at {{ extra.v | last | number:0 }}.\n")
		}, []string{"content/data/extra.csv", "content/posts/by-name.md"}, "", false},
		{"data by name, shadowed", func() {
			e.put("content/posts/extra.csv", "date,v\n2024-01-01,7\n2024-02-01,9\n")
		}, []string{"content/posts/extra.csv"}, "", false},
		{"bundle data edit", func() { e.edit("content/posts/rates-bundle/rates.csv", "5.33", "5.50") }, []string{"content/posts/rates-bundle/rates.csv"}, "", false},
		{"bundle renamed", func() {
			if err := os.Rename(filepath.Join(dir, "content/posts/rates-bundle"), filepath.Join(dir, "content/posts/rates")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/posts/rates-bundle", "content/posts/rates"}, "", false},
		{"config edit", func() { e.edit("site.yaml", "perPage: 2", "perPage: 1") }, []string{"site.yaml"}, "", false},
	}
	// The work a change needs, and no more: markdown converted, templates
	// executed (-1: any number; -2: at least one).
	wantWork := map[string][2]int{
		"article edit": {1, 8}, // the article and its email edition, and the home, tag (2), author, year and month pages that list it
		"static edit":  {0, 0},
		// new-one reads content/data/policy.csv only through the dataset
		// name "policy": the edit must still convert it again.
		"dataset edit":  {1, -1},
		"template edit": {1, -2}, // the article with a chart: its figure is drawn through the templates
	}
	runSession(t, dir, Options{Now: fixedNow, Drafts: true}, steps, wantWork)
}

// TestSessionMatchesBuildCorpus does the same on a generated site large
// enough to paginate every list, with the garbage collector running often:
// what a Session keeps must not depend on where values were allocated.
func TestSessionMatchesBuildCorpus(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	dir := chartSite(t, 40, 3)
	e := editor{t, dir}
	e.edit("site.yaml", "perPage: 10", "perPage: 3") // every tag and month paginates
	post := func(i int) string { return corpus.PostPath(i) }
	title := func(i int) string {
		b, err := os.ReadFile(filepath.Join(dir, post(i)))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "title: ") {
				return l
			}
		}
		t.Fatalf("%s has no title", post(i))
		return ""
	}
	date := func(i int) string {
		b, _ := os.ReadFile(filepath.Join(dir, post(i)))
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "date: ") {
				return l
			}
		}
		t.Fatalf("%s has no date", post(i))
		return ""
	}
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"body edit", func() {
			if err := corpus.Edit(dir, 7, 0); err != nil {
				t.Fatal(err)
			}
		}, []string{post(7)}, "", true},
		{"body edit, again", func() {
			if err := corpus.Edit(dir, 7, 1); err != nil {
				t.Fatal(err)
			}
		}, []string{post(7)}, "", true},
		// The summary shows in cards, feeds and the search index.
		{"summary text edit", func() { e.edit(post(9), "<!--more-->", "A new last sentence.\n\n<!--more-->") }, []string{post(9)}, "", true},
		{"chart removed", func() { e.edit(post(5), "```chart\n", "```text\n") }, []string{post(5)}, "", true},
		{"chart back", func() { e.edit(post(5), "```text\n", "```chart\n") }, []string{post(5)}, "", true},
		{"broken chart", func() { e.edit(post(5), "data: markets", "data: nosuch") }, []string{post(5)}, "nosuch", true},
		// After a quick build that failed, the fix is quick too.
		{"fixed chart", func() {
			e.edit(post(5), "data: nosuch", "data: markets")
			e.edit(post(5), "<!--more-->", "Fixed.\n\n<!--more-->")
		}, []string{post(5)}, "", true},
		{"two body edits", func() {
			e.edit(post(2), "<!--more-->", "Two.\n\n<!--more-->")
			e.edit(post(4), "<!--more-->", "Four.\n\n<!--more-->")
		}, []string{post(2), post(4), post(2)}, "", true},
		{"page edit", func() { e.edit("content/about.md", "The data is synthetic.", "The data is made up.") }, []string{"content/about.md"}, "", true},
		{"title edit", func() { e.edit(post(7), title(7), "title: \"Renamed & <b>bold</b>\"") }, []string{post(7)}, "", true},
		{"title edit, another", func() { e.edit(post(33), title(33), "title: \"Another new title\"") }, []string{post(33)}, "", true},
		{"date edit", func() { e.edit(post(3), date(3), "date: 2026-10-20T10:00:00Z") }, []string{post(3)}, "", false},
		{"date edit, back in time", func() { e.edit(post(3), "date: 2026-10-20T10:00:00Z", "date: 2001-03-05T10:00:00Z") }, []string{post(3)}, "", false},
		{"two edits", func() {
			if err := corpus.Edit(dir, 11, 1); err != nil {
				t.Fatal(err)
			}
			e.edit(post(12), title(12), "title: \"Twelve\"")
		}, []string{post(11), post(12)}, "", true},
		// The new line moves the date's: still quick.
		{"title and summary", func() {
			e.edit(post(12), "title: \"Twelve\"", "title: \"Twelve, again\"\nsummary: \"A summary now.\"")
		}, []string{post(12)}, "", true},
		{"deleted", func() { e.remove(post(20)) }, []string{post(20)}, "", false},
		{"added", func() {
			e.put("content/posts/added.md", "---\ntitle: Added\ndate: 2026-06-01\ntags: [macro, rates]\n---\nNew.\n")
		}, []string{"content/posts/added.md"}, "", false},
		// The newest article is in every feed it can be in, with PNGs.
		{"chart added, newest", func() {
			e.edit("content/posts/added.md", "New.\n", "New.\n\n```chart\ndata: markets\ntitle: Added\nseries:\n  - column: "+corpus.DatasetColumns[0]+"\n```\n")
		}, []string{"content/posts/added.md"}, "", true},
		// Lands on the last page of its lists: the first pages show the
		// same articles, under a new count.
		{"added, oldest", func() {
			e.put("content/posts/oldest.md", "---\ntitle: Oldest\ndate: 2000-01-01\ntags: [macro, rates]\n---\nOld.\n")
		}, []string{"content/posts/oldest.md"}, "", false},
		{"tag added, oldest", func() { e.edit("content/posts/oldest.md", "[macro, rates]", "[macro, rates, bonds]") }, []string{"content/posts/oldest.md"}, "", false},
		{"nothing known", func() {
			if err := corpus.Edit(dir, 30, 2); err != nil {
				t.Fatal(err)
			}
		}, nil, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, nil)
}

// sessionStep is one change to a site and what a watcher reports of it.
type sessionStep struct {
	name    string
	change  func()
	changed []string // what a watcher reports; nil: unknown
	wantErr string
	quick   bool // the build must be a quick one (quickFrom)
}

// runSession runs steps through one Session and checks each build against
// a fresh Build, and the work done against wantWork (converted, rendered;
// -1 any, -2 at least one) for the steps it names.
func runSession(t *testing.T, dir string, opts Options, steps []sessionStep, wantWork map[string][2]int) {
	t.Helper()
	s := NewSession(os.DirFS(dir), opts)
	refCharts := figure.NewMemCache()
	var prev *output.Memory
	for _, st := range steps {
		st.change()
		res, got, err := s.Build(context.Background(), st.changed)
		if s.quick != st.quick {
			t.Errorf("%s: quick build %v, want %v", st.name, s.quick, st.quick)
		}
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Fatalf("%s: error %v, want one naming %s", st.name, err, st.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		fresh := opts
		fresh.Cache = refCharts // its own, shared with no Session
		want, wantRes, err := buildMem(t, os.DirFS(dir), fresh)
		if err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		if !slices.Equal(res.Warnings, wantRes.Warnings) {
			t.Errorf("%s: warnings\n%s\nwant\n%s", st.name, strings.Join(res.Warnings, "\n"), strings.Join(wantRes.Warnings, "\n"))
		}
		t.Run(st.name, func(t *testing.T) { sameTrees(t, want, got) })
		if n := len(got.Names()); res.Files != n {
			t.Errorf("%s: Files = %d, want %d", st.name, res.Files, n)
		}
		if w, ok := wantWork[st.name]; ok {
			okR := res.Rendered == w[1] || w[1] == -1 || w[1] == -2 && res.Rendered > 0
			if res.Converted != w[0] || !okR {
				t.Errorf("%s: converted %d and rendered %d, want %d and %d", st.name, res.Converted, res.Rendered, w[0], w[1])
			}
		}
		if prev != nil {
			if d := diff(prev, got); strings.Join(d, " ") != strings.Join(res.Changed, " ") {
				t.Errorf("%s: Changed = %v, want %v", st.name, res.Changed, d)
			}
			if len(res.Changed) == 0 {
				t.Errorf("%s: nothing changed", st.name)
			}
		}
		prev = got
	}
}

// editor changes the files of a site in a folder.
type editor struct {
	t   *testing.T
	dir string
}

func (e editor) put(name, text string) {
	e.t.Helper()
	p := filepath.Join(e.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

func (e editor) edit(name, old, new string) {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(name)))
	if err != nil {
		e.t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		e.t.Fatalf("%s lacks %q", name, old)
	}
	e.put(name, strings.Replace(string(b), old, new, 1))
}

func (e editor) remove(name string) {
	e.t.Helper()
	if err := os.RemoveAll(filepath.Join(e.dir, filepath.FromSlash(name))); err != nil {
		e.t.Fatal(err)
	}
}

// diff lists the names whose bytes differ between two builds, including
// names only one of them has, sorted: what Result.Changed must say.
func diff(old, cur *output.Memory) []string {
	var out []string
	names := cur.Names()
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		seen[n] = true
		b, _ := cur.Get(n)
		if old == nil {
			out = append(out, n)
			continue
		}
		if a, ok := old.Get(n); !ok || !bytes.Equal(a, b) {
			out = append(out, n)
		}
	}
	if old != nil {
		for _, n := range old.Names() {
			if !seen[n] {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestSessionClock checks that a Session whose clock passes an article's
// date builds in full (the article appears), and quickly again after; and
// that a quick build lets go of replaced pages once they are too many
// (see TestSessionLetsGoOfReplacedPages).
// clockStep builds with s, its clock set to now, after post was edited:
// the build is quick or not as quick says, and gives what a fresh build
// at now gives.
func clockStep(t *testing.T, s *Session, dir, post string, now time.Time, quick bool, i int) {
	t.Helper()
	s.opts.Now = now
	_, got, err := s.Build(context.Background(), []string{post})
	if err != nil {
		t.Fatal(err)
	}
	if s.quick != quick {
		t.Errorf("build %d at %v: quick %v, want %v", i, now, s.quick, quick)
	}
	want, _, err := buildMem(t, os.DirFS(dir), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, want, got)
}

func TestSessionClock(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	future := time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC) // content/posts/future-note.md
	s := NewSession(os.DirFS(dir), Options{Now: future.Add(-time.Hour)})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for i, st := range []struct {
		now   time.Time
		quick bool
	}{
		{future.Add(-time.Minute), true},
		{future, false}, // the article's time: it is shown
		{future.Add(time.Hour), true},
		{future.Add(-time.Hour), false}, // the clock went back
	} {
		e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed again,")
		clockStep(t, s, dir, "content/posts/first-note.md", st.now, st.quick, i)
	}
}

// TestSessionQuickBuildFails checks that a quick build that fails returns
// cleanly, with no output, and that the next builds, the fix among them,
// match a fresh build, also when the watcher reports other files than the
// broken one in between.
func TestSessionQuickBuildFails(t *testing.T) {
	dir := chartSite(t, 6, 5)
	e := editor{t, dir}
	post, other := corpus.PostPath(2), corpus.PostPath(4)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	// After a quick build that failed the next is quick too, with the
	// changes of both: the fix of a typo costs what the typo did.
	for _, st := range []struct {
		name    string
		change  func()
		changed string
		wantErr string
		quick   bool
	}{
		{"broken chart", func() { e.edit(post, "data: markets", "data: nosuch") }, post, "nosuch", true},
		{"still broken", func() { e.edit(post, "<!--more-->", "Still.\n\n<!--more-->") }, post, "nosuch", true},
		// The watcher reports only the other file: post is still broken.
		{"another article edited", func() { e.edit(other, "<!--more-->", "Other.\n\n<!--more-->") }, other, "nosuch", true},
		{"fixed", func() { e.edit(post, "data: nosuch", "data: markets") }, post, "", true},
		{"body edit", func() { e.edit(post, "<!--more-->", "Again.\n\n<!--more-->") }, post, "", true},
		{"broken again", func() { e.edit(post, "data: markets", "data: nosuch") }, post, "nosuch", true},
		{"a tag while broken", func() { e.edit(other, "\ntags: [", "\ntags: [\"new-tag\", ") }, other, "nosuch", false},
		{"fixed after a full build", func() { e.edit(post, "data: nosuch", "data: markets") }, post, "", false},
	} {
		st.change()
		_, got, err := s.Build(context.Background(), []string{st.changed})
		if s.quick != st.quick {
			t.Errorf("%s: quick build %v, want %v", st.name, s.quick, st.quick)
		}
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) || got != nil {
				t.Fatalf("%s: output %t and error %v, want no output and an error naming %s", st.name, got != nil, err, st.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		want, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(st.name, func(t *testing.T) { sameTrees(t, want, got) })
	}
}

// TestSessionKeepsOnePerOutput retitles an article again and again with
// quick builds: no build is a full one, what the Session keeps does not
// grow (it keeps one page per output, in place of the one it replaces),
// every build renders the same number of templates, the last equals a
// fresh Build, and a full build after them changes no file and renders
// few templates: the pages the quick builds made are kept. (It renders
// the pages never kept, the archive and the data catalogue's index, and
// the chart pages and email editions of the retitled article's
// neighbours, whose views now hold its new title.)
func TestSessionKeepsOnePerOutput(t *testing.T) {
	dir := chartSite(t, 30, 4)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	first, mem, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	size, rendered := s.cache.store.Len(), 0
	for i := range 8 {
		if err := corpus.Retitle(dir, 12, i); err != nil {
			t.Fatal(err)
		}
		var res *Result
		if res, mem, err = s.Build(context.Background(), []string{corpus.PostPath(12)}); err != nil {
			t.Fatal(err)
		}
		if !s.quick {
			t.Fatalf("retitle %d: a full build", i)
		}
		if i == 0 {
			rendered = res.Rendered
		} else if res.Rendered != rendered {
			t.Errorf("retitle %d rendered %d templates, the first %d", i, res.Rendered, rendered)
		}
		if n := s.cache.store.Len(); n > size {
			t.Errorf("retitle %d: the Session keeps %d values, after the full build %d", i, n, size)
		}
	}
	want, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "after the retitles", mem, want)
	res, _, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.quick || len(res.Changed) > 0 || res.Rendered > first.Rendered/10 {
		t.Errorf("the full build after the retitles: quick %v, changed %v, rendered %d templates of the first build's %d; want a full build that changes nothing and takes most pages",
			s.quick, res.Changed, res.Rendered, first.Rendered)
	}
}
