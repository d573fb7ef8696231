package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCopiedSiteRelative: as TestCopiedSite, with the destination and the
// manifest folder named from the site folder, as tearsheet build run in
// it names them: the copy's destination is still known as a build's, and
// a file the user put there is kept.
func TestCopiedSiteRelative(t *testing.T) {
	top := t.TempDir()
	orig := filepath.Join(top, "site")
	must(t, os.MkdirAll(orig, 0o755))
	opts := Options{Manifest: filepath.Join(".cache", "output")}
	t.Chdir(orig)
	build(t, "public", opts, siteV1())
	copied := filepath.Join(top, "copy")
	must(t, os.CopyFS(copied, os.DirFS(orig)))
	must(t, os.WriteFile(filepath.Join(copied, "public", "mine.txt"), []byte("mine"), 0o644))
	t.Chdir(copied)
	if st := build(t, "public", opts, siteV2()); st.Written != len(siteV2()) || st.Removed != 5 {
		t.Errorf("%+v: want every file written, 5 removed", st)
	}
	w := want(siteV2())
	w["mine.txt"] = "mine"
	sameTree(t, tree(t, filepath.Join(copied, "public")), w)
}
