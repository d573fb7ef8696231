package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNoManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, s := range []site{siteV1(), siteV1(), siteV2()} {
		if st := build(t, dest, Options{Clean: true}, s); st.Written != len(s) {
			t.Errorf("without a manifest: %+v", st)
		}
		sameTree(t, tree(t, dest), want(s))
	}
}

// TestBadManifest: a manifest that is corrupt, or describes another
// folder, is no record of a build into the destination, which is then
// refused; with Clean every file is written again.
func TestBadManifest(t *testing.T) {
	corrupt := map[string]func([]byte) []byte{
		"empty":          func([]byte) []byte { return nil },
		"truncated":      func(b []byte) []byte { return b[:len(b)/2] },
		"flipped byte":   func(b []byte) []byte { b[len(b)/3] ^= 1; return b },
		"garbage":        func([]byte) []byte { return []byte("not a manifest at all\n") },
		"no closing sum": func(b []byte) []byte { return b[:len(b)-sumLineLen] },
		"version 1":      func(b []byte) []byte { return []byte(strings.Replace(string(b), "manifest 2", "manifest 1", 1)) },
		"other folder": func(b []byte) []byte {
			m, err := parseManifest(b)
			if err != nil {
				panic(err)
			}
			m.root.ino++
			m.dest += "-other"
			m.rel += "-other"
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
			before := tree(t, dest)
			_, err = NewStageOptions(dest, opts)
			if fe := (*ForeignError)(nil); !errors.As(err, &fe) {
				t.Fatalf("got %v, want a ForeignError", err)
			}
			sameTree(t, tree(t, dest), before)
			if left, _ := filepath.Glob(filepath.Join(root, stagePrefix+"*")); len(left) > 0 {
				t.Errorf("staging folders left: %v", left)
			}
			if st := build(t, dest, Options{Manifest: opts.Manifest, Clean: true}, siteV2()); st.Written != len(siteV2()) {
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
	m := &manifest{dest: "/x/pub lic", rel: "../../pub lic", root: rootID{1 << 63, 42}, files: map[string]fileEntry{
		"a b/\"q\"\n.html": {sum: [32]byte{1, 2, 3}, stat: fileStat{size: 12, mtime: -5, ino: 1 << 63}},
		"ünï/cödé.html":    {stat: fileStat{size: 0, mtime: 1, ino: 0}},
	}}
	b := m.encode()
	got, err := parseManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.dest != m.dest || got.rel != m.rel || got.root != m.root || !maps.Equal(got.files, m.files) {
		t.Errorf("round trip: got %+v, want %+v", got, m)
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

// TestMovedSite: a site folder moved (with its cache) keeps its manifest:
// the destination is known by its folder's identity, not its path.
func TestMovedSite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no folder identity here")
	}
	top := t.TempDir()
	siteDir := filepath.Join(top, "site")
	build(t, filepath.Join(siteDir, "public"), Options{Manifest: filepath.Join(siteDir, ".cache", "output")}, siteV1())
	moved := filepath.Join(top, "moved")
	must(t, os.Rename(siteDir, moved))
	dest, opts := filepath.Join(moved, "public"), Options{Manifest: filepath.Join(moved, ".cache", "output")}
	if st := build(t, dest, opts, siteV2()); st.Written != 5 || st.Removed != 5 {
		t.Errorf("%+v: want an incremental build", st)
	}
	sameTree(t, tree(t, dest), want(siteV2()))
	entries, err := os.ReadDir(opts.Manifest)
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if mf := filepath.Base(manifestFile(opts.Manifest, dest)); !slices.Equal(names, []string{mf, sparePrefix + strings.TrimSuffix(mf, manifestExt)}) {
		t.Errorf("left in the manifest folder: %v; want the moved destination's manifest and spare only", names)
	}
}

// TestLinkedDestination: a destination that is a symbolic link to a
// folder is the folder: the link stays, the folder is replaced.
func TestLinkedDestination(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www", "site")
	must(t, os.MkdirAll(target, 0o755))
	link := filepath.Join(root, "public")
	must(t, os.Symlink(target, link))
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, link, opts, siteV1())
	build(t, link, opts, siteV2())
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	sameTree(t, tree(t, target), want(siteV2()))
	if left, _ := filepath.Glob(filepath.Join(root, "www", stagePrefix+"*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
	if st := build(t, link, opts, siteV2()); st.Written != 0 {
		t.Errorf("%+v: want nothing written", st)
	}
	must(t, os.RemoveAll(target))
	if _, err := NewStageOptions(link, opts); err == nil || !strings.Contains(err.Error(), "which does not exist") {
		t.Errorf("a link to nothing: %v", err)
	}
}

// TestCopiedSite: a site folder copied with its cache (or restored from
// an archive) keeps its destination known as a build's: its manifest
// names the same path from the manifest folder. The copies' files are
// new, so they are written again.
func TestCopiedSite(t *testing.T) {
	top := t.TempDir()
	orig := filepath.Join(top, "site")
	build(t, filepath.Join(orig, "public"), Options{Manifest: filepath.Join(orig, ".cache", "output")}, siteV1())
	copied := filepath.Join(top, "copy")
	must(t, os.CopyFS(copied, os.DirFS(orig)))
	must(t, os.WriteFile(filepath.Join(copied, "public", "mine.txt"), []byte("mine"), 0o644))
	dest, opts := filepath.Join(copied, "public"), Options{Manifest: filepath.Join(copied, ".cache", "output")}
	if st := build(t, dest, opts, siteV2()); st.Written != len(siteV2()) || st.Removed != 5 {
		t.Errorf("%+v: want every file written, 5 removed", st)
	}
	w := want(siteV2())
	w["mine.txt"] = "mine"
	sameTree(t, tree(t, dest), w)
	if st := build(t, dest, opts, siteV2()); st.Written != 0 {
		t.Errorf("%+v: want nothing written", st)
	}
}

// TestManifestVersion1: the manifest of a tearsheet from before the
// atomic swap (no root, folders listed) still says the destination is a
// build's, so an upgrade does not ask for --clean-destination.
func TestManifestVersion1(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, siteV1())
	mf := manifestFile(opts.Manifest, dest)
	b, err := os.ReadFile(mf)
	must(t, err)
	m, err := parseManifest(b)
	must(t, err)
	v1 := manifestMagic1 + "dest " + strconv.Quote(m.dest) + "\n"
	for _, name := range slices.Sorted(maps.Keys(m.files)) {
		e := m.files[name]
		v1 += fmt.Sprintf("f %x %d %d %d %q\n", e.sum, e.stat.size, e.stat.mtime, e.stat.ino, name)
	}
	v1 += "d 4096 1 2 \".\"\n"
	sum := sha256.Sum256([]byte(v1))
	v1 += fmt.Sprintf("sum %x\n", sum)
	must(t, os.WriteFile(mf, []byte(v1), 0o644))
	must(t, os.WriteFile(filepath.Join(dest, "mine.txt"), []byte("mine"), 0o644))
	if st := build(t, dest, opts, siteV2()); st.Written != 5 || st.Removed != 5 {
		t.Errorf("%+v: want the build after an upgrade incremental", st)
	}
	w := want(siteV2())
	w["mine.txt"] = "mine"
	sameTree(t, tree(t, dest), w)
}
