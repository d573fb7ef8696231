package config

import (
	"strings"
	"testing"
	"time"
)

func TestLoadDefaults(t *testing.T) {
	c, err := Load(strings.NewReader("title: My research\n"), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	if c.Permalink != d.Permalink || c.PerPage != 10 || c.BaseURL != "/" || c.Theme != "default" || c.Feeds.Items != 20 {
		t.Errorf("defaults not applied: %+v", c)
	}
	if !c.TypographerOn() {
		t.Error("typographer must default to on")
	}
}

func TestBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, base, path, abs, rel string }{
		{"https://user.github.io/repo", "https://user.github.io/repo/", "/repo/", "https://user.github.io/repo/a/", "/repo/a/"},
		{"https://example.com/", "https://example.com/", "/", "https://example.com/a/", "/a/"},
		{"/research/", "/research/", "/research/", "/research/a/", "/research/a/"},
		// What a URL may not hold as it is is percent-encoded, once.
		{"https://example.org/my notes/ملف", "https://example.org/my%20notes/%D9%85%D9%84%D9%81/", "/my notes/ملف/", "https://example.org/my%20notes/%D9%85%D9%84%D9%81/a/", "/my notes/ملف/a/"},
		{"https://example.org/my%20notes", "https://example.org/my%20notes/", "/my notes/", "https://example.org/my%20notes/a/", "/my notes/a/"},
		{"/my notes/", "/my%20notes/", "/my notes/", "/my%20notes/a/", "/my notes/a/"},
	} {
		c, err := Load(strings.NewReader("title: x\nbaseURL: "+tc.in+"\n"), "site.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if c.BaseURL != tc.base || c.BasePath() != tc.path || c.AbsURL("/a/") != tc.abs || c.RelURL("/a/") != tc.rel {
			t.Errorf("%s: got %s %s %s %s", tc.in, c.BaseURL, c.BasePath(), c.AbsURL("/a/"), c.RelURL("/a/"))
		}
	}
}

// TestAbsURLEscapes: AbsURL percent-encodes what a URL may not hold (a
// slug's letters beyond ASCII, a space of an alias), keeps an escape
// already written and every character a URL may hold.
func TestAbsURLEscapes(t *testing.T) {
	c, err := Load(strings.NewReader("title: x\nbaseURL: https://example.org/\n"), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"/tags/ملف/":              "https://example.org/tags/%D9%85%D9%84%D9%81/",
		"/old post/":              "https://example.org/old%20post/",
		"/a%20b/":                 "https://example.org/a%20b/",
		"/x/?a=1&b=(2)#top":       "https://example.org/x/?a=1&b=(2)#top",
		"/q/\"<>\\^`{|}\x7f\x01/": "https://example.org/q/%22%3C%3E%5C%5E%60%7B%7C%7D%7F%01/",
		"/2024/05/x/":             "https://example.org/2024/05/x/",
	} {
		if got := c.AbsURL(in); got != want {
			t.Errorf("AbsURL(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		wants      []string
	}{
		{"syntax", "title: [x\n", []string{"site.yaml:"}},
		{"unknown key", "title: x\nbaseurl: /\n", []string{"site.yaml:2:", `unknown key "baseurl"`, `"baseURL"`}},
		{"unknown nested key", "title: x\nmarkdown:\n  unsafe: true\n", []string{"site.yaml:3:", `unknown key "unsafe"`, "unsafeHTML"}},
		{"unknown far key lists keys", "title: x\nzzzzzzzz: 1\n", []string{"site.yaml:2:", "valid keys:", "permalink"}},
		{"type", "title: x\nperPage: [1]\n", []string{"site.yaml:2:", "whole number"}},
		{"range", "title: x\nperPage: 0\n", []string{"site.yaml:2:", "perPage"}},
		{"baseURL scheme", "title: x\nbaseURL: ftp://x/\n", []string{"site.yaml:2:", "http"}},
		{"baseURL relative", "title: x\nbaseURL: research\n", []string{"site.yaml:2:"}},
		// Every link would carry the empty segment: /repo//about/.
		{"baseURL double slash", "title: x\nbaseURL: https://user.github.io/repo//\n", []string{"site.yaml:2:", "//", "write https://user.github.io/repo/"}},
		// The address bar's copy of the home page: every link would be
		// below the page (/repo/index.html/about/).
		{"baseURL of a page", "title: x\nbaseURL: https://user.github.io/repo/index.html\n", []string{"site.yaml:2:", "address of a page (index.html)", "write https://user.github.io/repo/"}},
		{"baseURL of a page at the root", "title: x\nbaseURL: https://example.com/Home.HTM\n", []string{"site.yaml:2:", "write https://example.com/"}},
		{"baseURL double slash within", "title: x\nbaseURL: /research//notes/\n", []string{"site.yaml:2:", "write /research/notes/"}},
		{"timezone", "title: x\ntimezone: Mars/Olympus\n", []string{"site.yaml:2:", "time zone"}},
		{"empty language", "title: x\nlanguage: ''\n", []string{"site.yaml:2:", "language tag"}},
		{"language with a space", "title: x\nlanguage: en US\n", []string{"site.yaml:2:", "en-GB"}},
		{"permalink token", "title: x\npermalink: /:yr/:slug/\n", []string{"site.yaml:2:", ":yr"}},
		{"permalink no slug", "title: x\npermalink: /:year/\n", []string{"site.yaml:2:", ":slug"}},
		// A URL //b/ is the host b to a browser (the fuzz target FuzzLayout
		// of package site found it).
		{"dataset strftime dateFormat", "title: x\ndatasets:\n  a:\n    file: content/data/a.csv\n    dateFormat: \"%Y-%m-%d\"\n", []string{"site.yaml:5:", `is a strftime pattern`, `write "2006-01-02"`}},
		{"permalink leading //", "title: x\npermalink: //:slug/\n", []string{"site.yaml:2:", "empty segment (//)"}},
		{"permalink trailing //", "title: x\npermalink: /:slug//\n", []string{"site.yaml:2:", "empty segment (//)"}},
		{"empty title", "title: \"\"\n", []string{"site.yaml:1:", "title"}},
		{"provider", "title: x\nsubscribe:\n  provider: substack\n", []string{"site.yaml:3:", "buttondown, form, kit, mailchimp"}},
		{"buttondown username", "title: x\nsubscribe:\n  provider: buttondown\n", []string{"username"}},
		{"kit form id", "title: x\nsubscribe:\n  provider: kit\n  formID: abc\n", []string{"site.yaml:4:", "numeric"}},
		{"mailchimp url", "title: x\nsubscribe:\n  provider: mailchimp\n  action: https://example.com/x\n", []string{"site.yaml:4:", "list-manage.com"}},
		{"form fields", "title: x\nsubscribe:\n  provider: form\n  action: https://example.com/x\n", []string{"fields.email"}},
		{"mailchimp u id", "title: x\nsubscribe:\n  provider: mailchimp\n  action: https://x.us1.list-manage.com/subscribe/post?u=abc\n", []string{"site.yaml:4:", "u= and id="}},
		{"unknown field", "title: x\nsubscribe:\n  provider: form\n  action: https://example.com/x\n  fields: {email: e, phone: p}\n", []string{"site.yaml:5:", `unknown field "phone"`}},
		{"fixed fields", "title: x\nsubscribe:\n  provider: kit\n  formID: '1'\n  fields: {email: e}\n", []string{"fixed field names"}},
		{"honeypot name", "title: x\nsubscribe:\n  provider: kit\n  formID: '1'\n  honeypot: 'a b'\n", []string{"site.yaml:5:", "honeypot"}},
		{"menu scheme", "title: x\nmenu:\n  - {name: About, url: /about/}\n  - name: Bad\n    url: \"javascript:alert(1)\"\n", []string{"site.yaml:5:", "menu.1.url", "javascript:alert(1)"}},
		{"menu other host", "title: x\nmenu:\n  - {name: Evil, url: //evil.example/}\n", []string{"site.yaml:3:", "//evil.example/"}},
		{"several at once", "title: x\nperPage: 0\nfeeds:\n  items: 0\n", []string{"site.yaml:2:", "site.yaml:4:"}},
		{"imageAlt without image", "title: x\nimageAlt: A chart\n", []string{"site.yaml:2:", "imageAlt: describes image, which is not set"}},
		{"imageAlt line break", "title: x\nimage: /card.png\nimageAlt: \"A\\nchart\"\n", []string{"site.yaml:3:", "imageAlt:", "control character"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.yaml), "site.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q: %v", w, err)
				}
			}
		})
	}
}

func TestMaxDataAge(t *testing.T) {
	day := 24 * time.Hour
	for in, want := range map[string]time.Duration{"": 0, "0": 0, "45d": 45 * day, "6w": 42 * day, "3m": 90 * day, "1y": 365 * day} {
		c, err := Load(strings.NewReader("title: x\ncheck:\n  maxDataAge: \""+in+"\"\n"), "site.yaml")
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if c.Check.DataAge != want {
			t.Errorf("%q: %v, want %v", in, c.Check.DataAge, want)
		}
	}
	for _, in := range []string{"45", "45 days", "d", "-3d", "-1h", "x1d"} {
		_, err := Load(strings.NewReader("title: x\ncheck:\n  maxDataAge: \""+in+"\"\n"), "site.yaml")
		if err == nil || !strings.Contains(err.Error(), "site.yaml:3: check.maxDataAge:") {
			t.Errorf("%q: error %v, want one naming site.yaml:3 and check.maxDataAge", in, err)
		}
	}
}

func TestMenuURL(t *testing.T) {
	for u, want := range map[string]bool{
		"/about/": true, "/": true, "https://example.org/x": true, "http://example.org": true, "mailto:desk@example.org": true,
		"javascript:alert(1)": false, "//evil.example/": false, "about/": false, "https:///x": false, "data:text/html,x": false,
	} {
		if got := menuURL(u); got != want {
			t.Errorf("menuURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// TestDomainBaseURL: a baseURL that is only a path takes the host of
// domain, where the site is published; a baseURL with a host keeps it.
func TestDomainBaseURL(t *testing.T) {
	for _, tc := range []struct{ yaml, abs string }{
		{"baseURL: /\ndomain: research.example.com\n", "https://research.example.com/a/"},
		{"domain: research.example.com\n", "https://research.example.com/a/"},
		{"baseURL: /notes/\ndomain: research.example.com\n", "https://research.example.com/notes/a/"},
		{"baseURL: https://x.org/r/\ndomain: research.example.com\n", "https://x.org/r/a/"},
		{"baseURL: /\n", "/a/"},
	} {
		c, err := Load(strings.NewReader("title: x\n"+tc.yaml), "site.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if got := c.AbsURL("/a/"); got != tc.abs {
			t.Errorf("%q: AbsURL = %q, want %q", tc.yaml, got, tc.abs)
		}
	}
}

// TestLoadReportsEveryProblem: an unknown key or a value of the wrong type
// does not hide the invalid values of the rest of site.yaml; every problem
// is reported at once, each at its line, as doc.go promises. A key set
// twice stops decoding of its mapping, so only it is reported.
func TestLoadReportsEveryProblem(t *testing.T) {
	src := "title: x\n" +
		"timezone: Mars/Base\n" + // 2: an invalid value
		"bogus: 1\n" + // 3: an unknown key
		"perPage: 0\n" + // 4: an invalid value
		"feeds: {items: many}\n" + // 5: the wrong type
		"datasets:\n  a: {fiel: a.csv}\n" // 7: an unknown key; 7: no source
	_, err := Load(strings.NewReader(src), "site.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`site.yaml:2: timezone: "Mars/Base"`,
		`site.yaml:3: unknown key "bogus"`,
		`site.yaml:4: perPage: 0 must be between 1 and 1000`,
		`site.yaml:5: feeds.items: "many" is text, but it must be a whole number: items: 20`,
		`site.yaml:7: unknown key "fiel" (did you mean "file"?)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	// A key set twice is reported with the others: the rest is decoded
	// with its first value.
	_, err = Load(strings.NewReader("title: x\ntitle: y\nperPage: 0\n"), "site.yaml")
	if err == nil || !strings.Contains(err.Error(), `site.yaml:2: key "title" is set twice`) || !strings.Contains(err.Error(), "site.yaml:3: perPage: 0 must be between 1 and 1000") {
		t.Errorf("a key set twice: %v", err)
	}
}

// TestLoadSoundWithUnknownKeys: unknown keys leave the other settings
// sound, and Load returns them with the errors; a value of the wrong type
// or wrong in itself leaves no Config (TestLoadWrongShape).
func TestLoadSoundWithUnknownKeys(t *testing.T) {
	c, err := Load(strings.NewReader("title: x\nperpage: 5\nfeeds: {itemz: 5}\nbaseURL: https://example.org/r\n"), "site.yaml")
	if err == nil || !strings.Contains(err.Error(), `site.yaml:2: unknown key "perpage"`) || !strings.Contains(err.Error(), `site.yaml:3: unknown key "itemz"`) {
		t.Errorf("err = %v, want the unknown keys", err)
	}
	if c == nil || c.BaseURL != "https://example.org/r/" || c.Feeds.Items != Default().Feeds.Items || c.Location == nil {
		t.Errorf("Config %+v, want the settings given, and the default for the unknown one", c)
	}
	if c, err := Load(strings.NewReader("title: x\nperpage: 5\nbaseURL: ftp://x\n"), "site.yaml"); c != nil || err == nil {
		t.Errorf("a wrong baseURL: Config %v, error %v; want no Config", c, err)
	}
}
