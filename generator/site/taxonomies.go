package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

// Taxonomy is one way of grouping articles (tags, authors, tickers…) with
// its terms. Tags are the first of a site's taxonomies, authors the second.
type Taxonomy struct {
	config.Taxonomy
	Terms []*Tag // sorted by slug
}

// Taxonomy returns the taxonomy of the key (tags, tickers), nil for none.
func (s *Site) Taxonomy(key string) *Taxonomy {
	for _, tx := range s.Taxonomies {
		if tx.Key == key {
			return tx
		}
	}
	return nil
}

// authorsOf returns the authors of f: its front matter's authors, else its
// author, else site.yaml's author; none when all are empty.
func authorsOf(f *content.File, cfg *config.Config) []string {
	var out []string
	names := f.Meta.Authors
	if len(names) == 0 {
		names = f.Meta.Author
	}
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	if len(out) == 0 && strings.TrimSpace(cfg.Author) != "" {
		out = []string{strings.TrimSpace(cfg.Author)}
	}
	return out
}

// JoinNames joins names as a byline does: "A", "A and B", "A, B and C".
func JoinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// namesOf returns the names p's front matter gives for the taxonomy key.
func namesOf(p *Page, key string) []string {
	switch key {
	case config.TagsKey:
		return p.File.Meta.Tags
	case config.AuthorsKey:
		return p.Authors
	}
	return p.File.Meta.Of(key)
}

// termsAt is where p's front matter names its terms of the taxonomy key:
// file:line, or the file when the line is not known.
func termsAt(p *Page, key string) string {
	line := 0
	switch key {
	case config.TagsKey:
		line = p.File.TagsLine
	case config.AuthorsKey:
		line = p.File.AuthorLine
	default:
		if i := slices.IndexFunc(p.File.Meta.Terms, func(t content.Terms) bool { return t.Key == key }); i >= 0 {
			line = p.File.Meta.Terms[i].Line
		}
	}
	return place(p.File.Path, line)
}

// taxonomies groups the articles by the terms of each taxonomy, by slug.
// Two spellings with one slug ("S&P 500" and "s and p 500") are one term
// named by its first spelling in article order, and a warning says so. A
// taxonomy of site.yaml whose key is a fixed front-matter key is an error.
func (s *Site) taxonomies() []error {
	var errs []error
	fixed := content.MetaKeys()
	for _, ct := range s.Config.TaxonomyList() {
		if ct.Key != config.TagsKey && ct.Key != config.AuthorsKey && slices.Contains(fixed, ct.Key) {
			errs = append(errs, s.Config.KeyError("taxonomies."+ct.Key, fmt.Errorf("%q is a front-matter key of its own (keys: %s): choose another name", ct.Key, strings.Join(fixed, ", "))))
			continue
		}
		s.Taxonomies = append(s.Taxonomies, &Taxonomy{Taxonomy: ct})
	}
	k := len(s.Taxonomies)
	backing := make([][]*Tag, k*len(s.Articles)) // one allocation for every article's
	for i, p := range s.Articles {
		p.Terms = backing[i*k : (i+1)*k : (i+1)*k]
	}
	for ti, tx := range s.Taxonomies {
		s.group(ti, tx)
	}
	s.Tags = s.Taxonomies[0].Terms
	for _, p := range s.Articles {
		p.Tags = p.Terms[0]
	}
	return errs
}

// group fills the terms of the taxonomy tx, the ti-th of the site.
func (s *Site) group(ti int, tx *Taxonomy) {
	bySlug := map[string]*Tag{}
	slugs := map[string]string{} // name -> slug: a site has few terms, used many times
	// The name and term of the last lookup: consecutive articles often
	// share a term (a site with one author: all of them).
	var prevName string
	var prev *Tag
	var merged []*merge // other spellings of terms, in order of appearance
	type spelling struct {
		name string
		t    *Tag
	}
	mergedBy := map[spelling]*merge{}
	mergeOf := func(p *Page, name string, t *Tag) {
		k := spelling{name, t}
		m := mergedBy[k]
		if m == nil {
			m = &merge{name: name, t: t}
			mergedBy[k] = m
			merged = append(merged, m)
		}
		m.pages = append(m.pages, p)
	}
	for _, p := range s.Articles {
		for _, name := range namesOf(p, tx.Key) {
			if prev != nil && name == prevName && !slices.Contains(p.Terms[ti], prev) {
				prev.Articles = append(prev.Articles, p)
				p.Terms[ti] = append(p.Terms[ti], prev)
				continue
			}
			raw := name
			name = strings.TrimSpace(name)
			slug, ok := slugs[name]
			if !ok {
				slug = slugify(name)
				slugs[name] = slug
			}
			if slug == "" {
				continue
			}
			if i := slices.IndexFunc(p.Terms[ti], func(t *Tag) bool { return t.Slug == slug }); i >= 0 {
				// Two spellings in one article ("C++" and "C"): one
				// term, as across articles, and a warning says so.
				if t := p.Terms[ti][i]; t.Name != name {
					mergeOf(p, name, t)
				}
				continue
			}
			t := bySlug[slug]
			if t == nil {
				t = &Tag{Taxonomy: tx, Name: name, Slug: slug, Path: tx.Path + slug + "/"}
				bySlug[slug] = t
				tx.Terms = append(tx.Terms, t)
			} else if t.Name != name {
				mergeOf(p, name, t)
			}
			if t.Name == name {
				prevName, prev = raw, t
			}
			t.Articles = append(t.Articles, p)
			p.Terms[ti] = append(p.Terms[ti], t)
		}
	}
	sort.Slice(tx.Terms, func(i, j int) bool { return tx.Terms[i].Slug < tx.Terms[j].Slug })
	s.merges = append(s.merges, merged...)
}

// merge is another spelling of a term that makes the term's page, and
// the articles that write it so.
type merge struct {
	name  string
	t     *Tag
	pages []*Page
}

// mergeWarnings appends a warning for each merge of s to its warnings,
// which name the lines of the files that write the terms: Edit makes
// them again with the edited files.
func (s *Site) mergeWarnings() {
	for _, m := range s.merges {
		s.Warnings = append(s.Warnings, m.warning())
	}
}

// mergedListed is how many more files a merge's warning names.
const mergedListed = 3

// warning says where a term is written another way than the one that
// names its page (its newest article's), once however many articles do:
// a site whose archive writes "equities" gets one warning when a new
// article writes "Equities", not one per old article.
func (m *merge) warning() string {
	key, noun := m.t.Taxonomy.Key, m.t.Taxonomy.Noun
	w := fmt.Sprintf("%s: %s %q is merged with %q of %s (both make %s)", termsAt(m.pages[0], key), noun, m.name, m.t.Name, termsAt(m.t.Articles[0], key), m.t.Path)
	if rest := m.pages[1:]; len(rest) > 0 {
		var at []string
		for _, p := range rest[:min(len(rest), mergedListed)] {
			at = append(at, termsAt(p, key))
		}
		listed := strings.Join(at, ", ")
		if len(rest) > mergedListed {
			listed += fmt.Sprintf(" and %d more", len(rest)-mergedListed)
		}
		articles := "articles"
		if len(rest) == 1 {
			articles = "article"
		}
		w += fmt.Sprintf(", and so in %d other %s (%s)", len(rest), articles, listed)
	}
	return w + ": write the " + noun + " one way"
}

// SlugOf is the slug of a term's name, which its URL ends with.
func SlugOf(name string) string { return slugify(strings.TrimSpace(name)) }

// EachTerm calls f with every term of every taxonomy, taxonomy by taxonomy.
func (s *Site) EachTerm(f func(t *Tag)) {
	for _, tx := range s.Taxonomies {
		for _, t := range tx.Terms {
			f(t)
		}
	}
}
