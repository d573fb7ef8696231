package build

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSessionClockLaterRevision: the warning of a lastmod dated after the
// build holds until the clock reaches a day before it; a Session whose
// clock passes that time gives the warnings a fresh build gives, though
// no file that sets the layout changed (the layout it kept was good only
// until then).
func TestSessionClockLaterRevision(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	lastmod := fixedNow.Add(72 * time.Hour)
	e.edit("content/posts/first-note.md", "date: 2024-01-15\n", "date: 2024-01-15\nlastmod: "+lastmod.Format(time.DateOnly)+"\n")
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	later := func(res *Result) bool {
		return slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "lastmod is dated") })
	}
	for i, now := range []time.Time{fixedNow, fixedNow.Add(24 * time.Hour), lastmod.Add(-time.Hour), lastmod.Add(time.Hour)} {
		s.opts.Now = now
		e.edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed,")
		res, _, err := s.Build(context.Background(), []string{"content/posts/first-note.md"})
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := buildMem(t, os.DirFS(dir), Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if later(res) != later(want) {
			t.Errorf("build %d at %v: the Session warns of the later lastmod: %v, a fresh build: %v", i, now, later(res), later(want))
		}
		if i == 0 && !later(want) {
			t.Fatalf("a lastmod three days after the build is not warned of: %q", want.Warnings)
		}
	}
}
