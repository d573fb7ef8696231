package content

import (
	"strings"
	"testing"
	"time"
)

func TestNewFile(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	day := time.Date(2026, 11, 23, 22, 30, 0, 0, ny) // already the 24th in UTC
	p, src, err := NewFile(Article, `Small caps & "quality"`, day, ExampleChart{Data: "rates", Column: "10 YR"})
	if err != nil {
		t.Fatal(err)
	}
	if p != "content/posts/small-caps-and-quality/index.md" {
		t.Errorf("path %s", p)
	}
	f, err := Parse(p, src, ny)
	if err != nil {
		t.Fatalf("the new file does not parse: %v\n%s", err, src)
	}
	if f.Meta.Title != `Small caps & "quality"` || !f.Meta.Draft || f.Meta.Tags == nil && !strings.Contains(string(src), "tags: []") {
		t.Errorf("front matter: %+v", f.Meta)
	}
	if got := f.Meta.Date.Time.Format("2006-01-02"); got != "2026-11-23" {
		t.Errorf("date %s, want the day in the site's time zone", got)
	}
	if !strings.Contains(string(src), "<!--\n") || !strings.Contains(string(src), "```chart\ndata: \"rates\"\nseries:\n  - column: \"10 YR\"") {
		t.Errorf("no commented example chart:\n%s", src)
	}
	// The author reads the file in an editor: its prose is wrapped, with or
	// without a dataset to draw.
	for _, ex := range []ExampleChart{{Data: "rates", Column: "10 YR"}, {}} {
		_, src, err := NewFile(Article, "Wrapped", day, ex)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if len(line) > 80 {
				t.Errorf("example chart %+v: line %d has %d characters, over 80:\n%s", ex, i+1, len(line), line)
			}
		}
	}
	p, src, err = NewFile(Page, "Our method", day, ExampleChart{})
	if err != nil || p != "content/our-method.md" {
		t.Fatalf("page: %s %v", p, err)
	}
	if _, err := Parse(p, src, ny); err != nil {
		t.Errorf("the new page does not parse: %v", err)
	}
	for _, bad := range []string{"", "  ", "two\nlines", "!!!"} {
		if _, _, err := NewFile(Article, bad, day, ExampleChart{}); err == nil {
			t.Errorf("title %q: no error", bad)
		}
	}
}

// TestNewFileLongTitle: a title of many words, or of letters of several
// bytes each, makes a slug cut at a dash (else at a whole letter) short
// enough to be a folder name.
func TestNewFileLongTitle(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ title, want string }{
		{strings.Repeat("word ", 200), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
		{strings.Repeat("利率", 100), strings.Repeat("利率", 13)},
		{"Short title", "short-title"},
	} {
		p, src, err := NewFile(Article, tc.title, day, ExampleChart{})
		if err != nil {
			t.Fatal(err)
		}
		if want := "content/posts/" + tc.want + "/index.md"; p != want {
			t.Errorf("%.20q: path %s, want %s", tc.title, p, want)
		}
		if _, err := Parse(p, src, time.UTC); err != nil {
			t.Errorf("%.20q: the new file does not parse: %v", tc.title, err)
		}
	}
}

// TestNewFileTitleWithFigure: a title holding {{ is refused, as the build
// refuses it in front matter, rather than written into a draft that fails
// the build once published (or previewed with --drafts).
func TestNewFileTitleWithFigure(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for _, kind := range []Kind{Article, Page} {
		title := "CAPE at {{ shiller.PE10 | last }}"
		p, src, err := NewFile(kind, title, day, ExampleChart{})
		if err == nil {
			_, perr := Parse(p, src, time.UTC)
			t.Fatalf("kind %v, title %q: written to %s, which the build then refuses: %v", kind, title, p, perr)
		}
		if !strings.Contains(err.Error(), "{{") || !strings.Contains(err.Error(), "article's text") {
			t.Errorf("kind %v: error %q does not say where a figure belongs", kind, err)
		}
	}
}
