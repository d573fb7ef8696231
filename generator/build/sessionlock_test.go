package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/lock"
)

// TestSessionLockWarnings: a site that keeps figures (it has a
// figures.lock) warns of each published article with figures that the
// lock has no record of. A quick build that gives such an article its
// first chart must warn as a full build does, and one that takes the chart
// out must stop warning. (Found by TestModel: quick builds dropped every
// warning of figures.lock.)
func TestSessionLockWarnings(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 6, Charts: true, Seed: 5, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	e := editor{t, dir}
	post := corpus.PostPath(2)
	head := "---\ntitle: Plain\ndate: 2024-05-01T08:00:00Z\ntags: [\"rates\"]\n---\n"
	e.put(post, head+"No figures yet.\n")
	e.put(lock.File, string(lock.New().Bytes()))
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for _, st := range []struct {
		name, body string
		warned     bool
	}{
		{"first chart", "No figures yet.\n\n```chart\ndata: markets\ntitle: Added\nseries:\n  - column: gold\n```\n", true},
		{"chart taken out", "No figures now.\n", false},
	} {
		e.put(post, head+st.body)
		res, _, err := s.Build(context.Background(), []string{post})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !s.quick {
			t.Errorf("%s: not a quick build", st.name)
		}
		_, want, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Warnings, want.Warnings) {
			t.Errorf("%s: warnings\n%q\nwant a full build's\n%q", st.name, res.Warnings, want.Warnings)
		}
		warned := slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.HasPrefix(w, post+": published, but") })
		if warned != st.warned {
			t.Errorf("%s: warned of %s %v, want %v", st.name, post, warned, st.warned)
		}
	}
}
