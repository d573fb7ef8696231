package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// differing returns the names whose entries differ between two trees,
// sorted.
func differing(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestDestinationRefused runs the built binary with destinations a build
// must never replace: each exits 1, says why and how to proceed, and
// changes nothing, in the site folder or beside it.
func TestDestinationRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := tearsheetBinary(t)
	top := t.TempDir()
	site := filepath.Join(top, "site")
	copyDir(t, filepath.Join(repoRoot, "generator/build/testdata/sites/basic"), site)
	copyDir(t, filepath.Join(repoRoot, "themes"), filepath.Join(site, "themes"))
	write(t, site, ".git/HEAD", "ref: refs/heads/main\n")
	write(t, site, "static/robots-extra.txt", "mine\n")
	write(t, top, "foreign/notes.txt", "my notes\n")
	write(t, top, "foreign/drafts/a.md", "a draft\n")
	if err := os.Symlink(filepath.Join(site, "content"), filepath.Join(top, "to-content")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(site, filepath.Join(top, "to-site")); err != nil {
		t.Fatal(err)
	}
	runBin := func(args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = site
		out, err := cmd.CombinedOutput()
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
			return ee.ExitCode(), string(out)
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, string(out)
	}
	// Before any build: a refused build makes no cache either.
	before := tree(t, top)
	if code, out := runBin("build", "--destination", filepath.Join(top, "foreign")); code != 1 || !strings.Contains(out, "no record of a tearsheet build") {
		t.Errorf("a foreign folder before the first build: exit %d:\n%s", code, out)
	}
	if d := differing(before, tree(t, top)); len(d) > 0 {
		t.Errorf("the refused build changed %d entries: %.10q", len(d), d)
	}
	if code, out := runBin("build"); code != 0 {
		t.Fatalf("the first build failed: %s", out)
	}

	const own = "choose a folder of its own"
	cases := []struct {
		dest  string
		wants []string
	}{
		{".", []string{"it is the site folder", own}},
		{site, []string{"it is the site folder", own}},
		{"./content/..", []string{"it is the site folder", own}},
		{filepath.Join(top, "to-site"), []string{"it is the site folder", own}},
		{"..", []string{"it holds the site folder", own}},
		{top, []string{"it holds the site folder", own}},
		{"/", []string{"it holds the site folder", own}},
		{"content", []string{"it is inside content", own}},
		{"content/posts", []string{"it is inside content", own}},
		{"content/new-folder", []string{"it is inside content", own}},
		{filepath.Join(top, "to-content", "out"), []string{"it is inside content", own}},
		{"themes", []string{"it is inside themes", own}},
		{"static", []string{"it is inside static", own}},
		{"layouts/out", []string{"it is inside layouts", own}},
		{".git", []string{"it is inside .git", own}},
		{".cache/output", []string{"it is inside .cache", own}},
		{filepath.Join(top, "foreign"), []string{"holds files (drafts, notes.txt) but no record of a tearsheet build", "--clean-destination", "Nothing was changed", "choose an empty or new --destination"}},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.dest, "/", "∕"), func(t *testing.T) {
			before := tree(t, top)
			code, out := runBin("build", "--destination", c.dest)
			if code != 1 {
				t.Errorf("exit %d, want 1:\n%s", code, out)
			}
			for _, w := range c.wants {
				if !strings.Contains(out, w) {
					t.Errorf("the message lacks %q:\n%s", w, out)
				}
			}
			if d := differing(before, tree(t, top)); len(d) > 0 {
				t.Errorf("the build changed %d entries: %.10q", len(d), d)
			}
		})
	}

	// --clean-destination takes the foreign folder over: it then holds
	// exactly the build.
	foreign := filepath.Join(top, "foreign")
	if code, out := runBin("build", "--destination", foreign, "--clean-destination"); code != 0 {
		t.Fatalf("--clean-destination: exit %d:\n%s", code, out)
	}
	if d := differing(tree(t, filepath.Join(site, "public")), tree(t, foreign)); len(d) > 0 {
		t.Errorf("the folder taken over differs from public/ in %d entries: %.10q", len(d), d)
	}
	// The site folder stays refused, even so.
	before = tree(t, top)
	if code, out := runBin("build", "--destination", ".", "--clean-destination"); code != 1 || !strings.Contains(out, "it is the site folder") {
		t.Errorf("--destination . --clean-destination: exit %d:\n%s", code, out)
	}
	if d := differing(before, tree(t, top)); len(d) > 0 {
		t.Errorf("the build changed %d entries: %.10q", len(d), d)
	}
}

// TestDestinationKeepsOthers: a file added to public/ by hand is kept by
// the next builds, also when the articles around it change, and removed
// by --clean-destination.
func TestDestinationKeepsOthers(t *testing.T) {
	dir := fixture(t)
	if code, _, e := run(t, "build", "--source", dir); code != 0 {
		t.Fatal(e)
	}
	write(t, dir, "public/google1234.html", "google-site-verification: google1234.html")
	write(t, dir, "public/2024/01/first-note/notes.txt", "mine")
	if err := os.Remove(filepath.Join(dir, "content/posts/first-note.md")); err != nil {
		t.Fatal(err)
	}
	code, out, e := run(t, "build", "--source", dir)
	if code != 0 {
		t.Fatal(e)
	}
	if !strings.Contains(out, "removed") {
		t.Errorf("the summary does not say files were removed: %q", out)
	}
	for name, text := range map[string]string{"google1234.html": "google-site-verification: google1234.html", "2024/01/first-note/notes.txt": "mine"} {
		if b, err := os.ReadFile(filepath.Join(dir, "public", name)); err != nil || string(b) != text {
			t.Errorf("public/%s was not kept: %v", name, err)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "public/2024/01/first-note/index.html")); err == nil {
		t.Error("the removed article's page is still there")
	}
	if code, _, e := run(t, "build", "--source", dir, "--clean-destination"); code != 0 {
		t.Fatal(e)
	}
	sameAsFresh(t, dir)
}

// TestBuildWarnsKept puts files by hand into a real public/: a build keeps
// them, but the Pages workflow builds into an empty folder, so they are
// never published. Every build, one that writes files and one that writes
// none (which reads only public/'s top folder), says so in one warning
// naming a few of them (a folder once, not each file in it) and static/,
// and names neither a staging folder of a build into a folder inside
// public/ nor a manifest. Moved into static/, they are published and
// nothing is said.
func TestBuildWarnsKept(t *testing.T) {
	dir := fixture(t)
	pub := filepath.Join(dir, "public")
	build := func(what string) string {
		t.Helper()
		code, out, errOut := run(t, "build", "--offline", "--source", dir)
		if code != 0 {
			t.Fatalf("build %s: exit %d\n%s%s", what, code, out, errOut)
		}
		if written := !strings.Contains(out, "(0 written)"); what == "that writes none" && written || what == "that writes files" && !written {
			t.Errorf("build %s: %s", what, out)
		}
		return errOut
	}
	if e := build("first"); strings.Contains(e, "no build wrote") {
		t.Errorf("a first build warns of files kept:\n%s", e)
	}
	for name, text := range map[string]string{
		"notes.txt": "by hand", "extra/a.txt": "a", "extra/b.txt": "b", "2024/01/first-note/aside.txt": "aside", "zz.txt": "z",
		".tearsheet-stage-preview-1-2/index.html": "a build into public/preview, killed", "preview.manifest": "not a site file",
		".git/HEAD": "ref: refs/heads/gh-pages", // public/ a checkout of the branch it is published from
	} {
		write(t, pub, name, text)
	}
	static := filepath.Join(dir, "static") + string(filepath.Separator)
	const rest = "a build keeps them, but a build into an empty folder (the Pages workflow's) does not have them, so they are not published; move them into "
	write(t, dir, "content/about.md", mustRead(t, filepath.Join(dir, "content/about.md"))+"\nOne more line.\n")
	for _, what := range []string{"that writes files", "that writes none"} {
		want := pub + " holds 4 files or folders that no build wrote (2024/01/first-note/aside.txt, extra/, notes.txt and 1 more): " +
			rest + static + " (" + filepath.Join(static, "2024", "01", "first-note", "aside.txt") + "), whose files every build publishes, or delete them"
		if what == "that writes none" {
			// It reads only public/'s top folder (see output.Stats.Kept).
			want = pub + " holds 3 files or folders that no build wrote (extra/, notes.txt, zz.txt): " +
				rest + static + " (" + filepath.Join(static, "extra") + string(filepath.Separator) + "), whose files every build publishes, or delete them"
		}
		e := build(what)
		if n := strings.Count(e, "no build wrote"); n != 1 || !strings.Contains(e, want) {
			t.Errorf("build %s: %d warnings of files kept, want one:\n%s\nin\n%s", what, n, want, e)
		}
		for _, not := range []string{"a.txt", ".tearsheet-stage", "preview.manifest", ".git"} {
			if strings.Contains(e, not) {
				t.Errorf("build %s names %s:\n%s", what, not, e)
			}
		}
		if b, err := os.ReadFile(filepath.Join(pub, "extra", "b.txt")); err != nil || string(b) != "b" {
			t.Errorf("build %s did not keep public/extra/b.txt: %q %v", what, b, err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "static", "2024", "01", "first-note"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"notes.txt", "extra", "2024/01/first-note/aside.txt", "zz.txt"} {
		if err := os.Rename(filepath.Join(pub, name), filepath.Join(dir, "static", name)); err != nil {
			t.Fatal(err)
		}
	}
	if e := build("once they are in static/"); strings.Contains(e, "no build wrote") {
		t.Errorf("files moved into static/ are still reported:\n%s", e)
	}
	if b, err := os.ReadFile(filepath.Join(pub, "2024", "01", "first-note", "aside.txt")); err != nil || string(b) != "aside" {
		t.Errorf("static/2024/01/first-note/aside.txt is not published: %q %v", b, err)
	}
}
