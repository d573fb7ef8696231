package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
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

// TestSplit: each run makes a sitemap within the limits, as Write writes
// it, the runs keep every URL in order, and a limit is reached, not
// passed: by URLs, then by bytes.
func TestSplit(t *testing.T) {
	day := time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)
	var urls []URL
	for i := range 25 {
		u := URL{Loc: fmt.Sprintf("https://example.org/2024/05/note-%02d/", i)}
		if i%3 != 0 {
			u.Lastmod = day.AddDate(0, 0, i)
		}
		urls = append(urls, u)
	}
	urls[7].Loc += "?a=1&b=<2>" // escaped: longer written than given
	one := 0                    // the bytes of the longest sitemap of one URL
	for i := range urls {
		data, err := Write(urls[i : i+1])
		if err != nil {
			t.Fatal(err)
		}
		one = max(one, len(data))
	}
	for _, c := range []struct {
		maxURLs, maxBytes int
		sizes             []int
	}{
		{MaxURLs, MaxBytes, []int{25}},
		{10, MaxBytes, []int{10, 10, 5}},
		{25, MaxBytes, []int{25}},
		{MaxURLs, one, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{MaxURLs, 1000, nil}, // checked below: each within 1,000 bytes, as full as it can be
	} {
		parts, err := Split(urls, c.maxURLs, c.maxBytes)
		if err != nil {
			t.Fatal(err)
		}
		var sizes []int
		var all []URL
		for k, p := range parts {
			sizes = append(sizes, len(p))
			all = append(all, p...)
			data, err := Write(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(p) > c.maxURLs || len(data) > c.maxBytes {
				t.Errorf("limits %d URLs, %d bytes: part %d has %d URLs in %d bytes", c.maxURLs, c.maxBytes, k, len(p), len(data))
			}
			if k+1 < len(parts) {
				more, _ := Write(append(slices.Clone(p), parts[k+1][0]))
				if len(p) < c.maxURLs && len(more) <= c.maxBytes {
					t.Errorf("limits %d URLs, %d bytes: part %d (%d bytes) would hold the next URL too (%d bytes)", c.maxURLs, c.maxBytes, k, len(data), len(more))
				}
			}
		}
		if !slices.Equal(all, urls) {
			t.Errorf("limits %d URLs, %d bytes: the parts do not hold the URLs in order", c.maxURLs, c.maxBytes)
		}
		if c.sizes != nil && !slices.Equal(sizes, c.sizes) {
			t.Errorf("limits %d URLs, %d bytes: parts of %v URLs, want %v", c.maxURLs, c.maxBytes, sizes, c.sizes)
		}
		if c.sizes == nil && len(parts) < 3 {
			t.Errorf("limits %d URLs, %d bytes: %d parts, want several", c.maxURLs, c.maxBytes, len(parts))
		}
	}
	if parts, _ := Split(nil, MaxURLs, MaxBytes); len(parts) != 0 {
		t.Errorf("Split(nil) = %d parts, want none", len(parts))
	}
}

// TestIndex: the index is the protocol's sitemapindex, as encoding/xml
// reads it, naming each part with its latest lastmod.
func TestIndex(t *testing.T) {
	day := time.Date(2024, 5, 1, 9, 30, 0, 0, time.FixedZone("EDT", -4*3600))
	parts := [][]URL{
		{{Loc: "https://example.org/a/", Lastmod: day}, {Loc: "https://example.org/b/", Lastmod: day.AddDate(0, 0, 3)}},
		{{Loc: "https://example.org/c/"}},
	}
	data, err := Index([]URL{
		{Loc: "https://example.org/sitemap-1.xml", Lastmod: Latest(parts[0])},
		{Loc: "https://example.org/sitemap-2.xml?x=1&y=2", Lastmod: Latest(parts[1])},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v:\n%s", err, data)
	}
	if len(got.Sitemaps) != 2 || got.Sitemaps[0].Loc != "https://example.org/sitemap-1.xml" || got.Sitemaps[0].Lastmod != "2024-05-04T13:30:00Z" ||
		got.Sitemaps[1].Loc != "https://example.org/sitemap-2.xml?x=1&y=2" || got.Sitemaps[1].Lastmod != "" {
		t.Errorf("index %+v, from:\n%s", got, data)
	}
}
