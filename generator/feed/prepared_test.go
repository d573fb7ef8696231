package feed

import (
	"bytes"
	"testing"
	"time"
)

// TestPreparedSameBytes checks that content escaped once by Prepare gives
// byte for byte the feeds that escaping it in each feed gives, and that a
// Prepared made from other HTML is not used.
func TestPreparedSameBytes(t *testing.T) {
	html := "<p>Fed \"funds\" & 'rates' <b>5%</b>\ttab\r\nline \u2028 \x01 end</p>"
	base := Feed{Title: "T", Home: "https://x.org/", Self: "https://x.org/feed", Updated: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Items: []Item{{ID: "https://x.org/a/", Title: "A", Link: "https://x.org/a/", Content: html, Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}}}
	p, err := Prepare(html)
	if err != nil {
		t.Fatal(err)
	}
	stale, err := Prepare("<p>old</p>")
	if err != nil {
		t.Fatal(err)
	}
	for name, enc := range map[string]func(*Feed) ([]byte, error){"rss": RSS, "atom": Atom, "json": JSON} {
		plain, err := enc(&base)
		if err != nil {
			t.Fatal(err)
		}
		for _, prep := range []*Prepared{p, stale} {
			f := base
			f.Items = append([]Item(nil), base.Items...)
			f.Items[0].Prepared = prep
			got, err := enc(&f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, plain) {
				t.Errorf("%s: prepared content changed the feed:\n%s\nwant\n%s", name, got, plain)
			}
		}
	}
}
