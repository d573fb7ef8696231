package render

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"github.com/tearsheet/tearsheet/themes"
)

// TestPageIDsOfTheme: every id written literally in a template of the
// built-in theme is one PageIDs lists, so that no heading takes it.
func TestPageIDsOfTheme(t *testing.T) {
	literal := regexp.MustCompile(`\bid="([^"{]+)"`)
	reserved := PageIDs()
	found := 0
	err := fs.WalkDir(themes.Default(), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(themes.Default(), p)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllSubmatch(b, -1) {
			found++
			if id := string(m[1]); !slices.Contains(reserved, id) {
				t.Errorf("%s: id %q is not in PageIDs: a heading could take it too", p, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < len(reserved) {
		t.Errorf("found %d ids in the templates, fewer than the %d PageIDs lists", found, len(reserved))
	}
}
