package markdown

import (
	"strings"
	"testing"
)

// TestUndefinedRefs: a footnote reference or a full reference link whose
// label is defined nowhere is an error at its line, where markdown would
// publish its brackets as written; defined ones, escaped brackets, code,
// shortcut brackets ([sic]) and numbered citations ([1][2]) are as
// written, with no error.
func TestUndefinedRefs(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"defined footnote", "A claim.[^1]\n\n[^1]: The source.\n", ""},
		{"undefined footnote", "A claim.[^1]\n\nMore.[^2]\n\n[^1]: The source.\n", `a.md:12: footnote [^2] has no note: add one on a line of its own, as in [^2]: The note's text (or correct the label to a note's), or write \[^2] for the brackets as written`},
		{"undefined footnote in a list", "- one\n- two[^x]\n", "a.md:11: footnote [^x] has no note"},
		{"defined reference", "See [the data][fred].\n\n[fred]: https://fred.stlouisfed.org/\n", ""},
		{"undefined reference", "See [the data][fred].\n\n[fed]: https://fred.stlouisfed.org/\n", `a.md:10: link [the data][fred]: its label is defined nowhere, so the brackets would be published as written: add a line such as [fred]: https://example.org/ (or correct the label), or write \[the data][fred] for the brackets as written`},
		{"escaped", `Literal \[^1] and \[a][b].` + "\n", ""},
		{"in code", "`[^1]` and `[a][b]`\n\n```\nx[^1] y[a][b]\n```\n", ""},
		{"shortcut brackets", "He wrote [sic] and [1].\n", ""},
		{"citations", "As shown [1][2] and [3, 4][5].\n", ""},
	} {
		d, err := New(Options{}).Convert("a.md", 10, []byte(tc.src), &specEcho{})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%s: got %v\nwant %s", tc.name, err, tc.want)
		case tc.want == "" && strings.Contains(tc.src, "[^1]:") && !strings.Contains(string(d.HTML), `href="#fn:1"`):
			t.Errorf("%s: no footnote link in\n%s", tc.name, d.HTML)
		}
	}
}

// TestUndefinedRefsInSummary: a summary has no footnotes or link
// definitions, so a reference there is published as its brackets.
func TestUndefinedRefsInSummary(t *testing.T) {
	_, _, err := New(Options{}).Summary("a.md", 4, "Small caps lagged.[^1] See [the data][fred].", nil)
	for _, want := range []string{
		"a.md:4: summary: footnote [^1] would be published as written: a summary has no notes (it stands alone on cards and in feeds); delete it",
		"a.md:4: summary: link [the data][fred] would be published as written: a summary has no link definitions; write the link inline, as in [text](https://example.org/)",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %s", err, want)
		}
	}
}
