package build

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/feed"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// An article's own files besides its page: each chart's page
// (charts/ID/index.html beside the article) and embed
// (charts/ID/embed/index.html), and the article's email edition
// (email.html and its plain-text part email.txt). They are made with the
// article (a plain build right after its page; a Session as jobs of the
// render stage) and are part of what the page cache keeps of it.

// EmailFiles are the output names of an article's email edition, beside
// the article's page (see placerOf).
const (
	EmailHTML = "email.html"
	EmailText = "email.txt"
)

// placerOf puts a page's own files beside it: "chart-1.csv" of the page
// /2024/05/rally/ is 2024/05/rally/chart-1.csv; with a permalink ending in
// .html (/2024/05/rally.html) it is 2024/05/rally-chart-1.csv. It returns
// the output path and the URL (under the base path).
func placerOf(cfg *config.Config, p *site.Page) func(name string) (string, string) {
	return func(name string) (string, string) {
		out := Beside(p.Out, name)
		return out, cfg.RelURL("/" + out)
	}
}

// Beside is the output of the file name beside the page written to out:
// "2024/05/rally/index.html" has "2024/05/rally/email.html" beside it,
// and "2024/05/rally.html" has "2024/05/rally-email.html".
func Beside(out, name string) string {
	if strings.HasSuffix(out, "/index.html") || out == "index.html" {
		return strings.TrimSuffix(out, "index.html") + name
	}
	return strings.TrimSuffix(out, path.Base(out)) + strings.TrimSuffix(path.Base(out), path.Ext(out)) + "-" + name
}

// chartPagePath is the site path of a chart's own page from its output
// ("2024/05/rally/charts/x/index.html" is "/2024/05/rally/charts/x/").
func chartPagePath(out string) string {
	return "/" + strings.TrimSuffix(out, "index.html")
}

// embedOut is the output of the embed of the chart whose page is out.
func embedOut(out string) string { return strings.TrimSuffix(out, "index.html") + "embed/index.html" }

// extraOuts lists the outputs of article p's own files besides its page,
// whose figures are fig: what extraJobs makes.
func extraOuts(p *site.Page, fig *figure.Page) []string {
	var outs []string
	if fig != nil {
		for _, c := range fig.Charts {
			out := Beside(p.Out, figure.ChartPage(c.ID))
			outs = append(outs, out, embedOut(out))
		}
	}
	return append(outs, Beside(p.Out, EmailHTML), Beside(p.Out, EmailText))
}

// originURL makes a URL under the base path ("/repo/x.png") absolute; a
// site whose address is a path ("/") has no origin: the path is kept.
func (v *views) originURL(rel string) string {
	u, err := url.Parse(v.cfg.BaseURL)
	if err != nil || u.Host == "" || rel == "" || !strings.HasPrefix(rel, "/") {
		return rel
	}
	return u.Scheme + "://" + u.Host + rel
}

// extraJobs makes the jobs of article i's own files besides its page (see
// extraOuts): its charts' pages and embeds from fig, and its email
// edition, whose content is doc's HTML with each chart's figure
// (doc.Figures) in its email version. Their data is made lazily: a
// Session that kept a page under the key the article keeps (memo) does not
// make it.
func (b *builder) extraJobs(v *views, i int, doc *markdown.Doc, fig *figure.Page) []job {
	p := b.site.Articles[i]
	a := v.articles[i]
	place := placerOf(b.cfg, p)
	own := v.ownFiles(i)
	var jobs []job
	if fig != nil {
		for k, c := range fig.Charts {
			out, _ := place(figure.ChartPage(c.ID))
			page := func(embed bool) func() (*render.Data, error) {
				return func() (*render.Data, error) { return b.chartPage(v, a, c, k, out, embed), nil }
			}
			jobs = append(jobs, job{out: out, kind: "chart", lazy: page(false), own: own.slot(out)},
				job{out: embedOut(out), kind: "embed", lazy: page(true), own: own.slot(embedOut(out))})
		}
	}
	email := func() (*render.Data, error) {
		content, err := b.emailContent(p, doc, fig)
		if err != nil {
			return nil, fmt.Errorf("%s: email edition: %w", p.File.Path, err)
		}
		// The dek's links lead from the message as the content's do.
		dek, err := emailDek(a)
		if err != nil {
			return nil, fmt.Errorf("%s: email edition: %w", p.File.Path, err)
		}
		return &render.Data{Site: v.sv, Article: a, Page: v.meta("email", a.Title, a.SummaryText, p.Path),
			Email: &render.EmailView{Content: template.HTML(content), Dek: dek, Permalink: a.Permalink, Home: b.cfg.AbsURL("/"), Origin: strings.TrimSuffix(v.originURL("/"), "/"),
				OutlookOpen: outlookOpen, OutlookClose: outlookClose}}, nil
	}
	out, _ := place(EmailHTML)
	text, _ := place(EmailText)
	return append(jobs, job{out: out, kind: "email", lazy: email, text: text, own: own.slot(out), ownText: own.slot(text)})
}

// chartPage is the data of the page of chart c, the k-th of article a,
// written to out, or of its embed.
func (b *builder) chartPage(v *views, a *render.ArticleView, c *render.FigureView, k int, out string, embed bool) *render.Data {
	sitePath := chartPagePath(out)
	title := c.Title
	if title == "" {
		title = fmt.Sprintf("Chart %d of %s", k+1, a.Title)
	}
	f := *c
	f.Page = ""      // the page itself
	f.Heading = true // its title is the page's h1 (the embed's copy is ef)
	cv := &render.ChartView{
		Figure:    &f,
		Article:   render.LinkView{Name: a.Title, URL: a.URL},
		Anchor:    a.URL + "#" + c.ID,
		Permalink: b.cfg.AbsURL(sitePath),
		Embed:     b.cfg.RelURL(sitePath + "embed/"),
		EmbedURL:  b.cfg.AbsURL(sitePath + "embed/"),
		PNG:       v.originURL(c.PNG),
	}
	cv.Snippet = embedSnippet(cv.EmbedURL, title, embedHeight(c))
	pixels := pngPixels(c.PNGWidth, c.PNGHeight)
	if !embed {
		d := &render.Data{Site: v.sv, Article: a, Chart: cv, Page: v.meta("chart", title, c.Description, sitePath)}
		d.Page.Image, d.Page.ImageAlt, d.Page.ImageSize = cv.PNG, c.Description, pixels
		return d
	}
	ef := *c // the embed links to the chart's page
	cv.Figure = &ef
	e := &render.Data{Site: v.sv, Article: a, Chart: cv, Page: v.meta("embed", title, c.Description, sitePath+"embed/")}
	e.Page.Image, e.Page.ImageAlt, e.Page.ImageSize, e.Page.NoIndex = cv.PNG, c.Description, pixels, true
	e.Page.Permalink = cv.Permalink // the chart's page is the canonical one
	return e
}

// embedSnippet is the HTML a chart's page offers for pasting into
// another page: a frame of the embed at src, at most 760 px wide, and a
// script that sets the frame's height to what the embed's js/embed.js
// posts from it (only from the frame's own window, and only a height), so
// that it fits at every width without a scroll bar. Where the host page
// runs no script, the frame keeps height.
func embedSnippet(src, title string, height int) string {
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" loading="lazy" style="border:0;max-width:760px" data-tearsheet-embed></iframe>`+"\n"+
		`<script>addEventListener("message",function(e){var h=e.data&&e.data.tearsheetEmbed&&Math.ceil(e.data.height);if(h>0&&h<1e4)document.querySelectorAll("iframe[data-tearsheet-embed]").forEach(function(f){if(f.contentWindow===e.source)f.height=h})})</script>`,
		template.HTMLEscapeString(src), template.HTMLEscapeString(title), height)
}

// embedHeight estimates how tall the default theme's embed of f is in a
// frame 760 px wide, for a host page that runs no script: its column of
// 672 px holds the title, the wide drawing and the caption, lines counted
// by characters, with a line to spare, rounded up to 20 px. A line that wraps sooner only costs
// a scroll in the frame; the script, where it runs, measures.
func embedHeight(f *render.FigureView) int {
	const column = 672.0
	lines := func(chars, perLine int) int { return (chars + perLine - 1) / perLine }
	h := 24.0 // the embed's padding
	h += float64(lines(utf8.RuneCountInString(f.Title), 60)) * 30
	h += float64(lines(utf8.RuneCountInString(f.Subtitle), 75)) * 26
	var vw, vh float64
	if _, rest, ok := strings.Cut(string(f.SVG), `viewBox="`); ok {
		fmt.Sscanf(rest, "0 0 %g %g", &vw, &vh)
	}
	if vw > 0 && vh > 0 {
		h += 16 + column*vh/vw
	}
	// The caption: its text, the illustrative note, the sources, the
	// datasets, the date and the links (about 70 characters).
	chars := utf8.RuneCountInString(f.Caption) + 70
	if f.Illustrative {
		chars += 66
	}
	for _, c := range f.Credits {
		chars += utf8.RuneCountInString(c) + 10
	}
	for _, d := range f.Datasets {
		chars += utf8.RuneCountInString(d.Name) + 8
	}
	h += 12 + float64(lines(chars, 64))*26
	h += 40 + 34 // the data table's summary, and the line to the article
	h += 26      // a line to spare, as fonts differ
	return int(math.Ceil(h/20) * 20)
}

// outlookOpen and outlookClose hold an email edition's message to 600 px
// in Outlook on Windows, which ignores max-width: a table in comments
// only it reads.
const (
	outlookOpen  template.HTML = `<!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->`
	outlookClose template.HTML = `<!--[if mso]></td></tr></table><![endif]-->`
)

// emailContent is the content of article p's email edition, converted
// as doc with its figures fig (makeEmail): a Session's is the query
// article.email, made from what the article's view is.
func (b *builder) emailContent(p *site.Page, doc *markdown.Doc, fig *figure.Page) ([]byte, error) {
	if b.cache != nil {
		return b.cache.content.emailOf(p)
	}
	return b.makeEmail(p, doc, fig, bundleImageSizes(b.fsys, p))
}

// makeEmail makes the content of article p's email edition: its HTML
// with each chart as partials/email-figure.html (the PNG of its narrow
// drawing, at most 400 px wide in a 600 px message, with the chart's
// description as alt text), made fit for email by feed.Email against the
// article's permalink, which gives the images of its bundle their size,
// imgs (bundleImageSizes; emailImageSize).
func (b *builder) makeEmail(p *site.Page, doc *markdown.Doc, fig *figure.Page, imgs []imageSize) ([]byte, error) {
	permalink := b.cfg.AbsURL(p.Path)
	n := 0 // the charts with a PNG, which the email shows
	if fig != nil {
		n = min(len(fig.Feeds), len(fig.Charts))
	}
	var buf bytes.Buffer
	html, err := swapFigures(doc, n, func(k int) ([]byte, error) {
		buf.Reset()
		err := b.halt(b.theme.ExecutePartial(&buf, "partials/email-figure.html", fig.Charts[k]))
		return buf.Bytes(), err
	})
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(permalink)
	if err != nil {
		return nil, err
	}
	return feed.Email(html, base, b.emailImageSize(imgs, p, base))
}

// emailDek is a's dek made for its email edition, as the content is
// (feed.Email): URLs absolute against its permalink, inline styles.
func emailDek(a *render.ArticleView) (template.HTML, error) {
	if a.Dek == "" {
		return "", nil
	}
	base, err := url.Parse(a.Permalink)
	if err != nil {
		return "", err
	}
	h, err := feed.Email([]byte(a.Dek), base, nil)
	return template.HTML(h), err
}

// writeExtras renders and writes article i's own files besides its page
// (a plain build, right after the page: see renderArticle) and returns
// their outputs. It then lets go of the charts' drawings and tables: the
// sitemap needs only their ids.
func (b *builder) writeExtras(buf *bytes.Buffer, v *views, i int, doc *markdown.Doc, fig *figure.Page) ([]string, error) {
	var outs []string
	var errs []error // of the templates: each is tried
	for _, j := range b.extraJobs(v, i, doc, fig) {
		buf.Reset()
		if err := b.need(v, &j); err != nil {
			return nil, err
		}
		b.rendered.Add(1)
		if err := b.halt(b.theme.Execute(buf, j.kind, j.data)); err != nil {
			errs = append(errs, pageError(j.out, err))
			continue
		}
		if err := errors.Join(b.put(j.out, buf.Bytes()), b.putText(j, buf.Bytes())); err != nil {
			return nil, err
		}
		outs = append(outs, j.out)
		if j.text != "" {
			outs = append(outs, j.text)
		}
	}
	if fig != nil {
		for k, c := range fig.Charts {
			fig.Charts[k] = &render.FigureView{ID: c.ID, Page: c.Page}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return outs, nil
}

// putText writes the plain-text part of an email edition (job j's text),
// made from its HTML, html: in a Session, the article keeps it (ownText),
// made again only with the HTML.
func (b *builder) putText(j job, html []byte) error {
	if j.text == "" {
		return nil
	}
	if f := j.ownText; f != nil && f.made {
		return b.putShared(j.text, f.data)
	}
	t, err := emailText(html)
	if err != nil {
		return fmt.Errorf("%s: %w", j.text, err)
	}
	if f := j.ownText; f != nil {
		return b.keepOwn(f, j.text, t)
	}
	return b.put(j.text, t)
}

// emailText is the plain-text part of the email edition html.
func emailText(html []byte) ([]byte, error) {
	return feed.AppendText(nil, html)
}

// HeadersFile is the file of HTTP headers that Netlify and Cloudflare
// Pages read (other hosts ignore it; a static/_headers replaces it).
const HeadersFile = "_headers"

// headers is HeadersFile: every page may be framed only by the site itself
// (X-Frame-Options: SAMEORIGIN; a meta tag cannot say frame-ancestors), but
// for each chart's embed, which any site may frame (CSP frame-ancestors *,
// which browsers obey instead of X-Frame-Options).
func (v *views) headers() []byte {
	var b bytes.Buffer
	b.WriteString("# Made by tearsheet: pages may be framed only by this site, but for the charts' embeds.\n/*\n  X-Frame-Options: SAMEORIGIN\n")
	for _, p := range v.site.Articles {
		f := v.figs[p.Index]
		if f == nil {
			continue
		}
		for _, c := range f.Charts {
			out := Beside(p.Out, figure.ChartPage(c.ID))
			fmt.Fprintf(&b, "%sembed/\n  Content-Security-Policy: frame-ancestors *\n", chartPagePath(out))
		}
	}
	return b.Bytes()
}
