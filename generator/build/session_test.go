package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

// benchSite writes a generated site of n articles with the default theme.
func benchSite(b testing.TB, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if err := corpus.CopyDir(filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes")); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkSessionArticleEdit measures a Session rebuild after one article
// of a 1,000-article site changed.
func BenchmarkSessionArticleEdit(b *testing.B) { benchSessionEdit(b, 1000) }

// BenchmarkSessionArticleEdit10k is the same at 10,000 articles.
func BenchmarkSessionArticleEdit10k(b *testing.B) { benchSessionEdit(b, 10000) }

func benchSessionEdit(b *testing.B, n int) {
	dir := benchSite(b, n)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		if err := corpus.Edit(dir, 7, i); err != nil {
			b.Fatal(err)
		}
		res, _, err := s.Build(context.Background(), []string{corpus.PostPath(7)})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			b.Logf("converted %d, rendered %d, changed %d files", res.Converted, res.Rendered, len(res.Changed))
		}
	}
}

// BenchmarkFullBuild measures a one-off Build of a 1,000-article site.
func BenchmarkFullBuild(b *testing.B) {
	dir := benchSite(b, 1000)
	fsys := os.DirFS(dir)
	for b.Loop() {
		if _, _, err := buildMem(b, fsys, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSessionMatchesBuild edits a site step by step and checks after each
// step that a Session's incremental build writes exactly what a fresh Build
// writes, and that Changed names exactly the files that differ.
func TestSessionMatchesBuild(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.CopyDir("testdata/sites/basic", dir); err != nil {
		t.Fatal(err)
	}
	if err := corpus.CopyDir(filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	put := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(name, old, new string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s lacks %q", name, old)
		}
		put(name, strings.Replace(string(b), old, new, 1))
	}
	remove := func(name string) {
		t.Helper()
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name    string
		change  func()
		changed []string // what a watcher reports; nil: unknown
		wantErr string
	}{
		{"first build", func() {}, nil, ""},
		{"article edit", func() { edit("content/posts/first-note.md", "Breadth narrowed", "Breadth narrowed sharply") }, []string{"content/posts/first-note.md"}, ""},
		{"new article", func() {
			put("content/posts/new-one.md", "---\ntitle: New one\ndate: 2024-05-01\ntags: [equities]\n---\nFresh text.\n")
		}, []string{"content/posts/new-one.md"}, ""},
		{"broken front matter", func() { put("content/posts/new-one.md", "---\ntitle: [New\n---\n") }, []string{"content/posts/new-one.md"}, "content/posts/new-one.md:2:"},
		{"fixed", func() {
			put("content/posts/new-one.md", "---\ntitle: New one, fixed\ndate: 2024-05-01\n---\nFresh text; the rate is {{ policy.rate | last | percent:2 }}.\n")
		}, []string{"content/posts/new-one.md"}, ""},
		{"deleted article", func() { remove("content/posts/first-note.md") }, []string{"content/posts/first-note.md"}, ""},
		{"template edit", func() { edit("themes/default/templates/partials/footer.html", "</footer>", "<p>edited</p></footer>") }, []string{"themes/default/templates/partials/footer.html"}, ""},
		{"layout override", func() { put("layouts/404.html", "{{define \"main\"}}<p>Lost.</p>{{end}}\n") }, []string{"layouts"}, ""},
		{"static edit", func() { put("static/robots.txt", "User-agent: *\n") }, []string{"static/robots.txt"}, ""},
		{"stylesheet edit", func() { edit("themes/default/static/css/main.css", "}", "}\n/* edited */") }, []string{"themes/default/static/css/main.css"}, ""},
		{"dataset edit", func() { edit("content/data/policy.csv", "2024-01-01,5.33", "2024-01-01,5.08") }, []string{"content/data/policy.csv"}, ""},
		{"bundle data edit", func() { edit("content/posts/rates-bundle/rates.csv", "5.33", "5.50") }, []string{"content/posts/rates-bundle/rates.csv"}, ""},
		{"bundle renamed", func() {
			if err := os.Rename(filepath.Join(dir, "content/posts/rates-bundle"), filepath.Join(dir, "content/posts/rates")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/posts/rates-bundle", "content/posts/rates"}, ""},
		{"config edit", func() { edit("site.yaml", "perPage: 2", "perPage: 1") }, []string{"site.yaml"}, ""},
	}
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow, Drafts: true})
	var prev *output.Memory
	for _, st := range steps {
		st.change()
		res, got, err := s.Build(context.Background(), st.changed)
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Fatalf("%s: error %v, want one naming %s", st.name, err, st.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		want, _, err := buildMem(t, os.DirFS(dir), Options{Now: fixedNow, Drafts: true})
		if err != nil {
			t.Fatalf("%s: full build: %v", st.name, err)
		}
		t.Run(st.name, func(t *testing.T) { sameTrees(t, want, got) })
		// The work a change needs, and no more.
		wantWork := map[string][2]int{ // markdown converted, templates executed
			"article edit": {1, 6}, // the article, and the home, tag (2), year and month pages that list it
			"static edit":  {0, 0},
			// new-one reads content/data/policy.csv only through the dataset
			// name "policy": the edit must still convert it again.
			"dataset edit":  {1, -1},
			"template edit": {0, res.Rendered},
		}
		if w, ok := wantWork[st.name]; ok && (res.Converted != w[0] || (w[1] >= 0 && res.Rendered != w[1]) || res.Rendered == 0 && st.name == "template edit") {
			t.Errorf("%s: converted %d and rendered %d, want %d and %d", st.name, res.Converted, res.Rendered, w[0], w[1])
		}
		if prev != nil {
			if d := diff(prev, got); strings.Join(d, " ") != strings.Join(res.Changed, " ") {
				t.Errorf("%s: Changed = %v, want %v", st.name, res.Changed, d)
			}
			if len(res.Changed) == 0 {
				t.Errorf("%s: nothing changed", st.name)
			}
		}
		prev = got
	}
}
