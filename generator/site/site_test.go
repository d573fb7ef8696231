package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

func TestPaginate(t *testing.T) {
	for _, tc := range []struct {
		n, per int
		want   string
	}{
		{0, 10, "/[0,0) prev= next="},
		{10, 10, "/[0,10) prev= next="},
		{11, 10, "/[0,10) prev= next=/page/2/ | /page/2/[10,11) prev=/ next="},
		{25, 10, "/[0,10) prev= next=/page/2/ | /page/2/[10,20) prev=/ next=/page/3/ | /page/3/[20,25) prev=/page/2/ next="},
	} {
		var got []string
		for _, p := range Paginate(tc.n, tc.per, "/") {
			got = append(got, fmt.Sprintf("%s[%d,%d) prev=%s next=%s", p.Path, p.Lo, p.Hi, p.Prev, p.Next))
		}
		if s := strings.Join(got, " | "); s != tc.want {
			t.Errorf("Paginate(%d, %d) = %s\nwant %s", tc.n, tc.per, s, tc.want)
		}
	}
	if p := Paginate(3, 1, "/tags/x/"); p[2].Out != "tags/x/page/3/index.html" {
		t.Errorf("out %s", p[2].Out)
	}
}

func article(path, title, date string, tags ...string) *content.File {
	d, err := content.ParseDate(date, time.UTC)
	if err != nil {
		panic(err)
	}
	f := &content.File{Path: path, Kind: content.Article, Name: strings.TrimSuffix(path[strings.LastIndex(path, "/")+1:], ".md")}
	f.Meta.Title = title
	f.Meta.Date.Time = d
	f.Meta.Tags = tags
	return f
}

func TestNew(t *testing.T) {
	cfg := config.Default()
	files := []*content.File{
		article("content/posts/a.md", "A", "2024-01-02", "Small caps", "rates"),
		article("content/posts/b.md", "B", "2024-03-01", "small-caps"),
		article("content/posts/c.md", "C", "2024-01-02"),
	}
	s, err := New(cfg, files, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, p := range s.Articles {
		order = append(order, p.Title+"@"+p.Path)
	}
	if got := strings.Join(order, " "); got != "B@/2024/03/b/ A@/2024/01/a/ C@/2024/01/c/" {
		t.Errorf("order: %s", got)
	}
	if s.Articles[0].Older != s.Articles[1] || s.Articles[1].Newer != s.Articles[0] || s.Articles[2].Older != nil {
		t.Error("neighbours wrong")
	}
	if len(s.Tags) != 2 || s.Tags[1].Slug != "small-caps" || len(s.Tags[1].Articles) != 2 || len(s.Warnings) != 1 {
		t.Errorf("tags %+v warnings %v", s.Tags, s.Warnings)
	}
}

// TestMergedTerms: two spellings of one slug are one term, named by the
// first in article order (newest first), and a warning names the file, both
// spellings and the file the page's takes, whether they are in two articles
// or in one ("C++" and "C" both make /tags/c/). A spelling many articles
// share is one warning, naming a few of them: an archive that writes
// "equities" is not a warning per article when a new one writes
// "Equities".
func TestMergedTerms(t *testing.T) {
	files := []*content.File{
		article("content/posts/a.md", "A", "2024-03-01", "C++", "C", "c"),
		article("content/posts/b.md", "B", "2024-01-02", "c--"),
		article("content/posts/new.md", "New", "2024-06-01", "Equities"),
	}
	for i := range 5 {
		files = append(files, article(fmt.Sprintf("content/posts/old%d.md", i), "Old", fmt.Sprintf("2023-0%d-01", i+1), "equities"))
	}
	s, err := New(config.Default(), files, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Tags) != 2 || s.Tags[0].Name != "C++" || len(s.Tags[0].Articles) != 2 || s.Tags[1].Name != "Equities" || len(s.Tags[1].Articles) != 6 {
		t.Errorf("tags %+v", s.Tags)
	}
	want := []string{
		`content/posts/old4.md: tag "equities" is merged with "Equities" of content/posts/new.md (both make /tags/equities/), and so in 4 other articles (content/posts/old3.md, content/posts/old2.md, content/posts/old1.md and 1 more): write the tag one way`,
		`content/posts/a.md: tag "C" is merged with "C++" of content/posts/a.md (both make /tags/c/): write the tag one way`,
		`content/posts/a.md: tag "c" is merged with "C++" of content/posts/a.md (both make /tags/c/): write the tag one way`,
		`content/posts/b.md: tag "c--" is merged with "C++" of content/posts/a.md (both make /tags/c/): write the tag one way`,
	}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(s.Warnings))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDuplicateOutput(t *testing.T) {
	cfg := config.Default()
	a := article("content/posts/x.md", "X", "2024-01-02")
	b := article("content/posts/x/index.md", "X2", "2024-01-09")
	b.Name = "x"
	_, err := New(cfg, []*content.File{a, b}, Options{})
	if err == nil || !strings.Contains(err.Error(), "content/posts/x.md") || !strings.Contains(err.Error(), "content/posts/x/index.md") {
		t.Errorf("want an error naming both files, got %v", err)
	}
}

// TestPermalinkTokens checks permalink against the strings.Replacer it
// stands for, on patterns with adjacent, repeated and unknown tokens.
func TestPermalinkTokens(t *testing.T) {
	pages := []*Page{
		{Title: "Rates & the Curve: Économie", Slug: "rates", Date: time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)},
		{Title: "already-a-slug", Slug: "x-1", Date: time.Date(987, 12, 31, 0, 0, 0, 0, time.UTC)},
		{Title: "", Slug: "", Date: time.Date(12024, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	patterns := []string{
		"/:year/:month/:slug/", "/:year:month:day/:title/", "::slug::", "/:slugs/:titles/:yea/:", "/posts/:title-:slug/", "", ":", "/:day/:day/",
	}
	for _, p := range pages {
		r := strings.NewReplacer(
			":year", fmt.Sprintf("%04d", p.Date.Year()),
			":month", fmt.Sprintf("%02d", int(p.Date.Month())),
			":day", fmt.Sprintf("%02d", p.Date.Day()),
			":slug", p.Slug,
			":title", content.Slugify(p.Title),
		)
		for _, pat := range patterns {
			if got, want := permalink(pat, p), r.Replace(pat); got != want {
				t.Errorf("permalink(%q, %q) = %q, want %q", pat, p.Title, got, want)
			}
		}
	}
}

func TestSlugifyFastPath(t *testing.T) {
	for _, s := range []string{"note-00007", "macro", "a", "a--b", "-a", "a-", "", "Macro", "S&P 500", "über", "x_y", "2024", "a-b-c"} {
		if got, want := slugify(s), content.Slugify(s); got != want {
			t.Errorf("slugify(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestLongNames: an output whose URL has a part longer than a file name
// may be (from a slug, a title under :title, an alias, a dataset name) is
// one error for each such part, naming the file and line that makes it,
// however many outputs are written under it.
func TestLongNames(t *testing.T) {
	long := strings.Repeat("long", 70) // 280 bytes
	cfg := config.Default()
	cfg.Permalink = "/:year/:title/"
	a := article("content/posts/a.md", strings.Repeat("wide ", 60), "2024-01-02")
	a.Meta.Date.Line = 2
	b := article("content/posts/b.md", "B", "2024-01-03")
	b.Meta.Aliases, b.AliasesLine = []string{"/old/" + long + "/"}, 5
	ok := article("content/posts/ok.md", strings.Repeat("w", content.MaxNameLen), "2024-01-04")
	_, err := New(cfg, []*content.File{a, b, ok}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		"content/posts/a.md:3: the URL /2024/wide-wide-wide-wide-wide-wide-wide-wide-…/ has a part of 299 bytes, longer than a file or folder name may be (255): shorten the slug, title, tag, alias or dataset name that makes it",
		"content/posts/b.md:5 (alias /old/" + long + "/): the URL /old/" + long[:40] + "…/ has a part of 280 bytes, longer than a file or folder name may be (255): shorten the slug, title, tag, alias or dataset name that makes it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLastmodFromRevisions checks that an article's last change is the
// newest of its date, its lastmod and the dates of its revision log.
func TestLastmodFromRevisions(t *testing.T) {
	day := func(s string) time.Time {
		d, err := content.ParseDate(s, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		name, lastmod string
		updates       []string
		want          string
	}{
		{"date alone", "", nil, "2024-01-02"},
		{"lastmod", "2024-02-01", nil, "2024-02-01"},
		{"a revision after lastmod", "2024-02-01", []string{"2024-01-10", "2024-03-05"}, "2024-03-05"},
		{"revisions before lastmod", "2024-04-01", []string{"2024-03-05"}, "2024-04-01"},
		{"a revision, no lastmod", "", []string{"2024-01-20"}, "2024-01-20"},
	} {
		f := article("content/posts/a.md", "A", "2024-01-02")
		if c.lastmod != "" {
			f.Meta.Lastmod.Time = day(c.lastmod)
		}
		for _, u := range c.updates {
			f.Meta.Updates = append(f.Meta.Updates, content.Update{Date: content.Date{Time: day(u)}, Note: "revised"})
		}
		s, err := New(config.Default(), []*content.File{f}, Options{Now: day("2025-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Articles[0].Lastmod; !got.Equal(day(c.want)) {
			t.Errorf("%s: Lastmod %s, want %s", c.name, got.Format(time.DateOnly), c.want)
		}
	}
	// lastmod: 2024-01-02 is that day, its midnight: of an article
	// published at 09:30 that day, the last change is the publication,
	// not a time before it.
	f := article("content/posts/a.md", "A", "2024-01-02T09:30:00Z")
	f.Meta.Lastmod.Time = day("2024-01-02")
	s, err := New(config.Default(), []*content.File{f}, Options{Now: day("2025-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Articles[0].Lastmod; !got.Equal(f.Meta.Date.Time) {
		t.Errorf("lastmod the article's day: Lastmod %s, want the article's date %s", got.Format(time.RFC3339), f.Meta.Date.Time.Format(time.RFC3339))
	}
}

// TestCaseClashes: outputs that differ only in letter case clash, however
// many and in whichever letters (beyond ASCII too); the least of each
// group is named by the others, once each.
func TestCaseClashes(t *testing.T) {
	s := &Site{outputs: map[string]string{
		"old/breadth/index.html": "a.md", "Old/Breadth/index.html": "b.md", "OLD/breadth/index.html": "c.md",
		"café/index.html": "d.md", "Café/index.html": "e.md",
		"Only/index.html": "f.md", "plain/index.html": "g.md",
	}}
	var got []string
	for _, err := range s.caseClashes() {
		msg := err.Error()
		got = append(got, msg[:strings.Index(msg, " only in letter case")])
	}
	want := []string{
		"a.md: output old/breadth/index.html differs from OLD/breadth/index.html, written by c.md,",
		"b.md: output Old/Breadth/index.html differs from OLD/breadth/index.html, written by c.md,",
		"d.md: output café/index.html differs from Café/index.html, written by e.md,",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("caseClashes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMergedTermsLines: a merge's warning names the line of the key that
// writes each spelling, in YAML and TOML front matter, for tags, authors and
// a taxonomy of site.yaml.
func TestMergedTermsLines(t *testing.T) {
	cfg, err := config.Load(strings.NewReader("taxonomies: {tickers: {}}\n"), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc := content.Schema{Location: time.UTC, Taxonomies: []content.Taxonomy{{Key: "tickers"}}}
	srcs := map[string]string{
		"content/posts/new.md":  "---\ntitle: New\ndate: 2024-06-01\n# a comment\nauthor: Ann Lee\ntags:\n  - Equities\ntickers: [SPX]\n---\nText.\n",
		"content/posts/old.md":  "---\ntitle: Old\ndate: 2024-01-01\ntickers: [spx]\nauthors: [ann lee]\n\ntags: [equities]\n---\nText.\n",
		"content/posts/zola.md": "+++\ntitle = \"Zola\"\ndate = 2023-01-01\n\n[taxonomies]\ntags = [\"EQUITIES\"]\n+++\nText.\n",
	}
	var files []*content.File
	for _, p := range slices.Sorted(maps.Keys(srcs)) {
		f, err := content.ParseWith(p, []byte(srcs[p]), sc)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	s, err := New(cfg, files, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/posts/old.md:5: author "ann lee" is merged with "Ann Lee" of content/posts/new.md:5 (both make /authors/ann-lee/): write the author one way`,
		`content/posts/old.md:4: ticker "spx" is merged with "SPX" of content/posts/new.md:8 (both make /tickers/spx/): write the ticker one way`,
		`content/posts/old.md:7: tag "equities" is merged with "Equities" of content/posts/new.md:6 (both make /tags/equities/): write the tag one way`,
		`content/posts/zola.md:6: tag "EQUITIES" is merged with "Equities" of content/posts/new.md:6 (both make /tags/equities/): write the tag one way`,
	}
	check := func(s *Site, want []string) {
		t.Helper()
		slices.Sort(want)
		got := slices.Sorted(slices.Values(s.Warnings))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check(s, want)
	// A line added above the keys moves the warnings of an edited site
	// (the preview's, Edit) as it moves a new one's.
	i := slices.IndexFunc(s.Articles, func(p *Page) bool { return p.File.Path == "content/posts/old.md" })
	moved, err := content.ParseWith("content/posts/old.md", []byte(strings.Replace(srcs["content/posts/old.md"], "tickers:", "# moved\ntickers:", 1)), sc)
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		w = strings.Replace(w, "old.md:4:", "old.md:5:", 1)
		w = strings.Replace(w, "old.md:5: author", "old.md:6: author", 1)
		want[k] = strings.Replace(w, "old.md:7:", "old.md:8:", 1)
	}
	check(s.Edit(map[int]*content.File{i: moved}), want)
}

// TestInTheWay: the claimed output in the way of a file the layout does
// not claim (an article's chart CSV, its chart's page) is found whether it
// is at the file's name or inside a folder of that name, with the alias or
// page that writes it, and only in the folders below the one given.
func TestInTheWay(t *testing.T) {
	b := article("content/posts/b.md", "B", "2024-01-02")
	c := article("content/posts/c.md", "C", "2024-01-03")
	c.Meta.Aliases = []string{"/2024/01/b/x.csv", "/2024/01/b/charts/x/"}
	c.AliasesLine = 4
	p := &content.File{Path: "content/2024/01/b/email.txt.md", Kind: content.Page, Name: "email.txt"}
	p.Meta.Title = "P"
	s, err := New(config.Default(), []*content.File{b, c, p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	folders := s.Folders()
	for _, tc := range []struct {
		out, below string
		want       string // Out Owner Same Inside Alias Page.Path; "" for none
	}{
		{"2024/01/b/x.csv", "2024/01/b", "2024/01/b/x.csv/index.html|content/posts/c.md:4 (alias /2024/01/b/x.csv)|false|true|/2024/01/b/x.csv|/2024/01/c/"},
		{"2024/01/b/charts/x/index.html", "2024/01/b", "2024/01/b/charts/x/index.html|content/posts/c.md:4 (alias /2024/01/b/charts/x/)|true|false|/2024/01/b/charts/x/|/2024/01/c/"},
		{"2024/01/b/email.txt", "2024/01/b", "2024/01/b/email.txt/index.html|content/2024/01/b/email.txt.md|false|true||/2024/01/b/email.txt/"},
		{"2024/01/b/x.png", "2024/01/b", ""},
		// A folder above below is the page's own: not looked at.
		{"2024/01/b/index.html/x.csv", "2024/01/b/index.html", ""},
		{"2024/01/b/index.html/x.csv", "", "2024/01/b/index.html|content/posts/b.md|false|false||/2024/01/b/"},
	} {
		c, ok := s.InTheWay(tc.out, tc.below, folders)
		got := ""
		if ok {
			page := ""
			if c.Page != nil {
				page = c.Page.Path
			}
			got = fmt.Sprintf("%s|%s|%t|%t|%s|%s", c.Out, c.Owner, c.Same, c.Inside, c.Alias, page)
		}
		if got != tc.want {
			t.Errorf("InTheWay(%s, %s) = %s\nwant %s", tc.out, tc.below, got, tc.want)
		}
	}
}

// TestLaterRevisions: a lastmod or a revision dated after the build (a
// mistyped year) is a warning at its line, which feeds and sitemap.xml
// would otherwise publish as the article's last change; one of the
// build's day, or of an article scheduled later and built with --future,
// is not.
func TestLaterRevisions(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	parse := func(name, front string) *content.File {
		f, err := content.Parse("content/posts/"+name+".md", []byte("---\ntitle: "+name+"\n"+front+"---\nText.\n"), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	files := []*content.File{
		parse("typo", "date: 2026-10-19\nlastmod: 2062-10-21\nupdates:\n  - {date: 2026-10-20, note: fine}\n  - {date: 2099-10-21, note: typo}\n"),
		parse("today", "date: 2026-10-19\nlastmod: 2026-12-07\nupdates:\n  - {date: 2026-12-08, note: \"the author's day, ahead of UTC\"}\n"),
		parse("scheduled", "date: 2027-01-04\nlastmod: 2027-01-05\n"),
	}
	s, err := New(config.Default(), files, Options{Now: now, Future: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/posts/typo.md:4: lastmod is dated 2062-10-21, after this build (2026-12-07): feeds, sitemap.xml and the page would say the article last changed then; correct the date",
		"content/posts/typo.md:7: updates: entry 2 is dated 2099-10-21, after this build (2026-12-07): feeds, sitemap.xml and the page would say the article last changed then; correct the date",
	}
	if got := strings.Join(s.Warnings, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
