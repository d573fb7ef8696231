package config

import (
	"errors"
	"fmt"
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
func wrongTypes(err error) bool {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else if err != nil {
		list = []error{err}
	}
	wrong := false
	for _, e := range list {
		var ye *yamlx.Error
		if !errors.As(e, &ye) || ye.Found == "" {
			continue
		}
		wrong = true
		if s, ok := shapeOf(ye.Key); ok {
			ye.Msg = fmt.Sprintf("%s: is %s, but it must be %s: %s", ye.Key, ye.Found, s.want, s.example)
		}
	}
	return wrong
}
