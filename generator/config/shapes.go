package config

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// shape is what a key of site.yaml that holds a mapping or a list must
// hold, in an author's words, with an example of it.
type shape struct{ want, example string }

// shapeOf returns the shape of the value at the dotted key path (as
// yamlx.Error.Key has it), and whether there is one: the keys whose value
// is a mapping or a list, where a value of the wrong kind is the likeliest
// mistake.
func shapeOf(key string) (shape, bool) {
	parts := strings.Split(key, ".")
	switch {
	case len(parts) == 2 && parts[0] == "datasets":
		return shape{"a mapping of the dataset's settings", fmt.Sprintf("datasets: {%s: {file: content/data/%s.csv}}", parts[1], parts[1])}, true
	case len(parts) == 2 && parts[0] == "taxonomies":
		return shape{"a mapping of the taxonomy's settings, or nothing", fmt.Sprintf("taxonomies: {%s: {title: %s}}", parts[1], titleOf(parts[1]))}, true
	case len(parts) == 2 && parts[0] == "params":
		// Templates read .Site.Params.NAME as text: one level, no lists.
		return shape{"text (params holds names and their text, one level deep)", fmt.Sprintf(`params: {%s: "…"}`, parts[1])}, true
	case len(parts) == 2 && parts[0] == "menu":
		return shape{"a link: a mapping of name and url", "menu: [{name: About, url: /about/}]"}, true
	}
	s, ok := map[string]shape{
		"datasets":   {"a mapping of names to datasets", "datasets: {shiller: {file: content/data/shiller.csv}}"},
		"taxonomies": {"a mapping of front-matter keys to taxonomies", "taxonomies: {tickers: {title: Tickers}}"},
		"menu":       {"a list of links", "menu: [{name: About, url: /about/}]"},
		"params":     {"a mapping of names to text", `params: {twitter: "@research"}`},
		"markdown":   {"a mapping of markdown settings", "markdown: {unsafeHTML: false, typographer: true}"},
		"feeds":      {"a mapping of feed settings", "feeds: {items: 20}"},
		"charts":     {"a mapping of chart settings", "charts: {width: 720, height: 360}"},
		"check":      {"a mapping of check settings", "check: {maxDataAge: 45d}"},
		"fetch":      {"a mapping of fetch settings", "fetch: {timeout: 10s, retries: 2}"},
		"subscribe":  {"a mapping of the subscription form's settings", "subscribe: {provider: buttondown, username: you}"},
	}[key]
	return s, ok
}

// titleOf is a taxonomy key as a title, for an example: asset_classes is
// "Asset classes".
func titleOf(key string) string {
	t := strings.ReplaceAll(key, "_", " ")
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// notMapping is the error of a site.yaml, name, whose document is kind
// (a list, text) at line, not a mapping of settings.
func notMapping(name, kind string, line int) error {
	return &yamlx.Error{File: name, Line: line, Msg: fmt.Sprintf("the file is %s, but site.yaml must be a mapping of settings, a key and its value a line, as in title: \"My research\" (no - before a key)", kind)}
}

// wrongTypes reports whether err, of yamlx.Decode, holds a value of the
// wrong type, and says each of those whose key has a shape in the
// author's words: the key, what it holds and what it must, with an
// example.
func wrongTypes(err error) (wrong bool, keys []string) {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else if err != nil {
		list = []error{err}
	}
	for _, e := range list {
		var ye *yamlx.Error
		if !errors.As(e, &ye) || ye.Found == "" {
			continue
		}
		wrong = true
		keys = append(keys, ye.Key)
		if s, ok := shapeOf(ye.Key); ok {
			ye.Msg = fmt.Sprintf("%s: is %s, but it must be %s: %s", ye.Key, ye.Found, s.want, s.example)
		} else if ye.Key != "" {
			ye.Msg = keyMessage(ye)
		}
	}
	return wrong, keys
}

// besides returns the errors of err, of validate, but those of a key
// whose value, or a value under it, was of the wrong type (keys, as
// wrongTypes returns them): the value validate saw is not the one
// written (fetch: {maxBytes: 1.5} was 1: "1 must be at least 1024"), or
// is missing (menu: [{name: [a], url: /a/}] had no name).
func besides(err error, keys []string) error {
	if err == nil || len(keys) == 0 {
		return err
	}
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	var kept []error
	for _, e := range list {
		var ye *yamlx.Error
		key, _, _ := strings.Cut(e.Error(), ": ")
		if errors.As(e, &ye) {
			key, _, _ = strings.Cut(ye.Msg, ": ")
		}
		if !slices.ContainsFunc(keys, func(k string) bool { return k == key || strings.HasPrefix(k, key+".") }) {
			kept = append(kept, e)
		}
	}
	return errors.Join(kept...)
}

// keyMessage says the value of the wrong type ye of a key without a shape
// (a setting of text, a number, true or false): the key, what it holds,
// what it must, and the key written as it must be, with its default.
func keyMessage(ye *yamlx.Error) string {
	found := "is " + ye.Found
	if ye.Value != "" {
		found = fmt.Sprintf("%q is %s", ye.Value, ye.Found)
	}
	msg := fmt.Sprintf("%s: %s, but it must be %s", ye.Key, found, ye.Want)
	if ye.TooLarge {
		msg = fmt.Sprintf("%s: %s is too large a number", ye.Key, ye.Value)
	}
	name := ye.Key[strings.LastIndexByte(ye.Key, '.')+1:]
	def, ok := defaultAt(ye.Key)
	switch {
	case ye.Want == "a list":
		return msg + ": " + yamlx.ListHint
	case !ok || name == "" || name[0] >= '0' && name[0] <= '9':
		return msg
	case def.Kind() == reflect.String:
		v := def.String()
		if v == "" {
			v = "…"
		}
		return fmt.Sprintf("%s: %s: %q (in quotes, [ ] { } and \": \" are text)", msg, name, v)
	case def.CanInt() && def.Int() != 0 || def.Kind() == reflect.Bool:
		return fmt.Sprintf("%s: %s: %v", msg, name, def.Interface())
	}
	return msg
}

// defaultAt returns the default value of the setting at the dotted key
// path, as Default has it (the zero value under a name of the author's,
// such as a dataset's), and whether the path names a setting.
func defaultAt(key string) (reflect.Value, bool) {
	v := reflect.ValueOf(Default()).Elem()
	for part := range strings.SplitSeq(key, ".") {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v = reflect.Zero(v.Type().Elem())
			} else {
				v = v.Elem()
			}
		}
		switch v.Kind() {
		case reflect.Struct:
			f, ok := fieldByKey(v.Type(), part)
			if !ok {
				return reflect.Value{}, false
			}
			v = v.FieldByIndex(f.Index)
		case reflect.Map, reflect.Slice:
			v = reflect.Zero(v.Type().Elem())
		default:
			return reflect.Value{}, false
		}
	}
	return v, true
}

// fieldByKey returns the field of the struct type t that site.yaml's key
// names.
func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.IsExported() && strings.Split(f.Tag.Get("yaml"), ",")[0] == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
