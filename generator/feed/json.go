package feed

import (
	"bytes"
	"encoding/json"
)

// JSONFeedVersion is the version URL of the JSON Feed format written.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url,omitempty"`
	FeedURL     string       `json:"feed_url,omitempty"`
	Description string       `json:"description,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonItem struct {
	ID            string          `json:"id"`
	URL           string          `json:"url"`
	Title         string          `json:"title"`
	ContentHTML   json.RawMessage `json:"content_html"`
	Summary       string          `json:"summary,omitempty"`
	Image         string          `json:"image,omitempty"`
	DatePublished string          `json:"date_published"`
	DateModified  string          `json:"date_modified,omitempty"`
	Authors       []jsonAuthor    `json:"authors,omitempty"`
	Tags          []string        `json:"tags,omitempty"`
}

// JSON writes f as JSON Feed 1.1. The encoder escapes <, > and &, so the
// file is safe wherever it is embedded.
func JSON(f *Feed) ([]byte, error) {
	doc := jsonFeed{
		Version:     JSONFeedVersion,
		Title:       f.Title,
		HomePageURL: f.Home,
		FeedURL:     f.Self,
		Description: f.Description,
		Language:    f.Language,
		Items:       []jsonItem{},
	}
	if f.Author != "" {
		doc.Authors = []jsonAuthor{{Name: f.Author}}
	}
	for _, it := range f.Items {
		content, err := it.prepared()
		if err != nil {
			return nil, err
		}
		ji := jsonItem{
			ID:            it.ID,
			URL:           it.Link,
			Title:         it.Title,
			ContentHTML:   content.json,
			Summary:       it.Summary,
			Image:         it.Image,
			DatePublished: rfc3339(it.Published),
			Tags:          it.Tags,
		}
		if !it.Updated.IsZero() && !it.Updated.Equal(it.Published) {
			ji.DateModified = rfc3339(it.Updated)
		}
		for _, a := range it.Authors {
			ji.Authors = append(ji.Authors, jsonAuthor{Name: a})
		}
		doc.Items = append(doc.Items, ji)
	}
	var b bytes.Buffer
	b.Grow(f.sizeHint())
	// Compact: indenting a feed of 20 full articles costs as much as
	// encoding it, and readers parse it either way.
	enc := json.NewEncoder(&b)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
