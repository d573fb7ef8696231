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
					s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %s %q is merged with %q (both make %s)", p.File.Path, tx.Noun, name, t.Name, t.Path))
				}
				continue
			}
			t := bySlug[slug]
			if t == nil {
				t = &Tag{Taxonomy: tx, Name: name, Slug: slug, Path: tx.Path + slug + "/"}
				bySlug[slug] = t
				tx.Terms = append(tx.Terms, t)
			} else if t.Name != name {
				s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %s %q is merged with %q (both make %s)", p.File.Path, tx.Noun, name, t.Name, t.Path))
			}
			if t.Name == name {
				prevName, prev = raw, t
			}
			t.Articles = append(t.Articles, p)
			p.Terms[ti] = append(p.Terms[ti], t)
		}
	}
	sort.Slice(tx.Terms, func(i, j int) bool { return tx.Terms[i].Slug < tx.Terms[j].Slug })
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
