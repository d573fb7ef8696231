package config

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSemanticErrorsNameTheirLine loads site.yaml files with one bad value
// each (every check of validate and CheckFiles) and checks that each error
// names site.yaml:LINE, the key, and says what would be right.
func TestSemanticErrorsNameTheirLine(t *testing.T) {
	placed := regexp.MustCompile(`^site\.yaml:[1-9][0-9]*: `)
	for _, tc := range []struct {
		name, yaml string
		want       string // the whole start of the message, then a hint
		hint       string
	}{
		{"permalink ..", "title: T\npermalink: /:year/../../../:slug/\n", `site.yaml:2: permalink: "/:year/../../../:slug/" must not hold a .. segment`, "as in /:year/:month/:slug/"},
		{"permalink .", "title: T\npermalink: /./:slug/\n", `site.yaml:2: permalink: "/./:slug/" must not hold a . segment`, "stay inside the site"},
		{"permalink //", "title: T\npermalink: /a//:slug/\n", `site.yaml:2: permalink: "/a//:slug/" must not hold an empty segment`, "as in"},
		{"permalink query", "title: T\npermalink: /a?b/:slug/\n", `site.yaml:2: permalink: "/a?b/:slug/": segment "a?b"`, "URL-safe"},
		{"permalink token", "title: T\npermalink: /:yr/:slug/\n", "site.yaml:2: permalink: unknown token :yr", "tokens: :year"},
		{"permalink start", "title: T\npermalink: :slug/\n", `site.yaml:2: permalink: ":slug/" must start with /`, ""},
		{"permalink end", "title: T\npermalink: /:slug\n", `site.yaml:2: permalink: "/:slug" must end with / or .html`, ""},
		{"permalink slug", "title: T\npermalink: /:year/\n", "site.yaml:2: permalink:", "must contain :slug or :title"},
		{"timezone", "title: T\n\ntimezone: Mars/Olympus\n", `site.yaml:3: timezone: "Mars/Olympus" is not a time zone name`, "America/New_York"},
		{"timezone of the machine", "title: T\ntimezone: Local\n", `site.yaml:2: timezone: Local is the zone of whichever machine builds the site`, "America/New_York"},
		{"baseURL scheme", "title: T\nbaseURL: ftp://x/\n", `site.yaml:2: baseURL: "ftp://x/" must use http or https`, "https://user.github.io/repo/"},
		{"baseURL relative", "title: T\nbaseURL: research\n", `site.yaml:2: baseURL: "research" must be an absolute URL`, "/research/"},
		{"baseURL no host", "title: T\nbaseURL: \"https:///x\"\n", "site.yaml:2: baseURL:", "has no host"},
		{"baseURL query", "title: T\nbaseURL: https://x.org/?a=1\n", "site.yaml:2: baseURL:", "query or fragment"},
		// A host without a scheme was read as a path: links, feeds and
		// sitemap.xml went to //x.org/… with no warning.
		{"baseURL no scheme", "title: T\nbaseURL: //x.org/r/\n", `site.yaml:2: baseURL: "//x.org/r/" has a host but no scheme`, "https://x.org/r/"},
		// A user name or password would be published in every link.
		{"baseURL user", "title: T\nbaseURL: https://me:pw@x.org/\n", `site.yaml:2: baseURL: "https://me:pw@x.org/" holds a user name or password`, "https://x.org/"},
		{"baseURL port", "title: T\nbaseURL: https://x.org:99999/\n", `site.yaml:2: baseURL: "https://x.org:99999/" has port 99999`, "1 to 65535"},
		{"baseURL ..", "title: T\nbaseURL: https://x.org/a/../b/\n", `site.yaml:2: baseURL: "https://x.org/a/../b/" must not hold a .. segment`, "https://x.org/b/"},
		{"baseURL path .", "title: T\nbaseURL: /a/./b/\n", `site.yaml:2: baseURL: "/a/./b/" must not hold a . segment`, "/a/b/"},
		{"title", "title: \"\"\n", "site.yaml:1: title: must not be empty", ""},
		{"perPage", "title: T\nperPage: 0\n", "site.yaml:2: perPage: 0 must be between 1 and 1000", ""},
		{"wordsPerMinute", "title: T\nwordsPerMinute: 5\n", "site.yaml:2: wordsPerMinute: 5 must be between 50 and 2000", ""},
		{"summaryWords", "title: T\nsummaryWords: -1\n", "site.yaml:2: summaryWords: -1 must not be negative", ""},
		{"feeds.items", "title: T\nfeeds:\n  items: 0\n", "site.yaml:3: feeds.items: 0 must be between 1 and 10000", ""},
		{"markdown.maxBytes", "title: T\nmarkdown:\n  maxBytes: 10\n", "site.yaml:3: markdown.maxBytes: 10 must be at least 1024", ""},
		{"theme path", "title: T\ntheme: ../x\n", `site.yaml:2: theme: "../x" must be the name of a folder in themes/`, ""},
		{"domain", "title: T\ndomain: https://x.org/\n", `site.yaml:2: domain: "https://x.org/" must be a bare host name`, "research.example.com"},
		{"menu entry", "title: T\nmenu:\n  - name: A\n    url: /a/\n  - name: B\n", "site.yaml:5: menu.1: entry 2 needs both name and url", "{name: About, url: /about/}"},
		{"maxDataAge", "title: T\ncheck:\n  maxDataAge: soon\n", `site.yaml:3: check.maxDataAge: "soon" is not an age`, "45d"},
		{"secret param", "title: T\nparams:\n  apiKey: x\n", "site.yaml:3: params.apiKey: looks like a secret", "${env:NAME}"},
		{"charts.width", "title: T\ncharts:\n  width: 10\n", "site.yaml:3: charts.width: 10 must be between 200 and 4000", ""},
		{"charts.height", "title: T\ncharts:\n  height: 10\n", "site.yaml:3: charts.height: 10 must be between 160 and 4000", ""},
		{"charts.png", "title: T\ncharts:\n  png: some\n", `site.yaml:3: charts.png: "some" must be feeds or all`, ""},
		{"subscribe provider", "title: T\nsubscribe:\n  provider: x\n", `site.yaml:3: subscribe.provider: unknown provider "x"`, "buttondown"},
		{"dataset name", "title: T\ndatasets:\n  1x:\n    file: a.csv\n", `site.yaml:4: datasets.1x: name "1x" must start with a letter`, ""},
		{"dataset sources", "title: T\ndatasets:\n  a:\n    url: https://x.org/a.csv\n    fred: X\n", "site.yaml:4: datasets.a: has url and fred", "give one source"},
		{"dataset no file", "title: T\ndatasets:\n  a:\n    date: d\n", "site.yaml:4: datasets.a: needs file", "content/data/prices.csv"},
		{"dataset file leaves", "title: T\ndatasets:\n  a:\n    file: ../a.csv\n", `site.yaml:4: datasets.a.file: "../a.csv" must be a clean path inside the site folder`, "content/data/prices.csv"},
		{"dataset file in public", "title: T\ndatasets:\n  a:\n    file: public/a.csv\n", `site.yaml:4: datasets.a.file: "public/a.csv" is in public/, which builds write, not read`, "content/data/"},
		{"dataset file in .cache", "title: T\ndatasets:\n  a:\n    file: .cache/data/b.csv\n", `site.yaml:4: datasets.a.file: ".cache/data/b.csv" is in .cache/, which builds write, not read`, "content/data/"},
		{"image", "title: T\nimage: \"file:///etc/passwd\"\n", `site.yaml:2: image: "file:///etc/passwd" is not an image address a page can publish`, "https://"},
		{"dataset url", "title: T\ndatasets:\n  a:\n    url: ftp://x/a\n", `site.yaml:4: datasets.a.url: "ftp://x/a" must be an absolute http or https URL`, ""},
		{"dataset fred", "title: T\ndatasets:\n  a:\n    fred: \"A B\"\n", `site.yaml:4: datasets.a.fred: "A B" must be a FRED series id`, "FEDFUNDS"},
		{"dataset command off", "title: T\ndatasets:\n  a:\n    command: ./x\n", "site.yaml:4: datasets.a.command: data loaders are off", "allowCommands: true"},
		{"dataset inputs", "title: T\ndatasets:\n  a:\n    file: a.csv\n    inputs: [b.py]\n", "site.yaml:5: datasets.a.inputs: inputs are the files a command reads", ""},
		{"dataset maxAge", "title: T\ndatasets:\n  a:\n    file: a.csv\n    maxAge: soon\n", `site.yaml:5: datasets.a.maxAge: "soon" is not an age`, ""},
		{"dataset skipLines", "title: T\ndatasets:\n  a:\n    file: a.csv\n    skipLines: -1\n", "site.yaml:5: datasets.a.skipLines: -1 must not be negative", ""},
		{"dataset delimiter", "title: T\ndatasets:\n  a:\n    file: a.csv\n    delimiter: \"|\"\n", `site.yaml:5: datasets.a.delimiter: "|" must be ",", ";" or "tab", or left out to detect it from the header`, ""},
		{"dataset decimal", "title: T\ndatasets:\n  a:\n    file: a.csv\n    decimal: comma\n", `site.yaml:5: datasets.a.decimal: "comma" must be "." or ",", or left out to let each column show its decimal mark`, ""},
		{"dataset columns", "title: T\ndatasets:\n  a:\n    file: a.csv\n    columns: {x: \"\"}\n", "site.yaml:5: datasets.a.columns: each entry maps a new name", "{rate: \"FEDFUNDS\"}"},
		{"fetch timeout", "title: T\nfetch:\n  timeout: fast\n", `site.yaml:3: fetch.timeout: "fast" must be a duration`, "10s"},
		{"renderTimeout", "title: T\nrenderTimeout: 0\n", `site.yaml:2: renderTimeout: "0" must be a duration such as 30s or 2m`, "2m"},
		{"fetch retries", "title: T\nfetch:\n  retries: 50\n", "site.yaml:3: fetch.retries: 50 must be between 0 and 10", ""},
		{"fetch maxBytes", "title: T\nfetch:\n  maxBytes: 1\n", "site.yaml:3: fetch.maxBytes: 1 must be at least 1024", ""},
		// doc.go: thankYou is a URL or a site path; the message says both.
		{"subscribe thankYou", "title: T\nsubscribe:\n  provider: buttondown\n  username: u\n  thankYou: thanks\n", `site.yaml:5: subscribe.thankYou: "thanks" must be a site path such as /subscribe/thanks/ or an absolute http(s) URL`, ""},
		// A height under chart.MinSize (160) failed every chart, at the chart's line.
		{"charts height", "title: T\ncharts: {height: 120}\n", "site.yaml:2: charts.height: 120 must be between 160 and 4000", ""},
		{"fetch fredBaseURL", "title: T\nfetch:\n  fredBaseURL: \"file:///x\"\n", `site.yaml:3: fetch.fredBaseURL: "file:///x" must be an absolute http(s) URL`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.yaml), "site.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.want) || !strings.Contains(msg, tc.hint) {
				t.Errorf("got  %s\nwant %s … %s", msg, tc.want, tc.hint)
			}
			for _, l := range strings.Split(msg, "\n") {
				if !placed.MatchString(l) {
					t.Errorf("an error does not name site.yaml's line: %s", l)
				}
			}
		})
	}
}

// TestCheckFiles checks that the theme and a used dataset's file must
// exist in the site, each problem naming its line, and a file named in
// another letter case.
func TestCheckFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/default/templates/base.html": {Data: []byte("x")},
		"content/data/a.csv":                 {Data: []byte("date,a\n")},
		"content/data/dir/x.csv":             {Data: []byte("date,a\n")},
	}
	load := func(yaml string) *Config {
		t.Helper()
		c, err := Load(strings.NewReader(yaml), "site.yaml")
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	good := load("title: T\ndatasets:\n  a:\n    file: content/data/a.csv\n")
	if err := good.CheckFiles(fsys); err != nil {
		t.Errorf("a good site: %v", err)
	}
	if err := good.DatasetFileError(fsys, "a"); err != nil {
		t.Errorf("a good dataset: %v", err)
	}
	// The default theme is built in: a site needs no themes/ folder.
	if err := good.CheckFiles(fstest.MapFS{"site.yaml": {Data: []byte("title: T\n")}}); err != nil {
		t.Errorf("a site of the built-in theme: %v", err)
	}
	c := load("title: T\ntheme: plain\ndatasets:\n  a:\n    file: content/data/nothere.csv\n  b:\n    file: content/data/dir\n  c:\n    file: content/data/A.csv\n")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{c.CheckFiles(fsys), `site.yaml:2: theme: "plain": themes/plain/templates/base.html does not exist: set theme to a folder of themes/, or to default (the built-in theme) (themes here: default)`},
		{c.DatasetFileError(fsys, "a"), "site.yaml:5: datasets.a.file: content/data/nothere.csv does not exist (paths are from the site folder"},
		{c.DatasetFileError(fsys, "b"), "site.yaml:7: datasets.b.file: content/data/dir is a folder, not a file"},
		// Found on a Mac, not on Linux, where the site is published.
		{c.DatasetFileError(fsys, "c"), "site.yaml:9: datasets.c.file: content/data/A.csv does not exist (paths are from the site folder, such as content/data/prices.csv): did you mean content/data/a.csv? Names differ in letter case"},
	} {
		if tc.err == nil || !strings.HasPrefix(tc.err.Error(), tc.want) {
			t.Errorf("got %v, want %q", tc.err, tc.want)
		}
	}
}

// FuzzLoad loads arbitrary site.yaml text: it must never panic, and every
// error it reports must name site.yaml.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"title: T\n",
		"title: T\npermalink: /:year/../:slug/\nmenu:\n  - name: A\n",
		"title: T\ndatasets:\n  a:\n    url: https://x.org/a.csv\n    fred: X\n",
		"title: T\nsubscribe: {provider: form, action: \"https://x/\", fields: {email: e}}\n",
		"title: &a [*a]\n",
		"fetch: {timeout: 1x, retries: -1}\ncharts: {png: x}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := Load(strings.NewReader(s), "site.yaml")
		if err == nil {
			return
		}
		for _, l := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(l, "site.yaml") {
				t.Errorf("an error does not name site.yaml: %q", l)
			}
		}
	})
}
