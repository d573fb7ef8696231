package site

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

// Options chooses which articles a site includes.
type Options struct {
	Drafts bool      // include articles marked draft: true
	Future bool      // include articles dated after Now
	Now    time.Time // the build's clock, for Future
	// Ranking, when not nil, is an earlier site's (Site.Ranking): the
	// preview server lays out the site again after every change, and New
	// takes the related articles from it while they are the same.
	Ranking *Ranking
}

// Ranking is the related articles of a site New laid out, by position,
// with the tag slugs they were ranked from. They depend only on each
// article's tags and its place in the list, so while an edit changes
// neither (an edit of an article's text, title or summary) New takes them
// from an earlier site's Ranking instead of ranking every article's
// neighbours again. A Ranking is a value: New never changes one.
type Ranking struct {
	tags    [][]string // each article's tag slugs, by position in Site.Articles
	related [][]int32  // each article's related articles, by position
}

// Site is a whole site as values: every page with its URL, in order.
type Site struct {
	Config   *config.Config
	Articles []*Page // newest first; ties by source path
	Pages    []*Page // sorted by source path
	Tags     []*Tag  // sorted by slug: the terms of Taxonomies[0]
	// Taxonomies are tags, authors and site.yaml's taxonomies, in the
	// order of config.TaxonomyList.
	Taxonomies []*Taxonomy
	Home       []Pager // the home page and its continuation pages
	Years      []*Year // the archive, newest first (see lists.go)
	Aliases    []Alias // sorted by From
	// Sections redirect the folder article addresses start with (/posts/
	// of the permalink /posts/:slug/) to the home page, and each list's
	// page/1/ to its first page: see sections.go.
	Sections []Redirect
	// SectionFeed is the output file of the section's copy of the site's
	// RSS feed (posts/index.xml), "" for none: see sections.go.
	SectionFeed string
	Warnings    []string
	// Left are the source files left out (drafts, articles scheduled
	// later, pages expired), in Load's order.
	Left []Left
	// Ranking is the site's related articles, for a later New
	// (Options.Ranking); nil when New failed before ranking them.
	Ranking *Ranking

	// merges are the other spellings of terms, which the last of
	// Warnings warn of (mergeWarnings).
	merges []*merge

	// outputs maps each output file to what claims it. Only New writes it
	// (Claim); Edit shares it between the copies, and folders, the
	// folders they are written into (Folders), made on first use.
	outputs map[string]string
	folders *folders
}

// folders is what Folders returns, made once.
type folders struct {
	once sync.Once
	m    map[string]string
}

// Page is one article or page with its URL.
type Page struct {
	File    *content.File
	Title   string
	Date    time.Time // zero for pages
	Lastmod time.Time // Date when not given
	Slug    string
	Path    string // site path without the base path: "/2024/05/slug/"
	Out     string // output file: "2024/05/slug/index.html"
	Tags    []*Tag // Terms[0]
	// Terms are the page's terms of each taxonomy, index-aligned with
	// Site.Taxonomies: tags, authors, then site.yaml's.
	Terms   [][]*Tag
	Author  string   // the authors' names joined: "A", "A and B", "A, B and C"
	Authors []string // the authors' names
	Older   *Page    // the previous article in time
	Newer   *Page    // the next article in time
	Related []*Page
	Index   int // position in Site.Articles or Site.Pages
	// Scheduled marks an article dated after the build's clock, included
	// only because the build asked for future articles.
	Scheduled bool
	// Revisions are automatic entries of the article's revision log, after
	// those of its front matter: the build adds one when the data changed
	// what a published article showed (see figures.lock).
	Revisions []Revision
}

// Revision is an automatic entry of an article's revision log.
type Revision struct {
	Date time.Time
	Note string
}

// Tag is a taxonomy term with its articles, newest first.
type Tag struct {
	Taxonomy *Taxonomy
	Name     string
	Slug     string
	Path     string
	Articles []*Page
	Pagers   []Pager // the tag's page and its continuation pages
}

// Alias is a redirect from an old path to a page.
type Alias struct {
	From string // site path
	Out  string // output file
	To   *Page
}

// Pager is one page of a paginated list.
type Pager struct {
	Number int    // 1-based
	Total  int    // number of pages
	Lo, Hi int    // the items [Lo, Hi) of the list
	Path   string // site path of this page
	Out    string // output file
	First  string // site path of page 1
	Last   string // site path of the last page
	Prev   string // "" on the first page
	Next   string // "" on the last page
}

// LayoutMeta is what New reads of a page's front matter: the rest of it
// (its summary, image, claims, disclaimer…) changes the page's own view
// and nothing of the layout (URLs, order, neighbours, related articles,
// lists, aliases). TestLayoutMeta checks this for every field of
// content.Meta, so a field New starts to read must be added here.
func LayoutMeta(m content.Meta) content.Meta {
	return content.Meta{Title: m.Title, Date: m.Date, Lastmod: m.Lastmod, Slug: m.Slug, Tags: m.Tags,
		Author: m.Author, Authors: m.Authors, Draft: m.Draft, Aliases: m.Aliases, Terms: m.Terms,
		PublishDate: m.PublishDate, ExpiryDate: m.ExpiryDate, Updates: m.Updates}
}

// New lays out the site: it filters drafts and future articles, gives each
// page its URL and output file, orders articles, links neighbours, and
// checks that no two things claim the same output file. All problems found
// are returned joined.
func New(cfg *config.Config, files []*content.File, opts Options) (*Site, error) {
	s := &Site{Config: cfg, outputs: make(map[string]string, 2*len(files)), folders: &folders{}}
	var errs []error
	for _, f := range files {
		s.Warnings = append(s.Warnings, f.Warnings...)
		p := &Page{File: f, Title: titleOf(f)}
		p.Slug = f.Meta.Slug
		if p.Slug == "" {
			p.Slug = slugify(f.Name)
		}
		if p.Slug == "" {
			p.Slug = slugify(p.Title)
		}
		if f.Meta.Draft && !opts.Drafts {
			s.leave(f, p, Draft)
			continue
		}
		if e := f.Meta.ExpiryDate.Time; !e.IsZero() && !opts.Now.IsZero() && !e.After(opts.Now) {
			s.leave(f, p, Expired) // as Hugo leaves it out
			continue
		}
		p.Authors = authorsOf(f, cfg)
		p.Author = JoinNames(p.Authors)
		switch f.Kind {
		case content.Article:
			p.Date = f.Meta.Date.Time.In(cfg.Location)
			if !opts.Now.IsZero() && f.Meta.Published().After(opts.Now) {
				if !opts.Future {
					s.leave(f, p, Scheduled)
					continue
				}
				p.Scheduled = true
			}
			p.Path = permalink(cfg.Permalink, p)
			if p.Slug != "" && strings.Contains(cfg.Permalink, ":title") && slugify(p.Title) == "" {
				// (Without a slug, content.ParseWith said so already.)
				errs = append(errs, fmt.Errorf("%s: permalink %s (site.yaml) makes the URL %s of the title %q, which has no letter or digit: give the title a word, or use :slug in permalink", f.Path, cfg.Permalink, p.Path, p.Title))
				continue // its charts' files would be named outside its folder
			}
			s.Articles = append(s.Articles, p)
		default:
			if !f.Meta.Date.Time.IsZero() {
				p.Date = f.Meta.Date.Time.In(cfg.Location)
			}
			p.Path = pagePath(f)
			if i := strings.IndexAny(p.Path, "?#%"); i >= 0 {
				// A slug holds none: the name of the file or a folder does.
				errs = append(errs, fmt.Errorf("%s: the page's URL %s holds %q, which a browser reads as the start of a query, a fragment or an escape, so no link would reach the page: rename the file or folder without it, or set slug: in the front matter", f.Path, p.Path, p.Path[i]))
				continue
			}
			s.Pages = append(s.Pages, p)
		}
		// The newest change: lastmod, or a later entry of the revision
		// log, which readers, feed readers and search engines are told of.
		// A lastmod of the article's day without a time of day (its
		// midnight) is no earlier than the article.
		p.Lastmod = p.Date
		if lm := f.Meta.Lastmod.Time; !lm.IsZero() && lm.After(p.Lastmod) {
			p.Lastmod = lm.In(cfg.Location)
		}
		for _, u := range f.Meta.Updates {
			if u.Date.Time.After(p.Lastmod) {
				p.Lastmod = u.Date.Time.In(cfg.Location)
			}
		}
		if !opts.Now.IsZero() && !p.Scheduled {
			s.Warnings = append(s.Warnings, laterRevisions(f, opts.Now)...)
		}
		p.Out = OutFile(p.Path)
		// The line that makes the URL: the slug's, else the date's.
		line := f.SlugLine
		if line == 0 && f.Meta.Date.Line > 0 {
			line = f.Meta.Date.Line + 1
		}
		if err := s.Claim(p.Out, place(f.Path, line)); err != nil {
			errs = append(errs, err)
		}
	}
	slices.SortStableFunc(s.Articles, func(a, b *Page) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.File.Path, b.File.Path)
	})
	for i, p := range s.Articles {
		p.Index = i
		if i > 0 {
			p.Newer = s.Articles[i-1]
		}
		if i+1 < len(s.Articles) {
			p.Older = s.Articles[i+1]
		}
	}
	for i, p := range s.Pages {
		p.Index = i
	}
	errs = append(errs, s.taxonomies()...)
	s.mergeWarnings()
	errs = append(errs, s.structure(opts.Ranking)...)
	s.Home = Paginate(len(s.Articles), cfg.PerPage, "/")
	for _, pg := range s.Home {
		if err := s.Claim(pg.Out, "the home page"); err != nil {
			errs = append(errs, err)
		}
	}
	if err := s.Claim("404.html", "the 404 page"); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, s.aliases()...)
	s.sections(cfg.Permalink)
	s.firstPages(cfg.Permalink)
	errs = append(errs, s.folderClashes()...)
	errs = append(errs, s.longNames()...)
	errs = append(errs, s.caseClashes()...)
	return s, errors.Join(errs...)
}

func (s *Site) aliases() []error {
	var errs []error
	for _, p := range append(append([]*Page(nil), s.Articles...), s.Pages...) {
		for _, a := range p.File.Meta.Aliases {
			from := a
			if !strings.HasSuffix(from, "/") && path.Ext(from) != ".html" {
				from += "/"
			}
			al := Alias{From: from, Out: OutFile(from), To: p}
			if err := s.Claim(al.Out, place(p.File.Path, p.File.AliasesLine)+" (alias "+a+")"); err != nil {
				errs = append(errs, err)
				continue
			}
			s.Aliases = append(s.Aliases, al)
		}
	}
	sort.Slice(s.Aliases, func(i, j int) bool { return s.Aliases[i].From < s.Aliases[j].From })
	return errs
}

// place is file:line, or file alone for line 0.
func place(file string, line int) string {
	if line == 0 {
		return file
	}
	return file + ":" + strconv.Itoa(line)
}

// Owner returns what claimed the output file out, "" when nothing did.
func (s *Site) Owner(out string) string { return s.outputs[out] }

// Claim records that owner writes the output file out, and fails naming
// both owners when another already does. (That one needs a folder where
// another is a file, New finds once all are claimed.)
func (s *Site) Claim(out, owner string) error {
	if prev, ok := s.outputs[out]; ok {
		if !strings.HasPrefix(owner, content.Dir+"/") && strings.HasPrefix(prev, content.Dir+"/") {
			// The message starts with the file, the one to change, not
			// with "the search page" claiming after it.
			owner, prev = prev, owner
		}
		return fmt.Errorf("%s: output %s is also written by %s: give one of them another slug or date, or change the alias", owner, out, prev)
	}
	s.outputs[out] = owner
	return nil
}

// Folders returns each folder that the claimed outputs are written into,
// with what claims a file in it. The map is made once, and shared by the
// copies Edit makes: the caller must not change it.
func (s *Site) Folders() map[string]string {
	if s.folders == nil {
		return s.makeFolders()
	}
	s.folders.once.Do(func() { s.folders.m = s.makeFolders() })
	return s.folders.m
}

func (s *Site) makeFolders() map[string]string {
	dirs := make(map[string]string, len(s.outputs))
	for out, owner := range s.outputs {
		for d := path.Dir(out); d != "." && d != "/"; d = path.Dir(d) {
			if prev, ok := dirs[d]; ok && prev <= owner {
				break
			}
			dirs[d] = owner // the least, so the message does not depend on the map's order
		}
	}
	return dirs
}

// permalink fills the pattern's tokens for an article. It does what a
// strings.Replacer of the five tokens would (left to right, no overlaps),
// without building one per article, and slugs the title only when the
// pattern asks for it.
func permalink(pattern string, p *Page) string {
	var b strings.Builder
	b.Grow(len(pattern) + len(p.Slug) + 8)
	for i := 0; i < len(pattern); {
		j := strings.IndexByte(pattern[i:], ':')
		if j < 0 {
			b.WriteString(pattern[i:])
			break
		}
		b.WriteString(pattern[i : i+j])
		i += j
		rest := pattern[i:]
		switch {
		case strings.HasPrefix(rest, ":year"):
			b.WriteString(pad(p.Date.Year(), 4))
			i += len(":year")
		case strings.HasPrefix(rest, ":month"):
			b.WriteString(pad(int(p.Date.Month()), 2))
			i += len(":month")
		case strings.HasPrefix(rest, ":day"):
			b.WriteString(pad(p.Date.Day(), 2))
			i += len(":day")
		case strings.HasPrefix(rest, ":slug"):
			b.WriteString(p.Slug)
			i += len(":slug")
		case strings.HasPrefix(rest, ":title"):
			b.WriteString(slugify(p.Title))
			i += len(":title")
		default:
			b.WriteByte(':')
			i++
		}
	}
	return b.String()
}

// pad formats n in decimal with at least width digits, as %0*d does.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) >= width {
		return fmt.Sprintf("%0*d", width, n)
	}
	return strings.Repeat("0", width-len(s)) + s
}

// slugify is content.Slugify, at once for a string that is already a slug
// (ASCII lowercase letters and digits in runs joined by single hyphens):
// file names and tags usually are, and a site has thousands of them.
func slugify(s string) string {
	if isSlug(s) {
		return s
	}
	return content.Slugify(s)
}

func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// OutFile maps a site path to the file that serves it: "/a/b/" is
// "a/b/index.html" and "/a/b.html" is "a/b.html".
func OutFile(sitePath string) string {
	p := strings.TrimPrefix(sitePath, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Paginate splits n items into pages of perPage under base ("/" or
// "/tags/x/"): page 1 is base itself, page k is base+"page/k/". An empty
// list still has one page.
func Paginate(n, perPage int, base string) []Pager {
	total := (n + perPage - 1) / perPage
	if total == 0 {
		total = 1
	}
	at := func(k int) string {
		if k == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(k) + "/"
	}
	out := make([]Pager, total)
	for k := 1; k <= total; k++ {
		pg := Pager{Number: k, Total: total, Lo: (k - 1) * perPage, Hi: min(k*perPage, n), Path: at(k), First: base, Last: at(total)}
		pg.Out = OutFile(pg.Path)
		if k > 1 {
			pg.Prev = at(k - 1)
		}
		if k < total {
			pg.Next = at(k + 1)
		}
		out[k-1] = pg
	}
	return out
}

// titleOf is the title of the page of f: its front matter's.
func titleOf(f *content.File) string { return strings.TrimSpace(f.Meta.Title) }

// PathTitle is what of the front-matter title of f the URL of its page is
// made of (New, leave): the title's slug when the page's slug is (f has no
// slug: and a name without a letter or digit) or an article's permalink
// holds :title, else "". An empty title is "\x00": New may name nothing
// after it. While it is the same, a new title changes nothing of the site
// laid out but the title (Edit).
func PathTitle(cfg *config.Config, f *content.File) string {
	t := titleOf(f)
	switch {
	case t == "":
		return "\x00"
	case f.Meta.Slug == "" && slugify(f.Name) == "",
		f.Kind == content.Article && strings.Contains(cfg.Permalink, ":title"):
		return slugify(t)
	}
	return ""
}

// laterRevisions warns of the lastmod and the revision log entries of f
// dated after now: a mistyped year, most often, which feeds, sitemap.xml
// and the page would publish as the article's last change, keeping it on
// top of "recently updated" until that day. A day's grace allows for a
// date without a time read in the site's zone, which may start before
// the author's day.
func laterRevisions(f *content.File, now time.Time) []string {
	var warns []string
	check := func(d content.Date, what string) {
		if d.Time.After(now.Add(24 * time.Hour)) {
			warns = append(warns, fmt.Sprintf("%s:%d: %s is dated %s, after this build (%s): feeds, sitemap.xml and the page would say the article last changed then; correct the date", f.Path, d.Line+1, what, d.Time.Format(time.DateOnly), now.Format(time.DateOnly)))
		}
	}
	check(f.Meta.Lastmod, "lastmod")
	for i, u := range f.Meta.Updates {
		check(u.Date, fmt.Sprintf("updates: entry %d", i+1))
	}
	return warns
}
