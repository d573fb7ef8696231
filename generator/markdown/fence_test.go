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
	checkConvertErrors(t, []convertCase{
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
	})
}

// TestFigureSpans: Doc.Figures says where each chart's figure stands in
// the HTML, in order, also in a quote or a list and when two charts are
// the same; the feed and the email put their version of each there.
func TestFigureSpans(t *testing.T) {
	src := "Text.\n\n```chart\ndata: a\n```\n\n> ```chart\n> data: b\n> ```\n\n- item\n\n  ```chart\n  data: a\n  ```\n\nEnd.\n"
	d, err := New(Options{}).Convert("a.md", 1, []byte(src), &specEcho{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`<figure class="figure">data: a</figure>`, `<figure class="figure">data: b</figure>`, `<figure class="figure">data: a</figure>`}
	if len(d.Figures) != len(want) {
		t.Fatalf("%d spans, want %d: %v\n%s", len(d.Figures), len(want), d.Figures, d.HTML)
	}
	at := 0
	for k, sp := range d.Figures {
		if got := d.HTML[sp[0]:sp[1]]; got != want[k] || sp[0] < at {
			t.Errorf("figure %d at %v: %q, want %q after %d", k, sp, got, want[k], at)
		}
		at = sp[1]
	}
	if d.Figures[2][0] == strings.Index(d.HTML, want[2]) {
		t.Error("the third figure's span is the first's, the same HTML")
	}
}

// TestUnclosedCodeBlock: a code block left open runs on to the closing
// fence of the next block, so the prose between and that block, a chart
// too, would be published as code. A line inside it that opens a fence of
// its own (```chart, ```go) says so: the error is at the code block's
// opening fence. A block that shows fences with a longer one, or with the
// other character, is as written.
func TestUnclosedCodeBlock(t *testing.T) {
	const notClosed = "a.md:10: the code block is not closed before the fence on line 15, so the text between, and the block that fence opens, would be shown as code: add a line ``` where the code ends"
	checkConvertErrors(t, []convertCase{
		{"closed", "```\ncode\n```\n\n```chart\ndata: x\n```\n", ""},
		{"unclosed before a chart", "```\ncode\n\n## A heading\n\n```chart\ndata: x\n```\n", notClosed},
		{"unclosed with a language", "```go\nx := 1\n\nProse.\n\n```python\nprint(1)\n```\n", "a.md:10: the code block is not closed before the fence on line 15"},
		{"unclosed in a list", "- item\n\n  ```\n  code\n\n  ```go\n  x := 1\n  ```\n", "a.md:12: the code block is not closed before the fence on line 15"},
		{"unclosed tildes", "~~~~\ncode\n\n~~~~~chart\ndata: x\n~~~~~\n", "a.md:10: the code block is not closed before the fence on line 13, so the text between, and the block that fence opens, would be shown as code: add a line ~~~~ where the code ends"},
		{"fences shown by a longer fence", "````markdown\n```chart\ndata: x\n```\n````\n", ""},
		{"fences shown by the other character", "~~~\n```go\nx := 1\n```\n~~~\n", ""},
		{"a code span on a line of code", "```\n```x``` is code\n```\n", ""},
		{"unclosed at the end of the file", "```\ncode\n", ""},
	})
}

// TestEmptyUnclosedFence: a fence that opens a block holding nothing and
// never closed (left over at the end of the file, or a closing fence typed
// twice) would publish an empty code box: an error at its line saying to
// delete it or close it. An empty block that is closed, and a block of
// code left open at the end of the file, are as written.
func TestEmptyUnclosedFence(t *testing.T) {
	const empty = "a.md:12: this ``` opens a code block that is never closed and holds nothing, so the page would show an empty code box: delete the line if it is left over (a closing fence typed twice), or put the code and a line ``` after it"
	checkConvertErrors(t, []convertCase{
		{"a fence at the end", "Prose.\n\n```\n", empty},
		{"a fence at the end without a newline", "Prose.\n\n```", empty},
		{"a fence and blank lines at the end", "Prose.\n\n```\n\n\n", empty},
		{"a closing fence typed twice", "```go\nx := 1\n```\n```\n", "a.md:13: this ``` opens a code block that is never closed"},
		{"tildes", "Prose.\n\n~~~~\n", "a.md:12: this ~~~~ opens a code block that is never closed"},
		{"a fence with a language", "Prose.\n\n```go\n", "a.md:12: this ``` opens a code block that is never closed"},
		{"an empty block closed", "```\n```\n\nProse.\n", ""},
		{"an empty block of blank lines closed", "```go\n\n```\n", ""},
		{"an empty block closed by a longer fence", "```\n````\n", ""},
		{"code left open", "Prose.\n\n```\ncode\n", ""},
	})
}

// convertCase is a markdown source converted at line 10 of a.md, and the
// start of the error it must give; "" for none.
type convertCase struct{ name, src, want string }

// checkConvertErrors converts each case's source and checks its error.
func checkConvertErrors(t *testing.T, cases []convertCase) {
	t.Helper()
	for _, tc := range cases {
		_, err := New(Options{}).Convert("a.md", 10, []byte(tc.src), &specEcho{})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		}
	}
}
