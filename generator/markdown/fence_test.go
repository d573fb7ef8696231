package markdown

import (
	"strings"
	"testing"
)

// TestUnclosedChart: a chart block whose fence is never closed reads the
// rest of the file (or of its list or quote) as its spec; when that spec
// fails, the error says the block is not closed, at the fence's line,
// rather than what the prose is not. A closed block keeps its own errors,
// and an unclosed one that draws is no error.
func TestUnclosedChart(t *testing.T) {
	const notClosed = "a.md:10: chart: the block is not closed, so the rest of the file was read as its spec: add a line ``` where the spec ends"
	for _, tc := range []struct{ name, src, want string }{
		{"closed", "```chart\nbad: 1\n```\n\nMore.\n", "a.md:10: chart: bad spec"},
		{"closed at the end without a newline", "```chart\nbad: 1\n```", "a.md:10: chart: bad spec"},
		{"closed by a longer fence", "````chart\nbad: 1\n`````\n", "a.md:10: chart: bad spec"},
		{"closed by tildes", "~~~chart\nbad: 1\n~~~\n", "a.md:10: chart: bad spec"},
		{"closed in a quote", "> ```chart\n> bad: 1\n> ```\n", "a.md:10: chart: bad spec"},
		{"unclosed, prose after", "```chart\ndata: x\n\n## A heading, bad\n\nProse: here.\n", notClosed},
		{"unclosed, no newline", "```chart\nbad: 1", notClosed},
		{"unclosed in a list", "- item\n\n  ```chart\n  bad: 1\n\n- next\n", "a.md:12: chart: the block is not closed"},
		{"unclosed, closed by the other fence", "```chart\nbad: 1\n~~~\n", notClosed},
		{"unclosed but drawn", "```chart\ndata: x\n", ""},
		{"unclosed, the next chart's fence closes it", "```chart\ndata: x\n\nProse, bad here.\n\n```chart\ndata: y\n```\n", "a.md:10: chart: the block is not closed before the fence on line 15, so the text between was read as its spec: add a line ``` where the spec ends"},
		{"unclosed before a code block", "```chart\ndata: x\n\n```go\nbad := 1\n```\n", "a.md:10: chart: the block is not closed before the fence on line 13"},
	} {
		_, err := New(Options{}).Convert("a.md", 10, []byte(tc.src), &specEcho{})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		}
	}
}
