package build

import (
	"context"
	"io/fs"
	"os"
	"strings"
	"testing"

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
	if _, ok := s.cache.store.Look(pathKey("file", gone)); !ok {
		t.Fatalf("the store holds no parse of %s", gone)
	}
	e.remove(gone)
	build(gone+" deleted", 0)
	if _, ok := s.cache.store.Look(pathKey("file", gone)); ok {
		t.Errorf("the store still holds the parse of %s, deleted", gone)
	}
}

// TestSessionKeepsRanking checks that a Session's full build gives site.New
// the last layout's related articles, which an edit of an article's text
// leaves as they were, and keeps the new layout's after a change of tags.
func TestSessionKeepsRanking(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	ranking := func() *site.Ranking {
		t.Helper()
		if _, _, err := s.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		r := s.cache.ranking()
		if r == nil || s.cache.last == nil || s.cache.last.site.Ranking != r {
			t.Fatalf("the store's ranking %p is not the last layout's", r)
		}
		return r
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
// that the next build finds whole: both forms, kept with the article's id.
func TestSessionKeepsFeedContent(t *testing.T) {
	dir := basicSite(t)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	for range 2 {
		if _, _, err := s.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	v := s.cache.last.views
	n := 0
	for i, in := range feedArticles(v.site, s.cache.last.site.Config.Feeds.Items, nil) {
		if !in {
			continue
		}
		permalink := v.articles[i].Permalink
		kept := s.cache.feedContent(permalink, v.keep[i].id)
		if kept == nil || kept.abs == "" || kept.prep == nil {
			t.Errorf("%s: the store keeps %+v of its feed content, want both forms", v.site.Articles[i].File.Path, kept)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no article is in a feed")
	}
}
