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
// article of v, in order (a plain build's made while rendering, a
// Session's kept with the article views), or takes them from the store
// when an earlier build made them from the same articles: the index is
// keyed by their ids (groupKey).
func (b *builder) searchFiles(v *views) []file {
	k, keyed := b.groupKey(v, "search")
	var idx []search.File
	if b.cache == nil {
		if keyed {
			if files, ok := b.pages.keepGroup(k); ok {
				return files
			}
		}
		idx = search.Index(b.find)
	} else {
		idx = b.cache.searchIndex(v, k)
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

// searchIndex returns a Session's search index of the articles of v,
// whose ids make k (zero: not keyed): the stored one when it was made
// from the same articles, else the one the stored Indexer makes, which
// is then kept under k. The Indexer goes with the index it made: it is
// not part of the value, only what makes the next one quicker (its output
// is search.Index's whatever it indexed last), so the next build takes
// it over.
func (c *caches) searchIndex(v *views, k key) []search.File {
	pk := pathKey("search", "")
	if s, ok := c.store.GetIf(pk, func(s stored) bool { return s.search != nil && k != (key{}) && s.search.from == k }); ok {
		return s.search.files
	}
	ix := &search.Indexer{}
	if s, ok := c.store.Look(pk); ok && s.search != nil {
		ix = s.search.ix
	}
	prepared := make([]*search.Prepared, len(v.keep))
	for i, e := range v.keep {
		prepared[i] = e.find
	}
	files := ix.Index(prepared)
	c.store.Keep(pk, stored{search: &searchEntry{from: k, files: files, ix: ix}})
	return files
}

// searchEntry is a Session's search index: its files, made from the
// articles whose ids make from (groupKey), with the Indexer that made
// them (see searchIndex).
type searchEntry struct {
	from  key
	files []search.File
	ix    *search.Indexer
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
