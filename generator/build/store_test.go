package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/site"
)

// TestSessionParsesOnlyChanges checks that a Session's full builds parse
// only the source files whose bytes changed, taking the rest from its
// store, and that the store lets go of a deleted file's.
func TestSessionParsesOnlyChanges(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	var sources []string
	err := fs.WalkDir(os.DirFS(dir), "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			sources = append(sources, p)
		}
		return err
	})
	if err != nil || len(sources) < 3 {
		t.Fatalf("sources %v, %v", sources, err)
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	build := func(step string, want int) {
		t.Helper()
		res, _, err := s.Build(context.Background(), nil) // nil: a full build
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if res.Parsed != want {
			t.Errorf("%s: parsed %d files, want %d", step, res.Parsed, want)
		}
	}
	build("first build", len(sources))
	build("nothing changed", 0)
	e.edit("content/about.md", "\n---\n", "\n---\nEdited. ")
	build("about.md edited", 1)
	gone := sources[len(sources)-1]
	holds := func() bool { return s.cache.content.store.Has("content.file", gone) }
	if !holds() {
		t.Fatalf("the store holds no parse of %s", gone)
	}
	e.remove(gone)
	build(gone+" deleted", 0)
	if holds() {
		t.Errorf("the store still holds the parse of %s, deleted", gone)
	}
}

// TestSessionKeepsRanking checks that a Session's full build keeps the
// related articles of its layout, which an edit of an article's text
// leaves as they were (the layout is kept: see TestSessionKeepsLayout),
// and keeps the new layout's after a change of tags.
func TestSessionKeepsRanking(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	ranking := func() *site.Ranking {
		t.Helper()
		if _, _, err := s.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		l := laidOut(t, s)
		if l.site.Ranking == nil || s.cache.last == nil || s.cache.last.laid.site.Ranking != l.site.Ranking {
			t.Fatal("the build's layout has no ranking, or not the last build's")
		}
		return l.site.Ranking
	}
	first := ranking()
	e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed sharply")
	if ranking() != first {
		t.Error("a text edit ranked the related articles again")
	}
	e.edit("content/posts/first-note.md", "tags: [", "tags: [Fresh tag, ")
	if ranking() == first {
		t.Error("a new tag left the related articles as they were ranked")
	}
}

// TestSessionKeepsFeedContent checks that a Session keeps each feed
// article's content, made absolute and escaped for the feeds, as one value
// (article.feed) that the next build finds whole, made for the article's
// view (its id), and does not make again.
func TestSessionKeepsFeedContent(t *testing.T) {
	dir := basicSite(t)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	for range 2 {
		if _, _, err := s.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	st := s.cache.content
	if n := st.store.Runs("article.feed"); n != 0 {
		t.Errorf("a build that changed nothing made %d articles' feed content again", n)
	}
	held := st.store.Held("article.feed")
	v := s.cache.last.views
	n := 0
	for i, in := range feedArticles(v.site, s.cache.last.laid.site.Config.Feeds.Items, nil) {
		if !in {
			continue
		}
		kept, _ := held[v.site.Articles[i].File.Path].(*feedContent)
		if kept == nil || kept.abs == "" || kept.prep == nil || kept.from != v.keep[i].id {
			t.Errorf("%s: the store keeps %+v of its feed content, want both forms made for its view", v.site.Articles[i].File.Path, kept)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no article is in a feed")
	}
}

// TestSessionKeepsLayout checks that a Session's full build takes the
// site's layout it kept while what it is laid out from is the same: as it
// is after a dataset's edit, with the edited file after a text edit, and
// not after a change of tags, nor once the clock reaches the date of an
// article the layout holds back.
func TestSessionKeepsLayout(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	layout := func(changed []string) *layoutEntry {
		t.Helper()
		if _, _, err := s.Build(context.Background(), changed); err != nil {
			t.Fatal(err)
		}
		if s.quick {
			t.Fatal("a quick build")
		}
		return laidOut(t, s)
	}
	// Laid out by site.New: a new index of where each page is.
	laidOut := func(a, b *layoutEntry) bool {
		return reflect.ValueOf(a.index).UnsafePointer() != reflect.ValueOf(b.index).UnsafePointer()
	}
	first := layout(nil)
	e.edit("content/data/policy.csv", "2024-01-01,5.33", "2024-01-01,5.08")
	if l := layout([]string{"content/data/policy.csv"}); l != first {
		t.Error("a dataset's edit laid the site out again")
	}
	e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed sharply")
	text := layout(nil)
	if text == first || laidOut(first, text) {
		t.Error("a text edit did not take the kept layout with the edited file")
	}
	if p := text.site.Articles[slices.IndexFunc(text.site.Articles, func(p *site.Page) bool { return p.File.Path == "content/posts/first-note.md" })]; !strings.Contains(string(p.File.Body), "narrowed sharply") {
		t.Error("the kept layout holds the file as it was")
	}
	e.edit("content/posts/first-note.md", "tags: [", "tags: [Fresh tag, ")
	tagged := layout(nil)
	if !laidOut(text, tagged) {
		t.Error("a new tag left the layout as it was")
	}
	// A file whose name makes no slug takes its URL from its title: a new
	// title moves it.
	e.put("content/posts/~.md", "---\ntitle: Named by its title\ndate: 2024-05-01\n---\nText.\n")
	named := layout(nil)
	e.edit("content/posts/~.md", "Named by its title", "Renamed by its title")
	renamed := layout(nil)
	if !laidOut(named, renamed) || !slices.ContainsFunc(renamed.site.Articles, func(p *site.Page) bool { return strings.Contains(p.Path, "renamed-by-its-title") }) {
		t.Error("a new title that moves the article's URL left the layout as it was")
	}
	// The next full build after a quick one, with nothing changed since,
	// takes the layout as the quick build had it.
	e.edit("content/posts/first-note.md", "narrowed sharply", "narrowed at last")
	if _, _, err := s.Build(context.Background(), []string{"content/posts/first-note.md"}); err != nil || !s.quick {
		t.Fatalf("a text edit: quick %v, error %v", s.quick, err)
	}
	quick := s.cache.last.laid
	if full := layout(nil); s.cache.content.store.Runs("site.layout") != 0 || !sameIndex(full, quick) || !slices.Equal(full.files, quick.files) {
		t.Error("the full build after a quick one laid the site out again, or from other files")
	}
	// The future article is held back until its date: the layout holds
	// until then, with the clock anywhere before it, and is made again
	// once the clock reaches it.
	l := layout(nil)
	from, until, _ := clockWindow(l.files, false, fixedNow)
	if until.IsZero() || from.IsZero() {
		t.Fatal("no date before and after the clock changes the layout")
	}
	for _, at := range []struct {
		now  time.Time
		runs int
	}{{until.Add(-time.Nanosecond), 0}, {from, 0}, {from.Add(-time.Nanosecond), 1}, {until, 1}, {until.Add(time.Hour), 0}} {
		s.opts.Now = at.now
		layout([]string{})
		if n := s.cache.content.store.Runs("site.layout"); n != at.runs {
			t.Errorf("with the clock at %s, the site was laid out %d times, want %d", at.now, n, at.runs)
		}
	}
}

// laidOut returns the layout of s's last build: site.layout's, with the
// build's files (bind).
func laidOut(t *testing.T, s *Session) *layoutEntry {
	t.Helper()
	st := s.cache.content
	l, err := query.Get(st.ctx, st.laid, "")
	if err != nil {
		t.Fatal(err)
	}
	sm, err := query.Get(st.ctx, st.marks, "")
	if err != nil {
		t.Fatal(err)
	}
	return l.bind(sm)
}

// TestSessionLetsGoOfDeleted deletes an article between two full builds of
// a Session: the store lets go of the values kept for it (its converted
// markdown, its view, with its own files, and its bytes as read, each
// under its path), and, once a build changed nothing more, keeps as many
// values and pages of lists as a new Session's store after two builds of
// the site without the article.
func TestSessionLetsGoOfDeleted(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 25, Seed: 3, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	for range 2 { // the second keeps what a build that changes nothing keeps
		if _, _, err := s.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	gone := corpus.PostPath(7)
	kept := func(kind string) bool {
		_, ok := s.cache.store.Look(pathKey(kind, gone))
		return ok
	}
	if len(heldDocs(s, gone)) == 0 || len(heldViews(s, gone)) == 0 || !kept("own") || !s.cache.content.store.Has("content.file", gone) {
		t.Fatalf("the store keeps no doc, view or bytes of %s", gone)
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(gone))); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Build(context.Background(), []string{gone}); err != nil {
		t.Fatal(err)
	}
	if s.quick {
		t.Fatal("a deletion was built quick")
	}
	if len(heldViews(s, gone)) > 0 || kept("own") || len(heldDocs(s, gone)) > 0 {
		t.Errorf("the store still keeps the view, own files or converted markdown of %s, deleted", gone)
	}
	if s.cache.content.store.Has("content.file", gone) {
		t.Errorf("the content store still keeps the parse of %s, deleted", gone)
	}
	fresh := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	for _, b := range []*Session{s, fresh, fresh} {
		if _, _, err := b.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	if n, want := storeSize(s), storeSize(fresh); n != want {
		t.Errorf("the store keeps %d values and pages of lists after the deletion, a new Session's %d", n, want)
	}
}

// storeSize is the number of values s's store keeps, counting each page
// of a list its table of lists keeps.
func storeSize(s *Session) int {
	n := s.cache.store.Len() + s.cache.content.store.Len()
	if kept, _ := s.cache.store.Look(pathKey("lists", "")); kept.lists != nil {
		n += len(kept.lists)
	}
	return n
}
