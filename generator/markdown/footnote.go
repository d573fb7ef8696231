package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// backlinkRenderer writes a footnote's link back to where the text refers
// to it as goldmark's footnote extension does, with a name a screen reader
// can say: the extension's "↩︎" alone named every backlink of an article
// the same, so a list of the page's links showed several "↩︎" leading to
// different places, and some readers say nothing for the sign. The name
// says which note and, for a note referred to more than once, which of
// its references the link returns to. It is the link's title (a tooltip
// too), the sign hidden from screen readers: an aria-label over a visible
// sign would be a name that does not hold the link's visible text, which
// axe-core asks a person to review (label-content-name-mismatch).
type backlinkRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (backlinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindFootnoteBacklink, renderBacklink)
}

// renderBacklink writes the extension's markup (no id prefix, its default
// classes and sign) with a title, the sign aria-hidden.
func renderBacklink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
	note := strconv.Itoa(n.Index)
	ref, label := "fnref", "Back to the text of note "+note
	if n.RefIndex > 0 {
		ref += strconv.Itoa(n.RefIndex)
	}
	if n.RefCount > 1 {
		label += ", reference " + strconv.Itoa(n.RefIndex+1) + " of " + strconv.Itoa(n.RefCount)
	}
	_, _ = w.WriteString(`&#160;<a href="#` + ref + `:` + note + `" class="footnote-backref" title="` + label + `" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span></a>`)
	return ast.WalkContinue, nil
}
