package serve

import (
	"strings"
	"testing"
)

// TestPendingPageCount: the page shown before the site has built counts
// the errors as the terminal does, saying to fix site.yaml first when its
// errors lead, and lists each message escaped.
func TestPendingPageCount(t *testing.T) {
	for _, tc := range []struct {
		errs []string
		want string
	}{
		{[]string{"content/a.md:1: <x>"}, "found 1 error. Fix and save"},
		{[]string{`site.yaml:43: unknown key "dataset"`, "content/a.md:1: x"}, "found 2 errors (fix site.yaml first: the others may follow from it). Fix and save"},
	} {
		page := string(pendingPage(tc.errs))
		if !strings.Contains(page, tc.want) {
			t.Errorf("%q: the page does not say %q:\n%s", tc.errs, tc.want, page)
		}
		if strings.Contains(page, "<x>") {
			t.Errorf("%q: a message is not escaped:\n%s", tc.errs, page)
		}
	}
}
