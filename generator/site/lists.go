package site

import (
	"fmt"
	"path"
	"runtime"
	"slices"
	"strconv"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/par"
)

// Fixed site paths and output files of the research-site structure. Each is
// claimed by New, so a page or article that would write the same file is an
// error naming both.
const (
	TagsPath      = "/tags/"             // the tag index
	ArchivePath   = "/archive/"          // years with counts, months beneath
	SearchPath    = "/search/"           // the search page
	SubscribePath = "/subscribe/"        // the subscribe form and the feeds
	ThanksPath    = "/subscribe/thanks/" // shown after subscribing, when a provider is set
	DataPath      = "/data/"             // the data catalogue: every dataset of site.yaml

	RSSFile     = "index.xml"         // RSS 2.0, site-wide at /index.xml and per tag at /tags/SLUG/index.xml
	AtomFile    = "atom.xml"          // Atom 1.0, beside the RSS feed
	JSONFile    = "feed.json"         // JSON Feed 1.1, beside the RSS feed
	SitemapFile = "sitemap.xml"       // every indexable page with its lastmod
	RobotsFile  = "robots.txt"        // points to the sitemap
	SearchIndex = "search/index.json" // the search index's manifest (see package search)
	SearchDir   = "search/"           // the folder of the search index's files
	DataIndex   = "data/data.json"    // the data catalogue, machine-readable
	NoJekyll    = ".nojekyll"         // tells GitHub Pages to publish the files as they are
	CNAMEFile   = "CNAME"             // the custom domain, for GitHub Pages
)

// RelatedMax is the most related articles an article lists.
const RelatedMax = 4

// DatasetPath is the site path of the data catalogue's page of the dataset
// name.
func DatasetPath(name string) string { return DataPath + name + "/" }

// FeedFiles lists the feed files written beside each feed's page.
func FeedFiles() []string { return []string{RSSFile, AtomFile, JSONFile} }

// Replaceable reports whether a static file named out (static/robots.txt)
// takes the place of the file the build makes under that name: the feeds,
// the site's and each term's, sitemap.xml, robots.txt, the search index,
// .nojekyll and CNAME. A page is not replaceable: a static file at a
// page's name is an error (Clash).
func Replaceable(out string) bool {
	switch out {
	case SitemapFile, RobotsFile, SearchIndex, NoJekyll, CNAMEFile:
		return true
	}
	return slices.Contains(FeedFiles(), path.Base(out))
}

// Year is the articles of one calendar year (in the site's time zone),
// newest first, with its months.
type Year struct {
	Year     int
	Path     string // "/2024/"
	Articles []*Page
	Months   []*Month // newest first
	Pagers   []Pager
}

// Month is the articles of one month, newest first.
type Month struct {
	Year     int
	Month    time.Month
	Path     string // "/2024/05/"
	Articles []*Page
	Pagers   []Pager
}

// structure lays out the lists beyond the home page (tag pages, archives),
// finds related articles, and claims every output file of the structure:
// list pages, feeds, the sitemap, robots.txt, the search index and page, the
// subscribe pages, .nojekyll and CNAME.
func (s *Site) structure(prior *Ranking) []error {
	var errs []error
	claim := func(out, owner string) {
		if err := s.Claim(out, owner); err != nil {
			errs = append(errs, err)
		}
	}
	claimPagers := func(pgs []Pager, owner string) {
		for _, pg := range pgs {
			claim(pg.Out, owner)
		}
	}
	per := s.Config.PerPage
	for _, tx := range s.Taxonomies {
		claim(OutFile(tx.Path), "the "+tx.Noun+" index")
		for _, t := range tx.Terms {
			t.Pagers = Paginate(len(t.Articles), tx.PerPage, t.Path)
			owner := fmt.Sprintf("the page of %s %q", tx.Noun, t.Name)
			claimPagers(t.Pagers, owner)
			for _, f := range FeedFiles() {
				claim(OutDir(t.Path)+f, owner+" (feed)")
			}
		}
	}
	s.archives()
	for _, y := range s.Years {
		y.Pagers = Paginate(len(y.Articles), per, y.Path)
		claimPagers(y.Pagers, "the archive of "+strconv.Itoa(y.Year))
		for _, m := range y.Months {
			m.Pagers = Paginate(len(m.Articles), per, m.Path)
			claimPagers(m.Pagers, fmt.Sprintf("the archive of %s %d", m.Month, m.Year))
		}
	}
	claim(OutFile(ArchivePath), "the archive index")
	claim(OutFile(SearchPath), "the search page")
	claim(OutFile(SubscribePath), "the subscribe page")
	if names := s.Config.DatasetNames(); len(names) > 0 {
		claim(OutFile(DataPath), "the data catalogue")
		claim(DataIndex, "the data catalogue")
		for _, name := range names {
			claim(OutFile(DatasetPath(name)), fmt.Sprintf("the data catalogue's page of dataset %q", name))
		}
	}
	if s.Config.Subscribe.Provider != "" {
		claim(OutFile(ThanksPath), "the subscribe thank-you page")
	}
	for _, f := range append(FeedFiles(), SitemapFile, RobotsFile, SearchIndex, NoJekyll) {
		claim(f, "the site's "+f)
	}
	if s.Config.Domain != "" {
		claim(CNAMEFile, "site.yaml domain")
	}
	s.relatedFrom(prior, RelatedMax)
	return errs
}

// relatedFrom is related, taken from prior when every article has the
// tags it had, in the same place, when prior was ranked; either way the
// site's Ranking records them. A nil prior ranks them.
func (s *Site) relatedFrom(prior *Ranking, k int) {
	same := prior != nil && len(prior.tags) == len(s.Articles) && len(prior.related) == len(s.Articles)
	for i := 0; same && i < len(s.Articles); i++ {
		tags := s.Articles[i].Tags
		same = len(tags) == len(prior.tags[i])
		for j := 0; same && j < len(tags); j++ {
			same = tags[j].Slug == prior.tags[i][j]
		}
	}
	if same {
		for i, p := range s.Articles {
			p.Related = nil
			for _, q := range prior.related[i] {
				p.Related = append(p.Related, s.Articles[q])
			}
		}
		s.Ranking = prior
		return
	}
	s.related(k)
	r := &Ranking{tags: make([][]string, len(s.Articles)), related: make([][]int32, len(s.Articles))}
	for i, p := range s.Articles {
		r.tags[i] = make([]string, len(p.Tags))
		for j, t := range p.Tags {
			r.tags[i][j] = t.Slug
		}
		r.related[i] = make([]int32, len(p.Related))
		for j, q := range p.Related {
			r.related[i][j] = int32(q.Index)
		}
	}
	s.Ranking = r
}

// OutDir is the output folder of a site path that ends in "/": "/tags/x/"
// is "tags/x/", "/" is "".
func OutDir(sitePath string) string {
	out := OutFile(sitePath)
	return out[:len(out)-len("index.html")]
}

// archives groups the articles (already newest first) by year and month.
func (s *Site) archives() {
	s.Years = nil
	var y *Year
	var m *Month
	for _, p := range s.Articles {
		yr, mo := p.Date.Year(), p.Date.Month()
		if y == nil || y.Year != yr {
			y = &Year{Year: yr, Path: fmt.Sprintf("/%04d/", yr)}
			s.Years = append(s.Years, y)
			m = nil
		}
		if m == nil || m.Month != mo {
			m = &Month{Year: yr, Month: mo, Path: fmt.Sprintf("/%04d/%02d/", yr, int(mo))}
			y.Months = append(y.Months, m)
		}
		y.Articles = append(y.Articles, p)
		m.Articles = append(m.Articles, p)
	}
}

// related gives each article at most k others that share its tags, ranked
// by the number of shared tags, then newer first, then source path (that is,
// Site.Articles order). It never compares articles that share no tag, and
// it does not walk whole tag lists either, which with a fixed set of tags
// would make the work grow with the square of the articles: the articles
// that share two or more tags with p are found in the lists of articles
// carrying each pair of p's tags (built once, newest first), and those
// sharing just one tag rank only by date, so at most k of them are taken
// from the front of each of p's tag lists. One counter array serves every
// article.
func (s *Site) related(k int) {
	r := ranking{s: s, k: k, tagIndex: make(map[*Tag]int32, len(s.Tags)), pairs: map[[2]int32][]int32{}}
	for i, t := range s.Tags {
		r.tagIndex[t] = int32(i)
	}
	for i, p := range s.Articles {
		for a := range p.Tags {
			for b := a + 1; b < len(p.Tags); b++ {
				key := r.pairKey(p.Tags[a], p.Tags[b])
				r.pairs[key] = append(r.pairs[key], int32(i))
			}
		}
	}
	// The articles are ranked in parallel, each worker with counters of
	// its own; an article's ranking depends on nothing else.
	par.Run(len(s.Articles), runtime.GOMAXPROCS(0), func() func(int) {
		w := &ranker{ranking: &r, score: make([]int32, len(s.Articles)), best: make([]int, 0, k+1)}
		return func(i int) { w.rank(s.Articles[i]) }
	})
}

// ranking is what related ranks every article with: the lists of the
// articles carrying each pair of tags, newest first, by the tags' indices.
type ranking struct {
	s        *Site
	k        int
	tagIndex map[*Tag]int32
	pairs    map[[2]int32][]int32
}

func (r *ranking) pairKey(a, b *Tag) [2]int32 {
	x, y := r.tagIndex[a], r.tagIndex[b]
	if x > y {
		x, y = y, x
	}
	return [2]int32{x, y}
}

// ranker is one worker of related: a counter for every article, zero
// between articles, and room for the articles it counted and the best.
type ranker struct {
	*ranking
	score   []int32
	touched []int
	best    []int
}

// rank sets p.Related: the k articles sharing the most tags with p.
func (w *ranker) rank(p *Page) {
	score, k := w.score, w.k
	touched := w.touched[:0]
	for a := range p.Tags {
		for b := a + 1; b < len(p.Tags); b++ {
			for _, qi := range w.pairs[w.pairKey(p.Tags[a], p.Tags[b])] {
				if score[qi] == 0 {
					touched = append(touched, int(qi))
				}
				score[qi]++
			}
		}
	}
	// An article sharing n tags is in n(n-1)/2 of the pair lists.
	for _, i := range touched {
		score[i] = sharedOf(score[i])
	}
	score[p.Index] = -1 // never related to itself
	for _, t := range p.Tags {
		taken := 0
		for _, q := range t.Articles {
			if taken == k {
				break
			}
			if score[q.Index] == 0 {
				touched = append(touched, q.Index)
				score[q.Index] = 1
				taken++
			}
		}
	}
	score[p.Index] = 0
	best := w.best[:0]
	for _, i := range touched {
		if i == p.Index {
			continue
		}
		// Insert i into best, kept sorted by score desc then index asc.
		at := len(best)
		for at > 0 && better(score, i, best[at-1]) {
			at--
		}
		if at >= k {
			continue
		}
		best = append(best, 0)
		copy(best[at+1:], best[at:])
		best[at] = i
		if len(best) > k {
			best = best[:k]
		}
	}
	p.Related = p.Related[:0]
	for _, i := range best {
		p.Related = append(p.Related, w.s.Articles[i])
	}
	for _, i := range touched {
		score[i] = 0
	}
	w.touched, w.best = touched, best
}

// sharedOf is the number of shared tags n of an article found in pairs =
// n(n-1)/2 pair lists.
func sharedOf(pairs int32) int32 {
	n := int32(2)
	for n*(n-1)/2 < pairs {
		n++
	}
	return n
}

func better(score []int32, i, j int) bool {
	if score[i] != score[j] {
		return score[i] > score[j]
	}
	return i < j
}
