package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestSessionKeepsCatalogue checks that a Session's full build takes the
// data catalogue it kept while what the catalogue shows is the same (a
// new tag, a text edit), and makes it again when it is not (a user's new
// title, date, chart id or title, inline figure or slug, an edit of the
// templates the preview is drawn through, of the data, a user fewer),
// each build equal to a fresh one, warnings and all.
func TestSessionKeepsCatalogue(t *testing.T) {
	dir := chartSite(t, 24, 3)
	e := editor{t, dir}
	e.edit("site.yaml", "feeds: {items: 20}", "feeds: {items: 2}") // fewer PNG copies
	post := corpus.PostPath(7)
	n := 0
	retag := func() {
		n++
		if err := retag(dir, n); err != nil {
			t.Fatal(err)
		}
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	var was *catalogueEntry
	for _, st := range []struct {
		name   string
		change func()
		kept   bool
	}{
		{"first build", func() {}, false},
		{"a user retagged", retag, true},
		{"a user's text edited and retagged", func() {
			if err := corpus.Edit(dir, 7, 1); err != nil {
				t.Fatal(err)
			}
			retag()
		}, true},
		{"a user retitled and retagged", func() {
			if err := corpus.Retitle(dir, 7, 1); err != nil {
				t.Fatal(err)
			}
			retag()
		}, false},
		{"a user redated", func() { e.edit(post, "\ndate: 20", "\ndate: 19") }, false},
		{"a user redated by a minute", func() {
			// In the same place among the users: only the date shows it.
			b, err := os.ReadFile(filepath.Join(dir, post))
			if err != nil {
				t.Fatal(err)
			}
			at := strings.Index(string(b), "\ndate: ") + len("\ndate: ")
			d, err := time.Parse(time.RFC3339, string(b[at:at+len(time.RFC3339)-5]))
			if err != nil {
				t.Fatal(err)
			}
			e.put(post, string(b[:at])+d.Add(time.Minute).Format(time.RFC3339)+string(b[at+len(time.RFC3339)-5:]))
		}, false},
		{"a user's chart given an id", func() { e.edit(post, "title: \"Figure for", "id: fig\ntitle: \"Figure for") }, false},
		{"a user's chart retitled", func() { e.edit(post, "title: \"Figure for", "title: \"A figure for") }, false},
		{"a user's inline figure removed", func() {
			b, err := os.ReadFile(filepath.Join(dir, post))
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(string(b), "{{ markets.")
			j := i + strings.Index(string(b[i:]), "}}") + 2
			if i < 0 || j < i+2 {
				t.Fatalf("%s: no inline figure", post)
			}
			e.put(post, string(b[:i])+"a figure"+string(b[j:]))
		}, false},
		{"a user given a slug", func() { e.edit(post, "\ndate: ", "\nslug: moved\ndate: ") }, false},
		{"the figure partial edited", func() {
			e.edit("themes/default/templates/partials/figure.html", `<figure class="figure`, `<figure data-edited class="figure`)
		}, false},
		{"the data edited", func() { e.edit("content/data/markets-daily.csv", "\n2006-07-03,", "\n2006-07-03,1") }, false},
		{"the last user drafted", func() {
			// It is 1922's: every page of users shows how many there are.
			e.edit(post, "\ndate: ", "\ndraft: true\ndate: ")
		}, false},
	} {
		st.change()
		res, got, err := s.Build(context.Background(), nil)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if s.quick {
			t.Fatalf("%s: a quick build, want a full one", st.name)
		}
		v, _ := s.cache.store.Look(pathKey("catalogue", ""))
		if v.cat == nil {
			t.Fatalf("%s: the store keeps no catalogue", st.name)
		}
		if kept := v.cat == was; kept != st.kept {
			t.Errorf("%s: catalogue kept %v, want %v", st.name, kept, st.kept)
		}
		was = v.cat
		want, wantRes, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow})
		if err != nil {
			t.Fatalf("%s: fresh build: %v", st.name, err)
		}
		if !slices.Equal(res.Warnings, wantRes.Warnings) {
			t.Errorf("%s: warnings %q, want %q", st.name, res.Warnings, wantRes.Warnings)
		}
		t.Run(st.name, func(t *testing.T) { sameTrees(t, want, got) })
	}
}

// chartSite writes a generated site of n articles with charts, from seed,
// with the default theme, into a new folder, and returns it.
func chartSite(t testing.TB, n int, seed uint64) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: n, Charts: true, Seed: seed, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	return dir
}
