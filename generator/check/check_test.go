package check

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

const repoRoot = "../.."

// fixture is the basic build fixture with the default theme, plus files.
func fixture(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, d := range [][2]string{{filepath.Join(repoRoot, "generator/build/testdata/sites/basic"), "."}, {filepath.Join(repoRoot, "themes"), "themes"}} {
		if err := corpus.AddDir(m, d[0], d[1]); err != nil {
			t.Fatal(err)
		}
	}
	// Tag pages are not built yet; the links to them are left out here.
	for k, f := range m {
		if strings.HasSuffix(k, ".md") {
			f.Data = regexp.MustCompile(`(?m)^tags: .*\n`).ReplaceAll(f.Data, nil)
		}
	}
	// A dataset no page uses is a warning: the about page uses it, and the
	// data catalogue's pages are checked with the rest.
	m["content/about.md"].Data = append(m["content/about.md"].Data, "The policy rate is {{ policy.rate | last | percent:2 }}.\n"...)
	for k, v := range extra {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

var now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func TestCheckClean(t *testing.T) {
	r, err := Run(context.Background(), fixture(t, nil), build.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) > 0 || len(r.Warnings) > 0 {
		t.Errorf("the fixture has problems: %v %v", r.Errors, r.Warnings)
	}
	if r.Links < 20 {
		t.Errorf("only %d links checked", r.Links)
	}
}

func TestCheckFindsBrokenLinks(t *testing.T) {
	fsys := fixture(t, map[string]string{
		"content/posts/links.md": `---
title: Links
date: 2024-04-01
---
A fine [link](/about/) and [anchor](/2024/03/rates-bundle/#the-data).

A [broken link](/2024/01/no-such-note/).

A [missing anchor](/2024/03/rates-bundle/#no-such-heading) and [one here](#nowhere).

![A chart](/images/missing.png)

[Elsewhere](https://example.com/x/) and [mail](mailto:a@example.com).
`,
		"layouts/partials/footer.html": `<footer><a href="{{.Site.Home}}gone/">Gone</a> <a href="/elsewhere/">Out</a></footer>`,
	})
	got := errorsOf(t, fsys)
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"content/posts/links.md:7: link to /research/2024/01/no-such-note/: no such page",
		`content/posts/links.md:9: link to /research/2024/03/rates-bundle/#no-such-heading: 2024/03/rates-bundle/index.html has no element with id "no-such-heading"`,
		`content/posts/links.md:9: link to #nowhere: 2024/04/links/index.html has no element with id "nowhere"`,
		"content/posts/links.md:11: image /research/images/missing.png: no such page or file",
		// 24: the menu is on every page, rates-bundle's chart page, the
		// data catalogue's two pages, the author index and pages
		// (three), and the redirects of page/1/ to the first page of
		// the home page and of 2024 too.
		"2024/01/first-note/index.html: link to /research/gone/: no such page or file in the built site (and on 24 other pages)",
		"2024/01/first-note/index.html: link to /elsewhere/: outside the site's base path /research/ (and on 24 other pages)",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing problem %q in:\n%s", want, all)
		}
	}
	if len(got) != 6 {
		t.Errorf("%d problems, want 6:\n%s", len(got), all)
	}
}

// TestCheckWholeAddress: a link written with the site's whole address is
// the site's own, checked as a path is, and reported at its markdown line
// (not at the output page, as if a template had made it).
func TestCheckWholeAddress(t *testing.T) {
	fsys := fixture(t, map[string]string{
		"content/posts/whole.md": "---\ntitle: Whole\ndate: 2024-04-01\n---\nA [fine one](https://example.org/research/about/).\n\nA [broken one](https://example.org/research/2024/01/no-such-note/).\n",
	})
	got := errorsOf(t, fsys)
	want := "content/posts/whole.md:7: link to https://example.org/research/2024/01/no-such-note/: no such page or file in the built site"
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("got %q, want one error starting %q", got, want)
	}
}

// TestCheckEmptyLink: a link written without an address is reported at
// its line, not at the first line that holds a quote (the title's).
func TestCheckEmptyLink(t *testing.T) {
	fsys := fixture(t, map[string]string{
		"content/posts/empty.md": "---\ntitle: \"Empty\"\ndate: 2024-04-01\n---\nA \"quoted\" line: here.\n\nA [link]() to nowhere.\n\n![A chart]()\n",
	})
	got := errorsOf(t, fsys)
	want := []string{
		"content/posts/empty.md:7: link with an empty address, which leads nowhere: give the address, or write the text without the link",
		"content/posts/empty.md:9: image with an empty address, which shows nothing: give the address, or remove it",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want errors starting %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got %q, want one starting %q", got[i], want[i])
		}
	}
}

// errorsOf checks the site fsys and returns its errors as check prints them.
func errorsOf(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	r, err := Run(context.Background(), fsys, build.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range r.Errors {
		got = append(got, p.String())
	}
	return got
}

// TestCheckSuggests: a link or anchor one or two letters off a page or id
// the site has says which one was probably meant; one far from any says
// nothing more.
func TestCheckSuggests(t *testing.T) {
	fsys := fixture(t, map[string]string{
		"content/posts/typos.md": `---
title: Typos
date: 2024-04-01
---
A [typo](/2024/03/rates-bundel/), an [anchor](/2024/03/rates-bundle/#teh-data) and [far](/2024/03/other/).
`,
	})
	got := errorsOf(t, fsys)
	want := []string{
		"content/posts/typos.md:5: link to /research/2024/03/rates-bundel/: no such page or file in the built site (did you mean /research/2024/03/rates-bundle/?)",
		`content/posts/typos.md:5: link to /research/2024/03/rates-bundle/#teh-data: 2024/03/rates-bundle/index.html has no element with id "teh-data" (did you mean #the-data?)`,
		"content/posts/typos.md:5: link to /research/2024/03/other/: no such page or file in the built site",
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		// A summary's links are on the lists too: "(and on 2 other pages)".
		ok = strings.TrimSuffix(got[i], " (and on 2 other pages)") == want[i]
	}
	if !ok {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckBasePathWritten: a link written with the base path gets it
// again, as every site path does (/research/research/…): check says to
// write the link without it, at the line that holds it.
func TestCheckBasePathWritten(t *testing.T) {
	fsys := fixture(t, map[string]string{
		"content/posts/prefixed.md": `---
title: Prefixed
date: 2024-04-01
---
Intro.

The [bundle](/research/2024/03/rates-bundle/#the-data) and [far](/research/2024/03/other/).
`,
	})
	got := errorsOf(t, fsys)
	want := []string{
		"content/posts/prefixed.md:7: link to /research/research/2024/03/rates-bundle/#the-data: no such page or file in the built site (it was written with the base path /research/, which every site path gets: write /2024/03/rates-bundle/)",
		"content/posts/prefixed.md:7: link to /research/research/2024/03/other/: no such page or file in the built site",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckDataFreshness(t *testing.T) {
	fsys := fixture(t, nil)
	fsys["site.yaml"].Data = append(fsys["site.yaml"].Data, "check:\n  maxDataAge: 45d\n"...)
	fsys["content/data/fresh.csv"] = &fstest.MapFile{Data: []byte("date,x\n2026-11-01,1\n")}
	r, err := Run(context.Background(), fsys, build.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 2 || !strings.HasPrefix(r.Warnings[0].String(), "content/data/policy.csv: newest row is 2024-01-01, 1057 days old (check.maxDataAge is 45d)") ||
		!strings.HasPrefix(r.Warnings[1].String(), "content/posts/rates-bundle/rates.csv: newest row is 2024-01-01, 1057 days old (check.maxDataAge is 45d)") ||
		!strings.Contains(r.Warnings[0].String(), ": add the newer rows to the file, or fetch it again if site.yaml gives its url, or raise check.maxDataAge in site.yaml") {
		t.Errorf("warnings: %v", r.Warnings)
	}
}

// TestCheckDataFreshnessOptions: a dataset's file is read with its
// options, as the build reads it, and within fetch.maxBytes.
func TestCheckDataFreshnessOptions(t *testing.T) {
	fsys := fixture(t, nil)
	fsys["site.yaml"].Data = append(fsys["site.yaml"].Data, "  eu:\n    file: content/data/eu.csv\n    source: \"Fixture data\"\n    skipLines: 1\n    delimiter: \";\"\n    decimal: \",\"\n    dateFormat: \"02.01.2006\"\ncheck:\n  maxDataAge: 45d\nfetch:\n  maxBytes: 1024\n"...)
	fsys["content/about.md"].Data = append(fsys["content/about.md"].Data, "The euro figure is {{ eu.x | last }}.\n"...)
	fsys["content/data/eu.csv"] = &fstest.MapFile{Data: []byte("Exported from a spreadsheet\ndate;x\n01.11.2026;1,5\n02.11.2026;2,5\n")}
	fsys["content/data/big.csv"] = &fstest.MapFile{Data: []byte("date,x\n" + strings.Repeat("2026-11-01,1\n", 100))}
	r, err := Run(context.Background(), fsys, build.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var big bool
	for _, w := range r.Warnings {
		if strings.HasPrefix(w.Place, "content/data/eu.csv") {
			t.Errorf("eu.csv, fresh and read with its options, gave a warning: %v", w)
		}
		if strings.HasPrefix(w.Place, "content/data/big.csv") && strings.Contains(w.Msg, "over fetch.maxBytes (1024)") {
			big = true
		}
	}
	if !big {
		t.Errorf("big.csv (1,307 bytes, over 1,024) gave no warning that it is over fetch.maxBytes: %v", r.Warnings)
	}
}

// TestCheckDataFreshnessBadLines: a CSV no page reads, with two bad lines,
// is one warning a line, each at its place.
func TestCheckDataFreshnessBadLines(t *testing.T) {
	fsys := fixture(t, nil)
	fsys["site.yaml"].Data = append(fsys["site.yaml"].Data, "check:\n  maxDataAge: 45d\n"...)
	fsys["content/data/bad.csv"] = &fstest.MapFile{Data: []byte("date,x\n2026-11-01,a\n2026-11-02,1\n2026-11-03,b\n")}
	r, err := Run(context.Background(), fsys, build.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var places []string
	for _, w := range r.Warnings {
		if strings.HasPrefix(w.Place, "content/data/bad.csv") {
			places = append(places, w.Place)
			if strings.Contains(w.Msg, "\n") {
				t.Errorf("a warning of several lines: %q", w.Msg)
			}
		}
	}
	if strings.Join(places, " ") != "content/data/bad.csv:2 content/data/bad.csv:4" {
		t.Errorf("bad.csv gave warnings at %q, want one at each bad line; warnings: %v", places, r.Warnings)
	}
}

func FuzzScan(f *testing.F) {
	f.Add([]byte(`<a href="/x/#y" id=z>t</a><!-- <a href="no"> --><script>if(a<b)"<a href=q>"</script><img src='i.png' alt>`))
	f.Add([]byte(`<a href="x`))
	f.Add([]byte(`<a =x b= c="d"/>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		scan(b)
	})
}

func TestScan(t *testing.T) {
	ids, refs := scan([]byte(`<h2 id="a&amp;b">x</h2><a name=top></a><!-- <a href="hidden"> --><script>var s="<a href='js'>"</script><a class=x href="/p/?q=1&amp;r=2#f">y</a><IMG SRC=i.png alt>`))
	if !ids["a&b"] || !ids["top"] || len(ids) != 2 {
		t.Errorf("ids %v", ids)
	}
	var got []string
	for _, r := range refs {
		got = append(got, r.tag+" "+r.value)
	}
	if strings.Join(got, ", ") != "a /p/?q=1&r=2#f, img i.png" {
		t.Errorf("refs %v", got)
	}
}

// TestCheckMenu: a menu entry of site.yaml that leads nowhere is reported
// once, at its line of site.yaml, with what to write, not at the first
// output page that shows the menu; the same link written in an article is
// still reported at the article's line.
func TestCheckMenu(t *testing.T) {
	fsys := fixture(t, map[string]string{
		"content/posts/menu.md": "---\ntitle: Menu\ndate: 2024-04-01\n---\nOur [method](/method/) is below.\n",
	})
	yml := strings.Replace(string(fsys["site.yaml"].Data), "    url: /about/\n",
		"    url: /about/\n  - name: Method\n    url: /method/\n  - name: Prices\n    url: /files/prices.pdf\n  - name: Twice\n    url: /research/about/\n  - name: Elsewhere\n    url: https://example.com/x/\n  - name: Team\n    url: /about/#team\n", 1)
	fsys["site.yaml"].Data = []byte(yml)
	lineOf := func(s string) int {
		for i, l := range strings.Split(yml, "\n") {
			if l == s {
				return i + 1
			}
		}
		t.Fatalf("site.yaml has no line %q", s)
		return 0
	}
	got := errorsOf(t, fsys)
	all := strings.Join(got, "\n")
	want := []string{
		"content/posts/menu.md:5: link to /research/method/: no such page or file in the built site",
		fmt.Sprintf(`site.yaml:%d: menu entry "Method": link to /research/method/: no such page or file in the built site: write the page (content/method.md) or change the entry's url`, lineOf("    url: /method/")),
		fmt.Sprintf(`site.yaml:%d: menu entry "Prices": link to /research/files/prices.pdf: no such page or file in the built site: put the file in static/files/prices.pdf or change the entry's url`, lineOf("    url: /files/prices.pdf")),
		fmt.Sprintf(`site.yaml:%d: menu entry "Twice": link to /research/research/about/: no such page or file in the built site: write the url without the base path (/research/), which every site path of the menu gets: /about/`, lineOf("    url: /research/about/")),
		fmt.Sprintf(`site.yaml:%d: menu entry "Team": link to /research/about/#team: about/index.html has no element with id "team": give the page that heading or id, or change the entry's url`, lineOf("    url: /about/#team")),
	}
	for _, w := range want {
		n := 0
		for _, g := range got {
			if strings.TrimSuffix(g, " (and on 2 other pages)") == w {
				n++
			}
		}
		if n != 1 {
			t.Errorf("problem %q reported %d times, want once, in:\n%s", w, n, all)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(got), len(want), all)
	}
}

// TestCheckSocialCardImage: a front-matter image that the build does not
// make leaves og:image (and twitter:image) pointing nowhere, and every
// share of the page without its picture: check reports it once, at the
// front-matter line (a bundle's image named beside its page too), under a
// sub-path and at the root alike; site.yaml's
// image, the card of every page that has none of its own, once at its
// line of site.yaml.
func TestCheckSocialCardImage(t *testing.T) {
	for _, baseURL := range []string{"https://example.org/research/", "/"} {
		fsys := fixture(t, map[string]string{
			"content/posts/card.md":         "---\ntitle: Card\ndate: 2024-04-01\nimage: /images/card.png\n---\nText.\n",
			"content/posts/fine.md":         "---\ntitle: Fine\ndate: 2024-04-02\nimage: /images/fine.png\n---\nText.\n",
			"content/posts/bundle/index.md": "---\ntitle: Bundle\ndate: 2024-04-03\nimage: \"cards.png\"\n---\nText.\n",
			"content/posts/bundle/card.png": "\x89PNG",
			"static/images/fine.png":        "\x89PNG",
		})
		fsys["site.yaml"].Data = bytes.Replace(fsys["site.yaml"].Data, []byte(`baseURL: "https://example.org/research/"`), []byte(`baseURL: "`+baseURL+`"`), 1)
		yml := string(fsys["site.yaml"].Data) + "image: /images/site-card.png\n"
		fsys["site.yaml"].Data = []byte(yml)
		got := errorsOf(t, fsys)
		base := strings.TrimPrefix(baseURL, "https://example.org")
		want := []string{
			fmt.Sprintf("content/posts/bundle/index.md:4: social-card image (og:image) %s2024/04/bundle/cards.png: no such page or file in the built site (did you mean %s2024/04/bundle/card.png?)", baseURL, base),
			fmt.Sprintf("content/posts/card.md:4: social-card image (og:image) %simages/card.png: no such page or file in the built site", baseURL),
			fmt.Sprintf("site.yaml:%d: social-card image (og:image) %simages/site-card.png: no such page or file in the built site", strings.Count(yml, "\n"), baseURL),
		}
		slices.Sort(got)
		if !slices.Equal(got, want) { // sorted: by file
			t.Errorf("baseURL %s (base path %s): got\n%s\nwant\n%s", baseURL, base, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
