package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Converter. The same options always give the same HTML.
type Options struct {
	// UnsafeHTML passes raw HTML in markdown through; off, it is omitted.
	UnsafeHTML bool
	// Typographer turns straight quotes, "--" and "..." into typographic ones.
	Typographer bool
	// BasePath ("/" or "/repo/") is put before every link and image that
	// starts with a single "/", and every such URL of raw HTML (href, src,
	// srcset, poster, an <object>'s data…, with UnsafeHTML), so site paths
	// work under a sub-path.
	BasePath string
	// MaxBytes is the largest markdown body accepted; 0 means no limit.
	MaxBytes int
	// Stop, when not nil, ends a conversion in progress once it is closed
	// (a build's context ended): Convert then returns ErrStopped. It is
	// checked at every inline parser call, so only the block parsing of
	// one document, which limits bound, runs on after it.
	Stop <-chan struct{}
	// ReservedIDs are ids the page around the document gives its own
	// elements (main, toc-title…): a heading whose text makes one of them
	// gets the next free one (## Main is main-1), so that no id is on a
	// page twice and the contents' links reach the headings.
	ReservedIDs []string
}

// ErrStopped is the error of a conversion ended by Options.Stop.
var ErrStopped = errors.New("conversion stopped")

// Figures renders the figures of one document. A build gives each document
// its own Figures; Converter calls it while converting that document.
type Figures interface {
	// Chart returns the HTML of a ```chart block whose YAML spec is given;
	// line is the 1-based line of the opening fence in the source file.
	Chart(spec []byte, line int) ([]byte, error)
	// Inline returns the text of an inline figure {{ expr }} and a short
	// note of where it comes from (shown as a tooltip; may be empty).
	Inline(expr string, line int) (text, title string, err error)
}

// ChartPreparer is a Figures that makes a document's charts ahead, all
// at once (in parallel), before Converter asks Chart for each in order:
// specs and lines are the blocks' arguments to Chart, in order. Chart
// must then return what it would have returned unprepared, bytes and
// errors alike.
type ChartPreparer interface {
	PrepareCharts(specs [][]byte, lines []int)
}

// Doc is what converting one document gives.
type Doc struct {
	HTML        string    // the body
	SummaryHTML []byte    // what stands before <!--more--> (or <!-- more -->), else the first paragraph; a build puts the front matter's summary here when it gives one (Converter.Summary)
	SummaryText string    // SummaryHTML as plain text
	TOC         []Heading // level-2 and level-3 headings in order
	Words       int       // words of prose (code and figures excluded)
	Charts      int       // chart blocks rendered
	// Figures are where each chart's figure HTML stands in HTML, as
	// [start, end) offsets, in the order of the charts: the feed and
	// the email put another version of each figure there.
	Figures [][2]int
	Inlines int // inline figures computed
}

// Heading is one table-of-contents entry.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Converter turns markdown into HTML with tearsheet's extensions. It is not
// safe for concurrent use: give each worker its own.
type Converter struct {
	md   goldmark.Markdown
	opts Options
	// inline converts front-matter summaries (Summary); nil until the
	// first.
	inline goldmark.Markdown
}

var docKey = parser.NewContextKey()

// docState is the per-document state the transformer fills in.
type docState struct {
	unsafe   bool // raw HTML passes through (Options.UnsafeHTML)
	file     string
	lineBase int
	figures  Figures
	errs     []error
	more     int // index among top-level nodes of the block holding the <!--more--> marker; -1 if none
	// moreIn is the top-level paragraph the marker stood in, moreKeep
	// the number of its inline children before it; nil for a marker of
	// its own line or within another block.
	moreIn   ast.Node
	moreKeep int
	charts   int
	inlines  int
	tagLine  int  // the line of the last template tag reported (checkTemplateTag)
	summary  bool // a front matter's summary, which has no footnotes or link definitions
	basePath string
	bundle   Bundle // the document's bundle files published under other names
	newlines []int  // offsets of the newlines of the body, for lineAt
	// budgeted is set once the inline work budget was checked;
	// overBudget when it was exceeded or stop closed (see guard).
	budgeted, overBudget bool
	stop                 <-chan struct{}
}

// New returns a Converter configured by opts.
func New(opts Options) *Converter {
	exts := []goldmark.Extender{
		// GFM, with table alignment as classes that the transformer
		// sets: align attributes are obsolete HTML, and style attributes
		// would need a Content-Security-Policy with 'unsafe-inline' styles.
		extension.Linkify,
		// Tables keep an inline figure's "|" inside its cell (figureTable).
		figureTable{opts: []extension.TableOption{extension.WithTableCellAlignMethod(extension.TableCellAlignNone)}},
		extension.Strikethrough,
		extension.TaskList,
		extension.Footnote,
		// Term, then ": definition" lines: a <dl>, as Hugo's goldmark
		// writes it by default.
		extension.DefinitionList,
		highlighting.NewHighlighting(
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			highlighting.WithGuessLanguage(false),
			highlighting.WithWrapperRenderer(codeWrapper),
			highlighting.WithCodeBlockOptions(codeOptions),
		),
	}
	if opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&figureRenderer{unsafe: opts.UnsafeHTML}, 100), util.Prioritized(backlinkRenderer{}, 100)),
	}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(&transformer{}, 100)),
			parser.WithInlineParsers(util.Prioritized(&inlineFigureParser{}, 150), util.Prioritized(guard{}, -100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	return &Converter{md: md, opts: opts}
}

// Convert converts src, the body of file starting at line lineBase of that
// file, into a Doc. figures may be nil: chart blocks then show as code. All
// problems found are returned joined, each naming file:line.
func (c *Converter) Convert(file string, lineBase int, src []byte, figures Figures) (*Doc, error) {
	return c.ConvertBundle(file, lineBase, src, figures, nil)
}

// ConvertBundle is Convert for a document whose bundle files are
// published under the names bundle gives: its links, images and raw HTML
// (with UnsafeHTML) that name one of them point at its published name.
func (c *Converter) ConvertBundle(file string, lineBase int, src []byte, figures Figures, bundle Bundle) (*Doc, error) {
	if c.opts.MaxBytes > 0 && len(src) > c.opts.MaxBytes {
		return nil, fmt.Errorf("%s:%d: the markdown is %d bytes, over the limit of %d (split the article, or raise markdown.maxBytes in site.yaml)", file, lineBase, len(src), c.opts.MaxBytes)
	}
	if err := checkWork(file, lineBase, src); err != nil {
		return nil, err
	}
	if err := checkDepth(file, lineBase, src); err != nil {
		return nil, err
	}
	if bytes.Contains(src, []byte("{{")) {
		src = bytes.Clone(src) // the table parser hides figures' "|" in it for a moment (figureTable)
	}
	st := &docState{file: file, lineBase: lineBase, figures: figures, more: -1, basePath: c.opts.BasePath, newlines: newlines(src), stop: c.opts.Stop, unsafe: c.opts.UnsafeHTML, bundle: bundle}
	ids := newHeadingIDs()
	for _, id := range c.opts.ReservedIDs {
		ids.reserve(id)
	}
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(docKey, st)
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if st.overBudget {
		return nil, errors.Join(st.errs...)
	}
	var body bytes.Buffer
	body.Grow(len(src) * 3 / 2)
	if err := c.md.Renderer().Render(&body, src, root); err != nil {
		st.errs = append(st.errs, fmt.Errorf("%s: rendering markdown: %w", file, err))
	}
	d := &Doc{HTML: body.String(), Charts: st.charts, Inlines: st.inlines}
	d.Figures = figureSpans(d.HTML, root)
	d.SummaryHTML = c.summary(src, root, st)
	d.SummaryText = plainText(d.SummaryHTML)
	d.TOC, d.Words = outline(src, root)
	return d, errors.Join(st.errs...)
}

// summary renders the top-level nodes before the more marker, and the
// part of the paragraph before it when it stands within one; else the
// first paragraph. Figures and headings are left out. A marker with no
// text before it (the article's first block, or after a heading or a
// figure only) gives the first paragraph too, rather than an empty
// summary: a card, feed entry and meta description need text (Hugo keeps
// such a summary empty, for themes that test .Summary; tearsheet's theme
// shows it everywhere).
func (c *Converter) summary(src []byte, root ast.Node, st *docState) []byte {
	b := c.summaryTo(src, root, st, st.more)
	if st.more >= 0 && len(bytes.TrimSpace(b)) == 0 {
		b = c.summaryTo(src, root, st, -1)
	}
	return b
}

// summaryTo renders the summary that ends at the top-level node index more
// (see summary), or the first paragraph when more is negative.
func (c *Converter) summaryTo(src []byte, root ast.Node, st *docState, more int) []byte {
	var buf bytes.Buffer
	i := 0
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if more >= 0 && i >= more {
			if n == st.moreIn && st.moreKeep > 0 {
				var p bytes.Buffer
				k := 0
				for c2 := n.FirstChild(); c2 != nil && k < st.moreKeep; c2 = c2.NextSibling() {
					if err := c.md.Renderer().Render(&p, src, c2); err != nil {
						return nil
					}
					k++
				}
				buf.WriteString("<p>")
				buf.Write(bytes.TrimRight(p.Bytes(), " \t\n"))
				buf.WriteString("</p>\n")
			}
			break
		}
		i++
		switch n.Kind() {
		case ast.KindParagraph, ast.KindList, ast.KindBlockquote:
		default:
			continue
		}
		if err := c.md.Renderer().Render(&buf, src, n); err != nil {
			return nil
		}
		if more < 0 {
			break
		}
	}
	return stripFootnoteRefs(buf.Bytes())
}

// stripFootnoteRefs removes footnote reference links, which point into the
// article's own footnotes and mean nothing in a list of summaries. It
// copies what it keeps once, so it is linear however many references
// there are.
func stripFootnoteRefs(b []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(b, []byte(`<sup id="fnref`))
		if i < 0 {
			break
		}
		j := bytes.Index(b[i:], []byte("</sup>"))
		if j < 0 {
			break
		}
		out = append(out, b[:i]...)
		b = b[i+j+len("</sup>"):]
	}
	if out == nil {
		return b
	}
	return append(out, b...)
}

// plainText strips tags and decodes entities, folding white space. The
// end of a block (a paragraph, a list item, a line break) parts words; an
// inline element (a link, emphasis, an inline figure) does not, so
// "<data>5.33%</data>, then" reads "5.33%, then".
func plainText(h []byte) string {
	var b strings.Builder
	for len(h) > 0 {
		i := bytes.IndexByte(h, '<')
		if i < 0 {
			b.Write(h)
			break
		}
		b.Write(h[:i])
		j := bytes.IndexByte(h[i:], '>')
		if j < 0 {
			break // a tag cut short: what follows is inside it
		}
		if !inlineTag(h[i+1 : i+j]) {
			b.WriteByte(' ')
		}
		h = h[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// inlineTag reports whether tag, what stands between < and >, opens or
// closes an element of phrasing content, which words run through.
func inlineTag(tag []byte) bool {
	tag = bytes.TrimPrefix(tag, []byte("/"))
	n := 0
	for n < len(tag) && (tag[n] >= 'a' && tag[n] <= 'z' || tag[n] >= 'A' && tag[n] <= 'Z' || tag[n] >= '0' && tag[n] <= '9') {
		n++
	}
	switch strings.ToLower(string(tag[:n])) {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var":
		return true
	}
	return false
}

// outline collects the table of contents and counts the words of prose.
func outline(src []byte, root ast.Node) ([]Heading, int) {
	var toc []Heading
	var words wordCounter
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			words.in = false // a word ends with its block
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 || n.Level == 3 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				toc = append(toc, Heading{Level: n.Level, ID: string(idb), Text: nodeText(src, n)})
			}
		case *ast.Text:
			words.add(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				words.in = false
			}
		case *ast.RawHTML:
			// A line break, or HTML shown as text, ends a word; a tag
			// that passes within one (H<sub>2</sub>O) does not.
			if tag, ok := passed(n); !ok || tag == "<br>" {
				words.in = false
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock, *FigureBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return toc, words.n
}

// wordCounter counts words over the text of a block given in pieces: a
// word split by emphasis (un*believ*able) is one word.
type wordCounter struct {
	n  int
	in bool // within a word at the end of the last piece
}

func (w *wordCounter) add(b []byte) {
	for _, r := range string(b) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !w.in {
				w.n++
			}
			w.in = true
		} else if r != '\'' && r != '’' && r != '-' {
			w.in = false
		}
	}
}

// nodeText is the plain text of an inline tree, an inline figure's
// computed text included: the contents' line of "## Rates at {{ … }}"
// read "Rates at" with the number left out.
func nodeText(src []byte, n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *InlineFigure:
			b.WriteString(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// newlines returns the offsets of the newlines of src.
func newlines(src []byte) []int {
	var nl []int
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return nl
		}
		nl = append(nl, i+j)
		i += j + 1
	}
}

// lineAt returns the 1-based line of the body holding byte offset off.
func (st *docState) lineAt(off int) int {
	return 1 + sort.SearchInts(st.newlines, off)
}
