package config

import (
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Taxonomies maps a taxonomy's front-matter key (tickers, asset_classes) to
// its settings. List them with Config.TaxonomyList, never by ranging over
// the map.
type Taxonomies map[string]Taxonomy

// Taxonomy is one way of grouping articles: the built-in tags and authors,
// and those site.yaml adds under taxonomies (tickers, regions, asset
// classes). Each has an index page listing its terms with their counts,
// a paginated page per term, and feeds per term.
type Taxonomy struct {
	Title    string   `yaml:"title"`    // the index's heading: "Tickers"; default from the key
	Singular string   `yaml:"singular"` // one term's kind: "Ticker"; default: Title without its plural ending
	PerPage  int      `yaml:"perPage"`  // articles per term page, 1..1000; default: the site's perPage
	Terms    []string `yaml:"terms"`    // the only terms front matter may use; none: any term

	// Key is the front-matter key (tags, authors, tickers).
	Key string `yaml:"-"`
	// Path is the site path of the index: /tags/, /asset-classes/.
	Path string `yaml:"-"`
	// Noun names one term in messages: "tag", "ticker".
	Noun string `yaml:"-"`
}

// The built-in taxonomies' keys. Tags come from front matter tags, authors
// from authors (or author, else site.yaml's author).
const (
	TagsKey    = "tags"
	AuthorsKey = "authors"
)

var taxonomyKeyRe = regexp.MustCompile(`^[a-z][a-z0-9_]*[a-z0-9]$`)

// TaxonomyList returns the site's taxonomies in order: tags, authors, then
// those of site.yaml in the order written there. Defaults are filled in.
func (c *Config) TaxonomyList() []Taxonomy {
	keys := []string{TagsKey, AuthorsKey}
	var more []string
	for k := range c.Taxonomies {
		if k != TagsKey && k != AuthorsKey {
			more = append(more, k)
		}
	}
	slices.SortFunc(more, func(a, b string) int {
		if la, lb := c.Line("taxonomies."+a), c.Line("taxonomies."+b); la != lb {
			return la - lb
		}
		return strings.Compare(a, b)
	})
	out := make([]Taxonomy, 0, len(keys)+len(more))
	for _, k := range append(keys, more...) {
		t := c.Taxonomies[k]
		t.Key = k
		t.Path = "/" + strings.ReplaceAll(k, "_", "-") + "/"
		t.Noun = strings.ToLower(singular(strings.ReplaceAll(k, "_", " ")))
		switch k {
		case TagsKey:
			t.Title = or(t.Title, "Topics")
			t.Singular = or(t.Singular, "Topic")
			t.Noun = "tag"
		case AuthorsKey:
			t.Title = or(t.Title, "Authors")
		default:
			t.Title = or(t.Title, strings.ToUpper(k[:1])+strings.ReplaceAll(k[1:], "_", " "))
		}
		t.Singular = or(t.Singular, singular(t.Title))
		if t.PerPage == 0 {
			t.PerPage = c.PerPage
		}
		out = append(out, t)
	}
	return out
}

// TaxonomyKeys lists the keys of TaxonomyList.
func (c *Config) TaxonomyKeys() []string {
	var out []string
	for _, t := range c.TaxonomyList() {
		out = append(out, t.Key)
	}
	return out
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// singular drops the plural ending of an English noun phrase: "Asset
// classes" is "Asset class", "Tickers" "Ticker", "Industries" "Industry".
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"), strings.HasSuffix(s, "xes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss"):
		return s[:len(s)-1]
	}
	return s
}

// reservedPaths are the first segments of the site's own pages, which no
// taxonomy may take.
var reservedPaths = []string{"archive", "search", "subscribe", "page", "js", "css", "posts", "data"}

func (c *Config) validateTaxonomies(bad func(key, format string, args ...any)) {
	for _, k := range slices.Sorted(maps.Keys(c.Taxonomies)) {
		t := c.Taxonomies[k]
		key := "taxonomies." + k
		seg := strings.ReplaceAll(k, "_", "-")
		switch {
		case !taxonomyKeyRe.MatchString(k):
			bad(key, "%q must be lower-case letters, digits and underscores, starting with a letter, such as tickers or asset_classes", k)
		case slices.Contains(reservedPaths, seg):
			bad(key, "%q would take the site path /%s/, which tearsheet uses: choose another name", k, seg)
		}
		if t.PerPage != 0 && (t.PerPage < 1 || t.PerPage > 1000) {
			bad(key+".perPage", "%d must be between 1 and 1000", t.PerPage)
		}
		for i, term := range t.Terms {
			if strings.TrimSpace(term) == "" {
				bad(key+".terms", "entry %d is empty", i+1)
			}
		}
	}
}
