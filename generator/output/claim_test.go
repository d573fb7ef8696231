package output

import (
	"crypto/sha256"
	"os"
	"path/filepath"
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
