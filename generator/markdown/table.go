package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// KindTableScroll is the kind of TableScroll nodes.
var KindTableScroll = ast.NewNodeKind("TableScroll")

// TableScroll holds one markdown table: it renders as the box a wide
// table scrolls in, <div class="table-scroll" tabindex="0" role="region"
// aria-label="Table N">, so the page never scrolls sideways, a keyboard
// can scroll the box, and a screen reader names it.
type TableScroll struct {
	ast.BaseBlock
	N int // 1-based position among the document's tables
}

// Kind implements ast.Node.
func (n *TableScroll) Kind() ast.NodeKind { return KindTableScroll }

// Dump implements ast.Node.
func (n *TableScroll) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// wrapTables puts each table in a TableScroll, numbered in document order.
func wrapTables(tables []*extast.Table) {
	for i, t := range tables {
		box := &TableScroll{N: i + 1}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, box)
		box.AppendChild(box, t)
	}
}

// alignCell marks an aligned table cell with the class align-left,
// align-center or align-right.
func alignCell(c *extast.TableCell) {
	if c.Alignment != extast.AlignNone {
		c.SetAttributeString("class", []byte("align-"+c.Alignment.String()))
	}
}

func renderTableScroll(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="table-scroll" tabindex="0" role="region" aria-label="Table ` + strconv.Itoa(n.(*TableScroll).N) + `">` + "\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
