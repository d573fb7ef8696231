package build

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file makes the views of taxonomies: tags, authors and those of
// site.yaml (tickers, asset classes) are one mechanism, an index with every
// term and its count, a paginated page and feeds per term. Only this
// sets them apart: tags keep their page kinds (tags, tag), authors get
// JSON-LD Person, and the pages of tickers list the charts naming them.

// tickersKey is the taxonomy a chart series' ticker names a term of.
const tickersKey = "tickers"

// schemaOf is what front matter may hold for the site of cfg.
func schemaOf(cfg *config.Config) content.Schema {
	return content.Schema{Location: cfg.Location, Taxonomies: contentTaxonomies(cfg)}
}

// contentTaxonomies lists cfg's taxonomies as front matter sees them.
func contentTaxonomies(cfg *config.Config) []content.Taxonomy {
	var out []content.Taxonomy
	for _, t := range cfg.TaxonomyList() {
		out = append(out, content.Taxonomy{Key: t.Key, Terms: t.Terms})
	}
	return out
}

// pageKinds are the page kinds of a taxonomy's index and term pages.
func pageKinds(tx *site.Taxonomy) (index, term string) {
	if tx.Key == config.TagsKey {
		return "tags", "tag"
	}
	return "terms", "term"
}

func (v *views) taxonomyView(tx *site.Taxonomy) *render.TaxonomyView {
	return &render.TaxonomyView{
		Key: tx.Key, Title: tx.Title, Singular: tx.Singular,
		Noun: strings.ToLower(tx.Singular), Nouns: strings.ToLower(tx.Title),
		URL: v.cfg.RelURL(tx.Path),
	}
}

// allTerms returns the views of every taxonomy's terms with their counts
// and feeds, index-aligned with site.Taxonomies, each in slug order.
func (v *views) allTerms() [][]render.TermView {
	out := make([][]render.TermView, len(v.site.Taxonomies))
	for i, tx := range v.site.Taxonomies {
		out[i] = make([]render.TermView, 0, len(tx.Terms))
		for _, t := range tx.Terms {
			out[i] = append(out[i], render.TermView{
				Name:  t.Name,
				URL:   v.cfg.RelURL(t.Path),
				Count: len(t.Articles),
				Feeds: v.feedViews(termFeedTitle(v.cfg.Title, t), t.Path),
			})
		}
	}
	return out
}

// taxonomyJob returns the index page of tx, listing terms.
func (v *views) taxonomyJob(tx *site.Taxonomy, terms []render.TermView) job {
	kind, _ := pageKinds(tx)
	desc := fmt.Sprintf("Every %s of the research, with its articles and feeds.", strings.ToLower(tx.Singular))
	if tx.Key == config.TagsKey {
		desc = "Every topic of the research, with its articles and feeds."
	}
	d := &render.Data{Site: v.sv, Terms: terms, Taxonomy: v.taxonomyView(tx), Page: v.meta(kind, tx.Title, desc, tx.Path)}
	return job{out: site.OutFile(tx.Path), kind: "tags", data: d}
}

// termFeedTitle is the title of a term's feeds: "Research: Equities" for a
// tag, "Research: Ticker IWM" for another taxonomy's term.
func termFeedTitle(siteTitle string, t *site.Tag) string {
	if t.Taxonomy == nil || t.Taxonomy.Key == config.TagsKey {
		return siteTitle + ": " + t.Name
	}
	return siteTitle + ": " + t.Taxonomy.Singular + " " + t.Name
}

// termDescription says what the articles of the term t have in common.
func termDescription(t *site.Tag) string {
	switch t.Taxonomy.Key {
	case config.TagsKey:
		return "Research tagged " + t.Name
	case config.AuthorsKey:
		return "Research by " + t.Name
	}
	return "Research on " + strings.ToLower(t.Taxonomy.Singular) + " " + t.Name
}

// termPage is the data of page pg of the term t of tx, whose view is tv.
func (v *views) termPage(tx *site.Taxonomy, t *site.Tag, tv render.TermView, pg site.Pager) *render.Data {
	_, kind := pageKinds(tx)
	n := len(t.Articles)
	desc := fmt.Sprintf("%s: %d %s.", termDescription(t), n, plural(n, "article", "articles"))
	d := v.listPage(kind, t.Name, desc, pg, t.Articles)
	d.Taxonomy = v.taxonomyView(tx)
	d.List.Feed = tv.Feeds[0].URL
	d.Page.Feeds = append(append([]render.FeedView(nil), tv.Feeds...), v.sv.Feeds...)
	if tx.Key == tickersKey {
		for _, a := range d.List.Items {
			for _, c := range a.Charts {
				for _, name := range c.Tickers {
					if site.SlugOf(name) == t.Slug {
						d.Charts = append(d.Charts, c)
						break
					}
				}
			}
		}
	}
	if tx.Key == config.AuthorsKey {
		d.Page.JSONLD = jsonLD(ldProfile{Context: "https://schema.org", Type: "ProfilePage", URL: v.cfg.AbsURL(pg.Path),
			Main: ldThing{Type: "Person", Name: t.Name, URL: v.cfg.AbsURL(t.Path)}})
	}
	return d
}

// articleTerms sets the authors and terms of a, the view of p.
func (v *views) articleTerms(a *render.ArticleView, p *site.Page) {
	for xi, tx := range v.site.Taxonomies {
		if xi >= len(p.Terms) || len(p.Terms[xi]) == 0 || tx.Key == config.TagsKey {
			continue
		}
		var links []render.LinkView
		for _, t := range p.Terms[xi] {
			links = append(links, render.LinkView{Name: t.Name, URL: v.cfg.RelURL(t.Path)})
		}
		if tx.Key == config.AuthorsKey {
			a.Authors = links
			continue
		}
		a.Terms = append(a.Terms, render.TermsView{Key: tx.Key, Title: tx.Title, Singular: tx.Singular, Terms: links})
	}
}

// ldProfile is the JSON-LD of an author's page.
type ldProfile struct {
	Context string  `json:"@context"`
	Type    string  `json:"@type"`
	URL     string  `json:"url"`
	Main    ldThing `json:"mainEntity"`
}

// allTerms returns the terms of each taxonomy of s.
func allTerms(s *site.Site) [][]*site.Tag {
	out := make([][]*site.Tag, len(s.Taxonomies))
	for i, tx := range s.Taxonomies {
		out[i] = tx.Terms
	}
	return out
}

// chartLinks are the links of the charts of tickers of the article a.
func chartLinks(a *render.ArticleView, charts []figure.TickerChart) []render.ChartLinkView {
	var out []render.ChartLinkView
	for _, c := range charts {
		out = append(out, render.ChartLinkView{Title: c.Title, URL: a.URL + "#" + c.ID, Article: a.Title, Tickers: c.Tickers})
	}
	return out
}

// checkTickers checks that every ticker a chart series names is one of
// its article's tickers (front matter tickers), so that the ticker's page,
// which lists the article, links the chart.
func (b *builder) checkTickers() []error {
	var errs []error
	xi := slices.IndexFunc(b.site.Taxonomies, func(tx *site.Taxonomy) bool { return tx.Key == tickersKey })
	for i, p := range b.site.Articles {
		if i >= len(b.pageFig) || b.pageFig[i] == nil {
			continue
		}
		for _, c := range b.pageFig[i].Tickers {
			for _, name := range c.Tickers {
				if xi < 0 {
					errs = append(errs, fmt.Errorf("%s:%d: chart: series ticker %q needs a taxonomy tickers in site.yaml (taxonomies: {tickers: {}})", p.File.Path, c.Line, name))
					continue
				}
				slug := site.SlugOf(name)
				if !slices.ContainsFunc(p.Terms[xi], func(t *site.Tag) bool { return t.Slug == slug }) {
					errs = append(errs, fmt.Errorf("%s:%d: chart: series ticker %q is not one of the article's tickers (%s): add it to tickers in the front matter", p.File.Path, c.Line, name, termNames(p.Terms[xi])))
				}
			}
		}
	}
	return errs
}

func termNames(terms []*site.Tag) string {
	if len(terms) == 0 {
		return "none"
	}
	var names []string
	for _, t := range terms {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

// authorsLD is a JSON-LD Person for each author of p, with the URL of
// their page.
func (v *views) authorsLD(p *site.Page) []ldThing {
	var out []ldThing
	for xi, tx := range v.site.Taxonomies {
		if tx.Key == config.AuthorsKey && xi < len(p.Terms) {
			for _, t := range p.Terms[xi] {
				out = append(out, ldThing{Type: "Person", Name: t.Name, URL: v.cfg.AbsURL(t.Path)})
			}
		}
	}
	return out
}

// appendTickers appends the page cache's encoding of charts to b.
func appendTickers(b []byte, charts []figure.TickerChart) []byte {
	b = binenc.AppendUint(b, uint64(len(charts)))
	for _, t := range charts {
		b = binenc.AppendStrings(b, []string{t.ID, t.Title})
		b = binenc.AppendStrings(b, t.Tickers)
		b = binenc.AppendUint(b, uint64(t.Line))
	}
	return b
}

// decodeTickers reads what appendTickers wrote.
func decodeTickers(r *binenc.Reader) []figure.TickerChart {
	var out []figure.TickerChart
	for range r.Count() {
		var t figure.TickerChart
		if s := r.Strings(); len(s) == 2 {
			t.ID, t.Title = s[0], s[1]
		}
		t.Tickers = r.Strings()
		t.Line = int(r.Uint())
		out = append(out, t)
	}
	return out
}
