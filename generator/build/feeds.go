package build

import (
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/feed"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
	"github.com/tearsheet/tearsheet/generator/sitemap"
)

// feedHTML is the HTML of article i as feeds carry it, before its URLs are
// made absolute: feed readers and RSS-to-email services do not render
// inline SVG, so each chart becomes the feed version of its figure, an
// <img> of its PNG; and the article's notices, disclosures, revision log
// and disclaimer go with it (render.FeedContent), as on its page.
func feedHTML(a *render.ArticleView, doc *markdown.Doc, fig *figure.Page) ([]byte, error) {
	var feeds [][]byte
	if fig != nil {
		feeds = fig.Feeds
	}
	h, err := swapFigures(doc, len(feeds), func(k int) ([]byte, error) { return feeds[k], nil })
	if err != nil {
		return nil, err
	}
	return render.FeedContent(a, h)
}

// swapFigures returns doc's HTML with each of its first n charts'
// figures (doc.Figures) in the version with returns: the feed's or the
// email's.
func swapFigures(doc *markdown.Doc, n int, with func(k int) ([]byte, error)) ([]byte, error) {
	h := make([]byte, 0, len(doc.HTML))
	at := 0
	for k, sp := range doc.Figures[:min(n, len(doc.Figures))] {
		fig, err := with(k)
		if err != nil {
			return nil, err
		}
		h = append(append(h, doc.HTML[at:sp[0]]...), fig...)
		at = sp[1]
	}
	return append(h, doc.HTML[at:]...), nil
}

// feedArticles marks the articles any feed carries: the newest n of the
// site and of each term; with want, only of the lists (site paths: "/" or a
// tag's) it says yes to.
func feedArticles(s *site.Site, n int, want func(sitePath string) bool) []bool {
	need := make([]bool, len(s.Articles))
	if want == nil || want("/") {
		for i := range min(n, len(s.Articles)) {
			need[i] = true
		}
	}
	s.EachTerm(func(t *site.Tag) {
		if want == nil || want(t.Path) {
			for _, p := range t.Articles[:min(n, len(t.Articles))] {
				need[p.Index] = true
			}
		}
	})
	return need
}

// file is one output file made without a template.
type file struct {
	out  string
	data []byte
	// kept says the destination holds the file as the last build made it
	// (data is nil). key, when not zero, is the key of data (outKey), under
	// which a build keeps the file for the next; or, with group, the page
	// cache's key of the group of files made together (the search index).
	kept  bool
	key   key
	group int
}

// structureFiles makes the files of the structure that are not HTML pages:
// the site and tag feeds, sitemap.xml, robots.txt, the search index, .nojekyll
// and CNAME. now dates the feeds of a site without articles.
func (b *builder) structureFiles(v *views) ([]file, error) {
	files, err := b.feedFiles(v, nil)
	if err != nil && files == nil {
		return nil, err
	}
	ferrs := []error{err} // of encoding a feed
	sm, err := b.sitemapFiles(v)
	if err != nil {
		ferrs = append(ferrs, err)
	}
	files = append(files, sm...)
	files = append(files,
		file{out: site.RobotsFile, data: sitemap.Robots(b.cfg.AbsURL(site.SitemapFile))},
		file{out: site.NoJekyll, data: []byte{}},
		file{out: HeadersFile, data: v.headers()},
	)
	files = append(files, b.searchFiles(v)...)
	if b.cfg.Domain != "" {
		files = append(files, file{out: site.CNAMEFile, data: []byte(b.cfg.Domain + "\n")})
	}
	return files, joinUnique(ferrs)
}

// feedFiles makes the feeds of the site and of each tag in every format;
// with only, just the feeds of the lists (site paths: "/" or a tag's) it
// says yes to. It returns no files when an article's feed HTML cannot be
// made, and the files it made when a feed cannot be encoded.
func (b *builder) feedFiles(v *views, only func(sitePath string) bool) ([]file, error) {
	s := v.site
	if err := joinUnique(b.sameFeedIDs(v, s.Articles)); err != nil {
		return nil, err
	}
	n := b.cfg.Feeds.Items
	want := func(sitePath string) bool { return only == nil || only(sitePath) }
	need := b.inFeed
	if only != nil {
		need = feedArticles(s, n, only)
	}
	var needed []int
	for i, ok := range need {
		if ok {
			needed = append(needed, i)
		}
	}
	content := make([]string, len(s.Articles))
	prepared := make([]*feed.Prepared, len(s.Articles))
	images := make([]cardImage, len(s.Articles)) // each article's social card, with its size
	from := make([]key, len(s.Articles))         // what each content was made from
	errs := make([]error, len(s.Articles))
	par.Run(len(needed), b.opts.Workers, func() func(int) {
		return func(k int) {
			i := needed[k]
			e, err := b.feedContent(v, i)
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", s.Articles[i].File.Path, err)
				return
			}
			content[i], prepared[i], from[i] = e.abs, e.prep, e.from
			images[i] = b.feedImage(v, s.Articles[i])
		}
	})
	if err := joinUnique(errs); err != nil {
		return nil, err
	}
	// Every feed in every format, encoded in parallel; a Session reuses
	// the bytes of a feed whose content did not change.
	type enc struct {
		out    string
		format string
		f      feed.Feed
		arts   []*site.Page // its items'
	}
	var encs []enc
	add := func(dir string, f *feed.Feed, arts []*site.Page) {
		for _, fv := range v.feedViews(f.Title, dir) {
			g := *f
			g.Self = fv.URL
			encs = append(encs, enc{site.OutDir(dir) + fileOf(fv.Format), fv.Format, g, arts})
		}
	}
	if want("/") {
		arts := s.Articles[:min(n, len(s.Articles))]
		f := v.feed(b.cfg.Title, b.cfg.Description, "/", arts, content, prepared, images)
		add("/", f, arts)
		if s.SectionFeed != "" {
			// The site's RSS feed again where Hugo published the section's
			// (site.SectionFeed); its self link is the site's.
			g := *f
			g.Self = v.cfg.AbsURL("/" + site.RSSFile)
			encs = append(encs, enc{s.SectionFeed, "rss", g, arts})
		}
	}
	s.EachTerm(func(t *site.Tag) {
		if want(t.Path) {
			arts := t.Articles[:min(n, len(t.Articles))]
			f := v.feed(termFeedTitle(b.cfg.Title, t), termDescription(t)+".", t.Path, arts, content, prepared, images)
			if t.Taxonomy.Key == config.AuthorsKey {
				f.Author = t.Name // an author's feed is theirs, not the site's
			}
			add(t.Path, f, arts)
		}
	})
	static := b.staticOuts()
	files := make([]file, len(encs))
	ferrs := make([]error, len(encs))
	par.Run(len(encs), b.opts.Workers, func() func(int) {
		vh := b.hasher()
		return func(i int) {
			e := &encs[i]
			var k key
			if !static[e.out] { // else replaced: neither kept nor taken
				ids := make([]key, len(e.arts))
				for j, p := range e.arts {
					ids[j] = from[p.Index]
				}
				k = feedKey(vh, e.format, &e.f, ids)
			}
			if data, ok := b.made(e.out, k); ok {
				// Kept: written as it is, or held by the destination.
				files[i] = file{out: e.out, data: data, kept: data == nil}
				return
			}
			var data []byte
			var err error
			switch e.format {
			case "rss":
				data, err = feed.RSS(&e.f)
			case "atom":
				data, err = feed.Atom(&e.f)
			default:
				data, err = feed.JSON(&e.f)
			}
			if err != nil {
				ferrs[i] = fmt.Errorf("feed %s: %w", e.f.Self, err)
				return
			}
			files[i] = file{out: e.out, data: data, key: k}
		}
	})
	return files, joinUnique(ferrs)
}

// feedKey is the key of feed f in format: f walked by vh, but for the
// content of each item whose id (by item) is not zero, which stands in by
// that id: the id of what its content was made from (feedContent), so
// that the articles' HTML is not walked again for every feed and format
// that carries it.
func feedKey(vh *viewHasher, format string, f *feed.Feed, ids []key) key {
	g := *f
	g.Items = slices.Clone(f.Items)
	e := newEncoder("feed-" + format)
	e.num(uint64(len(ids)))
	for i, id := range ids {
		e.key(id)
		if id != (key{}) {
			g.Items[i].Content, g.Items[i].Prepared = "", nil
		}
	}
	k := outKey(vh, "feed", &g, false)
	if k == (key{}) {
		return key{} // cannot be keyed: made again
	}
	e.key(k)
	return e.sum()
}

// feedContent is the content of article i in the feeds. It is made from
// what the article's view is made from: a Session's is the query
// article.feed, read by the view's id; the page cache keeps it with the
// article's entry (its content only: it is prepared for each format
// again).
func (b *builder) feedContent(v *views, i int) (*feedContent, error) {
	if b.cache != nil {
		return b.cache.content.feedOf(v.site.Articles[i])
	}
	id, known := b.idOf(v, i)
	if known {
		if c := b.pages.feed(i); c != "" {
			prep, err := feed.Prepare(c)
			return &feedContent{from: id, abs: c, prep: prep}, err
		}
	}
	e, err := makeFeedContent(v.articles[i], v.docs[i], v.figs[i])
	if err != nil {
		return nil, err
	}
	if known {
		e.from = id
		b.pages.keepFeed(i, e.abs)
	}
	return e, nil
}

// makeFeedContent makes the feed content of the article whose view is a,
// converted as doc with its figures fig: its HTML with links made
// absolute against its permalink, prepared for each format.
func makeFeedContent(a *render.ArticleView, doc *markdown.Doc, fig *figure.Page) (*feedContent, error) {
	h, err := feedHTML(a, doc, fig)
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(a.Permalink)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	if h, err = feed.Absolute(h, base); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	e := &feedContent{abs: string(h)}
	if e.prep, err = feed.Prepare(e.abs); err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return e, nil
}

// feedImage is article p's social-card image as its feed items carry it:
// with its size in bytes when the build knows it, a chart's PNG or a file
// of the article's bundle (which the build copies as it is), so that an
// Atom enclosure says its length (RFC 4287 4.2.7.2); 0 for another image.
func (b *builder) feedImage(v *views, p *site.Page) cardImage {
	img := v.articleImage(p)
	if src := bundleFile(p, p.File.Meta.Image); src != "" {
		if fi, err := fs.Stat(b.fsys, src); err == nil && fi.Mode().IsRegular() {
			img.Size = fi.Size()
		}
	}
	return img
}

// bundleFile is the source path of the file of p's bundle that ref, a URL
// as front matter or the article writes it, names ("cover.png",
// "./img/a.png?v=2"); "" when it names none.
func bundleFile(p *site.Page, ref string) string {
	if p.File.Bundle == "" || ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return ""
	}
	src := path.Join(p.File.Bundle, u.Path)
	if _, ok := slices.BinarySearch(p.File.Assets, src); !ok {
		return ""
	}
	return src
}

func fileOf(format string) string {
	switch format {
	case "rss":
		return site.RSSFile
	case "atom":
		return site.AtomFile
	}
	return site.JSONFile
}

// feed makes the feed of arts (newest first), which follows the page at
// sitePath. content holds each article's feed HTML by article index,
// prepared the same escaped for each format, and images its social-card
// image (feedImage).
func (v *views) feed(title, desc, sitePath string, arts []*site.Page, content []string, prepared []*feed.Prepared, images []cardImage) *feed.Feed {
	f := &feed.Feed{
		Title:       title,
		Description: desc,
		Language:    v.cfg.Language,
		Home:        v.cfg.AbsURL(sitePath),
		Author:      v.cfg.Author,
		Updated:     newest(arts, 0, len(arts)),
		Generator:   v.sv.Generator,
	}
	if f.Updated.IsZero() {
		// No article yet: a date that does not move, so that building
		// again writes the same bytes (the build's time changed the feeds
		// on every build, and public/ with them).
		f.Updated = time.Unix(0, 0).UTC()
	}
	for _, p := range arts {
		a := v.articles[p.Index]
		it := feed.Item{
			ID:        cmp.Or(p.File.Meta.FeedID, a.Permalink), // an article that moved keeps its id (feedID)
			Title:     a.Title,
			Link:      a.Permalink,
			Summary:   a.SummaryText,
			Content:   content[p.Index],
			Prepared:  prepared[p.Index],
			Authors:   p.Authors,
			Published: a.Date,
			Updated:   p.Lastmod,
			Image:     images[p.Index].URL,
			ImageSize: images[p.Index].Size,
		}
		for _, t := range a.Tags {
			it.Tags = append(it.Tags, t.Name)
		}
		f.Items = append(f.Items, it)
	}
	return f
}

// sameFeedIDs reports each article of arts whose id in feeds (its feedID,
// else its permalink) another article has, naming both files at their
// feedID lines. Every article is checked, not only those a feed carries
// now: a feed reader keeps the ids of the items it has seen, so an article
// whose id an older one had when it was in the feed is never shown, even
// after the older one has left the feed's newest items.
func (b *builder) sameFeedIDs(v *views, arts []*site.Page) []error {
	// Permalinks are unique (site.New claims each page's output file):
	// without a feedID, no two ids are the same, and the preview's build
	// after an edit need not make every article's permalink to know it.
	if !slices.ContainsFunc(arts, func(p *site.Page) bool { return p.File.Meta.FeedID != "" }) {
		return nil
	}
	var errs []error
	first := make(map[string]*site.Page, len(arts))
	for _, p := range arts {
		id := cmp.Or(p.File.Meta.FeedID, v.cfg.AbsURL(p.Path))
		q, seen := first[id]
		if !seen {
			first[id] = p
			continue
		}
		// Reported at the article whose feedID makes the clash (one of
		// the two sets it: permalinks differ).
		at, other := p, q
		if at.File.Meta.FeedID == "" {
			at, other = other, at
		}
		whose, otherAt := "its permalink", other.File.Path
		if other.File.Meta.FeedID != "" {
			whose, otherAt = "its feedID", other.File.Path+lineSuffix(keyLineIn(b.fsys, other.File.Path, "feedID"))
		}
		errs = append(errs, fmt.Errorf("%s: feedID %s is also the id in feeds of %s (%s): a feed reader shows one item of an id, so one of the two would not be seen; give this article an id of its own",
			at.File.Path+lineSuffix(keyLineIn(b.fsys, at.File.Path, "feedID")), id, otherAt, whose))
	}
	return errs
}

// lineSuffix is ":LINE", or "" for line 0.
func lineSuffix(line int) string {
	if line == 0 {
		return ""
	}
	return ":" + strconv.Itoa(line)
}

// keyLineIn returns the line of the front-matter key key (YAML key: or
// TOML key =) in the file at name, 0 when not found: for an error about
// a key whose line the parse did not keep.
func keyLineIn(fsys fs.FS, name, key string) int {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0
	}
	n := 0
	for line := range strings.Lines(string(src)) {
		n++
		if rest, ok := strings.CutPrefix(line, key); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=")) {
			return n
		}
	}
	return 0
}
