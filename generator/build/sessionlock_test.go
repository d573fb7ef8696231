package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/lock"
)

// TestSessionLockWarnings: a site that keeps figures (it has a
// figures.lock) warns of each published article with figures that the
// lock has no record of. A quick build that gives such an article its
// first chart must warn as a full build does, and one that takes the chart
// out must stop warning. (Found by TestModel: quick builds dropped every
// warning of figures.lock.)
func TestSessionLockWarnings(t *testing.T) {
	dir := chartSite(t, 6, 5)
	e := editor{t, dir}
	post := corpus.PostPath(2)
	head := "---\ntitle: Plain\ndate: 2024-05-01T08:00:00Z\ntags: [\"rates\"]\n---\n"
	e.put(post, head+"No figures yet.\n")
	e.put(lock.File, string(lock.New().Bytes()))
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		name, body string
		warned     bool
	}{
		{"first chart", "No figures yet.\n\n```chart\ndata: markets\ntitle: Added\nseries:\n  - column: gold\n```\n", true},
		{"chart taken out", "No figures now.\n", false},
	} {
		e.put(post, head+st.body)
		res, _, err := s.Build(context.Background(), []string{post})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !s.quick {
			t.Errorf("%s: not a quick build", st.name)
		}
		_, want, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Warnings, want.Warnings) {
			t.Errorf("%s: warnings\n%q\nwant a full build's\n%q", st.name, res.Warnings, want.Warnings)
		}
		warned := slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.HasPrefix(w, post+": published, but") })
		if warned != st.warned {
			t.Errorf("%s: warned of %s %v, want %v", st.name, post, warned, st.warned)
		}
	}
}

// TestSessionFiguresLive: an article that keeps its figures shows what
// figures.lock recorded, with an automatic revision and a later lastmod
// once the data moved on. Setting figures: live in its front matter takes
// both away, which other pages show (the sitemap's dates, the feeds), so a
// Session must not take that edit for the article's own (layoutMeta).
func TestSessionFiguresLive(t *testing.T) {
	dir := chartSite(t, 6, 5)
	e := editor{t, dir}
	post := corpus.PostPath(2)
	// Toggled in place below: a line more or less moves the lines of the
	// dates, which errors name, and is not the article's own edit.
	e.edit(post, "\ntitle: ", "\nfigures: locked\ntitle: ")
	lockThenRevise(t, e, "1")
	// The premise: the article shows an automatic revision.
	mem, res, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	revised := false
	for out, src := range res.Sources {
		if page, _ := mem.Get(out); src == post && strings.Contains(string(page), "Automatic: ") {
			revised = true
		}
	}
	if !revised {
		t.Fatalf("%s shows no automatic revision after its data moved on", post)
	}
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		// The site takes quick builds: this edit leaves the figures alone.
		{"text edit", func() { e.edit(post, "\n## ", "\nA sentence more.\n\n## ") }, []string{post}, "", true},
		{"figures: live", func() { e.edit(post, "figures: locked", "figures: live") }, []string{post}, "", false},
		{"figures kept again", func() { e.edit(post, "figures: live", "figures: locked") }, []string{post}, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, nil)
}

// TestSessionRevisionFollowsData: an article whose figures.lock record
// the data has left shows an automatic revision that quotes the data as
// it is now, so every edit of the data changes the article's view even
// when its text reads no data and its claim still holds. (Found by
// TestModel: a Session kept the article's view, revision and all, as the
// revision log was not among what the view was checked against.)
func TestSessionRevisionFollowsData(t *testing.T) {
	dir := chartSite(t, 4, 5)
	e := editor{t, dir}
	post := "content/posts/claim.md"
	e.put(post, "---\ntitle: A claim\ndate: 2020-07-01\nclaims: [{text: \"Gold ended below one.\", check: \"{{ markets.gold | last }} < 1\"}]\n---\nNo figure here.\n")
	gold := slices.Index(corpus.DatasetColumns, "gold")
	if gold < 0 {
		t.Fatalf("the corpus has no gold column: %v", corpus.DatasetColumns)
	}
	setGold := func(v string) {
		b, err := os.ReadFile(filepath.Join(dir, corpus.DatasetFile))
		if err != nil {
			t.Fatal(err)
		}
		rows := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		cells := strings.Split(rows[len(rows)-1], ",")
		cells[1+gold] = v
		rows[len(rows)-1] = strings.Join(cells, ",")
		e.put(corpus.DatasetFile, strings.Join(rows, "\n")+"\n")
	}
	setGold("250.00")
	_, res, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow, RecordLock: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lock == nil || res.Lock.Articles[post] == nil {
		t.Fatalf("the lock has no record of %s", post)
	}
	e.put(lock.File, string(res.Lock.Bytes()))
	data := []string{corpus.DatasetFile}
	steps := []sessionStep{
		{"first build", func() { setGold("0.60") }, nil, "", false},
		{"data edit", func() { setGold("0.74") }, data, "", false},
		{"data edit again", func() { setGold("0.81") }, data, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, nil)
	mem, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if page, _ := mem.Get("2020/07/claim/index.html"); !strings.Contains(string(page), "reads 0.81 &lt; 1 now") {
		t.Errorf("the premise: the article's revision quotes the data now; its page:\n%s", page)
	}
}

// TestSessionClaimEditOfLockedArticle: the automatic revision of an
// article that keeps its figures quotes its claims as they read now, so
// an edit of its claims changes its revision log and its lastmod, which
// lists and feeds show. A Session must not take that edit for the page's
// own. (Found by TestModel: a quick build kept the revision that quoted
// a claim the edit had taken out.)
func TestSessionClaimEditOfLockedArticle(t *testing.T) {
	dir, e, post, claim := lockedClaim(t)
	mem, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if page, _ := mem.Get("2020/07/claim/index.html"); !strings.Contains(string(page), "the claim &#34;Gold ended below one.&#34; read") {
		t.Fatalf("the premise: the article's automatic revision quotes its claim; its page:\n%s", page)
	}
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"text edit", func() { e.edit(post, "No figure here.", "No figure here yet.") }, []string{post}, "", true},
		{"claim taken out", func() { e.edit(post, claim, "") }, []string{post}, "", false},
		{"claim back", func() { e.edit(post, "date: 2020-07-01\n", "date: 2020-07-01\n"+claim) }, []string{post}, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, nil)
}

// lockedClaim writes a site whose article post, with the front-matter
// claim, keeps its figures, and whose data moved on after figures.lock
// recorded them: the claim reads otherwise than when recorded, which the
// article's automatic revision quotes.
func lockedClaim(t *testing.T) (dir string, e editor, post, claim string) {
	t.Helper()
	dir = t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 4, Charts: true, Seed: 5, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	e = editor{t, dir}
	post = "content/posts/claim.md"
	claim = "claims: [{text: \"Gold ended below one.\", check: \"{{ markets.gold | last }} < 1\"}]\n"
	e.put(post, "---\ntitle: A claim\ndate: 2020-07-01\n"+claim+"---\nNo figure here.\n")
	lockThenRevise(t, e, "0.5")
	return dir, e, post, claim
}

// lockThenRevise records figures.lock for the site of e as it is, then
// moves the data on after publication: every value of the last row of
// the corpus's dataset becomes v.
func lockThenRevise(t *testing.T, e editor, v string) {
	t.Helper()
	_, res, err := buildMem(t, os.DirFS(e.dir), Options{Now: fixedNow, RecordLock: true})
	if err != nil {
		t.Fatal(err)
	}
	e.put(lock.File, string(res.Lock.Bytes()))
	b, err := os.ReadFile(filepath.Join(e.dir, corpus.DatasetFile))
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	last := rows[len(rows)-1]
	date, _, _ := strings.Cut(last, ",")
	e.edit(corpus.DatasetFile, last, date+strings.Repeat(","+v, len(corpus.DatasetColumns)))
}

// TestSessionUpdateDatesRevision: the automatic revision of an article
// that keeps its figures is dated no earlier than the last of its own
// updates, so an update added to its front matter can move that
// revision's date and the article's lastmod, which lists, feeds and the
// sitemap show.
func TestSessionUpdateDatesRevision(t *testing.T) {
	dir, e, post, claim := lockedClaim(t)
	update := "updates: [{date: 2026-10-20, note: \"A later note.\"}]\n"
	steps := []sessionStep{
		{"first build", func() {}, nil, "", false},
		{"update added", func() { e.edit(post, claim, claim+update) }, []string{post}, "", false},
		{"update taken out", func() { e.edit(post, update, "") }, []string{post}, "", false},
	}
	runSession(t, dir, Options{Now: fixedNow}, steps, nil)
}
