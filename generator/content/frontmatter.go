package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// valueError is the error an UnmarshalYAML method returns for a value it
// cannot read, at the 1-based line of the front matter: a *yaml.TypeError,
// which yaml.v3 gathers while it decodes the rest of the document (any
// other error stops it), as it does its own errors of a value of the
// wrong type (updates: 5). yamlx.Decode reports it at its line of the
// file, with the document's other problems (yamlx.Decoded).
func valueError(line int, format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{lineMsg(line, format, args...)}}
}

// lineMsg is one message of a valueError, in yaml.v3's form "line N: …".
func lineMsg(line int, format string, args ...any) string {
	return fmt.Sprintf("line %d: ", line) + fmt.Sprintf(format, args...)
}

// keyLine returns the line of the file at which the front matter fm sets
// the top-level key, found by a scan (every file with a slug needs it, and
// parsing fm again for its lines would cost a build as much as reading
// it); 0 when no line starts with "key:".
func keyLine(fm []byte, key string) int {
	for n := 2; len(fm) > 0; n++ { // fm starts on the file's second line
		line := fm
		if i := bytes.IndexByte(fm, '\n'); i >= 0 {
			line, fm = fm[:i], fm[i+1:]
		} else {
			fm = nil
		}
		if rest, ok := bytes.CutPrefix(line, []byte(key)); ok && len(rest) > 0 && rest[0] == ':' {
			return n
		}
	}
	return 0
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// split separates front matter from the body. The file must open with a line
// "---"; the front matter ends at the next line "---" (or "..."). Or it
// opens with a line "+++" and the front matter, in TOML, ends at the next
// "+++" (toml is then true).
func split(p string, src []byte) (fm, body []byte, bodyLine int, toml bool, err error) {
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	delim := "---"
	if bytes.HasPrefix(src, []byte("+++\n")) || bytes.Equal(bytes.TrimRight(src, " \t\n"), []byte("+++")) {
		delim, toml = "+++", true
	} else if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.Equal(bytes.TrimRight(src, " \t\n"), []byte("---")) {
		return nil, nil, 0, false, noFrontMatter(p, src)
	}
	if len(src) < 4 {
		// The opening line alone, without a newline after it.
		return nil, nil, 0, false, fmt.Errorf("%s:1: front matter is not closed: add a line %s after the last front-matter key", p, delim)
	}
	rest := src[4:]
	line := 2
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
			end = len(rest) - off
		} else {
			l = rest[off : off+end]
		}
		t := bytes.TrimRight(l, " \t")
		if string(t) == delim || !toml && string(t) == "..." {
			b := rest[min(off+end+1, len(rest)):]
			return rest[:off], b, line + 1, toml, nil
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, false, fmt.Errorf("%s:1: front matter is not closed: add a line %s after the last front-matter key", p, delim)
}

// noFrontMatter is the error of a file src, named p, that does not start
// with a line --- or +++. Hugo also reads front matter after blank lines,
// and in JSON: such a file is told what to change.
func noFrontMatter(p string, src []byte) error {
	rest := bytes.TrimLeft(src, " \t\n")
	skipped := bytes.Count(src[:len(src)-len(rest)], []byte("\n"))
	for _, delim := range []string{"---", "+++"} {
		if skipped > 0 && (bytes.HasPrefix(rest, []byte(delim+"\n")) || bytes.Equal(bytes.TrimRight(rest, " \t\n"), []byte(delim))) {
			lines, them := fmt.Sprintf("%d blank lines", skipped), "them"
			if skipped == 1 {
				lines, them = "a blank line", "it"
			}
			return fmt.Errorf("%s:%d: the front matter starts on line %d, after %s, which Hugo skips and tearsheet does not: delete %s, so that %s is the file's first line", p, skipped+1, skipped+1, lines, them, delim)
		}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return fmt.Errorf("%s:1: the file is empty: start it with a line ---, then title: and date:, then a closing ---, or delete it", p)
	}
	if i := bytes.IndexByte(src, '\r'); i >= 0 && i+1 < len(src) && src[i+1] != '\n' && !bytes.Contains(src[:i], []byte("\n")) {
		return fmt.Errorf("%s:1: the lines end in a carriage return alone (CR, as classic Mac OS saved text), which ends no line here: save the file with LF (or CRLF) line ends", p)
	}
	if bytes.HasPrefix(rest, []byte("{")) {
		return fmt.Errorf("%s:%d: the front matter is JSON ({ … }), which Hugo reads and tearsheet does not: write it as YAML between two lines --- (a key a line: title: \"…\", date: 2024-05-01), or as TOML between two lines +++", p, skipped+1)
	}
	return fmt.Errorf("%s:1: no front matter: start the file with a line ---, then title: and date:, then a closing --- (or, in TOML, between two lines +++)", p)
}
