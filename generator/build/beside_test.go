package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/output"
)

// besideArticle is an article whose own files besides its page are
// 2024/02/b/x.csv, x.csv-metadata.json, x.png, x.narrow.png, the chart's
// page charts/x/ and embed, email.html and email.txt; its chart is at
// line 6.
const besideArticle = "---\ntitle: B\ndate: 2024-02-01\n---\nText.\n```chart\ndata: policy\nid: x\ntitle: T\nseries:\n  - column: rate\n```\n"

// TestBesideFilesClash: an alias, a page, a bundle's or a static file at
// the name of one of an article's own files besides its page (its chart's
// CSV and PNG, the chart's page, its email edition), inside a folder of
// that name, or a file where they need a folder, is an error naming both
// sides and what to change, reported with the build's other errors (a
// chart of another article reading no data), the same in a plain build,
// one with the page cache and a Session; not a file silently replaced by a
// folder of redirects, nor the writer's "written twice" naming neither.
func TestBesideFilesClash(t *testing.T) {
	other := map[string]string{"content/posts/z.md": "---\ntitle: Z\ndate: 2024-02-03\n---\n```chart\ndata: nosuch\n```\n"}
	const otherErr = `content/posts/z.md:5: chart: data "nosuch" not found (looked for content/posts/nosuch, content/posts/nosuch.csv, content/data/nosuch, content/data/nosuch.csv, nosuch, nosuch.csv); datasets in site.yaml: policy`
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"aliases", map[string]string{
			"content/posts/c.md": "---\ntitle: C\ndate: 2024-02-02\naliases: [/2024/02/b/x.csv, /2024/02/b/x.png, /2024/02/b/charts/x/, /2024/02/b/email.html, /2024/02/b/email.txt]\n---\nhi\n",
		}, []string{
			"content/posts/c.md:4: alias /2024/02/b/x.csv is the CSV of chart x of content/posts/b/index.md:6: remove the alias, or give the chart another id",
			"content/posts/c.md:4: alias /2024/02/b/x.png is the PNG of chart x of content/posts/b/index.md:6: remove the alias, or give the chart another id",
			"content/posts/c.md:4: alias /2024/02/b/charts/x/ is the page of chart x of content/posts/b/index.md:6: remove the alias, or give the chart another id",
			"content/posts/c.md:4: alias /2024/02/b/email.html is the email edition of content/posts/b/index.md: remove the alias",
			"content/posts/c.md:4: alias /2024/02/b/email.txt is the plain text of the email edition of content/posts/b/index.md: remove the alias",
		}},
		{"pages", map[string]string{
			"content/2024/02/b/email.txt.md": "---\ntitle: P\n---\nhi\n",
			"content/2024/02/b/charts/x.md":  "---\ntitle: Q\n---\nhi\n",
		}, []string{
			"content/2024/02/b/email.txt.md: the page's URL /2024/02/b/email.txt/ is the plain text of the email edition of content/posts/b/index.md: rename or move the page's file, or set slug: in its front matter",
			"content/2024/02/b/charts/x.md: the page's URL /2024/02/b/charts/x/ is the page of chart x of content/posts/b/index.md:6: rename or move the page's file, or set slug: in its front matter, or give the chart another id",
		}},
		{"bundle and static files", map[string]string{
			"content/posts/b/email.html":  "x\n",
			"content/posts/b/charts":      "x\n",
			"static/2024/02/b/email.txt":  "x\n",
			"static/2024/02/b/x.png/note": "x\n",
		}, []string{
			"content/posts/b/email.html: output 2024/02/b/email.html is the email edition of content/posts/b/index.md: rename or move the file",
			"content/posts/b/charts: output 2024/02/b/charts is a file, but the page of chart x of content/posts/b/index.md:6 is written into a folder of that name: rename or move the file, or give the chart another id",
			"static/2024/02/b/email.txt: output 2024/02/b/email.txt is the plain text of the email edition of content/posts/b/index.md: rename or move the file",
			"static/2024/02/b/x.png/note: output 2024/02/b/x.png/note needs a folder 2024/02/b/x.png, which is the PNG of chart x of content/posts/b/index.md:6: rename or move the file, or give the chart another id",
		}},
		{"backslash", map[string]string{
			`static/back\slash.txt`:   "x\n",
			`content/posts/b/a\b.csv`: "x\n",
		}, []string{
			`static/back\slash.txt: the file's name holds \, which Windows and some web servers read as a folder's separator: rename it without \`,
			`content/posts/b/a\b.csv: the file's name holds \, which Windows and some web servers read as a folder's separator: rename it without \`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"content/posts/b/index.md": besideArticle}
			for name, text := range tc.files {
				files[name] = text
			}
			for name, text := range other {
				files[name] = text
			}
			fsys := bundleSite(t, "", files)
			want := append(slices.Clone(tc.want), otherErr)
			slices.Sort(want)
			check := func(who string, err error) {
				t.Helper()
				if err == nil {
					t.Fatalf("%s: the build succeeded", who)
				}
				var got []string
				for _, e := range appendLeaves(nil, err) {
					got = append(got, e.Error())
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s: got\n%s\nwant\n%s", who, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			}
			_, _, err := buildMem(t, fsys, Options{})
			check("Build", err)
			s := NewSession(fsys, Options{Now: fixedNow})
			_, _, err = s.Build(context.Background(), nil)
			check("Session", err)
		})
	}
}

// TestBesideFilesClashIncremental: an alias added at an article's CSV
// after a build that wrote the article is the same error when the page
// cache would take the article whole from that build (its page does not
// show the other article's aliases), and the
// destination is left as it was: the CSV neither replaced by the alias's
// folder nor the alias dropped.
func TestBesideFilesClashIncremental(t *testing.T) {
	fsys := bundleSite(t, "", map[string]string{"content/posts/b/index.md": besideArticle,
		"content/posts/c.md": "---\ntitle: C\ndate: 2024-02-02\n---\nhi\n"})
	dir := t.TempDir()
	dest, cache := filepath.Join(dir, "public"), filepath.Join(dir, "cache")
	build := func() error {
		st, err := output.NewStageOptions(dest, output.Options{Manifest: cache})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Build(context.Background(), fsys, Options{Now: fixedNow, PageCache: filepath.Join(cache, "pages")}, st); err != nil {
			_ = st.Abort()
			return err
		}
		return st.Commit()
	}
	if err := build(); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dest, "2024", "02", "b", "x.csv")
	before, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/posts/c.md"] = &fstest.MapFile{Data: []byte("---\ntitle: C\ndate: 2024-02-02\naliases: [/2024/02/b/x.csv]\n---\nhi\n")}
	err = build()
	want := "content/posts/c.md:4: alias /2024/02/b/x.csv is the CSV of chart x of content/posts/b/index.md:6: remove the alias, or give the chart another id"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if after, err := os.ReadFile(csv); err != nil || string(after) != string(before) {
		t.Errorf("the CSV is not as the first build wrote it: %v", err)
	}
}

// TestBesideFilesClashQuick: a Session's quick build of an edited article
// whose chart takes another id, at which another article's alias stands,
// is the same error as a full build's.
func TestBesideFilesClashQuick(t *testing.T) {
	fsys := bundleSite(t, "", map[string]string{
		"content/posts/b/index.md": besideArticle,
		"content/posts/c.md":       "---\ntitle: C\ndate: 2024-02-02\naliases: [/2024/02/b/y.csv]\n---\nhi\n",
	})
	s := NewSession(fsys, Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	fsys["content/posts/b/index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(besideArticle, "id: x", "id: y", 1))}
	_, _, err := s.Build(context.Background(), []string{"content/posts/b/index.md"})
	want := "content/posts/c.md:4: alias /2024/02/b/y.csv is the CSV of chart y of content/posts/b/index.md:6: remove the alias, or give the chart another id"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if !s.quick {
		t.Error("the build was not quick")
	}
}
