package markdown

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// footnoteRef is a footnote reference, [^label]; fullRef a full reference
// link, [text][label]. Where either is left as text, its label has no
// definition, and the brackets would be published as written.
var (
	footnoteRef = regexp.MustCompile(`^\[\^[^\]\s]+\]`)
	fullRef     = regexp.MustCompile(`^\[[^\]\n]+\]\[[^\]\n]+\]`)
	citations   = regexp.MustCompile(`^\[[0-9,\s–-]+\]\[[0-9,\s–-]+\]$`)
)

// checkUndefinedRef reports a footnote reference or a full reference link
// starting in the text n: markdown leaves one whose label is defined
// nowhere as text, so a mistyped label ([^2] for [^1]) or a definition
// that was deleted publishes "[^2]" where the note's number should be,
// with no word. A shortcut reference ([text]) is not reported: prose
// uses brackets so ([sic], [1]), and numbered citations side by side
// ([1][2]) as a full reference.
func (st *docState) checkUndefinedRef(n *ast.Text, src []byte) {
	for i := n.Segment.Start; i < n.Segment.Stop; i++ {
		if src[i] != '[' || (i > 0 && src[i-1] == '\\') {
			continue
		}
		line := st.lineBase + st.lineAt(i) - 1
		if st.summary {
			if m := footnoteRef.Find(src[i:]); m != nil {
				st.errs = append(st.errs, fmt.Errorf("%s:%d: summary: footnote %s would be published as written: a summary has no notes (it stands alone on cards and in feeds); delete it", st.file, line, m))
			} else if m := fullRef.Find(src[i:]); m != nil && !citations.Match(m) {
				st.errs = append(st.errs, fmt.Errorf("%s:%d: summary: link %s would be published as written: a summary has no link definitions; write the link inline, as in [text](https://example.org/)", st.file, line, m))
			}
			continue
		}
		if m := footnoteRef.Find(src[i:]); m != nil {
			st.errs = append(st.errs, fmt.Errorf("%s:%d: footnote %s has no note: add one on a line of its own, as in %s: The note's text (or correct the label to a note's), or write \\%s for the brackets as written", st.file, line, m, m, m))
		} else if m := fullRef.Find(src[i:]); m != nil && !citations.Match(m) {
			st.errs = append(st.errs, fmt.Errorf("%s:%d: link %s: its label is defined nowhere, so the brackets would be published as written: add a line such as %s: https://example.org/ (or correct the label), or write \\%s for the brackets as written", st.file, line, m, m[bytes.LastIndexByte(m, '['):], m))
		}
	}
}
