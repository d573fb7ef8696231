package serve

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeMovedPage moves an article by its date, its slug and by
// renaming its file: each time the event stream says where the page went,
// before the "reload" that says its old address changed, and the new
// address serves it. An article's charts' pages move with it.
func TestServeMovedPage(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	src := filepath.Join(dir, "content/posts/first-note.md")
	text := func(date, slug string) string {
		return "---\ntitle: \"First note\"\ndate: " + date + "\n" + slug + "tags: [Equities]\n---\nMoved.\n"
	}
	write := func(s string) func() {
		return func() {
			if err := os.WriteFile(src, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range []struct {
		what, from, to string
		edit           func()
	}{
		{"a date in another month", "2024/01/first-note/", "2024/03/first-note/", write(text("2024-03-15", ""))},
		{"a new slug", "2024/03/first-note/", "2024/03/breadth/", write(text("2024-03-15", "slug: breadth\n"))},
		{"the slug removed", "2024/03/breadth/", "2024/03/first-note/", write(text("2024-03-15", ""))},
		{"a renamed file", "2024/03/first-note/", "2024/03/renamed-note/", func() {
			renamed := filepath.Join(dir, "content/posts/renamed-note.md")
			if err := os.Rename(src, renamed); err != nil {
				t.Fatal(err)
			}
			src = renamed
		}},
	} {
		s.edit()
		want := `"` + s.from + `index.html":"` + s.to + `index.html"`
		deadline := time.After(wait)
		moved := ""
	events:
		for {
			select {
			case e, ok := <-events.events:
				if !ok {
					t.Fatal("the event stream ended")
				}
				switch e.name {
				case "moved":
					moved = e.data
				case "reload":
					break events // the build's last event
				}
			case <-deadline:
				t.Fatalf("%s: no reload event within %s", s.what, wait)
			}
		}
		if !strings.Contains(moved, want) {
			t.Errorf("%s: before the reload, moved %q, want %s; serve said:\n%s%s", s.what, moved, want, r.stdout, r.stderr)
		}
		if code, page := r.get(t, s.to); code != 200 || !strings.Contains(page, "Moved.") {
			t.Errorf("%s: GET %s: %d", s.what, s.to, code)
		}
	}

	// A chart's page moves with its article.
	events = r.subscribe(t)
	bundle := filepath.Join(dir, "content/posts/rates-bundle/index.md")
	b, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/posts/rates-bundle/index.md", strings.Replace(string(b), "\ndate: ", "\nslug: rates-moved\ndate: ", 1))
	e := events.next(t, "moved", `"2024/03/rates-bundle/index.html":"2024/03/rates-moved/index.html"`)
	if !strings.Contains(e.data, `"2024/03/rates-bundle/charts/`) || !strings.Contains(e.data, `/index.html":"2024/03/rates-moved/charts/`) {
		t.Errorf("the article's chart pages did not move with it: %s", e.data)
	}
}

// TestServeRenamedChart retitles a chart, which gives it a new id and so
// its page and embed a new address, and renames a tag: a browser showing
// the chart's page or the tag's is told where it went ("moved"), as for an
// article, rather than reloading into "not found".
func TestServeRenamedChart(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	const bundle = "content/posts/rates-bundle/index.md"
	const page = "2024/03/rates-bundle/"
	chartPages := regexp.MustCompile(`charts/[a-z0-9-]+/`)
	_, before := r.get(t, page)
	ids := chartPages.FindAllString(before, -1)
	if len(ids) == 0 {
		t.Fatalf("%s links no chart page", page)
	}
	old := ids[0]
	src, err := os.ReadFile(filepath.Join(dir, bundle))
	if err != nil {
		t.Fatal(err)
	}
	events := r.subscribe(t)
	retitled := strings.Replace(string(src), `title: "Policy rate & prices <2023>"`, `title: "Policy rate and prices"`, 1)
	retitled = strings.Replace(retitled, "tags: [Monetary policy, equities]", "tags: [Central banks, equities]", 1)
	writeFile(t, dir, bundle, retitled)
	e := events.next(t, "moved", page+old+"index.html")
	_, after := r.get(t, page)
	if strings.Contains(after, old) {
		t.Fatalf("the retitled chart kept its page %s", old)
	}
	var moved map[string]string
	if err := json.Unmarshal([]byte(e.data), &moved); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{
		page + old + "index.html":         page + "charts/policy-rate-and-prices/index.html",
		page + old + "embed/index.html":   page + "charts/policy-rate-and-prices/embed/index.html",
		"tags/monetary-policy/index.html": "tags/central-banks/index.html",
	} {
		if moved[from] != to {
			t.Errorf("moved %s to %q, want %s (%s)", from, moved[from], to, e.data)
		}
		if code, _ := r.get(t, strings.TrimSuffix(to, "index.html")); code != 200 {
			t.Errorf("GET %s: %d", to, code)
		}
	}

}

// TestServeBaseMoved gives site.yaml's baseURL a new path: the terminal
// says where the site now is, and what is asked for below the old path (a
// page open there, its reload, its event stream) is redirected to the same
// path below the new one.
func TestServeBaseMoved(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	good, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "site.yaml", strings.Replace(string(good), "example.org/research/", "example.org/lab/", 1))
	events.next(t, "reload", article+"index.html")
	lab := strings.TrimSuffix(r.url, "research/") + "lab/"
	if out := r.stdout.String(); !strings.Contains(out, "the site moved to "+lab) {
		t.Errorf("the terminal does not say where the site moved (%s):\n%s", lab, out)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for old, want := range map[string]string{
		r.url + article: "/lab/" + article,
		r.url + previewDir + eventsName + "?page=x": "/lab/" + previewDir + eventsName + "?page=x",
	} {
		resp, err := noFollow.Get(old)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != want {
			t.Errorf("GET %s: %d to %q, want %d to %q", old, resp.StatusCode, loc, http.StatusFound, want)
		}
	}
	if code, page := r.get(t, article); code != 200 || !strings.Contains(page, `href="/lab/`) {
		t.Errorf("GET %s below the old path: %d, not the page at the new one", article, code)
	}
}

// TestServeBaseMovedLine moves the site from /research/ to the server's
// root and back, as an author trying a sub-path does: each time the
// terminal names the old address in full as the folder whose addresses
// redirect, and an article asked for below it is redirected to the same
// path below the new one, as the line says.
func TestServeBaseMovedLine(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	origin := strings.TrimSuffix(r.url, "research/")
	good, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, s := range []struct{ baseURL, from, to string }{
		{`"/"`, "research/", ""},
		{`"https://example.org/research/"`, "", "research/"},
	} {
		yaml := strings.Replace(string(good), `"https://example.org/research/"`, s.baseURL, 1)
		writeFile(t, dir, "site.yaml", yaml)
		events.next(t, "reload", article+"index.html")
		want := "the site moved to " + origin + s.to + " (baseURL's path changed): old addresses below " + origin + s.from + " redirect to the same path there\n"
		if out := r.stdout.String(); !strings.Contains(out, want) {
			t.Errorf("baseURL %s: the terminal does not say %q:\n%s", s.baseURL, want, out)
		}
		resp, err := noFollow.Get(origin + s.from + article)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != "/"+s.to+article {
			t.Errorf("baseURL %s: GET %s: %d to %q, want %d to %q", s.baseURL, "/"+s.from+article, resp.StatusCode, loc, http.StatusFound, "/"+s.to+article)
		}
	}
}

// TestServeRestartedBase subscribes as pages opened before serve was
// restarted with a new path in baseURL do: at the server's root (a site
// published at "/", as tearsheet init writes it) and below /lab/, while
// the site is at /research/. Each is told at once that its page moved to
// the same page below /research/ (the not-found page, to the page it was
// asked for); a page the site does not have is not, and the site's own
// pages are told nothing of the kind.
func TestServeRestartedBase(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	origin := strings.TrimSuffix(r.url, "research/")
	page := url.QueryEscape(article + "index.html")
	for _, c := range []struct{ at, want string }{
		{origin + previewDir + eventsName + "?version=x&page=" + page, `{"` + article + `index.html":"/research/` + article + `index.html"}`},
		{origin + "lab/" + previewDir + eventsName + "?version=x&page=" + page, `{"` + article + `index.html":"/research/` + article + `index.html"}`},
		{origin + "lab/" + previewDir + eventsName + "?version=x&page=404.html&asked=" + page, `{"404.html":"/research/` + article + `index.html"}`},
		{origin + "lab/" + previewDir + eventsName + "?version=x&page=2020%2F01%2Fgone%2Findex.html", ""},
		{r.url + previewDir + eventsName + "?version=x&page=" + page, ""},
	} {
		events := subscribeAt(t, c.at)
		var got string
		for e := range events.events {
			if e.name == "moved" {
				got = e.data
			}
			if e.name == "ok" {
				break // the last event a subscriber is sent at once
			}
		}
		if got != c.want {
			t.Errorf("subscribed at %s: moved %q, want %q", c.at, got, c.want)
		}
		events.close()
	}
}

// TestFollowMoves checks the pages of a run's builds that followMoves
// keeps: an address leads to where its page is now, through every move,
// until a page is made there again or the page is gone.
func TestFollowMoves(t *testing.T) {
	files := map[string]bool{}
	has := func(name string) bool { return files[name] }
	build := func(where, moved map[string]string, now ...string) map[string]string {
		var changed []string
		for name := range files {
			changed = append(changed, name) // what went
		}
		clear(files)
		for _, name := range now {
			files[name] = true
			changed = append(changed, name)
		}
		return followMoves(where, moved, changed, has)
	}
	where := build(nil, nil, "a/index.html", "x/index.html")
	if len(where) != 0 {
		t.Fatalf("a build that moved nothing: %v", where)
	}
	where = build(where, map[string]string{"a/index.html": "b/index.html"}, "b/index.html", "x/index.html")
	where = build(where, map[string]string{"b/index.html": "c/index.html"}, "c/index.html", "x/index.html")
	want := map[string]string{"a/index.html": "c/index.html", "b/index.html": "c/index.html"}
	if !maps.Equal(where, want) {
		t.Errorf("after a to b to c: %v, want %v", where, want)
	}
	// A page is made at b again: b is no moved page's address.
	where = build(where, nil, "b/index.html", "c/index.html", "x/index.html")
	want = map[string]string{"a/index.html": "c/index.html"}
	if !maps.Equal(where, want) {
		t.Errorf("after a page was made at b: %v, want %v", where, want)
	}
	// c moves back to a, where it was first.
	where = build(where, map[string]string{"c/index.html": "a/index.html"}, "a/index.html", "b/index.html", "x/index.html")
	want = map[string]string{"c/index.html": "a/index.html"}
	if !maps.Equal(where, want) {
		t.Errorf("after c moved back to a: %v, want %v", where, want)
	}
	// The page is deleted: nothing leads anywhere.
	where = build(where, nil, "b/index.html", "x/index.html")
	if len(where) != 0 {
		t.Errorf("after the page was deleted: %v", where)
	}
}

// TestServeMovedCatchUp subscribes as a tab that was in the background
// while its article moved twice (its date, then its slug): the server
// says at once where the page is now, before the "reload" of its old
// address.
func TestServeMovedCatchUp(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	_, page := r.get(t, article)
	m := regexp.MustCompile(`data-version="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("GET %s: no data-version:\n%s", article, page)
	}
	query := "page=" + url.QueryEscape(article+"index.html") + "&version=" + m[1]
	events := r.subscribe(t)
	for _, s := range []struct{ edit, to string }{
		{"date: 2024-03-15\n", "2024/03/first-note/"},
		{"date: 2024-03-15\nslug: breadth\n", "2024/03/breadth/"},
	} {
		writeFile(t, dir, "content/posts/first-note.md", strings.Replace(note("Moved."), "date: 2024-01-15\n", s.edit, 1))
		events.next(t, "reload", s.to+"index.html")
		back := r.subscribeAs(t, query)
		var e event
		select {
		case e = <-back.events:
		case <-time.After(wait):
			t.Fatalf("moved to %s: no event for a tab shown again", s.to)
		}
		want := `{"` + article + `index.html":"` + s.to + `index.html"}`
		if e.name != "moved" || e.data != want {
			t.Errorf("moved to %s: a tab shown again is told first %s %s, want moved %s", s.to, e.name, e.data, want)
		}
		back.next(t, "reload", article+"index.html")
		back.close()
	}
}

// TestRenames checks which pages not made from markdown renames pairs:
// only one gone and one new page one part apart, each with the other
// alone; never a page made from markdown, which moves pairs.
func TestRenames(t *testing.T) {
	const a = "2024/03/a/"
	for _, c := range []struct {
		what      string
		had, has  []string
		now, want map[string]string
	}{
		{"a chart retitled", []string{a + "charts/x/index.html", a + "charts/x/embed/index.html"}, []string{a + "charts/y/index.html", a + "charts/y/embed/index.html"},
			nil, map[string]string{a + "charts/x/index.html": a + "charts/y/index.html", a + "charts/x/embed/index.html": a + "charts/y/embed/index.html"}},
		{"two charts retitled", []string{a + "charts/x/index.html", a + "charts/z/index.html"}, []string{a + "charts/y/index.html", a + "charts/w/index.html"},
			nil, map[string]string{}},
		{"one chart gone, two new", []string{a + "charts/x/index.html"}, []string{a + "charts/y/index.html", a + "charts/w/index.html"},
			nil, map[string]string{}},
		{"two charts gone, one new", []string{a + "charts/x/index.html", a + "charts/z/index.html"}, []string{a + "charts/y/index.html"},
			nil, map[string]string{}},
		{"a chart gone, another article's new", []string{a + "charts/x/index.html"}, []string{"2024/03/b/charts/y/index.html"},
			nil, map[string]string{}},
		{"a tag renamed", []string{"tags/old/index.html"}, []string{"tags/new/index.html"},
			nil, map[string]string{"tags/old/index.html": "tags/new/index.html"}},
		{"an article added", []string{"tags/old/index.html"}, []string{"tags/new/index.html"},
			map[string]string{"tags/new/index.html": "content/new.md"}, map[string]string{}},
	} {
		last, next := map[string]bool{"index.html": true}, map[string]bool{"index.html": true}
		var changed []string
		for _, n := range c.had {
			last[n] = true
			changed = append(changed, n)
		}
		for _, n := range c.has {
			next[n] = true
			changed = append(changed, n)
		}
		moved := map[string]string{}
		renames(moved, nil, c.now, changed, func(n string) bool { return last[n] }, func(n string) bool { return next[n] })
		if !maps.Equal(moved, c.want) {
			t.Errorf("%s: %v, want %v", c.what, moved, c.want)
		}
	}
}
