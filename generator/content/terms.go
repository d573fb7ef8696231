package content

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tearsheet/tearsheet/generator/internal/suggest"
	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// Schema is what ParseWith needs to know of the site: the time zone of
// dates without an offset and the taxonomies front matter may name.
type Schema struct {
	Location *time.Location // UTC when nil
	// Taxonomies are site.yaml's taxonomies: their keys are front-matter
	// keys. Tags and authors are always known; list them here only to
	// close their lists of terms.
	Taxonomies []Taxonomy
}

// Taxonomy is a taxonomy as front matter sees it.
type Taxonomy struct {
	Key string // the front-matter key: tickers, asset_classes
	// Terms, when not nil, are the only terms front matter may name.
	Terms []string
}

// MaxTerms is the most names one front-matter key of an article (tags,
// authors, a taxonomy) may hold.
const MaxTerms = 200

// Terms are the terms one front-matter key names.
type Terms struct {
	Key   string
	Names []string
	Line  int // 1-based line of the file
}

// Of returns the terms the front matter names for the taxonomy key
// (tickers), nil for none. Tags and authors have fields of their own.
func (m *Meta) Of(key string) []string {
	for _, t := range m.Terms {
		if t.Key == key {
			return t.Names
		}
	}
	return nil
}

// Key identifies the schema: the same bytes parse to the same File with
// any two schemas of the same Key.
func (sc Schema) Key() string {
	var b strings.Builder
	if sc.Location == nil {
		b.WriteString("UTC")
	} else {
		b.WriteString(sc.Location.String())
	}
	for _, t := range sc.Taxonomies {
		fmt.Fprintf(&b, "\x00%s %t %q", t.Key, t.Terms != nil, t.Terms)
	}
	return b.String()
}

// metaYAML is Meta with the keys it does not know gathered, which are
// taxonomies or mistakes.
type metaYAML struct {
	Meta  `yaml:",inline"`
	Extra map[string]yaml.Node `yaml:",inline"`
}

// MetaKeys lists the front-matter keys of Meta, sorted.
func MetaKeys() []string {
	var keys []string
	t := reflect.TypeOf(Meta{})
	for i := 0; i < t.NumField(); i++ {
		if k := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]; k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// decode decodes the front matter fm of the file p. A key Meta does not
// have is a taxonomy of the schema, whose value must be a list of names,
// or an error (errs), which tells a misspelt taxonomy from another unknown
// key, in this order: a key within two edits of a taxonomy's key or of its
// singular (ticker for tickers) is called a misspelt taxonomy, with the
// valid taxonomies; one within two edits of a key of Meta is that key
// misspelt; one holding a list of names, as a taxonomy does, is a taxonomy
// site.yaml does not configure; any other is an unknown key, with all the
// keys and taxonomies.
func (sc Schema) decode(fm []byte, p string, kind Kind) (Meta, []error, error) {
	var m metaYAML
	var errs []error
	if err := yamlx.Decode(fm, p, 1, &m); err != nil {
		if !yamlx.Decoded(err) {
			return Meta{}, nil, err
		}
		// A value of the wrong type kept its zero value and the rest
		// was decoded: check the rest too, to report every problem.
		errs = append(errs, err)
	}
	keys := make([]string, 0, len(m.Extra))
	for k := range m.Extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var taxKeys []string
	for _, t := range sc.Taxonomies {
		if t.Key != "tags" && t.Key != "authors" {
			taxKeys = append(taxKeys, t.Key)
		}
	}
	all := append([]string{"tags", "authors"}, taxKeys...)
	set := map[string]string{}
	for _, k := range keys {
		n := m.Extra[k]
		line := n.Line + 1
		switch {
		case slices.Contains(taxKeys, k):
			errs = append(errs, m.addTerms(k, k, &n, p, set)...)
		case k == "taxonomies":
			errs = append(errs, m.zolaTaxonomies(&n, p, taxKeys, all, set)...)
		case k == "category" && slices.Contains(taxKeys, "categories"):
			// Jekyll's one category, beside its list categories.
			errs = append(errs, m.addTerms("categories", k, &n, p, set)...)
		case k == "tag":
			// Jekyll's one tag, beside its list tags.
			if len(m.Tags) > 0 {
				errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: "tags and tag both set tags (tag is Jekyll's name of one tag): list every tag under tags"})
				continue
			}
			names, msg := termsOf(&n, k, example(k), true)
			if msg != "" {
				errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: msg})
			}
			m.Tags = names
		case k == "category":
			errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf("key \"category\" of Jekyll (one category) is a taxonomy site.yaml does not have: add categories to site.yaml under taxonomies:, as in taxonomies: {categories: {}}, and category: is read as categories (taxonomies: %s)", strings.Join(all, ", "))})
		case k == "layout" && sameLayout(&n, kind):
			// Jekyll's layout: post of an article, or page of a page,
			// names the template tearsheet uses anyway.
		default:
			if pk, ok := peerKeyOf(k); ok {
				if err := decodePeer(&m.Meta, k, pk, &n, p, set); err != nil {
					errs = append(errs, err)
				}
				continue
			}
			errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: unknownKey(k, &n, all)})
		}
	}
	slices.SortFunc(m.Terms, func(a, b Terms) int { return a.Line - b.Line })
	return m.Meta, errs, nil
}

// sayOnce drops from errs the errors at a line where decoding found a value
// of the wrong type, which says what is wrong there: title: [a] is not
// also "title is empty".
func sayOnce(errs []error) []error {
	at := map[int]bool{}
	for _, err := range errs {
		if !yamlx.Decoded(err) {
			continue
		}
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var ye *yamlx.Error
			if errors.As(e, &ye) {
				at[ye.Line] = true
			}
		}
	}
	out := errs[:0:0]
	for _, err := range errs {
		var ye *yamlx.Error
		if !yamlx.Decoded(err) && errors.As(err, &ye) && at[ye.Line] {
			continue
		}
		out = append(out, err)
	}
	return out
}

// addTerms adds the terms n names (under the key as written) to the
// taxonomy key of site.yaml; set records which key set each taxonomy, so
// that two keys setting one (categories and category, or tickers and
// Zola's taxonomies.tickers) are an error.
func (m *metaYAML) addTerms(key, as string, n *yaml.Node, p string, set map[string]string) []error {
	line := n.Line + 1
	if by, ok := set[key]; ok {
		return []error{&yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf("%s and %s both set %s: list every term under one of them", by, as, key)}}
	}
	set[key] = as
	names, msg := termsOf(n, strings.TrimPrefix(as, "taxonomies."), example(key), as == "category")
	if msg != "" {
		return []error{&yamlx.Error{File: p, Line: line, Msg: msg}}
	}
	m.Terms = append(m.Terms, Terms{Key: key, Names: names, Line: line})
	return nil
}

// zolaTaxonomies reads Zola's [taxonomies] table, n: each of its keys
// is a taxonomy (tags, authors, or one of taxKeys, site.yaml's) and its
// terms, as if written at the top level; all names every taxonomy.
func (m *metaYAML) zolaTaxonomies(n *yaml.Node, p string, taxKeys, all []string, set map[string]string) []error {
	if n.Kind != yaml.MappingNode {
		return []error{&yamlx.Error{File: p, Line: n.Line + 1, Msg: "taxonomies must be a table of taxonomies and their terms, as Zola writes it: [taxonomies] then tags = [\"rates\"] on the next line"}}
	}
	var errs []error
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		line := v.Line + 1
		var dst *[]string
		switch {
		case k == "tags":
			dst = (*[]string)(&m.Tags)
		case k == "authors":
			dst = &m.Authors
		case slices.Contains(taxKeys, k):
			errs = append(errs, m.addTerms(k, "taxonomies."+k, v, p, set)...)
			continue
		default:
			errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf("taxonomies: %q is not a taxonomy of site.yaml (taxonomies: %s): add it to site.yaml under taxonomies:, as in taxonomies: {%s: {}}", k, strings.Join(all, ", "), k)})
			continue
		}
		if len(*dst) > 0 {
			errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf("%s and taxonomies.%s both set %s: list every term under one of them", k, k, k)})
			continue
		}
		names, msg := termsOf(v, k, example(k), false)
		if msg != "" {
			errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: msg})
			continue
		}
		*dst = names
	}
	return errs
}

// TagList is the value of tags: a list of names, or one name written
// alone (tags: rates), as Jekyll and Hugo allow.
type TagList []string

// UnmarshalYAML reads a list of names, or one name (see termsOf).
func (l *TagList) UnmarshalYAML(n *yaml.Node) error {
	names, msg := termsOf(n, "tags", example("tags"), false)
	if msg != "" {
		return valueError(n.Line, "%s", msg)
	}
	*l = names
	return nil
}

// PathList is a list of site paths, or one written alone (aliases:
// /old/), as Jekyll's redirect_from and Hugo's aliases allow.
type PathList []string

// UnmarshalYAML reads a list of paths, or one path.
func (l *PathList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if v := strings.TrimSpace(n.Value); n.Tag != "!!null" && v != "" {
			*l = PathList{v}
		}
		return nil
	}
	names, ok := namesOf(n)
	if !ok {
		return valueError(n.Line, "aliases must be a list of site paths, such as aliases: [/old/post/]")
	}
	*l = names
	return nil
}

// termsOf returns the terms a taxonomy key (tags, categories) names,
// written as key: a list of names, or one name alone, as Jekyll and Hugo
// allow. Jekyll splits a value of several words at its spaces and Hugo
// does not, so such a value is refused, saying how to write either,
// unless the key is one of one term (one: Jekyll's category and tag); msg
// says what is wrong, "" when nothing. ex is an example of two names.
func termsOf(n *yaml.Node, key, ex string, one bool) (names []string, msg string) {
	if n.Kind == yaml.ScalarNode {
		v := strings.TrimSpace(n.Value)
		words := strings.Fields(v)
		switch {
		case n.Tag == "!!null" || v == "":
			return nil, ""
		case len(words) == 1 || one:
			return []string{v}, ""
		}
		return nil, fmt.Sprintf("%s: %q is one value of several words, which Jekyll reads as %d names and Hugo as one: write %s: [%s] for %d, or %s: [%q] for one", key, v, len(words), key, strings.Join(meant(v), ", "), len(meant(v)), key, v)
	}
	names, ok := namesOf(n)
	if !ok {
		return nil, fmt.Sprintf("%s must be a list of names, such as %s: [%s]", key, key, ex)
	}
	return names, ""
}

// meant returns the names a value of several words most likely stands
// for: its parts between commas, when it has any ("Yield Curve, Macro" is
// two names, as a list would be written), else its words.
func meant(v string) []string {
	if !strings.Contains(v, ",") {
		return strings.Fields(v)
	}
	var names []string
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			names = append(names, part)
		}
	}
	return names
}

// unknownKey is the message of a front-matter key that is neither a key of
// Meta nor a taxonomy: taxonomies are the valid taxonomy keys.
func unknownKey(k string, n *yaml.Node, taxonomies []string) string {
	var near string
	for _, t := range taxonomies {
		sing := strings.TrimSuffix(t, "s")
		if strings.EqualFold(k, sing) || suggest.Closest(k, []string{t, sing}) != "" {
			near = t
			break
		}
	}
	if near != "" {
		return fmt.Sprintf("unknown key %q: not a taxonomy of site.yaml (did you mean %q? taxonomies: %s)", k, near, strings.Join(taxonomies, ", "))
	}
	keys := MetaKeys()
	if hint := suggest.Closest(k, keys); hint != "" {
		return fmt.Sprintf("unknown key %q (did you mean %q?)", k, hint)
	}
	if _, list := namesOf(n); list || k == "categories" || k == "series" {
		// A list of names, or the name of Hugo's and Jekyll's usual
		// taxonomies, which Jekyll writes as one value (categories: misc).
		return fmt.Sprintf("unknown key %q: it looks like a taxonomy, but site.yaml has none of that name (taxonomies: %s); add it to site.yaml under taxonomies:, as in taxonomies: {%s: {}}", k, strings.Join(taxonomies, ", "), k)
	}
	return fmt.Sprintf("unknown key %q (valid keys: %s; taxonomies: %s); a value of your own for templates goes under params:, as in params: {%s: …}", k, strings.Join(keys, ", "), strings.Join(taxonomies, ", "), k)
}

// namesOf returns the names of a list of text values.
func namesOf(n *yaml.Node) ([]string, bool) {
	if n.Kind != yaml.SequenceNode {
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
			return nil, false
		}
		out = append(out, strings.TrimSpace(c.Value))
	}
	return out, true
}

func example(key string) string {
	if key == "tickers" {
		return "IWM, SPY"
	}
	return "name one, name two"
}

// checkTerms checks the terms m names: each must have letters or digits,
// and a taxonomy with a closed list of terms takes only those; at gives
// the line of a key.
func (sc Schema) checkTerms(m *Meta, p string, at func(string) int) []error {
	var errs []error
	if len(m.Author) > 0 && len(m.Authors) > 0 {
		errs = append(errs, &yamlx.Error{File: p, Line: at("author"), Msg: "author and authors are both set: list every author under one of them"})
	}
	// Line 0: at gives it, only for an error (it parses the YAML again).
	lists := []Terms{{Key: "tags", Names: m.Tags}, {Key: "authors", Names: m.Authors}}
	if len(m.Author) > 0 {
		lists[1].Names = m.Author
		lists[1].Key = "author"
	}
	lists = append(lists, m.Terms...)
	line := func(l Terms) int {
		if l.Line == 0 {
			return at(l.Key)
		}
		return l.Line
	}
	for _, l := range lists {
		key := l.Key
		if key == "author" {
			key = "authors"
		}
		if len(l.Names) > MaxTerms {
			// Each term is a page and feeds that list the article with
			// every one of its terms: thousands make a build of hours
			// and gigabytes, so the names are not checked one by one.
			errs = append(errs, &yamlx.Error{File: p, Line: line(l), Msg: fmt.Sprintf("%s: %d names, over the limit of %d an article may have (each is a page and feeds that list the article with all of them): keep the few a reader would browse by", l.Key, len(l.Names), MaxTerms)})
			continue
		}
		var vocab []string
		closed := false
		for _, t := range sc.Taxonomies {
			if t.Key == key && t.Terms != nil {
				vocab, closed = t.Terms, true
			}
		}
		for _, name := range l.Names {
			switch {
			case key != "tags" && Slugify(name) == "":
				errs = append(errs, &yamlx.Error{File: p, Line: line(l), Msg: fmt.Sprintf("%s: %q has no letters or digits, so no URL can be made of it: add a word, or remove it", l.Key, name)})
			case key != "tags" && len(Slugify(name)) > MaxNameLen:
				errs = append(errs, &yamlx.Error{File: p, Line: line(l), Msg: l.Key + ": " + longName("term", name, Slugify(name))})
			case closed && !slices.Contains(vocab, name):
				msg := fmt.Sprintf("%s: %q is not one of the terms site.yaml lists for %s (%s)", l.Key, name, key, strings.Join(vocab, ", "))
				if hint := suggest.Closest(name, vocab); hint != "" {
					msg += fmt.Sprintf("; did you mean %q?", hint)
				}
				errs = append(errs, &yamlx.Error{File: p, Line: line(l), Msg: msg})
			}
		}
	}
	return errs
}
