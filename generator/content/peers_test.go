package content

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestPeerKeys: the keys Hugo, Zola and Jekyll give a meaning tearsheet
// has are read with that meaning.
func TestPeerKeys(t *testing.T) {
	src := `---
title: Spreads in spring
publishDate: 2024-03-04
expiryDate: 2030-01-01
updated: 2024-03-09
keywords: [credit spreads, high yield]
images: [cards/spring.png, cards/spare.png]
extra: {mood: calm}
redirect_from: [/old/spreads/]
excerpt: Spreads tightened.
---
Body.
`
	f, err := Parse("content/posts/spreads.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	m := f.Meta
	day := func(d Date) string { return d.Time.Format("2006-01-02") }
	for _, c := range []struct{ what, got, want string }{
		{"date (from publishDate)", day(m.Date), "2024-03-04"},
		{"publishDate", day(m.PublishDate), "2024-03-04"},
		{"expiryDate", day(m.ExpiryDate), "2030-01-01"},
		{"lastmod (from updated)", day(m.Lastmod), "2024-03-09"},
		{"keywords", strings.Join(m.Keywords, "|"), "credit spreads|high yield"},
		{"image (from images)", m.Image, "cards/spring.png"},
		{"params (from extra)", m.Params["mood"], "calm"},
		{"aliases (from redirect_from)", strings.Join(m.Aliases, " "), "/old/spreads/"},
		{"summary (from excerpt)", m.Summary, "Spreads tightened."},
		{"Published", m.Published().Format("2006-01-02"), "2024-03-04"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
	// With both, date is the article's date and publishDate when it is
	// published.
	f, err = Parse("content/posts/a.md", []byte("---\ntitle: x\ndate: 2024-01-01\npublishDate: 2024-02-01\n---\n"), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if day := f.Meta.Date.Time.Format("2006-01-02"); day != "2024-01-01" || f.Meta.Published().Month() != 2 {
		t.Errorf("date %s, published %s: want 2024-01-01 and 2024-02-01", day, f.Meta.Published())
	}
}

// TestPeerKeyErrors: a peer's key that tearsheet refuses, or one given
// beside the key it is another name of, is an error at its line saying
// what to write instead; typos keep their hints.
func TestPeerKeyErrors(t *testing.T) {
	head := "---\ntitle: x\ndate: 2024-01-01\n"
	for _, tc := range []struct{ name, fm, want string }{
		{"lastmod twice", "lastmod: 2024-01-02\nupdated: 2024-01-02\n", `a.md:5: lastmod and updated both set lastmod (updated is Zola's name of lastmod): keep one`},
		{"two names of lastmod", "modified: 2024-01-02\nupdated: 2024-01-02\n", `a.md:5: modified and updated both set lastmod`},
		{"image twice", "image: a.png\nimages: [b.png]\n", `a.md:5: image and images both set image`},
		{"images not a list", "images: b.png\n", `a.md:4: images must be a list`},
		{"bad updated", "updated: soon\n", `a.md:4: lastmod: invalid date "soon"`},
		{"updated a list", "updated: [2024-01-02]\n", `a.md:4: a date must be a single value`},
		{"url", "url: /x/\n", `a.md:4: key "url" of Hugo, Jekyll or Zola is not one of tearsheet's: tearsheet makes an article's URL from site.yaml's permalink`},
		{"layout", "layout: home\n", `a.md:4: key "layout" of Hugo, Jekyll or Zola is not one of tearsheet's: tearsheet picks a page's template by its kind (an article under content/posts/, or a page; layout: post of an article and layout: page of a page are read as saying so)`},
		{"a page's layout in an article", "layout: page\n", `a.md:4: key "layout" of Hugo, Jekyll or Zola is not one of tearsheet's`},
		{"weight", "weight: 2\n", `a.md:4: key "weight" of Hugo, Jekyll or Zola is not one of tearsheet's: tearsheet lists articles by date`},
		{"published", "published: false\n", `a.md:4: key "published" of Jekyll or Hugo is not one of tearsheet's: write draft: true`},
		{"headless", "headless: true\n", `a.md:4: key "headless" of Hugo or Zola is not one of tearsheet's`},
		{"own value", "math: true\n", `a.md:4: unknown key "math" (valid keys: `},
		{"own value hint", "math: true\n", `a value of your own for templates goes under params:, as in params: {math: …}`},
		{"typo keeps its hint", "keywrods: [a]\n", `a.md:4: unknown key "keywrods" (did you mean "keywords"?)`},
		{"case", "expirydate: 2025-01-01\nPublishdate: 2024-01-01\n", `a.md:5: unknown key "Publishdate" (did you mean "publishDate"?)`},
		{"taxonomy", "categories: [macro]\n", `add it to site.yaml under taxonomies:, as in taxonomies: {categories: {}}`},
		{"Jekyll's categories as one value", "categories: misc\n", `a.md:4: unknown key "categories": it looks like a taxonomy, but site.yaml has none of that name (taxonomies: tags, authors); add it to site.yaml under taxonomies:, as in taxonomies: {categories: {}}`},
		{"expired before published", "expiryDate: 2023-12-31\n", `a.md:4: expiryDate 2023-12-31 is not after the date the article is published (2024-01-01 00:00), so it would never be shown`},
		{"bad publishDate", "publishDate: tomorrow\n", `a.md:4: publishDate: invalid date "tomorrow"`},
	} {
		_, err := Parse("content/posts/a.md", []byte(head+tc.fm+"---\nBody.\n"), time.UTC)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v\nwant %q", tc.name, err, tc.want)
		}
	}
}

// TestPeerKeysDocumented: every peer key tearsheet reads as another name
// of its own, or refuses with a message, is named in README.md.
func TestPeerKeysDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"updated", "modified", "last_modified_at", "pubdate", "publishdate", "expirydate", "unpublishdate", "excerpt", "redirect_from", "extra", "images",
		"url", "permalink", "path", "layout", "type", "template", "menu", "menus", "weight", "published", "headless", "cascade", "build", "outputs", "resources", "sitemap", "markup", "translationKey", "linkTitle", "isCJKLanguage", "in_search_index", "render"} {
		if _, ok := peerKeyOf(k); !ok {
			t.Errorf("%s: not a peer key", k)
		}
		if !strings.Contains(string(readme), "`"+k+"`") {
			t.Errorf("peer key %s is not named in README.md", k)
		}
	}
}

// TestAuthorList: author written as a list, as Hugo and Jekyll allow, is
// the article's authors; given with authors, or as something other than
// names, it is an error at its line.
func TestAuthorList(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: x\ndate: 2024-01-01\nauthor: [Dana Whitlock, Marcus Oyelaran]\n---\n",
		"---\ntitle: x\ndate: 2024-01-01\nauthor:\n  - Dana Whitlock\n  - Marcus Oyelaran\n---\n",
		"+++\ntitle = \"x\"\ndate = 2024-01-01\nauthor = [\"Dana Whitlock\", \"Marcus Oyelaran\"]\n+++\n",
	} {
		f, err := Parse("content/posts/a.md", []byte(src), time.UTC)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got := strings.Join(f.Meta.Author, "|"); got != "Dana Whitlock|Marcus Oyelaran" {
			t.Errorf("%q: author %q", src, got)
		}
	}
	f, err := Parse("content/posts/a.md", []byte("---\ntitle: x\ndate: 2024-01-01\nauthor: Dana Whitlock\n---\n"), time.UTC)
	if err != nil || strings.Join(f.Meta.Author, "|") != "Dana Whitlock" {
		t.Errorf("one author: %q, %v", f.Meta.Author, err)
	}
	for _, c := range []struct{ src, want string }{
		{"---\ntitle: x\ndate: 2024-01-01\nauthor: [Dana Whitlock]\nauthors: [Marcus Oyelaran]\n---\n",
			"content/posts/a.md:4: author and authors are both set: list every author under one of them"},
		{"---\ntitle: x\ndate: 2024-01-01\nauthor: {name: Dana}\n---\n",
			"content/posts/a.md:4: author must be a name, as in author: \"Dana Whitlock\", or a list of names"},
		{"---\ntitle: x\ndate: 2024-01-01\nauthor: [Dana, [Marcus]]\n---\n",
			"content/posts/a.md:4: author must be a name"},
	} {
		_, err := Parse("content/posts/a.md", []byte(c.src), time.UTC)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
}

// TestJekyllFileNameDate: a post named YEAR-MONTH-DAY-title.md, as
// Jekyll names them, takes its date from the name when front matter
// gives none, and its name (so its slug) is the title part; a date in
// front matter wins.
func TestJekyllFileNameDate(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	for _, c := range []struct{ path, src, name, date string }{
		{"content/posts/2024-05-01-spring-rally.md", "---\ntitle: x\n---\n", "spring-rally", "2024-05-01T00:00:00-04:00"},
		{"content/posts/2024-05-01-spring-rally.md", "---\ntitle: x\ndate: 2024-06-02T10:00:00Z\n---\n", "spring-rally", "2024-06-02T10:00:00Z"},
		{"content/posts/2024-05-01-spring-rally.md", "---\ntitle: x\npublishDate: 2024-06-03\n---\n", "spring-rally", "2024-06-03T00:00:00-04:00"},
		{"content/posts/2023-12-31-year-end/index.md", "---\ntitle: x\n---\n", "year-end", "2023-12-31T00:00:00-05:00"},
		{"content/posts/2024-05-01.md", "---\ntitle: x\ndate: 2024-05-01\n---\n", "2024-05-01", "2024-05-01T00:00:00-04:00"},
		// Not an article: a page's name is its own.
		{"content/2024-05-01-notes.md", "---\ntitle: x\n---\n", "2024-05-01-notes", "0001-01-01T00:00:00Z"},
	} {
		f, err := Parse(c.path, []byte(c.src), ny)
		if err != nil {
			t.Errorf("%s %q: %v", c.path, c.src, err)
			continue
		}
		if got := f.Meta.Date.Time.Format(time.RFC3339); f.Name != c.name || got != c.date {
			t.Errorf("%s %q: name %q, date %s; want %q, %s", c.path, c.src, f.Name, got, c.name, c.date)
		}
	}
	_, err = Parse("content/posts/2024-13-45-bad.md", []byte("---\ntitle: x\n---\n"), time.UTC)
	if want := "content/posts/2024-13-45-bad.md:1: the file name starts with 2024-13-45, which is not a date"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	} else if strings.Contains(err.Error(), "missing") {
		t.Errorf("the bad date of the name is reported as a missing date too: %v", err)
	}
}

// TestPeerTerms: Zola's [taxonomies] table, Jekyll's category and tag (one
// term each) and a taxonomy or redirect written as one value are read as
// Zola and Jekyll read them; what is ambiguous or set twice is an error at
// its line saying what to write.
func TestPeerTerms(t *testing.T) {
	sc := Schema{Taxonomies: []Taxonomy{{Key: "categories"}}}
	for _, tc := range []struct{ name, src, tags, cats, aliases string }{
		{"zola", "+++\ntitle = \"x\"\ndate = 2024-01-01\n[taxonomies]\ntags = [\"a\", \"b\"]\ncategories = [\"Macro view\"]\nauthors = [\"Dana\"]\n+++\n", "a b", "Macro view", ""},
		{"jekyll one category", "---\ntitle: x\ndate: 2024-01-01\ncategory: Macro view\ntag: rates\n---\n", "rates", "Macro view", ""},
		{"one word", "---\ntitle: x\ndate: 2024-01-01\ncategories: macro\ntags: rates\nredirect_from: /news/old/\n---\n", "rates", "macro", "/news/old/"},
		{"lists", "---\ntitle: x\ndate: 2024-01-01\ncategories: [macro, rates]\ntags: [small caps]\naliases: [/a/, /b/]\n---\n", "small caps", "macro|rates", "/a/ /b/"},
	} {
		f, err := ParseWith("content/posts/a.md", []byte(tc.src+"Body.\n"), sc)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := strings.Join(f.Meta.Tags, " "); got != tc.tags {
			t.Errorf("%s: tags %q, want %q", tc.name, got, tc.tags)
		}
		if got := strings.Join(f.Meta.Of("categories"), "|"); got != tc.cats {
			t.Errorf("%s: categories %q, want %q", tc.name, got, tc.cats)
		}
		if got := strings.Join(f.Meta.Aliases, " "); got != tc.aliases {
			t.Errorf("%s: aliases %q, want %q", tc.name, got, tc.aliases)
		}
	}
	for _, tc := range []struct {
		name, src, want string
		sc              Schema
	}{
		{"several words", "---\ntitle: x\ndate: 2024-01-01\ntags: small caps\n---\n",
			`content/posts/a.md:4: tags: "small caps" is one value of several words, which Jekyll reads as 2 names and Hugo as one: write tags: [small, caps] for 2, or tags: ["small caps"] for one`, sc},
		{"names between commas", "---\ntitle: x\ndate: 2024-01-01\ntags: Yield Curve, Rates,\n---\n",
			`content/posts/a.md:4: tags: "Yield Curve, Rates," is one value of several words, which Jekyll reads as 3 names and Hugo as one: write tags: [Yield Curve, Rates] for 2, or tags: ["Yield Curve, Rates,"] for one`, sc},
		{"several words of a taxonomy", "+++\ntitle = \"x\"\ndate = 2024-01-01\n\n[taxonomies]\ncategories = \"macro rates\"\n+++\n",
			`content/posts/a.md:6: categories: "macro rates" is one value of several words`, sc},
		{"not configured", "+++\ntitle = \"x\"\ndate = 2024-01-01\n[taxonomies]\nseries = [\"Rates\"]\n+++\n",
			`content/posts/a.md:5: taxonomies: "series" is not a taxonomy of site.yaml (taxonomies: tags, authors, categories): add it to site.yaml under taxonomies:, as in taxonomies: {series: {}}`, sc},
		{"not a table", "---\ntitle: x\ndate: 2024-01-01\ntaxonomies: [a]\n---\n",
			`content/posts/a.md:4: taxonomies must be a table of taxonomies and their terms, as Zola writes it`, sc},
		{"tags twice", "+++\ntitle = \"x\"\ndate = 2024-01-01\ntags = [\"a\"]\n[taxonomies]\ntags = [\"b\"]\n+++\n",
			`content/posts/a.md:6: tags and taxonomies.tags both set tags: list every term under one of them`, sc},
		{"categories twice", "---\ntitle: x\ndate: 2024-01-01\ncategories: [a]\ncategory: b\n---\n",
			`content/posts/a.md:5: categories and category both set categories: list every term under one of them`, sc},
		{"tag twice", "---\ntitle: x\ndate: 2024-01-01\ntags: [a]\ntag: b\n---\n",
			`content/posts/a.md:5: tags and tag both set tags (tag is Jekyll's name of one tag): list every tag under tags`, sc},
		{"category without categories", "---\ntitle: x\ndate: 2024-01-01\ncategory: release\n---\n",
			`content/posts/a.md:4: key "category" of Jekyll (one category) is a taxonomy site.yaml does not have: add categories to site.yaml under taxonomies:, as in taxonomies: {categories: {}}, and category: is read as categories (taxonomies: tags, authors)`, Schema{}},
		{"term too long", "---\ntitle: x\ndate: 2024-01-01\ncategories: [macro, " + strings.Repeat("利率", 50) + "]\n---\n",
			`content/posts/a.md:4: categories: term "利率利率利率利率利率利率利"… makes a URL part of 300 bytes, longer than a file or folder name may be (255): shorten it`, sc},
		{"alias not a path", "---\ntitle: x\ndate: 2024-01-01\nredirect_from: {a: b}\n---\n",
			`content/posts/a.md:4: aliases must be a list of site paths, such as aliases: [/old/post/]`, sc},
	} {
		_, err := ParseWith("content/posts/a.md", []byte(tc.src+"Body.\n"), tc.sc)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v\nwant %q", tc.name, err, tc.want)
		}
	}
}

// TestJekyllLayout: Jekyll's layout: post of an article, and layout: page
// of a page, name the template tearsheet uses for them: no error.
func TestJekyllLayout(t *testing.T) {
	for p, src := range map[string]string{
		"content/posts/a.md": "---\ntitle: x\ndate: 2024-01-01\nlayout: post\n---\nBody.\n",
		"content/about.md":   "---\ntitle: About\nlayout: page\n---\nBody.\n",
	} {
		if _, err := Parse(p, []byte(src), time.UTC); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := Parse("content/about.md", []byte("---\ntitle: About\nlayout: post\n---\nBody.\n"), time.UTC); err == nil || !strings.Contains(err.Error(), `content/about.md:3: key "layout"`) {
		t.Errorf("layout: post of a page: %v", err)
	}
}

// TestPeerRelativeAliases: Hugo reads an alias that does not start with /
// from the folder of the page's address (content/posts/a.md is at
// /posts/a/, so old-name is /posts/old-name/, and ../other.html is
// /other.html): the error says which site path to write.
func TestPeerRelativeAliases(t *testing.T) {
	for _, tc := range []struct{ file, alias, want string }{
		{"content/posts/a.md", "old-name", "/posts/old-name/"},
		{"content/posts/a/index.md", "old-name/", "/posts/old-name/"},
		{"content/posts/a.md", "../other.html", "/other.html"},
		{"content/about.md", "who", "/who/"},
		{"content/guides/setup/index.markdown", "./install", "/guides/install/"},
	} {
		_, err := ParseWith(tc.file, []byte("---\ntitle: x\ndate: 2024-01-01\naliases: [\""+tc.alias+"\"]\n---\nBody.\n"), Schema{})
		want := tc.file + ":4: alias \"" + tc.alias + "\" is relative, which Hugo reads from the folder of the page's address"
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasSuffix(err.Error(), "as in aliases: ["+tc.want+"]") {
			t.Errorf("%s, alias %s: got %v\nwant %q … aliases: [%s]", tc.file, tc.alias, err, want, tc.want)
		}
	}
}
