package build

import (
	"errors"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file is a page's conversion as queries of the content stage's
// store, as a Session asks for them (convertAt):
//
//   - page.source (a source path): the store's File of a page (content.file),
//     as its conversion reads it: its sum is that of its path, bundle,
//     body and summary with their lines, so that a new title, date or tag
//     leaves the page's document green. Its readers read no other field.
//   - page.doc (a page's place, docPlace): the page's markdown converted,
//     with its figures (converted). It reads the page's file (page.source),
//     site.yaml (the markdown's options, the datasets), the options (the
//     base URL the summary's links are made from), how its charts are
//     drawn (the input "figure.drawn", when it has charts, or when the
//     build has no figures: a theme that did not load) and, when it has
//     figures, what figures.lock holds (page.lock) and the data they read
//     (page.data). Its place is its argument: a page moved is
//     another query, and the one it leaves goes with the next full build's
//     sweep. Its error, which may come of a data name its figures could
//     not resolve (not recorded as read), is the build's alone
//     (query.Transient).
//   - page.data (a source path and the data names its figures read):
//     where each name resolves for the page and the SHA-256 of the file.
//     The figure set resolves names through files the store does not
//     record, so the query is volatile: it runs in every build, and the
//     document that read it stays green while it gives the same.
//   - page.lock (a source path): what figures.lock holds for the page
//     (lockSum), which its figures show (lockFigures): volatile too, as the
//     build reads the lock, once, for every page. It is one query per
//     page, not one of the whole lock: a quick build asks for the page it
//     converts only (a sum of every locked article's entry cost an edit at
//     10,000 articles some 35 ms).
//
// The queries reach the build under way through contentStage.b, set for
// the conversions only.

// drawnInput is the input page.doc reads how charts are drawn by
// (builder.drawn).
const drawnInput = "figure.drawn"

// converted is a page's markdown converted, with its figures (nil
// without a figure set).
type converted struct {
	doc *markdown.Doc
	fig *figure.Page
}

// docPlace is what of a page its conversion reads besides its file: its
// source path, output and URL path, whether it is an article (its charts
// get PNGs and pages of their own) and the files of its bundle.
type docPlace struct {
	file, out, path string
	article         bool
	assets          []string
}

// placeOf is p's place in b's site.
func (b *builder) placeOf(p *site.Page) docPlace {
	return docPlace{file: p.File.Path, out: p.Out, path: p.Path, article: b.pngOf(p), assets: p.File.Assets}
}

func (d docPlace) arg() string {
	b := binenc.AppendString(nil, d.file)
	b = binenc.AppendString(b, d.out)
	b = binenc.AppendString(b, d.path)
	b = binenc.AppendBool(b, d.article)
	return string(binenc.AppendStrings(b, d.assets))
}

func placeFrom(arg string) (docPlace, error) {
	r := binenc.NewReader([]byte(arg))
	d := docPlace{file: r.String(), out: r.String(), path: r.String(), article: r.Bool(), assets: r.Strings()}
	if !r.Done() {
		return docPlace{}, errors.New("page.doc: a damaged place")
	}
	return d, nil
}

// docOf returns page p's markdown converted, with its figures, by the
// query page.doc of b's build (a Session's).
func (st *contentStage) docOf(b *builder, p *site.Page) (*markdown.Doc, *figure.Page, error) {
	return st.docIn(st.current(), b, p)
}

// docIn is docOf with the read recorded as one of c's query.
func (st *contentStage) docIn(c *query.Ctx, b *builder, p *site.Page) (*markdown.Doc, *figure.Page, error) {
	r, err := query.Get(c, st.doc, b.placeOf(p).arg())
	if r == nil {
		return nil, nil, err
	}
	return r.doc, r.fig, err
}

// startConverting makes b the build the page queries convert for, until
// doneConverting.
func (st *contentStage) startConverting(b *builder) {
	st.b = b
	st.store.Set(drawnInput, []byte(b.drawn))
}

func (st *contentStage) doneConverting() { st.b, st.v = nil, nil }

// convertQuery is page.doc.
func (st *contentStage) convertQuery(c *query.Ctx, arg string) (*converted, error) {
	b := st.b
	if b == nil {
		return nil, query.Transient(errors.New("page.doc: no build under way"))
	}
	place, err := placeFrom(arg)
	if err != nil {
		return nil, err
	}
	src, err := query.Get(c, st.source, place.file)
	if err != nil {
		return nil, err
	}
	if err := readSettings(c); err != nil {
		return nil, err
	}
	f := *src // the store's, with the bundle's files the tree gives
	f.Assets = place.assets
	p := &site.Page{File: &f, Out: place.out, Path: place.path}
	w := b.converters.Get().(*converter)
	doc, fig, err := b.convertPage(w, p, place.article)
	b.converters.Put(w)
	if fig == nil || len(fig.Charts) > 0 {
		// How its charts are drawn, or that nothing draws them: a
		// theme that did not load leaves the build without figures, and
		// chart blocks are converted as code.
		if _, err := c.Input(drawnInput); err != nil {
			return nil, err
		}
	}
	if fig != nil {
		if _, err := query.Get(c, st.lock, f.Path); err != nil {
			return nil, err
		}
		if uses := fig.Uses(); len(uses) > 0 {
			names := make([]string, len(uses))
			for i, u := range uses {
				names[i] = u.Name
			}
			if _, err := query.Get(c, st.data, dataArg(f.Path, names)); err != nil {
				return nil, err
			}
		}
	}
	if err != nil {
		// Its cause may be a name the figures could not resolve, which
		// page.data does not hold: the next build converts it again.
		return nil, query.Transient(err)
	}
	shareDrawings(doc, fig)
	return &converted{doc: doc, fig: fig}, nil
}

// readSettings records c's reads of site.yaml and of the input
// "site.options": a page's conversion and an article's view read both.
func readSettings(c *query.Ctx) error {
	if _, err := c.Read(ConfigFile); err != nil {
		return err
	}
	_, err := c.Input(optionsInput)
	return err
}

// sourceQuery is page.source.
func (st *contentStage) sourceQuery(c *query.Ctx, name string) (*content.File, error) {
	pf, err := query.Get(c, st.file, name)
	if err != nil {
		return nil, err
	}
	if pf.f == nil {
		return nil, pf.err
	}
	return pf.f, nil
}

// sourceSum is page.source's sum: of what of the File a conversion reads
// (convertPage).
func sourceSum(f *content.File) query.Key {
	e := newEncoder("page.source")
	e.str(f.Path)
	e.str(f.Bundle)
	e.num(uint64(f.BodyLine))
	e.bytes(f.Body)
	e.num(uint64(f.SummaryLine))
	e.str(f.Meta.Summary)
	return query.Key(e.sum())
}

// dataArg is page.data's argument: the page's source path, then the data
// names its figures read.
func dataArg(file string, names []string) string {
	return file + "\x00" + strings.Join(names, "\x00")
}

// dataQuery is page.data.
func (st *contentStage) dataQuery(_ *query.Ctx, arg string) (string, error) {
	b := st.b
	if b == nil {
		return "", query.Transient(errors.New("page.data: no build under way"))
	}
	file, names, _ := strings.Cut(arg, "\x00")
	var out []byte
	for _, name := range strings.Split(names, "\x00") {
		out = strconv.AppendQuote(out, name)
		path, sum, err := b.figures.DataSum(name, file)
		if err != nil {
			out = append(append(out, " error "...), err.Error()...)
		} else {
			out = append(append(append(append(out, ' '), path...), ' '), sum...)
		}
		out = append(out, '\n')
	}
	return string(out), nil
}

// lockQuery is page.lock.
func (st *contentStage) lockQuery(_ *query.Ctx, file string) (string, error) {
	b := st.b
	if b == nil {
		return "", query.Transient(errors.New("page.lock: no build under way"))
	}
	return b.lockSum(file), nil
}
