package markdown

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindInlineFigure is the kind of InlineFigure nodes.
var KindInlineFigure = ast.NewNodeKind("InlineFigure")

// InlineFigure is a figure computed from data and written into the prose:
// the text between "{{" and "}}" on one line, such as
// {{ shiller.SP500 | cagr | percent:1 }}. Value holds the computed value once
// the document's Figures evaluated it.
type InlineFigure struct {
	ast.BaseInline
	Expr   string
	Offset int // byte offset of "{{" in the source, for line numbers
	Value  string
	Title  string // a tooltip saying where the value comes from
}

// Kind implements ast.Node.
func (n *InlineFigure) Kind() ast.NodeKind { return KindInlineFigure }

// Dump implements ast.Node.
func (n *InlineFigure) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Expr": n.Expr}, nil)
}

// maxInlineExpr is the longest text between "{{" and "}}" of an inline
// figure. The parser looks no further for "}}", so a line of "{{" without
// one is parsed in linear time.
const maxInlineExpr = 1000

// inlineFigureParser recognises {{ expr }} within one line, of at most
// maxInlineExpr bytes. Code spans are
// parsed first, so `{{ x }}` in backticks stays literal, and so does \{{.
type inlineFigureParser struct{}

func (p *inlineFigureParser) Trigger() []byte { return []byte{'{'} }

func (p *inlineFigureParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	end := bytes.Index(line[2:min(len(line), 2+maxInlineExpr+2)], []byte("}}"))
	if end < 0 {
		return nil
	}
	expr := bytes.TrimSpace(line[2 : 2+end])
	if len(expr) == 0 {
		return nil
	}
	block.Advance(2 + end + 2)
	return &InlineFigure{Expr: string(expr), Offset: seg.Start}
}

// inlineFigureRenderer writes an evaluated inline figure as escaped text.
func renderInlineFigure(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	f := n.(*InlineFigure)
	_, _ = w.WriteString(`<span class="figure-inline"`)
	if f.Title != "" {
		_, _ = w.WriteString(` title="`)
		_, _ = w.WriteString(html.EscapeString(f.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	_, _ = w.WriteString(html.EscapeString(f.Value))
	_, _ = w.WriteString(`</span>`)
	return ast.WalkSkipChildren, nil
}

var _ renderer.NodeRendererFunc = renderInlineFigure
