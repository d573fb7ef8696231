package build

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"errors"
	"fmt"
	"html/template"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/search"
	"github.com/tearsheet/tearsheet/generator/site"
)

// The page cache lets a build skip the articles that have not changed since
// the last build into the same destination: their markdown is not
// converted, their charts not computed, their pages not rendered, and their
// files not written. For each article it keeps a key of everything the
// article's files are made from, the names and SHA-256 of those files, and
// what lists, feeds, the search index and the data catalogue need of the
// article (its card, archive item, summary, table of contents, feed
// content, its words weighed for the index, and the datasets its charts
// and inline figures read). Other pages and feeds are kept by the key of
// their data (outKey, outputs.go), in which each article they show stands
// in by its id (know), with the global key (fileKey).
//
// An article is taken from the cache when all of these hold:
//   - the key is the same: the code (the executable's build ID), the Go
//     release, the theme, site.yaml, the build's options, the site view,
//     the source file's bytes, where the page is written, whether its
//     charts get PNG copies, the files of its bundle (chart ids avoid
//     their names) and the sizes of its images (its email edition's img
//     tags give them), and what its view takes from the site's layout
//     (appendLayout: title, author, URL, dates, terms, previous/next and
//     related articles, revisions), as a Session checks it;
//   - every data name its figures read resolves to the same file, whose
//     content has the same SHA-256;
//   - the destination holds each of its files as the last build wrote it
//     (output.Stage.Keep: the manifest's hash and what lstat says).
//
// An article a feed carries is taken from the cache with its feed content,
// kept by the build that made it. Articles with front-matter claims are
// always made again: their claims are checked against the data on every
// build.
const pageCacheFormat = "tearsheet page cache 15\n"

// keeper is a writer that can keep files of its last build (output.Stage).
type keeper interface {
	Keep(files []output.Kept) bool
	Kept(name string) (output.Kept, bool)
}

// pageEntry is what a build keeps of one article for the next build.
type pageEntry struct {
	Out      string
	Key      key
	Uses     []dataUse
	Files    []output.Kept // the page, then its own other files (charts' CSV and PNG, search fragment…)
	Doc      markdown.Doc  // without HTML
	FirstPNG string
	// FirstPNGSize and FirstAlt are the first chart PNG's size in bytes
	// and its description (figure.Page's).
	FirstPNGSize int64
	FirstAlt     string
	FirstPNGDims figure.PNGDims
	Charts       []string // the ids of its charts, for the sitemap
	// ChartUses and Inline are what the data catalogue needs: the
	// datasets each chart reads, and those its inline figures read.
	ChartUses []figure.ChartUse
	Inline    []string
	// Exprs are its inline figures' expressions, which figures.lock's
	// record of a published article is compared with.
	Exprs             []string
	Card, Item, Entry string // its lines in lists (see renderCard)
	// Feed is the article's content in feeds, "" until a feed carried it.
	Feed string
	// Find is the article's part of the search index, its fragment taken:
	// the fragment file is one of Files.
	Find    *search.Prepared
	Tickers []figure.TickerChart // its charts that name tickers
	// Cached are the keys of the chart cache its charts read, which a
	// build taking it from the page cache marks used.
	Cached []string

	id key // see pageCache.id; set once the entry is this build's
}

// pageCache is the page cache of one build.
type pageCache struct {
	file   string
	global key
	keep   keeper
	old    map[string]*pageEntry // the last build's, by output
	next   []*pageEntry          // this build's, index-aligned with site.Articles
	hits   atomic.Int64

	// Other pages and feeds, keyed by their data (outKey, fileKey).
	oldFiles  map[string]*fileEntry
	mu        sync.Mutex
	nextFiles map[string]*fileEntry
	// known is what the views stand in by in the keys of pages and feeds
	// (know), read-only once the articles are converted.
	known map[uintptr]key
}

// fileEntry is what a build keeps of a page or feed other than an
// article's for the next build: its key and the file as written. Group is
// the number of files made together under the key (the files of the
// search index), 0 for a file made on its own.
type fileEntry struct {
	Key   key
	File  output.Kept
	Group int
}

// pageCacheFile is a page cache file as read, and the identity of the
// executable reading it.
type pageCacheFile struct {
	global  key
	entries []*pageEntry
	files   []*fileEntry
	exe     []byte
	err     error
}

// readPageCacheFile reads the page cache file and the executable's identity
// while the build loads the site, and returns what gives them.
func readPageCacheFile(file string, exe func() ([]byte, error)) func() pageCacheFile {
	if file == "" {
		return func() pageCacheFile { return pageCacheFile{err: errors.New("no page cache")} }
	}
	done := make(chan pageCacheFile, 1)
	go func() {
		var f pageCacheFile
		if f.exe, f.err = exe(); f.err == nil {
			f.global, f.entries, f.files, f.err = readPageCache(file)
		}
		done <- f
	}()
	return sync.OnceValue(func() pageCacheFile { return <-done })
}

// openPageCache returns the page cache kept in file, as read, for a build
// writing to w, or nil when there is none to use: no file named, a writer
// that cannot keep files, or an executable whose identity is unknown. A
// missing, corrupt or foreign cache file starts an empty cache.
func openPageCache(file string, read pageCacheFile, w output.Writer, global key, articles int) *pageCache {
	k, ok := w.(keeper)
	if file == "" || !ok || read.exe == nil {
		return nil
	}
	e := newEncoder(pageCacheFormat)
	e.str(Version)
	e.str(runtime.Version())
	e.bytes(read.exe)
	e.key(global)
	pc := &pageCache{file: file, keep: k, old: map[string]*pageEntry{}, next: make([]*pageEntry, articles),
		oldFiles: map[string]*fileEntry{}, nextFiles: map[string]*fileEntry{}, global: e.sum()}
	if read.err == nil && read.global == pc.global {
		for _, e := range read.entries {
			pc.old[e.Out] = e
		}
		for _, f := range read.files {
			pc.oldFiles[f.File.Name] = f
		}
	}
	return pc
}

// readPageCache decodes the cache file: the format line, the global key,
// the entries (pageEntry.encode), the other files and the SHA-256 of all
// that.
func readPageCache(file string) (key, []*pageEntry, []*fileEntry, error) {
	var global key
	body, err := readCacheFile(file, pageCacheFormat)
	if err != nil {
		return global, nil, nil, err
	}
	if len(body) < sha256.Size {
		return global, nil, nil, errors.New("not a page cache")
	}
	copy(global[:], body)
	r := binenc.NewReader(body[sha256.Size:])
	entries := make([]*pageEntry, r.Count())
	for i := range entries {
		entries[i] = decodeEntry(r)
	}
	files := make([]*fileEntry, r.Count())
	for i := range files {
		f := &fileEntry{}
		copy(f.Key[:], r.Fixed(sha256.Size))
		f.File = decodeKept(r)
		f.Group = int(r.Uint())
		files[i] = f
	}
	if !r.Done() {
		return global, nil, nil, errors.New("corrupt")
	}
	return global, entries, files, nil
}

// save writes the entries of this build, through a temporary file and a
// rename, when they differ from the last build's.
func (pc *pageCache) save() error {
	var entries []*pageEntry
	same := true
	size := len(pageCacheFormat) + 2*sha256.Size + 16
	for _, e := range pc.next {
		if e == nil {
			continue
		}
		entries = append(entries, e)
		old := pc.old[e.Out]
		// An article made again with the same key made the same files.
		same = same && old != nil && old.Key == e.Key && slices.Equal(old.Files, e.Files) && old.Feed == e.Feed
		size += e.size()
	}
	files := make([]*fileEntry, 0, len(pc.nextFiles))
	for _, name := range slices.Sorted(maps.Keys(pc.nextFiles)) {
		f := pc.nextFiles[name]
		files = append(files, f)
		old := pc.oldFiles[name]
		same = same && old != nil && *old == *f
		size += len(name) + 2*sha256.Size + 16
	}
	if same && len(entries) == len(pc.old) && len(files) == len(pc.oldFiles) {
		return nil
	}
	b := make([]byte, 0, size)
	b = append(b, pageCacheFormat...)
	b = append(b, pc.global[:]...)
	b = binenc.AppendUint(b, uint64(len(entries)))
	for _, e := range entries {
		b = e.encode(b)
	}
	b = binenc.AppendUint(b, uint64(len(files)))
	for _, f := range files {
		b = append(b, f.Key[:]...)
		b = appendKept(b, f.File)
		b = binenc.AppendUint(b, uint64(f.Group))
	}
	if err := writeCacheFile(pc.file, b); err != nil {
		return fmt.Errorf("page cache: %w", err)
	}
	return nil
}

// writeCacheFile writes b, then its SHA-256, into file, through a
// temporary file and a rename: a reader finds the old file or the new one
// whole.
func writeCacheFile(file string, b []byte) error {
	sum := sha256.Sum256(b)
	b = append(b, sum[:]...)
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, output.CompanionTemp+"*")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), file); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// readCacheFile reads what writeCacheFile wrote into file, whose first
// line must be format, and returns what follows that line, its SHA-256
// checked.
func readCacheFile(file, format string) ([]byte, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if len(b) < len(format)+sha256.Size || string(b[:len(format)]) != format {
		return nil, errors.New("not a cache file of this version")
	}
	body, tail := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], tail) {
		return nil, errors.New("corrupt")
	}
	return body[len(format):], nil
}

// executableID identifies the running code: the Go build ID of the
// executable where it is an ELF file, else the SHA-256 of its bytes.
func executableID() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if id, err := s.Data(); err == nil && len(id) > 0 {
				return id, nil
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// pageGlobal is what every article's key shares besides the code: the
// theme, site.yaml as loaded, the build's options and the site view.
func (b *builder) pageGlobal(sv *render.SiteView) (key, error) {
	e := newEncoder("page cache")
	e.str(b.theme.Sum())
	e.str(figureCode)
	e.str(b.cfg.Location.String())
	e.flag(b.opts.Drafts)
	e.flag(b.opts.Future)
	e.flag(b.opts.Strict)
	vh := newViewHasher(nil)
	for _, v := range []any{b.cfg, sv} {
		k, ok := vh.sum("", v)
		if !ok {
			return key{}, fmt.Errorf("%T cannot be keyed", v)
		}
		e.key(k)
	}
	return e.sum(), nil
}

// key returns the key of the article p, whose charts get PNG copies when png
// is true, and its view without markdown, which views.setArticleFrom
// completes; nil when the article cannot be cached.
func (pc *pageCache) key(v *views, p *site.Page, png bool, imgs []imageSize) (key, *render.ArticleView) {
	if len(p.File.Meta.Claims) > 0 {
		return key{}, nil
	}
	return articleKey(pc.global, p, png, imgs), v.linkedArticle(p, &markdown.Doc{})
}

// articleKey keys what article p's view and files are made from, besides
// the data its figures read: global (the code, the theme, site.yaml, the
// options and the site view: pageGlobal), its source file, where its page
// is written, whether its charts get PNG copies, the files of its bundle
// (a chart's id avoids their names) and the sizes of its images, imgs
// (bundleImageSizes: the email edition's img tags give them), and what
// its view takes from the layout rather than its file (appendLayout,
// which a Session checks too). The page cache and a Session key an
// article alike.
func articleKey(global key, p *site.Page, png bool, imgs []imageSize) key {
	e := newEncoder("article")
	e.key(global)
	e.str(p.File.Path)
	e.bytes(p.File.Sum[:])
	e.str(p.Out)
	e.flag(png)
	e.num(uint64(len(p.File.Assets)))
	for _, name := range p.File.Assets {
		e.str(name)
	}
	e.num(uint64(len(imgs)))
	for _, s := range imgs {
		e.num(uint64(s.w))
		e.num(uint64(s.h))
	}
	e.bytes(appendLayout(nil, p))
	return e.sum()
}

// reuse takes article i from the cache when its entry has this key (and
// its feed content, when a feed carries it), its data is unchanged and the
// destination holds its files; it then fills in the article's view and
// returns its document (without HTML) and figures.
func (pc *pageCache) reuse(b *builder, i int, key key, a *render.ArticleView) (*markdown.Doc, *figure.Page, bool) {
	p := b.site.Articles[i]
	e := pc.old[p.Out]
	if e == nil || e.Key != key || (b.inFeed[i] && e.Feed == "") {
		return nil, nil, false
	}
	if !b.sameData(p.File.Path, e.Uses) || b.besideInTheWay(p, e.Files) || !pc.keep.Keep(e.Files) {
		return nil, nil, false
	}
	b.count(len(e.Files))
	doc := e.Doc
	var uses []figure.Use
	for _, u := range e.Uses {
		if u.Name != lockUse {
			uses = append(uses, figure.Use{Name: u.Name, Path: u.Path})
		}
	}
	fig := figure.Restore(e.FirstPNG, uses, e.ChartUses, e.Inline, e.Exprs)
	fig.Tickers = e.Tickers
	fig.FirstPNGSize, fig.FirstAlt, fig.FirstPNGDims = e.FirstPNGSize, e.FirstAlt, e.FirstPNGDims
	for _, id := range e.Charts {
		fig.Charts = append(fig.Charts, &render.FigureView{ID: id})
	}
	b.early.setArticleFrom(i, a, &doc, fig)
	a.Card, a.Item, a.Entry = template.HTML(e.Card), template.HTML(e.Item), template.HTML(e.Entry)
	b.find[i] = e.Find
	pngs := 0
	for _, f := range e.Files {
		if path.Ext(f.Name) == ".png" {
			pngs++
		}
	}
	b.figures.AddCached(doc.Charts, pngs)
	b.figures.Mark(e.Cached)
	e.id = e.makeID()
	pc.next[i] = e
	pc.hits.Add(1)
	b.dropBody(p)
	return &doc, fig, true
}

// record keeps article i, just made and written with the key, for the next
// build: charts lists its own files besides its page (see renderArticle).
func (pc *pageCache) record(b *builder, i int, key key, doc *markdown.Doc, fig *figure.Page, charts []string) {
	p := b.site.Articles[i]
	if b.find[i] == nil {
		return
	}
	e := &pageEntry{Out: p.Out, Key: key, Find: b.find[i]}
	for _, name := range append([]string{p.Out}, charts...) {
		k, ok := pc.keep.Kept(name)
		if !ok {
			return
		}
		e.Files = append(e.Files, k)
	}
	var ok bool
	if e.Uses, ok = b.dataUses(p.File.Path, fig); !ok {
		return
	}
	if fig != nil {
		e.FirstPNG, e.ChartUses, e.Inline, e.Exprs, e.Tickers, e.Cached = fig.FirstPNG, fig.ChartUses(), fig.InlineUses(), fig.Exprs(), fig.Tickers, fig.CacheKeys()
		e.FirstPNGSize, e.FirstAlt, e.FirstPNGDims = fig.FirstPNGSize, fig.FirstAlt, fig.FirstPNGDims
		for _, c := range fig.Charts {
			e.Charts = append(e.Charts, c.ID)
		}
	}
	e.Doc = markdown.Doc{SummaryHTML: doc.SummaryHTML, SummaryText: doc.SummaryText, TOC: doc.TOC, Words: doc.Words, Charts: doc.Charts, Inlines: doc.Inlines}
	a := b.early.articles[i]
	e.Card, e.Item, e.Entry = string(a.Card), string(a.Item), string(a.Entry)
	e.id = e.makeID()
	pc.next[i] = e
}

// reused returns the number of articles taken from the cache so far.
func (pc *pageCache) reused() int {
	if pc == nil {
		return 0
	}
	return int(pc.hits.Load())
}

// feed returns the feed content of article i taken from the cache, or "".
func (pc *pageCache) feed(i int) string {
	if pc == nil || pc.next[i] == nil {
		return ""
	}
	return pc.next[i].Feed
}

// keepFeed keeps the feed content of article i, made by this build, with
// its entry.
func (pc *pageCache) keepFeed(i int, content string) {
	if pc != nil && pc.next[i] != nil && pc.next[i].Feed == "" {
		pc.next[i].Feed = content
	}
}

// id stands for article i's view and files in the keys of the pages and
// feeds that show it: its key and the data its figures read. It is false
// when the article is not in the cache (it has claims, say).
func (pc *pageCache) id(i int) (key, bool) {
	if e := pc.next[i]; e != nil {
		return e.id, true
	}
	return key{}, false
}

// makeID makes the entry's id (see pageCache.id), once: the pages and
// feeds that show the article, and the search index, read it.
func (e *pageEntry) makeID() key { return articleID(e.Key, e.Uses, nil) }

// articleID is what an article stands in by in the keys of the pages and
// feeds that show it, in either store: its key (articleKey), the data its
// figures read and the notices of its claims (a page cache entry has
// none: an article with claims is made again on every build).
func articleID(k key, uses []dataUse, notices []string) key {
	enc := newEncoder("article id")
	enc.key(k)
	enc.num(uint64(len(uses)))
	for _, u := range uses {
		enc.str(u.Name)
		enc.str(u.Path)
		enc.str(u.Sum)
	}
	enc.num(uint64(len(notices)))
	for _, n := range notices {
		enc.str(n)
	}
	return enc.sum()
}
