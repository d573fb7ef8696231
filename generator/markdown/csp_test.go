package markdown

import (
	"strings"
	"testing"
)

// TestNoStyleAttributes checks that table alignment is written as align
// attributes: style attributes would need style-src 'unsafe-inline'.
func TestNoStyleAttributes(t *testing.T) {
	d, err := New(Options{}).Convert("a.md", 1, []byte("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	h := string(d.HTML)
	if strings.Contains(h, "style=") {
		t.Errorf("style attribute in %s", h)
	}
	for _, want := range []string{`<th align="left">a</th>`, `<th align="center">b</th>`, `<td align="right">3</td>`} {
		if !strings.Contains(h, want) {
			t.Errorf("lacks %s:\n%s", want, h)
		}
	}
}
