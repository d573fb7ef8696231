// Package yamlx decodes YAML strictly and turns yaml.v3's errors into
// messages that start with file:line, the form every tearsheet error takes.
//
// It is shared by config (site.yaml) and content (front matter) so that both
// report unknown keys, mistyped values and syntax errors the same way.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tearsheet/tearsheet/generator/internal/suggest"
)

// Error is one problem found at a line of a YAML document.
type Error struct {
	File string // file name as given to Decode
	Line int    // 1-based line in File; 0 when unknown
	Msg  string
	// Found is set when the problem is a value of the wrong type: what
	// was found, in an author's words ("a list"); Want is what is
	// expected ("a mapping") and Key the dotted path of the value's key
	// ("datasets", "menu.0"; "" when not known, or the document itself).
	Found, Want, Key string
	// Value is the scalar found, as yaml.v3 quotes it (cut short with
	// ... when long); "" for a list or a mapping.
	Value string
	// TooLarge is set when Value is a whole number too large for its key.
	TooLarge bool
}

// ListHint is what a message of a list found as another kind of value
// ends with.
const ListHint = `write each item on a line of its own starting with "- ", or the items in brackets, [a, b]`

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

var (
	lineRe     = regexp.MustCompile(`(?s)^(?:yaml: )?line (\d+): (.*)$`)
	unknownRe  = regexp.MustCompile(`^field (.+) not found in type (\S+)$`)
	wholeRe    = regexp.MustCompile(`^[-+]?[0-9]+(\.\.\.)?$`) // yaml.v3 cuts a long value
	dupRe      = regexp.MustCompile(`^mapping key "(.*)" already defined at line (\d+)$`)
	unmarshRe  = regexp.MustCompile(`(?s)^cannot unmarshal (!!?[^\s` + "`" + `]+)(?: ` + "`" + `(.*)` + "`" + `)? into (\S+)$`)
	typeByKind = map[string]string{"str": "text", "int": "a whole number", "float": "a number", "bool": "true or false", "seq": "a list", "map": "a mapping", "timestamp": "a date"}
)

// Decode decodes data into v, rejecting unknown keys. name is the file name
// used in messages and lineOffset is added to every line number (front matter
// starts after the opening delimiter). keys, when not nil, lists the valid keys
// of the document's top level for the "unknown key" hint. All problems found
// are returned joined. An unknown key's message suggests the closest valid
// key, or lists the valid keys of the mapping it was found in.
func Decode(data []byte, name string, lineOffset int, v any) error {
	if e := badText(data, name, lineOffset); e != nil {
		return e
	}
	if e := bigMapping(data, name, lineOffset); e != nil {
		return e
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(v)
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err == nil {
		return withFractions(nil, data, nil, name, lineOffset, v)
	}
	if te := typeErrors(data, err, name, lineOffset, v); te != nil {
		return withFractions(te, data, nil, name, lineOffset, v)
	}
	return convert(data, err.Error(), name, lineOffset, typeInfo{})
}

// withFractions adds to err, of a document decoded into v but for the
// values it names (nil, or fieldErrors), the numbers with a fraction
// written for a whole number (see fractions), in line order; the
// document is data, or else the node n. Another err is returned as it is.
func withFractions(err error, data []byte, n *yaml.Node, name string, lineOffset int, v any) error {
	if err != nil && !Decoded(err) {
		return err
	}
	if n == nil {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil {
			return err
		}
		n = &doc
	}
	more := fractions(n, reflect.TypeOf(v), name, lineOffset)
	if len(more) == 0 {
		return err
	}
	var errs []error
	if err != nil {
		errs = err.(*fieldErrors).errs
	}
	errs = append(slices.Clone(errs), more...)
	slices.SortStableFunc(errs, func(a, b error) int { return lineOfErr(a) - lineOfErr(b) })
	return &fieldErrors{errs}
}

// lineOfErr is the line of err when it is an Error, else 0.
func lineOfErr(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Line
	}
	return 0
}

// typeErrors turns the errors of a yaml.TypeError of decoding into v, one
// message per value, into Errors joined; nil when err is not one. data is
// the document, or nil.
func typeErrors(data []byte, err error, name string, lineOffset int, v any) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return nil
	}
	keys := typeInfo{keys: map[string][]string{}, named: map[string]string{}, root: reflect.TypeOf(v)}
	keysByType(reflect.TypeOf(v), keys)
	errs := make([]error, 0, len(te.Errors))
	decoded := true
	for _, m := range te.Errors {
		e := convert(data, m, name, lineOffset, keys)
		if strings.Contains(m, "already defined at line") || strings.Contains(m, "already set in type") {
			// yaml.v3 skips a mapping that sets a key twice.
			decoded = false
		}
		errs = append(errs, e)
	}
	if decoded {
		return &fieldErrors{errs}
	}
	if data != nil {
		if again := withoutDuplicates(data, te.Errors, errs, name, lineOffset, v); again != nil {
			return again
		}
	}
	return errors.Join(errs...)
}

// dupLineRe is yaml.v3's message of a key set twice, with both lines.
var dupLineRe = regexp.MustCompile(`^line (\d+): mapping key ".*" already defined at line (\d+)$`)

// withoutDuplicates decodes data into v again with the second of each key
// set twice taken out, line for line, so that the document's other
// problems are reported with the duplicates: yaml.v3 skips the mapping
// that sets a key twice. msgs are yaml.v3's messages of the first
// decoding and errs their Errors, index-aligned. It returns the
// duplicates' errors with the second decoding's, as fieldErrors (each
// key's first value decoded), or nil when it cannot: another kind of
// problem left values undecoded, a key was set twice on one line, or the
// document without the second keys is no longer YAML.
func withoutDuplicates(data []byte, msgs []string, errs []error, name string, lineOffset int, v any) error {
	lines := strings.SplitAfter(string(data), "\n")
	var dups []error
	cut := map[int]bool{}
	for i, m := range msgs {
		d := dupLineRe.FindStringSubmatch(m)
		if d == nil {
			if strings.Contains(m, "already set in type") {
				return nil
			}
			continue // decoded again, and reported then
		}
		second, _ := strconv.Atoi(d[1])
		first, _ := strconv.Atoi(d[2])
		if second <= first || second > len(lines) {
			return nil
		}
		dups = append(dups, errs[i])
		cut[second] = true
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	for n := range cut {
		// The key's line, then its value's lines: deeper, or a list at
		// its own indent under a key with no value on its line.
		at := indent(lines[n-1])
		bare := strings.HasSuffix(strings.TrimRight(lines[n-1], " \r\n"), ":")
		lines[n-1] = "\n"
		for k := n; k < len(lines); k++ {
			t := strings.TrimSpace(lines[k])
			if t != "" && !strings.HasPrefix(t, "#") && indent(lines[k]) <= at && !(bare && indent(lines[k]) == at && (t == "-" || strings.HasPrefix(t, "- "))) {
				break
			}
			lines[k] = "\n"
		}
	}
	clean := []byte(strings.Join(lines, ""))
	dec := yaml.NewDecoder(bytes.NewReader(clean))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		more, ok := typeErrors(clean, err, name, lineOffset, v).(*fieldErrors)
		if !ok {
			return nil
		}
		dups = append(dups, more.errs...)
	}
	return &fieldErrors{dups}
}

// fieldErrors are the errors of a document yaml.v3 decoded whole but for
// the values they name (unknown keys, values of the wrong type), which
// kept what they held before.
type fieldErrors struct{ errs []error }

func (f *fieldErrors) Error() string   { return errors.Join(f.errs...).Error() }
func (f *fieldErrors) Unwrap() []error { return f.errs }

// Decoded reports whether err, of Decode or DecodeNode, left every value
// decoded but those it names: then the caller can check the values it
// holds and report those problems with err, all at once. It is false after
// a syntax error or a key set twice, which leave a mapping undecoded.
func Decoded(err error) bool {
	f, ok := err.(*fieldErrors)
	return ok && f != nil
}

// DecodeNode decodes the node n, a part of a document Decode read, into v,
// with Decode's messages; lineOffset is added to n's lines.
func DecodeNode(n *yaml.Node, name string, lineOffset int, v any) error {
	err := n.Decode(v)
	if err == nil {
		return withFractions(nil, nil, n, name, lineOffset, v)
	}
	if te := typeErrors(nil, err, name, lineOffset, v); te != nil {
		return withFractions(te, nil, n, name, lineOffset, v)
	}
	e := convert(nil, err.Error(), name, lineOffset, typeInfo{})
	if e.Line == 0 {
		e.Line = n.Line + lineOffset
	}
	return e
}

// typeInfo is what convert knows of the Go types yaml.v3 names in its
// messages: the keys of each struct type, and what each named map or
// list type is in an author's words ("a mapping"), by the type's name.
type typeInfo struct {
	keys  map[string][]string
	named map[string]string
	root  reflect.Type // the type decoded into; nil when not known
}

func convert(data []byte, msg, name string, lineOffset int, types typeInfo) *Error {
	e := &Error{File: name, Msg: strings.TrimPrefix(msg, "yaml: ")}
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		e.Line = n + lineOffset
		e.Msg = m[2]
	}
	if parserMsgs[e.Msg] || scannerMsgs[e.Msg] {
		if n := syntaxLine(data, max(e.Line-lineOffset, 0), e.Msg); n > 0 {
			e.Line = n + lineOffset
		}
		e.Msg = syntaxHint(e.Msg, lineOf(data, e.Line-lineOffset))
	}
	if m := dupRe.FindStringSubmatch(e.Msg); m != nil {
		// yaml.v3 counts the first line from the start of data, not
		// of the file.
		n, _ := strconv.Atoi(m[2])
		e.Msg = fmt.Sprintf("key %q is set twice, first at line %d: keep one of them", m[1], n+lineOffset)
	} else if e.Msg == "found character that cannot start any token" {
		e.Msg = "found a character that cannot start a value: put the value in quotes"
		n := e.Line - lineOffset
		if e.Line == 0 {
			n = badStart(data)
		}
		if line := lineOf(data, n); n > 0 && strings.Contains(line, "\t") {
			e.Msg = "a tab where YAML needs spaces: indent with spaces only"
		}
		if n > 0 {
			e.Line = n + lineOffset
		}
	}
	if strings.Contains(e.Msg, "tab character") {
		// "found a tab character that violates indentation", named at
		// the line above the tab's, or none.
		if n := tabLine(data, max(e.Line-lineOffset-1, 1)); n > 0 {
			e.Line = n + lineOffset
		}
		e.Msg = "a tab where YAML needs spaces: indent with spaces only"
	}
	if m := unknownRe.FindStringSubmatch(e.Msg); m != nil {
		e.Msg = fmt.Sprintf("unknown key %q", m[1])
		keys := types.keys[m[2]]
		if hint := suggest.Closest(m[1], keys); hint != "" {
			e.Msg += fmt.Sprintf(" (did you mean %q?)", hint)
		} else if len(keys) > 0 {
			e.Msg += " (valid keys: " + strings.Join(keys, ", ") + ")"
		}
	} else if m := unmarshRe.FindStringSubmatch(e.Msg); m != nil {
		want := goType(m[3])
		if w, ok := types.named[m[3]]; ok {
			want = w
		}
		if keys, ok := types.keys[m[3]]; ok {
			// A struct: yaml.v3 names its Go type, which means
			// nothing to an author.
			want = "a mapping"
			if len(keys) > 0 {
				want += " of " + strings.Join(keys, ", ")
			}
		}
		e.Found, e.Want, e.Value = kindName(m[1]), want, m[2]
		if data != nil {
			e.Key = keyAt(data, e.Line-lineOffset, m[1], m[2], types.root)
		}
		if want == "a whole number" && wholeRe.MatchString(m[2]) {
			// A whole number too large for its key, which yaml.v3 calls
			// a float (or an int) it cannot put in the Go field.
			e.Msg = fmt.Sprintf("%s is too large a number here", m[2])
			e.TooLarge = true
		} else if m[2] != "" {
			e.Msg = fmt.Sprintf("%q is %s, but %s is expected here", m[2], kindName(m[1]), want)
		} else {
			e.Msg = fmt.Sprintf("found %s, but %s is expected here", kindName(m[1]), want)
		}
		if want == "a list" {
			// A list's items each start with "- ": without them the
			// lines under the key are a mapping ("series:\n  column: x").
			e.Msg += ": " + ListHint
		}
	}
	// One message, one line: a value quoted in yaml's words may hold a
	// line break, which would leave the next line without its place.
	e.Msg = strings.ReplaceAll(e.Msg, "\n", `\n`)
	return e
}

// badText finds what YAML refuses before it reads a key: bytes that are
// not UTF-8 and control characters. yaml.v3 reports both without a line.
func badText(data []byte, name string, lineOffset int) *Error {
	line := 1 + lineOffset
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			return &Error{File: name, Line: line, Msg: "this line is not valid UTF-8 text: save the file as UTF-8"}
		case r == '\n':
			line++
		case r == '\t' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			return &Error{File: name, Line: line, Msg: fmt.Sprintf("holds the control character %U, which YAML does not allow: delete it", r)}
		}
		i += n
	}
	return nil
}

// badStart returns the first line of data that indents with a tab or
// whose value starts with @ or `, which YAML reserves; 0 when none does.
// tabLine returns the 1-based line, from the line from on, of data's
// first line indented with a tab; 0 when there is none.
func tabLine(data []byte, from int) int {
	for i, line := range strings.Split(string(data), "\n") {
		if i+1 >= from && strings.Contains(line[:len(line)-len(strings.TrimLeft(line, " \t"))], "\t") {
			return i + 1
		}
	}
	return 0
}

func badStart(data []byte) int {
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimLeft(line, " ")
		if strings.HasPrefix(t, "\t") {
			return i + 1
		}
		if _, v, ok := strings.Cut(t, ": "); ok {
			t = v
		}
		t = strings.TrimLeft(strings.TrimPrefix(t, "- "), " ")
		if strings.HasPrefix(t, "@") || strings.HasPrefix(t, "`") {
			return i + 1
		}
	}
	return 0
}

// lineOf returns the 1-based line n of data, "" when there is none.
func lineOf(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(data)
}

// kindName names a YAML tag (!!str) for a reader; a tag of the author's
// own (!x) stays as written.
func kindName(tag string) string {
	if s, ok := typeByKind[strings.TrimPrefix(tag, "!!")]; ok {
		return s
	}
	if strings.HasPrefix(tag, "!!") {
		return strings.TrimPrefix(tag, "!!")
	}
	return "a value tagged " + tag
}

func goType(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map"):
		return "a mapping"
	case t == "int" || strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "text"
	}
	// A named type of the caller's (typeInfo.named knows those that
	// decoding reaches): never its Go name.
	return "another kind of value"
}

// Lines maps dotted key paths ("subscribe.provider") of a YAML document to the
// 1-based line of their value, for validation messages after decoding. An
// item of a list is keyed by its index: "menu.0", "menu.0.url".
func Lines(data []byte, lineOffset int) map[string]int {
	var root yaml.Node
	out := map[string]int{}
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return out
	}
	var walk func(prefix string, n *yaml.Node)
	walk = func(prefix string, n *yaml.Node) {
		if n.Kind == yaml.SequenceNode {
			for i, item := range n.Content {
				p := prefix + "." + strconv.Itoa(i)
				out[p] = item.Line + lineOffset
				walk(p, item)
			}
			return
		}
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if prefix != "" {
				p = prefix + "." + k.Value
			}
			out[p] = v.Line + lineOffset
			walk(p, v)
		}
	}
	walk("", root.Content[0])
	return out
}

// keysByType records the sorted yaml keys of t and of every struct type
// reachable from it, and what each named map and list type is, by the
// type name yaml.v3 uses in its messages.
func keysByType(t reflect.Type, info typeInfo) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		if t.Name() != "" && t.Kind() != reflect.Pointer {
			info.named[t.String()] = goType(map[reflect.Kind]string{reflect.Slice: "[]", reflect.Map: "map"}[t.Kind()])
		}
		t = t.Elem()
	}
	out := info.keys
	if t.Kind() != reflect.Struct {
		if t.Name() != "" {
			info.named[t.String()] = goType(t.Kind().String())
		}
		return
	}
	if _, done := out[t.String()]; done {
		return
	}
	var keys []string
	out[t.String()] = nil
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		keys = append(keys, tag)
		keysByType(f.Type, info)
	}
	sort.Strings(keys)
	out[t.String()] = keys
}

// Kind returns what the document data is, in an author's words: "a
// mapping", "a list", "text" (or another scalar's kind), with its 1-based
// line; "" when it is empty or not YAML (Decode says why).
func Kind(data []byte) (kind string, line int) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return "", 0
	}
	switch n := root.Content[0]; n.Kind {
	case yaml.MappingNode:
		return "a mapping", n.Line
	case yaml.SequenceNode:
		return "a list", n.Line
	case yaml.ScalarNode:
		return kindName(n.ShortTag()), n.Line
	}
	return "", 0
}
