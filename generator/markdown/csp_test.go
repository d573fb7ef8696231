package markdown

import (
	"strings"
	"testing"
)

// TestNoStyleAttributes checks that table alignment is written as classes:
// style attributes would need style-src 'unsafe-inline', and align
// attributes are obsolete HTML.
func TestNoStyleAttributes(t *testing.T) {
	d, err := New(Options{}).Convert("a.md", 1, []byte("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	h := string(d.HTML)
	if strings.Contains(h, "style=") || strings.Contains(h, "align=") {
		t.Errorf("style or align attribute in %s", h)
	}
	for _, want := range []string{`<th class="align-left">a</th>`, `<th class="align-center">b</th>`, `<td class="align-right">3</td>`, `<td>4</td>`} {
		if !strings.Contains(h, want) {
			t.Errorf("lacks %s:\n%s", want, h)
		}
	}
}
