package yamlx

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// keyAt returns the dotted path (as Lines has it) of the value at the
// 1-based line of data that yaml.v3 found of the kind tag (!!seq, !!map,
// or a scalar's) holding value (cut short, as yaml.v3 quotes it, when it
// ends in ...); "" for the document itself or when none is found. root is
// the Go type decoded into, or nil: of several values of that kind on the
// line (menu's list, its first item and that item's name: [a]), it is the
// first whose key cannot take that kind, else the first.
func keyAt(data []byte, line int, tag, value string, root reflect.Type) string {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return ""
	}
	fits := func(n *yaml.Node) bool {
		switch {
		case n.Line != line:
			return false
		case tag == "!!seq":
			return n.Kind == yaml.SequenceNode
		case tag == "!!map":
			return n.Kind == yaml.MappingNode
		}
		cut, short := strings.CutSuffix(value, "...")
		return n.Kind == yaml.ScalarNode && (n.Value == value || short && strings.HasPrefix(n.Value, cut))
	}
	first, firstOK := "", false
	var find func(prefix string, n *yaml.Node, t reflect.Type) bool
	find = func(prefix string, n *yaml.Node, t reflect.Type) bool {
		if fits(n) {
			if refuses(t, n) {
				first, firstOK = prefix, true
				return true
			}
			if !firstOK {
				first, firstOK = prefix, true
			}
		}
		switch n.Kind {
		case yaml.SequenceNode:
			for i, item := range n.Content {
				if find(joinKey(prefix, strconv.Itoa(i)), item, elemOf(t, "")) {
					return true
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if find(joinKey(prefix, n.Content[i].Value), n.Content[i+1], elemOf(t, n.Content[i].Value)) {
					return true
				}
			}
		}
		return false
	}
	find("", doc.Content[0], known(root))
	return first
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	textType        = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// known returns t without its pointers, or nil when what t takes is not
// known from its kind: no type, an interface, a type that decodes itself.
func known(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface || t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	return t
}

// elemOf returns the type (see known) of the value at key in a mapping of
// type t, or of an item of a list of type t (key ""); nil when not known.
func elemOf(t reflect.Type, key string) reflect.Type {
	switch {
	case t == nil:
		return nil
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map:
		return known(t.Elem())
	case t.Kind() == reflect.Struct && key != "":
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("yaml"), ",")[0]
			if name == "" {
				name = strings.ToLower(f.Name) // yaml.v3's default key
			}
			if f.IsExported() && name == key {
				return known(f.Type)
			}
		}
	}
	return nil
}

// refuses reports whether a value of type t (see known) cannot hold the
// node n for its kind: a list or mapping where a scalar goes, a scalar
// where a list or mapping goes, a list for a mapping or the other way.
func refuses(t reflect.Type, n *yaml.Node) bool {
	if t == nil {
		return false
	}
	k := t.Kind()
	list := k == reflect.Slice || k == reflect.Array
	mapping := k == reflect.Map || k == reflect.Struct
	switch n.Kind {
	case yaml.SequenceNode:
		return !list
	case yaml.MappingNode:
		return !mapping
	case yaml.ScalarNode:
		return (list || mapping) && n.ShortTag() != "!!null" && !reflect.PointerTo(t).Implements(textType)
	}
	return false
}

var durationType = reflect.TypeFor[time.Duration]()

// fractions returns an Error for each number with a fraction (1.5) in
// the document n at a key whose Go type, under root, is a whole number:
// yaml.v3 decodes it cutting the fraction off without a word, so that
// perPage: 10.5 was 10. A time.Duration is not one (yaml.v3 refuses a
// number there itself). lineOffset is added to n's lines.
func fractions(n *yaml.Node, root reflect.Type, name string, lineOffset int) []error {
	var errs []error
	var walk func(prefix string, n *yaml.Node, t reflect.Type)
	walk = func(prefix string, n *yaml.Node, t reflect.Type) {
		if t == nil {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(prefix, c, t)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				walk(joinKey(prefix, strconv.Itoa(i)), item, elemOf(t, ""))
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(joinKey(prefix, n.Content[i].Value), n.Content[i+1], elemOf(t, n.Content[i].Value))
			}
		case yaml.ScalarNode:
			if n.ShortTag() != "!!float" || t == durationType || !wholeKind(t.Kind()) {
				return
			}
			f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || f == math.Trunc(f) {
				return
			}
			errs = append(errs, &Error{File: name, Line: n.Line + lineOffset, Key: prefix, Value: n.Value,
				Found: "a number with a fraction", Want: "a whole number",
				Msg: fmt.Sprintf("%q is a number with a fraction, but a whole number is expected here", n.Value)})
		}
	}
	walk("", n, known(root))
	return errs
}

// wholeKind reports whether k is a kind of whole number.
func wholeKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// joinKey is the dotted key of k under prefix ("" at the top).
func joinKey(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}
