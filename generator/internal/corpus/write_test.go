package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
)

func TestWriteDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	opts := Options{Articles: 12, Charts: true, Seed: 7}
	for _, d := range []string{a, b} {
		if err := Write(d, opts); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"site.yaml", DatasetFile, PostPath(0), PostPath(11)} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes with one seed", name)
		}
	}
	if bytes.Equal(Post(1, opts), Post(1, Options{Charts: true, Seed: 8})) {
		t.Error("another seed wrote the same article")
	}
}

func TestPostShape(t *testing.T) {
	opts := Options{Charts: true, Seed: 1}
	seen := map[string]bool{}
	for i := range 50 {
		p := string(Post(i, opts))
		words := len(strings.Fields(p))
		if words < 700 || words > 1100 {
			t.Errorf("article %d has %d words, want about 800", i, words)
		}
		for _, want := range []string{"\n## ", "\n| Year |", "\n- **", "](/tags/", "```chart\ndata: markets\n", "{{ markets."} {
			if !strings.Contains(p, want) {
				t.Errorf("article %d lacks %q", i, want)
			}
		}
		spec := p[strings.Index(p, "```chart"):]
		spec = spec[:strings.Index(spec[3:], "```")]
		if seen[spec] {
			t.Errorf("article %d repeats a chart spec", i)
		}
		seen[spec] = true
	}
	if strings.Contains(string(Post(0, Options{})), "```chart") {
		t.Error("a text-only article has a chart")
	}
	rows := bytes.Count(Dataset(1), []byte("\n"))
	if rows < 20*260 || rows > 20*262+2 {
		t.Errorf("dataset has %d lines, want 20 years of weekdays", rows)
	}
}

func TestEdit(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Articles: 3}); err != nil {
		t.Fatal(err)
	}
	if err := Edit(dir, 1, 1); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, PostPath(1)))
	if !bytes.HasSuffix(b, []byte("Edited for the 1 time.\n")) {
		t.Errorf("edit not appended: %q", b[len(b)-40:])
	}
}

func TestRetitle(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Articles: 3}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, PostPath(2)))
	if err := Retitle(dir, 2, 5); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, PostPath(2)))
	f, err := content.Parse(PostPath(2), after, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if f.Meta.Title != "Note 2, revision 5" {
		t.Errorf("title %q", f.Meta.Title)
	}
	_, bodyBefore, _ := bytes.Cut(before, []byte("\n---\n"))
	if !bytes.HasSuffix(after, bodyBefore) {
		t.Error("the body changed too")
	}
}

func TestSummarize(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Articles: 3}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, PostPath(1))
	before, _ := os.ReadFile(name)
	for n := range 2 { // the first adds the line, the second replaces it
		if err := Summarize(dir, 1, n); err != nil {
			t.Fatal(err)
		}
		after, _ := os.ReadFile(name)
		f, err := content.Parse(PostPath(1), after, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("Revision %d of what note 1 argues.", n); f.Meta.Summary != want {
			t.Errorf("summary %q, want %q", f.Meta.Summary, want)
		}
		if got := bytes.Count(after, []byte("\nsummary: ")); got != 1 {
			t.Errorf("%d summary lines", got)
		}
		if len(after) <= len(before) || !bytes.HasSuffix(after, before[bytes.Index(before, []byte("\ntitle: ")):]) {
			t.Errorf("the rest of the file changed:\n%s", after)
		}
	}
}
