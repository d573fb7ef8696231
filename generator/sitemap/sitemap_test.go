package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"testing"
	"time"
)

// encodeXML is the sitemap as encoding/xml writes it: what Write wrote
// before it wrote the bytes itself, and must still write.
func encodeXML(urls []URL) []byte {
	type entry struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod,omitempty"`
	}
	doc := struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []entry  `xml:"url"`
	}{URLs: []entry{}}
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
		panic(err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// TestWriteAsEncodingXML checks that Write gives encoding/xml's bytes,
// escapes and all, for URLs with and without a date, in any zone.
func TestWriteAsEncodingXML(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	for _, urls := range [][]URL{
		nil,
		{{Loc: "https://example.org/"}},
		{
			{Loc: "https://example.org/2024/01/a-note/", Lastmod: time.Date(2024, 1, 15, 9, 30, 0, 0, ny)},
			{Loc: "https://example.org/tags/s&p-500/?q=<x>&y='z'\"", Lastmod: time.Date(2023, 12, 31, 23, 59, 59, 999, time.UTC)},
			{Loc: "https://example.org/ümlaut/\tline\nbreak\r\x01\uFFFE"},
			{Loc: "", Lastmod: time.Date(1999, 1, 1, 0, 0, 0, 0, time.FixedZone("", 5*3600+1800))},
		},
		oneEach("&", "<", ">", "'", "\"", "\t", "\n", "\r", "\x00", "\x7f", "é", "\uFFFE", "\xff"),
	} {
		got, err := Write(urls)
		if err != nil {
			t.Fatal(err)
		}
		if want := encodeXML(urls); !bytes.Equal(got, want) {
			t.Errorf("Write(%d URLs):\n%s\nwant\n%s", len(urls), got, want)
		}
	}
}

// oneEach makes a URL with each of chars in it, alone.
func oneEach(chars ...string) []URL {
	var urls []URL
	for _, c := range chars {
		urls = append(urls, URL{Loc: "https://example.org/a" + c + "b/"})
	}
	return urls
}

// BenchmarkWrite writes the sitemap of a site of 10,000 articles with a
// chart page each, and their lists.
func BenchmarkWrite(b *testing.B) {
	urls := make([]URL, 25000)
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range urls {
		urls[i] = URL{Loc: fmt.Sprintf("https://example.org/research/2024/%02d/note-%05d/", i%12+1, i), Lastmod: day.Add(time.Duration(i) * time.Hour)}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(urls); err != nil {
			b.Fatal(err)
		}
	}
}
