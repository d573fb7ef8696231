package feed

import (
	"cmp"
	"encoding/xml"
	"time"
)

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    *atomPerson `xml:"author,omitempty"`
	Generator string      `xml:"generator,omitempty"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Length int64  `xml:"length,attr,omitempty"` // in bytes: an enclosure SHOULD say it (RFC 4287 4.2.7.2)
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomHTML       `xml:"content"`
}

// atomHTML is an entry's full HTML, escaped beforehand (feed.Prepared).
type atomHTML struct {
	Type    string `xml:"type,attr"`
	Escaped string `xml:",innerxml"`
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Atom writes f as Atom 1.0, an entry's image as a link rel="enclosure"
// with its length in bytes when known (Item.ImageSize).
// Every entry carries its authors, one element
// each (else the feed's author, else the feed title), so the feed is valid
// without a feed-level author.
func Atom(f *Feed) ([]byte, error) {
	doc := atomFeed{
		Lang:      f.Language,
		ID:        f.id(),
		Title:     f.Title,
		Subtitle:  f.Description,
		Updated:   rfc3339(f.Updated),
		Links:     []atomLink{{Href: f.Home, Rel: "alternate", Type: "text/html"}, {Href: f.Self, Rel: "self", Type: AtomType}},
		Generator: f.Generator,
	}
	if f.Author != "" {
		doc.Author = &atomPerson{Name: f.Author}
	}
	for _, it := range f.Items {
		content, err := it.prepared()
		if err != nil {
			return nil, err
		}
		var authors []atomPerson
		for _, a := range it.Authors {
			authors = append(authors, atomPerson{Name: a})
		}
		if len(authors) == 0 {
			authors = []atomPerson{{Name: cmp.Or(f.Author, f.Title)}}
		}
		e := atomEntry{
			ID:        it.ID,
			Title:     it.Title,
			Updated:   rfc3339(it.updated()),
			Published: rfc3339(it.Published),
			Links:     []atomLink{{Href: it.Link, Rel: "alternate", Type: "text/html"}},
			Authors:   authors,
			Content:   atomHTML{Type: "html", Escaped: content.xml},
		}
		if it.Image != "" {
			e.Links = append(e.Links, atomLink{Href: it.Image, Rel: "enclosure", Type: imageType(it.Image), Length: it.ImageSize})
		}
		if it.Summary != "" {
			e.Summary = &atomText{Type: "text", Value: it.Summary}
		}
		for _, t := range it.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		doc.Entries = append(doc.Entries, e)
	}
	return marshalXML(doc, f.sizeHint())
}
