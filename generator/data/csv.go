package data

import (
	"fmt"
	"strings"
)

// scanner splits CSV text into records without allocating per field: an
// unquoted field is a substring of src, and only a quoted field holding a
// doubled quote ("") is copied.
type scanner struct {
	src    string
	pos    int
	line   int      // line number of src[pos], 1-based
	sep    byte     // the field separator: ',', ';' or '\t'
	fields []string // fields of the last record, reused between records
}

// space reports whether c is white space around a field: a space, or a
// tab unless tabs separate the fields.
func (sc *scanner) space(c byte) bool {
	return c == ' ' || c == '\t' && sc.sep != '\t'
}

// skipLines moves past n physical lines.
func (sc *scanner) skipLines(n int) {
	for ; n > 0 && sc.pos < len(sc.src); n-- {
		sc.pos = lineEnd(sc.src, sc.pos)
		sc.eol()
	}
}

// eol consumes one line ending (\n, \r\n or a lone \r) if there is one.
func (sc *scanner) eol() {
	if sc.pos >= len(sc.src) {
		return
	}
	switch sc.src[sc.pos] {
	case '\r':
		sc.pos++
		if sc.pos < len(sc.src) && sc.src[sc.pos] == '\n' {
			sc.pos++
		}
		sc.line++
	case '\n':
		sc.pos++
		sc.line++
	}
}

// next reads the next record that is not blank into sc.fields and reports
// the line it starts on. A record is blank when all its fields are unquoted
// and empty or white space: empty lines and lines of separators are skipped.
// ok is false at the end of the input. After an error the next call reads
// on from the line after the bad one, or finds the end of the input.
func (sc *scanner) next() (line int, ok bool, err error) {
	for sc.pos < len(sc.src) {
		line = sc.line
		sc.fields = sc.fields[:0]
		blank := true
		for {
			f, quoted, err := sc.field()
			if err != nil {
				return line, false, err
			}
			if quoted || !isBlank(f) {
				blank = false
			}
			sc.fields = append(sc.fields, f)
			if sc.pos < len(sc.src) && sc.src[sc.pos] == sc.sep {
				sc.pos++
				continue
			}
			sc.eol()
			break
		}
		if !blank {
			return line, true, nil
		}
	}
	return 0, false, nil
}

// field reads one field starting at sc.pos and leaves sc.pos on the
// separator, line ending or end of input after it.
func (sc *scanner) field() (string, bool, error) {
	s := sc.src
	j := sc.pos
	for j < len(s) && sc.space(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '"' {
		return sc.quoted(j + 1)
	}
	k := j
	for k < len(s) {
		c := s[k]
		if c == sc.sep || c == '\n' || c == '\r' {
			break
		}
		k++
	}
	f := s[sc.pos:k]
	sc.pos = k
	return f, false, nil
}

// quoted reads a quoted field whose text starts at i, just after the
// opening quote. A doubled quote stands for one quote; the field may span
// lines.
func (sc *scanner) quoted(i int) (string, bool, error) {
	s := sc.src
	start := sc.line
	var b []byte // only used when the field holds a doubled quote
	begin := i
	for {
		k := strings.IndexByte(s[i:], '"')
		if k < 0 {
			sc.pos = len(s) // the rest of the file is inside the field
			return "", true, fmt.Errorf("quoted field opened on line %d is never closed; add the closing quote", start)
		}
		sc.line += countLines(s[i : i+k])
		i += k
		if i+1 < len(s) && s[i+1] == '"' {
			b = append(b, s[begin:i+1]...)
			i += 2
			begin = i
			continue
		}
		var f string
		if b == nil {
			f = s[begin:i]
		} else {
			b = append(b, s[begin:i]...)
			f = string(b)
		}
		i++ // closing quote
		for i < len(s) && sc.space(s[i]) {
			i++
		}
		if i < len(s) && s[i] != sc.sep && s[i] != '\n' && s[i] != '\r' {
			sc.pos = lineEnd(s, i) // the next record starts on the next line
			return "", true, fmt.Errorf("unexpected text after the closing quote of field %d: write a quote inside a quoted field as two quotes (\"\")", len(sc.fields)+1)
		}
		sc.pos = i
		return f, true, nil
	}
}

// lineEnd returns the index of the first line ending at or after i, or
// len(s).
func lineEnd(s string, i int) int {
	if k := strings.IndexAny(s[i:], "\r\n"); k >= 0 {
		return i + k
	}
	return len(s)
}

// countLines counts the line endings in s: \n, \r\n and a lone \r.
func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			n++
		case '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// isBlank reports whether s is empty or only spaces and tabs.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// trim removes surrounding spaces and tabs, cheaply when there are none.
func trim(s string) string {
	if len(s) == 0 || (s[0] != ' ' && s[0] != '\t' && s[len(s)-1] != ' ' && s[len(s)-1] != '\t') {
		return s
	}
	return strings.Trim(s, " \t")
}
