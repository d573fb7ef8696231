package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestNewPost(t *testing.T) {
	dir := fixture(t)
	code, out, errOut := run(t, "new", "post", "Small caps & rates", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := filepath.Join(dir, "content/posts/small-caps-and-rates/index.md")
	if strings.TrimSpace(out) != want {
		t.Errorf("printed %q, want %q", out, want)
	}
	// A plain tearsheet serve leaves drafts out: the author is told how to
	// see it, on stderr (stdout is the path alone, for scripts).
	if !strings.Contains(errOut, "tearsheet serve --drafts") {
		t.Errorf("new post does not say that serve shows the draft only with --drafts: %q", errOut)
	}
	src, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	// The fixture's site.yaml has no timezone: UTC.
	today := time.Now().UTC().Format("2006-01-02")
	if !strings.Contains(string(src), "date: "+today+"\n") || !strings.Contains(string(src), "draft: true\n") {
		t.Errorf("front matter lacks today's date or draft:\n%s", src)
	}
	before, _ := os.ReadFile(want)
	if code, _, errOut := run(t, "new", "post", "Small caps & rates", "--source", dir); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("a second new post with the same title: exit %d, %s", code, errOut)
	}
	if after, _ := os.ReadFile(want); string(after) != string(before) {
		t.Error("new overwrote a file")
	}
	if code, _, errOut := run(t, "new", "post", "First note", "--source", dir); code != 1 || !strings.Contains(errOut, "content/posts/first-note.md already exists") {
		t.Errorf("a new post clashing with a lone file: exit %d, %s", code, errOut)
	}
	// A lone file with another markdown extension makes the same page, and
	// so does a bundle whose index has one: new refuses both, writing nothing.
	for _, c := range []struct{ kind, title, have, wouldBe string }{
		{"page", "Old notes", "content/old-notes.markdown", "content/old-notes.md"},
		{"post", "Kept note", "content/posts/kept-note.markdown", "content/posts/kept-note/index.md"},
		{"post", "Mkd note", "content/posts/mkd-note/index.mkd", "content/posts/mkd-note/index.md"},
	} {
		have := filepath.Join(dir, filepath.FromSlash(c.have))
		if err := os.MkdirAll(filepath.Dir(have), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(have, []byte("---\ntitle: "+c.title+"\n---\nMine.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := run(t, "new", c.kind, c.title, "--source", dir); code != 1 || !strings.Contains(errOut, " already exists") {
			t.Errorf("new %s %q beside %s: exit %d, %s", c.kind, c.title, c.have, code, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(c.wouldBe))); err == nil {
			t.Errorf("new %s %q wrote %s beside %s", c.kind, c.title, c.wouldBe, c.have)
		}
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(c.have))); err != nil {
			t.Fatal(err)
		}
	}
	// The new draft builds, and its example chart stays hidden.
	if code, _, errOut := run(t, "build", "--drafts", "--source", dir); code != 0 {
		t.Fatalf("build with the new draft: %s", errOut)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", time.Now().UTC().Format("2006/01"), "small-caps-and-rates/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "The last ten years of") || !strings.Contains(string(page), `class="badge">Draft<`) {
		t.Error("the new draft shows its commented chart or lacks the Draft badge")
	}
	if code, out, _ := run(t, "new", "page", "Our method", "--source", dir); code != 0 || !strings.HasSuffix(strings.TrimSpace(out), filepath.Join("content", "our-method.md")) {
		t.Errorf("new page: exit %d, %s", code, out)
	}
	for _, args := range [][]string{{"new"}, {"new", "post"}, {"new", "chapter", "X"}, {"new", "post", "A", "B"}} {
		if code, _, _ := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestCheckCommand(t *testing.T) {
	dir := fixture(t)
	// Tag pages are not built yet: leave tags out of the fixture.
	for _, f := range []string{"content/posts/first-note.md", "content/posts/rates-bundle/index.md"} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		var keep []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, "tags:") {
				keep = append(keep, l)
			}
		}
		write(t, dir, f, strings.Join(keep, "\n"))
	}
	// A dataset no page uses is a warning: the about page uses it.
	write(t, dir, "content/about.md", mustRead(t, filepath.Join(dir, "content/about.md"))+"The policy rate is {{ policy.rate | last | percent:2 }}.\n")
	if code, out, errOut := run(t, "check", "--source", dir); code != 0 {
		t.Fatalf("check of a clean site: exit %d\n%s%s", code, out, errOut)
	}
	// A script that gives check build's --offline gets the same check
	// (check never fetches); asking it to fetch is a usage error saying
	// what does.
	if code, out, errOut := run(t, "check", "--offline", "--source", dir); code != 0 {
		t.Errorf("check --offline: exit %d\n%s%s", code, out, errOut)
	}
	for _, cmd := range []string{"check", "serve"} {
		if code, _, errOut := run(t, cmd, "--offline=false", "--source", dir); code != 2 || !strings.Contains(errOut, "never fetches: run tearsheet build") {
			t.Errorf("%s --offline=false: exit %d, want 2 saying what fetches\n%s", cmd, code, errOut)
		}
	}
	write(t, dir, "site.yaml", mustRead(t, filepath.Join(dir, "site.yaml"))+"check:\n  maxDataAge: 30d\n")
	code, out, errOut := run(t, "check", "--source", dir)
	if code != 0 || !strings.Contains(errOut, "2 warnings:\n  - content/data/policy.csv: newest row is 2024-01-01") {
		t.Errorf("stale data: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := run(t, "check", "--strict", "--source", dir); code != 1 {
		t.Errorf("--strict with a warning: exit %d, want 1", code)
	}
	write(t, dir, "content/posts/bad.md", "---\ntitle: Bad\ndate: 2024-05-01\n---\nSee [the note](/2024/01/first-note/#nope)\nand [this](/nowhere/).\n")
	code, out, errOut = run(t, "check", "--source", dir)
	if code != 1 {
		t.Errorf("broken links: exit %d, want 1", code)
	}
	for _, want := range []string{
		`error: content/posts/bad.md:5: link to /research/2024/01/first-note/#nope: 2024/01/first-note/index.html has no element with id "nope"`,
		"error: content/posts/bad.md:6: link to /research/nowhere/: no such page",
		"2 errors",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "check failed: ") || strings.Contains(out, "\x1b[") {
		t.Errorf("summary line: %q (and no colour when not a terminal)", out)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestNewPostExampleChart follows the new article's own instructions: with
// the comment markers around its example chart removed (and draft: true),
// the article builds and shows the chart, on a site tearsheet init wrote
// (the chart draws the first column of its dataset) and on one with no
// dataset, once the CSV file the comment names is beside the article.
func TestNewPostExampleChart(t *testing.T) {
	for _, tc := range []struct {
		name string
		csv  string // written beside the article, "" for none
	}{
		{"init site", ""},
		{"no datasets", "date,close\n2024-01-01,1\n2024-02-01,2\n2024-03-01,3\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if code, _, e := run(t, "init", dir); code != 0 {
				t.Fatalf("init: %d %s", code, e)
			}
			if tc.csv != "" {
				cfg := mustRead(t, filepath.Join(dir, "site.yaml"))
				i := strings.Index(cfg, "\ndatasets:")
				j := strings.Index(cfg, "\n# Ways to group")
				write(t, dir, "site.yaml", cfg[:i+1]+cfg[j+1:])
				os.RemoveAll(filepath.Join(dir, "content/posts/seventy-years-of-the-policy-rate"))
			}
			code, out, e := run(t, "new", "post", "Example chart", "--source", dir)
			if code != 0 {
				t.Fatalf("new post: %d %s", code, e)
			}
			post := strings.TrimSpace(out)
			src := mustRead(t, post)
			src = strings.Replace(src, "draft: true\n", "", 1)
			src = strings.Replace(strings.Replace(src, "\n<!--\n", "\n", 1), "\n-->\n", "\n", 1)
			if err := os.WriteFile(post, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.csv != "" {
				if !strings.Contains(src, "data: \"prices.csv\"") || !strings.Contains(strings.Join(strings.Fields(src), " "), "beside this file with a date column and a column close") {
					t.Fatalf("the example chart does not say which file to add:\n%s", src)
				}
				write(t, filepath.Dir(post), "prices.csv", tc.csv)
			} else if !strings.Contains(src, "data: \"fedfunds\"\nseries:\n  - column: \"FEDFUNDS\"") {
				t.Errorf("the example chart does not draw the site's dataset:\n%s", src)
			}
			if code, _, e := run(t, "build", "--offline", "--source", dir); code != 0 {
				t.Fatalf("build with the example chart shown: %d\n%s\n%s", code, e, src)
			}
			page := mustRead(t, filepath.Join(dir, "public", time.Now().UTC().Format("2006/01"), "example-chart/index.html"))
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			var svgs int
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "svg" {
					for _, a := range n.Attr {
						if a.Key == "class" && strings.Contains(a.Val, "ts-chart--") {
							svgs++
						}
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			if svgs < 2 || !strings.Contains(page, "The last ten years of ") {
				t.Errorf("the article shows %d chart drawings, want the example chart's two", svgs)
			}
		})
	}
}

// TestNewPostTitleWithDash: a title that starts with a dash ("-5% in a
// day", as market titles do) is the title, not a flag, wherever --source
// stands; a mistyped flag is still one, and -- still ends the flags.
func TestNewPostTitleWithDash(t *testing.T) {
	dir := fixture(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "post", "-5% in a day", "--source", dir}, "content/posts/5-in-a-day/index.md"},
		{[]string{"new", "post", "--source", dir, "-0.5%: below zero"}, "content/posts/0-5-below-zero/index.md"},
		{[]string{"new", "page", "--source", dir, "--", "-Minus"}, "content/minus.md"},
	} {
		code, out, errOut := run(t, c.args...)
		if code != 0 || strings.TrimSpace(out) != filepath.Join(dir, filepath.FromSlash(c.want)) {
			t.Errorf("%q: exit %d, printed %q (%s), want %s", c.args, code, out, errOut, c.want)
		}
	}
	// A folder whose name starts with a dash is still --source's value
	// (here one without site.yaml), not a title.
	if code, out, errOut := run(t, "new", "post", "Odd folder", "--source", "-5dir"); code != 1 || out != "" || !strings.Contains(errOut, "site.yaml: not found: run tearsheet in a site folder, or name one with --source") {
		t.Errorf("--source -5dir (no such folder here): exit %d, %q %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "new", "post", "Title", "--sorce", dir); code != 2 || errOut != "tearsheet new: unknown flag --sorce; did you mean --source?\n" {
		t.Errorf("a mistyped flag: exit %d, %s", code, errOut)
	}
}

// TestNewPageTakenBySite: a page titled as one the site writes itself
// (the search page, a taxonomy's index, the archive) is refused before it
// is written, naming the page that takes its URL, rather than written as a
// draft that fails the build once published; content/index.md is no
// bundle of content/, so "Index" is a page like any other.
func TestNewPageTakenBySite(t *testing.T) {
	dir := fixture(t)
	for title, want := range map[string]string{
		"Search":  "content/search.md would be published at /search/, but output search/index.html is also written by the search page: choose another title",
		"Tags":    "content/tags.md would be published at /tags/, but output tags/index.html is also written by the tag index",
		"Archive": "content/archive.md would be published at /archive/, but output archive/index.html is also written by the archive index",
	} {
		code, out, errOut := run(t, "new", "page", title, "--source", dir)
		if code != 1 || out != "" || !strings.Contains(errOut, want) {
			t.Errorf("new page %q: exit %d, %q, stderr %q; want exit 1 and %q", title, code, out, errOut, want)
		}
		if _, err := os.Stat(filepath.Join(dir, "content", strings.ToLower(title)+".md")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("new page %q wrote its file (%v)", title, err)
		}
	}
	if code, out, errOut := run(t, "new", "page", "Index", "--source", dir); code != 0 || strings.TrimSpace(out) != filepath.Join(dir, "content", "index.md") {
		t.Errorf("new page Index: exit %d, %q, %s", code, out, errOut)
	}
}
