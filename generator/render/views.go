package render

import (
	"html/template"
	"strings"
	"time"
)

// Data is what every template receives as its dot.
type Data struct {
	Site    *SiteView
	Page    PageMeta
	Article *ArticleView // on article pages
	List    *ListView    // on home, tag and archive pages
	Content template.HTML
	// Redirect is the target of an alias page, an absolute URL.
	Redirect string
	Terms    []TermView     // on a taxonomy's index (the tag index too) and the subscribe page, sorted by slug
	Archive  *ArchiveView   // on the archive index
	Datasets []*DatasetView // on the data catalogue (kind data), sorted by name
	Dataset  *DatasetView   // on a dataset's page (kind dataset)
	// Taxonomy is the taxonomy of a taxonomy index or term page (tags,
	// authors, tickers…); nil on other pages.
	Taxonomy *TaxonomyView
	// Charts are, on a term page, the charts of the page's articles whose
	// series name the term (a ticker's charts); nil elsewhere.
	Charts []ChartLinkView
	// Chart is the chart of a chart page and of its embed (kinds chart
	// and embed); Article is then the chart's article.
	Chart *ChartView
	// Email is the email edition of Article (kind email).
	Email *EmailView
	// Figures are, on a page (kind page), its inline figures as
	// ArticleView.Figures has an article's; nil elsewhere.
	Figures []FigureNoteView

	partials *Partials // the build's partialCached store; nil renders every time
}

// UsePartials makes partialCached keep its output in p: every page of a
// build shares one.
func (d *Data) UsePartials(p *Partials) { d.partials = p }

// SiteView is the site as templates see it.
type SiteView struct {
	Title       string
	Description string
	Language    string
	Author      string
	Copyright   string
	BaseURL     string // absolute base URL, ending in /
	Home        string // URL of the home page (under a sub-path, that path)
	CSS         string // URL of the fingerprinted stylesheet
	Menu        []LinkView
	Disclaimer  string
	Params      map[string]string
	Generator   string
	Links       SiteLinks      // URLs of the archive, tags, search, subscribe and data pages
	Feeds       []FeedView     // the site-wide feeds: RSS, Atom, JSON Feed
	Subscribe   *SubscribeView // nil when site.yaml sets no subscribe provider
	Image       string         // absolute URL of the default social-card image, "" for none
	ImageAlt    string         // site.yaml's imageAlt: what Image shows, "" when not said
	CSP         string         // the Content-Security-Policy for a <meta http-equiv> tag
	// Taxonomies link the index of each taxonomy: tags, authors, then
	// those of site.yaml; Name is the taxonomy's title.
	Taxonomies []LinkView
}

// PageMeta describes the page being rendered, for the head of the document.
type PageMeta struct {
	Kind        string // home, article, page, tag, term, year, month, tags, terms, archive, search, subscribe, thanks, data, dataset, 404, alias
	Title       string // "" on the home page
	Description string
	URL         string // the page's URL path under the base path
	Permalink   string // absolute URL
	Draft       bool
	NoIndex     bool
	Image       string      // absolute URL of the social-card image (og:image), "" for none
	ImageAlt    string      // what Image shows (og:image:alt): a chart's description, or the imageAlt given with the image; "" when not known
	ImageSize   Size        // Image's width and height in pixels (og:image:width, og:image:height), zero when not known
	Keywords    []string    // the front matter's keywords (meta keywords), nil for none
	Feeds       []FeedView  // feeds for autodiscovery: a tag's own first, then the site's
	JSONLD      template.JS // schema.org JSON-LD of the page, "" for none; safe inside <script>
}

// LinkView is a link.
type LinkView struct {
	Name string
	URL  string
}

// ArticleView is an article as templates see it.
type ArticleView struct {
	Title          string
	URL            string
	Permalink      string
	Date           time.Time
	Lastmod        time.Time  // zero when never revised
	Author         string     // the authors' names joined: "A and B"
	Authors        []LinkView // each author with the URL of their page
	Words          int
	ReadingMinutes int
	Tags           []LinkView
	// Terms are the article's terms of site.yaml's taxonomies (beyond
	// tags and authors), one entry per taxonomy that has some, in order.
	Terms []TermsView
	// Charts are the article's charts whose series name a ticker.
	Charts      []ChartLinkView
	TOC         []HeadingView
	Content     template.HTML
	Summary     template.HTML
	SummaryText string
	Dek         template.HTML // the front-matter summary (as Summary), shown under the title
	// Card is the article's entry in lists (partials/card.html), rendered
	// once and shared by every list that shows the article.
	Card template.HTML
	// Item is the article's line in year and month lists
	// (partials/archive-item.html), rendered once like Card.
	Item template.HTML
	// Entry is the article's line on the archive index
	// (partials/archive-entry.html), rendered once like Card; the
	// archive's MonthView.Entries joins them.
	Entry       template.HTML
	Disclaimer  string
	Disclosures []string
	Updates     []UpdateView
	Older       *LinkView
	Newer       *LinkView
	Related     []LinkView
	Draft       bool
	Scheduled   bool // dated after the build's clock, shown only with --future
	Image       string
	Notices     []string // claims of the front matter that the current data no longer bears out
	// Figures are the article's inline figures, in the order the text
	// has them, each once, with where each comes from: a reader on a
	// phone, in print or in a feed, where no tooltip shows, traces a
	// number with them.
	Figures []FigureNoteView
	// ChartImage is the URL of the PNG copy of the article's first chart,
	// "" when it has no chart; cards show it. ChartImageNarrow is that of
	// its narrow drawing, whose labels stay legible in a phone's card.
	ChartImage, ChartImageNarrow string
	// ChartImageSize and ChartImageNarrowSize are their sizes in CSS px
	// (the PNGs hold figure.PNGScale pixels to each),
	// which a card's <img> and <source> state so that the page keeps
	// their room while they load rather than move as each arrives.
	ChartImageSize, ChartImageNarrowSize Size
}

// Size is an image's width and height, zero when not known.
type Size struct{ Width, Height int }

// FigureNoteView is an inline figure of an article: the text shown, its
// expression, where it comes from (the data file or dataset, column and
// last date) and a link to the data where the site publishes it (Data.URL
// "" when not).
type FigureNoteView struct {
	Text, Expr, Source string
	Data               LinkView
}

// HeadingView is one entry of a table of contents.
type HeadingView struct {
	Level int
	ID    string
	Text  string
}

// UpdateView is one entry of a revision log.
type UpdateView struct {
	Date time.Time
	Note string
}

// ListView is a paginated list of articles.
type ListView struct {
	Title    string
	Items    []*ArticleView
	Number   int
	Total    int
	Prev     string
	Next     string
	First    string
	Last     string
	Feed     string
	Empty    string
	Children []LinkView
	// Parent is the list one level up in the archive: a month's year;
	// zero on every other list.
	Parent LinkView
	// Newer and Older are the lists beside this one in the archive,
	// which runs newest first: on a year's pages the next year with
	// articles (Newer) and the year before (Older), on a month's the
	// months with articles beside it, across years; zero at either end
	// and on every other list.
	Newer, Older LinkView
}

// FigureView is a chart as the theme's partials/figure.html sees it.
type FigureView struct {
	ID          string // the figure's id, unique on its page
	Number      int    // 1-based position among the page's charts
	Title       string
	Subtitle    string
	Caption     string
	Credits     []string
	Datasets    []LinkView    // the datasets of site.yaml it reads, linking to their catalogue pages
	Through     time.Time     // latest date with a value
	ThroughText string        // Through as the data gives it: "November 2023" for monthly data (package period)
	SVG         template.HTML // the chart drawn for the page's column (class ts-chart--wide)
	SVGNarrow   template.HTML // the same chart drawn for phones (class ts-chart--narrow): show one of the two
	Description string        // text summary of what the chart shows
	CSV         string        // URL of the computed data as CSV
	CSVMeta     string        // URL of the CSV's metadata (CSVW JSON): datasets, sources, licences, dates
	PNG         string        // URL of the PNG copy, "" when none was made
	PNGNarrow   string        // URL of the narrow drawing's PNG (for email), "" when none was made
	// The size of each PNG in CSS px (its pixels at the scale it was
	// drawn at), for the width and height of an img; 0 without the PNG.
	PNGWidth, PNGHeight             int
	PNGNarrowWidth, PNGNarrowHeight int
	Page                            string // URL of the chart's own page (its permalink)
	Feed                            bool   // rendering for a feed: show the PNG, not the SVG
	Heading                         bool   // the title is its page's heading (h1): on the chart's own page
	Illustrative                    bool
	Table                           *TableView // nil when the spec turned the table off
}

// EmailImageWidth is the width in CSS px at which an email edition shows
// a chart (partials/email-figure.html): small enough that the narrow
// drawing's text stays at a reading size on a desktop.
const EmailImageWidth = 400

// EmailImageMaxHeight is the tallest a chart may be shown in an email
// edition, in CSS px at EmailImageWidth: Outlook for Windows cuts off
// images taller than about 1,728 px, so a narrow drawing taller than this
// (a chart of many panels, which the narrow drawing stacks) gives way to
// the wide one.
const EmailImageMaxHeight = 1600

// ImageView is an image as an img element shows it: its URL and its width
// and height in CSS px (0 when not known).
type ImageView struct {
	URL           string
	Width, Height int
}

// EmailImage is the PNG an email edition shows of the chart, sized
// EmailImageWidth wide: the narrow drawing's, made for phones, where most
// email is read (the wide drawing's text would shrink to a third there);
// the wide drawing's when there is no narrow one. Its URL is "" when the
// chart has no PNG.
func (f *FigureView) EmailImage() ImageView {
	if f.PNGNarrow == "" {
		return f.wideEmailImage()
	}
	return ImageView{URL: f.PNGNarrow, Width: EmailImageWidth, Height: HeightAt(f.PNGNarrowWidth, f.PNGNarrowHeight, EmailImageWidth)}
}

// EmailAlt is the alt text of the chart's image in an email edition: its
// title and subtitle, then its description. There the drawing alone shows
// the title and subtitle (the page and the feeds give them as text too),
// so without them a client that blocks images, a screen reader and the
// plain-text part, which gives an image as its alt text, would say what
// the chart shows but not which chart it is.
func (f *FigureView) EmailAlt() string {
	var b strings.Builder
	for _, s := range []string{f.Title, f.Subtitle, f.Description} {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if prev := b.String(); prev != "" {
			if !strings.ContainsAny(prev[len(prev)-1:], ".?!") && !strings.HasSuffix(prev, "…") {
				b.WriteByte('.')
			}
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// OutlookImage is the PNG Outlook for Windows shows of the chart in place
// of EmailImage, when it must: the wide drawing's, when the narrow one
// would be taller than EmailImageMaxHeight at EmailImageWidth (many
// panels stacked), which Outlook cuts off, and the wide one is not. Its
// URL is "" when Outlook shows EmailImage too. A template puts it between
// MSOOnly and MSOElse, and EmailImage between MSOElse and MSOEnd.
func (f *FigureView) OutlookImage() ImageView {
	img, wide := f.EmailImage(), f.wideEmailImage()
	if img.URL == wide.URL || img.Height <= EmailImageMaxHeight || wide.Height >= img.Height {
		return ImageView{}
	}
	return wide
}

func (f *FigureView) wideEmailImage() ImageView {
	return ImageView{URL: f.PNG, Width: EmailImageWidth, Height: HeightAt(f.PNGWidth, f.PNGHeight, EmailImageWidth)}
}

// MSOOnly, MSOElse and MSOEnd are an email's conditional comments: what
// stands between MSOOnly and MSOElse only Outlook for Windows shows, what
// stands between MSOElse and MSOEnd every other client.
func (f *FigureView) MSOOnly() template.HTML { return "<!--[if mso]>" }

// MSOElse: see MSOOnly.
func (f *FigureView) MSOElse() template.HTML { return "<![endif]--><!--[if !mso]><!-->" }

// MSOEnd: see MSOOnly.
func (f *FigureView) MSOEnd() template.HTML { return "<!--<![endif]-->" }

// HeightAt is the height of a w by h image shown width wide, rounded, for
// an img's height attribute; 0 when w is not positive.
func HeightAt(w, h, width int) int {
	if w <= 0 {
		return 0
	}
	return (h*width + w/2) / w
}

// TableView is a figure's data as a table.
type TableView struct {
	Head []string
	Rows [][]string
	Note string // "" or a remark such as "every 12th row of 600"
}

// ChartView is a chart's own page: the chart with its drawings and data
// table, and where else it is found.
type ChartView struct {
	Figure    *FigureView
	Article   LinkView // the chart's article
	Anchor    string   // URL of the chart in its article (ARTICLE#ID)
	Permalink string   // absolute URL of the chart's page
	Embed     string   // URL of the embed page
	EmbedURL  string   // absolute URL of the embed page
	Snippet   string   // the <iframe> that embeds the chart elsewhere
	PNG       string   // absolute URL of the chart's PNG
}

// EmailView is an article's email edition: its content made for email
// clients (a table layout, inline styles, charts as PNG images, absolute
// URLs; see package feed's Email).
type EmailView struct {
	Content template.HTML
	// Dek is the article's Dek made for email as Content is: its links
	// absolute, inline styles.
	Dek       template.HTML
	Permalink string // absolute URL of the article
	Home      string // absolute URL of the site
	// Origin is the scheme and host of the site's URL ("https://example.org"),
	// which makes a site path absolute: {{$.Email.Origin}}{{.URL}}.
	Origin string
	// OutlookOpen and OutlookClose hold the message's 600 px column for
	// Outlook on Windows, which ignores max-width: a table of that width
	// in conditional comments only Outlook reads (html/template drops a
	// template's own comments).
	OutlookOpen, OutlookClose template.HTML
}
