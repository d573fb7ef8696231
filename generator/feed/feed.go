// Package feed writes a list of articles as RSS 2.0, Atom 1.0 and JSON Feed
// 1.1, and makes article HTML fit for feed readers (absolute URLs).
//
// The three writers take one Feed value. They use encoding/xml and
// encoding/json, so every title, summary and body is escaped by the
// encoder; times are written in UTC (RFC 822 in RSS, RFC 3339 in Atom and
// JSON Feed); items keep the order given; output is deterministic.
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path"
	"strings"
	"time"
)

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
	ID        string // stable identifier: the permalink, or the one it had before the article moved
	Title     string
	Link      string   // absolute URL
	Summary   string   // plain text
	Content   string   // full HTML with absolute URLs
	Authors   []string // each author's name, none for the feed's author
	Published time.Time
	Updated   time.Time // Published when zero
	Tags      []string
	Image     string // absolute URL of its social card, "" for none: RSS media:content, Atom link rel="enclosure", JSON Feed image
	ImageSize int64  // Image's size in bytes, 0 when not known: the Atom enclosure's length (RSS media:content's fileSize)
	// Prepared, when made by Prepare from Content, saves escaping the
	// same article again in each feed that carries it.
	Prepared *Prepared
}

// Prepared is an item's content escaped once for every format: an article
// appears in the site's feeds and in each of its tags' feeds.
type Prepared struct {
	html string
	xml  string          // escaped as XML character data
	json json.RawMessage // encoded as a JSON string, <, > and & escaped
}

// Prepare escapes html, an item's Content, for every format.
func Prepare(html string) (*Prepared, error) {
	var x bytes.Buffer
	if err := xml.EscapeText(&x, []byte(html)); err != nil {
		return nil, fmt.Errorf("feed content: %w", err)
	}
	j, err := json.Marshal(html)
	if err != nil {
		return nil, fmt.Errorf("feed content: %w", err)
	}
	return &Prepared{html: html, xml: x.String(), json: j}, nil
}

// sizeHint is about the size of f encoded: its items' content, escaped,
// and a kilobyte for everything else of each.
func (f *Feed) sizeHint() int {
	n := 1024
	for i := range f.Items {
		it := &f.Items[i]
		c := len(it.Content)
		if it.Prepared != nil {
			c = max(len(it.Prepared.xml), len(it.Prepared.json))
		}
		n += c + len(it.Summary) + 1024
	}
	return n
}

// prepared returns the item's prepared content, escaping it now when it
// was not prepared (or was prepared from other HTML).
func (it *Item) prepared() (*Prepared, error) {
	if p := it.Prepared; p != nil && p.html == it.Content {
		return p, nil
	}
	return Prepare(it.Content)
}

// MIME types of the three formats, for autodiscovery links.
const (
	RSSType  = "application/rss+xml"
	AtomType = "application/atom+xml"
	JSONType = "application/feed+json"
)

// imageType is the MIME type of the image at URL u by its name's
// extension, "" when unknown.
func imageType(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	switch strings.ToLower(path.Ext(u)) {
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}

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
