package markdown

import (
	"bytes"
	"fmt"
)

// MaxDepth is how deep block quotes and list items may nest. goldmark's
// block parser does work proportional to the open blocks on every line, and
// its tree walks recurse once per level: a line of 1,000,000 ">" does not
// finish in a minute. No article comes near this depth.
const MaxDepth = 100

// MaxWork bounds the lines and ASCII punctuation marks of an article,
// together. goldmark's work is linear in them, at about a microsecond
// each (a block per line, an inline parser call per mark), so this bounds
// any article to about a second however it is written; a 2 MB article of
// prose holds about 450,000.
const MaxWork = 1_000_000

// MaxDefinitionWork bounds, over the paragraphs of an article, the link
// reference definitions ("[a]: /url") a paragraph opens with times its
// lines: goldmark copies the rest of the paragraph's lines after each
// definition it takes out, so 50,000 definitions in a row take seconds.
// A paragraph of 15,000 definitions is within it.
const MaxDefinitionWork = 250_000_000

// checkWork reports an article with more than MaxWork lines and
// punctuation marks, or more than MaxDefinitionWork (counted over blank-line
// separated runs of lines, each line that starts with "[" and holds "]:"
// taken for a definition: an upper bound).
func checkWork(file string, lineBase int, src []byte) error {
	work := 0
	for _, c := range src {
		if c == '\n' || '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~' {
			work++
		}
	}
	if work > MaxWork {
		return fmt.Errorf("%s:%d: the article holds %d lines and punctuation marks, more than the %d that convert in bounded time: split it into several articles",
			file, lineBase, work, MaxWork)
	}
	defWork, defs, lines, start, worst, worstAt := 0, 0, 0, 1, 0, 1
	end := func() {
		if c := defs * lines; c > worst {
			worst, worstAt = c, start
		}
		defWork += defs * lines
		defs, lines = 0, 0
	}
	_ = eachLine(src, func(line int, l []byte) error {
		t := bytes.TrimLeft(l, " \t>")
		if len(t) == 0 {
			end()
			start = line + 1
			return nil
		}
		lines++
		if t[0] == '[' && bytes.Contains(t, []byte("]:")) {
			defs++
		}
		return nil
	})
	end()
	if defWork > MaxDefinitionWork {
		return fmt.Errorf("%s:%d: this paragraph, with the rest of the article, holds too many link reference definitions ([name]: url) to convert in bounded time: put a blank line between every few hundred of them",
			file, lineBase+worstAt-1)
	}
	return nil
}

// checkDepth reports the first line of src (the body of file, starting at
// line lineBase) that may nest block quotes and list items more than
// MaxDepth deep. It is a scan before conversion, linear in src, so the same
// input always gives the same result and no conversion is left running.
//
// The count is an upper bound, never less than goldmark's depth: the
// container markers (">", "-", "+", "*", "1." and "1)" followed by a space)
// that open the line, plus one level for every two columns of indentation
// before them (a nested item is indented by at least two columns). A line
// that opens no container adds no depth, so indented code and prose are not
// counted; the count does not trust fences either, since a fence inside a
// container that ends does not hide what follows.
func checkDepth(file string, lineBase int, src []byte) error {
	return eachLine(src, func(line int, l []byte) error {
		if d := lineDepth(l); d > MaxDepth {
			return fmt.Errorf("%s:%d: block quotes and list items nested more than %d deep (counting a level for every two columns of indentation before a marker): flatten the nesting, or escape the markers as \\> and \\-",
				file, lineBase+line-1, MaxDepth)
		}
		return nil
	})
}

// eachLine calls f with each line of src (without its newline) and its
// 1-based number, until f returns an error, which it returns.
func eachLine(src []byte, f func(line int, l []byte) error) error {
	for line := 1; len(src) > 0; line++ {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if err := f(line, l); err != nil {
			return err
		}
	}
	return nil
}

// lineDepth is the nesting upper bound of one line (see checkDepth).
func lineDepth(l []byte) int {
	cols, i := 0, 0
	for ; i < len(l) && (l[i] == ' ' || l[i] == '\t'); i++ {
		if l[i] == '\t' {
			cols += 4 - cols%4
		} else {
			cols++
		}
	}
	if thematicBreak(l[i:]) {
		return 0
	}
	markers := 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '>':
			markers++
			i++
			continue
		case c == '-' || c == '+' || c == '*':
			if i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t' {
				markers++
				i++
				continue
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
				markers++
				i = j + 1
				continue
			}
		}
		break
	}
	if markers == 0 {
		return 0
	}
	return markers + cols/2
}

// thematicBreak reports whether l (without its indentation) is a line such
// as "- - -" or "***", which is a rule rather than nested list items.
func thematicBreak(l []byte) bool {
	var mark byte
	n := 0
	for _, c := range l {
		switch {
		case c == ' ' || c == '\t':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}
