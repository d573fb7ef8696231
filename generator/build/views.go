package build

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// views turns the site model and converted markdown into template views.
// Article views are made once and shared by every list that shows them.
type views struct {
	cfg      *config.Config
	site     *site.Site
	sv       *render.SiteView
	articles []*render.ArticleView // index-aligned with site.Articles
	docs     []*markdown.Doc       // index-aligned with site.Articles
	figs     []*figure.Page        // index-aligned with site.Articles; nil entries when no figures
	pages    []*markdown.Doc       // index-aligned with site.Pages
	keep     []*keptArticle        // a Session's, index-aligned with site.Articles; nil in a plain build
	// dataPagers are the pages of each dataset's catalogue page,
	// index-aligned with cfg.DatasetNames(); set by catalogue.
	dataPagers [][]site.Pager
}

// over returns views of s, a copy of v's site with some pages edited
// (site.Edit), that start as v's and change apart from them: a quick
// build updates the views of the pages it makes again.
func (v *views) over(s *site.Site) *views {
	n := *v
	n.site = s
	n.articles, n.docs, n.figs = slices.Clone(v.articles), slices.Clone(v.docs), slices.Clone(v.figs)
	n.pages, n.keep = slices.Clone(v.pages), slices.Clone(v.keep)
	return &n
}

// newSiteViews makes the views of the site without any article's: a plain
// build fills in each article as soon as it is converted (setArticle).
func newSiteViews(cfg *config.Config, s *site.Site, theme *render.Theme) *views {
	v := &views{cfg: cfg, site: s}
	v.sv = &render.SiteView{
		Title:       cfg.Title,
		Description: cfg.Description,
		Language:    cfg.Language,
		Author:      cfg.Author,
		Copyright:   cfg.Copyright,
		BaseURL:     cfg.BaseURL,
		Home:        cfg.RelURL("/"),
		CSS:         cfg.RelURL(theme.CSS["css/main.css"]),
		Disclaimer:  cfg.Disclaimer,
		Params:      cfg.Params,
		Generator:   "tearsheet " + Version,
	}
	for _, m := range cfg.Menu {
		v.sv.Menu = append(v.sv.Menu, render.LinkView{Name: m.Name, URL: v.link(m.URL)})
	}
	n := len(s.Articles)
	v.articles = make([]*render.ArticleView, n)
	v.docs = make([]*markdown.Doc, n)
	v.figs = make([]*figure.Page, n)
	v.pages = make([]*markdown.Doc, len(s.Pages))
	v.structure()
	return v
}

// setArticle makes the view of article i from its converted markdown and
// figures. Links to other articles need only their paths, so articles can
// be set in any order, in parallel.
func (v *views) setArticle(i int, d *markdown.Doc, fig *figure.Page) {
	a := v.linkedArticle(v.site.Articles[i], d)
	setFigures(a, fig)
	v.articles[i], v.docs[i], v.figs[i] = a, d, fig
}

// setArticleFrom is setArticle with a, the article's view that
// linkedArticle made without markdown (for the page cache's key): it gets
// what d gives.
func (v *views) setArticleFrom(i int, a *render.ArticleView, d *markdown.Doc, fig *figure.Page) {
	v.setDoc(a, v.site.Articles[i], d)
	setFigures(a, fig)
	v.articles[i], v.docs[i], v.figs[i] = a, d, fig
}

// setFigures sets the fields of a that the article's figures give: the
// image of its first chart, for cards, its charts of tickers and the list
// of its inline figures.
func setFigures(a *render.ArticleView, fig *figure.Page) {
	a.ChartImage, a.ChartImageNarrow, a.Charts, a.Figures = "", "", nil, nil
	a.ChartImageSize, a.ChartImageNarrowSize = render.Size{}, render.Size{}
	if fig == nil {
		return
	}
	a.ChartImage = fig.FirstPNG
	if a.ChartImage != "" {
		a.ChartImageNarrow = figure.NarrowPNG(a.ChartImage)
		d := fig.FirstPNGDims
		a.ChartImageSize = render.Size{Width: d.Width, Height: d.Height}
		a.ChartImageNarrowSize = render.Size{Width: d.NarrowWidth, Height: d.NarrowHeight}
	}
	a.Charts = chartLinks(a, fig.Tickers)
	a.Figures = noteViews(fig)
}

// noteViews returns the inline figures fig computed, in the order of
// the text, each once, with where each comes from; nil when fig is nil.
func noteViews(fig *figure.Page) []render.FigureNoteView {
	if fig == nil {
		return nil
	}
	var out []render.FigureNoteView
	for _, n := range fig.Notes() {
		out = append(out, render.FigureNoteView{Text: n.Text, Expr: n.Expr, Source: n.Title, Data: n.Data})
	}
	return out
}

// linkedArticle is the view of article p with its links to other articles.
func (v *views) linkedArticle(p *site.Page, d *markdown.Doc) *render.ArticleView {
	a := v.article(p, d)
	if p.Older != nil {
		a.Older = &render.LinkView{Name: p.Older.Title, URL: v.cfg.RelURL(p.Older.Path)}
	}
	if p.Newer != nil {
		a.Newer = &render.LinkView{Name: p.Newer.Title, URL: v.cfg.RelURL(p.Newer.Path)}
	}
	for _, q := range p.Related {
		a.Related = append(a.Related, render.LinkView{Name: q.Title, URL: v.cfg.RelURL(q.Path)})
	}
	return a
}

// link makes a menu or front-matter URL usable: site paths get the base path.
func (v *views) link(u string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return v.cfg.RelURL(u)
	}
	return u
}

func (v *views) article(p *site.Page, d *markdown.Doc) *render.ArticleView {
	m := p.File.Meta
	a := &render.ArticleView{
		Title:       p.Title,
		URL:         v.cfg.RelURL(p.Path),
		Permalink:   v.cfg.AbsURL(p.Path),
		Date:        p.Date,
		Author:      p.Author,
		Disclaimer:  v.cfg.Disclaimer,
		Disclosures: m.Disclosures,
		Draft:       m.Draft,
		Scheduled:   p.Scheduled,
		Image:       v.link(bundleNames(p).Ref(m.Image)),
	}
	if !p.Lastmod.Equal(p.Date) {
		a.Lastmod = p.Lastmod
	}
	if m.Disclaimer != nil {
		a.Disclaimer = *m.Disclaimer
	}
	for _, t := range p.Tags {
		a.Tags = append(a.Tags, render.LinkView{Name: t.Name, URL: v.cfg.RelURL(t.Path)})
	}
	v.articleTerms(a, p)
	for _, u := range m.Updates {
		a.Updates = append(a.Updates, render.UpdateView{Date: u.Date.Time.In(v.cfg.Location), Note: u.Note})
	}
	for _, r := range p.Revisions {
		a.Updates = append(a.Updates, render.UpdateView{Date: r.Date.In(v.cfg.Location), Note: r.Note})
	}
	v.setDoc(a, p, d)
	return a
}

// setDoc sets the fields of a, the view of article p, that its converted
// markdown d gives, replacing any it had.
func (v *views) setDoc(a *render.ArticleView, p *site.Page, d *markdown.Doc) {
	m := p.File.Meta
	a.Words = d.Words
	a.Content = template.HTML(d.HTML) // no copy: the string is shared
	// Its URLs hold away from the page (summaryAway): cards show it. It
	// is the front matter's summary, converted, when it gives one
	// (givenSummary), which the page shows under the title too.
	a.Summary, a.SummaryText, a.Dek = template.HTML(d.SummaryHTML), d.SummaryText, ""
	if m.Summary != "" {
		a.Dek = a.Summary
	}
	a.ReadingMinutes = max((d.Words+v.cfg.WordsPerMinute-1)/v.cfg.WordsPerMinute, 1)
	showTOC := len(d.TOC) >= v.cfg.Markdown.TOCMin
	if m.TOC != nil {
		showTOC = *m.TOC
	}
	a.TOC = nil
	if showTOC {
		for _, h := range d.TOC {
			a.TOC = append(a.TOC, render.HeadingView{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
}

func (v *views) meta(kind, title, description, sitePath string) render.PageMeta {
	return render.PageMeta{
		Kind:        kind,
		Title:       title,
		Description: description,
		URL:         v.cfg.RelURL(sitePath),
		Permalink:   v.cfg.AbsURL(sitePath),
		Feeds:       v.sv.Feeds,
		Image:       v.sv.Image,
		ImageAlt:    v.sv.ImageAlt,
	}
}

// metaSummary is the plain-text summary of a page's meta tags, text: the
// front matter's summary whole when it gives one (given), else the
// summary the markdown makes, cut to site.yaml's summaryWords words (0: no
// limit) with "…" when it is longer.
func (v *views) metaSummary(text string, given bool) string {
	if given {
		return text
	}
	n := v.cfg.SummaryWords
	if n <= 0 {
		return text
	}
	words := strings.Fields(text)
	if len(words) <= n {
		return text
	}
	return strings.Join(words[:n], " ") + "…"
}

func (v *views) articlePage(p *site.Page) *render.Data {
	a := v.articles[p.Index]
	d := &render.Data{Site: v.sv, Article: a, Page: v.meta("article", a.Title, v.metaSummary(a.SummaryText, p.File.Meta.Summary != ""), p.Path)}
	d.Page.Draft = a.Draft
	d.Page.Keywords = p.File.Meta.Keywords
	v.articleMeta(d, p)
	return d
}

// page is the view of page p, whose figures fig computed (nil when it
// has none): a page lists its inline figures as an article does, so a
// number on it is traced without a tooltip too.
func (v *views) page(p *site.Page, fig *figure.Page) *render.Data {
	doc := v.pages[p.Index]
	desc := v.metaSummary(doc.SummaryText, p.File.Meta.Summary != "")
	d := &render.Data{Site: v.sv, Page: v.meta("page", p.Title, desc, p.Path), Content: template.HTML(doc.HTML)}
	d.Figures = noteViews(fig)
	d.Page.Keywords = p.File.Meta.Keywords
	if img := p.File.Meta.Image; img != "" {
		d.Page.Image, d.Page.ImageAlt = v.absURL(p.Path, img), p.File.Meta.ImageAlt
	}
	return d
}

func (v *views) home(pg site.Pager) *render.Data {
	l := v.listView(v.cfg.Title, "No articles yet.", pg, v.site.Articles)
	title := ""
	if pg.Number > 1 {
		title = "Page " + strconv.Itoa(pg.Number)
	}
	d := &render.Data{Site: v.sv, List: l, Page: v.meta("home", title, v.cfg.Description, pg.Path)}
	d.Page.JSONLD = v.websiteLD()
	return d
}

func (v *views) alias(al site.Alias) *render.Data {
	return v.redirect(site.Redirect{From: al.From, To: al.To.Path, Title: al.To.Title})
}

// redirect is the page at r.From that sends the reader to r.To.
func (v *views) redirect(r site.Redirect) *render.Data {
	d := &render.Data{Site: v.sv, Page: v.meta("alias", r.Title, "", r.From), Redirect: v.cfg.AbsURL(r.To)}
	d.Page.Permalink = d.Redirect
	d.Page.NoIndex = true
	return d
}

func (v *views) notFound() *render.Data {
	d := &render.Data{Site: v.sv, Page: v.meta("404", "Page not found", "", "/404.html")}
	d.Page.NoIndex = true
	return d
}
