package build

import (
	"context"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/site"
)

// TestLeftOut checks what a build says it left out (Result.Left, which
// the preview names on the not-found page at each one's URL, and the
// summary counts): a draft, an article dated later and a page expired,
// each at the URL it would have; and that a Session says the same as a
// fresh build after each edit, a draft's new title under a permalink made
// of titles among them, which moves its URL though the layout of the site
// is the same.
func TestLeftOut(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	e.edit("site.yaml", "perPage: 2\n", "perPage: 2\npermalink: /:year/:title/\n")
	e.edit("content/about.md", "---\n", "---\nexpiryDate: 2025-06-30\n")
	opts := Options{Now: fixedNow}
	s := NewSession(os.DirFS(dir), opts)
	check := func(step string, changed []string, want []site.Left) {
		t.Helper()
		res, _, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		_, fresh, err := buildMem(t, os.DirFS(dir), opts)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if !reflect.DeepEqual(res.Left, want) || !reflect.DeepEqual(fresh.Left, want) {
			t.Errorf("%s: left out\n  %+v by the Session,\n  %+v by a fresh build, want\n  %+v", step, res.Left, fresh.Left, want)
		}
		if sum := res.Summary(); !strings.HasPrefix(sum, "2 articles (1 draft, 1 scheduled, 1 expired left out), 0 pages,") {
			t.Errorf("%s: summary %q", step, sum)
		}
	}
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	expired := site.Left{Path: "content/about.md", URL: "/about/", Why: site.Expired, Date: utc(2025, 6, 30)}
	draft := site.Left{Path: "content/posts/draft-idea.md", URL: "/2024/unfinished/", Why: site.Draft}
	future := site.Left{Path: "content/posts/future-note.md", URL: "/2999/from-the-future/", Why: site.Scheduled, Date: utc(2999, 1, 1)}
	check("first build", nil, []site.Left{expired, draft, future})

	e.edit("content/posts/draft-idea.md", `title: "Unfinished"`, `title: "Half done"`)
	draft.URL = "/2024/half-done/"
	check("the draft retitled", []string{"content/posts/draft-idea.md"}, []site.Left{expired, draft, future})

	e.edit("content/posts/draft-idea.md", "Not yet.", "Not yet, still.")
	check("the draft's text edited", []string{"content/posts/draft-idea.md"}, []site.Left{expired, draft, future})
}
