package feed

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TextWidth is the width, in characters, Text wraps its lines to: short
// enough for a client that shows plain text as it is, without wrapping
// (RFC 5322 asks for lines of at most 78 characters).
const TextWidth = 72

// preLine marks, in Text's draft, a line of preformatted text: wrap
// leaves it as it is.
const preLine = '\x01'

// quoteMark stands, in Text's draft, for the ">" that starts each line
// of a quotation: wrapLines repeats it on the lines it breaks a line
// into, and writes it as ">".
const quoteMark = '\x02'

// struck marks each end of struck-out text (del, s: markdown's
// ~~text~~), as markdown writes it: plain text has no line through it,
// and a figure struck out in a correction ("~~5%~~ 4%") read as if it
// still stood.
const struck = "~~"

// ddIndent is how far a definition (dd) stands in from its term (dt).
const ddIndent = 4

// fnRef stands, among Text's open links, for a footnote reference: its
// number is written in brackets, [1], without the note's URL (the note
// follows in the text).
const fnRef = "\x00fn"

// Text is the plain-text part of an email edition made from its HTML:
// the text of the body, a blank line between blocks, list items as "- "
// (numbered "1. " in an ordered list; a list in an item, and the item's
// later blocks, indented under its text), a definition list's terms each
// on a line with their definitions indented under them, each line of a
// quotation (blockquote) starting with "> ", struck-out text between
// "~~", links as "text <URL>", footnote
// references as [1] (their notes' links back left out), images as their
// alt text in brackets, a data table's rows a line each (a layout
// table's, role="presentation", are blocks), and lines wrapped at TextWidth characters (a word
// longer than that, such as a URL, on a line of its own; preformatted
// text as it is). Elements Email leaves out, and the head, give no text.
// It reads tags by name and attribute rather than as tokens, and collapses
// white space as it writes: it runs once for every article of a build.
func Text(doc []byte) (string, error) {
	t, err := AppendText(nil, doc)
	if err != nil {
		return "", err
	}
	return string(t), nil
}

// AppendText appends Text of doc to dst and returns the extended slice: a
// build that writes the text as bytes does not copy it again.
func AppendText(dst, doc []byte) ([]byte, error) {
	// b is the draft: the text with blocks on lines of their own, which
	// wrapLines then trims and wraps onto dst.
	b := make([]byte, 0, len(doc)/2) // an email edition is about half text
	z := html.NewTokenizer(bytes.NewReader(doc))
	var drop dropping
	var hrefs []string         // open links' URLs
	var attrs []html.Attribute // a tag's, reused
	var nameBuf []byte         // a tag's name, reused
	var lists []int            // open lists: 0 for ul, else ol's next number
	inBody := !bytes.Contains(doc, []byte("<body"))
	pre := 0
	var tables []bool // open tables: whether each holds data (not role="presentation", a layout)
	inData := func() bool { return len(tables) > 0 && tables[len(tables)-1] }
	itemStart := -1 // b's length just after the open list item's marker
	// items are the open list items' text columns: a nested list's
	// items, and an item's later blocks, are indented to the column of
	// its first block's text.
	var items []int
	indent := func() int {
		if len(items) == 0 {
			return 0
		}
		return items[len(items)-1]
	}
	// after reports whether text was written and its last byte is none of
	// not.
	after := func(not string) bool {
		return len(b) > 0 && strings.IndexByte(not, b[len(b)-1]) < 0
	}
	// quotes are the columns of the open quotations' marks: a line in a
	// quotation starts with "> " there, so that the reader of plain text
	// tells the words quoted from the author's.
	var quotes []int
	// pad writes a new line's indent: spaces to indent(), with each open
	// quotation's mark at its column.
	pad := func() {
		q := 0
		for col := range indent() {
			if q < len(quotes) && quotes[q] == col {
				b = append(b, quoteMark)
				q++
			} else {
				b = append(b, ' ')
			}
		}
	}
	newline := func(n int) {
		if len(b) == 0 || len(b) == itemStart {
			if len(b) == 0 && len(quotes) > 0 {
				pad() // a quotation first
			}
			return // nothing yet, or a list item's first block
		}
		b = bytes.TrimRight(b, " "+string(quoteMark)) // an indent (below) without text after it
		for i := len(b) - 1; i >= 0 && b[i] == '\n' && n > 0; i-- {
			n-- // a newline already there
		}
		for range n {
			b = append(b, '\n')
		}
		pad()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return wrapLines(dst, b, TextWidth), nil
			}
			return dst, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			a := tagAtom(z, &nameBuf)
			if drop.skips(tt, a) {
				continue
			}
			switch {
			case a == atom.Body:
				inBody = true
			case emailDropped[a] || a == atom.Head || a == atom.Title:
				drop.start(tt, a)
			case a == atom.Li:
				newline(1)
				at := len(b)
				if n := len(lists); n > 0 && lists[n-1] > 0 {
					b = strconv.AppendInt(b, int64(lists[n-1]), 10)
					b = append(b, ". "...)
					lists[n-1]++
				} else {
					b = append(b, "- "...)
				}
				itemStart = len(b)
				items = append(items, indent()+len(b)-at)
			case a == atom.Blockquote:
				quotes = append(quotes, indent())
				items = append(items, indent()+len("> "))
				newline(2)
			case a == atom.Dt:
				newline(2)
			case a == atom.Dd:
				// A definition on the line under its term, indented as a
				// list item's text is: without a break between the two
				// the term ran into it ("TermIts definition.").
				items = append(items, indent()+ddIndent)
				newline(1)
			case a == atom.Del || a == atom.S:
				b = append(b, struck...)
			case a == atom.Br:
				b = append(b, '\n')
			case a == atom.Td || a == atom.Th:
				b = bytes.TrimRight(b, " ") // the white space between two cells
				if after("\n" + string(preLine)) {
					b = append(b, "  "...)
				}
			case a == atom.Img:
				attrs = urlattr.ReadAllAttrs(z, attrs[:0])
				for _, at := range attrs {
					if at.Key == "alt" && at.Val != "" {
						newline(2)
						b = append(append(append(b, '['), at.Val...), ']')
						newline(2)
					}
				}
			case a == atom.A && tt == html.StartTagToken:
				href := ""
				attrs = urlattr.ReadAllAttrs(z, attrs[:0])
				if hasClass(attrs, "footnote-backref") {
					drop.start(tt, a) // "↩︎", a link back to a page the reader is not on
					continue
				}
				for _, at := range attrs {
					if at.Key == "href" {
						href = at.Val
					}
				}
				if hasClass(attrs, "footnote-ref") {
					href = fnRef
					b = append(b, '[')
				}
				hrefs = append(hrefs, href)
			case a == atom.Tr && inData():
				// A row on a line of its own, not wrapped: its cells
				// would lose their columns.
				newline(1)
				b = append(b, preLine)
			case isTextBlock(a):
				if (a == atom.Ul || a == atom.Ol) && len(items) > 0 {
					newline(1) // a list in an item: its items under the item's text
				} else {
					newline(2)
				}
				switch a {
				case atom.Table:
					attrs = urlattr.ReadAllAttrs(z, attrs[:0])
					layout := slices.ContainsFunc(attrs, func(at html.Attribute) bool { return at.Key == "role" && at.Val == "presentation" })
					tables = append(tables, !layout)
				case atom.Pre:
					pre++
				case atom.Ul:
					lists = append(lists, 0)
				case atom.Ol:
					lists = append(lists, olStart(z, &attrs))
				}
			}
		case html.EndTagToken:
			a := tagAtom(z, &nameBuf)
			if drop.skips(tt, a) {
				continue
			}
			switch {
			case a == atom.A && len(hrefs) > 0:
				switch h := hrefs[len(hrefs)-1]; {
				case h == fnRef:
					b = append(b, ']')
				case h == "" || bytes.HasSuffix(b, []byte(h)):
				case !after("\n"):
					b = append(append(append(b, '<'), h...), '>') // a link around an image: its URL below the alt text
				default:
					b = append(append(append(b, " <"...), h...), '>')
				}
				hrefs = hrefs[:len(hrefs)-1]
			case a == atom.Del || a == atom.S:
				b = append(b, struck...)
			case a == atom.Blockquote && len(quotes) > 0:
				quotes = quotes[:len(quotes)-1]
				items = items[:len(items)-1]
				newline(2)
			case (a == atom.Li || a == atom.Dd) && len(items) > 0:
				items = items[:len(items)-1]
				if a == atom.Dd {
					newline(1)
				}
			case isTextBlock(a):
				switch {
				case a == atom.Pre && pre > 0:
					pre--
				case (a == atom.Ul || a == atom.Ol) && len(lists) > 0:
					lists = lists[:len(lists)-1]
					if len(items) > 0 {
						newline(1)
						continue
					}
				case a == atom.Table && len(tables) > 0:
					tables = tables[:len(tables)-1]
				case a == atom.Tr && inData():
					newline(1)
					continue
				}
				newline(2)
			}
		case html.TextToken:
			if drop.depth > 0 || !inBody {
				continue
			}
			raw := z.Raw()
			t := raw
			if bytes.IndexByte(raw, '&') >= 0 {
				t = []byte(html.UnescapeString(string(raw)))
			}
			if pre > 0 {
				if t := bytes.TrimRight(b, " "); len(t) > 0 && t[len(t)-1] == '\n' {
					b = t // preformatted text as it is, not indented in a list item
				}
				if !after("\n") {
					b = append(b, preLine)
				}
				// Each line marked, but for the one a final newline opens:
				// the next text marks it, or a block starts there.
				body := bytes.TrimSuffix(t, []byte("\n"))
				for {
					i := bytes.IndexByte(body, '\n')
					if i < 0 {
						b = append(b, body...)
						break
					}
					b = append(append(b, body[:i+1]...), preLine)
					body = body[i+1:]
				}
				if len(t) > 0 && t[len(t)-1] == '\n' {
					b = append(b, '\n')
				}
				continue
			}
			// The words of t, one space between them, and a space before
			// and after them where the raw text has white space there.
			b = appendWords(b, t, after("\n ") && isHTMLSpace(raw[0]), isHTMLSpace(raw[len(raw)-1]))
		}
	}
}

// tagAtom returns the atom of the name of the tag z is at (0 for a name
// that has none), read onto *buf.
func tagAtom(z *html.Tokenizer, buf *[]byte) atom.Atom {
	name := urlattr.TagName(z, *buf)
	if name == nil {
		name, _ = z.TagName()
	} else {
		*buf = name
	}
	return atom.Lookup(name)
}

// isTextBlock reports whether a is an element that starts a new line in
// plain text.
func isTextBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Dl,
		atom.Blockquote, atom.Pre, atom.Table, atom.Tr, atom.Figure, atom.Hr:
		return true
	}
	return false
}

// appendWords appends the words of t (its runs of bytes that are not
// white space, as bytes.Fields has them) to b, one space between them,
// with a space before the first when before and after the last when
// after; t of white space alone gives one space when before: it stands
// between two inline elements ("<b>Fed</b> <i>cut</i>"), whose words it
// parts ("Fedcut" without it).
func appendWords(b, t []byte, before, after bool) []byte {
	words := 0
	start := -1 // the word's start, -1 between words
	for i := 0; i <= len(t); {
		c, size, space := byte(' '), 1, true // past the end: a space
		if i < len(t) {
			c = t[i]
			space = asciiSpace[c]
		}
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRune(t[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case !space && start < 0:
			start = i
		case space && start >= 0:
			if words > 0 || before {
				b = append(b, ' ')
			}
			b = append(b, t[start:i]...)
			words++
			start = -1
		}
		i += size
	}
	if words > 0 && after || words == 0 && before {
		b = append(b, ' ')
	}
	return b
}

// asciiSpace marks the bytes below utf8.RuneSelf that unicode.IsSpace
// holds white space.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// olStart is the number of an ordered list's first item: its start
// attribute, else 1.
func olStart(z *html.Tokenizer, attrs *[]html.Attribute) int {
	*attrs = urlattr.ReadAllAttrs(z, (*attrs)[:0])
	for _, at := range *attrs {
		if at.Key == "start" {
			if n, err := strconv.Atoi(strings.TrimSpace(at.Val)); err == nil && n > 0 {
				return n
			}
		}
	}
	return 1
}

// isHTMLSpace reports whether c is white space as HTML's text has it
// around words: a space, tab, carriage return or line feed.
func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// wrapLines appends draft to dst without white space at its ends,
// spaces at the ends of its lines or preLine marks, ending in a newline,
// with each line longer than width characters broken at spaces, a list
// item's further lines indented under its text; a word longer than
// width stays whole on a line of its own, and so does a link's "<URL>"
// that holds spaces (see wordEnd). Lines marked preLine are left as they
// are.
func wrapLines(dst, draft []byte, width int) []byte {
	dst = slices.Grow(dst, len(draft)+len(draft)/width+1)
	rest := bytes.TrimSpace(draft)
	for {
		line := rest
		i := bytes.IndexByte(rest, '\n')
		if i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		}
		line = bytes.TrimRight(line, " ")
		lead := len(line) - len(bytes.TrimLeft(line, " "+string(quoteMark))) // an indent in a list item, a quotation's marks
		at := len(dst)
		switch {
		case lead < len(line) && line[lead] == preLine:
			dst = append(append(dst, line[:lead]...), line[lead+1:]...)
		case utf8.RuneCount(line) <= width:
			dst = append(dst, line...)
		default:
			dst = wrapLine(dst, line, width)
		}
		if bytes.IndexByte(line[:lead], quoteMark) >= 0 {
			for j := at; j < len(dst); j++ {
				if dst[j] == quoteMark {
					dst[j] = '>'
				}
			}
		}
		dst = append(dst, '\n')
		if i < 0 {
			return dst
		}
	}
}

// wrapLine appends line, longer than width characters, broken at its
// spaces into lines of at most width characters where its words allow,
// but for the last line's newline; the lines end without spaces.
func wrapLine(dst, line []byte, width int) []byte {
	indent := itemMarker(line)
	lead := len(line) - len(bytes.TrimLeft(line, " "+string(quoteMark)))
	start := len(dst) // where dst's current line starts
	col := 0
	for i, first := 0, true; ; first = false {
		end := wordEnd(line, i)
		w := line[i:end]
		n := runeCount(w)
		switch {
		case first:
		case col+1+n > width:
			dst = trimSpaces(dst, start)
			dst = append(dst, '\n')
			start = len(dst)
			dst = append(dst, line[:lead]...) // a quotation's marks, with the indent they are in
			for range indent - lead {
				dst = append(dst, ' ')
			}
			col = indent
		default:
			dst = append(dst, ' ')
			col++
		}
		dst = append(dst, w...)
		col += n
		if end == len(line) {
			return trimSpaces(dst, start)
		}
		i = end + 1 // past the space
	}
}

// trimSpaces drops the spaces at the end of b, down to its length from.
func trimSpaces(b []byte, from int) []byte {
	for len(b) > from && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// wordEnd returns the end of the word of line that starts at i, the
// words being separated by single spaces; a link's "<URL>" that holds
// spaces, such as a mail provider's merge tag "<{{ unsubscribe_url }}>",
// is one word: wrapped there, the tag would not be filled in. A "<" that
// no ">" closes within four words (as in "a < b") joins nothing.
func wordEnd(line []byte, i int) int {
	end := spaceOrEnd(line, i)
	w := line[i:end]
	if len(w) <= 1 || w[0] != '<' || bytes.IndexByte(w, '>') >= 0 {
		return end
	}
	next := end // the space before the next word
	for range 4 {
		if next == len(line) {
			break
		}
		e := spaceOrEnd(line, next+1)
		if bytes.IndexByte(line[next+1:e], '>') >= 0 {
			return e
		}
		next = e
	}
	return end
}

// spaceOrEnd returns the index of the first space of line at or after i,
// or len(line). (Words are short: a loop beats bytes.IndexByte's call.)
func spaceOrEnd(line []byte, i int) int {
	for i < len(line) && line[i] != ' ' {
		i++
	}
	return i
}

// runeCount is utf8.RuneCount, quicker for a short word of ASCII.
func runeCount(w []byte) int {
	for _, c := range w {
		if c >= utf8.RuneSelf {
			return utf8.RuneCount(w)
		}
	}
	return len(w)
}

// itemMarker is the length of the list item marker ("- ", "12. ") that
// line starts with, after its indent and a quotation's marks, counted
// with them; the length of these alone for none.
func itemMarker(line []byte) int {
	lead := len(line) - len(bytes.TrimLeft(line, " "+string(quoteMark))) // a nested item's, an item's later block's, a quotation's
	line = line[lead:]
	if bytes.HasPrefix(line, []byte("- ")) {
		return lead + 2
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < 4 && bytes.HasPrefix(line[i:], []byte(". ")) {
		return lead + i + 2
	}
	return lead
}
