package build

import (
	"bytes"
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/site"
)

// bundleSite is the basic fixture with site.yaml's permalink and
// markdown settings replaced by extra (YAML lines), and the files given
// added (text by name).
func bundleSite(t *testing.T, extra string, files map[string]string) fstest.MapFS {
	t.Helper()
	m := siteFS(t, "testdata/sites/basic")
	m["site.yaml"] = &fstest.MapFile{Data: append(bytes.Clone(m["site.yaml"].Data), extra...)}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// fixtureBase is the basic fixture's baseURL.
const fixtureBase = "https://example.org/research/"

// urlsIn returns every URL the elements under n carry in href, src and
// srcset (each candidate), in document order.
func urlsIn(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src", "data":
					out = append(out, a.Val)
				case "srcset":
					for _, c := range strings.Split(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							out = append(out, f[0])
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// outOf resolves ref against the page at pageURL (absolute) and returns
// the output file it names and its fragment; ok is false for a URL that
// is not the site's (another host, mailto:, outside the base path).
func outOf(t *testing.T, pageURL, ref string) (out, frag string, ok bool) {
	t.Helper()
	base, err := url.Parse(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		t.Fatalf("%s: %q: %v", pageURL, ref, err)
	}
	abs := base.ResolveReference(u)
	root, _ := url.Parse(fixtureBase)
	if abs.Scheme != root.Scheme || abs.Host != root.Host || !strings.HasPrefix(abs.Path, root.Path) {
		return "", "", false
	}
	return site.OutFile(strings.TrimPrefix(abs.Path, root.Path)), abs.Fragment, true
}

// bundleReached checks that every URL of the site in urls, as the page at
// pageURL shows them, names a file the build wrote, and returns the
// bundle files (by their name in the bundle, whose bytes are files')
// they reach.
func bundleReached(t *testing.T, mem *output.Memory, where, pageURL string, urls []string, files map[string]string) []string {
	t.Helper()
	var reached []string
	for _, ref := range urls {
		out, _, ok := outOf(t, pageURL, ref)
		if !ok {
			continue
		}
		b, written := mem.Get(out)
		if !written {
			t.Errorf("%s: %q leads to %s, which the build did not write", where, ref, out)
			continue
		}
		for name, text := range files {
			if string(b) == text && !slices.Contains(reached, name) {
				reached = append(reached, name)
			}
		}
	}
	slices.Sort(reached)
	return reached
}

// TestBundleHTMLPermalink: with a permalink ending in .html, a bundle's
// files are written beside the page with the prefix SLUG- (as its charts'
// files are), and every link to one, in the page, its feeds, its email
// edition and its social card, leads to it.
func TestBundleHTMLPermalink(t *testing.T) {
	files := map[string]string{
		"cover.png":   "PNG cover",
		"data.csv":    "date,x\n2024-01-01,1\n",
		"img/sub.png": "PNG nested",
	}
	src := map[string]string{"content/posts/bundle-edge/index.md": `---
title: "Bundle edge"
date: 2024-06-10
image: cover.png
tags: [edge]
---
An opening paragraph without links.

## Files

![the cover](cover.png) and [the data](./data.csv?v=1#top), [nested](img/sub.png).

Raw: <img src="cover.png" srcset="img/sub.png 2x" alt="raw"> and <a href="data.csv">the data</a>.

<p><a href=" img/sub.png ">block</a> <a href="#files">here</a> <a href="../../../about/">about</a></p>
`}
	for name, text := range files {
		src["content/posts/bundle-edge/"+name] = text
	}
	mem, _, err := buildMem(t, bundleSite(t, "permalink: /:year/:month/:slug.html\nmarkdown: {unsafeHTML: true}\n", src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const page = "2024/06/bundle-edge.html"
	pageURL := fixtureBase + page
	for name, text := range files {
		out := strings.TrimSuffix(page, ".html") + "-" + name // generator/doc.go: the prefix "SLUG-"
		if b, ok := mem.Get(out); !ok || string(b) != text {
			t.Errorf("bundle file %s: %s not written with its bytes (written: %v)", name, out, ok)
		}
	}
	for _, name := range mem.Names() {
		if i := strings.Index(name, ".html"); i >= 0 && i+len(".html") < len(name) && name[i+len(".html")] != '/' {
			t.Errorf("output %s has a name run on from a page's", name)
		}
	}
	all := []string{"cover.png", "data.csv", "img/sub.png"}

	doc := parseHTML(t, page, mustGet(t, mem, page))
	if got := bundleReached(t, mem, page, pageURL, urlsIn(articleBody(t, doc)), files); !slices.Equal(got, all) {
		t.Errorf("%s: the article's links reach bundle files %v, want %v", page, got, all)
	}
	og := ""
	for _, m := range elements(doc, "meta") {
		if attr(m, "property") == "og:image" {
			og = attr(m, "content")
		}
	}
	if got := bundleReached(t, mem, page+" og:image", pageURL, []string{og}, files); !slices.Equal(got, []string{"cover.png"}) {
		t.Errorf("og:image %q reaches %v, want the bundle's cover.png", og, got)
	}

	email := strings.TrimSuffix(page, ".html") + "-email.html"
	if got := bundleReached(t, mem, email, fixtureBase+email, urlsIn(parseHTML(t, email, mustGet(t, mem, email))), files); !slices.Equal(got, all) {
		t.Errorf("%s: links reach bundle files %v, want %v", email, got, all)
	}

	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "tags/edge/index.xml"} {
		f, err := gofeed.NewParser().ParseString(string(mustGet(t, mem, name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var item *gofeed.Item
		for _, it := range f.Items {
			if it.Link == pageURL {
				item = it
			}
		}
		if item == nil {
			t.Fatalf("%s: no item links %s", name, pageURL)
		}
		body, err := html.Parse(strings.NewReader(item.Content))
		if err != nil {
			t.Fatal(err)
		}
		urls := urlsIn(body)
		for _, u := range urls {
			if !strings.Contains(u, "://") && !strings.HasPrefix(u, "mailto:") {
				t.Errorf("%s: %q is not absolute", name, u)
			}
		}
		if got := bundleReached(t, mem, name, pageURL, urls, files); !slices.Equal(got, all) {
			t.Errorf("%s: the item's links reach bundle files %v, want %v", name, got, all)
		}
	}
}

// TestSummaryAway: a summary's relative links and images (bundle files, a
// #fragment) lead, from the card on every list that shows the article
// (home, tag, author and ticker pages), where they lead on its page.
func TestSummaryAway(t *testing.T) {
	files := map[string]string{"cover.png": "PNG cover", "data.csv": "date,x\n2024-01-01,1\n"}
	src := map[string]string{"content/posts/summary-links/index.md": `---
title: "Summary links"
date: 2024-06-10
tags: [edge]
tickers: [SPX]
---
See [the data](data.csv), ![pic](cover.png) and [the section](#the-section).

## The section

Text.
`}
	for name, text := range files {
		src["content/posts/summary-links/"+name] = text
	}
	for _, permalink := range []string{"/:year/:month/:slug/", "/:year/:month/:slug.html"} {
		yaml := "permalink: " + permalink + "\ntaxonomies: {tickers: {}}\n"
		mem, _, err := buildMem(t, bundleSite(t, yaml, src), Options{})
		if err != nil {
			t.Fatal(err)
		}
		page := site.OutFile(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(permalink, ":year", "2024"), ":month", "06"), ":slug", "summary-links"))
		ids := map[string]bool{}
		for _, n := range findAll(parseHTML(t, page, mustGet(t, mem, page)), func(n *html.Node) bool { return attr(n, "id") != "" }) {
			ids[attr(n, "id")] = true
		}
		for _, list := range []string{"", "tags/edge/", "authors/fixture-desk/", "tickers/spx/"} {
			where := permalink + " " + site.OutFile(list)
			doc := parseHTML(t, where, mustGet(t, mem, site.OutFile(list)))
			var urls []string
			for _, card := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "card") }) {
				if strings.Contains(text(card), "Summary links") {
					for _, s := range findAll(card, func(n *html.Node) bool { return hasClass(n, "card__summary") }) {
						urls = append(urls, urlsIn(s)...)
					}
				}
			}
			if len(urls) != 3 {
				t.Fatalf("%s: the card's summary has URLs %q, want its three", where, urls)
			}
			if got := bundleReached(t, mem, where, fixtureBase+list, urls, files); !slices.Equal(got, []string{"cover.png", "data.csv"}) {
				t.Errorf("%s: the summary reaches bundle files %v, want cover.png and data.csv", where, got)
			}
			sections := 0
			for _, u := range urls {
				if out, frag, _ := outOf(t, fixtureBase+list, u); frag != "" {
					sections++
					if out != page || !ids[frag] {
						t.Errorf("%s: %q leads to %s#%s, not to the article's section", where, u, out, frag)
					}
				}
			}
			if sections != 1 {
				t.Errorf("%s: %d links of the summary name a section, want 1", where, sections)
			}
		}
	}
}

// TestRawHTMLBasePath: with unsafeHTML, raw HTML's site paths lead under
// the base path on the page, in the feeds and in the email edition, as a
// markdown link's do; other URLs are kept.
func TestRawHTMLBasePath(t *testing.T) {
	src := map[string]string{"content/posts/raw-links.md": `---
title: "Raw links"
date: 2024-06-10
---
Opening.

A [markdown link](/about/), <a href="/about/">raw</a> and <a href="https://other.example/x">away</a>.

<div><iframe src="/about/"></iframe><a href="//cdn.example/y">cdn</a></div>
`}
	mem, _, err := buildMem(t, bundleSite(t, "markdown: {unsafeHTML: true}\n", src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const out = "2024/06/raw-links/index.html"
	pageURL := fixtureBase + "2024/06/raw-links/"
	// On the page other sites' URLs stay as written; feeds and email make
	// a protocol-relative one absolute, as they make every URL.
	page := []string{"https://other.example/x", "//cdn.example/y"}
	abs := []string{"https://other.example/x", "https://cdn.example/y"}
	check := func(where, at string, urls []string, about int, away []string) {
		t.Helper()
		n := 0
		for _, u := range urls {
			out, _, ok := outOf(t, at, u)
			switch {
			case strings.Contains(u, "example/"): // other sites' URLs, as written
				if !slices.Contains(away, u) {
					t.Errorf("%s: %q was changed", where, u)
				}
			case !ok:
				t.Errorf("%s: %q is outside the site %s", where, u, fixtureBase)
			case out == "about/index.html":
				n++
			}
		}
		if n != about {
			t.Errorf("%s: %d URLs lead to the about page, want %d (urls %q)", where, n, about, urls)
		}
	}
	check(out, pageURL, urlsIn(articleBody(t, parseHTML(t, out, mustGet(t, mem, out)))), 3, page)
	const email = "2024/06/raw-links/email.html"
	check(email, pageURL, urlsIn(parseHTML(t, email, mustGet(t, mem, email))), 2, abs) // iframes are dropped
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		f, err := gofeed.NewParser().ParseString(string(mustGet(t, mem, name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, it := range f.Items {
			if it.Link == pageURL {
				body, err := html.Parse(strings.NewReader(it.Content))
				if err != nil {
					t.Fatal(err)
				}
				check(name, pageURL, urlsIn(body), 3, abs)
			}
		}
	}
}

// TestDraftBundleFiles: the files of a draft's bundle (a chart image of
// research not yet out) are not published while the draft is not, not
// even at their path under content/; built with drafts, they are beside
// the draft's page. A file beside no index file is copied as it is.
func TestDraftBundleFiles(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	fsys["content/posts/secret/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Secret\ndate: 2024-01-05\ndraft: true\n---\nNot out yet: ![plan](plan.png)\n")}
	fsys["content/posts/secret/plan.png"] = &fstest.MapFile{Data: []byte("not yet")}
	fsys["content/posts/loose/notes.txt"] = &fstest.MapFile{Data: []byte("loose")}
	for _, drafts := range []bool{false, true} {
		mem, _, err := buildMem(t, fsys, Options{Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, name := range mem.Names() {
			if b, _ := mem.Get(name); string(b) == "not yet" {
				got = append(got, name)
			}
		}
		want := []string(nil)
		if drafts {
			want = []string{"2024/01/secret/plan.png"}
		}
		if !slices.Equal(got, want) {
			t.Errorf("drafts %t: the draft's image is published as %v, want %v", drafts, got, want)
		}
		if _, ok := mem.Get("posts/loose/notes.txt"); !ok {
			t.Errorf("drafts %t: posts/loose/notes.txt, beside no index file, is not copied", drafts)
		}
	}
}

// TestSessionBundleFileAdded: a file added to an article's bundle, and
// then taken away, changes where its page's links to it lead (a
// permalink ending in .html writes it as SLUG-NAME) and the image its
// view names: a Session's build is a fresh build's each time.
func TestSessionBundleFileAdded(t *testing.T) {
	const cover = "content/posts/bundle-edge/cover.png"
	fsys := bundleSite(t, "permalink: /:year/:month/:slug.html\n", map[string]string{"content/posts/bundle-edge/index.md": `---
title: "Bundle edge"
date: 2024-06-10
image: cover.png
tags: [edge]
---
The cover: ![the cover](cover.png).
`})
	s := NewSession(fsys, Options{Now: fixedNow})
	for _, step := range []struct {
		name    string
		change  func()
		changed []string
	}{
		{"without the cover", func() {}, nil},
		{"cover added", func() { fsys[cover] = &fstest.MapFile{Data: []byte("PNG cover")} }, []string{cover}},
		{"cover taken away", func() { delete(fsys, cover) }, []string{cover}},
	} {
		step.change()
		_, mem, err := s.Build(context.Background(), step.changed)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		fresh, _, err := buildMem(t, fsys, Options{Now: fixedNow})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		_, added := mem.Get("2024/06/bundle-edge-cover.png")
		if want := step.name == "cover added"; added != want {
			t.Errorf("%s: the cover written beside the page: %v, want %v", step.name, added, want)
		}
		t.Run(step.name, func(t *testing.T) { sameTrees(t, fresh, mem) })
	}
}
