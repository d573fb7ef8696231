package markdown

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// headingIDs gives headings the ids Hugo gives them by default (its
// autoHeadingIDType "github", which is also GitHub's rule), so that a link
// to a section of an article moved from Hugo, or from a README on GitHub,
// still lands on it: the heading's text, trimmed, with letters and digits
// of any script lower-cased, "_" kept, each space and "-" made a "-", and
// every other character dropped ("Über die Kurve" is "über-die-kurve",
// "snake_case" stays "snake_case"). A text that leaves nothing is
// "heading". An id already taken on the page, by an earlier heading or an
// explicit {#id}, gets the first free suffix -1, -2, …
//
// goldmark's own generator keeps only ASCII letters and digits, which made
// "Résumé" "rsum" and a heading in Japanese "heading".
//
// One headingIDs serves one document; it implements parser.IDs.
type headingIDs struct {
	taken    map[string]bool
	explicit map[string]bool // ids written {#id}, which an author chose and a figure does not take (figureIDs)
	last     map[string]int  // the last suffix given to each base id, so that n headings of one text take O(n)
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{taken: map[string]bool{}, explicit: map[string]bool{}, last: map[string]int{}}
}

var _ parser.IDs = (*headingIDs)(nil)

// Generate returns the id of a heading whose text is value.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := anchorName(value)
	if id == "" {
		id = "heading"
		if kind != ast.KindHeading {
			id = "id"
		}
	}
	if !s.taken[id] {
		s.taken[id] = true
		return []byte(id)
	}
	for i := s.last[id] + 1; ; i++ {
		next := id + "-" + strconv.Itoa(i)
		if !s.taken[next] {
			s.taken[next] = true
			s.last[id] = i
			return []byte(next)
		}
	}
}

// Put records an id given explicitly ({#id}), so that no generated id
// repeats it.
func (s *headingIDs) Put(value []byte) {
	s.taken[string(value)] = true
	s.explicit[string(value)] = true
}

// reserve records an id the page around the document gives (main,
// toc-title…), so that no heading takes it.
func (s *headingIDs) reserve(id string) { s.taken[id] = true }

// idAttr finds the id attributes of a figure's HTML.
var idAttr = regexp.MustCompile(`\sid="([^"]*)"`)

// figureIDs keeps the ids of the document's figures (a chart's figure,
// which its own page, search results and a ticker's page link to by its
// id, and its title's) off its headings. Headings take their ids while
// the document is parsed, before its charts are drawn, so "## Valuations"
// above a chart titled "Valuations" took "valuations" too, and the
// contents' link and the chart's links reached one element of the two.
// A chart's id names its page and files, so the heading gives way: it
// takes the next free id ("valuations-1"), as a second heading of that
// text would. An id written {#id} is the author's choice, so one that a
// figure also has is an error at the heading's line. figs holds each
// figure's HTML and the file line of its block.
func (st *docState) figureIDs(headings []*ast.Heading, figs []placedFigure, ids *headingIDs) {
	chartAt := map[string]int{}
	for _, f := range figs {
		for _, m := range idAttr.FindAllSubmatch(f.html, -1) {
			id := html.UnescapeString(string(m[1]))
			if _, ok := chartAt[id]; !ok {
				chartAt[id] = f.line
			}
			ids.taken[id] = true
		}
	}
	if len(chartAt) == 0 {
		return
	}
	for _, h := range headings {
		v, _ := h.AttributeString("id")
		id, _ := v.([]byte)
		at, ok := chartAt[string(id)]
		if !ok {
			continue
		}
		if ids.explicit[string(id)] {
			line := st.lineBase
			if h.Lines().Len() > 0 {
				line += st.lineAt(h.Lines().At(0).Start) - 1
			}
			st.errs = append(st.errs, fmt.Errorf("%s:%d: the heading's id %q is also the id of the chart at line %d, so links to either would reach one of the two: give the heading another {#id}, or the chart another id (id: in its block)", st.file, line, id, at))
			continue
		}
		h.SetAttributeString("id", ids.Generate(id, ast.KindHeading))
	}
}

// placedFigure is a figure's HTML and the file line of its block.
type placedFigure struct {
	html []byte
	line int
}

// anchorName is the text of a heading made an id, before it is made unique.
func anchorName(text []byte) string {
	text = trimSpace(text)
	out := make([]byte, 0, len(text))
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r == ' ' || r == '-':
			out = append(out, '-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			out = utf8.AppendRune(out, unicode.ToLower(r))
		}
	}
	return string(out)
}

// trimSpace trims ASCII white space, as goldmark trims a heading's text.
func trimSpace(b []byte) []byte {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' }
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
