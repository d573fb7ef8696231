package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParseDate(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	for _, tc := range []struct {
		in   string
		want string // RFC 3339 in UTC
	}{
		{"2024-05-01", "2024-05-01T04:00:00Z"},
		{"2024-05-01T09:30:00-04:00", "2024-05-01T13:30:00Z"},
		{"2024-05-01T09:30:00Z", "2024-05-01T09:30:00Z"},
		{"2024-05-01T09:30", "2024-05-01T13:30:00Z"},
		{"2024-05-01 09:30", "2024-05-01T13:30:00Z"},
		{"May 1, 2024", "2024-05-01T04:00:00Z"},
		{"1 May 2024", "2024-05-01T04:00:00Z"},
		{"2024/05/01", "2024-05-01T04:00:00Z"},
	} {
		got, err := ParseDate(tc.in, ny)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if s := got.UTC().Format(time.RFC3339); s != tc.want {
			t.Errorf("%s: got %s, want %s", tc.in, s, tc.want)
		}
	}
	for _, bad := range []string{"2024-13-01", "yesterday", "01/05/2024", "", "0000-01-01"} {
		if _, err := ParseDate(bad, time.UTC); err == nil {
			t.Errorf("%q parsed, want an error", bad)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"S&P 500":               "s-and-p-500",
		"Small caps":            "small-caps",
		"  Monetary  policy ":   "monetary-policy",
		"Économie réelle":       "economie-reelle",
		"日本株":                   "日本株",
		"---":                   "",
		"Rates: 2024's outlook": "rates-2024-s-outlook",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	src := "\ufeff---\r\ntitle: \"A: b\"\r\ndate: 2024-01-02\r\ntags: [x, y]\r\nupdates:\r\n  - date: 2024-01-03\r\n    note: fixed\r\n---\r\nBody line.\r\n"
	f, err := Parse("content/posts/a.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind != Article || f.Meta.Title != "A: b" || len(f.Meta.Tags) != 2 || f.Name != "a" {
		t.Errorf("parsed %+v", f)
	}
	if f.BodyLine != 9 || strings.TrimSpace(string(f.Body)) != "Body line." {
		t.Errorf("body at line %d: %q", f.BodyLine, f.Body)
	}
	if len(f.Meta.Updates) != 1 || f.Meta.Updates[0].Date.Time.Day() != 3 {
		t.Errorf("updates: %+v", f.Meta.Updates)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"no front matter", "hello", "a.md:1: no front matter"},
		{"empty", "", "a.md:1: the file is empty: start it with a line ---"},
		{"blank", " \n\n", "a.md:1: the file is empty"},
		{"lone CR line ends", "---\rtitle: x\rdate: 2024-01-01\r---\rText\r", "a.md:1: the lines end in a carriage return alone (CR, as classic Mac OS saved text), which ends no line here: save the file with LF (or CRLF) line ends"},
		{"UTF-16 with its mark", "\xff\xfe-\x00-\x00-\x00\n\x00", "a.md:1: file is UTF-16 text (it starts with UTF-16's byte order mark): save it as UTF-8"},
		{"blank lines first (Hugo skips them)", "\n \n---\ntitle: x\ndate: 2024-01-01\n---\n", "a.md:3: the front matter starts on line 3, after 2 blank lines, which Hugo skips and tearsheet does not: delete them, so that --- is the file's first line"},
		{"blank line before TOML", "\n+++\ntitle = 'x'\n+++\n", "a.md:2: the front matter starts on line 2, after a blank line, which Hugo skips and tearsheet does not: delete it, so that +++ is the file's first line"},
		{"JSON front matter (Hugo's)", "{\n  \"title\": \"x\",\n  \"date\": \"2024-01-01\"\n}\nBody.\n", `a.md:1: the front matter is JSON ({ … }), which Hugo reads and tearsheet does not: write it as YAML between two lines --- (a key a line: title: "…", date: 2024-05-01), or as TOML between two lines +++`},
		{"not closed", "---\ntitle: x\n", "a.md:1: front matter is not closed"},
		{"bad yaml", "---\ntitle: [x\n---\n", "a.md:2:"},
		{"missing title", "---\ndate: 2024-01-01\n---\n", "a.md:1: title is missing"},
		{"missing date", "---\ntitle: x\n---\n", "a.md:1: date is missing"},
		{"year 1", "---\ntitle: x\ndate: 0001-01-01\n---\n", "a.md:3: date: date \"0001-01-01\": year out of range: write a year from 1000 to 9999, as in 2024-05-01"},
		{"alias with ..", "---\ntitle: x\ndate: 2024-01-01\naliases: [/a/../../b/]\n---\n", `a.md:4: alias "/a/../../b/" must be a site path starting with / such as /old/post/, without .., //, ?, # or \`},
		{"no such day", "---\ntitle: x\ndate: 2024-02-30\n---\n", `a.md:3: date: date "2024-02-30": there is no such day: February 2024 has 29 days`},
		{"no such month", "---\ntitle: x\ndate: 2023-13-01\n---\n", `a.md:3: date: date "2023-13-01": there is no such day or month: check the month (1 to 12) and the day`},
		{"invalid date", "---\ntitle: x\ndate: next week\n---\n", "a.md:3: date: invalid date"},
		{"lastmod before date", "---\ntitle: x\ndate: 2024-02-03\nlastmod: 2024-01-01\n---\n", "a.md:4: lastmod"},
		{"bad slug", "---\ntitle: x\ndate: 2024-02-03\nslug: Not A Slug\n---\n", "a.md:4: slug"},
		{"update without note", "---\ntitle: x\ndate: 2024-02-03\nupdates:\n  - date: 2024-02-04\n---\n", "a.md:5: updates"},
		{"update without date", "---\ntitle: x\ndate: 2024-02-03\nupdates:\n  - {date: 2024-02-04, note: a}\n  - note: b\n---\n", "a.md:6: updates: entry 2 has no date: add one beside its note, as in date: 2024-05-01"},
		{"update before date", "---\ntitle: x\ndate: 2024-02-03T09:30:00Z\nupdates:\n  - {date: 2024-02-03, note: same day}\n  - {date: 2023-02-04, note: a year out}\n---\n", "a.md:6: updates: entry 2 is dated 2023-02-04, before the article's date 2024-02-03T09:30:00Z: a revision comes after publication; correct its date"},
		{"image running a script", "---\ntitle: x\ndate: 2024-01-01\nimage: \"javascript:alert(2)\"\n---\n", `a.md:4: image: "javascript:alert(2)" is not an image address a page can publish`},
		{"image as data", "---\ntitle: x\ndate: 2024-01-01\nimages: [\"data:text/html,x\"]\n---\n", `a.md:4: image: "data:text/html,x" is not an image address`},
		{"list as date", "---\ntitle: x\ndate: [1]\n---\n", "a.md:3:"},
		{"invalid utf8", "---\ntitle: x\ndate: 2024-01-01\n---\n\xff\n", "a.md:5: file is not valid UTF-8"},
		{"alias", "---\ntitle: x\ndate: 2024-01-01\naliases: [old]\n---\n", "a.md:4: alias"},
		{"alias relative (Hugo's)", "---\ntitle: x\ndate: 2024-01-01\naliases: [\"old-name\"]\n---\n", `a.md:4: alias "old-name" is relative, which Hugo reads from the folder of the page's address (/posts/ for this file, so /posts/old-name/): write the site path, starting with /, as in aliases: [/posts/old-name/]`},
		{"alias with a scheme", "---\ntitle: x\ndate: 2024-01-01\naliases: [\"https://old.example/a/\"]\n---\n", `a.md:4: alias "https://old.example/a/" must be a site path starting with /`},
		{"figures", "---\ntitle: x\ndate: 2024-01-01\nfigures: frozen\n---\n", "a.md:4: figures: \"frozen\" is not live or locked"},
		{"empty title", "---\ndate: 2024-01-01\ntitle: \"\"\n---\n", "a.md:3: title is empty"},
		// Front matter is not computed: a figure would show as braces.
		{"figure in title", "---\ndate: 2024-01-01\ntitle: \"CAPE at {{ shiller.PE10 | last }}\"\n---\n", "a.md:3: title holds {{, which front matter does not compute"},
		{"figure in summary", "---\ntitle: A\ndate: 2024-01-01\nsummary: \"Up {{ oops\"\n---\n", "a.md:4: summary holds {{"},
		{"figure in description", "---\ntitle: A\ndate: 2024-01-01\ndescription: \"Up {{ oops\"\n---\n", "a.md:4: description holds {{"},
		{"slug without letters", "---\ntitle: Rates and stocks\ndate: 2024-01-01\nslug: \"..\"\n---\n", `a.md:4: slug ".." may hold only lower-case letters, digits and dashes (try "rates-and-stocks")`},
		{"alias to another host", "---\ntitle: x\ndate: 2024-01-01\naliases: [//evil.example/]\n---\n", "a.md:4: alias \"//evil.example/\""},
		{"alias with a backslash", "---\ntitle: x\ndate: 2024-01-01\naliases: ['/old\\post/']\n---\n", "a.md:4: alias"},
		{"tag too long", "---\ntitle: x\ndate: 2024-01-01\ntags: [rates, " + strings.Repeat("long ", 60) + "]\n---\n", `a.md:4: tag "long long long long long long long long "… makes a URL part of 299 bytes, longer than a file or folder name may be (255): shorten it`},
		{"front matter of megabytes", "---\ntitle: " + strings.Repeat("x", 4<<20) + "\ndate: 2024-01-01\n---\n", "a.md:2: the front matter is 4194329 bytes, over the limit of 262144: it holds a title, a date and a few keys; put long text in the article's body"},
		{"summary and description", "---\ntitle: x\ndate: 2024-01-01\nsummary: One.\ndescription: Two.\n---\n", "a.md:5: summary and description say different things"},
	} {
		_, err := Parse("content/posts/a.md", []byte(tc.src), time.UTC)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestParseReportsEveryProblem: a value of the wrong type does not hide
// the other problems of the front matter, and is not reported twice
// (title: [a] is not also "title is empty").
func TestParseReportsEveryProblem(t *testing.T) {
	src := "---\ntitle: [a]\ndate: 2024-05-01\ndraft: maybe\nlastmod: 2024-04-01\nbogus: 1\n---\nText.\n"
	_, err := Parse("content/posts/a.md", []byte(src), time.UTC)
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		"content/posts/a.md:2: found a list, but text is expected here",
		`content/posts/a.md:4: "maybe" is text, but true or false is expected here`,
		"content/posts/a.md:5: lastmod 2024-04-01 is before date 2024-05-01",
		`content/posts/a.md:6: unknown key "bogus"`,
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Errorf("%d errors, want %d:\n%v", len(lines), len(want), err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in:\n%v", w, err)
		}
	}
}

// TestLastmodOnTheArticlesDay: a lastmod without a time of day is any
// time of that day, so the day an article was published at 09:30 is no
// error; the day before is, and says how to fix it.
func TestLastmodOnTheArticlesDay(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lastmod, want string }{
		{"2024-05-01", ""},
		{"May 1, 2024", ""},
		{"2024-05-01T09:30:00-04:00", ""},
		{"2024-05-02", ""},
		{"2024-04-30", "content/posts/a.md:4: lastmod 2024-04-30 is before date 2024-05-01T09:30:00-04:00: lastmod is when the article last changed, on or after its date; correct it, or delete it"},
		{"2024-05-01T09:00:00-04:00", "content/posts/a.md:4: lastmod 2024-05-01T09:00:00-04:00 is before date 2024-05-01T09:30:00-04:00"},
	} {
		src := "---\ntitle: x\ndate: 2024-05-01T09:30:00-04:00\nlastmod: " + tc.lastmod + "\n---\nText.\n"
		_, err := Parse("content/posts/a.md", []byte(src), ny)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("lastmod %s: %v", tc.lastmod, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("lastmod %s: got %v\nwant %s", tc.lastmod, err, tc.want)
		}
	}
}

// TestDescriptionIsSummary: description, the name other generators give
// the summary, is read as the summary.
func TestDescriptionIsSummary(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: x\ndate: 2024-01-01\ndescription: The gist.\n---\nBody.\n",
		"---\ntitle: x\ndate: 2024-01-01\nsummary: The gist.\ndescription: The gist.\n---\nBody.\n",
	} {
		f, err := Parse("content/posts/a.md", []byte(src), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if f.Meta.Summary != "The gist." || f.Meta.Description != "" {
			t.Errorf("%q: summary %q, description %q", src, f.Meta.Summary, f.Meta.Description)
		}
	}
}

func TestLoadBundles(t *testing.T) {
	fm := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2024-01-01\n---\nx\n")}
	}
	fsys := fstest.MapFS{
		"content/posts/a.md":                 fm("A"),
		"content/posts/b/index.md":           fm("B"),
		"content/posts/b/data.csv":           {Data: []byte("d,v\n")},
		"content/posts/b/img/chart.png":      {Data: []byte("png")},
		"content/posts/b/notes.md":           {Data: []byte("# not an article")},
		"content/posts/_drafts/c.md":         fm("C"),
		"content/about.md":                   {Data: []byte("---\ntitle: About\n---\nx\n")},
		"content/data/prices.csv":            {Data: []byte("d,v\n")},
		"content/images/logo.svg":            {Data: []byte("<svg/>")},
		"content/.hidden.md":                 fm("H"),
		"content/posts/b/.DS_Store":          {Data: []byte("x")},
		"content/posts/nested/deeper/d.md":   fm("D"),
		"content/posts/nested/deeper/d.json": {Data: []byte("{}")},
		// Editors' backups and temporary files are never published.
		"content/posts/a.md~":              {Data: []byte("draft")},
		"content/posts/b/index.md~":        {Data: []byte("draft")},
		"content/posts/b/#index.md#":       {Data: []byte("draft")},
		"content/posts/b/data.csv.bak":     {Data: []byte("d,v\n")},
		"content/images/sedX1b2c3":         {Data: []byte("x")},
		"content/images/logo.svg.tmp.4821": {Data: []byte("x")},
	}
	var warned, static []string
	files, err := Load(fsys, Options{Warn: func(msg string) { warned = append(warned, msg) }, Static: func(p []string) { static = p }})
	if err != nil {
		t.Fatal(err)
	}
	// A markdown file inside a bundle is neither a page nor published as
	// it is (its front matter, a draft's text): a warning says so.
	if len(warned) != 1 || !strings.HasPrefix(warned[0], "content/posts/b/notes.md: a markdown file inside the bundle content/posts/b/, which is neither a page nor published") {
		t.Errorf("warnings %q, want one of the bundle's notes.md", warned)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	want := "content/about.md content/posts/a.md content/posts/b/index.md content/posts/nested/deeper/d.md"
	if strings.Join(got, " ") != want {
		t.Errorf("files: %v\nwant %s", got, want)
	}
	b := files[2]
	if b.Bundle != "content/posts/b" || b.Name != "b" || strings.Join(b.Assets, " ") != "content/posts/b/data.csv content/posts/b/img/chart.png" {
		t.Errorf("bundle: %+v", b)
	}
	if strings.Join(static, " ") != "content/images/logo.svg content/posts/nested/deeper/d.json" {
		t.Errorf("static: %v", static)
	}
}

func TestLoadParsesWithOptionsParse(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/a.md":         {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\nA.\n")},
		"content/posts/b/index.md":   {Data: []byte("---\ntitle: B\ndate: 2024-01-02\n---\nB.\n")},
		"content/posts/b/figure.svg": {Data: []byte("<svg/>")},
	}
	var seen []string
	parse := func(p string, src []byte, sc Schema) (*File, error) {
		seen = append(seen, p)
		return ParseWith(p, src, sc)
	}
	files, err := Load(fsys, Options{Parse: parse, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, " ") != "content/posts/a.md content/posts/b/index.md" {
		t.Errorf("Options.Parse was given %v, want every markdown file", seen)
	}
	if len(files) != 2 || files[1].Meta.Title != "B" || strings.Join(files[1].Assets, " ") != "content/posts/b/figure.svg" {
		t.Errorf("files %+v, want a and the bundle b with its figure", files)
	}
}

// TestLoadBroken: a file left out for a wrong value in its front matter
// is given to Options.Broken with its body, so its body can be checked in
// the same build; one whose front matter cannot be read is not.
func TestLoadBroken(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2024-01-01\n---\nA.\n")},
		"content/posts/b.md": {Data: []byte("---\ntitle: B\ndate: 2024-02-30\n---\n\nB's body.\n")},
		"content/posts/c.md": {Data: []byte("---\ntitle: [C\n---\nC.\n")},
		"content/posts/d.md": {Data: []byte("---\ntitle: D\ndate: 2024-01-01\n")},
	}
	var broken []*File
	files, err := Load(fsys, Options{Workers: 2, Broken: func(f *File) { broken = append(broken, f) }})
	if err == nil || !strings.Contains(err.Error(), "content/posts/b.md:3: date:") || !strings.Contains(err.Error(), "content/posts/c.md:") || !strings.Contains(err.Error(), "content/posts/d.md:") {
		t.Errorf("Load's error %v, want b's date, c's and d's front matter", err)
	}
	if len(files) != 1 || files[0].Path != "content/posts/a.md" {
		t.Errorf("Load returned %v, want a only", files)
	}
	if len(broken) != 1 || broken[0].Path != "content/posts/b.md" || string(broken[0].Body) != "\nB's body.\n" || broken[0].BodyLine != 5 {
		t.Fatalf("Broken was told of %+v, want b with its body from line 5", broken)
	}
}

// TestLoadMarkdownAnyCase: a markdown file's extension in capitals
// (POST.MD, a bundle's INDEX.MD) is markdown still: Load reads it, and
// does not list it as a static file to copy it as it is, front matter, drafts and all.
func TestLoadMarkdownAnyCase(t *testing.T) {
	fsys := fstest.MapFS{
		"content/posts/POST.MD":          {Data: []byte("---\ntitle: Post\ndate: 2024-01-01\n---\nA.\n")},
		"content/posts/Draft.Md":         {Data: []byte("---\ntitle: Draft\ndate: 2024-01-02\ndraft: true\n---\nSecret.\n")},
		"content/posts/b/INDEX.MARKDOWN": {Data: []byte("---\ntitle: B\ndate: 2024-01-03\n---\nB.\n")},
		"content/posts/b/figure.svg":     {Data: []byte("<svg/>")},
		"content/posts/notes.txt":        {Data: []byte("kept as it is")},
		"content/ABOUT.Markdown":         {Data: []byte("---\ntitle: About\n---\nAbout.\n")},
	}
	var static []string
	files, err := Load(fsys, Options{Workers: 2, Static: func(p []string) { static = p }})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, fmt.Sprintf("%s %s %q %v", f.Path, f.Name, f.Bundle, f.Assets))
	}
	want := []string{
		`content/ABOUT.Markdown ABOUT "" []`,
		`content/posts/Draft.Md Draft "" []`,
		`content/posts/POST.MD POST "" []`,
		`content/posts/b/INDEX.MARKDOWN b "content/posts/b" [content/posts/b/figure.svg]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("Load read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(static, " ") != "content/posts/notes.txt" {
		t.Errorf("Static = %v, want the text file only", static)
	}
}

// TestLoadTwoIndexFiles: a folder with index.md and index.markdown has two
// texts for one page: an error naming both, not one of them dropped.
func TestLoadTwoIndexFiles(t *testing.T) {
	fm := &fstest.MapFile{Data: []byte("---\ntitle: B\ndate: 2024-01-01\n---\nx\n")}
	fsys := fstest.MapFS{
		"content/posts/b/index.md":       fm,
		"content/posts/b/index.markdown": fm,
	}
	_, err := Load(fsys, Options{})
	want := "content/posts/b/index.md: a second index file in content/posts/b/, beside index.markdown: keep one of them"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant %s", err, want)
	}
}
