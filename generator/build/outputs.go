package build

import (
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/site"
	"github.com/tearsheet/tearsheet/generator/sitemap"
)

// This file is how a build finds the outputs an earlier build made and
// keeps the ones it makes: one key and one way for both stores.
//
// Every page a template renders and every feed is keyed by its data
// (outKey): the data walked by a viewHasher, in which each article view,
// and the site view, stands in by its key (known): a Session's key of the
// view, or the page cache's id of the article. The store is a Session's
// in memory (tearsheet serve), which keeps each output's bytes with the
// key under the output's name (caches.lookup, keepPage), or the page
// cache on disk (tearsheet build), which keeps the key, mixed with its
// global key and the output's name, and the file as written, which the
// destination holds (pageCache.keepFile, recordFile). A build without
// either keys nothing. An article's own files (its page, its charts'
// pages, its email edition) are kept with the article in either store: a
// Session's with the article's view (keepOwn), without a key of their
// own; the page cache's with the article's id.

// hasher returns a key maker for one worker; nil without a store.
func (b *builder) hasher() *viewHasher {
	switch {
	case b.cache != nil:
		return b.cache.hasher()
	case b.pages != nil:
		return newViewHasher(b.pages.known)
	}
	return nil
}

// outKey returns the key of data, a page of the kind (its template) or a
// feed ("feed-" and its format); the zero key without a store (vh nil) or
// when data cannot be keyed. once says the data is let go after this (see
// viewHasher.sumOnce).
func outKey(vh *viewHasher, kind string, data any, once bool) key {
	if vh == nil {
		return key{}
	}
	sum := vh.sum
	if once {
		sum = vh.sumOnce
	}
	k, _ := sum(kind, data) // zero when not ok
	return k
}

// made returns the bytes of out when an earlier build made it from what k
// stands for, and keeps it for the next build; nil with ok when the
// destination holds it as written, which the caller counts.
func (b *builder) made(out string, k key) (data []byte, ok bool) {
	if k == (key{}) {
		return nil, false
	}
	if b.cache != nil {
		data = b.cache.lookup("out", out, k)
		return data, data != nil
	}
	return nil, b.pages.keepFile(out, k)
}

// writeMade writes data, just made for out from what k stands for, and
// keeps it for the next build.
func (b *builder) writeMade(out string, k key, data []byte) error {
	if kept := b.cache.keepPage("out", out, k, data); kept != nil {
		// Nothing changes the kept bytes: the preview's memory shares them.
		return b.putShared(out, kept)
	}
	if err := b.put(out, data); err != nil {
		return err
	}
	b.pages.recordFile(out, k)
	return nil
}

// keepOwn writes data, just made for out, one of an article's own files
// in a Session, and keeps it in f, the article's slot for it (see
// ownFiles). The caller gives data up: no one changes it.
func (b *builder) keepOwn(f *ownFile, out string, data []byte) error {
	if err := b.putShared(out, data); err != nil {
		return err
	}
	f.data, f.made = data, true
	return nil
}

// putOwn writes the files an article keeps of its own, every one made.
func (b *builder) putOwn(x *ownFiles) error {
	for k, f := range x.files {
		if err := b.putShared(x.names[k], f.data); err != nil {
			return err
		}
	}
	return nil
}

// sitemapFiles makes sitemap.xml, or takes it from the store when an
// earlier build made it from the same pages with the same dates (it is
// keyed by them, not by its data: the views it is made from are many).
// When the site has more URLs than one sitemap may hold (sitemap.Split),
// sitemap.xml is a sitemap index of sitemap-1.xml, sitemap-2.xml… beside
// it, which are keyed alike. A static sitemap.xml replaces them all: then
// they are neither made nor keyed; a static file named as a part is an
// error.
func (b *builder) sitemapFiles(v *views) ([]file, error) {
	if b.staticOuts()[site.SitemapFile] {
		return []file{{out: site.SitemapFile}}, nil // replaced: see writeFiles
	}
	limit := b.opts.sitemapURLs
	if limit <= 0 {
		limit = sitemap.MaxURLs
	}
	// By site path, made absolute below; room for the pages of the lists,
	// the articles, each with a chart's page, and the other pages.
	urls := make([]sitemap.URL, 0, v.listCount()+2*len(v.site.Articles)+len(v.site.Pages)+64)
	v.sitemapPages(func(sitePath string, lastmod time.Time) {
		urls = append(urls, sitemap.URL{Loc: sitePath, Lastmod: lastmod})
	})
	var k key
	if b.cache != nil || b.pages != nil {
		e := newEncoder("sitemap")
		for _, u := range urls {
			e.str(u.Loc) // made absolute with the same base URL
			if u.Lastmod.IsZero() {
				e.byte1(0)
			} else { // written as an instant, in UTC
				e.byte1(1)
				e.num(uint64(u.Lastmod.UnixNano()))
			}
		}
		e.num(uint64(limit))
		k = e.sum()
		if files, ok := b.sitemapKept(k); ok {
			return files, nil
		}
	}
	for i := range urls {
		urls[i].Loc = v.cfg.AbsURL(urls[i].Loc)
	}
	parts, err := sitemap.Split(urls, limit, sitemap.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	if len(parts) <= 1 {
		f, err := b.sitemapFile(site.SitemapFile, k, urls, sitemap.Write)
		return []file{f}, err
	}
	static := b.staticOuts()
	files := make([]file, 0, 1+len(parts))
	index := make([]sitemap.URL, len(parts))
	for n, part := range parts {
		out := sitemapPart(n + 1)
		if static[out] {
			return nil, fmt.Errorf("static/%s: the sitemap of this site's %d URLs is split into sitemap-1.xml to %s under the index sitemap.xml, and a static file has the name of one of them: rename it, or provide sitemap.xml too", out, len(urls), sitemapPart(len(parts)))
		}
		f, err := b.sitemapFile(out, k, part, sitemap.Write)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
		index[n] = sitemap.URL{Loc: v.cfg.AbsURL("/" + out), Lastmod: sitemap.Latest(part)}
	}
	f, err := b.sitemapFile(site.SitemapFile, k, index, sitemap.Index)
	return append(files, f), err
}

// sitemapKept returns sitemap.xml and the sitemaps it is the index of,
// sitemap-1.xml…, when an earlier build made them under the key k, which
// all of them share: the URLs are then neither made absolute nor split.
// A static file named as one of them is reported by making them again.
func (b *builder) sitemapKept(k key) ([]file, bool) {
	data, ok := b.made(site.SitemapFile, k)
	if !ok {
		return nil, false
	}
	var files []file
	static := b.staticOuts()
	for n := 1; ; n++ {
		out := sitemapPart(n)
		if static[out] {
			return nil, false // an error, which making them reports
		}
		part, ok := b.made(out, k)
		if !ok {
			break
		}
		files = append(files, file{out: out, data: part, kept: part == nil})
	}
	return append(files, file{out: site.SitemapFile, data: data, kept: data == nil}), true
}

// sitemapFile makes the file out, a sitemap or the index of sitemaps
// that write makes of urls, or takes it from the store under the key k.
func (b *builder) sitemapFile(out string, k key, urls []sitemap.URL, write func([]sitemap.URL) ([]byte, error)) (file, error) {
	if data, ok := b.made(out, k); ok {
		return file{out: out, data: data, kept: data == nil}, nil
	}
	data, err := write(urls)
	if err != nil {
		return file{out: out}, fmt.Errorf("%s: %w", out, err)
	}
	return file{out: out, data: data, key: k}, nil
}

// sitemapPart is the name of the nth sitemap (from 1) of a site whose
// sitemap.xml is an index.
func sitemapPart(n int) string { return "sitemap-" + strconv.Itoa(n) + ".xml" }

// idOf returns what article i of v stands in by in keys (articleID): a
// Session's id of its view, or the page cache's id of the article; false
// when there is none (no store, or an article the page cache does not
// keep).
func (b *builder) idOf(v *views, i int) (key, bool) {
	if b.cache != nil {
		if v.keep == nil || v.keep[i] == nil {
			return key{}, false
		}
		return v.keep[i].id, true
	}
	if b.pages != nil {
		return b.pages.id(i)
	}
	return key{}, false
}

// groupKey returns the key of the files made together from every
// article's part in the given kind (the search index): each article's id
// (idOf), in order, which is made from the global key. It is false when
// an article has no id (there is no store, say).
func (b *builder) groupKey(v *views, kind string) (key, bool) {
	n := len(b.site.Articles)
	e := newEncoder("group")
	e.str(kind)
	e.num(uint64(n))
	for i := range n {
		id, ok := b.idOf(v, i)
		if !ok {
			return key{}, false
		}
		e.key(id)
	}
	return e.sum(), true
}

// pointer is the address a viewHasher knows a view by.
func pointer(v any) uintptr { return reflect.ValueOf(v).Pointer() }

// put writes data, a file of the build, to its writer.
func (b *builder) put(name string, data []byte) error {
	if err := b.w.WriteFile(name, data); err != nil {
		return err
	}
	b.count(1)
	return nil
}

// claimChart records that the chart f.From writes f.Out. Two charts that
// would write one file (with a permalink ending in .html, the chart b-c
// of article a and the chart c of article a-b both make a-b-c.csv) are
// an error naming both, the same whichever claims first.
func (b *builder) claimChart(f figure.File) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	prev, ok := b.chartOuts[f.Out]
	if !ok {
		if b.chartOuts == nil {
			b.chartOuts = map[string]string{}
		}
		b.chartOuts[f.Out] = f.From
		return nil
	}
	if prev == f.From {
		return nil
	}
	first, second := min(prev, f.From), max(prev, f.From)
	return fmt.Errorf("%s: chart: output %s is also written by the chart at %s: give one of the charts another id", first, f.Out, second)
}

// count counts n files of the build.
func (b *builder) count(n int) { b.files.Add(int64(n)) }

// putShared writes data that will never change (a page a Session keeps):
// a writer that can keep it without copying does so.
func (b *builder) putShared(name string, data []byte) error {
	if sh, ok := b.w.(interface{ Share(string, []byte) error }); ok {
		if err := sh.Share(name, data); err != nil {
			return err
		}
		b.count(1)
		return nil
	}
	return b.put(name, data)
}
