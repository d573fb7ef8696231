package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBuildWarnsOfGonePages: an author renames a published article's slug
// and builds into the same public/: the build says which address readers'
// links now miss, and the aliases line it suggests, added as given, makes
// the old address redirect (and the warning go). A chart whose id changed
// with its title is named as a chart, with the id to set.
func TestBuildWarnsOfGonePages(t *testing.T) {
	dir := fixture(t)
	pub := filepath.Join(dir, "public")
	article := "content/posts/rates-bundle/index.md"
	build := func() string {
		t.Helper()
		code, _, errOut := run(t, "build", "--source", dir)
		if code != 0 {
			t.Fatalf("build: exit %d\n%s", code, errOut)
		}
		return errOut
	}
	edit := func(old, new string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, article))
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s holds no %q (%v)", article, old, err)
		}
		write(t, dir, article, strings.Replace(string(b), old, new, 1))
	}
	gone := func(errOut string) string {
		for _, l := range strings.Split(errOut, "\n") {
			if strings.Contains(l, "published are gone") || strings.Contains(l, "published is gone") {
				return l
			}
		}
		return ""
	}
	exists := func(sitePath string) bool {
		_, err := os.Stat(filepath.Join(pub, filepath.FromSlash(sitePath), "index.html"))
		return err == nil
	}

	if w := gone(build()); w != "" {
		t.Fatalf("the first build warns of gone pages: %s", w)
	}
	const old = "/2024/03/rates-bundle/"
	if !exists(old) || !exists(old+"charts/policy-rate-prices-2023/") {
		t.Fatalf("the fixture's article or its chart page is not at %s", old)
	}

	edit("title: \"Rates and the cost of capital\"\n", "title: \"Rates and the cost of capital\"\nslug: rates-moved\n")
	w := gone(build())
	if exists(old) || !exists("/2024/03/rates-moved/") {
		t.Fatalf("the slug did not move the article")
	}
	if !strings.Contains(w, "1 page the last build published is gone") || !strings.Contains(w, ": "+old+". ") {
		t.Fatalf("want a warning naming %s alone (not its chart pages or email edition), got %q", old, w)
	}
	m := regexp.MustCompile(`\(aliases: (\[[^]]*\])\)`).FindStringSubmatch(w)
	if m == nil {
		t.Fatalf("the warning suggests no aliases line: %q", w)
	}
	edit("slug: rates-moved\n", "slug: rates-moved\naliases: "+m[1]+"\n")
	if w := gone(build()); w != "" {
		t.Errorf("with the aliases it suggested, the build still warns: %s", w)
	}
	b, err := os.ReadFile(filepath.Join(pub, "2024/03/rates-bundle/index.html"))
	if err != nil || !strings.Contains(string(b), "/2024/03/rates-moved/") {
		t.Errorf("the old address does not lead to the new one (%v):\n%s", err, b)
	}

	edit("title: \"Policy rate & prices <2023>\"", "title: \"Policy rate and prices\"")
	w = gone(build())
	if !strings.Contains(w, ": /2024/03/rates-moved/charts/policy-rate-prices-2023/. ") || !strings.Contains(w, "(id: policy-rate-prices-2023)") || strings.Contains(w, "aliases") {
		t.Fatalf("want a warning naming the chart's old page and the id to keep it, got %q", w)
	}
	edit("title: \"Policy rate and prices\"", "id: policy-rate-prices-2023\ntitle: \"Policy rate and prices\"")
	build()
	if !exists("/2024/03/rates-moved/charts/policy-rate-prices-2023/") {
		t.Errorf("with the id it suggested, the chart's page is not back")
	}

	// Marked a draft, the article is gone for a reason aliases do not
	// undo: the warning names it apart, with why, and suggests no aliases
	// line for it.
	edit("slug: rates-moved\n", "slug: rates-moved\ndraft: true\n")
	errOut := build()
	why := "/2024/03/rates-moved/ is no longer published: " + article + " is a draft now (draft: true)"
	if !strings.Contains(errOut, why) || strings.Contains(errOut, "aliases: [/2024/03/rates-moved/]") {
		t.Errorf("want the draft named with why (%q) and no aliases for it, got:\n%s", why, errOut)
	}
}

// TestGoneWarning: the pages of a gone page (chart pages, embeds, page 2
// of a list, the email edition) are not named apart, nor a list's page N
// gone as the list got shorter; an article under a gone year archive is;
// other files are not pages.
func TestGoneWarning(t *testing.T) {
	for _, c := range []struct {
		gone []string
		want string // the addresses, as listed
	}{
		{nil, ""},
		{[]string{"2024/03/x/x.csv", "css/main.1.css"}, ""},
		{[]string{"2024/03/x/charts/c/embed/index.html", "2024/03/x/charts/c/index.html", "2024/03/x/email.html", "2024/03/x/index.html", "2024/03/x/x.png"}, "/2024/03/x/"},
		{[]string{"tags/a/index.html", "tags/a/index.xml", "tags/a/page/2/index.html", "page/3/index.html"}, "/tags/a/"},
		{[]string{"page/3/index.html", "tags/b/page/2/index.html"}, ""},
		{[]string{"2024/03/page/index.html"}, "/2024/03/page/"},
		{[]string{"2024/03/index.html", "2024/03/x/index.html", "2024/index.html"}, "/2024/, /2024/03/, /2024/03/x/"},
		{[]string{"2024/03/x/charts/c/embed/index.html", "2024/03/x/charts/c/index.html"}, "/2024/03/x/charts/c/"},
		{[]string{"2024/03/x.html", "404.html"}, "/2024/03/x.html"},
		{[]string{"2024/x-charts/c/embed/index.html", "2024/x-charts/c/index.html", "2024/x-email.html", "2024/x.html", "2024/x-x.png"}, "/2024/x.html"},
		{[]string{"2024/x-charts/c/embed/index.html", "2024/x-charts/c/index.html"}, "/2024/x-charts/c/"},
	} {
		w := goneWarning("public", c.gone, nil)
		if c.want == "" {
			if w != "" {
				t.Errorf("%v: want no warning, got %q", c.gone, w)
			}
			continue
		}
		if !strings.Contains(w, `"not found": `+c.want+". ") {
			t.Errorf("%v: want %s listed, got %q", c.gone, c.want, w)
		}
	}
	// A chart page beside a page of a permalink ending in .html is a
	// chart's: its fix is the id.
	if w := goneWarning("public", []string{"2024/x-charts/c/index.html"}, nil); !strings.Contains(w, "(id: c)") || strings.Contains(w, "aliases") || strings.Contains(w, "feedID") {
		t.Errorf("a chart page in x-charts/: %q", w)
	}
	// A chart whose id was one the theme gives the page (a chart titled
	// Disclosures had the id disclosures before charts stepped past
	// those) cannot get it back: id: disclosures is an error, so the
	// warning does not advise it.
	if w := goneWarning("public", []string{"2024/03/x/charts/disclosures/index.html", "2024/03/x/charts/spread/index.html"}, nil); strings.Contains(w, "(id: disclosures)") || !strings.Contains(w, "(id: spread)") || !strings.Contains(w, "now takes the next free one (disclosures-2)") {
		t.Errorf("a chart whose id the theme's page gives: %q", w)
	}
	if w := goneWarning("public", []string{"2024/03/x/charts/main/index.html"}, nil); strings.Contains(w, "(id: main)") || !strings.Contains(w, "its old page cannot be kept") {
		t.Errorf("a chart whose id was main: %q", w)
	}
	// A moved article keeps its id in feeds with its old permalink as
	// feedID: the warning says so beside the aliases line.
	if w := goneWarning("public", []string{"2024/03/x/index.html"}, nil); !strings.Contains(w, "(aliases: [/2024/03/x/])") || !strings.Contains(w, "old permalink as feedID") {
		t.Errorf("a gone article: %q", w)
	}
}
