package yamlx

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// yaml.v3 reports a syntax error of its parser (not of its scanner) at
// the 0-based line of the construct the error is in, which reads as the
// line above it, and names no line when that is the document's first.
// These are the parser's messages.
var parserMsgs = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected node content":     true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
}

// scannerMsgs are the messages of yaml.v3's scanner that tearsheet
// explains; yaml.v3 numbers their lines right, but for the first.
var scannerMsgs = map[string]bool{
	"mapping values are not allowed in this context": true,
	"found unexpected end of stream":                 true,
	"could not find expected ':'":                    true,
}

// maxScan bounds how many beginnings of a document syntaxLine parses:
// lines from the first, or from the one yaml.v3 names when that is
// further.
const maxScan = 200

// syntaxLine returns the 1-based line of data at which yaml.v3 found the
// syntax error msg, given the line n it named (0: none). A parser error is
// found again by parsing longer and longer beginnings of data: the first
// that fails with msg ends at the line of the mistake (yaml.v3 names the
// line of the mistake's mapping or list, or the line where it noticed:
// the end of the file after an unclosed [). 0 when unknown.
func syntaxLine(data []byte, n int, msg string) int {
	if !parserMsgs[msg] {
		if n == 0 && scannerMsgs[msg] {
			return 1 // yaml.v3 leaves the first line unnumbered
		}
		return n
	}
	from := n + 1
	if data == nil {
		return from
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	start := 1
	if from > maxScan {
		start = from
	}
	for k := start; k <= len(lines) && k < from+maxScan; k++ {
		var v yaml.Node
		err := yaml.Unmarshal(bytes.Join(lines[:k], nil), &v)
		if err != nil && strings.HasSuffix(err.Error(), msg) {
			return k
		}
	}
	return from
}

// syntaxHint says what an author most likely wrote to meet the syntax
// error msg at line (the text of that line), and how to mend it; msg
// itself when there is no more to say.
func syntaxHint(msg, line string) string {
	switch msg {
	case "did not find expected ',' or ']'":
		if item := questionItem(line, "[", ",]"); item != "" {
			return fmt.Sprintf("a ? in a list in brackets, which YAML reads as the start of a key: put the item in quotes, as in %q", item)
		}
		return "a list opened with [ is not closed: end it with ] on the line it ends, and put an item that holds a comma, a bracket or a colon in quotes"
	case "did not find expected ',' or '}'":
		if item := questionItem(line, "{:", ",}"); item != "" {
			return fmt.Sprintf("a ? in a mapping in braces, which YAML reads as the start of a key: put the value in quotes, as in %q", item)
		}
		return "a mapping opened with { is not closed: end it with } on the line it ends, and put a value that holds a comma, a brace or a colon in quotes"
	case "did not find expected key":
		if strings.ContainsAny(line, `"'`) {
			return `more text follows a quoted value's closing quote: put the whole value in the other kind of quote ('Say "hi" now', or "it's"), or double a quote inside single quotes ('it''s')`
		}
		return "this line is not a key: value inside the mapping above it: indent it as the keys beside it, or start the mapping's list items with - under a key"
	case "did not find expected '-' indicator":
		return "this line is not an item of the list above it: start it with - as the items are, or indent it as the keys beside the list"
	case "could not find expected ':'":
		return "a line without a colon where a key: value is expected: add the colon after the key, or indent the line under the value it continues"
	case "mapping values are not allowed in this context":
		return `a colon and a space inside a value, or a key indented deeper than the keys above it: put the value in quotes, as in title: "Rates: a look", or indent the key as its neighbours`
	case "found unexpected end of stream":
		if strings.ContainsAny(line, `"'`) {
			return "a quote opened here is not closed: end the value with the quote it starts with (\" or ')"
		}
	}
	return msg
}

// questionItem returns the item of line, a list in brackets or a mapping
// in braces, that holds a ?, which yaml.v3 refuses there without quotes:
// the text around the first ? after an opening bracket or brace, between
// the nearest of opens before it and of ends after it; "" when there is
// no such ?.
func questionItem(line, opens, ends string) string {
	open := strings.IndexAny(line, opens[:1])
	if open < 0 {
		return ""
	}
	q := strings.IndexByte(line[open:], '?')
	if q < 0 {
		return ""
	}
	q += open
	start := strings.LastIndexAny(line[:q], opens+",") + 1
	end := len(line)
	if i := strings.IndexAny(line[q:], ends); i >= 0 {
		end = q + i
	}
	return strings.TrimSpace(line[start:end])
}

// MaxKeys is the most keys one mapping of a document may hold: yaml.v3
// compares every key of a mapping with every other, so that a mapping
// of 100,000 keys would take minutes to decode.
const MaxKeys = 10000

// bigMapping returns an Error at the first mapping of data that holds
// more than MaxKeys keys; nil when there is none or data is not YAML
// (decoding says why). Aliases are not followed: yaml.v3 limits them.
func bigMapping(data []byte, name string, lineOffset int) error {
	// A key takes two bytes at least ({a, b, …}): a document shorter than
	// that holds no such mapping, and is not parsed twice.
	if len(data) < 2*MaxKeys {
		return nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil
	}
	var big *yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if big != nil || n.Kind == yaml.AliasNode {
			return
		}
		if n.Kind == yaml.MappingNode && len(n.Content)/2 > MaxKeys {
			big = n
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
	if big == nil {
		return nil
	}
	return &Error{File: name, Line: big.Line + lineOffset, Msg: fmt.Sprintf("a mapping of %d keys, more than the %d one mapping may hold: split it, or keep the data in a CSV file", len(big.Content)/2, MaxKeys)}
}
