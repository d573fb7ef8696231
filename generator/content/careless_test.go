package content

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestTooManyTerms: an article naming thousands of tags (or authors, or
// terms of a taxonomy) is one error at the key's line, not a build that
// writes a page and feeds per term, each listing them all; MaxTerms names
// are fine.
func TestTooManyTerms(t *testing.T) {
	names := func(n int) string {
		s := make([]string, n)
		for i := range s {
			s[i] = fmt.Sprintf("t%d", i)
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	sc := Schema{Taxonomies: []Taxonomy{{Key: "tickers"}}}
	for _, tc := range []struct {
		key  string
		n    int
		want string
	}{
		{"tags", 10000, "content/posts/a.md:3: tags: 10000 names, over the limit of 200"},
		{"tags", MaxTerms + 1, "content/posts/a.md:3: tags: 201 names, over the limit of 200"},
		{"authors", 5000, "content/posts/a.md:3: authors: 5000 names, over the limit of 200"},
		{"tickers", 3000, "content/posts/a.md:3: tickers: 3000 names, over the limit of 200"},
		{"tags", MaxTerms, ""},
	} {
		src := fmt.Sprintf("---\ntitle: x\n%s: %s\ndate: 2024-01-01\n---\nText.\n", tc.key, names(tc.n))
		_, err := ParseWith("content/posts/a.md", []byte(src), sc)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s with %d names: %v", tc.key, tc.n, err)
		case tc.want == "":
		case err == nil || !strings.Contains(err.Error(), tc.want):
			t.Errorf("%s with %d names: got %v, want %q", tc.key, tc.n, err, tc.want)
		case strings.Count(err.Error(), "\n") != 0:
			t.Errorf("%s with %d names: more than one error:\n%v", tc.key, tc.n, err)
		}
	}
}

// TestNoSlugToMake: an article whose file name and title have no letter
// or digit, and no slug, is an error at the title's line, not the URL
// /2025/03//; a slug, or a word in either, is fine.
func TestNoSlugToMake(t *testing.T) {
	for _, tc := range []struct{ path, src, want string }{
		{"content/posts/???.md", "---\ntitle: \"???\"\ndate: 2024-01-01\n---\nx\n", `content/posts/???.md:2: no URL can be made for the article: neither its file name "???" nor its title "???"`},
		{"content/posts/¿/index.md", "---\ndate: 2024-01-01\ntitle: \"¿!\"\n---\nx\n", `content/posts/¿/index.md:3: no URL can be made`},
		{"content/posts/???.md", "---\ntitle: \"???\"\nslug: q\ndate: 2024-01-01\n---\nx\n", ""},
		{"content/posts/???.md", "---\ntitle: \"Why?\"\ndate: 2024-01-01\n---\nx\n", ""},
		{"content/posts/a.md", "---\ntitle: \"???\"\ndate: 2024-01-01\n---\nx\n", ""},
		{"content/???.md", "---\ntitle: \"???\"\n---\nx\n", ""}, // a page's URL is its path
	} {
		_, err := Parse(tc.path, []byte(tc.src), time.UTC)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.path, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %q", tc.path, err, tc.want)
		}
	}
}

// TestControlCharacters: a title, summary or term holding a control
// character (a bell, an escape, a form feed: what a paste from a terminal
// or a PDF brings) is an error at its line, not published raw into the
// HTML; a tab or a line break of a folded summary is fine.
func TestControlCharacters(t *testing.T) {
	for _, tc := range []struct{ fm, want string }{
		{"title: \"a\\u0007b\"\n", `content/posts/a.md:2: title holds the control character U+0007`},
		{"title: x\nsummary: \"one\\ftwo\"\n", `content/posts/a.md:3: summary holds the control character U+000C`},
		{"title: x\ntags: [ok, \"b\\x1bc\"]\n", `content/posts/a.md:3: tags: "b\x1bc" holds the control character U+001B`},
		{"title: x\nauthors: [\"D\\u0085W\"]\n", `content/posts/a.md:3: authors: "D\u0085W" holds the control character U+0085`},
		{"title: x\nsummary: >\n  one\n  two\tthree\n", ""},
	} {
		_, err := Parse("content/posts/a.md", []byte("---\n"+tc.fm+"date: 2024-01-01\n---\nText.\n"), time.UTC)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.fm, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: got %v, want %q", tc.fm, err, tc.want)
		}
	}
}

// TestBodyControlCharacters: a control character in the article's text is
// an error at its line, once for the file, with the front matter's
// problems; tabs and CRLF line ends are fine.
func TestBodyControlCharacters(t *testing.T) {
	src := "---\ntitle: x\ndate: 2024-01-01\n---\nOne.\r\n\tcode\r\n\nForm\ffeed and bell\a.\nEsc\x1b.\n"
	_, err := Parse("content/posts/a.md", []byte(src), time.UTC)
	if want := "content/posts/a.md:8: the text holds the control character U+000C"; err == nil || !strings.Contains(err.Error(), want) || strings.Count(err.Error(), "control character") != 1 {
		t.Errorf("got %v, want one error %q", err, want)
	}
	if _, err := Parse("content/posts/a.md", []byte("---\ntitle: x\ndate: 2024-01-01\n---\nOne.\r\n\tcode\r\n"), time.UTC); err != nil {
		t.Error(err)
	}
}
