package build

import (
	"strings"

	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file makes the full-text search index (package search) under
// site.SearchDir. A plain build prepares each article's part when it
// renders the article's page (or takes its sections from the page cache);
// a Session prepares it with the article's view and keeps it while the
// view is kept. Either way the index is made from the prepared parts, in
// the order of the articles, so both give the same bytes.

// findDoc is article view a, whose body has the sections secs, as the
// search index sees it.
func findDoc(a *render.ArticleView, secs []search.Section) search.Doc {
	d := search.Doc{URL: a.URL, Title: a.Title, Date: a.Date.Format("2006-01-02"), Summary: a.SummaryText, Sections: secs}
	// Terms of every taxonomy (tickers, authors) weigh as tags do.
	for _, t := range a.Tags {
		d.Tags = append(d.Tags, t.Name)
	}
	for _, t := range a.Authors {
		d.Tags = append(d.Tags, t.Name)
	}
	for _, x := range a.Terms {
		for _, t := range x.Terms {
			d.Tags = append(d.Tags, t.Name)
		}
	}
	return d
}

// searchFiles makes the index's files from the prepared part of every
// article of v, in order: a plain build's made while rendering, a
// Session's kept with the article views (its Indexer encodes again only
// the terms of the articles that changed).
func (b *builder) searchFiles(v *views) []file {
	var idx []search.File
	var k key
	if b.cache == nil {
		// Every article unchanged: the index the last build made.
		var ok bool
		if k, ok = b.pages.groupKey("search", len(b.find)); ok {
			if files, ok := b.pages.keepGroup(k); ok {
				return files
			}
		}
		idx = search.Index(b.find)
	} else {
		prepared := make([]*search.Prepared, len(v.keep))
		for i, e := range v.keep {
			prepared[i] = e.find
		}
		idx = b.cache.index.Index(prepared)
	}
	files := make([]file, len(idx))
	for i, f := range idx {
		files[i] = file{out: site.SearchDir + f.Name, data: f.Data, key: k, group: len(idx)}
	}
	if b.cache != nil {
		made := make(map[string][]byte, len(files))
		for _, f := range files {
			made[f.out] = f.data
		}
		b.cache.search = made
	}
	return files
}

// isSearchFile reports whether out is a file of the search index:
// index.json or a JSON file directly in t/, d/ or f/ (not the search page,
// search/index.html, nor a page of the site's own under search/).
func isSearchFile(out string) bool {
	rest, ok := strings.CutPrefix(out, site.SearchDir)
	if !ok || !strings.HasSuffix(rest, ".json") {
		return false
	}
	if rest == "index.json" {
		return true
	}
	dir, name, ok := strings.Cut(rest, "/")
	return ok && (dir == "t" || dir == "d" || dir == "f") && !strings.Contains(name, "/")
}

// putFragment prepares article i's part of the index (a plain build) and
// writes its fragment now, so that the build keeps only its words.
func (b *builder) putFragment(i int, d search.Doc) (string, error) {
	p := search.Prepare(d)
	f := p.TakeFragment()
	b.find[i] = p
	return site.SearchDir + f.Name, b.put(site.SearchDir+f.Name, f.Data)
}
