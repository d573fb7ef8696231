package markdown

import (
	"strings"
	"testing"
	"time"
)

// TestPathologicalEmphasis checks that an input known to take goldmark
// quadratic time fails fast with a clear error naming file:line, while
// ordinary text with many markers (spread over paragraphs, in code, or
// escaped) converts.
func TestPathologicalEmphasis(t *testing.T) {
	src := "Intro.\n\n" + strings.Repeat("*a_ ", 40000) + "\n"
	start := time.Now()
	_, err := New(Options{}).Convert("content/posts/x.md", 5, []byte(src), nil)
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %s", took)
	}
	if err == nil || !strings.Contains(err.Error(), "content/posts/x.md:7: a paragraph holds more than 10000 runs of emphasis markers") {
		t.Errorf("got %v", err)
	}
	ok := []string{
		strings.Repeat("*a_ *b_\n\n", 6000),                           // many paragraphs
		"```\n" + strings.Repeat("*a_ ", 20000) + "\n```\n",           // code
		strings.Repeat(`\*a\_ `, 20000) + "\n",                        // escaped
		strings.Repeat("**bold** ", 4000) + "\n",                      // matched, under the limit
		"~~~\n```\n" + strings.Repeat("*a_ ", 20000) + "\n```\n~~~\n", // fences of both kinds
	}
	for i, s := range ok {
		if _, err := New(Options{}).Convert("a.md", 1, []byte(s), nil); err != nil {
			t.Errorf("case %d: %v", i, err)
		}
	}
}
