package build

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// repoRoot is the repository, two folders up from this package.
const repoRoot = "../.."

// siteFS loads the fixture site in dir into memory, with the repository's
// default theme beside it unless the fixture has its own themes/.
func siteFS(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	add := func(root, prefix string) {
		if err := corpus.AddDir(m, root, prefix); err != nil {
			t.Fatal(err)
		}
	}
	add(dir, ".")
	if _, err := os.Stat(filepath.Join(dir, "themes")); err != nil {
		add(filepath.Join(repoRoot, "themes"), "themes")
	}
	return m
}

// fixedNow is the clock of every test build, so "future" does not drift.
var fixedNow = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func buildMem(t testing.TB, fsys fs.FS, opts Options) (*output.Memory, *Result, error) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = fixedNow
	}
	mem := output.NewMemory()
	res, err := Build(context.Background(), fsys, opts, mem)
	return mem, res, err
}

func TestGoldenBasic(t *testing.T) {
	mem, res, err := buildMem(t, siteFS(t, "testdata/sites/basic"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 2 || res.Pages != 1 {
		t.Errorf("built %d articles and %d pages, want 2 and 1 (draft and future left out)", res.Articles, res.Pages)
	}
	golden := []string{
		"index.html",
		"2024/01/first-note/index.html",
		"2024/03/rates-bundle/index.html",
		"about/index.html",
		"who/index.html",
		"404.html",
	}
	for _, name := range golden {
		got, ok := mem.Get(name)
		if !ok {
			t.Errorf("%s was not written; files: %v", name, mem.Names())
			continue
		}
		checkGolden(t, filepath.Join("testdata/golden/basic", name), got)
	}
	for _, name := range []string{"2024/03/rates-bundle/rates.csv"} {
		if _, ok := mem.Get(name); !ok {
			t.Errorf("bundle file %s was not copied", name)
		}
	}
	for _, name := range mem.Names() {
		if strings.Contains(name, "draft-idea") || strings.Contains(name, "future-note") {
			t.Errorf("%s: drafts and future articles must be left out by default", name)
		}
	}
}

func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/build -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update if the change is intended):\n%s", file, diffLines(string(want), string(got)))
	}
}

// diffLines shows the first differing lines of two texts.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, wl, gl)
		}
	}
	return ""
}

func TestDraftsAndFuture(t *testing.T) {
	mem, res, err := buildMem(t, siteFS(t, "testdata/sites/basic"), Options{Drafts: true, Future: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 4 {
		t.Errorf("with --drafts --future built %d articles, want 4", res.Articles)
	}
	page, _ := mem.Get("2024/02/draft-idea/index.html")
	if !bytes.Contains(page, []byte(`class="badge">Draft<`)) {
		t.Error("a draft built with --drafts must carry a Draft badge")
	}
	page, _ = mem.Get("2999/01/future-note/index.html")
	if !bytes.Contains(page, []byte(`class="badge">Scheduled<`)) {
		t.Error("a future article built with --future must carry a Scheduled badge")
	}
}

func TestDeterministic(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	a, _, err := buildMem(t, fsys, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := buildMem(t, fsys, Options{Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	sameTrees(t, a, b)
}

func sameTrees(t *testing.T, a, b *output.Memory) {
	t.Helper()
	an, bn := a.Names(), b.Names()
	if strings.Join(an, "\n") != strings.Join(bn, "\n") {
		t.Fatalf("file lists differ:\n%v\n%v", an, bn)
	}
	for _, n := range an {
		x, _ := a.Get(n)
		y, _ := b.Get(n)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

// TestStaticHiddenFolders: static/ publishes its .well-known/ folder, the
// web's place for security.txt and verification files, and no other
// hidden folder: the files of a nested checkout's .git/ (whose config may
// hold a token in a remote's URL) and of .svn/ were published, while the
// hidden files beside them were not.
func TestStaticHiddenFolders(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	for _, name := range []string{"static/.git/config", "static/.git/refs/heads/main", "static/img/.svn/entries", "static/.well-known/security.txt", "static/img/logo.txt"} {
		fsys[name] = &fstest.MapFile{Data: []byte(name + "\n")}
	}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".well-known/security.txt", "img/logo.txt"} {
		if _, ok := mem.Get(name); !ok {
			t.Errorf("static/%s was not published", name)
		}
	}
	for _, name := range mem.Names() {
		if strings.HasPrefix(name, ".git/") || strings.Contains(name, "/.svn/") {
			t.Errorf("%s was published from a hidden folder of static/", name)
		}
	}
}
