package build

import (
	"strings"
	"testing"
)

// TestFirstPageRedirects: page/1/ of every list of more than one page (the
// home page, a tag's, a year's) sends the reader to the list's first page,
// as Hugo's page/1/ does: a refresh and a canonical link to the list's
// address, noindex, and no entry in the sitemap. A list of one page has
// none, and a site moved from Hugo gets its section's page/1/ too.
func TestFirstPageRedirects(t *testing.T) {
	mem, _, err := buildMem(t, withConfig(researchFS(t), "permalink: /posts/:slug/\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const base = "https://example.org/research/"
	want := map[string]string{
		"page/1/index.html":               base,
		"posts/page/1/index.html":         base,
		"tags/equities/page/1/index.html": base + "tags/equities/",
	}
	// Every list with a second page has a first-page redirect, and
	// nothing else does.
	for _, name := range mem.Names() {
		if dir, ok := strings.CutSuffix(name, "page/2/index.html"); ok && dir != "posts/" {
			if _, ok := want[dir+"page/1/index.html"]; !ok {
				want[dir+"page/1/index.html"] = base + dir
			}
		}
	}
	for name, to := range want {
		b := mustGet(t, mem, name)
		doc := parseHTML(t, name, b)
		var refresh, canonical []string
		for _, m := range elements(doc, "meta") {
			if attr(m, "http-equiv") == "refresh" {
				refresh = append(refresh, attr(m, "content"))
			}
		}
		for _, l := range elements(doc, "link") {
			if attr(l, "rel") == "canonical" {
				canonical = append(canonical, attr(l, "href"))
			}
		}
		if len(refresh) != 1 || refresh[0] != "0; url="+to {
			t.Errorf("%s: refresh %q, want to %s", name, refresh, to)
		}
		if len(canonical) != 1 || canonical[0] != to {
			t.Errorf("%s: canonical %q, want %s", name, canonical, to)
		}
		if got := headMeta(t, name, b, "robots"); len(got) != 1 || got[0] != "noindex" {
			t.Errorf("%s: robots %q, want noindex", name, got)
		}
	}
	if len(want) < 4 {
		t.Errorf("only %d lists of more than one page: the fixture should have a year's too", len(want))
	}
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, "page/1/index.html") && want[name] == "" {
			t.Errorf("%s was written: its list has one page", name)
		}
	}
	for _, loc := range sitemapLocs(t, mem) {
		if strings.Contains(loc, "/page/1/") {
			t.Errorf("sitemap.xml lists the redirect %s", loc)
		}
	}
}
