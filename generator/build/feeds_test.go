package build

import (
	"bytes"
	"context"
	"image/png"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/output"
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

// TestFeedImages: in each feed, read with gofeed, every chart is a
// <picture>: its <source> the narrow drawing's PNG for screens under 560 px
// (phones), its <img> the wide one, each by absolute URL to a file the
// build wrote, with width and height the PNG's size at 2×, and alt text.
func TestFeedImages(t *testing.T) {
	mem, _, err := buildMem(t, siteFS(t, "testdata/sites/basic"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		b, _ := mem.Get(name)
		f, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		charts := 0
		for _, it := range f.Items {
			doc, err := html.Parse(strings.NewReader(it.Content))
			if err != nil {
				t.Fatal(err)
			}
			for n := range doc.Descendants() {
				if n.Data != "img" || !strings.Contains(attr(n, "class"), "figure__image") {
					continue
				}
				charts++
				at := name + " " + it.Link
				if strings.TrimSpace(attr(n, "alt")) == "" {
					t.Errorf("%s: chart image without alt text", at)
				}
				checkFeedPNG(t, mem, at, attr(n, "src"), n, ".png")
				p := n.Parent
				src := p.FirstChild
				for src != nil && src.Type != html.ElementNode {
					src = src.NextSibling
				}
				if p.Data != "picture" || src == nil || src.Data != "source" {
					t.Errorf("%s: the chart image is not in a <picture> with a <source> first", at)
					continue
				}
				if m := attr(src, "media"); m != "(max-width: 559px)" {
					t.Errorf("%s: source media %q", at, m)
				}
				checkFeedPNG(t, mem, at, attr(src, "srcset"), src, ".narrow.png")
			}
		}
		if charts == 0 {
			t.Errorf("%s: no chart image", name)
		}
	}
}

// checkFeedPNG wants u, a feed's image URL, absolute, naming a PNG file
// of the build ending in suffix, and n's width and height its size at 2×.
func checkFeedPNG(t *testing.T, mem *output.Memory, at, u string, n *html.Node, suffix string) {
	t.Helper()
	pu, err := url.Parse(u)
	if err != nil || pu.Host == "" || !strings.HasSuffix(pu.Path, suffix) || suffix == ".png" && strings.HasSuffix(pu.Path, ".narrow.png") {
		t.Errorf("%s: image %q is not an absolute URL of a %s file", at, u, suffix)
		return
	}
	b, ok := mem.Get(strings.TrimPrefix(pu.Path, "/research/"))
	if !ok {
		t.Errorf("%s: %s was not built", at, u)
		return
	}
	c, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	w, _ := strconv.Atoi(attr(n, "width"))
	h, _ := strconv.Atoi(attr(n, "height"))
	if w != (c.Width+1)/2 || h != (c.Height+1)/2 {
		t.Errorf("%s: %s is shown %d×%d, its pixels are %d×%d (want half)", at, u, w, h, c.Width, c.Height)
	}
}

// TestEmptySiteSameBytes: a site without articles yet (the example
// article deleted, the first not written) built at two moments writes the
// same bytes: its feeds, with no item to date them, do not carry the
// build's time, which rewrote them (and public/) on every build. Their
// dates still parse for a feed reader.
func TestEmptySiteSameBytes(t *testing.T) {
	m := siteFS(t, "testdata/sites/basic")
	for name := range m {
		if strings.HasPrefix(name, "content/posts/") {
			delete(m, name)
		}
	}
	// The dataset no article reads is a warning, not what is tested.
	m["content/about.md"] = &fstest.MapFile{Data: append(m["content/about.md"].Data, "The rate is {{ policy.rate | last }}.\n"...)}
	var outs [2]*output.Memory
	for i, now := range []time.Time{fixedNow, fixedNow.Add(49 * time.Hour)} {
		mem, res, err := buildMem(t, m, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if res.Articles != 0 {
			t.Fatalf("%d articles, want none", res.Articles)
		}
		outs[i] = mem
	}
	if !slices.Equal(outs[0].Names(), outs[1].Names()) {
		t.Fatalf("the two builds made other files:\n%v\n%v", outs[0].Names(), outs[1].Names())
	}
	for _, name := range outs[0].Names() {
		a, _ := outs[0].Get(name)
		b, _ := outs[1].Get(name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between builds two days apart:\n%s\n%s", name, a, b)
		}
	}
	for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
		b, _ := outs[0].Get(name)
		f, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(f.Items) != 0 {
			t.Errorf("%s: %d items, want none", name, len(f.Items))
		}
	}
}

// TestFeedIDKeptWhenMoved: an article whose slug changed, with its old
// permalink as feedID (and under aliases), keeps its id in every feed
// (RSS guid, not a permalink any more; Atom id; JSON Feed id), so feed
// readers do not show it again as new, while its link is its new address;
// the ids of the articles that did not move stay their permalinks.
func TestFeedIDKeptWhenMoved(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	const file = "content/posts/first-note.md"
	ids := func(mem *output.Memory) map[string]map[string]string { // format → link → id
		t.Helper()
		out := map[string]map[string]string{}
		for _, name := range []string{"index.xml", "atom.xml", "feed.json"} {
			b, _ := mem.Get(name)
			f, err := gofeed.NewParser().ParseString(string(b))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out[name] = map[string]string{}
			for _, it := range f.Items {
				out[name][it.Link] = it.GUID
			}
		}
		return out
	}
	before, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const old, moved = "https://example.org/research/2024/01/first-note/", "https://example.org/research/2024/01/breadth-note/"
	const other = "https://example.org/research/2024/03/rates-bundle/"
	was := ids(before)
	src := strings.Replace(string(fsys[file].Data), "tags:", "slug: breadth-note\naliases: [/2024/01/first-note/]\nfeedID: "+old+"\ntags:", 1)
	fsys[file] = &fstest.MapFile{Data: []byte(src)}
	after, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := ids(after)
	for name, got := range now {
		if was[name][old] != old || got[moved] != old {
			t.Errorf("%s: the moved article's id was %q and is %q, want %q", name, was[name][old], got[moved], old)
		}
		if was[name][other] != other || got[other] != other {
			t.Errorf("%s: the other article's id was %q and is %q, want its permalink", name, was[name][other], got[other])
		}
	}
	rss, _ := after.Get("index.xml")
	if !bytes.Contains(rss, []byte(`<guid isPermaLink="false">`+old+`</guid>`)) || !bytes.Contains(rss, []byte(`<guid isPermaLink="true">`+other+`</guid>`)) {
		t.Errorf("index.xml: the moved article's guid is not marked as no permalink, or the other's not as one")
	}
}

// TestFeedIDTaken: an article whose feedID is another article's id in a
// feed they share (here the other's permalink) would be one item to a
// feed reader, which shows one of an id: the build fails at the feedID's
// line, naming the other article, in a fresh build and in a Session's
// build after the edit alike.
func TestFeedIDTaken(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	const file = "content/posts/first-note.md"
	const want = `content/posts/first-note.md:4: feedID https://example.org/research/2024/03/rates-bundle/ is also the id in feeds of content/posts/rates-bundle/index.md (its permalink)`
	s := NewSession(fsys, Options{Now: fixedNow})
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(fsys[file].Data), "tags:", "feedID: https://example.org/research/2024/03/rates-bundle/\ntags:", 1)
	fsys[file] = &fstest.MapFile{Data: []byte(src)}
	_, _, err := buildMem(t, fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a fresh build: got %v, want %q", err, want)
	}
	if _, _, err := s.Build(context.Background(), []string{file}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a Session's build after the edit: got %v, want %q", err, want)
	}
}

// TestFeedIDTakenOutsideFeed: an article whose id in feeds an older
// article had is never shown by a feed reader that saw the older one,
// even when the older one has left the feed's newest items (feeds.items
// 1 here, so no feed carries both): the build fails naming both files, at
// their feedID lines when both set one. Before, only the articles of one
// feed as built were compared, so these clashes built without a word.
func TestFeedIDTakenOutsideFeed(t *testing.T) {
	const (
		first  = "content/posts/first-note.md"
		rates  = "content/posts/rates-bundle/index.md"
		latest = "content/posts/latest.md"
	)
	for _, tc := range []struct {
		name  string
		edit  map[string]string // file: feedID line put before its tags:, or a whole new file
		wants []string
	}{
		{
			name: "a feedID that is an older article's permalink",
			edit: map[string]string{latest: "---\ntitle: \"Latest\"\ndate: 2024-06-01\nfeedID: https://example.org/research/2024/01/first-note/\n---\nNew.\n"},
			wants: []string{
				`content/posts/latest.md:4: feedID https://example.org/research/2024/01/first-note/ is also the id in feeds of content/posts/first-note.md (its permalink)`,
			},
		},
		{
			name: "two articles with one feedID",
			edit: map[string]string{first: "feedID: tag:example.org,2024:same\n", rates: "feedID: tag:example.org,2024:same\n"},
			wants: []string{
				`content/posts/first-note.md:4: feedID tag:example.org,2024:same is also the id in feeds of content/posts/rates-bundle/index.md:5 (its feedID)`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := siteFS(t, "testdata/sites/basic")
			fsys["site.yaml"] = &fstest.MapFile{Data: append(slices.Clone(fsys["site.yaml"].Data), "feeds: {items: 1}\n"...)}
			for name, text := range tc.edit {
				if strings.HasPrefix(text, "---") {
					fsys[name] = &fstest.MapFile{Data: []byte(text)}
					continue
				}
				src := string(fsys[name].Data)
				if !strings.Contains(src, "tags:") {
					t.Fatalf("%s has no tags: line to put the feedID before", name)
				}
				fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(src, "tags:", text+"tags:", 1))}
			}
			_, _, err := buildMem(t, fsys, Options{})
			if err == nil {
				t.Fatal("the build succeeded, want an error naming both articles")
			}
			for _, want := range tc.wants {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q\ndoes not say %q", err, want)
				}
			}
		})
	}
}
