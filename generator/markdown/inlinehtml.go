package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Inline HTML a reader may see. Without unsafeHTML, raw HTML in markdown
// is shown escaped, so an author sees it was not taken, but a few inline
// elements that carry no attributes cannot run anything or change the
// page's layout, and research writes them: a superscript (m<sup>2</sup>),
// a line break in a table cell (<br>), a citation (<cite>). These pass
// when written without attributes and, but for <br>, opened and closed in
// order within one block (a paragraph, a heading, a table cell); any other
// raw HTML is shown escaped as before.

// passTags are the elements that pass; br is the only void one.
var passTags = map[string]bool{
	"abbr": true, "b": true, "br": true, "cite": true, "code": true, "del": true, "dfn": true,
	"em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true,
	"samp": true, "small": true, "strong": true, "sub": true, "sup": true, "u": true, "var": true,
}

// passAttr marks a RawHTML node whose tag passes; its value is the tag as
// written out (normalised: "<sup>", "</sup>", "<br>").
var passAttr = []byte("ts-pass")

// plainTag reads a tag without attributes: <name>, </name>, <name/>.
var plainTag = regexp.MustCompile(`^<(/?)([a-zA-Z]+)\s*/?>$`)

// passInlineHTML marks the raw inline HTML of raws (in document order)
// that passes: a tag of passTags without attributes, each element opened
// and closed in order within its block. A block whose tags do not nest
// passes none of them.
func passInlineHTML(raws []*ast.RawHTML, src []byte) {
	type tag struct {
		n     *ast.RawHTML
		name  string
		close bool
	}
	byBlock := map[ast.Node][]tag{}
	var order []ast.Node
	for _, n := range raws {
		var b bytes.Buffer
		for j := 0; j < n.Segments.Len(); j++ {
			seg := n.Segments.At(j)
			b.Write(seg.Value(src))
		}
		m := plainTag.FindSubmatch(b.Bytes())
		if m == nil || !passTags[strings.ToLower(string(m[2]))] {
			continue
		}
		block := n.Parent()
		for block != nil && block.Type() != ast.TypeBlock {
			block = block.Parent()
		}
		if _, seen := byBlock[block]; !seen {
			order = append(order, block)
		}
		byBlock[block] = append(byBlock[block], tag{n, strings.ToLower(string(m[2])), len(m[1]) > 0})
	}
	for _, block := range order {
		tags := byBlock[block]
		var open []string
		ok := true
		for _, t := range tags {
			switch {
			case t.name == "br":
				ok = ok && !t.close
			case !t.close:
				open = append(open, t.name)
			case len(open) > 0 && open[len(open)-1] == t.name:
				open = open[:len(open)-1]
			default:
				ok = false
			}
		}
		if !ok || len(open) > 0 {
			continue
		}
		for _, t := range tags {
			out := "<" + t.name + ">"
			if t.close {
				out = "</" + t.name + ">"
			}
			t.n.SetAttribute(passAttr, out)
		}
	}
}

// passed returns the tag the raw HTML n is written out as, when it passes.
func passed(n ast.Node) (string, bool) {
	v, ok := n.Attribute(passAttr)
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok
}
