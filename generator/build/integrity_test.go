package build

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
)

// integrityFS is a small site with a dataset, a disclaimer, one article
// with disclosures, a revision log and a claim the data does not bear out,
// and one plain article.
func integrityFS(t testing.TB) fstest.MapFS {
	m := siteFS(t, "testdata/sites/claims")
	m["site.yaml"] = &fstest.MapFile{Data: []byte(`title: "Integrity fixture"
baseURL: "https://example.org/"
disclaimer: "Not investment advice & not an offer."
datasets:
  prices:
    file: content/data/prices.csv
`)}
	m["content/posts/claims.md"] = &fstest.MapFile{Data: []byte(`---
title: "Two claims"
date: 2026-10-01
disclosures: ["The author holds small caps <b>long</b>."]
updates:
  - date: 2026-10-02
    note: "Corrected the chart's title."
claims:
  - text: "Small caps are above 200"
    check: "{{ prices.small | last }} > 200"
---
Small caps stand at {{ prices.small | last }}.
`)}
	m["content/posts/plain.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Plain\ndate: 2026-09-01\n---\nLarge caps stand at {{ prices.large | last }}.\n")}
	return m
}

// TestFeedsCarryCompliance parses every feed format with gofeed and checks
// that every item carries the disclaimer, and that the article with
// disclosures, revisions and a failing claim carries them too.
func TestFeedsCarryCompliance(t *testing.T) {
	mem, _, err := buildMem(t, integrityFS(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := gofeed.NewParser()
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		fd, err := p.Parse(bytes.NewReader(mustGet(t, mem, name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(fd.Items) != 2 {
			t.Fatalf("%s: %d items, want 2", name, len(fd.Items))
		}
		for _, it := range fd.Items {
			mustContain(t, name+" "+it.Title, it.Content, "Not investment advice &amp; not an offer.")
			if it.Title != "Two claims" {
				if strings.Contains(it.Content, "Disclosures") || strings.Contains(it.Content, "Data update") {
					t.Errorf("%s: %q carries another article's notes", name, it.Title)
				}
				continue
			}
			mustContain(t, name+" "+it.Title, it.Content,
				"<h2>Disclosures</h2>", "The author holds small caps &lt;b&gt;long&lt;/b&gt;.",
				"<h2>Revisions</h2>", "2 October 2026: Corrected the chart&#39;s title.",
				"<strong>Data update:</strong>", "Small caps are above 200")
			if i, j := strings.Index(it.Content, "Data update"), strings.Index(it.Content, "Small caps stand at"); i < 0 || j < 0 || i > j {
				t.Errorf("%s: the notice does not come before the body", name)
			}
		}
	}
}
