// Package feed writes a list of articles as RSS 2.0, Atom 1.0 and JSON Feed
// 1.1, and makes article HTML fit for feed readers (absolute URLs).
//
// The three writers take one Feed value. They use encoding/xml and
// encoding/json, so every title, summary and body is escaped by the
// encoder; times are written in UTC (RFC 822 in RSS, RFC 3339 in Atom and
// JSON Feed); items keep the order given; output is deterministic.
package feed

import "time"

// Feed is a feed independent of its format.
type Feed struct {
	Title       string
	Description string
	Language    string    // such as "en"
	Home        string    // absolute URL of the page the feed follows (the site, or a tag page)
	Self        string    // absolute URL of this feed file, set per format by the caller
	ID          string    // stable identifier (Atom id); Home when ""
	Author      string    // feed author, "" for none
	Updated     time.Time // newest item change; written in UTC
	Generator   string
	Items       []Item
}

// Item is one article in a feed.
type Item struct {
	ID        string // stable identifier, the permalink
	Title     string
	Link      string // absolute URL
	Summary   string // plain text
	Content   string // full HTML with absolute URLs
	Author    string
	Published time.Time
	Updated   time.Time // Published when zero
	Tags      []string
	Image     string // absolute URL, "" for none
}

// MIME types of the three formats, for autodiscovery links.
const (
	RSSType  = "application/rss+xml"
	AtomType = "application/atom+xml"
	JSONType = "application/feed+json"
)

func (it *Item) updated() time.Time {
	if it.Updated.IsZero() {
		return it.Published
	}
	return it.Updated
}

func (f *Feed) id() string {
	if f.ID != "" {
		return f.ID
	}
	return f.Home
}
