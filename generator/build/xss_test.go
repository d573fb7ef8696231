package build

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
)

// The payloads of TestNoScriptInjection: a script element, and a value that
// tries to leave an attribute and add an event handler.
const (
	xssScript = `<script>alert(1)</script>`
	xssAttr   = `"><img src=x onerror=alert(1)>`
)

// xssRaw are the markers of a payload that reached a document unescaped.
var xssRaw = []string{"<script>alert(1)", "<img src=x onerror", "onerror=alert(1)>"}

// xssSite is the research fixture with an article that puts both payloads
// into every field an author or a data file controls.
func xssSite(t *testing.T) fstest.MapFS {
	m := siteFS(t, "testdata/sites/research")
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) } // a YAML double-quoted string
	both := xssScript + " " + xssAttr
	m["content/posts/xss.md"] = &fstest.MapFile{Data: []byte(`---
title: ` + q("Title "+both) + `
date: 2026-10-01
lastmod: 2026-10-02
tags: [` + q("tag "+xssScript) + `, ` + q("tag2 "+xssAttr) + `]
summary: ` + q("Summary "+both) + `
author: ` + q("Author "+both) + `
disclosures: [` + q("Disclosure "+both) + `]
updates:
  - date: 2026-10-02
    note: ` + q("Update "+both) + `
disclaimer: ` + q("Disclaimer "+both) + `
params: {k: ` + q(both) + `}
---
Body text ` + both + ` and <a href="javascript:alert(1)">link</a>.

[link](x" onclick="alert(1)) and ![img](x" onerror="alert(1))

The last value is {{ xss["` + xssScript + `"] | last }}.

` + "```chart" + `
data: xss
title: ` + q("Chart title "+both) + `
subtitle: ` + q("Subtitle "+both) + `
caption: ` + q("Caption "+both) + `
source: ` + q("Source "+both) + `
series:
  - column: ` + q(xssScript) + `
    label: ` + q("Label "+both) + `
  - column: ` + q(xssAttr) + `
annotations:
  - date: 2024-02-01
    label: ` + q("Note "+both) + `
  - y: 1.5
    label: ` + q("Line "+both) + `
` + "```" + `

` + "```chart" + `
data: xss
description: ` + q("Description "+both) + `
series: [` + q(xssScript) + `]
` + "```" + `
`)}
	m["content/data/xss.csv"] = &fstest.MapFile{Data: []byte(`date,` + xssScript + `,"""><img src=x onerror=alert(1)>"
2024-01-01,1,2
2024-02-01,1.5,2.5
2024-03-01,2,3
`)}
	return m
}

// TestNoScriptInjection builds a site whose article carries a script and
// an attribute-breaking payload in every user-controlled field, and checks
// that no page, feed, sitemap or search index holds either unescaped.
// CSV files are data served as text/csv and are left out.
func TestNoScriptInjection(t *testing.T) {
	mem, _, err := buildMem(t, xssSite(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, ok := mem.Get("2026/10/xss/index.html")
	if !ok {
		t.Fatalf("the article was not built; files: %v", mem.Names())
	}
	// Every field did reach the page, escaped.
	for _, want := range []string{"Title &lt;script&gt;", "Summary &lt;script&gt;", "Author &lt;script&gt;",
		"Disclosure &lt;script&gt;", "Update &lt;script&gt;", "Chart title &lt;script&gt;", "Caption &lt;script&gt;",
		"Source &lt;script&gt;", "Label &lt;script&gt;", "tag &lt;script&gt;", "Body text &lt;script&gt;"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the article lacks %q (escaped field)", want)
		}
	}
	checked := map[string]bool{}
	for _, name := range mem.Names() {
		b, _ := mem.Get(name)
		switch path.Ext(name) {
		case ".csv", ".png":
			continue
		case ".html", ".svg", ".txt", "":
			if path.Base(name) == EmailText {
				continue // plain text, the author's words as they are; never read as HTML
			}
			rawCheck(t, name, string(b))
		case ".xml":
			rawCheck(t, name, string(b))
			if name != "sitemap.xml" {
				feedCheck(t, name, b)
			}
		case ".json":
			rawCheck(t, name, string(b))
			jsonCheck(t, name, b)
		default:
			rawCheck(t, name, string(b))
		}
		checked[path.Ext(name)] = true
	}
	for _, ext := range []string{".html", ".xml", ".json"} {
		if !checked[ext] {
			t.Errorf("no %s file was checked", ext)
		}
	}
	if bytes.Contains(page, []byte(`href="javascript:`)) || bytes.Contains(page, []byte(`src="javascript:`)) {
		t.Error("a javascript: URL reached the article")
	}
}

func rawCheck(t *testing.T, name, text string) {
	t.Helper()
	for _, r := range xssRaw {
		if i := strings.Index(text, r); i >= 0 {
			t.Errorf("%s: unescaped payload %q: …%s…", name, r, text[max(0, i-80):min(len(text), i+80)])
		}
	}
}

// feedCheck parses an RSS or Atom feed and checks the HTML of each item,
// once decoded from XML, holds no payload unescaped: the content, and the
// RSS description (readers take it as HTML). An Atom summary is
// type="text", plain text by definition, so it may hold the payload as text.
func feedCheck(t *testing.T, name string, b []byte) {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if f.FeedType == "atom" && !strings.Contains(string(b), `<summary type="text">`) {
		t.Errorf("%s: the Atom summary is not type text", name)
	}
	for _, it := range f.Items {
		rawCheck(t, name+" (item content)", it.Content)
		if f.FeedType == "rss" {
			rawCheck(t, name+" (item description)", it.Description)
		}
	}
}

// jsonCheck decodes a JSON Feed or the search index and checks the HTML
// fields hold no payload unescaped. Plain-text fields (titles, summaries in
// the search index) hold the text itself; the search script writes them
// with textContent, never as HTML.
func jsonCheck(t *testing.T, name string, b []byte) {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(k, e)
			}
		case []any:
			for _, e := range v {
				walk(key, e)
			}
		case string:
			if strings.HasSuffix(key, "_html") {
				rawCheck(t, name+" ("+key+")", v)
			}
		}
	}
	walk("", v)
}
