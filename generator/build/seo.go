package build

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// baseURLWarning says, when the site's address is a path without a host
// ("/", as init writes it, or "/repo/"), that its feeds, sitemap.xml,
// robots.txt and social-card tags carry URLs no feed reader or crawler
// can follow; "" when the address has a host. flag is the --baseURL
// given, if any, which then is the one named.
func baseURLWarning(cfg *config.Config, flag string) string {
	if u, err := url.Parse(cfg.BaseURL); err != nil || u.Host != "" {
		return ""
	}
	where := "--baseURL"
	if flag == "" {
		where = cfg.File
		if n := cfg.Line("baseURL"); n > 0 {
			where = fmt.Sprintf("%s:%d", cfg.File, n)
		}
		where += ": baseURL"
	}
	return fmt.Sprintf("%s %q is a path without a host, so the feeds, sitemap.xml, robots.txt and social-card tags carry URLs that feed readers and search engines cannot follow: "+
		"set baseURL to the address the site is published at (https://USER.github.io/REPO/, say), set domain, or build with --baseURL", where, cfg.BaseURL)
}

// domainWarning says, when site.yaml sets domain and the site's address
// (site.yaml's baseURL, or flag, the --baseURL given) has another host,
// that CNAME then names a domain none of the site's links use: the Pages
// workflow passes the address GitHub publishes at, which is the custom
// domain only once it is set in the repository's settings, since GitHub
// ignores CNAME in a site that GitHub Actions publishes. "" when the hosts
// agree (or differ by "www."), the address is a path, or it is a local
// preview's.
func domainWarning(cfg *config.Config, flag string) string {
	u, err := url.Parse(cfg.BaseURL)
	if cfg.Domain == "" || err != nil || u.Host == "" {
		return ""
	}
	host, domain := strings.ToLower(u.Hostname()), strings.ToLower(cfg.Domain)
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() ||
		strings.TrimPrefix(host, "www.") == strings.TrimPrefix(domain, "www.") {
		return ""
	}
	where := cfg.File
	if n := cfg.Line("domain"); n > 0 {
		where = fmt.Sprintf("%s:%d", cfg.File, n)
	}
	addr := fmt.Sprintf("baseURL %q", cfg.BaseURL)
	if flag != "" {
		addr = fmt.Sprintf("--baseURL %q", cfg.BaseURL)
	}
	return fmt.Sprintf("%s: domain %q is not the host of %s, so CNAME names a domain that none of the site's links use: "+
		"on GitHub Pages published by GitHub Actions (tearsheet init's workflow), which ignores CNAME, set the domain under Settings > Pages > Custom domain and the workflow builds with it; else make baseURL and domain agree",
		where, cfg.Domain, addr)
}

// cnameWarning says, when the site's static/CNAME (which replaces the
// CNAME that domain writes) names a domain other than site.yaml's domain,
// or than the host of the site's address, that GitHub Pages (publishing
// from a branch, where it reads CNAME) then serves the site from a domain
// its links do not use: a project site's /REPO/ links all fail there. ""
// when there is no static/CNAME, it agrees, or the address is a local
// preview's or a bare path ("/", whose links work at any domain's root).
func cnameWarning(fsys fs.FS, cfg *config.Config, flag string) string {
	name := path.Join(render.StaticDir, site.CNAMEFile)
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return ""
	}
	cname, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	cname = strings.ToLower(strings.TrimSpace(cname))
	same := func(a, b string) bool {
		return strings.TrimPrefix(a, "www.") == strings.TrimPrefix(strings.ToLower(b), "www.")
	}
	if cfg.Domain != "" {
		if cname == "" || same(cname, cfg.Domain) {
			return ""
		}
		return fmt.Sprintf("%s: names the domain %q, and replaces the CNAME that site.yaml's domain %q would write, so GitHub Pages, publishing from a branch, serves the site at a domain its links do not use: "+
			"remove %s (the build writes CNAME from domain) or make the two agree", name, cname, cfg.Domain, name)
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || cname == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() || host == "" && u.Path == "/" || host != "" && same(cname, host) && u.Path == "/" {
		return ""
	}
	addr := fmt.Sprintf("baseURL %q", cfg.BaseURL)
	if flag != "" {
		addr = fmt.Sprintf("--baseURL %q", cfg.BaseURL)
	}
	return fmt.Sprintf("%s: names the domain %q, but the site is built for %s, so GitHub Pages, publishing from a branch, serves it at https://%s/ where its links do not lead: "+
		"remove %s and set domain: %s in site.yaml (the build then writes CNAME and makes its links https://%s/), or remove %s if the site is not published there",
		name, cname, addr, cname, name, cname, cname, name)
}

// absURL makes a front-matter or site.yaml URL absolute: site paths
// ("/img/card.png") get the base URL, other relative paths ("card.png", a
// bundle file) are resolved against the page at sitePath, and absolute URLs
// are kept.
func (v *views) absURL(sitePath, ref string) string {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || strings.HasPrefix(ref, "//") {
		return ref
	}
	if strings.HasPrefix(ref, "/") {
		return v.cfg.AbsURL(ref)
	}
	base, err := url.Parse(v.cfg.AbsURL(sitePath))
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// chartImage returns the site path of the PNG of article i's first chart,
// or "" when it has no chart.
func (v *views) chartImage(i int) string {
	if f := v.figs[i]; f != nil && f.FirstPNG != "" {
		return "/" + strings.TrimPrefix(f.FirstPNG, v.cfg.BasePath())
	}
	return ""
}

// cardImage is a social-card image: its absolute URL, what it shows (alt
// text, "" when not known) and, for a chart's PNG, its size in bytes (0
// when not known).
type cardImage struct {
	URL, Alt string
	Size     int64
	Pixels   render.Size // its width and height in pixels, zero when not known
}

// pngPixels is the size in pixels of a chart's PNG drawn w by h CSS px.
func pngPixels(w, h int) render.Size {
	return render.Size{Width: w * figure.PNGScale, Height: h * figure.PNGScale}
}

// articleImage is an article's social-card image: its front-matter image
// (with its imageAlt), else its first chart's PNG (with the chart's
// description), else the site's image (with site.yaml's imageAlt).
func (v *views) articleImage(p *site.Page) cardImage {
	if img := p.File.Meta.Image; img != "" {
		return cardImage{URL: v.absURL(p.Path, bundleNames(p).Ref(img)), Alt: p.File.Meta.ImageAlt}
	}
	if img := v.chartImage(p.Index); img != "" {
		f := v.figs[p.Index]
		return cardImage{URL: v.absURL(p.Path, img), Alt: f.FirstAlt, Size: f.FirstPNGSize,
			Pixels: pngPixels(f.FirstPNGDims.Width, f.FirstPNGDims.Height)}
	}
	return cardImage{URL: v.sv.Image, Alt: v.sv.ImageAlt}
}

// articleMeta adds an article's social-card image and JSON-LD to its page.
func (v *views) articleMeta(d *render.Data, p *site.Page) {
	img := v.articleImage(p)
	d.Page.Image, d.Page.ImageAlt, d.Page.ImageSize = img.URL, img.Alt, img.Pixels
	a := v.articles[p.Index]
	ld := ldArticle{
		Context:       "https://schema.org",
		Type:          "Article",
		Headline:      a.Title,
		Description:   d.Page.Description,
		URL:           a.Permalink,
		Page:          ldThing{Type: "WebPage", ID: a.Permalink},
		DatePublished: a.Date.UTC().Format(time.RFC3339),
		DateModified:  p.Lastmod.UTC().Format(time.RFC3339),
		Publisher:     &ldThing{Type: "Organization", Name: v.cfg.Title, URL: v.cfg.AbsURL("/")},
		WordCount:     a.Words,
		Language:      v.cfg.Language,
	}
	ld.Author = v.authorsLD(p)
	if d.Page.Image != "" {
		ld.Image = []string{d.Page.Image}
	}
	for _, t := range a.Tags {
		ld.Keywords = append(ld.Keywords, t.Name)
	}
	for _, k := range p.File.Meta.Keywords {
		if !slices.Contains(ld.Keywords, k) {
			ld.Keywords = append(ld.Keywords, k)
		}
	}
	d.Page.JSONLD = jsonLD(ld)
}

// websiteLD is the JSON-LD of the home page.
func (v *views) websiteLD() template.JS {
	return jsonLD(ldThing{Context: "https://schema.org", Type: "WebSite", Name: v.cfg.Title, URL: v.cfg.AbsURL("/"), Description: v.cfg.Description})
}

// jsonLD encodes v for a <script type="application/ld+json"> element.
// encoding/json escapes <, > and & (as \u003c and so on), so no value, such
// as a title holding "</script>", can end the script early.
func jsonLD(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(b)
}

type ldThing struct {
	Context     string `json:"@context,omitempty"`
	Type        string `json:"@type"`
	ID          string `json:"@id,omitempty"`
	Name        string `json:"name,omitempty"`
	URL         string `json:"url,omitempty"`
	Description string `json:"description,omitempty"`
}

type ldArticle struct {
	Context       string    `json:"@context"`
	Type          string    `json:"@type"`
	Headline      string    `json:"headline"`
	Description   string    `json:"description,omitempty"`
	URL           string    `json:"url"`
	Page          ldThing   `json:"mainEntityOfPage"`
	DatePublished string    `json:"datePublished"`
	DateModified  string    `json:"dateModified"`
	Author        []ldThing `json:"author,omitempty"`
	Publisher     *ldThing  `json:"publisher,omitempty"`
	Image         []string  `json:"image,omitempty"`
	Keywords      []string  `json:"keywords,omitempty"`
	WordCount     int       `json:"wordCount"`
	Language      string    `json:"inLanguage,omitempty"`
}

// newest is the latest Lastmod of arts[lo:hi], zero for none.
func newest(arts []*site.Page, lo, hi int) time.Time {
	var t time.Time
	for _, p := range arts[lo:hi] {
		if p.Lastmod.After(t) {
			t = p.Lastmod
		}
	}
	return t
}

// sitemapPages calls add with each page of sitemap.xml, in order: every
// indexable page (the home pages, articles and their charts' pages, pages,
// tag and archive lists, the indexes and the data catalogue), with the
// time of the newest change each shows. Search, thank-you, 404 and alias
// pages are left out (noindex).
func (v *views) sitemapPages(add func(sitePath string, lastmod time.Time)) {
	pagers := func(pgs []site.Pager, arts []*site.Page) {
		for _, pg := range pgs {
			add(pg.Path, newest(arts, pg.Lo, pg.Hi))
		}
	}
	all := v.site.Articles
	pagers(v.site.Home, all)
	for _, p := range all {
		add(p.Path, p.Lastmod)
		if f := v.figs[p.Index]; f != nil {
			for _, c := range f.Charts {
				add(chartPagePath(Beside(p.Out, figure.ChartPage(c.ID))), p.Lastmod)
			}
		}
	}
	for _, p := range v.site.Pages {
		add(p.Path, p.Lastmod)
	}
	for _, tx := range v.site.Taxonomies {
		var last time.Time // the index lists the terms and their counts: it changes with the articles of its terms only
		for _, t := range tx.Terms {
			if n := newest(t.Articles, 0, len(t.Articles)); n.After(last) {
				last = n
			}
		}
		add(tx.Path, last)
		for _, t := range tx.Terms {
			pagers(t.Pagers, t.Articles)
		}
	}
	add(site.ArchivePath, newest(all, 0, len(all)))
	for _, y := range v.site.Years {
		pagers(y.Pagers, y.Articles)
		for _, m := range y.Months {
			pagers(m.Pagers, m.Articles)
		}
	}
	add(site.SubscribePath, time.Time{})
	if names := v.cfg.DatasetNames(); len(names) > 0 {
		add(site.DataPath, time.Time{})
		for k, n := range names {
			if k >= len(v.dataPagers) {
				add(site.DatasetPath(n), time.Time{})
				continue
			}
			for _, pg := range v.dataPagers[k] {
				add(pg.Path, time.Time{})
			}
		}
	}
}
