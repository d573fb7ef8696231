package feed

import (
	"bytes"
	"encoding/xml"
	"strings"
	"time"
)

type rssDoc struct {
	XMLName  xml.Name   `xml:"rss"`
	Version  string     `xml:"version,attr"`
	Atom     string     `xml:"xmlns:atom,attr"`
	ContentN string     `xml:"xmlns:content,attr"`
	DC       string     `xml:"xmlns:dc,attr"`
	Media    string     `xml:"xmlns:media,attr"`
	Channel  rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Self          rssLink   `xml:"atom:link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	Generator     string    `xml:"generator,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Items         []rssItem `xml:"item"`
}

type rssLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Creators    []string `xml:"dc:creator"`
	Categories  []string `xml:"category"`
	Description string   `xml:"description"`
	Content     rssContent
	Image       *mediaContent `xml:"media:content,omitempty"`
}

// mediaContent is an item's social-card image as Media RSS gives it:
// RSS's enclosure would need the file's length in bytes.
type mediaContent struct {
	URL      string `xml:"url,attr"`
	FileSize int64  `xml:"fileSize,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Medium   string `xml:"medium,attr"`
}

// rssContent is an item's full HTML, escaped beforehand (feed.Prepared).
type rssContent struct {
	XMLName xml.Name `xml:"content:encoded"`
	Escaped string   `xml:",innerxml"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// rfc822 formats a time for RSS: RFC 1123 with a numeric zone, in UTC.
func rfc822(t time.Time) string { return t.UTC().Format(time.RFC1123Z) }

// RSS writes f as RSS 2.0, with the full content in content:encoded, the
// summary in description, a self link in atom:link and an item's image in
// media:content.
func RSS(f *Feed) ([]byte, error) {
	desc := f.Description
	if desc == "" {
		desc = f.Title
	}
	doc := rssDoc{
		Version:  "2.0",
		Atom:     "http://www.w3.org/2005/Atom",
		ContentN: "http://purl.org/rss/1.0/modules/content/",
		DC:       "http://purl.org/dc/elements/1.1/",
		Media:    "http://search.yahoo.com/mrss/",
		Channel: rssChannel{
			Title:         f.Title,
			Link:          f.Home,
			Self:          rssLink{Href: f.Self, Rel: "self", Type: RSSType},
			Description:   htmlText.Replace(desc),
			Language:      f.Language,
			Generator:     f.Generator,
			LastBuildDate: rfc822(f.Updated),
		},
	}
	for _, it := range f.Items {
		content, err := it.prepared()
		if err != nil {
			return nil, err
		}
		var img *mediaContent
		if it.Image != "" {
			img = &mediaContent{URL: it.Image, FileSize: it.ImageSize, Type: imageType(it.Image), Medium: "image"}
		}
		// A guid is the item's permalink unless it is another id (the
		// permalink an article had before it moved, a tag: URI), which
		// readers must not take for its address.
		isPermaLink := "false"
		if it.ID == it.Link {
			isPermaLink = "true"
		}
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title:       it.Title,
			Link:        it.Link,
			GUID:        rssGUID{IsPermaLink: isPermaLink, Value: it.ID},
			PubDate:     rfc822(it.Published),
			Creators:    it.Authors,
			Categories:  it.Tags,
			Description: htmlText.Replace(it.Summary),
			Content:     rssContent{Escaped: content.xml},
			Image:       img,
		})
	}
	return marshalXML(doc, f.sizeHint())
}

// htmlText escapes plain text for an RSS description, which readers take
// as HTML: a summary such as "<script>" must stay text once the XML is
// decoded.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// marshalXML encodes v after the XML header; hint is about the size of the
// result: growing the buffer step by step cost as much as encoding.
func marshalXML(v any, hint int) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(hint)
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
