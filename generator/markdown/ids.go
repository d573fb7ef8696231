package markdown

import (
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
	taken map[string]bool
	last  map[string]int // the last suffix given to each base id, so that n headings of one text take O(n)
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{taken: map[string]bool{}, last: map[string]int{}}
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
