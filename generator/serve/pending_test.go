package serve

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestPendingPageCount: the page shown before the site has built counts
// the errors as the terminal does, saying to fix site.yaml first when its
// errors lead, and lists each message escaped; the overlay shown over the
// last good build gets the same count line in its event.
func TestPendingPageCount(t *testing.T) {
	for _, tc := range []struct {
		errs  []string
		count string
	}{
		{[]string{"content/a.md:1: <x>"}, "1 error"},
		{[]string{`site.yaml:43: unknown key "dataset"`, "content/a.md:1: x"}, "2 errors (fix site.yaml first: the others may follow from it)"},
	} {
		page := string(pendingPage(tc.errs))
		if want := "found " + tc.count + ". Fix and save"; !strings.Contains(page, want) {
			t.Errorf("%q: the page does not say %q:\n%s", tc.errs, want, page)
		}
		// The overlay over the last good build counts them alike.
		var ev struct {
			Count  string
			Errors []string
		}
		if e := buildErrorEvent(tc.errs); e.name != "builderror" || json.Unmarshal([]byte(e.data), &ev) != nil || ev.Count != tc.count || !slices.Equal(ev.Errors, tc.errs) {
			t.Errorf("%q: builderror event %s %s, want count %q and the errors", tc.errs, e.name, e.data, tc.count)
		}
		if strings.Contains(page, "<x>") {
			t.Errorf("%q: a message is not escaped:\n%s", tc.errs, page)
		}
	}
}
