package markdown

import (
	"strings"
	"testing"
)

// TestPathologicalEmphasis checks that an input known to take goldmark
// quadratic time fails fast with a clear error naming file:line, while
// ordinary text with many markers (spread over paragraphs, in code, or
// escaped) converts.
func TestPathologicalEmphasis(t *testing.T) {
	src := "Intro.\n\n" + strings.Repeat("*a_ ", 40000) + "\n"
	_, err := New(Options{}).Convert("content/posts/x.md", 5, []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/x.md:7: a paragraph holds more than 10000 runs of emphasis markers") {
		t.Errorf("got %v", err)
	}
	_, err = New(Options{}).Convert("content/posts/y.md", 1, []byte("Intro.\n\nText "+strings.Repeat("[a](", 20000)+"\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "content/posts/y.md:3: a paragraph holds more than 5000 link brackets") {
		t.Errorf("link brackets: got %v", err)
	}
	ok := []string{
		strings.Repeat("[a](/b) ", 4000) + "\n",                       // many links, under the limit
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
