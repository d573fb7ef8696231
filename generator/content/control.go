package content

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// controlRune returns the first control character of s other than a tab
// or a line break (which a folded summary holds), and whether it has one:
// text pasted from a PDF or a terminal brings form feeds, bells and
// escapes, which a page shows as nothing or garbage and HTML calls an
// error.
func controlRune(s string) (rune, bool) {
	i := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
	})
	if i < 0 {
		return 0, false
	}
	return []rune(s[i:])[0], true
}

// checkControl reports the front matter's texts that a page shows (the
// title, the summary, the names of terms) holding a control character:
// bad at the key's line (at).
func checkControl(m *Meta, at func(string) int, bad func(line int, format string, args ...any)) {
	for _, t := range [...]struct{ key, val string }{{"title", m.Title}, {"summary", m.Summary}} {
		if r, ok := controlRune(t.val); ok {
			bad(at(t.key), "%s holds the control character %U, which a page cannot show: delete it (it may have come with text pasted from elsewhere)", t.key, r)
		}
	}
	lists := append([]Terms{{Key: "tags", Names: m.Tags}, {Key: "authors", Names: m.Authors}, {Key: "author", Names: m.Author}}, m.Terms...)
	for _, l := range lists {
		for _, name := range l.Names {
			if r, ok := controlRune(name); ok {
				bad(at(l.Key), "%s: %q holds the control character %U, which a page cannot show: delete it", l.Key, name, r)
				break
			}
		}
	}
}

// bodyControl returns the line (counting from first, the body's first
// line) and the rune of the body's first control character other than a
// tab or a line break; ok false when it has none. Markdown passes it to
// the page as it is: a form feed or an escape shows as nothing or garbage.
func bodyControl(body []byte, first int) (line int, r rune, ok bool) {
	// Bytes of ASCII one at a time (a body is mostly ASCII), others as
	// the characters they encode (bytes.IndexFunc's way, which calls a
	// function for each character).
	for i := 0; i < len(body); {
		c := body[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n' && c != '\r' {
				return first + bytes.Count(body[:i], []byte("\n")), rune(c), true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if unicode.IsControl(r) {
			return first + bytes.Count(body[:i], []byte("\n")), r, true
		}
		i += size
	}
	return 0, 0, false
}

// hasBlankLine reports whether s holds a line of spaces and tabs only
// between two others: the end of a paragraph in markdown.
func hasBlankLine(s string) bool {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), "\n")
	for _, l := range lines {
		if strings.Trim(l, " \t") == "" && len(lines) > 1 {
			return true
		}
	}
	return false
}
