package build

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// socialSite is the basic fixture with a site image described by
// imageAlt, an article with its own image (a bundle file) and another
// whose image is a site path, each described or not.
func socialSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := siteFS(t, "testdata/sites/basic")
	fsys["site.yaml"] = &fstest.MapFile{Data: append(fsys["site.yaml"].Data, "image: /img/card.png\nimageAlt: \"The desk's logo\"\n"...)}
	fsys["content/posts/cover-note/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Cover note\ndate: 2024-02-01\nimage: cover.png\nimageAlt: \"A cover: one line, rising\"\n---\nText.\n")}
	fsys["content/posts/cover-note/cover.png"] = &fstest.MapFile{Data: []byte("0123456789")}
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\nimage: /img/about.png\n---\nWe write.\n")}
	return fsys
}

// metaTags are the content of a page's meta tags by property or name.
func metaTags(t *testing.T, name string, b []byte) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, n := range elements(parseHTML(t, name, b), "meta") {
		if k := attr(n, "property") + attr(n, "name"); k != "" {
			m[k] = attr(n, "content")
		}
	}
	return m
}

// TestSocialImageAlt: every page whose og:image is a chart's PNG (an
// article's first chart, a chart's page) describes it with the chart's
// description in og:image:alt and twitter:image:alt; an image of front
// matter or site.yaml by its imageAlt; an image given without one has
// none (not the site's, which describes another image).
func TestSocialImageAlt(t *testing.T) {
	mem, _, err := buildMem(t, socialSite(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The chart's description, as its image's alt text in the article.
	var desc string
	for _, img := range elements(parseHTML(t, "atom.xml", []byte(atomContent(t, mustGet(t, mem, "atom.xml"), "rates-bundle"))), "img") {
		if desc = attr(img, "alt"); desc != "" {
			break
		}
	}
	if len(desc) < 40 {
		t.Fatalf("the chart's description %q is not a description", desc)
	}
	for _, c := range []struct{ page, image, alt string }{
		{"2024/03/rates-bundle/index.html", "rates-bundle/policy-rate-prices-2023.png", desc},
		{"2024/03/rates-bundle/charts/policy-rate-prices-2023/index.html", "policy-rate-prices-2023.png", desc},
		{"2024/02/cover-note/index.html", "cover-note/cover.png", "A cover: one line, rising"},
		{"2024/01/first-note/index.html", "/img/card.png", "The desk's logo"},
		{"index.html", "/img/card.png", "The desk's logo"},
		{"about/index.html", "/img/about.png", ""},
	} {
		m := metaTags(t, c.page, mustGet(t, mem, c.page))
		if !strings.HasSuffix(m["og:image"], c.image) || m["twitter:image"] != m["og:image"] {
			t.Errorf("%s: og:image %q twitter:image %q, want …%s", c.page, m["og:image"], m["twitter:image"], c.image)
		}
		if m["og:image:alt"] != c.alt || m["twitter:image:alt"] != c.alt {
			t.Errorf("%s: og:image:alt %q twitter:image:alt %q, want %q", c.page, m["og:image:alt"], m["twitter:image:alt"], c.alt)
		}
	}
}

// TestSocialImageSize: a page whose og:image is a chart's PNG (an
// article's first chart, a chart's page) gives its width and height in
// pixels, as the PNG written has them, with which Facebook and LinkedIn
// show the card at a link's first share rather than fetch the image
// first; an image whose size the build does not know (front matter's,
// site.yaml's) gives none rather than a wrong one.
func TestSocialImageSize(t *testing.T) {
	mem, _, err := buildMem(t, socialSite(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		page  string
		sized bool
	}{
		{"2024/03/rates-bundle/index.html", true},
		{"2024/03/rates-bundle/charts/policy-rate-prices-2023/index.html", true},
		{"2024/03/rates-bundle/charts/policy-rate-prices-2023/embed/index.html", true},
		{"2024/02/cover-note/index.html", false},
		{"index.html", false},
	} {
		m := metaTags(t, c.page, mustGet(t, mem, c.page))
		w, h := m["og:image:width"], m["og:image:height"]
		if !c.sized {
			if w != "" || h != "" {
				t.Errorf("%s: og:image %s is given as %s×%s, which the build does not know", c.page, m["og:image"], w, h)
			}
			continue
		}
		name, ok := strings.CutPrefix(m["og:image"], "https://example.org/research/")
		if !ok {
			t.Fatalf("%s: og:image %q is not the site's", c.page, m["og:image"])
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(mustGet(t, mem, name)))
		if err != nil {
			t.Fatalf("%s: og:image %s: %v", c.page, name, err)
		}
		if want := [2]string{strconv.Itoa(cfg.Width), strconv.Itoa(cfg.Height)}; [2]string{w, h} != want {
			t.Errorf("%s: og:image:width and og:image:height are %q and %q, want %s and %s, the size of %s", c.page, w, h, want[0], want[1], name)
		}
	}
}

// atomContent is the HTML content of the Atom entry whose link holds
// slug.
func atomContent(t *testing.T, atom []byte, slug string) string {
	t.Helper()
	for _, e := range atomEntries(t, atom) {
		if strings.Contains(e.Links[0].Href, slug) {
			return e.Content
		}
	}
	t.Fatalf("atom.xml has no entry of %s", slug)
	return ""
}

type atomEntry struct {
	Links []struct {
		Href   string `xml:"href,attr"`
		Rel    string `xml:"rel,attr"`
		Length string `xml:"length,attr"`
	} `xml:"link"`
	Content string `xml:"content"`
}

func atomEntries(t *testing.T, b []byte) []atomEntry {
	t.Helper()
	var f struct {
		Entries []atomEntry `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.Entries
}

// TestAtomEnclosureLength: an Atom entry's enclosure (its social-card
// image) says its length in bytes when the build knows it, as RFC 4287
// 4.2.7.2 asks: the size of the chart's PNG the build wrote, or of the
// bundle's file; none for an image elsewhere (a site path). RSS's
// media:content says the same as fileSize.
func TestAtomEnclosureLength(t *testing.T) {
	mem, _, err := buildMem(t, socialSite(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	atom := mustGet(t, mem, "atom.xml")
	want := map[string]string{ // by image URL
		"https://example.org/research/2024/02/cover-note/cover.png": "10",
		"https://example.org/research/img/card.png":                 "",
	}
	png := "2024/03/rates-bundle/policy-rate-prices-2023.png"
	want["https://example.org/research/"+png] = strconv.Itoa(len(mustGet(t, mem, png)))
	seen := 0
	for _, e := range atomEntries(t, atom) {
		for _, l := range e.Links {
			if l.Rel != "enclosure" {
				continue
			}
			w, ok := want[l.Href]
			if !ok {
				t.Errorf("enclosure %s: not an image of the fixture", l.Href)
				continue
			}
			seen++
			if l.Length != w {
				t.Errorf("enclosure %s: length %q, want %q", l.Href, l.Length, w)
			}
		}
	}
	if seen != 3 {
		t.Errorf("%d enclosures, want 3 (one an article's)", seen)
	}
	rss := string(mustGet(t, mem, "index.xml"))
	mustContain(t, "index.xml", rss, `<media:content url="https://example.org/research/2024/02/cover-note/cover.png" fileSize="10" type="image/png" medium="image">`)
}
