// Package sitemap writes sitemap.xml (the sitemaps.org 0.9 protocol), split
// into several sitemaps under a sitemap index when a site has more URLs
// than one may hold, and the robots.txt that points crawlers to it.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"time"
)

// URL is one entry of a sitemap.
type URL struct {
	Loc     string    // absolute URL
	Lastmod time.Time // zero: no lastmod is written
}

// MaxURLs and MaxBytes are the protocol's limits on one sitemap file:
// 50,000 URLs and 50 MiB uncompressed. A site with more is listed in
// several, which a sitemap index names (Split, Index).
const (
	MaxURLs  = 50000
	MaxBytes = 50 << 20
)

const (
	urlsetOpen  = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`
	urlsetClose = "</urlset>\n"
	indexOpen   = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`
	indexClose  = "</sitemapindex>\n"
)

// Write returns the sitemap of urls, in the order given, with lastmod as an
// RFC 3339 time in UTC: the bytes encoding/xml's Encoder writes with an
// indent of two spaces (TestWriteAsEncodingXML), written directly, which
// at 100,000 URLs takes a sixth of the time. It does not check the
// protocol's limits: Split does.
func Write(urls []URL) ([]byte, error) {
	return document(urlsetOpen, "url", urlsetClose, urls)
}

// document writes urls as elements named el between open and close.
func document(open, el, close string, urls []URL) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(urls)*112 + 128)
	b.WriteString(xml.Header)
	b.WriteString(open)
	for _, u := range urls {
		if err := entry(&b, el, u); err != nil {
			return nil, err
		}
	}
	if len(urls) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(close)
	return b.Bytes(), nil
}

// entry writes u as an element named el (url, or sitemap in an index),
// with its line break and indent before it.
func entry(b *bytes.Buffer, el string, u URL) error {
	b.WriteString("\n  <")
	b.WriteString(el)
	b.WriteString(">\n    <loc>")
	if plain(u.Loc) {
		b.WriteString(u.Loc)
	} else if err := xml.EscapeText(b, []byte(u.Loc)); err != nil {
		return err
	}
	b.WriteString("</loc>")
	if !u.Lastmod.IsZero() {
		var day [len(time.RFC3339) + 8]byte
		b.WriteString("\n    <lastmod>")
		b.Write(u.Lastmod.UTC().AppendFormat(day[:0], time.RFC3339))
		b.WriteString("</lastmod>")
	}
	b.WriteString("\n  </")
	b.WriteString(el)
	b.WriteByte('>')
	return nil
}

// Split splits urls, in order, into the runs that Write makes sitemaps of
// no more than maxURLs URLs and maxBytes bytes each (MaxURLs and
// MaxBytes, or fewer): one run when they all fit in one, none for none.
func Split(urls []URL, maxURLs, maxBytes int) ([][]URL, error) {
	frame := len(xml.Header) + len(urlsetOpen) + len("\n") + len(urlsetClose)
	// Most sites fit in one sitemap by far: a bound of what Write writes
	// (an escaped byte takes 6 at most) says so without writing it.
	if len(urls) <= maxURLs {
		bound := frame
		for _, u := range urls {
			bound += 6*len(u.Loc) + maxEntry
		}
		if bound <= maxBytes {
			if len(urls) == 0 {
				return nil, nil
			}
			return [][]URL{urls}, nil
		}
	}
	var parts [][]URL
	var b bytes.Buffer
	start, size := 0, frame
	for i, u := range urls {
		b.Reset()
		if err := entry(&b, "url", u); err != nil {
			return nil, err
		}
		if i > start && (i-start >= maxURLs || size+b.Len() > maxBytes) {
			parts = append(parts, urls[start:i])
			start, size = i, frame
		}
		size += b.Len()
	}
	if len(urls) > 0 {
		parts = append(parts, urls[start:])
	}
	return parts, nil
}

// maxEntry is the most bytes entry writes around a URL's location.
const maxEntry = len("\n  <sitemap>\n    <loc></loc>\n    <lastmod>2006-01-02T15:04:05Z</lastmod>\n  </sitemap>")

// Index returns the sitemap index that names the sitemaps at the absolute
// URLs of parts, in order, each with the latest lastmod of its URLs.
func Index(parts []URL) ([]byte, error) {
	return document(indexOpen, "sitemap", indexClose, parts)
}

// Latest returns the latest lastmod of urls; zero when none has one.
func Latest(urls []URL) time.Time {
	var t time.Time
	for _, u := range urls {
		if u.Lastmod.After(t) {
			t = u.Lastmod
		}
	}
	return t
}

// plain reports whether s is printable ASCII that XML text holds as it
// is: no markup character, no quote, which encoding/xml escapes too.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '&', c == '<', c == '>', c == '"', c == '\'':
			return false
		}
	}
	return true
}

// Robots returns a robots.txt that allows every crawler and names the
// sitemap's absolute URL.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}
