package markdown

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Summary converts src, the summary a file's front matter gives on line
// of file, into inline HTML (no enclosing <p>: it stands in the dek under
// the title and in a card as written) and its plain text. A summary is
// markdown as the body is, with the same rules for raw HTML, links and
// images (the base path, the bundle's published names, refused schemes),
// but inline only: it is one line of text in every place it is shown, so
// what would start a block in a body (a "#", "- ", "2001. ", "> ") is
// read as the text it almost always is in a summary ("# of defaults",
// "2001. The year small caps…"), not as a heading, list or quote. A
// second paragraph (a blank line) is refused by package content, where
// the front matter's values are checked; were one given, the paragraphs
// would be joined by a space. All problems found are returned joined,
// each naming file:line.
func (c *Converter) Summary(file string, line int, src string, bundle Bundle) ([]byte, string, error) {
	b := []byte(src)
	if err := checkWork(file, line, b); err != nil {
		return nil, "", err
	}
	if err := checkDepth(file, line, b); err != nil {
		return nil, "", err
	}
	md := c.inlineMarkdown()
	st := &docState{file: file, lineBase: line, more: -1, basePath: c.opts.BasePath, newlines: newlines(b), stop: c.opts.Stop, unsafe: c.opts.UnsafeHTML, bundle: bundle, summary: true}
	pc := parser.NewContext()
	pc.Set(docKey, st)
	root := md.Parser().Parse(text.NewReader(b), parser.WithContext(pc))
	if st.overBudget {
		return nil, "", errors.Join(st.errs...)
	}
	var out bytes.Buffer
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if out.Len() > 0 {
			out.WriteByte(' ')
		}
		for in := n.FirstChild(); in != nil; in = in.NextSibling() {
			if err := md.Renderer().Render(&out, b, in); err != nil {
				st.errs = append(st.errs, fmt.Errorf("%s:%d: summary: rendering markdown: %w", file, line, err))
				break
			}
		}
	}
	h := bytes.TrimSpace(out.Bytes())
	return h, plainText(h), errors.Join(st.errs...)
}

// inlineMarkdown returns the converter's goldmark for summaries, made on
// first use: the body's inline syntax and extensions (links, emphasis,
// code, strikethrough, bare URLs, typographic quotes) and its transformer
// and renderers, with paragraphs as the only blocks and no link reference
// definitions (a summary has nowhere to define one, and "[Note]: rising"
// would vanish as one).
func (c *Converter) inlineMarkdown() goldmark.Markdown {
	if c.inline != nil {
		return c.inline
	}
	exts := []goldmark.Extender{extension.Linkify, extension.Strikethrough}
	if c.opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&figureRenderer{unsafe: c.opts.UnsafeHTML}, 100)),
	}
	if c.opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	p := parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	)
	c.inline = goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(&transformer{}, 100)),
			parser.WithInlineParsers(util.Prioritized(&inlineFigureParser{}, 150), util.Prioritized(guard{}, -100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return c.inline
}
