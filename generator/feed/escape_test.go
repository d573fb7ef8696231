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
