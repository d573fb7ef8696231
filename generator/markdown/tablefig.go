package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// figureTable is goldmark's GFM table extension whose row splitting leaves
// the "|" of an inline figure ({{ x.Y | last }}) inside its cell: before
// the table parser reads a paragraph, each "|" between "{{" and "}}" on one
// line is put aside, and afterwards put back, so the cell's text holds the
// whole figure, which the inline figure parser then reads.
type figureTable struct {
	opts []extension.TableOption
}

func (e figureTable) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(protectFigures{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(e.opts...), 500)))
}

// protectFigures runs the table paragraph transformer with the pipes of
// inline figures hidden. Convert gives the parser its own copy of a source
// that has "{{", so the bytes changed here for a moment are no one else's.
type protectFigures struct {
	table parser.ParagraphTransformer
}

// pipeStandIn replaces a figure's "|" while the table parser runs; any
// byte but "|" would do, since the positions are restored from a list.
const pipeStandIn = 0x1a

func (p protectFigures) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var hidden []int
	lines := node.Lines()
	if lines.Len() >= 2 {
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			hidden = figurePipes(src, seg.Start, seg.Stop, hidden)
		}
	}
	for _, at := range hidden {
		src[at] = pipeStandIn
	}
	p.table.Transform(node, reader, pc)
	for _, at := range hidden {
		src[at] = '|'
	}
}

// figurePipes appends the offsets of the "|" within inline figures of
// src[start:stop] (one line): "{{", not after a backslash, to the next
// "}}" within maxInlineExpr bytes, as the inline figure parser reads it.
func figurePipes(src []byte, start, stop int, out []int) []int {
	line := src[start:stop]
	for i := 0; i+1 < len(line); {
		j := bytes.Index(line[i:], []byte("{{"))
		if j < 0 {
			break
		}
		open := i + j
		if open > 0 && line[open-1] == '\\' {
			i = open + 2
			continue
		}
		body := line[open+2 : min(len(line), open+2+maxInlineExpr+2)]
		end := bytes.Index(body, []byte("}}"))
		if end < 0 {
			i = open + 2
			continue
		}
		for k := 0; k < end; k++ {
			if body[k] == '|' {
				out = append(out, start+open+2+k)
			}
		}
		i = open + 2 + end + 2
	}
	return out
}

// checkStray records an error for a "{{" left in prose text: an inline
// figure that did not parse (no "}}" on its line or in its table cell, or
// nothing between them) would otherwise be published raw. A "{{" in code
// stays literal, and so does \{{.
func (st *docState) checkStray(n *ast.Text, src []byte) {
	v := n.Segment.Value(src)
	at := bytes.Index(v, []byte("{{"))
	if at < 0 && len(v) > 0 && v[len(v)-1] == '{' {
		if next, ok := n.NextSibling().(*ast.Text); ok && bytes.HasPrefix(next.Segment.Value(src), []byte("{")) {
			at = len(v) - 1
		}
	}
	if at < 0 {
		return
	}
	off := n.Segment.Start + at
	if off > 0 && src[off-1] == '\\' {
		return
	}
	if zolaShortcode.Match(src[off+2:]) {
		st.errs = append(st.errs, fmt.Errorf("%s:%d: %q opens a Zola shortcode, which tearsheet does not have: write the markdown or HTML it stood for (a link, an image, a note as a block quote)", st.file, st.lineBase+st.lineAt(off)-1, strayExcerpt(src[off:])))
		return
	}
	st.errs = append(st.errs, fmt.Errorf("%s:%d: %q is not an inline figure: write {{ dataset.column | statistic | format }} on one line (in a table, within one cell), or \\{{ for literal braces", st.file, st.lineBase+st.lineAt(off)-1, strayExcerpt(src[off:])))
}

// strayExcerpt is the start of a stray figure up to its closing braces,
// else to the end of its line, at most 40 bytes: an empty {{ }} before a
// figure is quoted alone.
func strayExcerpt(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if i := bytes.Index(b, []byte("}}")); i >= 0 {
		b = b[:i+2]
	}
	if len(b) > 40 {
		b = append(bytes.Clone(b[:40]), "…"...)
	}
	return string(b)
}

// checkFigureIn reports an inline figure written in parts of n that are
// not text (a link's URL or title, an image's address): only text is
// computed, so its braces would be published as they are.
func (st *docState) checkFigureIn(n ast.Node, src []byte, where string, parts ...[]byte) {
	for _, b := range parts {
		at := bytes.Index(b, []byte("{{"))
		if at < 0 {
			continue
		}
		off := nodeOffset(n)
		excerpt := b[at:]
		if i := bytes.Index(src[off:], excerpt); i >= 0 && !bytes.Contains(src[off:off+i], []byte("\n")) {
			// Quoted from the source, whole: an autolink's URL ends
			// where a space does, inside the figure.
			excerpt = src[off+i:]
		}
		st.errs = append(st.errs, fmt.Errorf("%s:%d: %q in %s is not computed (figures are computed in text only): put the figure in the link's text, or write the value", st.file, st.lineBase+st.lineAt(off)-1, strayExcerpt(excerpt), where))
		return
	}
}

// firstFigure returns the first inline figure under n, or nil.
func firstFigure(n ast.Node) *InlineFigure {
	var found *InlineFigure
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := c.(*InlineFigure); ok && entering && found == nil {
			found = f
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// nodeOffset is where an inline node n starts in the source, as near as
// its text tells: its first text, else the end of the text before it,
// else the start of its block.
func nodeOffset(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if t, ok := p.(*ast.Text); ok {
			return t.Segment.Stop
		}
	}
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
	}
	return 0
}
