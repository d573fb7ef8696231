package output

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// asKilled renames the staging folders this process left beside dest as
// those of a process that is gone, so the next build takes them for what
// a killed build leaves.
func asKilled(t *testing.T, dest string) {
	t.Helper()
	own := stagePrefix + filepath.Base(dest) + "-" + strconv.Itoa(os.Getpid()) + "-"
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), own+"*"))
	for _, p := range left {
		dead := strings.Replace(filepath.Base(p), strconv.Itoa(os.Getpid()), strconv.Itoa(deadPID), 1)
		must(t, os.Rename(p, filepath.Join(filepath.Dir(p), dead)))
	}
}

// TestKilledCommit stops a commit before each of its steps that change
// something outside the staging folder, as a kill would (no clean-up),
// and checks that the destination is then the whole previous build or
// the whole new one, and that the next build (of the same site, of the
// previous one, or of a third) leaves exactly what a fresh build makes,
// with the stale staging folder gone.
func TestKilledCommit(t *testing.T) {
	v3 := siteV2()
	v3["2024/02/c/index.html"] = "article c is back"
	v3["tags/x/page/3/index.html"] = "tag x page 3"
	delete(v3, "2024/03/d/index.html")
	errKill := errors.New("killed")
	steps := []string{"record the next build", "swap", "record", "keep the previous build"}
	for i, step := range steps {
		for _, next := range []site{siteV2(), siteV1(), v3} {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
			build(t, dest, opts, siteV1())
			must(t, os.WriteFile(filepath.Join(dest, "mine.txt"), []byte("not the build's"), 0o644))
			st, err := NewStageOptions(dest, opts)
			must(t, err)
			must(t, writeAll(st, siteV2()))
			var seen []string
			st.step = func(name string) error {
				seen = append(seen, name)
				if name == step {
					return errKill
				}
				return nil
			}
			if err := st.Commit(); !errors.Is(err, errKill) {
				t.Fatalf("%s: commit: %v, want it killed", step, err)
			}
			if !slices.Equal(seen, steps[:i+1]) {
				t.Errorf("%s: steps %q, want %q", step, seen, steps[:i+1])
			}
			w := want(siteV1())
			if i > 1 { // after the swap
				w = want(siteV2())
			}
			w["mine.txt"] = "not the build's"
			sameTree(t, tree(t, dest), w)
			asKilled(t, dest)
			stats := build(t, dest, opts, next)
			fw := fresh(t, next)
			fw["mine.txt"] = "not the build's"
			sameTree(t, tree(t, dest), fw)
			if i > 1 && slices.Equal(slices.Sorted(maps.Keys(next)), slices.Sorted(maps.Keys(siteV2()))) && stats.Written != 0 {
				t.Errorf("%s: the build after wrote %d files, want none: the killed build's manifest was lost", step, stats.Written)
			}
			if t.Failed() {
				t.Fatalf("killed before %q", step)
			}
		}
	}
}

// TestKilledFallbackRestored: on a system without an atomic exchange, a
// build killed between its two renames leaves no destination and the
// previous build moved aside; the next build puts it back first.
func TestKilledFallbackRestored(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, siteV1())
	must(t, os.WriteFile(filepath.Join(dest, "mine.txt"), []byte("not the build's"), 0o644))
	aside := filepath.Join(root, stagePrefix+"public-"+strconv.Itoa(deadPID)+"-123"+oldSuffix)
	must(t, os.Rename(dest, aside))
	must(t, os.Mkdir(filepath.Join(root, stagePrefix+"public-"+strconv.Itoa(deadPID)+"-123"), 0o755))
	st := build(t, dest, opts, siteV1())
	if st.Written != 0 {
		t.Errorf("%+v: want the previous build put back and kept", st)
	}
	w := want(siteV1())
	w["mine.txt"] = "not the build's"
	sameTree(t, tree(t, dest), w)
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

// TestSpareAnyState: the spare a build stages in may hold anything a
// killed build left; the build still publishes exactly what a fresh build
// makes, and stages in the spare (it is not made again).
func TestSpareAnyState(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, siteV1())
	build(t, dest, opts, siteV2())
	spare := filepath.Join(opts.Manifest, sparePrefix+CacheName(dest))
	if got := tree(t, spare); len(got) == 0 {
		t.Fatal("no spare after a build that changed files")
	}
	// Mess it up as a build killed while writing into it would, and worse.
	must(t, os.WriteFile(filepath.Join(spare, "junk.html"), []byte("junk"), 0o644))
	must(t, os.MkdirAll(filepath.Join(spare, "junk/deep"), 0o755))
	must(t, os.Remove(filepath.Join(spare, "index.html")))
	must(t, os.Remove(filepath.Join(spare, "2024/01/b/index.html")))
	must(t, os.WriteFile(filepath.Join(spare, "2024/01/b/index.html"), []byte("article B"), 0o644)) // a new file, same size
	must(t, os.RemoveAll(filepath.Join(spare, "tags")))
	must(t, os.WriteFile(filepath.Join(spare, "tags"), []byte("a file"), 0o644))
	must(t, os.Remove(filepath.Join(spare, "css/site.css")))
	must(t, os.MkdirAll(filepath.Join(spare, "css/site.css/x"), 0o755))
	must(t, os.Symlink("/etc", filepath.Join(spare, "2024/03")))
	marker, err := os.Lstat(spare)
	must(t, err)
	// The first build writes through the link's name.
	edited := siteV2()
	edited["2024/03/d/index.html"] = "article d, edited"
	for i, next := range []site{edited, siteV1(), siteV2()} {
		build(t, dest, opts, next)
		sameTree(t, tree(t, dest), fresh(t, next))
		if i == 0 {
			// The spare was staged in: it is the destination now.
			if pub, err := os.Lstat(dest); err != nil || !os.SameFile(marker, pub) {
				t.Fatal("the build did not stage in the spare")
			}
		}
	}
	if _, err := os.Lstat("/etc/d"); err == nil {
		t.Error("a build wrote through a link of the spare")
	}
	// public/ deleted: the spare's files do not come back with the build.
	must(t, os.WriteFile(filepath.Join(spare, "junk.html"), []byte("junk"), 0o644))
	must(t, os.RemoveAll(dest))
	build(t, dest, opts, siteV1())
	sameTree(t, tree(t, dest), fresh(t, siteV1()))
}
