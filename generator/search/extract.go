package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Section is a part of an article that a search result can link to: the
// text before the first heading (Anchor ""), a heading's section or a
// chart.
type Section struct {
	Anchor  string // the id of the heading or figure, "" for the start
	Heading string // the heading's text, or the chart's title
	Text    string // the rest of the section's text
}

// skipped are the elements whose text is not searched: drawings, data
// tables and code run by the browser.
var skipped = map[string]bool{"svg": true, "table": true, "script": true, "style": true, "template": true, "math": true,
	"summary": true} // a figure's "Summary and data table" toggle

// inline are the elements that do not separate words.
var inline = map[string]bool{"a": true, "abbr": true, "b": true, "cite": true, "code": true, "data": true, "del": true,
	"dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true,
	"small": true, "span": true, "strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true}

// Sections splits an article body, as HTML the generator made, into its
// sections: a new one starts at each h2–h6 and each figure with an id. A
// figure's heading is the text of its element of class figure__title.
// The text of SVG drawings, tables, scripts, styles, summary toggles,
// links to a chart's CSV or PNG file and elements with the attribute
// data-nosearch is left out, and entities are
// decoded. It never fails: text it cannot read as a tag is
// text.
func Sections(body string) []Section {
	var (
		out     []Section
		cur     Section
		head    collapser // the current heading's text
		text    collapser
		inHead  string // the element name whose text is the heading, "" outside
		headLvl int    // depth of that element among same-named ones
		skip    string // the skipped element being passed over
		skipLvl int
	)
	flush := func() {
		cur.Heading = head.take()
		cur.Text = text.take()
		if cur.Anchor != "" || cur.Heading != "" || cur.Text != "" {
			out = append(out, cur)
		}
		cur = Section{}
	}
	addText := func(s string) {
		if inHead != "" {
			head.write(s)
		} else {
			text.write(s)
		}
	}
	for i := 0; i < len(body); {
		lt := strings.IndexByte(body[i:], '<')
		if lt < 0 {
			if skip == "" {
				addText(html.UnescapeString(body[i:]))
			}
			break
		}
		if lt > 0 && skip == "" {
			addText(html.UnescapeString(body[i : i+lt]))
		}
		i += lt
		if strings.HasPrefix(body[i:], "<!--") {
			end := strings.Index(body[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		t, n := readTag(body[i:])
		if n == 0 { // not a tag: a lone <
			if skip == "" {
				addText("<")
			}
			i++
			continue
		}
		i += n
		if skip != "" {
			switch {
			case t.name == skip && t.end:
				skipLvl--
				if skipLvl == 0 {
					skip = ""
				}
			case t.name == skip && !t.selfClosing:
				skipLvl++
			}
			continue
		}
		if (skipped[t.name] || t.file || t.nosearch) && !t.end {
			if !t.selfClosing {
				skip, skipLvl = t.name, 1
			}
			continue
		}
		if !inline[t.name] {
			addText(" ")
		}
		if t.end {
			if t.name == inHead {
				headLvl--
				if headLvl == 0 {
					inHead = ""
				}
			}
			continue
		}
		if t.selfClosing {
			continue
		}
		isHeading := len(t.name) == 2 && t.name[0] == 'h' && t.name[1] >= '2' && t.name[1] <= '6'
		switch {
		case t.id != "" && (isHeading || t.name == "figure"):
			flush()
			cur.Anchor = t.id
			if isHeading {
				inHead, headLvl = t.name, 1
			}
		case inHead == "" && hasClass(t.class, "figure__title"):
			inHead, headLvl = t.name, 1
		case t.name == inHead:
			headLvl++
		}
	}
	flush()
	return out
}

// tag is a start or end tag as readTag read it.
type tag struct {
	name             string
	end, selfClosing bool
	id, class        string
	// file is set on a link to a chart's data or image file (a download
	// link, or an href ending in .csv or .png): its text is not searched.
	file bool
	// nosearch is set on an element with the attribute data-nosearch,
	// which a theme gives to what is not the article's text (a figure's
	// links to its files and page): its text is not searched either.
	nosearch bool
}

// readTag reads the tag at the start of s (which starts with <), and
// returns it with its length in bytes, or 0 when s does not start with a
// tag.
func readTag(s string) (tag, int) {
	var t tag
	i := 1
	if i < len(s) && s[i] == '/' {
		t.end = true
		i++
	}
	start := i
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-') {
		i++
	}
	if i == start || !isAlpha(s[start]) {
		return t, 0
	}
	t.name = strings.ToLower(s[start:i])
	for i < len(s) {
		switch c := s[i]; {
		case c == '>':
			return t, i + 1
		case c == '/' && i+1 < len(s) && s[i+1] == '>':
			t.selfClosing = true
			return t, i + 2
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/':
			i++
		default:
			// An attribute: name[=value].
			ns := i
			for i < len(s) && s[i] != '=' && s[i] != '>' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '/' {
				i++
			}
			name := strings.ToLower(s[ns:i])
			var val string
			if i < len(s) && s[i] == '=' {
				i++
				if i < len(s) && (s[i] == '"' || s[i] == '\'') {
					q := s[i]
					end := strings.IndexByte(s[i+1:], q)
					if end < 0 {
						return t, 0
					}
					val = s[i+1 : i+1+end]
					i += end + 2
				} else {
					vs := i
					for i < len(s) && s[i] != '>' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' {
						i++
					}
					val = s[vs:i]
				}
			}
			switch name {
			case "id":
				// A clone: val is part of the page, which it would keep.
				t.id = strings.Clone(html.UnescapeString(val))
			case "class":
				t.class = val
			case "download":
				t.file = t.name == "a"
			case "data-nosearch":
				t.nosearch = true
			case "href":
				if t.name == "a" && (strings.HasSuffix(val, ".csv") || strings.HasSuffix(val, ".png")) {
					t.file = true
				}
			}
		}
	}
	return t, 0
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }

// hasClass reports whether the class attribute value list names class c.
func hasClass(list, c string) bool {
	for _, f := range strings.Fields(list) {
		if f == c {
			return true
		}
	}
	return false
}

// collapser makes a string of the text written to it, trimmed, with
// each run of white space (as strings.Fields has it) one space: what
// strings.Join(strings.Fields(all), " ") is of all it was given.
type collapser struct {
	b     []byte // the text so far, its memory reused from string to string
	space bool   // white space since the last character written
	part  []byte // an incomplete UTF-8 sequence at the end of the last write
}

// write adds s.
func (c *collapser) write(s string) {
	if len(c.part) > 0 {
		// A character cut at the end of the last write (by a tag).
		s = string(c.part) + s
		c.part = c.part[:0]
	}
	for i := 0; i < len(s); {
		// White space, then a run of other characters, written at once.
		for i < len(s) {
			if ch := s[i]; ch < utf8.RuneSelf {
				if !asciiSpace[ch] {
					break
				}
				c.space = true
				i++
				continue
			}
			size, space := spaceAt(s, i)
			if size < 0 {
				c.part = append(c.part, s[i:]...)
				return
			}
			if !space {
				break
			}
			c.space = true
			i += size
		}
		j := i
		for j < len(s) {
			if ch := s[j]; ch < utf8.RuneSelf {
				if asciiSpace[ch] {
					break
				}
				j++
				continue
			}
			size, space := spaceAt(s, j)
			if space || size < 0 {
				break
			}
			j += size
		}
		if j > i {
			if c.space && len(c.b) > 0 {
				c.b = append(c.b, ' ')
			}
			c.space = false
			c.b = append(c.b, s[i:j]...)
		}
		i = j
	}
}

// spaceAt returns the size of the character at s[i], which is not ASCII,
// and whether it is white space; size is -1 for the start of a character
// that s cuts off.
func spaceAt(s string, i int) (size int, space bool) {
	if !utf8.FullRuneInString(s[i:]) {
		return -1, false
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return size, unicode.IsSpace(r)
}

// take returns the text and starts again.
func (c *collapser) take() string {
	for _, ch := range c.part { // bytes that are no character
		if c.space && len(c.b) > 0 {
			c.b = append(c.b, ' ')
		}
		c.space = false
		c.b = append(c.b, ch)
	}
	s := string(c.b)
	c.b, c.space, c.part = c.b[:0], false, c.part[:0]
	return s
}

// asciiSpace marks the bytes below utf8.RuneSelf that unicode.IsSpace
// holds white space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Fold is how text and queries are compared: lower case, accents taken
// off ("Résumé" folds to "resume"). js/search.js folds queries the same
// way (toLowerCase, NFD, no marks).
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	s = norm.NFD.String(strings.ToLower(s))
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.M, r) {
			return -1
		}
		return r
	}, s)
}

// Words returns the folded words of s: its runs of letters and its runs
// of digits. A word is never letters and digits both: "S&P500" is s, p
// and 500, as "S&P 500" is, so each finds the other (js/search.js splits
// queries the same way).
func Words(s string) []string {
	var out []string
	appendWords(nil, s, func(w []byte) { out = append(out, string(w)) })
	return out
}

// appendWords calls f with each word of s, as Words returns them, folded
// onto buf (f's argument is valid only during the call), and returns
// buf. Fold changes each character alone and never a character of ASCII
// that is not a letter or digit, which ends a word: a run of ASCII
// letters and digits is split where letters meet digits and lowered; a
// run between two such characters that holds others is folded as Fold
// does, then split.
func appendWords(buf []byte, s string, f func(w []byte)) []byte {
	for i := 0; i < len(s); {
		if !wordByte[s[i]] {
			i++
			continue
		}
		// A run up to the next ASCII byte that is not a letter or digit.
		end, ascii, digit := i, true, false
		for ; end < len(s) && wordByte[s[end]]; end++ {
			if s[end] >= utf8.RuneSelf {
				ascii = false
			}
			digit = digit || isDigit(s[end])
		}
		if ascii {
			for i < end {
				j := end // a run without digits is one word
				if digit {
					digits := isDigit(s[i])
					for j = i + 1; j < end && isDigit(s[j]) == digits; j++ {
					}
				}
				buf = append(buf[:0], s[i:j]...)
				for k, c := range buf {
					if 'A' <= c && c <= 'Z' {
						buf[k] = c + 'a' - 'A'
					}
				}
				f(buf)
				i = j
			}
		} else {
			buf = appendFolded(buf, Fold(s[i:end]), f)
		}
		i = end
	}
	return buf
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// wordByte marks the bytes a word may hold: ASCII letters and digits,
// and every byte of other characters (which Fold and appendFolded read).
var wordByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || isAlnum(byte(c))
	}
	return t
}()

// appendFolded calls f with each word of folded text s (its runs of
// letters and its runs of digits), copied onto buf.
func appendFolded(buf []byte, s string, f func(w []byte)) []byte {
	start, number := -1, false
	for i, r := range s {
		letter, digit := unicode.IsLetter(r), unicode.IsNumber(r)
		if start >= 0 && (!letter && !digit || digit != number) {
			buf = append(buf[:0], s[start:i]...)
			f(buf)
			start = -1
		}
		if start < 0 && (letter || digit) {
			start, number = i, digit
		}
	}
	if start >= 0 {
		buf = append(buf[:0], s[start:]...)
		f(buf)
	}
	return buf
}

// Joined reports whether the words a and b, side by side in a text, are
// indexed as the pair "a b" too, so that a query of both finds them
// together: when one is a single letter and the other a word of at most
// two characters or a number. Those are the pieces of abbreviations and
// tickers (S&P 500, U.S., P/E, AT&T, Q3), which alone match almost every
// article. js/search.js pairs a query's words by the same rule.
func Joined(a, b []byte) bool {
	return letter1(a) && short(b) || letter1(b) && short(a)
}

// letter1 reports whether w is one letter.
func letter1(w []byte) bool {
	r, n := utf8.DecodeRune(w)
	return n == len(w) && n > 0 && unicode.IsLetter(r)
}

// short reports whether w, a word (all letters or all digits), has at
// most two characters or is a number.
func short(w []byte) bool {
	if len(w) <= 2 {
		return true
	}
	if r, _ := utf8.DecodeRune(w); unicode.IsNumber(r) {
		return true
	}
	return len(w) <= 2*utf8.UTFMax && utf8.RuneCount(w) <= 2
}
