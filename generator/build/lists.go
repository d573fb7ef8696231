package build

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file makes the views of the research-site structure: the site-wide
// links and feeds, tag and archive lists, the tag and archive indexes, and
// the search and subscribe pages. Lists reuse the article views made once
// in newViews; nothing is rendered twice.

// structure fills the parts of the site view and the article views that
// the structure adds: links to the fixed pages, feeds, the subscribe form,
// the default image, and each article's related articles.
func (v *views) structure() {
	rel := v.cfg.RelURL
	v.sv.Links = render.SiteLinks{
		Archive:      rel(site.ArchivePath),
		Tags:         rel(site.TagsPath),
		Search:       rel(site.SearchPath),
		Subscribe:    rel(site.SubscribePath),
		SearchIndex:  rel(site.SearchIndex),
		SearchScript: rel(searchScript),
		EmbedScript:  rel(embedScript),
		Sitemap:      rel(site.SitemapFile),
	}
	if len(v.cfg.Datasets) > 0 {
		v.sv.Links.Data = rel(site.DataPath)
	}
	for _, p := range v.site.Pages {
		switch p.Path {
		case "/terms/":
			v.sv.Links.Terms = rel(p.Path)
		case "/privacy/":
			v.sv.Links.Privacy = rel(p.Path)
		}
	}
	for _, tx := range v.site.Taxonomies {
		v.sv.Taxonomies = append(v.sv.Taxonomies, render.LinkView{Name: tx.Title, URL: rel(tx.Path)})
	}
	v.sv.Feeds = v.feedViews(v.cfg.Title, "/")
	v.sv.Subscribe = subscribeView(v.cfg, v.sv.Links)
	v.sv.CSP = contentSecurityPolicy(v.sv.Subscribe)
	if v.cfg.Image != "" {
		v.sv.Image, v.sv.ImageAlt = v.absURL("/", v.cfg.Image), v.cfg.ImageAlt
	}
}

// searchScript and embedScript are the theme's scripts, site paths.
const (
	searchScript = "/js/search.js"
	embedScript  = "/js/embed.js"
)

// feedViews lists the three feeds that live in the folder of sitePath.
func (v *views) feedViews(title, sitePath string) []render.FeedView {
	dir := "/" + site.OutDir(sitePath)
	return []render.FeedView{
		{Title: title + " (RSS)", Name: "RSS", Format: "rss", Type: "application/rss+xml", URL: v.cfg.AbsURL(dir + site.RSSFile)},
		{Title: title + " (Atom)", Name: "Atom", Format: "atom", Type: "application/atom+xml", URL: v.cfg.AbsURL(dir + site.AtomFile)},
		{Title: title + " (JSON Feed)", Name: "JSON Feed", Format: "json", Type: "application/feed+json", URL: v.cfg.AbsURL(dir + site.JSONFile)},
	}
}

// listView is one page of a list of articles; arts is the whole list.
func (v *views) listView(title, empty string, pg site.Pager, arts []*site.Page) *render.ListView {
	l := &render.ListView{
		Title:  title,
		Number: pg.Number,
		Total:  pg.Total,
		First:  v.cfg.RelURL(pg.First),
		Last:   v.cfg.RelURL(pg.Last),
		Empty:  empty,
	}
	for _, p := range arts[pg.Lo:pg.Hi] {
		l.Items = append(l.Items, v.articles[p.Index])
	}
	if pg.Prev != "" {
		l.Prev = v.cfg.RelURL(pg.Prev)
	}
	if pg.Next != "" {
		l.Next = v.cfg.RelURL(pg.Next)
	}
	return l
}

// listPage is the data of one page of a tag, year or month list.
func (v *views) listPage(kind, title, desc string, pg site.Pager, arts []*site.Page) *render.Data {
	l := v.listView(title, "No articles.", pg, arts)
	t := title
	if pg.Number > 1 {
		t += " · page " + strconv.Itoa(pg.Number)
	}
	return &render.Data{Site: v.sv, List: l, Page: v.meta(kind, t, desc, pg.Path)}
}

// homeJobs appends the home page and its continuation pages to jobs; with
// want, only those whose articles it says yes to.
func (v *views) homeJobs(jobs []job, want func(items []*site.Page) bool) []job {
	// The home pages show the number of articles (in their pagination).
	sum := listSum("home", func(e *encoder) { e.num(uint64(len(v.site.Articles))) })
	for _, pg := range v.site.Home {
		items := v.site.Articles[pg.Lo:pg.Hi]
		if want == nil || want(items) {
			jobs = append(jobs, job{out: pg.Out, kind: "home", items: items, list: func() *render.Data { return v.home(pg) }, shapeOf: sum})
		}
	}
	return jobs
}

// listJobs appends the pages of the structure to jobs: term pages, year
// and month archives, the taxonomy and archive indexes, search and
// subscribe. The data of a page of a list is made when the page is
// rendered (job.list).
func (v *views) listJobs(jobs []job) []job {
	terms := v.allTerms()
	jobs = v.listPages(jobs, terms, nil)
	for ti, tx := range v.site.Taxonomies {
		jobs = append(jobs, v.taxonomyJob(tx, terms[ti]))
	}
	search := &render.Data{Site: v.sv, Page: v.meta("search", "Search", "Search the research by title, summary and tag.", site.SearchPath)}
	search.Page.NoIndex = true
	sub := &render.Data{Site: v.sv, Terms: terms[0], Page: v.meta("subscribe", "Subscribe", "Follow the research by email or feed.", site.SubscribePath)}
	jobs = append(jobs,
		v.archiveJob(),
		job{out: site.OutFile(site.SearchPath), kind: "search", data: search},
		job{out: site.OutFile(site.SubscribePath), kind: "subscribe", data: sub},
	)
	if v.sv.Subscribe != nil {
		thanks := &render.Data{Site: v.sv, Page: v.meta("thanks", "Thank you", "", site.ThanksPath)}
		thanks.Page.NoIndex = true
		jobs = append(jobs, job{out: site.OutFile(site.ThanksPath), kind: "thanks", data: thanks})
	}
	return jobs
}

// listSum returns what makes, once asked, the key of a list's structure
// (job.shapeOf): the kind of list and what write adds. Every page of the
// list shares it; it is not safe for concurrent use (startLists and
// endLists ask for it, before and after the pages render).
func listSum(kind string, write func(e *encoder)) func() key {
	var sum key
	return func() key {
		if sum == (key{}) {
			e := newEncoder(kind)
			write(e)
			sum = e.sum()
		}
		return sum
	}
}

// archiveJob returns the archive index, which lists every article's title.
// In a Session its data is made only when the page is made again: the page
// is keyed by the years and months and what it shows of each article (its
// line: archiveFrom), to which the site view's key is added (fromKey).
func (v *views) archiveJob() job {
	data := func() *render.Data {
		return &render.Data{Site: v.sv, Archive: v.archive(), Page: v.meta("archive", "Archive", "Every article by year and month.", site.ArchivePath)}
	}
	j := job{out: site.OutFile(site.ArchivePath), kind: "archive"}
	if v.keep == nil {
		j.data = data()
		return j
	}
	j.from = v.archiveFrom()
	j.lazy = func() (*render.Data, error) { return data(), nil }
	return j
}

// archiveFrom is the key of what the archive index shows (archive): the
// years and months with their URLs and counts, and each article's line
// (articleView.entry), which a text edit leaves alone.
func (v *views) archiveFrom() key {
	e := newEncoder("archive")
	e.num(uint64(len(v.site.Articles)))
	for _, y := range v.site.Years {
		e.num(uint64(y.Year))
		e.str(y.Path)
		e.num(uint64(len(y.Months)))
		for _, m := range y.Months {
			e.num(uint64(m.Month))
			e.str(m.Path)
			e.num(uint64(len(m.Articles)))
			for _, p := range m.Articles {
				e.key(v.keep[p.Index].entry)
			}
		}
	}
	return e.sum()
}

// listPages appends the pages of the term, year and month lists to jobs;
// with want, only those whose articles it says yes to. terms are the
// terms' views of each taxonomy (allTerms).
func (v *views) listPages(jobs []job, terms [][]render.TermView, want func(items []*site.Page) bool) []job {
	add := func(pg site.Pager, arts []*site.Page, data func() *render.Data, sum func() key) {
		items := arts[pg.Lo:pg.Hi]
		if want == nil || want(items) {
			jobs = append(jobs, job{out: pg.Out, kind: "list", items: items, list: data, shapeOf: sum})
		}
	}
	// What a list's pages show besides their articles: its name, URL
	// and number of articles (in the description and the pagination),
	// and a year's months; the rest of a page is the site view's and
	// site.yaml's.
	for xi, tx := range v.site.Taxonomies {
		for ti, t := range tx.Terms {
			tv := terms[xi][ti]
			sum := listSum("term", func(e *encoder) {
				e.str(tx.Key)
				e.str(t.Name)
				e.str(t.Slug)
				e.str(t.Path)
				e.num(uint64(len(t.Articles)))
			})
			for _, pg := range t.Pagers {
				add(pg, t.Articles, func() *render.Data { return v.termPage(tx, t, tv, pg) }, sum)
			}
		}
	}
	// The years side by side, newest first, as the archive lists them;
	// likewise every month of every year, each year's newest first.
	years := make([]render.LinkView, len(v.site.Years))
	var months []render.LinkView
	for i, y := range v.site.Years {
		years[i] = render.LinkView{Name: strconv.Itoa(y.Year), URL: v.cfg.RelURL(y.Path)}
		for _, m := range y.Months {
			months = append(months, render.LinkView{Name: monthName(m), URL: v.cfg.RelURL(m.Path)})
		}
	}
	mi := 0 // index in months of the next month to page
	for yi, y := range v.site.Years {
		var newer, older render.LinkView
		if yi > 0 {
			newer = years[yi-1]
		}
		if yi+1 < len(years) {
			older = years[yi+1]
		}
		children := months[mi : mi+len(y.Months)]
		year := strconv.Itoa(y.Year)
		sum := listSum("year", func(e *encoder) {
			e.num(uint64(y.Year))
			e.str(y.Path)
			e.num(uint64(len(y.Articles)))
			e.num(uint64(len(children)))
			for _, m := range children {
				e.str(m.Name)
				e.str(m.URL)
			}
			encodeLinks(e, newer, older)
		})
		for _, pg := range y.Pagers {
			add(pg, y.Articles, func() *render.Data {
				d := v.listPage("year", year, fmt.Sprintf("Research published in %s.", year), pg, y.Articles)
				d.List.Children = children
				d.List.Newer, d.List.Older = newer, older
				return d
			}, sum)
		}
		// A month's page links up to its year's, and to the months
		// beside it, across years.
		up := render.LinkView{Name: year, URL: v.cfg.RelURL(y.Path)}
		for _, m := range y.Months {
			var newer, older render.LinkView
			if mi > 0 {
				newer = months[mi-1]
			}
			if mi+1 < len(months) {
				older = months[mi+1]
			}
			mi++
			sum := listSum("month", func(e *encoder) {
				e.str(monthName(m))
				e.str(m.Path)
				e.num(uint64(len(m.Articles)))
				encodeLinks(e, up, newer, older)
			})
			for _, pg := range m.Pagers {
				add(pg, m.Articles, func() *render.Data {
					d := v.listPage("month", monthName(m), fmt.Sprintf("Research published in %s.", monthName(m)), pg, m.Articles)
					d.List.Parent = up
					d.List.Newer, d.List.Older = newer, older
					return d
				}, sum)
			}
		}
	}
	return jobs
}

// encodeLinks writes the names and URLs of links a list page shows.
func encodeLinks(e *encoder, links ...render.LinkView) {
	for _, l := range links {
		e.str(l.Name)
		e.str(l.URL)
	}
}

func (v *views) archive() *render.ArchiveView {
	a := &render.ArchiveView{Total: len(v.site.Articles), Years: make([]render.YearView, 0, len(v.site.Years))}
	for _, y := range v.site.Years {
		yv := render.YearView{Year: y.Year, URL: v.cfg.RelURL(y.Path), Count: len(y.Articles), Months: make([]render.MonthView, 0, len(y.Months))}
		for _, m := range y.Months {
			mv := render.MonthView{Name: monthName(m), Month: int(m.Month), URL: v.cfg.RelURL(m.Path), Count: len(m.Articles)}
			mv.Articles = make([]render.EntryView, 0, len(m.Articles))
			size := 0
			for _, p := range m.Articles {
				size += len(v.articles[p.Index].Entry)
			}
			var entries strings.Builder
			entries.Grow(size)
			for _, p := range m.Articles {
				a := v.articles[p.Index]
				mv.Articles = append(mv.Articles, render.EntryView{Title: a.Title, URL: a.URL, Date: a.Date, Draft: a.Draft})
				entries.WriteString(string(a.Entry))
			}
			mv.Entries = template.HTML(entries.String())
			yv.Months = append(yv.Months, mv)
		}
		a.Years = append(a.Years, yv)
	}
	return a
}

func monthName(m *site.Month) string { return fmt.Sprintf("%s %d", m.Month, m.Year) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listCount is how many pages the lists have: the home page and the pages
// of the terms, years and months, each with its continuation pages. A
// full build makes its jobs and sitemap with room for them: at 10,000
// articles they are 9,000 of each, which growing by appending copied
// again and again.
func (v *views) listCount() int {
	n := len(v.site.Home)
	v.site.EachTerm(func(t *site.Tag) { n += len(t.Pagers) })
	for _, y := range v.site.Years {
		n += len(y.Pagers)
		for _, m := range y.Months {
			n += len(m.Pagers)
		}
	}
	return n
}
