// Package sitemap writes sitemap.xml (the sitemaps.org 0.9 protocol) and the
// robots.txt that points crawlers to it.
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

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []entry  `xml:"url"`
}

type entry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Write returns the sitemap of urls, in the order given, with lastmod as an
// RFC 3339 time in UTC.
func Write(urls []URL) ([]byte, error) {
	doc := urlset{URLs: []entry{}}
	for _, u := range urls {
		e := entry{Loc: u.Loc}
		if !u.Lastmod.IsZero() {
			e.Lastmod = u.Lastmod.UTC().Format(time.RFC3339)
		}
		doc.URLs = append(doc.URLs, e)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Robots returns a robots.txt that allows every crawler and names the
// sitemap's absolute URL.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}
