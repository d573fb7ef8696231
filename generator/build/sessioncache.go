package build

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/feed"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/keep"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// caches is what a Session keeps between builds. A nil *caches keeps
// nothing: every method then does the plain work.
type caches struct {
	seed   maphash.Seed
	config []byte // site.yaml the caches were made with

	content *content.Cache
	site    *site.Cache

	themeName string
	themeSums [2]uint64 // of the templates and of the static files
	theme     *render.Theme

	docs  keep.Generations[string, *docEntry] // source path -> converted markdown
	pages keep.Generations[uint64, []byte]    // fingerprint of a template's data -> its HTML
	// feed content escaped for the feeds, by the fingerprint of its HTML
	// and URL (absKey); kept and let go with pages
	preps keep.Generations[uint64, *feed.Prepared]

	last     *lastBuild                              // nil when the next build cannot be quick
	articles keep.Generations[string, *articleEntry] // source path -> the article's view
	// The shapes of the pages of lists (see listPage), by output file,
	// and the fingerprint of the structure they were made with.
	shapes   map[string]uint64
	shapesOf uint64
	// index makes the search index again from the last one's terms.
	index search.Indexer
	// This build's fingerprints of the site view and every article view,
	// by pointer (see viewHasher.known), and of the site view alone.
	known   map[uintptr]uint64
	siteSum uint64
	stale   int // bytes quick builds added to pages (see mergeRender)
	// staleMax is the constant staleMax but in tests.
	staleMax int
	mu       sync.Mutex // guards slots
	// slots holds, by output (or "\x00feed " and an article's source
	// path, for its feed content), the key of what it holds now in pages
	// (and preps), which mergeRender keeps when it lets go of the rest.
	slots map[string]uint64
}

type docEntry struct {
	body []byte
	line int
	out  string
	png  bool
	// assets are the files of the page's bundle, which chart ids avoid
	// (figure.Page.Reserve)
	assets []string
	uses   []dataUse // the data the figures read
	doc    *markdown.Doc
	fig    *figure.Page
}

func newCaches() *caches {
	return &caches{seed: maphash.MakeSeed(), content: content.NewCache(), site: &site.Cache{}, staleMax: staleMax}
}

func (c *caches) contentCache() *content.Cache {
	if c == nil {
		return nil
	}
	return c.content
}

func (c *caches) siteCache() *site.Cache {
	if c == nil {
		return nil
	}
	return c.site
}

// loadTheme loads the theme again when a file of its templates/ or static/,
// layouts/ or static/ changed since the last load. Pages rendered before are
// forgotten only when a template changed: a stylesheet's new name reaches the
// pages through their data.
func (c *caches) loadTheme(fsys fs.FS, name string) (*render.Theme, error) {
	if c == nil {
		return render.Load(fsys, name)
	}
	root := path.Join(render.ThemesDir, name)
	var sums [2]uint64 // templates, static files
	for i, dirs := range [][]string{{path.Join(root, "templates"), render.LayoutsDir}, {path.Join(root, "static"), render.StaticDir}} {
		var h maphash.Hash
		h.SetSeed(c.seed)
		for _, dir := range dirs {
			if err := hashTree(&h, fsys, dir); err != nil {
				return nil, err
			}
		}
		sums[i] = h.Sum64()
	}
	if c.theme != nil && c.themeName == name && c.themeSums == sums {
		return c.theme, nil
	}
	t, err := render.Load(fsys, name)
	if err != nil {
		c.theme = nil
		return nil, err
	}
	if c.themeName != name || c.themeSums[0] != sums[0] {
		c.pages.Reset() // rendered with other templates
		c.articles.Reset()
	}
	c.theme, c.themeName, c.themeSums = t, name, sums
	return t, nil
}

// hashTree writes the paths and bytes of every file under dir into h, in
// walk order (sorted). A missing dir adds nothing.
func hashTree(h *maphash.Hash, fsys fs.FS, dir string) error {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		h.WriteString(p)
		h.WriteByte(0)
		h.WriteString(strconv.Itoa(len(b)))
		h.WriteByte(0)
		h.Write(b)
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", dir, err)
	}
	return nil
}

// doc returns the converted markdown of f, and its figures, from an earlier
// build, or nil. out and png are where the page is written and whether its
// charts get PNGs: the figures' files depend on both, and their ids on the
// files of the page's bundle.
func (c *caches) doc(b *builder, f *content.File, out string, png bool) (*markdown.Doc, *figure.Page) {
	if c == nil {
		return nil, nil
	}
	e, ok := c.docs.Look(f.Path)
	if !ok || e.line != f.BodyLine || e.out != out || e.png != png || !bytes.Equal(e.body, f.Body) ||
		!slices.Equal(e.assets, f.Assets) || !b.sameData(f.Path, e.uses) {
		return nil, nil
	}
	c.docs.Keep(f.Path, e)
	return e.doc, e.fig
}

// keepDoc remembers a successful conversion for the next build.
func (c *caches) keepDoc(b *builder, f *content.File, out string, png bool, d *markdown.Doc, fig *figure.Page, err error) {
	// Without figures (a theme that did not load) chart blocks were
	// converted as code: the build fails, and the next must convert again.
	if c == nil || err != nil || d == nil || b.figures == nil {
		return
	}
	uses, ok := b.dataUses(f.Path, fig)
	if !ok {
		return
	}
	c.docs.Keep(f.Path, &docEntry{body: f.Body, line: f.BodyLine, out: out, png: png, assets: f.Assets, doc: d, fig: fig, uses: uses})
}

// endConvert forgets the documents the build did not use.
func (c *caches) endConvert() {
	if c != nil {
		c.docs.End()
	}
}

// mergeConvert keeps the documents a quick build converted beside the
// others, which it did not look at.
func (c *caches) mergeConvert() { c.docs.Merge(nil) }

// hasher returns a fingerprinter for one render worker, or nil.
func (c *caches) hasher() *viewHasher {
	if c == nil {
		return nil
	}
	return &viewHasher{seed: c.seed, memo: map[uintptr]uint64{}, known: c.known}
}

// page returns the fingerprint of a template's data and, when an earlier
// build rendered the same data with the same templates, its HTML.
func (c *caches) page(vh *viewHasher, kind string, data any) (key uint64, html []byte) {
	if c == nil {
		return 0, nil
	}
	key, ok := vh.sum(kind, data)
	if !ok {
		return 0, nil
	}
	return key, c.lookup(key)
}

// lookup returns what an earlier build kept under key, or nil, and keeps it
// for the next build.
func (c *caches) lookup(key uint64) []byte {
	if c == nil || key == 0 {
		return nil
	}
	html, _ := c.pages.Get(key)
	return html
}

// keepPage remembers a page's HTML under its data's fingerprint.
func (c *caches) keepPage(key uint64, html []byte) []byte {
	if c == nil || key == 0 {
		return nil
	}
	kept := bytes.Clone(html)
	c.pages.Keep(key, kept)
	return kept
}

// prepared returns the feed content kept under key (see absKey), escaped
// for the feeds, or nil.
func (c *caches) prepared(key uint64) *feed.Prepared {
	if c == nil || key == 0 {
		return nil
	}
	p, _ := c.preps.Get(key)
	return p
}

// keepPrepared remembers feed content escaped for the feeds under key.
func (c *caches) keepPrepared(key uint64, p *feed.Prepared) {
	if c == nil || key == 0 {
		return
	}
	c.preps.Keep(key, p)
}

// endRender forgets the pages the build did not render.
func (c *caches) endRender() {
	if c == nil {
		return
	}
	c.pages.End()
	c.preps.End()
	c.known = nil // by pointer: good for one build only
	c.stale = 0
}

// mergeRender keeps the pages a quick build rendered beside the others,
// which it did not look at. Once what quick builds added adds up to
// staleMax bytes, it lets go of every page and feed content that no
// output holds any longer (see use): those the quick builds replaced.
func (c *caches) mergeRender() {
	c.pages.Merge(func(b []byte) { c.stale += len(b) })
	c.preps.Merge(nil)
	c.known = nil
	if c.stale <= c.staleMax {
		return
	}
	c.mu.Lock()
	live := make(map[uint64]bool, len(c.slots))
	for _, k := range c.slots {
		live[k] = true
	}
	c.mu.Unlock()
	held := func(k uint64) bool { return live[k] }
	c.pages.Retain(held)
	c.preps.Retain(held)
	c.stale = 0
}

// use records that the output slot (see caches.slots) holds what pages
// keeps under key now; 0 for nothing kept.
func (c *caches) use(slot string, key uint64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.slots == nil {
		c.slots = map[string]uint64{}
	}
	if key == 0 {
		delete(c.slots, slot)
		return
	}
	c.slots[slot] = key
}

// staleMax is how many bytes of pages and feeds quick builds add before
// mergeRender lets go of those they replaced: one edit of an article in
// the feeds adds a few hundred kilobytes.
const staleMax = 64 << 20

// startLists returns a slot for the shape of each job's page, index-aligned
// with jobs: filled with the shapes kept from the previous build when the
// structure of the site is the same, else zeros for listPage to fill.
func (c *caches) startLists(v *views, jobs []job) []uint64 {
	shapes := make([]uint64, len(jobs))
	sig := c.structureSum(v)
	if c.shapes == nil || c.shapesOf != sig {
		c.shapes, c.shapesOf = nil, sig
		return shapes
	}
	for i, j := range jobs {
		if j.list != nil {
			shapes[i] = c.shapes[j.out]
		}
	}
	return shapes
}

// endLists keeps the shapes of the pages of lists for the next build.
func (c *caches) endLists(jobs []job, shapes []uint64) {
	if c == nil || c.shapes != nil {
		return
	}
	c.shapes = make(map[string]uint64)
	for i, j := range jobs {
		if j.list != nil && shapes[i] != 0 {
			c.shapes[j.out] = shapes[i]
		}
	}
}

// structureSum fingerprints what the pages of lists show besides their
// articles: the site view, the number of articles (which paginates the home
// page), each tag's name, URL and number of articles, and each year's and
// month's number of articles. While it is unchanged, every list has the
// same pages with the same titles, descriptions, links and feeds, and only
// the articles on a page can differ.
func (c *caches) structureSum(v *views) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	var buf [8]byte
	num := func(n uint64) {
		binary.LittleEndian.PutUint64(buf[:], n)
		h.Write(buf[:])
	}
	str := func(s string) {
		num(uint64(len(s)))
		h.WriteString(s)
	}
	num(c.siteSum)
	num(uint64(len(v.site.Articles)))
	num(uint64(len(v.site.Home)))
	for _, terms := range allTerms(v.site) {
		num(uint64(len(terms)))
		for _, t := range terms {
			str(t.Name)
			str(t.Path)
			num(uint64(len(t.Articles)))
		}
	}
	num(uint64(len(v.site.Years)))
	for _, y := range v.site.Years {
		num(uint64(y.Year))
		str(y.Path)
		num(uint64(len(y.Articles)))
		num(uint64(len(y.Months)))
		for _, m := range y.Months {
			num(uint64(m.Month))
			str(m.Path)
			num(uint64(len(m.Articles)))
		}
	}
	return h.Sum64()
}

// listPage returns the fingerprint of the data of job j, a page of a list,
// and the data when this build had to make it to know the fingerprint. The
// fingerprint is made of the page's shape (the fingerprint of its data
// without its articles, kept in *shape while the structure of the site is
// unchanged) and the fingerprints of the article views it shows, so a page
// whose shape is known costs no data and no walk of its views.
func (c *caches) listPage(vh *viewHasher, v *views, j job, shape *uint64) (uint64, *render.Data) {
	var d *render.Data
	if *shape == 0 {
		d = j.list()
		items, charts := d.List.Items, d.Charts // made of the items' views
		d.List.Items, d.Charts = nil, nil
		sum, ok := vh.sumOnce(j.kind, d)
		d.List.Items, d.Charts = items, charts
		if !ok {
			return 0, d
		}
		*shape = sum
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("list\x00")
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], *shape)
	h.Write(buf[:])
	binary.LittleEndian.PutUint64(buf[:], uint64(len(j.items)))
	h.Write(buf[:])
	for _, p := range j.items {
		binary.LittleEndian.PutUint64(buf[:], v.keep[p.Index].sum)
		h.Write(buf[:])
	}
	return h.Sum64(), d
}

// sitemap is views.sitemap, reusing the bytes of an earlier build whose
// pages and dates were the same.
func (c *caches) sitemap(v *views) ([]byte, error) {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString("sitemap\x00")
	var buf [8]byte
	v.sitemapPages(func(sitePath string, lastmod time.Time) {
		h.WriteString(sitePath) // made absolute with the same base URL
		h.WriteByte(0)
		if !lastmod.IsZero() { // written as an instant, in UTC
			binary.LittleEndian.PutUint64(buf[:], uint64(lastmod.UnixNano()))
			h.Write(buf[:])
		}
		h.WriteByte(0)
	})
	key := h.Sum64()
	c.use(site.SitemapFile, key)
	if b := c.lookup(key); b != nil {
		return b, nil
	}
	b, err := v.sitemap()
	if err != nil {
		return nil, err
	}
	return c.keepPage(key, b), nil
}

// emailKey fingerprints what the content of an article's email edition is
// made from (emailContent): the URL its links are made absolute against,
// the article's HTML, and each chart it swaps for partials/email-figure.html
// (whose templates a change of drops every kept page); 0 without a Session
// or when a chart cannot be fingerprinted.
func (c *caches) emailKey(permalink string, html []byte, fig *figure.Page) uint64 {
	if c == nil {
		return 0
	}
	h := c.hashOf("email-content", permalink, html)
	if fig != nil {
		vh := c.hasher()
		var buf [8]byte
		for k := range fig.Swaps {
			if k >= len(fig.Charts) {
				break
			}
			sum, ok := vh.elem(fig.Charts[k])
			if !ok {
				return 0
			}
			binary.LittleEndian.PutUint64(buf[:], sum)
			h.Write(buf[:])
		}
	}
	return h.Sum64()
}

// textKey fingerprints an email edition's HTML, which its plain-text part
// is made from alone; 0 without a Session.
func (c *caches) textKey(html []byte) uint64 {
	if c == nil {
		return 0
	}
	h := c.hashOf("email-text", "", html)
	return h.Sum64()
}

// hashOf starts the fingerprint of a value of the kind made from a URL
// and bytes.
func (c *caches) hashOf(kind, url string, b []byte) *maphash.Hash {
	h := &maphash.Hash{}
	h.SetSeed(c.seed)
	h.WriteString(kind)
	h.WriteByte(0)
	h.WriteString(url)
	h.WriteByte(0)
	h.Write(b)
	return h
}

// absKey fingerprints an article's feed HTML and the URL its links are
// made absolute against, for feedContent.
func (c *caches) absKey(permalink string, html []byte) uint64 {
	return c.hashOf("feed-content", permalink, html).Sum64()
}
