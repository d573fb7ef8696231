package markdown

import (
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
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

// KindCellDate is the kind of CellDate nodes.
var KindCellDate = ast.NewNodeKind("CellDate")

// CellDate holds an ISO date (1957-12, 2024-03-15) written in a table
// cell: it renders as <time datetime="1957-12">, which the theme keeps on
// one line. Bare, Chromium broke "1957-" from "12" at its hyphen when a
// phone squeezed the column, though the table scrolls in its own box.
type CellDate struct {
	ast.BaseInline
	Date string
}

// Kind implements ast.Node.
func (n *CellDate) Kind() ast.NodeKind { return KindCellDate }

// Dump implements ast.Node.
func (n *CellDate) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// isoDate matches a month (1957-12) or a day (2024-03-15) as ISO 8601
// writes them; not a range of years (2022-23).
var isoDate = regexp.MustCompile(`\b\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?\b`)

// keepCellDates puts each ISO date in the texts (of table cells, in
// document order) in a CellDate. The inline parsers may split a text where
// a date has its hyphen ("1957", "-12"), so a text that continues the one
// before it is joined to it first.
func keepCellDates(texts []*ast.Text, src []byte) {
	var kept []*ast.Text
	for _, n := range texts {
		p, ok := n.PreviousSibling().(*ast.Text)
		if ok && p.Segment.Stop == n.Segment.Start && p.Segment.Padding == 0 && n.Segment.Padding == 0 &&
			!p.SoftLineBreak() && !p.HardLineBreak() && !p.IsRaw() && !n.IsRaw() {
			p.Segment = p.Segment.WithStop(n.Segment.Stop)
			p.SetSoftLineBreak(n.SoftLineBreak())
			p.SetHardLineBreak(n.HardLineBreak())
			n.Parent().RemoveChild(n.Parent(), n)
			continue
		}
		kept = append(kept, n)
	}
	for _, n := range kept {
		seg := n.Segment
		ms := isoDate.FindAllIndex(seg.Value(src), -1)
		if ms == nil {
			continue
		}
		parent, at := n.Parent(), seg.Start
		for _, m := range ms {
			start, stop := seg.Start+m[0], seg.Start+m[1]
			if start > at {
				parent.InsertBefore(parent, n, ast.NewTextSegment(text.NewSegment(at, start)))
			}
			d := &CellDate{Date: string(src[start:stop])}
			d.AppendChild(d, ast.NewTextSegment(text.NewSegment(start, stop)))
			parent.InsertBefore(parent, n, d)
			at = stop
		}
		n.Segment = seg.WithStart(at) // the rest, with n's line breaks
	}
}

// inCell reports whether n stands in a table cell.
func inCell(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*extast.TableCell); ok {
			return true
		}
	}
	return false
}

func renderCellDate(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<time datetime="` + n.(*CellDate).Date + `">`)
	} else {
		_, _ = w.WriteString("</time>")
	}
	return ast.WalkContinue, nil
}
