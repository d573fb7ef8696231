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
	"time"
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
// puts back exactly what a fresh build makes.
func TestHandChanges(t *testing.T) {
	changes := map[string]func(t *testing.T, dest string){
		"file deleted": func(t *testing.T, dest string) {
			must(t, os.Remove(filepath.Join(dest, "2024/01/b/index.html")))
		},
		"file edited in place, same size": func(t *testing.T, dest string) {
			must(t, os.WriteFile(filepath.Join(dest, "2024/01/a/index.html"), []byte("ARTICLE A"), 0o644))
		},
		"file replaced, same size and time": func(t *testing.T, dest string) {
			p := filepath.Join(dest, "tags/x/index.html")
			info, err := os.Stat(p)
			must(t, err)
			must(t, os.WriteFile(p+".new", []byte("TAG X: A B"), 0o644))
			must(t, os.Chtimes(p+".new", info.ModTime(), info.ModTime()))
			must(t, os.Rename(p+".new", p))
		},
		"file replaced by a folder": func(t *testing.T, dest string) {
			p := filepath.Join(dest, "css/site.css")
			must(t, os.Remove(p))
			must(t, os.MkdirAll(filepath.Join(p, "inner"), 0o755))
			must(t, os.WriteFile(filepath.Join(p, "inner/x"), []byte("x"), 0o644))
		},
		"folder replaced by a file": func(t *testing.T, dest string) {
			p := filepath.Join(dest, "tags/x")
			must(t, os.RemoveAll(p))
			must(t, os.WriteFile(p, []byte("x"), 0o644))
		},
		"folder replaced by a link": func(t *testing.T, dest string) {
			p := filepath.Join(dest, "2024/02")
			must(t, os.Rename(p, p+"-moved"))
			must(t, os.Symlink("02-moved", p))
		},
		"folder replaced by a link out of the destination": func(t *testing.T, dest string) {
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
		},
		"file replaced by a link": func(t *testing.T, dest string) {
			p := filepath.Join(dest, "404.html")
			must(t, os.Rename(p, p+".moved"))
			must(t, os.Symlink("404.html.moved", p))
		},
		"files and folders added": func(t *testing.T, dest string) {
			must(t, os.WriteFile(filepath.Join(dest, "stray.html"), []byte("stray"), 0o644))
			must(t, os.WriteFile(filepath.Join(dest, "2024/01/a/stray.txt"), []byte("stray"), 0o644))
			must(t, os.MkdirAll(filepath.Join(dest, "2024/07/empty"), 0o755))
			must(t, os.Mkdir(filepath.Join(dest, "deep/er/and/deeper/empty"), 0o755))
		},
		"everything deleted": func(t *testing.T, dest string) {
			must(t, os.RemoveAll(dest))
		},
		"everything emptied": func(t *testing.T, dest string) {
			entries, err := os.ReadDir(dest)
			must(t, err)
			for _, e := range entries {
				must(t, os.RemoveAll(filepath.Join(dest, e.Name())))
			}
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
			for _, next := range []site{siteV1(), siteV2()} {
				build(t, dest, opts, siteV1())
				change(t, dest)
				build(t, dest, opts, next)
				sameTree(t, tree(t, dest), fresh(t, next))
				if st := build(t, dest, opts, next); st.Written != 0 {
					t.Errorf("the build after the repair wrote %d files", st.Written)
				}
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestInterruptedCommit stops an incremental commit after each of its
// changes to the destination, as a kill would, and checks that the next
// build (of the same site, of the previous one, or of a third) leaves
// exactly what a fresh build makes.
func TestInterruptedCommit(t *testing.T) {
	v3 := siteV2()
	v3["2024/02/c/index.html"] = "article c is back"
	v3["tags/x/page/3/index.html"] = "tag x page 3"
	delete(v3, "2024/03/d/index.html")
	errKill := errors.New("killed")
	for _, next := range []site{siteV2(), siteV1(), v3} {
		for k := 0; ; k++ {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
			build(t, dest, opts, siteV1())
			st, err := NewStageOptions(dest, opts)
			must(t, err)
			must(t, writeAll(st, siteV2()))
			changes := 0
			st.beforeChange = func() error {
				if changes == k {
					return errKill
				}
				changes++
				return nil
			}
			mf := manifestFile(opts.Manifest, dest)
			oldManifest, err := os.ReadFile(mf)
			must(t, err)
			err = st.Commit()
			must(t, st.Abort())
			done := err == nil
			if done {
				if k < 10 {
					t.Fatalf("the commit made only %d changes", k)
				}
				// Killed after the last change, before the manifest was
				// replaced.
				must(t, os.WriteFile(mf, oldManifest, 0o644))
			} else if ce := (*CommitError)(nil); !errors.As(err, &ce) || !errors.Is(err, errKill) {
				t.Fatalf("after %d changes: %v, want a CommitError", k, err)
			}
			build(t, dest, opts, next)
			sameTree(t, tree(t, dest), fresh(t, next))
			if t.Failed() {
				t.Fatalf("killed after %d changes", k)
			}
			if done {
				t.Logf("tried all %d points of the commit", k+1)
				break
			}
		}
	}
}

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

func TestNoManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, s := range []site{siteV1(), siteV1(), siteV2()} {
		if st := build(t, dest, Options{}, s); st.Written != len(s) {
			t.Errorf("without a manifest: %+v", st)
		}
		sameTree(t, tree(t, dest), want(s))
	}
}

func TestBadManifest(t *testing.T) {
	corrupt := map[string]func([]byte) []byte{
		"empty":          func([]byte) []byte { return nil },
		"truncated":      func(b []byte) []byte { return b[:len(b)/2] },
		"flipped byte":   func(b []byte) []byte { b[len(b)/3] ^= 1; return b },
		"garbage":        func([]byte) []byte { return []byte("not a manifest at all\n") },
		"no closing sum": func(b []byte) []byte { return b[:len(b)-sumLineLen] },
		"other destination": func(b []byte) []byte {
			m, err := parseManifest(b)
			if err != nil {
				panic(err)
			}
			m.dest += "-other"
			return m.encode()
		},
		"name outside": func(b []byte) []byte {
			m, err := parseManifest(b)
			if err != nil {
				panic(err)
			}
			m.files["../outside"] = fileEntry{}
			return m.encode()
		},
	}
	for name, change := range corrupt {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
			build(t, dest, opts, siteV1())
			mf := manifestFile(opts.Manifest, dest)
			b, err := os.ReadFile(mf)
			must(t, err)
			must(t, os.WriteFile(mf, change(b), 0o644))
			if st := build(t, dest, opts, siteV2()); st.Written != len(siteV2()) {
				t.Errorf("%+v: want every file written", st)
			}
			sameTree(t, tree(t, dest), want(siteV2()))
			if st := build(t, dest, opts, siteV2()); st.Written != 0 {
				t.Errorf("the manifest was not written again: %+v", st)
			}
		})
	}
}

func TestManifestRoundTrip(t *testing.T) {
	m := &manifest{dest: "/x/pub lic", files: map[string]fileEntry{
		"a b/\"q\"\n.html": {sum: [32]byte{1, 2, 3}, stat: fileStat{size: 12, mtime: -5, ino: 1 << 63}},
		"ünï/cödé.html":    {stat: fileStat{size: 0, mtime: 1, ino: 0}},
	}, dirs: map[string]fileStat{".": {4096, 7, 8}, "a b": {1, 2, 3}}}
	b := m.encode()
	got, err := parseManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.dest != m.dest || !maps.Equal(got.files, m.files) || !maps.Equal(got.dirs, m.dirs) {
		t.Errorf("round trip: got %+v, want %+v", got, m)
	}
}

func TestDestIsFile(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	must(t, os.WriteFile(dest, []byte("a file"), 0o644))
	for _, opts := range []Options{{}, {Manifest: filepath.Join(root, ".cache")}} {
		st, err := NewStageOptions(dest, opts)
		must(t, err)
		must(t, writeAll(st, siteV1()))
		if err := st.Commit(); err == nil || !strings.Contains(err.Error(), "exists and is not a folder") {
			t.Errorf("commit onto a file: %v", err)
		}
		must(t, st.Abort())
		if b, _ := os.ReadFile(dest); string(b) != "a file" {
			t.Errorf("the file was changed")
		}
	}
}

func TestAbortKeepsDestination(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, siteV1())
	mf, err := os.ReadFile(manifestFile(opts.Manifest, dest))
	must(t, err)
	st, err := NewStageOptions(dest, opts)
	must(t, err)
	must(t, writeAll(st, siteV2()))
	must(t, st.Abort())
	sameTree(t, tree(t, dest), want(siteV1()))
	if b, _ := os.ReadFile(manifestFile(opts.Manifest, dest)); string(b) != string(mf) {
		t.Error("an aborted build changed the manifest")
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

// TestPruneManifests: the manifests of destinations that are gone are
// removed when another is written; others stay.
func TestPruneManifests(t *testing.T) {
	root := t.TempDir()
	cache := filepath.Join(root, ".cache", "output")
	opts := Options{Manifest: cache}
	gone, kept, cur := filepath.Join(root, "gone"), filepath.Join(root, "kept"), filepath.Join(root, "public")
	build(t, gone, opts, siteV1())
	build(t, kept, opts, siteV1())
	must(t, os.RemoveAll(gone))
	old := time.Now().Add(-2 * time.Hour)
	for _, stray := range []string{"public-0.manifest.tmp-1", CompanionTemp + "2", "orphan-0.pages"} {
		must(t, os.WriteFile(filepath.Join(cache, stray), nil, 0o644))
		must(t, os.Chtimes(filepath.Join(cache, stray), old, old))
	}
	// Companions: the one of the removed destination goes with its manifest.
	for _, dest := range []string{gone, kept} {
		must(t, os.WriteFile(Companion(cache, dest, ".pages"), nil, 0o644))
	}
	build(t, cur, opts, siteV1())
	var names []string
	entries, err := os.ReadDir(cache)
	must(t, err)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 3 || !slices.Contains(names, filepath.Base(manifestFile(cache, kept))) || !slices.Contains(names, filepath.Base(manifestFile(cache, cur))) ||
		!slices.Contains(names, filepath.Base(Companion(cache, kept, ".pages"))) {
		t.Errorf("files left: %v; want the manifests of kept and public and the companion of kept", names)
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
