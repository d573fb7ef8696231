package build

import (
	"context"
	"os"
	"testing"
)

// TestSessionParsesWhatChanged: a Session's build parses again only the
// files the watcher reported, and lists no folder anew for a file edited
// in place (the content.tree query stays green); an article the watcher
// reports as new is listed and built.
func TestSessionParsesWhatChanged(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	build := func(changed ...string) *Result {
		t.Helper()
		res, _, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := build()
	q := s.cache.content.store
	e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed sharply")
	res := build("content/posts/first-note.md")
	if res.Parsed != 1 || q.Runs("content.tree") != 0 || q.Runs("query.dir") != 0 {
		t.Errorf("a text edit parsed %d files, listed content/ %d times and read %d folders; want 1, 0, 0", res.Parsed, q.Runs("content.tree"), q.Runs("query.dir"))
	}
	e.put("content/posts/reported.md", "---\ntitle: Reported\ndate: 2024-04-02\n---\nText.\n")
	res = build("content/posts/reported.md")
	if res.Parsed != 1 || q.Runs("content.tree") != 1 || q.Runs("query.dir") != 1 {
		t.Errorf("a new article: parsed %d files, listed content/ %d times and read %d folders; want 1, 1, 1", res.Parsed, q.Runs("content.tree"), q.Runs("query.dir"))
	}
	if res.Articles != first.Articles+1 || res.Sources["2024/04/reported/index.html"] == "" {
		t.Errorf("the new article is not built: %d articles, %d before", res.Articles, first.Articles)
	}
}

// TestSessionHearsChangesOfFailedBuilds: a file added while site.yaml is
// broken, whose build stops before it reads content/, is built once
// site.yaml is fixed, though the fix's build is told of site.yaml only.
func TestSessionHearsChangesOfFailedBuilds(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	first, _, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	e.edit("site.yaml", "title:", "title: [")
	if _, _, err := s.Build(context.Background(), []string{"site.yaml"}); err == nil {
		t.Fatal("a broken site.yaml built")
	}
	e.put("content/posts/while-broken.md", "---\ntitle: While broken\ndate: 2024-04-02\n---\nText.\n")
	if _, _, err := s.Build(context.Background(), []string{"content/posts/while-broken.md"}); err == nil {
		t.Fatal("a broken site.yaml built")
	}
	e.edit("site.yaml", "title: [", "title:")
	res, _, err := s.Build(context.Background(), []string{"site.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != first.Articles+1 || res.Sources["2024/04/while-broken/index.html"] == "" {
		t.Errorf("the article added while site.yaml was broken is not built: %d articles, %d before", res.Articles, first.Articles)
	}
}
