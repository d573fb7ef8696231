package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

const repoRoot = "../.."

// copyDir copies the folder src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := corpus.CopyDir(src, dst); err != nil {
		t.Fatal(err)
	}
}

// fixture makes a writable copy of the basic fixture site with the theme.
func fixture(t *testing.T) string {
	t.Helper()
	return fixtureSite(t, "basic")
}

// fixtureSite makes a writable copy of a fixture site of
// generator/build/testdata/sites with the theme.
func fixtureSite(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, filepath.Join(repoRoot, "generator/build/testdata/sites", name), dir)
	copyDir(t, filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes"))
	return dir
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// snapshot reads every file under dir into a map.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, a, b map[string]string) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("public/ changed: %d files before, %d after", len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			t.Errorf("public/%s changed", k)
		}
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildErrorsKeepPublic(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		text  string
		wants []string // each must appear in stderr
	}{
		{"malformed site.yaml", "site.yaml", "title: \"x\nbaseURL: /\n", []string{"site.yaml:"}},
		{"site.yaml bad indentation", "site.yaml", "title: x\n  menu: [\n", []string{"site.yaml:2:"}},
		{"unknown site.yaml key", "site.yaml", "title: x\nbaseURL: /\ntheme: default\npermlink: /:slug/\n", []string{"site.yaml:4:", `unknown key "permlink"`, `did you mean "permalink"`}},
		{"mistyped site.yaml value", "site.yaml", "title: x\nperPage: ten\n", []string{"site.yaml:2:", "whole number"}},
		{"bad permalink", "site.yaml", "title: x\npermalink: /:year/:nope/\n", []string{"site.yaml:2:", ":nope"}},
		{"front matter not closed", "content/posts/open.md", "---\ntitle: Open\ndate: 2024-01-01\nNo closing line.\n", []string{"content/posts/open.md:1:", "not closed"}},
		{"no front matter", "content/posts/bare.md", "Just text.\n", []string{"content/posts/bare.md:1:", "no front matter"}},
		{"invalid date", "content/posts/baddate.md", "---\ntitle: Bad date\ndate: 2024-13-45\n---\nText.\n", []string{"content/posts/baddate.md:3:", "there is no such day or month"}},
		{"missing title", "content/posts/notitle.md", "---\ndate: 2024-01-01\n---\nText.\n", []string{"content/posts/notitle.md:1:", "title is missing"}},
		{"missing date", "content/posts/nodate.md", "---\ntitle: No date\n---\nText.\n", []string{"content/posts/nodate.md:1:", "date is missing"}},
		{"unknown front matter key", "content/posts/key.md", "---\ntitle: Key\ndate: 2024-01-01\ntgas: [a]\n---\nText.\n", []string{"content/posts/key.md:4:", `unknown key "tgas"`, `did you mean "tags"`}},
		{"mistyped front matter", "content/posts/typed.md", "---\ntitle: Typed\ndate: 2024-01-01\ndraft: maybe\n---\nText.\n", []string{"content/posts/typed.md:4:", "true or false"}},
		{"same output URL", "content/posts/first-note/index.md", "---\ntitle: Clash\ndate: 2024-01-20\n---\nText.\n", []string{"content/posts/first-note.md", "content/posts/first-note/index.md", "2024/01/first-note/index.html"}},
		{"template syntax error", "layouts/page.html", "{{define \"main\"}}\n{{if}}\n{{end}}\n", []string{"layouts/page.html:2:"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := fixture(t)
			if code, _, errOut := run(t, "build", "--source", dir); code != 0 {
				t.Fatalf("first build failed: %s", errOut)
			}
			before := snapshot(t, filepath.Join(dir, "public"))
			write(t, dir, tc.file, tc.text)
			code, _, errOut := run(t, "build", "--source", dir)
			checkFailedBuild(t, dir, before, code, errOut, tc.wants)
		})
	}
}

func TestBuildCollectsAllErrors(t *testing.T) {
	dir := fixture(t)
	write(t, dir, "content/posts/a.md", "---\ntitle: A\ndate: 2024-99-01\n---\n")
	write(t, dir, "content/posts/b.md", "---\ndate: 2024-01-01\n---\n")
	write(t, dir, "content/c.md", "---\ntitle: [unclosed\n---\n")
	// A static file the build may not read does not hide the content's
	// errors either.
	write(t, dir, "content/posts/d.md", "---\ntitle: D\ndate: 2024-01-01\n---\n\n```chart\ndata: nosuch\n```\n")
	outside := filepath.Join(t.TempDir(), "secret.txt")
	write(t, filepath.Dir(outside), "secret.txt", "not for the site")
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "static/secret.txt")); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "build", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, w := range []string{"content/posts/a.md:3:", "content/posts/b.md:1:", "content/c.md:2:", "content/posts/d.md:6: chart:", "static/secret.txt: a symbolic link"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
}

// TestTemplateErrorOnce: a template that fails on every page is reported
// once, at its file, line and column, with the action that failed; not
// once per page under the page template that called it.
func TestTemplateErrorOnce(t *testing.T) {
	dir := fixture(t)
	footer, err := os.ReadFile(filepath.Join(repoRoot, "themes/default/templates/partials/footer.html"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "layouts/partials/footer.html", strings.Replace(string(footer), "{{.Site.Title}}", "{{.Site.Nope}}", 1))
	code, _, errOut := run(t, "build", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	want := "layouts/partials/footer.html:4:43: {{.Site.Nope}}: can't evaluate field Nope"
	if n := strings.Count(errOut, want); n != 1 {
		t.Errorf("stderr names %q %d times, want once:\n%s", want, n, errOut)
	}
	if strings.Contains(errOut, "base.html") {
		t.Errorf("stderr names base.html, which only called the partial:\n%s", errOut)
	}
}

func TestBuildRemovesStaleFiles(t *testing.T) {
	dir := fixture(t)
	if code, _, e := run(t, "build", "--source", dir); code != 0 {
		t.Fatal(e)
	}
	if err := os.Remove(filepath.Join(dir, "content/posts/first-note.md")); err != nil {
		t.Fatal(err)
	}
	if code, _, e := run(t, "build", "--source", dir); code != 0 {
		t.Fatal(e)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/2024/01/first-note/index.html")); err == nil {
		t.Error("a removed article's page is still in public/")
	}
}

func TestUsageErrors(t *testing.T) {
	if code, _, _ := run(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "build", "--nope"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	code, _, errOut := run(t, "build", "--source", filepath.Join(t.TempDir(), "missing"))
	if code != 1 || !strings.Contains(errOut, "not a folder") || !strings.Contains(errOut, "build failed; nothing was written") || strings.Contains(errOut, "left as it was") {
		t.Errorf("missing source: exit %d, stderr %q, want no word of a public/ that is not there", code, errOut)
	}
}

// TestSiteFolderArgument: a site folder given as an argument, as init
// takes one (tearsheet serve my-research), is refused with the command
// that names it; any other argument is refused as it is.
func TestSiteFolderArgument(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my research")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"serve", "build", "check"} {
		code, out, errOut := run(t, cmd, dir)
		want := fmt.Sprintf("tearsheet %s: unexpected argument %q: to name the site folder, run tearsheet %s --source '%s'\n", cmd, dir, cmd, dir)
		if code != 2 || out != "" || errOut != want {
			t.Errorf("tearsheet %s DIR: exit %d, stdout %q, stderr %q; want exit 2 and %q", cmd, code, out, errOut, want)
		}
	}
	if code, _, errOut := run(t, "serve", "nosuch-folder"); code != 2 || errOut != "tearsheet serve: unexpected argument \"nosuch-folder\"\n" {
		t.Errorf("tearsheet serve nosuch-folder: exit %d, stderr %q", code, errOut)
	}
}

// TestServeOutsideSite: serve in a folder without site.yaml (the user
// forgot to cd into the site) exits at once with the error build gives,
// rather than serve a page of that error and watch the folder.
func TestServeOutsideSite(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var o, e bytes.Buffer
	code := Run(ctx, []string{"serve", "--port", "0", "--source", t.TempDir()}, &o, &e)
	if code != 1 || !strings.Contains(e.String(), "site.yaml: not found: run tearsheet in a site folder") || strings.Contains(o.String()+e.String(), "serving ") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and site.yaml not found, nothing served", code, o.String(), e.String())
	}
}

// TestCommandHelp: every command's -h (and help COMMAND) starts with one
// usage line and what the command does, then its flags, as init's does;
// not Go's bare "Usage of tearsheet build:".
func TestCommandHelp(t *testing.T) {
	for _, cmd := range []string{"build", "serve", "check", "new", "init", "lock", "email", "theme", "version"} {
		for _, args := range [][]string{{cmd, "-h"}, {"help", cmd}} {
			code, out, errOut := run(t, args...)
			first, rest, _ := strings.Cut(errOut, "\n")
			flags := cmd == "version" || strings.Contains(rest, "\n  -") // version has none
			if code != 0 || out != "" || !strings.HasPrefix(first, "usage: tearsheet "+cmd) || !strings.HasPrefix(rest, "\n") || !flags || len(strings.TrimSpace(rest)) < 20 {
				t.Errorf("tearsheet %s: exit %d, stdout %q, stderr:\n%s\nwant a usage line, a blank line, what it does and its flags", strings.Join(args, " "), code, out, errOut)
			}
		}
	}
}

// TestExampleSiteDeterministic builds the repository's example site twice
// into two folders and compares the trees byte for byte. It builds offline,
// from the committed copies, as make build does: tests never use the network.
func TestExampleSiteDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if code, _, e := run(t, "build", "--offline", "--source", repoRoot, "--destination", filepath.Join(d, "public")); code != 0 {
			t.Fatalf("example site build failed:\n%s", e)
		}
	}
	sa, sb := snapshot(t, filepath.Join(a, "public")), snapshot(t, filepath.Join(b, "public"))
	if len(sa) < 5 {
		t.Fatalf("the example site built only %d files", len(sa))
	}
	for _, must := range []string{"index.html", "404.html", "about/index.html", "terms/index.html", "privacy/index.html"} {
		if _, ok := sa[must]; !ok {
			t.Errorf("example site lacks %s", must)
		}
	}
	sameSnapshot(t, sa, sb)
}

// TestBuildTrimsChartCache checks that tearsheet build trims the chart
// cache (figure.DirCache.Trim): what no build used for days goes, what
// this build used stays however old it was.
func TestBuildTrimsChartCache(t *testing.T) {
	dir := fixture(t)
	if code, _, e := run(t, "build", "--source", dir); code != 0 {
		t.Fatal(e)
	}
	charts := filepath.Join(dir, ".cache", "charts")
	used, err := os.ReadDir(charts)
	if err != nil || len(used) < 2 { // trim.txt and a chart at least
		t.Fatalf("chart cache after a build: %d files, %v", len(used), err)
	}
	stray := filepath.Join(charts, "0123456789abcdef0123456789abcdef.png")
	write(t, charts, filepath.Base(stray), "a chart no article draws any more")
	old := time.Now().Add(-6 * 24 * time.Hour)
	write(t, charts, "trim.txt", strconv.FormatInt(old.Unix(), 10))
	for _, e := range append(used, nil) {
		p := stray
		if e != nil {
			p = filepath.Join(charts, e.Name())
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, e := run(t, "build", "--source", dir); code != 0 {
		t.Fatal(e)
	}
	if _, err := os.Stat(stray); err == nil {
		t.Error("the build left a chart no build used for six days")
	}
	for _, e := range used {
		if _, err := os.Stat(filepath.Join(charts, e.Name())); err != nil {
			t.Errorf("the build removed %s, which it used: %v", e.Name(), err)
		}
	}
}
