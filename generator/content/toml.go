package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// tomlToYAML turns TOML front matter, which Hugo and Zola write between
// two lines "+++", into YAML that sets the same keys to the same values on
// the same lines. The front-matter schema then decodes it as it decodes
// YAML (one schema, one set of messages), and every message names the line
// the TOML was written on. fm starts on line 2 of the file p.
//
// A key is written on the line TOML sets it; a table's keys, an array's
// items and an array of tables' entries each on their own line when they
// are on lines of their own in the TOML, else together on the line of
// their key, in YAML's flow style.
func tomlToYAML(p string, fm []byte) ([]byte, error) {
	lineAt := func(off int) int { return 1 + bytes.Count(fm[:off], []byte("\n")) }
	var parser unstable.Parser
	parser.Reset(fm)
	root := &tval{table: true}
	cur := root
	bad := func(line int, format string, args ...any) error {
		return &yamlx.Error{File: p, Line: line + 1, Msg: fmt.Sprintf(format, args...)}
	}
	for parser.NextExpression() {
		e := parser.Expression()
		switch e.Kind {
		case unstable.Comment:
			continue
		case unstable.Table, unstable.ArrayTable:
			keys, line := tomlKey(e.Key(), lineAt, &parser)
			if err := longKey(keys, line, bad); err != nil {
				return nil, err
			}
			t := root
			for i, k := range keys {
				last := i == len(keys)-1
				v, ok := t.vals[k]
				switch {
				case !ok && last && e.Kind == unstable.ArrayTable:
					v = &tval{line: line}
					t.set(k, v)
				case !ok:
					v = &tval{line: line, table: true}
					t.set(k, v)
				case last && e.Kind == unstable.ArrayTable && !v.array():
					return nil, bad(line, "[[%s]] makes a list of tables, but %s is already set at line %d", strings.Join(keys, "."), strings.Join(keys, "."), v.line+1)
				case last && e.Kind == unstable.Table && v.table && v.header:
					return nil, bad(line, "table [%s] is set twice, first at line %d: keep one of them", strings.Join(keys, "."), v.line+1)
				}
				if v.array() {
					if last && e.Kind == unstable.ArrayTable {
						v.items = append(v.items, &tval{line: line, table: true})
					}
					if len(v.items) == 0 || !v.items[len(v.items)-1].table {
						return nil, bad(line, "%s is a list of values, not of tables", strings.Join(keys[:i+1], "."))
					}
					v = v.items[len(v.items)-1]
				} else if !v.table {
					return nil, bad(line, "%s is a value, not a table", strings.Join(keys[:i+1], "."))
				}
				t = v
			}
			t.header = true
			cur = t
		case unstable.KeyValue:
			if err := cur.setKeyValue(e, lineAt, &parser, bad); err != nil {
				return nil, err
			}
		}
	}
	if err := parser.Error(); err != nil {
		var pe *unstable.ParserError
		if errors.As(err, &pe) {
			line := lineAt(len(fm)) // at the end: the closing +++
			if len(pe.Highlight) > 0 {
				line = lineAt(int(parser.Range(pe.Highlight).Offset))
			}
			return nil, bad(line, "TOML front matter: %s", pe.Message)
		}
		return nil, &yamlx.Error{File: p, Line: 1, Msg: fmt.Sprintf("TOML front matter: %v", err)}
	}
	out := make([]string, lineAt(len(fm)))
	last := 0
	for i, k := range root.keys {
		limit := len(out) + 1
		if i+1 < len(root.keys) {
			limit = root.vals[root.keys[i+1]].line
		}
		root.vals[k].write(out, "", yamlKey(k)+":", limit, &last)
	}
	return []byte(strings.Join(out, "\n")), nil
}

// tval is a TOML value as the TOML document builds it: a scalar, written
// as YAML, an array (items) or a table (keys, vals).
type tval struct {
	line   int    // 1-based line of fm its key (or table header) is on; 0 when unknown
	scalar string // a scalar's YAML text
	items  []*tval
	table  bool
	header bool // a table a [header] opened
	keys   []string
	vals   map[string]*tval
}

func (v *tval) array() bool { return !v.table && v.scalar == "" }

func (v *tval) set(k string, x *tval) {
	if v.vals == nil {
		v.vals = map[string]*tval{}
	}
	v.keys = append(v.keys, k)
	v.vals[k] = x
}

// setKeyValue sets the key-value expression e in the table v.
func (v *tval) setKeyValue(e *unstable.Node, lineAt func(int) int, parser *unstable.Parser, bad func(int, string, ...any) error) error {
	keys, line := tomlKey(e.Key(), lineAt, parser)
	if err := longKey(keys, line, bad); err != nil {
		return err
	}
	t := v
	for i, k := range keys[:len(keys)-1] {
		x, ok := t.vals[k]
		if !ok {
			x = &tval{line: line, table: true}
			t.set(k, x)
		} else if !x.table {
			return bad(line, "%s is a value, not a table", strings.Join(keys[:i+1], "."))
		}
		t = x
	}
	k := keys[len(keys)-1]
	if prev, ok := t.vals[k]; ok {
		return bad(line, "key %q is set twice, first at line %d: keep one of them", strings.Join(keys, "."), prev.line+1)
	}
	x, err := tomlValue(e.Value(), lineAt, parser, bad)
	if err != nil {
		return err
	}
	x.line = line
	t.set(k, x)
	return nil
}

// tomlKey returns the parts of a (dotted) key and its line.
func tomlKey(it unstable.Iterator, lineAt func(int) int, parser *unstable.Parser) ([]string, int) {
	var keys []string
	line := 0
	for it.Next() {
		n := it.Node()
		if line == 0 {
			line = lineAt(int(n.Raw.Offset))
		}
		keys = append(keys, string(n.Data))
	}
	return keys, line
}

// longKey refuses a key longer than YAML takes.
func longKey(keys []string, line int, bad func(int, string, ...any) error) error {
	for _, k := range keys {
		if len(k) > 200 {
			return bad(line, "key %.20q… is longer than 200 bytes: no front-matter key is", k)
		}
	}
	return nil
}

// tomlValue converts a TOML value.
func tomlValue(n *unstable.Node, lineAt func(int) int, parser *unstable.Parser, bad func(int, string, ...any) error) (*tval, error) {
	v := &tval{line: nodeLine(n, lineAt, parser)}
	switch n.Kind {
	case unstable.String:
		b, err := json.Marshal(string(n.Data))
		if err != nil {
			return nil, err
		}
		v.scalar = string(b)
	case unstable.Bool:
		v.scalar = string(n.Data)
	case unstable.Integer:
		s := strings.ReplaceAll(string(n.Data), "_", "")
		i, err := strconv.ParseInt(s, 0, 64)
		if err != nil {
			return nil, bad(v.line, "%s is too large a number here", n.Data)
		}
		v.scalar = strconv.FormatInt(i, 10)
	case unstable.Float:
		s := strings.ReplaceAll(string(n.Data), "_", "")
		f, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
		switch {
		case strings.HasSuffix(s, "nan"):
			v.scalar = ".nan"
		case strings.HasSuffix(s, "inf"):
			v.scalar = strings.TrimSuffix(strings.TrimPrefix(s, "+"), "inf") + ".inf"
		case err != nil || math.IsInf(f, 0):
			return nil, bad(v.line, "%s is not a number tearsheet can read", n.Data)
		default:
			v.scalar = strconv.FormatFloat(f, 'g', -1, 64)
			if !strings.ContainsAny(v.scalar, ".eE") {
				v.scalar += ".0"
			}
		}
	case unstable.LocalDate, unstable.LocalDateTime, unstable.DateTime, unstable.LocalTime:
		// Read as the text it is, as a YAML date is, in the site's
		// time zone when it has no offset.
		v.scalar = strconv.Quote(string(n.Data))
	case unstable.Array:
		it := n.Children()
		for it.Next() {
			x, err := tomlValue(it.Node(), lineAt, parser, bad)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, x)
		}
		if v.line == 0 && len(v.items) > 0 {
			v.line = v.items[0].line
		}
	case unstable.InlineTable:
		v.table = true
		it := n.Children()
		for it.Next() {
			if err := v.setKeyValue(it.Node(), lineAt, parser, bad); err != nil {
				return nil, err
			}
		}
	default:
		return nil, bad(v.line, "a TOML value of kind %s, which front matter does not take", n.Kind)
	}
	return v, nil
}

// nodeLine returns the line of a value node, 0 when the parser does not
// say where it is (an array or inline table: then its first item's).
func nodeLine(n *unstable.Node, lineAt func(int) int, parser *unstable.Parser) int {
	switch {
	case n.Raw.Length > 0:
		return lineAt(int(n.Raw.Offset))
	case n.Kind == unstable.Bool || n.Kind == unstable.Integer || n.Kind == unstable.Float ||
		n.Kind == unstable.LocalDate || n.Kind == unstable.LocalDateTime || n.Kind == unstable.DateTime || n.Kind == unstable.LocalTime:
		// Their Data is a slice of the document.
		return lineAt(int(parser.Range(n.Data).Offset))
	}
	return 0
}

// write writes v, whose key (or "-" for a list item) is lead, at its
// line, indented by indent; lines before limit that are after *last are
// free. A table's keys and an array's items go on their own lines when
// each is on a later line than the one before, before limit; else v is
// written whole on its line, in flow style.
func (v *tval) write(out []string, indent, lead string, limit int, last *int) {
	at := v.line
	if at <= *last || at >= limit || at > len(out) {
		// Not for a document the parser took; keep the YAML valid.
		at = min(*last+1, len(out))
	}
	*last = at
	if v.scalar != "" || !v.fits(at, limit) {
		out[at-1] = indent + lead + " " + v.flow()
		return
	}
	out[at-1] = indent + lead
	v.writeKids(out, indent+"  ", limit, last)
}

// kids returns a table's values or an array's items, in order.
func (v *tval) kids() []*tval {
	if !v.table {
		return v.items
	}
	kids := make([]*tval, len(v.keys))
	for i, k := range v.keys {
		kids[i] = v.vals[k]
	}
	return kids
}

// fits reports whether v's values or items, if any, each start on a line
// of their own, after the line at and before limit.
func (v *tval) fits(at, limit int) bool {
	kids := v.kids()
	if len(kids) == 0 {
		return false
	}
	for _, x := range kids {
		if x.anchor() <= at || x.anchor() >= limit {
			return false
		}
		at = x.anchor()
	}
	return true
}

// writeKids writes v's values or items, indented by indent, each on its
// line (see fits).
func (v *tval) writeKids(out []string, indent string, limit int, last *int) {
	kids := v.kids()
	for i, x := range kids {
		lim := limit
		if i+1 < len(kids) {
			lim = kids[i+1].anchor()
		}
		switch {
		case v.table:
			x.write(out, indent, yamlKey(v.keys[i])+":", lim, last)
		case x.anchor() != x.line && x.fits(x.line, lim):
			// A table of an array of tables, whose keys are on the
			// lines after its [[header]]: the dash goes on the first.
			first := x.anchor()
			x.writeKids(out, indent+"  ", lim, last)
			out[first-1] = indent + "- " + strings.TrimLeft(out[first-1], " ")
		default:
			x.write(out, indent, "-", lim, last)
		}
	}
}

// anchor is the line an array's item starts on: a table's first key's when
// it is on a line after the table's [[header]], else the item's own.
func (v *tval) anchor() int {
	if v.table && len(v.keys) > 0 {
		if l := v.vals[v.keys[0]].line; l > v.line {
			return l
		}
	}
	return v.line
}

// flow writes v in YAML's flow style, on one line.
func (v *tval) flow() string {
	switch {
	case v.scalar != "":
		return v.scalar
	case v.table:
		parts := make([]string, len(v.keys))
		for i, k := range v.keys {
			parts[i] = yamlKey(k) + ": " + v.vals[k].flow()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	parts := make([]string, len(v.items))
	for i, x := range v.items {
		parts[i] = x.flow()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

var bareKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// yamlKey writes a TOML key as a YAML key that reads as the same text.
func yamlKey(k string) string {
	switch strings.ToLower(k) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
	default:
		if bareKey.MatchString(k) {
			return k
		}
	}
	return strconv.Quote(k)
}
