package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindFigureBlock is the kind of FigureBlock nodes.
var KindFigureBlock = ast.NewNodeKind("FigureBlock")

// FigureBlock is a block whose HTML was made by Figures, such as a chart.
type FigureBlock struct {
	ast.BaseBlock
	HTML []byte
}

// Kind implements ast.Node.
func (n *FigureBlock) Kind() ast.NodeKind { return KindFigureBlock }

// Dump implements ast.Node.
func (n *FigureBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// figureSpans returns where the HTML of each FigureBlock under root,
// rendered in order into html, stands in it.
func figureSpans(html string, root ast.Node) [][2]int {
	var spans [][2]int
	at := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fb, ok := n.(*FigureBlock)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		i := strings.Index(html[at:], string(fb.HTML))
		if i < 0 {
			return ast.WalkStop, nil // not rendered as it is: no spans past it
		}
		spans = append(spans, [2]int{at + i, at + i + len(fb.HTML)})
		at += i + len(fb.HTML)
		return ast.WalkSkipChildren, nil
	})
	return spans
}

// transformer replaces chart blocks by figures, removes the <!--more-->
// marker, prefixes site paths in links and images with the base path and
// gives their links to bundle files the files' published names (dest;
// raw HTML's URLs get the same, rawURLs), puts
// each table in a TableScroll, marks aligned table cells with a class
// (align-left, align-center, align-right): align attributes are obsolete
// HTML, and style attributes would need style-src 'unsafe-inline'; and
// puts the ISO dates of table cells in a CellDate.
type transformer struct{}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(docKey).(*docState)
	if st == nil || st.overBudget {
		return // over budget or stopped: Convert returns the error only
	}
	src := reader.Source()
	var more ast.Node // the first <!--more--> marker, wherever it stands
	var charts []*ast.FencedCodeBlock
	var inlines []*InlineFigure
	var tables []*extast.Table
	var cellTexts []*ast.Text   // texts in table cells, whose dates keepCellDates marks
	var raws []*ast.RawHTML     // inline raw HTML, which may pass (passInlineHTML)
	var unsafeRaws []ast.Node   // raw HTML passed through, whose URLs rawURLs rewrites
	var headings []*ast.Heading // whose ids the figures' ids keep apart (figureIDs)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			if st.figures != nil && string(n.Language(src)) == "chart" {
				charts = append(charts, n)
			} else if at, ok := codeFenceInside(n, src); ok {
				// Left open, the block runs on to the closing fence of
				// the block that line opens: the prose between and that
				// block (a chart too) would be published as code.
				st.errs = append(st.errs, fmt.Errorf("%s:%d: the code block is not closed before the fence on line %d, so the text between, and the block that fence opens, would be shown as code: add a line %s where the code ends", st.file, st.lineBase+st.lineAt(at.open)-1, st.lineBase+st.lineAt(at.inner)-1, at.fence))
			} else if open, fence, ok := emptyOpenFence(n, src); ok {
				st.errs = append(st.errs, fmt.Errorf("%s:%d: this %s opens a code block that is never closed and holds nothing, so the page would show an empty code box: delete the line if it is left over (a closing fence typed twice), or put the code and a line %s after it", st.file, st.lineBase+st.lineAt(open)-1, fence, fence))
			}
		case *ast.Heading:
			headings = append(headings, n)
		case *InlineFigure:
			inlines = append(inlines, n)
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil // `{{ x }}` stays literal
		case *ast.HTMLBlock:
			if isMore, rest := moreBlock(n, src); isMore && rest {
				st.errs = append(st.errs, fmt.Errorf("%s:%d: the text after <!--more--> on its line would not be shown (markdown reads a line that starts with an HTML comment as raw HTML): put <!--more--> on a line of its own", st.file, st.lineBase+st.lineAt(n.Lines().At(0).Start)-1))
			} else if isMore && more == nil {
				more = n
			} else if !isMore && !st.unsafe && n.HTMLBlockType == ast.HTMLBlockType2 {
				st.checkAfterComment(n, src)
			} else if !isMore && st.unsafe {
				unsafeRaws = append(unsafeRaws, n)
			}
		case *ast.RawHTML:
			if more == nil && moreRaw(n, src) {
				more = n
			} else if !st.unsafe {
				raws = append(raws, n)
			} else {
				unsafeRaws = append(unsafeRaws, n)
			}
		case *ast.Text:
			st.checkStray(n, src)
			st.checkUndefinedRef(n, src)
			st.checkTemplateTag(n, src)
			if inCell(n) {
				cellTexts = append(cellTexts, n)
			}
		case *ast.AutoLink:
			st.checkFigureIn(n, src, "a link's URL", n.URL(src))
			st.checkScheme(n, "link", n.URL(src))
			// A bare www.example.org: goldmark gives it http://; https,
			// as Hugo's default linkifyProtocol, keeps readers on TLS.
			if string(n.Protocol) == "http" {
				n.Protocol = []byte("https")
			}
			n.SetAttributeString("class", []byte(linkURLClass))
		case *ast.Link:
			st.checkFigureIn(n, src, "a link's URL or title", n.Destination, n.Title)
			st.checkScheme(n, "link", n.Destination)
			n.Destination = st.dest(n.Destination)
			if textIsURL(nodeText(src, n), string(n.Destination)) {
				n.SetAttributeString("class", []byte(linkURLClass))
			}
		case *ast.Image:
			st.checkFigureIn(n, src, "an image's address or title", n.Destination, n.Title)
			st.checkScheme(n, "image", n.Destination)
			if f := firstFigure(n); f != nil {
				st.errs = append(st.errs, fmt.Errorf("%s:%d: {{ %s }} in an image's alt text is not computed (alt text is plain text): write the alt text without it, and put the figure in the caption or the text", st.file, st.lineBase+st.lineAt(f.Offset)-1, f.Expr))
			}
			n.Destination = st.dest(n.Destination)
		case *extast.Table:
			tables = append(tables, n)
		case *extast.TableCell:
			alignCell(n)
		}
		return ast.WalkContinue, nil
	})
	if more != nil {
		st.cutAtMore(doc, more)
	}
	passInlineHTML(raws, src)
	st.rawURLs(unsafeRaws, src)
	wrapTables(tables)
	keepCellDates(cellTexts, src)
	for _, n := range inlines {
		if st.figures == nil {
			n.Value = "{{ " + n.Expr + " }}"
			continue
		}
		txt, title, err := st.figures.Inline(n.Expr, st.lineBase+st.lineAt(n.Offset)-1)
		if err != nil {
			st.errs = append(st.errs, err)
			continue
		}
		n.Value, n.Title = txt, title
		st.inlines++
	}
	specs, lines := make([][]byte, len(charts)), make([]int, len(charts))
	for i, n := range charts {
		var spec bytes.Buffer
		segs := n.Lines()
		for j := 0; j < segs.Len(); j++ {
			seg := segs.At(j)
			spec.Write(seg.Value(src))
		}
		specs[i], lines[i] = spec.Bytes(), st.lineBase
		if n.Info != nil {
			lines[i] += st.lineAt(n.Info.Segment.Start) - 1
		}
	}
	if p, ok := st.figures.(ChartPreparer); ok && len(charts) > 0 {
		p.PrepareCharts(specs, lines)
	}
	var figs []placedFigure
	for i, n := range charts {
		line := lines[i]
		html, err := st.figures.Chart(specs[i], line)
		if err != nil {
			// A block left open reads the prose after it as its spec:
			// errors about prose would mislead. It runs to the end of
			// the file, or to the closing fence of the next block, whose
			// opening fence it then holds.
			if !fenceClosed(n, src) {
				err = fmt.Errorf("%s:%d: chart: the block is not closed, so the rest of the file was read as its spec: add a line ``` where the spec ends", st.file, line)
			} else if at, ok := fenceInside(n, src); ok {
				err = fmt.Errorf("%s:%d: chart: the block is not closed before the fence on line %d, so the text between was read as its spec: add a line ``` where the spec ends", st.file, line, st.lineBase+st.lineAt(at)-1)
			}
			st.errs = append(st.errs, err)
			continue
		}
		st.charts++
		figs = append(figs, placedFigure{html, line})
		fig := &FigureBlock{HTML: html}
		n.Parent().ReplaceChild(n.Parent(), n, fig)
	}
	if ids, ok := pc.IDs().(*headingIDs); ok {
		st.figureIDs(headings, figs, ids)
	}
}

// fenceClosed reports whether the fenced block n ends with a closing
// fence: the line after its last line starts (after indentation and, in
// a block quote, its markers) with the opening fence's character three
// times. A fence left open runs to the end of the file, or of the list or
// quote it is in.
func fenceClosed(n *ast.FencedCodeBlock, src []byte) bool {
	opening := openingFence(n, src)
	if len(opening) == 0 {
		return true // no language, so no chart: not asked
	}
	end := n.Info.Segment.Stop
	if l := n.Lines(); l.Len() > 0 {
		end = l.At(l.Len() - 1).Stop
	}
	if i := bytes.IndexByte(src[min(end, len(src)):], '\n'); end > 0 && src[end-1] != '\n' && i >= 0 {
		end += i + 1
	}
	rest := bytes.TrimLeft(src[min(end, len(src)):], " \t>")
	return bytes.HasPrefix(rest, bytes.Repeat(opening[:1], 3))
}

// fenceInside returns the offset of the first line of the fenced block n
// that is itself a fence with an info string (```chart, say), which no
// chart spec holds: n was left open, and runs on to the closing fence of
// the block that line opens.
func fenceInside(n *ast.FencedCodeBlock, src []byte) (int, bool) {
	opening := openingFence(n, src)
	if len(opening) == 0 {
		return 0, false
	}
	fence := bytes.Repeat(opening[:1], 3)
	lines := n.Lines()
	for j := 0; j < lines.Len(); j++ {
		seg := lines.At(j)
		l := bytes.TrimLeft(seg.Value(src), " \t>")
		if rest, ok := bytes.CutPrefix(l, fence); ok && len(bytes.TrimSpace(bytes.TrimLeft(rest, string(opening[:1])))) > 0 {
			return seg.Start, true
		}
	}
	return 0, false
}

// innerFence is where codeFenceInside found a fenced code block left
// open: the offsets of its opening fence and of the fence inside it, and
// the fence that would have closed it (``` or ~~~~).
type innerFence struct {
	open, inner int
	fence       string
}

// codeFenceInside reports the first line of the fenced code block n that
// is itself an opening fence: the block's fence character at least as
// many times as its opening fence has it, then an info string (```chart,
// ```go). No such line closes n, so n was left open and ran on to the
// closing fence of the block that line opens. A block that shows fences,
// as a note on writing markdown does, opens with a longer fence (````)
// than the ones it shows, and is not reported.
func codeFenceInside(n *ast.FencedCodeBlock, src []byte) (innerFence, bool) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return innerFence{}, false
	}
	// The opening fence's line ends before the info string, or else at
	// the newline before the first line of code.
	end := lines.At(0).Start
	if n.Info != nil {
		end = n.Info.Segment.Start
	} else if end = bytes.LastIndexByte(src[:end], '\n'); end < 0 {
		return innerFence{}, false
	}
	open := bytes.LastIndexByte(src[:end], '\n') + 1
	opening := bytes.TrimLeft(src[open:end], " \t>")
	if len(opening) < 3 || (opening[0] != '`' && opening[0] != '~') {
		return innerFence{}, false
	}
	run := len(opening) - len(bytes.TrimLeft(opening, string(opening[:1])))
	for j := 0; j < lines.Len(); j++ {
		seg := lines.At(j)
		l := bytes.TrimLeft(seg.Value(src), " \t")
		k := len(l) - len(bytes.TrimLeft(l, string(opening[:1])))
		info := bytes.TrimSpace(l[k:])
		// A backtick fence's info string holds no backtick: ```x``` is
		// a code span, not a fence.
		if k >= run && len(info) > 0 && (opening[0] != '`' || bytes.IndexByte(info, '`') < 0) {
			return innerFence{open: open, inner: seg.Start, fence: string(opening[:run])}, true
		}
	}
	return innerFence{}, false
}

// emptyOpenFence reports the offset and the fence (``` or ~~~~) of the
// fenced code block n when it holds nothing but blank lines and no fence
// closes it: a fence left over at the end of the file or of its list or
// quote, such as a closing fence typed twice, opens a block that runs to
// that end and is published as an empty code box. A block of code left
// open at the end of the file is as CommonMark reads it, and not reported.
func emptyOpenFence(n *ast.FencedCodeBlock, src []byte) (int, string, bool) {
	open := n.Pos()
	if open < 0 || open >= len(src) {
		return 0, "", false
	}
	lines := n.Lines()
	for j := 0; j < lines.Len(); j++ {
		if seg := lines.At(j); len(bytes.TrimSpace(seg.Value(src))) > 0 {
			return 0, "", false
		}
	}
	opening := bytes.TrimLeft(src[open:], " \t>")
	run := len(opening) - len(bytes.TrimLeft(opening, string(opening[:1])))
	if run < 3 || (opening[0] != '`' && opening[0] != '~') {
		return 0, "", false
	}
	// The line after the opening fence, and after the blank lines the
	// block holds, is the closing fence if there is one.
	end := bytes.IndexByte(src[open:], '\n')
	if end < 0 {
		return open, string(opening[:run]), true
	}
	end += open + 1
	if l := lines.Len(); l > 0 {
		end = max(end, lines.At(l-1).Stop)
	}
	next := src[min(end, len(src)):]
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i]
	}
	next = bytes.TrimLeft(next, " \t>")
	k := len(next) - len(bytes.TrimLeft(next, string(opening[:1])))
	if k >= run && len(bytes.TrimSpace(next[k:])) == 0 {
		return 0, "", false
	}
	return open, string(opening[:run]), true
}

// openingFence returns what opens n up to its info string (the ``` of
// ```chart), without indentation or a block quote's markers; nil for a
// block without an info string.
func openingFence(n *ast.FencedCodeBlock, src []byte) []byte {
	if n.Info == nil {
		return nil
	}
	open := bytes.LastIndexByte(src[:n.Info.Segment.Start], '\n') + 1
	return bytes.TrimLeft(src[open:n.Info.Segment.Start], " \t>")
}

// moreMarker is the summary's end: Hugo's <!--more-->, or Zola's
// <!-- more -->.
var moreMarker = regexp.MustCompile(`^<!--[ \t]*more[ \t]*-->`)

// moreBlock reports whether the HTML block hb is a more marker, and
// whether text follows the marker on its lines (which goldmark keeps in
// the block as raw HTML).
func moreBlock(hb *ast.HTMLBlock, src []byte) (isMore, rest bool) {
	var b bytes.Buffer
	for j := 0; j < hb.Lines().Len(); j++ {
		seg := hb.Lines().At(j)
		b.Write(seg.Value(src))
	}
	t := bytes.TrimSpace(b.Bytes())
	m := moreMarker.Find(t)
	return m != nil, m != nil && len(m) < len(t)
}

// checkAfterComment reports text after the end of the HTML comment hb on
// the comment's last line: markdown reads the whole line as raw HTML, so
// without unsafeHTML, which drops comments, the text would be lost.
func (st *docState) checkAfterComment(hb *ast.HTMLBlock, src []byte) {
	last := hb.Lines().At(hb.Lines().Len() - 1)
	if hb.HasClosure() {
		last = hb.ClosureLine
	}
	line := last.Value(src)
	end := bytes.LastIndex(line, []byte("-->"))
	if end < 0 || len(bytes.TrimSpace(line[end+3:])) == 0 {
		return
	}
	st.errs = append(st.errs, fmt.Errorf("%s:%d: the text after the HTML comment on this line would not be shown (markdown reads a line that starts with an HTML comment as raw HTML, and comments are dropped): put the text on a line of its own", st.file, st.lineBase+st.lineAt(last.Start)-1))
}

// moreRaw reports whether the inline raw HTML n is a more marker, within
// a paragraph.
func moreRaw(n *ast.RawHTML, src []byte) bool {
	var b bytes.Buffer
	for j := 0; j < n.Segments.Len(); j++ {
		seg := n.Segments.At(j)
		b.Write(seg.Value(src))
	}
	return moreMarker.Match(b.Bytes()) && len(moreMarker.Find(b.Bytes())) == b.Len()
}

// cutAtMore removes the more marker from doc and records where the
// summary ends (st.more, st.moreIn, st.moreKeep): before the top-level
// block holding the marker, or, for a marker within a top-level
// paragraph, at the marker itself, as Hugo cuts it wherever it stands.
func (st *docState) cutAtMore(doc *ast.Document, marker ast.Node) {
	top, child := marker, marker
	for top.Parent() != nil && top.Parent() != ast.Node(doc) {
		child, top = top, top.Parent()
	}
	i := 0
	for n := doc.FirstChild(); n != nil && n != top; n = n.NextSibling() {
		i++
	}
	if _, ok := marker.(*ast.RawHTML); ok && top.Kind() == ast.KindParagraph {
		keep := 0
		for n := top.FirstChild(); n != nil && n != child; n = n.NextSibling() {
			keep++
		}
		st.moreIn, st.moreKeep = top, keep
	}
	st.more = i
	marker.Parent().RemoveChild(marker.Parent(), marker)
	if top == marker {
		return // a marker block of its own: the summary is the blocks before it
	}
	if top.ChildCount() == 0 {
		doc.RemoveChild(doc, top) // a paragraph that held only the marker
		st.moreIn = nil
	}
}

// linkURLClass marks a link whose text is its address (a bare URL, or
// [example.org](https://example.org/)): printed, the theme writes the
// address of every other external link after its text, not of these.
const linkURLClass = "link-url"

// textIsURL reports whether a link to a web address (http or https) has
// that address for its text, but for the scheme, a "www." and a final "/".
func textIsURL(text, dest string) bool {
	if !strings.HasPrefix(dest, "https://") && !strings.HasPrefix(dest, "http://") {
		return false
	}
	bare := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "mailto:", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimSuffix(s, "/")
	}
	return text != "" && bare(text) == bare(dest)
}

// figureRenderer writes FigureBlock nodes and, unless raw HTML is allowed,
// writes raw HTML as visible escaped text (HTML comments are dropped).
type figureRenderer struct {
	unsafe bool
}

func (r *figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInlineFigure, renderInlineFigure)
	if !r.unsafe {
		reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkSkipChildren, nil
			}
			hb := n.(*ast.HTMLBlock)
			var b bytes.Buffer
			for j := 0; j < hb.Lines().Len(); j++ {
				seg := hb.Lines().At(j)
				b.Write(seg.Value(src))
			}
			if hb.HasClosure() {
				b.Write(hb.ClosureLine.Value(src))
			}
			if hb.HTMLBlockType == ast.HTMLBlockType2 { // <!-- comment -->
				return ast.WalkSkipChildren, nil
			}
			_, _ = w.WriteString("<p>")
			_, _ = w.WriteString(html.EscapeString(strings.TrimRight(b.String(), "\n")))
			_, _ = w.WriteString("</p>\n")
			return ast.WalkSkipChildren, nil
		})
		reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkSkipChildren, nil
			}
			if tag, ok := passed(n); ok {
				_, _ = w.WriteString(tag)
				return ast.WalkSkipChildren, nil
			}
			raw := n.(*ast.RawHTML)
			var b bytes.Buffer
			for j := 0; j < raw.Segments.Len(); j++ {
				seg := raw.Segments.At(j)
				b.Write(seg.Value(src))
			}
			if bytes.HasPrefix(b.Bytes(), []byte("<!--")) {
				return ast.WalkSkipChildren, nil
			}
			_, _ = w.WriteString(html.EscapeString(b.String()))
			return ast.WalkSkipChildren, nil
		})
	}
	if r.unsafe {
		reg.Register(ast.KindHTMLBlock, renderRaw)
		reg.Register(ast.KindRawHTML, renderRaw)
	}
	reg.Register(KindTableScroll, renderTableScroll)
	reg.Register(KindCellDate, renderCellDate)
	reg.Register(KindFigureBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.Write(n.(*FigureBlock).HTML)
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}
