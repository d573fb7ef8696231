package build

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/internal/term"
	"github.com/tearsheet/tearsheet/generator/output"
)

// TestThemeAndContentErrorsTogether: a broken template and a broken chart
// are reported by the same build, a Session's as well as Build's, so an
// author fixes both at once rather than learning of the second after
// fixing the first.
func TestThemeAndContentErrorsTogether(t *testing.T) {
	fsys := exampleFS(t)
	const tmpl = "themes/default/templates/partials/footer.html"
	fsys[tmpl] = &fstest.MapFile{Data: append([]byte("{{ .Nope "), fsys[tmpl].Data...)}
	fsys["content/posts/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\ndate: 2024-01-01\n---\n\n```chart\ndata: shiller\ny: x\n```\n")}
	check := errorsCheck(t, tmpl+":1:", "content/posts/broken.md:8: chart:")
	_, err := Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
	check("Build", err)
	_, _, err = NewSession(fsys, Options{Now: fixedNow}).Build(context.Background(), nil)
	check("Session", err)
}

// TestFrontMatterAndBodyErrorsTogether: a file whose front matter has a
// wrong value is left out of the site, but its charts and figures are
// checked all the same, so one build names every error of the file, with
// its line, whichever way the site is built.
func TestFrontMatterAndBodyErrorsTogether(t *testing.T) {
	fsys := exampleFS(t)
	fsys["content/posts/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\ndate: 2024-13-45\n---\n\nThe ratio ends at {{ shiller.Nope | last }}.\n\n```chart\ndata: shiller\ny: x\n```\n")}
	fsys["content/notes.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Notes\nlastmod: soon\n---\n\n```chart\ndata: nosuch\n```\n")}
	wants := []string{
		"content/posts/broken.md:3: date:",
		"content/posts/broken.md:6:",
		"content/posts/broken.md:10: chart:",
		"content/notes.md:3: lastmod:",
		"content/notes.md:6: chart: data \"nosuch\" not found",
	}
	has := errorsCheck(t, wants...)
	check := func(who string, err error) {
		t.Helper()
		has(who, err)
		if n := strings.Count(err.Error(), "\n") + 1; n != len(wants) {
			t.Errorf("%s: %d errors, want %d:\n%v", who, n, len(wants), err)
		}
	}
	_, err := Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
	check("Build", err)
	cache := t.TempDir()
	for _, run := range []string{"Build with a page cache", "Build with the page cache again"} {
		_, err = Build(context.Background(), fsys, Options{Now: fixedNow, PageCache: cache}, output.NewMemory())
		check(run, err)
	}
	s := NewSession(fsys, Options{Now: fixedNow})
	for _, run := range []string{"Session", "Session again"} {
		_, _, err = s.Build(context.Background(), []string{"content/posts/broken.md"})
		check(run, err)
	}
}

// errorsCheck returns a check that a build failed with errors containing
// each of wants.
func errorsCheck(t *testing.T, wants ...string) func(who string, err error) {
	return func(who string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: the build succeeded", who)
		}
		for _, w := range wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: the errors lack %q:\n%v", who, w, err)
			}
		}
	}
}

// TestMissingDatasetFileOnce: a dataset whose file site.yaml misnames is
// one error, at site.yaml's line, however many charts and figures read
// it, rather than one a chart or figure.
func TestMissingDatasetFileOnce(t *testing.T) {
	fsys := exampleFS(t)
	cfg := string(fsys[ConfigFile].Data)
	line := 1 + strings.Count(cfg[:strings.Index(cfg, "content/data/sp500-shiller-monthly.csv")], "\n")
	fsys[ConfigFile] = &fstest.MapFile{Data: []byte(strings.Replace(cfg, "content/data/sp500-shiller-monthly.csv", "content/data/nosuch.csv", 1))}
	want := fmt.Sprintf("site.yaml:%d: datasets.shiller.file: content/data/nosuch.csv does not exist", line)
	check := func(who string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: the build succeeded", who)
		}
		if msgs := strings.Split(err.Error(), "\n"); len(msgs) != 1 || !strings.HasPrefix(msgs[0], want) {
			t.Errorf("%s: %d errors, want one starting %q:\n%v", who, len(msgs), want, err)
		}
	}
	_, err := Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
	check("Build", err)
	_, _, err = NewSession(fsys, Options{Now: fixedNow}).Build(context.Background(), nil)
	check("Session", err)
}

// TestConfigAndContentErrorsTogether: a key site.yaml does not know is
// reported with the site's other errors, a chart's here, by the same
// build; a site.yaml whose values are wrong still stops the build at once.
func TestConfigAndContentErrorsTogether(t *testing.T) {
	fsys := exampleFS(t)
	cfg := string(fsys[ConfigFile].Data)
	fsys[ConfigFile] = &fstest.MapFile{Data: []byte("perpage: 5\n" + cfg)}
	fsys["content/posts/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\ndate: 2024-01-01\n---\n\n```chart\ndata: shiller\ntitel: x\n```\n")}
	check := errorsCheck(t, `site.yaml:1: unknown key "perpage" (did you mean "perPage"?)`, `content/posts/broken.md:8: chart: unknown key "titel"`)
	_, err := Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
	check("Build", err)
	_, _, err = NewSession(fsys, Options{Now: fixedNow}).Build(context.Background(), nil)
	check("Session", err)

	fsys[ConfigFile] = &fstest.MapFile{Data: []byte("perpage: 5\ncheck: {maxDataAge: soon}\n" + cfg)}
	_, err = Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
	if err == nil || strings.Contains(err.Error(), "broken.md") || !strings.Contains(err.Error(), "site.yaml:2: check.maxDataAge:") {
		t.Errorf("a wrong maxDataAge: %v, want site.yaml's errors only", err)
	}
}

// TestSiteYAMLWrongTypeAlone: a site.yaml that is not a mapping, or whose
// datasets are a list, is reported alone, by Build and a Session: not
// buried under the false errors of a site built without its settings
// (every figure's dataset "not found", every taxonomy key "unknown").
func TestSiteYAMLWrongTypeAlone(t *testing.T) {
	fsys := exampleFS(t)
	cfg := string(fsys[ConfigFile].Data)
	at := strings.Count(cfg[:strings.Index(cfg, "\ndatasets:\n")+1], "\n") + 1
	for _, tc := range []struct{ src, want string }{
		{"- a\n", `site.yaml:1: the file is a list, but site.yaml must be a mapping of settings, a key and its value a line, as in title: "My research" (no - before a key)`},
		{strings.Replace(cfg, "\ndatasets:\n", "\ndatasets: [shiller, fedfunds, sizes]\ndatasetz:\n", 1),
			fmt.Sprintf("site.yaml:%d: datasets: is a list, but it must be a mapping of names to datasets: datasets: {shiller: {file: content/data/shiller.csv}}\n", at) +
				fmt.Sprintf(`site.yaml:%d: unknown key "datasetz" (did you mean "datasets"?)`, at+1)},
	} {
		fsys[ConfigFile] = &fstest.MapFile{Data: []byte(tc.src)}
		_, err := Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
		if got := strings.Join(term.Flatten(err), "\n"); got != tc.want {
			t.Errorf("Build reports\n%s\nwant\n%s", got, tc.want)
		}
		_, _, err = NewSession(fsys, Options{Now: fixedNow}).Build(context.Background(), nil)
		if got := strings.Join(term.Flatten(err), "\n"); got != tc.want {
			t.Errorf("a Session reports\n%s\nwant\n%s", got, tc.want)
		}
	}
}

// TestThemeMissingTemplate: a theme of the site's own that lacks a
// template is one error for each missing file, at its path and saying
// where to get one, and nothing else: the article's chart, which renders
// through article.html, was reported too, at the chart's line, as if the
// article were wrong.
func TestThemeMissingTemplate(t *testing.T) {
	fsys := exampleFS(t)
	for name, f := range fsys {
		if rest, ok := strings.CutPrefix(name, "themes/default/"); ok {
			fsys["themes/mine/"+rest] = f
		}
	}
	delete(fsys, "themes/mine/templates/article.html")
	fsys[ConfigFile] = &fstest.MapFile{Data: append([]byte("theme: mine\n"), fsys[ConfigFile].Data...)}
	want := `themes/mine/templates/article.html is missing: theme "mine" needs a template for each kind of page; write it, or copy the built-in one (tearsheet theme eject writes them all to themes/default/templates)`
	check := func(who string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: the build succeeded", who)
		}
		if err.Error() != want {
			t.Errorf("%s: errors\n%v\nwant only\n%s", who, err, want)
		}
	}
	_, err := Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
	check("Build", err)
	_, _, err = NewSession(fsys, Options{Now: fixedNow}).Build(context.Background(), nil)
	check("Session", err)
}

// TestUnreadableFolderWithOtherErrors: a folder of content/ or static/
// that cannot be read (chmod 000) is one error at the folder, reported
// with the build's other errors: it ended the walk of content/ (or of
// static/), so that the build reported it without the problems of the
// files the walk had not reached, an article's date or a named pipe.
func TestUnreadableFolderWithOtherErrors(t *testing.T) {
	for _, tc := range []struct{ dir, other, want string }{
		{"content/posts/locked", "content/posts/zz-broken.md", "content/posts/zz-broken.md:3: date:"},
		{"static/locked", "static/zz-pipe", "static/zz-pipe: not a regular file"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			fsys := siteFS(t, "testdata/sites/basic")
			fsys[tc.dir+"/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Locked\ndate: 2024-01-01\n---\nText.\n")}
			fsys[tc.other] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\ndate: 2024-02-30\n---\nText.\n")}
			if strings.HasSuffix(tc.other, "pipe") {
				fsys[tc.other] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
			}
			_, _, err := buildMem(t, deniedFS{fsys, tc.dir}, Options{})
			errorsCheck(t, tc.dir+": open "+tc.dir+": permission denied", tc.want)("Build", err)
		})
	}
}
