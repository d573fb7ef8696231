package build

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
)

// TestFeedsDomainBaseURL: a site whose baseURL is a path ("/", as tearsheet
// init writes it) and which names its domain is published at that domain,
// so its feeds, read by a feed parser, link the feed, each article and each
// chart image by absolute URLs on that host, not by paths a reader must
// guess the host of.
func TestFeedsDomainBaseURL(t *testing.T) {
	m := siteFS(t, "testdata/sites/basic")
	yaml := strings.Replace(string(m["site.yaml"].Data), `baseURL: "https://example.org/research/"`, `baseURL: "/"`, 1)
	if yaml == string(m["site.yaml"].Data) {
		t.Fatal("the fixture's baseURL line changed")
	}
	m["site.yaml"] = &fstest.MapFile{Data: []byte(yaml + "domain: research.example.com\n")}
	mem, _, err := buildMem(t, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const host = "https://research.example.com/"
	src := regexp.MustCompile(`(?:src|href)="([^"]*)"`)
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		b, _ := mem.Get(name)
		f, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		urls := []string{f.Link, f.FeedLink}
		imgs := 0
		for _, it := range f.Items {
			urls = append(urls, it.Link, it.GUID)
			for _, m := range src.FindAllStringSubmatch(it.Content, -1) {
				if !strings.HasPrefix(m[1], "#") && !strings.HasPrefix(m[1], "mailto:") {
					urls = append(urls, m[1])
				}
				if strings.HasSuffix(m[1], ".png") {
					imgs++
				}
			}
		}
		if len(f.Items) == 0 || imgs == 0 {
			t.Fatalf("%s: %d items, %d chart images", name, len(f.Items), imgs)
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, host) {
				t.Errorf("%s: %q is not under %s", name, u, host)
			}
		}
	}
}
