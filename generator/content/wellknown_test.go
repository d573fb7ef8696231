package content

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestWellKnownUnderContent: a .well-known/ folder under content/ (where
// an author put the site's other files) is skipped, as every hidden
// folder there is, with a warning saying where it is published from:
// static/ at the site root. security.txt was left out without a word.
func TestWellKnownUnderContent(t *testing.T) {
	fsys := fstest.MapFS{
		"content/about.md":                         {Data: []byte("---\ntitle: About\n---\nText.\n")},
		"content/static/.well-known/security.txt":  {Data: []byte("Contact: mailto:a@example.org\n")},
		"content/.well-known/keybase.txt":          {Data: []byte("x\n")},
		"content/posts/.git/config":                {Data: []byte("x\n")},
		"content/static/.well-known/.DS_Store":     {Data: []byte("x\n")},
		"content/static/.well-known/sub/other.txt": {Data: []byte("x\n")},
	}
	tree, err := Scan(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/.well-known/: not published (tearsheet skips hidden folders under content/): move it to static/.well-known/ at the site root, which is published at /.well-known/",
		"content/static/.well-known/: not published (tearsheet skips hidden folders under content/): move it to static/.well-known/ at the site root, which is published at /.well-known/",
	}
	if !slices.Equal(tree.Warnings, want) {
		t.Errorf("warnings\n%q\nwant\n%q", tree.Warnings, want)
	}
	for _, p := range tree.Static {
		t.Errorf("%s is published", p)
	}
}
