package render

import (
	"html/template"
	"time"
)

// The view types of the research-site structure: tags, archives, feeds,
// subscribe forms and search. See the package comment of generator for
// what each field holds.

// SiteLinks are the URLs of the pages every theme links to, under the base
// path.
type SiteLinks struct {
	Archive      string // the archive index, /archive/
	Tags         string // the tag index, /tags/
	Search       string // the search page, /search/
	Subscribe    string // the subscribe page, /subscribe/
	SearchIndex  string // the search index, /search.json
	SearchScript string // the search page's script, /js/search.js
	EmbedScript  string // a chart embed's script, /js/embed.js, which tells the framing page its height
	Sitemap      string // /sitemap.xml
	Data         string // the data catalogue, /data/; "" when site.yaml names no dataset
	Terms        string // the page content/terms.md, "" when the site has none
	Privacy      string // the page content/privacy.md, "" when the site has none
}

// FeedView is one feed: for autodiscovery links and feed lists.
type FeedView struct {
	Title  string // the feed's title with its format: "Research (RSS)", "Research: Equities (Atom)"
	Name   string // the format's name: RSS, Atom, JSON Feed
	Format string // rss, atom or json
	Type   string // MIME type: application/rss+xml, application/atom+xml, application/feed+json
	URL    string // absolute URL
}

// TermView is one term (tag, author, ticker…) in a taxonomy's index.
type TermView struct {
	Name  string
	URL   string
	Count int        // articles with the term
	Feeds []FeedView // the term's feeds
}

// TaxonomyView is a taxonomy, on its index and its terms' pages.
type TaxonomyView struct {
	Key      string // the front-matter key: tags, authors, tickers
	Title    string // "Tickers"
	Singular string // "Ticker"
	Noun     string // one term in running text: "ticker", "topic"
	Nouns    string // several: "tickers", "topics"
	URL      string // the index
}

// TermsView is an article's terms of one taxonomy.
type TermsView struct {
	Key      string
	Title    string // the taxonomy's title: "Tickers"
	Singular string
	Terms    []LinkView
}

// ChartLinkView is a chart that names tickers, linked at its anchor.
type ChartLinkView struct {
	Title   string   // the chart's title, else "Chart N"
	URL     string   // the article's URL with the chart's #id
	Article string   // the article's title
	Tickers []string // the tickers its series name, in order
}

// ArchiveView is the archive index: years with their months.
type ArchiveView struct {
	Years []YearView // newest first
	Total int        // articles in all years
}

// YearView is one year of the archive.
type YearView struct {
	Year   int
	URL    string
	Count  int
	Months []MonthView // newest first
}

// MonthView is one month of the archive.
type MonthView struct {
	Name     string // "May 2024"
	Month    int    // 1..12
	URL      string
	Count    int
	Articles []EntryView // the month's articles, newest first
	// Entries is the Entry of each of the month's articles (see
	// ArticleView), newest first, joined: the whole list as one value,
	// which a theme shows at the cost of one action however long it is.
	Entries template.HTML
}

// EntryView is one article in the archive index.
type EntryView struct {
	Title string
	URL   string
	Date  time.Time
	Draft bool
}

// SubscribeView is the email-subscription form, made from site.yaml's
// subscribe settings. It is nil when no provider is configured.
type SubscribeView struct {
	Provider   string      // buttondown, mailchimp, kit or form
	Action     string      // the form's action URL
	Method     string      // always "post"
	EmailField string      // name of the email input
	NameField  string      // name of the optional name input, "" for none
	Hidden     []FieldView // hidden inputs the provider expects
	Honeypot   string      // name of the hidden field bots fill in, "" for none
	Heading    string
	Text       string
	Consent    string
	Button     string
	Terms      string // URL of the site's terms page, "" when there is none
	Privacy    string // URL of the site's privacy page, "" when there is none
	ThankYou   string // where the reader lands after subscribing (absolute URL), "" when the provider decides
	Confirm    bool   // the provider emails a link to confirm the address (double opt-in): the thank-you page says so
	// Unsubscribe is the email edition's unsubscribe link as an attribute,
	// href="…" holding the provider's merge tag, which it fills in for
	// each reader when it sends the message (Mailchimp *|UNSUB|*,
	// Buttondown and Kit {{ unsubscribe_url }}); "" for a generic form.
	// An attribute, so html/template writes the tag as it is: as a URL it
	// would be percent-encoded.
	Unsubscribe template.HTMLAttr
}

// FieldView is one hidden form field.
type FieldView struct {
	Name  string
	Value string
}
