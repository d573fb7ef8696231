package output

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// site is the files of a build, by name.
type site map[string]string

// build writes files through a new Stage of dest (from several goroutines,
// as a build does) and commits it.
func build(t *testing.T, dest string, opts Options, files site) Stats {
	t.Helper()
	st, err := NewStageOptions(dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeAll(st, files); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatalf("commit: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), stagePrefix+"*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
	return st.Stats()
}

func writeAll(st *Stage, files site) error {
	names := slices.Sorted(maps.Keys(files))
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for w := range errs {
		wg.Go(func() {
			for i := w; i < len(names); i += len(errs) {
				if err := st.WriteFile(names[i], []byte(files[names[i]])); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// tree reads every file, folder and link under dir: a folder is "/", a
// link "-> TARGET".
func tree(t *testing.T, dir string) site {
	t.Helper()
	out := site{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			out[rel] = "/"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		default:
			b, err := os.ReadFile(p)
			out[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// want is the tree a build of files must leave: the files and their
// folders, nothing else.
func want(files site) site {
	out := site{}
	for name, text := range files {
		out[name] = text
		for d := filepath.ToSlash(filepath.Dir(name)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			out[d] = "/"
		}
	}
	return out
}

func sameTree(t *testing.T, got, want site) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is missing", name)
		} else if g != want[name] {
			t.Errorf("%s is %.40q, want %.40q", name, g, want[name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[name]; !ok {
			t.Errorf("%s should not be there (%.40q)", name, got[name])
		}
	}
}

// fresh builds files into an empty folder without a manifest.
func fresh(t *testing.T, files site) site {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, Options{}, files)
	return tree(t, dest)
}

func siteV1() site {
	return site{
		"index.html":                  "<h1>home</h1>",
		"404.html":                    "not found",
		".nojekyll":                   "",
		"2024/01/a/index.html":        "article a",
		"2024/01/a/chart.svg":         "<svg>a</svg>",
		"2024/01/b/index.html":        "article b",
		"2024/02/c/index.html":        "article c",
		"tags/x/index.html":           "tag x: a b",
		"tags/x/page/2/index.html":    "tag x page 2",
		"tags/y/index.html":           "tag y: c",
		"css/site.css":                "body{}",
		"search.json":                 `[{"a":1}]`,
		"deep/er/and/deeper/one.html": "deep",
	}
}

// siteV2 is siteV1 after an edit, a new article, a removed one (with its
// folder and the only article of its month) and a file that became a
// folder and a folder that became a file.
func siteV2() site {
	s := siteV1()
	s["2024/01/a/index.html"] = "article a, edited"
	s["2024/03/d/index.html"] = "article d"
	delete(s, "2024/02/c/index.html")
	delete(s, "tags/y/index.html")
	delete(s, "tags/x/page/2/index.html")
	s["tags/x/page/2"] = "a file now"
	delete(s, "search.json")
	s["search.json/index.html"] = "a folder now"
	delete(s, "deep/er/and/deeper/one.html")
	s["deep/er/other.html"] = "less deep"
	return s
}

func TestIncremental(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	v1, v2 := siteV1(), siteV2()

	st := build(t, dest, opts, v1)
	if st.Files != len(v1) || st.Written != len(v1) {
		t.Errorf("first build: %+v, want all %d written", st, len(v1))
	}
	sameTree(t, tree(t, dest), want(v1))
	mf := manifestFile(opts.Manifest, dest)
	before, err := os.Stat(mf)
	if err != nil {
		t.Fatalf("no manifest: %v", err)
	}

	// Warm: nothing is written, and the manifest is kept as it is.
	st = build(t, dest, opts, v1)
	if st.Written != 0 || st.Removed != 0 || st.Files != len(v1) {
		t.Errorf("warm build: %+v, want nothing written", st)
	}
	sameTree(t, tree(t, dest), want(v1))
	if after, err := os.Stat(mf); err != nil || !after.ModTime().Equal(before.ModTime()) || inode(after) != inode(before) {
		t.Errorf("a warm build rewrote the manifest")
	}

	// An edit writes the changed files only; removed outputs and the
	// folders left empty go.
	st = build(t, dest, opts, v2)
	if st.Written != 5 || st.Removed != 5 {
		t.Errorf("edit: %+v, want 5 written (an edit, a new article, 3 new names), 5 removed", st)
	}
	sameTree(t, tree(t, dest), want(v2))
	sameTree(t, tree(t, dest), fresh(t, v2))

	// And back.
	st = build(t, dest, opts, v1)
	sameTree(t, tree(t, dest), want(v1))
	if st.Written != 6 || st.Removed != 4 {
		t.Errorf("back to v1: %+v, want 6 written, 4 removed", st)
	}
	if st = build(t, dest, opts, v1); st.Written != 0 {
		t.Errorf("warm after the changes: %+v", st)
	}
}

// TestHandChanges changes public/ by hand between builds: the next build
// puts back exactly what a fresh build makes, and keeps what the last
// build did not write (kept, for each next site); what no build wrote at a
// name the next build makes (refused, for each next site: the error's
// entry) stops it, leaving public/ as it was, until Clean.
func TestHandChanges(t *testing.T) {
	type change struct {
		do      func(t *testing.T, dest string)
		kept    map[string]site   // by the name of the next site
		refused map[string]string // by the name of the next site
	}
	changes := map[string]change{
		"file deleted": {do: func(t *testing.T, dest string) {
			must(t, os.Remove(filepath.Join(dest, "2024/01/b/index.html")))
		}},
		"file edited in place, same size": {do: func(t *testing.T, dest string) {
			must(t, os.WriteFile(filepath.Join(dest, "2024/01/a/index.html"), []byte("ARTICLE A"), 0o644))
		}},
		"file replaced, same size and time": {do: func(t *testing.T, dest string) {
			p := filepath.Join(dest, "tags/x/index.html")
			info, err := os.Stat(p)
			must(t, err)
			must(t, os.WriteFile(p+".new", []byte("TAG X: A B"), 0o644))
			must(t, os.Chtimes(p+".new", info.ModTime(), info.ModTime()))
			must(t, os.Rename(p+".new", p))
		}},
		"file replaced by a folder": {do: func(t *testing.T, dest string) {
			p := filepath.Join(dest, "css/site.css")
			must(t, os.Remove(p))
			must(t, os.MkdirAll(filepath.Join(p, "inner"), 0o755))
			must(t, os.WriteFile(filepath.Join(p, "inner/x"), []byte("x"), 0o644))
		}, refused: map[string]string{
			"v1": "css/site.css/ (holding inner), where the build writes a file",
			"v2": "css/site.css/ (holding inner), where the build writes a file",
		}},
		"folder replaced by a file": {do: func(t *testing.T, dest string) {
			p := filepath.Join(dest, "tags/x")
			must(t, os.RemoveAll(p))
			must(t, os.WriteFile(p, []byte("x"), 0o644))
		}, refused: map[string]string{
			"v1": "tags/x, where the build needs a folder",
			"v2": "tags/x, where the build needs a folder",
		}},
		"folder replaced by a link": {do: func(t *testing.T, dest string) {
			p := filepath.Join(dest, "2024/02")
			must(t, os.Rename(p, p+"-moved"))
			must(t, os.Symlink("02-moved", p))
		}, kept: map[string]site{
			// The moved folder was not written by the build under that
			// name; the link stands where siteV2 makes nothing.
			"v1": {"2024/02-moved": "/", "2024/02-moved/c": "/", "2024/02-moved/c/index.html": "article c"},
			"v2": {"2024/02-moved": "/", "2024/02-moved/c": "/", "2024/02-moved/c/index.html": "article c", "2024/02": "-> 02-moved"},
		}},
		"folder replaced by a link out of the destination": {do: func(t *testing.T, dest string) {
			p := filepath.Join(dest, "2024")
			outside, err := os.MkdirTemp(filepath.Dir(dest), "outside-")
			must(t, err)
			out := filepath.Join(outside, "2024")
			must(t, os.Rename(p, out))
			must(t, os.Symlink(out, p))
			t.Cleanup(func() {
				// Nothing outside the destination was touched.
				sameTree(t, tree(t, out), want(site{
					"01/a/index.html": "article a",
					"01/a/chart.svg":  "<svg>a</svg>",
					"01/b/index.html": "article b",
					"02/c/index.html": "article c",
				}))
			})
		}},
		"file replaced by a link": {do: func(t *testing.T, dest string) {
			p := filepath.Join(dest, "404.html")
			must(t, os.Rename(p, p+".moved"))
			must(t, os.Symlink("404.html.moved", p))
		}, kept: map[string]site{
			"v1": {"404.html.moved": "not found"},
			"v2": {"404.html.moved": "not found"},
		}},
		"files and folders added": {do: func(t *testing.T, dest string) {
			must(t, os.WriteFile(filepath.Join(dest, "stray.html"), []byte("stray"), 0o644))
			must(t, os.WriteFile(filepath.Join(dest, "2024/01/a/stray.txt"), []byte("stray"), 0o644))
			must(t, os.MkdirAll(filepath.Join(dest, "2024/07/empty"), 0o755))
			must(t, os.Mkdir(filepath.Join(dest, "deep/er/and/deeper/empty"), 0o755))
		}, kept: map[string]site{
			"v1": {"stray.html": "stray", "2024/01/a/stray.txt": "stray", "2024/07": "/", "2024/07/empty": "/", "deep/er/and/deeper/empty": "/"},
			// siteV2 no longer makes deep/er/and/deeper: the folders
			// holding the added one stay.
			"v2": {"stray.html": "stray", "2024/01/a/stray.txt": "stray", "2024/07": "/", "2024/07/empty": "/", "deep/er/and/deeper/empty": "/", "deep/er/and/deeper": "/", "deep/er/and": "/"},
		}},
		// A file the last build wrote and the next no longer makes,
		// changed since: someone's now, kept.
		"file no longer made, edited by hand": {do: func(t *testing.T, dest string) {
			must(t, os.WriteFile(filepath.Join(dest, "2024/02/c/index.html"), []byte("my own notes on c"), 0o644))
		}, kept: map[string]site{
			"v2": {"2024/02": "/", "2024/02/c": "/", "2024/02/c/index.html": "my own notes on c"},
		}},
		"file no longer made, edited by hand, same size": {do: func(t *testing.T, dest string) {
			must(t, os.WriteFile(filepath.Join(dest, "2024/02/c/index.html"), []byte("ARTICLE C"), 0o644))
		}, kept: map[string]site{
			"v2": {"2024/02": "/", "2024/02/c": "/", "2024/02/c/index.html": "ARTICLE C"},
		}},
		// Copied with its bytes (another inode and time): still the
		// build's, removed.
		"file no longer made, copied over itself": {do: func(t *testing.T, dest string) {
			p := filepath.Join(dest, "2024/02/c/index.html")
			b, err := os.ReadFile(p)
			must(t, err)
			must(t, os.Remove(p))
			must(t, os.WriteFile(p, b, 0o600))
		}},
		"everything deleted": {do: func(t *testing.T, dest string) {
			must(t, os.RemoveAll(dest))
		}},
		"everything emptied": {do: func(t *testing.T, dest string) {
			entries, err := os.ReadDir(dest)
			must(t, err)
			for _, e := range entries {
				must(t, os.RemoveAll(filepath.Join(dest, e.Name())))
			}
		}},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			for _, next := range []struct {
				name  string
				files site
			}{{"v1", siteV1()}, {"v2", siteV2()}} {
				root := t.TempDir()
				dest := filepath.Join(root, "public")
				opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
				build(t, dest, opts, siteV1())
				change.do(t, dest)
				if entry, ok := change.refused[next.name]; ok {
					before := tree(t, dest)
					st, err := NewStageOptions(dest, opts)
					must(t, err)
					must(t, writeAll(st, next.files))
					var iw *InTheWayError
					if err := st.Commit(); !errors.As(err, &iw) || !slices.Contains(iw.Entries, entry) {
						t.Errorf("%s: commit: %v; want an InTheWayError naming %q", next.name, err, entry)
					}
					must(t, st.Abort())
					sameTree(t, tree(t, dest), before)
					// Clean replaces it.
					build(t, dest, Options{Manifest: opts.Manifest, Clean: true}, next.files)
					sameTree(t, tree(t, dest), fresh(t, next.files))
					continue
				}
				build(t, dest, opts, next.files)
				w := fresh(t, next.files)
				maps.Copy(w, change.kept[next.name])
				sameTree(t, tree(t, dest), w)
				if st := build(t, dest, opts, next.files); st.Written != 0 {
					t.Errorf("the build after the repair wrote %d files", st.Written)
				}
				// Clean drops what the build did not make.
				build(t, dest, Options{Manifest: opts.Manifest, Clean: true}, next.files)
				sameTree(t, tree(t, dest), fresh(t, next.files))
			}
		})
	}
}

// TestByHandReported checks that a file kept because it was changed by
// hand since the last build wrote it is named in Stats, and is no longer
// counted as removed.
func TestByHandReported(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, siteV1())
	must(t, os.WriteFile(filepath.Join(dest, "tags/y/index.html"), []byte("my tag page"), 0o644))
	st := build(t, dest, opts, siteV2())
	if !slices.Equal(st.ByHand, []string{"tags/y/index.html"}) {
		t.Errorf("ByHand %q, want the edited tags/y/index.html", st.ByHand)
	}
	// siteV2 no longer makes five files of siteV1: c, tag y, tag x's
	// page 2 (now a file), search.json (now a folder) and the deep one;
	// one of them is kept.
	if st.Removed != 4 {
		t.Errorf("Removed %d, want 4 (tags/y/index.html is kept)", st.Removed)
	}
	if st := build(t, dest, opts, siteV2()); len(st.ByHand) != 0 {
		t.Errorf("the next build reports %q again: the kept file is no longer of a build", st.ByHand)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// deadPID is a process id no process has (above Linux's largest), for
// staging folders that a killed build left.
const deadPID = 1<<22 + 7

func TestRewrite(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, siteV1())
	if st := build(t, dest, Options{Manifest: opts.Manifest, Rewrite: true}, siteV2()); st.Written != len(siteV2()) || st.Removed != 5 {
		t.Errorf("rewrite: %+v, want all %d written and 5 removed", st, len(siteV2()))
	}
	sameTree(t, tree(t, dest), want(siteV2()))
	// The rewrite left a manifest for the next build.
	if st := build(t, dest, opts, siteV2()); st.Written != 0 {
		t.Errorf("after a rewrite: %+v", st)
	}
}

func TestDestIsFile(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	must(t, os.WriteFile(dest, []byte("a file"), 0o644))
	for _, opts := range []Options{{}, {Clean: true}, {Manifest: filepath.Join(root, ".cache")}} {
		if _, err := NewStageOptions(dest, opts); err == nil || !strings.Contains(err.Error(), "exists and is not a folder") {
			t.Errorf("a stage onto a file: %v", err)
		}
		if b, _ := os.ReadFile(dest); string(b) != "a file" {
			t.Errorf("the file was changed")
		}
	}
	if left, _ := filepath.Glob(filepath.Join(root, stagePrefix+"*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}

func TestWrittenTwice(t *testing.T) {
	st, err := NewStageOptions(filepath.Join(t.TempDir(), "public"), Options{})
	must(t, err)
	defer st.Abort()
	must(t, st.WriteFile("a.html", []byte("a")))
	if err := st.WriteFile("a.html", []byte("b")); err == nil || !strings.Contains(err.Error(), "written twice") {
		t.Errorf("a second write: %v", err)
	}
}

// TestStageNames checks the names a Stage refuses.
func TestStageNames(t *testing.T) {
	st, err := NewStageOptions(filepath.Join(t.TempDir(), "public"), Options{})
	must(t, err)
	defer st.Abort()
	for _, name := range []string{"", "/abs", "../up", "a/../b", "a//b", ".", `a\b`} {
		if err := st.WriteFile(name, []byte("x")); err == nil {
			t.Errorf("%q was accepted", name)
		}
	}
}

// TestKeep keeps files of the last build without their content: all of a
// set or none, and only while the destination holds them as written.
func TestKeep(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	v1 := siteV1()
	build(t, dest, opts, v1)
	names := slices.Sorted(maps.Keys(v1))
	a, b := names[0], names[1]
	kept := func(name string) Kept {
		return Kept{Name: name, Sum: sha256.Sum256([]byte(v1[name])), Size: int64(len(v1[name]))}
	}

	// A build keeping a and b, writing the rest: the same destination.
	st, err := NewStageOptions(dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	wrong := kept(b)
	wrong.Sum[0] ^= 1
	if st.Keep([]Kept{kept(a), wrong}) {
		t.Error("kept a file whose content differs from the manifest's")
	}
	if _, ok := st.Kept(a); ok {
		t.Error("a set that could not be kept whole was kept in part")
	}
	if !st.Keep([]Kept{kept(a), kept(b)}) {
		t.Fatal("could not keep files the destination holds as written")
	}
	if k, ok := st.Kept(a); !ok || k != kept(a) {
		t.Errorf("Kept(%s) = %+v, %t; want %+v", a, k, ok, kept(a))
	}
	if st.Keep([]Kept{kept(b)}) {
		t.Error("kept a file twice")
	}
	rest := site{}
	for _, n := range names[2:] {
		rest[n] = v1[n]
	}
	if err := writeAll(st, rest); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if s := st.Stats(); s.Written != 0 || s.Files != len(v1) || s.Removed != 0 {
		t.Errorf("stats %+v, want %d files, none written or removed", s, len(v1))
	}
	sameTree(t, tree(t, dest), want(v1))

	// A file changed by hand is not kept.
	if err := os.WriteFile(filepath.Join(dest, filepath.FromSlash(a)), []byte("by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err = NewStageOptions(dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	if st.Keep([]Kept{kept(a)}) {
		t.Error("kept a file changed by hand")
	}
	if st.Keep([]Kept{{Name: "../outside", Sum: kept(a).Sum, Size: kept(a).Size}}) {
		t.Error("kept a name outside the destination")
	}
}

// TestForeignDestination: a folder holding files but no manifest of a
// build is refused without Clean and left as it was; an empty one is
// built into; with Clean it ends up exactly the build.
func TestForeignDestination(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	must(t, os.MkdirAll(filepath.Join(dest, "notes"), 0o755))
	must(t, os.WriteFile(filepath.Join(dest, "notes/todo.txt"), []byte("mine"), 0o644))
	must(t, os.WriteFile(filepath.Join(dest, "index.html"), []byte("my page"), 0o644))
	before := tree(t, dest)
	_, err := NewStageOptions(dest, opts)
	if fe := (*ForeignError)(nil); !errors.As(err, &fe) || fe.Dest != dest || !slices.Equal(fe.Entries, []string{"index.html", "notes"}) {
		t.Fatalf("got %v, want a ForeignError naming index.html and notes", err)
	}
	sameTree(t, tree(t, dest), before)
	if left, _ := filepath.Glob(filepath.Join(root, stagePrefix+"*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}

	empty := filepath.Join(root, "empty")
	must(t, os.Mkdir(empty, 0o755))
	build(t, empty, opts, siteV1())
	sameTree(t, tree(t, empty), want(siteV1()))

	if st := build(t, dest, Options{Manifest: opts.Manifest, Clean: true}, siteV1()); st.Removed != 1 {
		t.Errorf("%+v: want notes/, which the build does not make, removed (its index.html replaces the other)", st)
	}
	sameTree(t, tree(t, dest), want(siteV1()))
}

// TestKeptFilesLinked: a build after an edit links the files it kept into
// the new destination (the same inode), so their manifest entries still
// hold, and the next build writes nothing.
func TestKeptFilesLinked(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, siteV1())
	before, err := os.Lstat(filepath.Join(dest, "2024/01/b/index.html"))
	must(t, err)
	v := siteV1()
	v["2024/01/a/index.html"] = "edited"
	if st := build(t, dest, opts, v); st.Written != 1 {
		t.Errorf("%+v: want 1 written", st)
	}
	after, err := os.Lstat(filepath.Join(dest, "2024/01/b/index.html"))
	must(t, err)
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged file was not kept as it was")
	}
	if st := build(t, dest, opts, v); st.Written != 0 {
		t.Errorf("%+v: want nothing written", st)
	}
	sameTree(t, tree(t, dest), want(v))
}
