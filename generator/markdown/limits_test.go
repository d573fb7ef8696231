package markdown

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestPathologicalEmphasis checks that inputs known to take goldmark
// quadratic time fail fast with a clear error naming file:line, while
// ordinary text with many markers (spread over paragraphs, in code, or
// escaped) converts.
func TestPathologicalEmphasis(t *testing.T) {
	src := "Intro.\n\n" + strings.Repeat("*a_ ", 40000) + "\n"
	_, err := New(Options{}).Convert("content/posts/x.md", 5, []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/x.md:7: this paragraph, with the rest of the article, holds too many runs of emphasis markers") {
		t.Errorf("got %v", err)
	}
	_, err = New(Options{}).Convert("content/posts/y.md", 1, []byte("Intro.\n\nText "+strings.Repeat("[a](", 20000)+"\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/y.md:3: this paragraph, with the rest of the article, holds too many link brackets") {
		t.Errorf("link brackets: got %v", err)
	}
	// Many paragraphs, each under what one may hold, add up.
	_, err = New(Options{}).Convert("content/posts/z.md", 1, []byte(strings.Repeat("Intro.\n\n"+strings.Repeat("*a_ ", 2000)+"\n\n", 30)), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/z.md:3: this paragraph, with the rest of the article, holds too many runs of emphasis markers") {
		t.Errorf("paragraphs that add up: got %v", err)
	}
	var fn strings.Builder
	for i := range 8000 {
		fmt.Fprintf(&fn, "x[^%d]\n\n[^%d]: n\n\n", i, i)
	}
	_, err = New(Options{}).Convert("content/posts/f.md", 1, []byte("Intro.\n\n"+fn.String()), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/f.md:3: this paragraph, with the rest of the article, holds too many footnote references times footnotes") {
		t.Errorf("footnotes: got %v", err)
	}
	// Two kinds, each at 60% of its budget, are over budget together;
	// either alone is not.
	emph := strings.Repeat("*a_ ", 3800) + "\n\n"
	brackets := strings.Repeat("[a ", 3800) + "\n\n"
	for _, s := range []string{emph, brackets} {
		if _, err := New(Options{}).Convert("a.md", 1, []byte(s), nil); err != nil {
			t.Errorf("one kind at 60%%: %v", err)
		}
	}
	if _, err := New(Options{}).Convert("a.md", 1, []byte(emph+brackets), nil); err == nil || !strings.Contains(err.Error(), "too many runs of emphasis markers") {
		t.Errorf("two kinds at 60%%: got %v", err)
	}
	ok := []string{
		strings.Repeat("[a](/b) ", 4000) + "\n",                       // many links
		strings.Repeat("*a_ *b_\n\n", 6000),                           // many paragraphs
		"```\n" + strings.Repeat("*a_ ", 20000) + "\n```\n",           // code
		strings.Repeat(`\*a\_ `, 20000) + "\n",                        // escaped
		strings.Repeat("**bold** ", 4000) + "\n",                      // matched
		"~~~\n```\n" + strings.Repeat("*a_ ", 20000) + "\n```\n~~~\n", // fences of both kinds
		"- " + strings.Repeat("> ", 60) + "a\n",                       // nested, within MaxDepth
		strings.Repeat("`a` ", 5000) + "\n",                           // many code spans
		strings.Repeat("<b>x</b> ", 5000) + "\n",                      // many tags
		strings.Repeat("x[^1] ", 3000) + "\n\n[^1]: note\n",           // many references to a note
	}
	for i, s := range ok {
		if _, err := New(Options{}).Convert("a.md", 1, []byte(s), nil); err != nil {
			t.Errorf("case %d: %v", i, err)
		}
	}
}

// TestDepth checks the nesting limit on one line and over many, and that
// a thematic break or deep indentation without a marker is not nesting.
func TestDepth(t *testing.T) {
	bad := map[string]string{
		"quotes":   "Intro.\n\n" + strings.Repeat(">", MaxDepth+1) + " a\n",
		"bullets":  "Intro.\n\n" + strings.Repeat("- ", MaxDepth+1) + "a\n",
		"ordered":  "Intro.\n\n" + strings.Repeat("1. ", MaxDepth+1) + "a\n",
		"indented": "Intro.\n\n" + strings.Repeat(" ", 2*MaxDepth+2) + "- a\n",
		"mixed":    "Intro.\n\n" + strings.Repeat("> * 2) ", MaxDepth/3+1) + "a\n",
	}
	for name, src := range bad {
		_, err := New(Options{}).Convert("content/posts/d.md", 4, []byte(src), nil)
		if err == nil || !strings.Contains(err.Error(), "content/posts/d.md:6: block quotes and list items nested more than 100 deep") {
			t.Errorf("%s: got %v", name, err)
		}
	}
	good := []string{
		strings.Repeat(">", MaxDepth) + " a\n",
		strings.Repeat("- ", 300) + "\n",                      // a thematic break
		"```\n" + strings.Repeat(" ", 400) + "code\n```\n",    // indented code
		"Text\n\n" + strings.Repeat("\t", 100) + "indented\n", // no marker
	}
	for i, src := range good {
		if _, err := New(Options{}).Convert("a.md", 1, []byte(src), nil); err != nil {
			t.Errorf("case %d: %v", i, err)
		}
	}
}

// TestWork checks the bound on lines and punctuation marks.
func TestWork(t *testing.T) {
	src := strings.Repeat("- a\n", MaxWork/2+1)
	_, err := New(Options{}).Convert("content/posts/w.md", 3, []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/w.md:3: the article holds 1000002 lines and punctuation marks") {
		t.Errorf("got %v", err)
	}
	if _, err := New(Options{}).Convert("a.md", 1, []byte(strings.Repeat("- a\n", MaxWork/2-1)), nil); err != nil {
		t.Errorf("under the bound: %v", err)
	}
	defs := "Intro.\n\n" + strings.Repeat("[a]: /u\n", 20000)
	_, err = New(Options{}).Convert("content/posts/r.md", 3, []byte(defs), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/r.md:5: this paragraph, with the rest of the article, holds too many link reference definitions") {
		t.Errorf("definitions: got %v", err)
	}
	spread := strings.Repeat(strings.Repeat("[a]: /u\n", 500)+"\n", 40)
	if _, err := New(Options{}).Convert("a.md", 1, []byte(spread), nil); err != nil {
		t.Errorf("definitions in paragraphs of 500: %v", err)
	}
}

// TestShapes converts every hostile shape at 2 MB (the default
// markdown.maxBytes). The bound is the test's -timeout, not a clock: each
// must finish, either converted or refused with an error naming the file
// and a line. Ordinary shapes of 200 KB must convert.
func TestShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("converts 2 MB documents")
	}
	place := regexp.MustCompile(`^content/posts/s\.md:\d+: `)
	mustConvert := map[string]bool{
		"prose": true, "table-rows": true, "table-wide": true, "list-items": true, "tasks": true,
		"headings-same": true, "headings-numbered": true, "link-refs": true, "fences": true, "more": true,
		"setext": true, "quotes": true, "entity": true, "backticks": true,
	}
	for _, s := range shapes() {
		t.Run(s.name, func(t *testing.T) {
			c := New(Options{Typographer: true, BasePath: "/"})
			_, err := c.Convert("content/posts/s.md", 1, s.make(2<<20), nil)
			if err != nil && !place.MatchString(err.Error()) {
				t.Errorf("2 MB: the error does not name the file and line: %v", err)
			}
			if mustConvert[s.name] {
				if _, err := c.Convert("content/posts/s.md", 1, s.make(200<<10), nil); err != nil {
					t.Errorf("200 KB: %v", err)
				}
			}
		})
	}
}

// TestStop checks that a closed Options.Stop ends a conversion with
// ErrStopped, and that an open one changes nothing.
func TestStop(t *testing.T) {
	src := []byte(strings.Repeat("Some *text* with [links](/a/).\n\n", 1000))
	stop := make(chan struct{})
	c := New(Options{Stop: stop})
	if _, err := c.Convert("a.md", 1, src, nil); err != nil {
		t.Fatalf("open Stop: %v", err)
	}
	close(stop)
	if _, err := c.Convert("a.md", 1, src, nil); !errors.Is(err, ErrStopped) {
		t.Errorf("closed Stop: got %v, want ErrStopped", err)
	}
}
