package feed

import (
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// TestRSSDescriptionIsHTML checks that plain-text summaries stay text in
// RSS, whose readers take description as HTML: decoded from the XML, the
// description is the summary escaped as HTML.
func TestRSSDescriptionIsHTML(t *testing.T) {
	f := &Feed{Title: "T", Description: "Site <b>bold</b> & co", Home: "https://x.org/", Self: "https://x.org/index.xml", Updated: time.Unix(0, 0),
		Items: []Item{{Title: "A", Link: "https://x.org/a/", ID: "https://x.org/a/", Summary: `S <script>alert(1)</script> "><img src=x onerror=alert(1)>`, Content: "<p>c</p>"}}}
	b, err := RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Site &lt;b&gt;bold&lt;/b&gt; &amp; co"; got.Description != want {
		t.Errorf("channel description %q, want %q", got.Description, want)
	}
	d := got.Items[0].Description
	if strings.Contains(d, "<script") || strings.Contains(d, "<img") || !strings.Contains(d, "&lt;script&gt;") {
		t.Errorf("item description %q is not escaped HTML", d)
	}
}

// TestTitlesAndContentRoundTrip: a title with &, <, > and quotes, and
// content holding "]]>" (which would end a CDATA section), read back by a
// feed parser from each format, are the text and the HTML written. Titles
// are plain text, escaped once, as Hugo writes them and as RSS 2.0 and
// Atom (type="text") define them; feedparser reads them the same way.
func TestTitlesAndContentRoundTrip(t *testing.T) {
	const title = `AT&T, S&P 500 & the <meta> "tag" > 3% 'q' &amp;`
	const content = `<p>a ]]> b &amp; <code>&lt;x&gt;</code></p>`
	f := &Feed{Title: title, Home: "https://x.org/", Self: "https://x.org/f", Updated: time.Unix(0, 0),
		Items: []Item{{ID: "https://x.org/a/", Link: "https://x.org/a/", Title: title, Content: content, Published: time.Unix(0, 0)}}}
	for name, write := range map[string]func(*Feed) ([]byte, error){"rss": RSS, "atom": Atom, "json": JSON} {
		b, err := write(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Title != title || got.Items[0].Title != title {
			t.Errorf("%s: titles %q and %q, want %q", name, got.Title, got.Items[0].Title, title)
		}
		if got.Items[0].Content != content {
			t.Errorf("%s: content %q, want %q", name, got.Items[0].Content, content)
		}
	}
}

// TestItemImage: an item's social-card image reaches readers of each
// format, read with gofeed without its scan of the content for an image:
// RSS media:content (medium image), an Atom enclosure link, JSON Feed's
// image; an item without one has none.
func TestItemImage(t *testing.T) {
	const img = "https://x.org/a/chart.png"
	f := &Feed{Title: "T", Home: "https://x.org/", Self: "https://x.org/f", Updated: time.Unix(0, 0),
		Items: []Item{
			{ID: "https://x.org/a/", Link: "https://x.org/a/", Title: "A", Content: "<p>a</p>", Image: img, Published: time.Unix(0, 0)},
			{ID: "https://x.org/b/", Link: "https://x.org/b/", Title: "B", Content: `<p><img src="https://x.org/b/x.png" alt="x"></p>`, Published: time.Unix(0, 0)},
		}}
	for name, write := range map[string]func(*Feed) ([]byte, error){"rss": RSS, "atom": Atom, "json": JSON} {
		b, err := write(f)
		if err != nil {
			t.Fatal(err)
		}
		p := gofeed.NewParser()
		p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
		got, err := p.ParseString(string(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		a, bItem := got.Items[0], got.Items[1]
		switch name {
		case "atom":
			if len(a.Enclosures) != 1 || a.Enclosures[0].URL != img || a.Enclosures[0].Type != "image/png" || len(bItem.Enclosures) != 0 {
				t.Errorf("atom: enclosures %+v and %+v, want one image/png %s on the first", a.Enclosures, bItem.Enclosures, img)
			}
			if a.Link != "https://x.org/a/" {
				t.Errorf("atom: link %q, want the article", a.Link)
			}
		default:
			if a.Image == nil || a.Image.URL != img || bItem.Image != nil {
				t.Errorf("%s: images %+v and %+v, want %s on the first only", name, a.Image, bItem.Image, img)
			}
		}
	}
}
