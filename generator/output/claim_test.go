package output

import (
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFileAndFolder: a file of the build where another of its files
// needs a folder, written in either order, or kept, is an error, and the
// file written first is still in the staging folder: never removed to
// make room for the folder (nor the folder for the file), also in a
// reused staging folder, whose leftovers of an older build are cleared.
func TestFileAndFolder(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	// Two builds: the second's staging folder is the spare, the first's,
	// which holds x.csv/index.html and b/x.csv as a folder and a file.
	build(t, dest, opts, site{"x.csv/index.html": "alias", "b/x.csv": "csv", "k/a.txt": "k"})
	build(t, dest, opts, site{"x.csv/index.html": "alias", "b/x.csv": "csv", "k/a.txt": "k", "other": "o"})
	for _, tc := range []struct {
		name         string
		first, other string
		want         string
	}{
		{"file first", "b/x.csv", "b/x.csv/index.html", "output: b/x.csv is both a file and a folder of this build (it holds b/x.csv/index.html)"},
		{"folder first", "x.csv/index.html", "x.csv", "output: x.csv is both a file and a folder of this build"},
		{"deeper", "b/c/d/e.html", "b/c", "output: b/c is both a file and a folder of this build"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := NewStageOptions(dest, opts)
			must(t, err)
			defer st.Abort()
			if !st.reused {
				t.Fatal("the premise: a reused staging folder")
			}
			must(t, st.WriteFile(tc.first, []byte("first")))
			if err := st.WriteFile(tc.other, []byte("other")); err == nil || err.Error() != tc.want {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
			if b, err := os.ReadFile(filepath.Join(st.Dir(), filepath.FromSlash(tc.first))); err != nil || string(b) != "first" {
				t.Errorf("%s is gone from the staging folder: %q, %v", tc.first, b, err)
			}
		})
	}
	t.Run("kept", func(t *testing.T) {
		st, err := NewStageOptions(dest, opts)
		must(t, err)
		defer st.Abort()
		must(t, st.WriteFile("k", []byte("a file where a kept file needs a folder")))
		if st.Keep([]Kept{{Name: "k/a.txt", Sum: sha256.Sum256([]byte("k")), Size: 1}}) {
			t.Error("kept k/a.txt beneath the file k")
		}
		if err := st.WriteFile("k/a.txt", []byte("k")); err == nil || !strings.Contains(err.Error(), "both a file and a folder") {
			t.Errorf("writing it: %v", err)
		}
	})
}

// TestUserEntriesInTheWay: a folder no build wrote (with someone's notes
// in it) where the next build writes a file, and a file no build wrote
// where it writes one, stop the commit with an error naming each, and the
// destination is left as it was, the notes in it: a build deletes only
// what a build wrote. A file of the last build edited by hand is the
// build's: where the build now needs a folder, it is replaced, once the
// others are out of the way.
func TestUserEntriesInTheWay(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	opts := Options{Manifest: filepath.Join(root, ".cache", "output")}
	build(t, dest, opts, site{"a/index.html": "a", "b.html": "b"})
	must(t, os.MkdirAll(filepath.Join(dest, "a", "email.txt"), 0o755))
	must(t, os.WriteFile(filepath.Join(dest, "a", "email.txt", "notes.md"), []byte("precious"), 0o644))
	must(t, os.WriteFile(filepath.Join(dest, "robots.txt"), []byte("mine"), 0o644))
	must(t, os.WriteFile(filepath.Join(dest, "b.html"), []byte("b, edited"), 0o644))
	before := tree(t, dest)
	st, err := NewStageOptions(dest, opts)
	must(t, err)
	must(t, writeAll(st, site{"a/index.html": "a", "a/email.txt": "text", "robots.txt": "generated", "b.html/index.html": "b"}))
	err = st.Commit()
	want := []string{
		"a/email.txt/ (holding notes.md), where the build writes a file",
		"robots.txt, which the build writes",
	}
	var iw *InTheWayError
	if !errors.As(err, &iw) || !slices.Equal(iw.Entries, want) || iw.Dest != dest {
		t.Fatalf("commit: %v\nwant an InTheWayError of %s naming\n%s", err, dest, strings.Join(want, "\n"))
	}
	if !strings.Contains(err.Error(), "move them out of "+dest) {
		t.Errorf("the error does not say what to do: %v", err)
	}
	must(t, st.Abort())
	sameTree(t, tree(t, dest), before)
	must(t, os.RemoveAll(filepath.Join(dest, "a", "email.txt")))
	must(t, os.Remove(filepath.Join(dest, "robots.txt")))
	st, err = NewStageOptions(dest, opts)
	must(t, err)
	must(t, writeAll(st, site{"a/index.html": "a", "a/email.txt": "text", "robots.txt": "generated", "b.html/index.html": "b"}))
	must(t, st.Commit())
	if b, err := os.ReadFile(filepath.Join(dest, "b.html", "index.html")); err != nil || string(b) != "b" {
		t.Errorf("b.html, edited by hand, was not replaced by the build's folder: %q, %v", b, err)
	}
}
