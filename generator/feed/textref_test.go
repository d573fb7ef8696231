package feed

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// refText and the functions after it are Text as it was before it wrote
// its lines in place (before it drafted and wrapped in byte slices): the tests check
// that Text gives the same bytes for every input.

var refTextBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Figure: true, atom.Hr: true,
}

// Text is the plain-text part of an email edition made from its HTML:
// the text of the body, a blank line between blocks, list items as "- "
// (numbered "1. " in an ordered list), links as "text <URL>", footnote
// references as [1] (their notes' links back left out), images as their
// alt text in brackets, a data table's rows a line each (a layout
// table's, role="presentation", are blocks), and lines wrapped at TextWidth characters (a word
// longer than that, such as a URL, on a line of its own; preformatted
// text as it is). Elements Email leaves out, and the head, give no text.
// It reads tags by name and attribute rather than as tokens, and collapses
// white space as it writes: it runs once for every article of a build.
func refText(doc []byte) (string, error) {
	var b strings.Builder
	b.Grow(len(doc) / 3)
	z := html.NewTokenizer(bytes.NewReader(doc))
	var drop dropping
	var hrefs []string         // open links' URLs
	var attrs []html.Attribute // a tag's, reused
	var lists []int            // open lists: 0 for ul, else ol's next number
	inBody := !bytes.Contains(doc, []byte("<body"))
	pre := 0
	var tables []bool // open tables: whether each holds data (not role="presentation", a layout)
	inData := func() bool { return len(tables) > 0 && tables[len(tables)-1] }
	itemStart := -1 // b's length just after the open list item's marker
	// after reports whether text was written and its last byte is none of
	// not.
	after := func(not string) bool {
		s := b.String()
		return len(s) > 0 && strings.IndexByte(not, s[len(s)-1]) < 0
	}
	newline := func(n int) {
		s := b.String()
		trail := len(s) - len(strings.TrimRight(s, "\n"))
		if len(s) == 0 || len(s) == itemStart {
			return // nothing yet, or a list item's first block
		}
		for range n - trail {
			b.WriteByte('\n')
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return refWrap(refTrimLines(b.String()), TextWidth), nil
			}
			return "", z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
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
				marker := "- "
				if n := len(lists); n > 0 && lists[n-1] > 0 {
					marker = strconv.Itoa(lists[n-1]) + ". "
					lists[n-1]++
				}
				b.WriteString(marker)
				itemStart = b.Len()
			case a == atom.Br:
				b.WriteByte('\n')
			case a == atom.Td || a == atom.Th:
				if after("\n" + string(preLine)) {
					b.WriteString("  ")
				}
			case a == atom.Img:
				attrs = urlattr.ReadAttrs(z, hasAttr, attrs[:0])
				for _, at := range attrs {
					if at.Key == "alt" && at.Val != "" {
						newline(2)
						b.WriteString("[" + at.Val + "]")
						newline(2)
					}
				}
			case a == atom.A && tt == html.StartTagToken:
				href := ""
				attrs = urlattr.ReadAttrs(z, hasAttr, attrs[:0])
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
					b.WriteByte('[')
				}
				hrefs = append(hrefs, href)
			case a == atom.Tr && inData():
				// A row on a line of its own, not wrapped: its cells
				// would lose their columns.
				newline(1)
				b.WriteByte(preLine)
			case refTextBlocks[a]:
				newline(2)
				switch a {
				case atom.Table:
					attrs = urlattr.ReadAttrs(z, hasAttr, attrs[:0])
					layout := slices.ContainsFunc(attrs, func(at html.Attribute) bool { return at.Key == "role" && at.Val == "presentation" })
					tables = append(tables, !layout)
				case atom.Pre:
					pre++
				case atom.Ul:
					lists = append(lists, 0)
				case atom.Ol:
					lists = append(lists, refOlStart(z, hasAttr, &attrs))
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if drop.skips(tt, a) {
				continue
			}
			switch {
			case a == atom.A && len(hrefs) > 0:
				switch h := hrefs[len(hrefs)-1]; {
				case h == fnRef:
					b.WriteByte(']')
				case h == "" || strings.HasSuffix(b.String(), h):
				case !after("\n"):
					b.WriteString("<" + h + ">") // a link around an image: its URL below the alt text
				default:
					b.WriteString(" <" + h + ">")
				}
				hrefs = hrefs[:len(hrefs)-1]
			case refTextBlocks[a]:
				switch {
				case a == atom.Pre && pre > 0:
					pre--
				case (a == atom.Ul || a == atom.Ol) && len(lists) > 0:
					lists = lists[:len(lists)-1]
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
				if !after("\n") {
					b.WriteByte(preLine)
				}
				// Each line marked, but for the one a final newline opens:
				// the next text marks it, or a block starts there.
				body := bytes.TrimSuffix(t, []byte("\n"))
				b.Write(bytes.ReplaceAll(body, []byte("\n"), []byte{'\n', preLine}))
				if len(body) < len(t) {
					b.WriteByte('\n')
				}
				continue
			}
			// The words of t, one space between them, and a space before
			// and after them where the raw text has white space there.
			first := true
			for w := range bytes.FieldsSeq(t) {
				if first {
					if after("\n ") && isHTMLSpace(raw[0]) {
						b.WriteByte(' ')
					}
					first = false
				} else {
					b.WriteByte(' ')
				}
				b.Write(w)
			}
			if !first && isHTMLSpace(raw[len(raw)-1]) {
				b.WriteByte(' ')
			}
		}
	}
}

// trimLines returns s without white space at its ends or spaces at the
// ends of its lines, ending in a newline.
func refTrimLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

// wrap breaks each line of s longer than width characters at spaces, a
// list item's further lines indented under its text; a word longer than
// width stays whole on a line of its own. Lines marked preLine are left
// as they are, without the mark.
func refWrap(s string, width int) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/width)
	for line := range strings.Lines(s) {
		if line[0] == preLine {
			b.WriteString(line[1:])
			continue
		}
		body := strings.TrimSuffix(line, "\n")
		if utf8.RuneCountInString(body) <= width {
			b.WriteString(line)
			continue
		}
		indent := strings.Repeat(" ", refItemMarker(body))
		var cur strings.Builder // the line being filled
		col := 0
		for i, w := range refUnbroken(strings.Split(body, " ")) {
			n := utf8.RuneCountInString(w)
			switch {
			case i == 0:
			case col+1+n > width:
				b.WriteString(strings.TrimRight(cur.String(), " ") + "\n")
				cur.Reset()
				cur.WriteString(indent)
				col = len(indent)
			default:
				cur.WriteByte(' ')
				col++
			}
			cur.WriteString(w)
			col += n
		}
		b.WriteString(strings.TrimRight(cur.String(), " ") + "\n")
	}
	return b.String()
}

// unbroken joins again the words of a link's "<URL>" that holds spaces,
// such as a mail provider's merge tag "<{{ unsubscribe_url }}>": wrapped
// there, the tag would not be filled in. A "<" that no ">" closes within
// four words (as in "a < b") joins nothing.
func refUnbroken(words []string) []string {
	out := words[:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		if len(w) > 1 && w[0] == '<' && !strings.Contains(w, ">") {
			for j := i + 1; j < len(words) && j <= i+4; j++ {
				if strings.Contains(words[j], ">") {
					w, i = strings.Join(words[i:j+1], " "), j
					break
				}
			}
		}
		out = append(out, w)
	}
	return out
}

func refItemMarker(line string) int {
	if strings.HasPrefix(line, "- ") {
		return 2
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i < 4 && strings.HasPrefix(line[i:], ". ") {
		return i + 2
	}
	return 0
}

func refOlStart(z *html.Tokenizer, hasAttr bool, attrs *[]html.Attribute) int {
	*attrs = urlattr.ReadAttrs(z, hasAttr, (*attrs)[:0])
	for _, at := range *attrs {
		if at.Key == "start" {
			if n, err := strconv.Atoi(strings.TrimSpace(at.Val)); err == nil && n > 0 {
				return n
			}
		}
	}
	return 1
}
