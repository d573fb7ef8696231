package render

import (
	"html/template"
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
}

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
}

// PageMeta describes the page being rendered, for the head of the document.
type PageMeta struct {
	Kind        string // home, article, page, list, 404, alias
	Title       string // "" on the home page
	Description string
	URL         string // the page's URL path under the base path
	Permalink   string // absolute URL
	Draft       bool
	NoIndex     bool
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
	Lastmod        time.Time // zero when never revised
	Author         string
	Words          int
	ReadingMinutes int
	Tags           []LinkView
	TOC            []HeadingView
	Content        template.HTML
	Summary        template.HTML
	SummaryText    string
	Dek            string // the front-matter summary, shown under the title
	Disclaimer     string
	Disclosures    []string
	Updates        []UpdateView
	Older          *LinkView
	Newer          *LinkView
	Related        []LinkView
	Draft          bool
	Scheduled      bool // dated after the build's clock, shown only with --future
	Image          string
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
	Feed     string
	Empty    string
	Children []LinkView
}
