package feed

import (
	"strings"
	"testing"
	"time"
)

// TestAtomEnclosureLength: an entry's image is a link rel="enclosure"
// with its length in bytes when the item says it (RFC 4287 4.2.7.2: it
// SHOULD be given), and without a length attribute when it is not known;
// RSS's media:content says it as fileSize.
func TestAtomEnclosureLength(t *testing.T) {
	at := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	f := &Feed{Title: "T", Home: "https://e.org/", Self: "https://e.org/atom.xml", Updated: at, Items: []Item{
		{ID: "https://e.org/a/", Link: "https://e.org/a/", Title: "A", Published: at, Image: "https://e.org/a/c.png", ImageSize: 1234},
		{ID: "https://e.org/b/", Link: "https://e.org/b/", Title: "B", Published: at, Image: "https://e.org/card.jpg"},
	}}
	b, err := Atom(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<link href="https://e.org/a/c.png" rel="enclosure" type="image/png" length="1234"></link>`,
		`<link href="https://e.org/card.jpg" rel="enclosure" type="image/jpeg"></link>`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("atom lacks %s:\n%s", want, b)
		}
	}
	b, err = RSS(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<media:content url="https://e.org/a/c.png" fileSize="1234" type="image/png" medium="image"></media:content>`,
		`<media:content url="https://e.org/card.jpg" type="image/jpeg" medium="image"></media:content>`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("rss lacks %s:\n%s", want, b)
		}
	}
}
