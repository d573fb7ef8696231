package config

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// Config is a site's settings, decoded from site.yaml. The zero value is not
// useful; use Load or Default.
type Config struct {
	Title          string     `yaml:"title"`
	Description    string     `yaml:"description"`
	BaseURL        string     `yaml:"baseURL"`
	Language       string     `yaml:"language"`
	Author         string     `yaml:"author"`
	Copyright      string     `yaml:"copyright"`
	Timezone       string     `yaml:"timezone"`
	Permalink      string     `yaml:"permalink"`
	PerPage        int        `yaml:"perPage"`
	WordsPerMinute int        `yaml:"wordsPerMinute"`
	SummaryWords   int        `yaml:"summaryWords"`
	Theme          string     `yaml:"theme"`
	Disclaimer     string     `yaml:"disclaimer"`
	Menu           []Link     `yaml:"menu"`
	Markdown       Markdown   `yaml:"markdown"`
	Feeds          Feeds      `yaml:"feeds"`
	Subscribe      Subscribe  `yaml:"subscribe"`
	Image          string     `yaml:"image"`
	Domain         string     `yaml:"domain"`
	Params         Params     `yaml:"params"`
	Private        removed    `yaml:"private"` // an error: see validate
	Datasets       Datasets   `yaml:"datasets"`
	Charts         Charts     `yaml:"charts"`
	Check          Check      `yaml:"check"`
	Fetch          Fetch      `yaml:"fetch"`
	Taxonomies     Taxonomies `yaml:"taxonomies"`
	// RenderTimeout is how long one template may render one page or
	// partial ("30s"): one that runs longer fails the build, as a loop
	// without end would otherwise hang it.
	RenderTimeout string `yaml:"renderTimeout"`
	// RenderTime is RenderTimeout parsed.
	RenderTime time.Duration `yaml:"-"`
	// ImageAlt describes Image for readers who cannot see it: the
	// og:image:alt and twitter:image:alt of pages that show it.
	ImageAlt string `yaml:"imageAlt"`

	// Location is Timezone loaded; dates without an offset are read in it.
	Location *time.Location `yaml:"-"`
	// File is the name the config was loaded from, for messages.
	File string `yaml:"-"`
	// lines maps dotted keys ("feeds.items", "menu.0.url") to their line.
	lines map[string]int
}

// Params is free-form text settings for custom templates, sorted by key when listed.
type Params map[string]string

// removed is a key tearsheet no longer reads: it records that site.yaml
// has it, so validate can say what replaced it, and keeps none of its
// values.
type removed bool

// UnmarshalYAML implements yaml.v3's obsolete Unmarshaler (so this package
// needs no import of yaml): it discards the value.
func (r *removed) UnmarshalYAML(func(any) error) error {
	*r = true
	return nil
}

// secretKey matches params keys that look like secrets, which belong in
// environment variables: params are published to templates.
// languageTag is the shape of a BCP 47 language tag: a language of 2 to
// 8 letters and subtags of letters and digits.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

var secretKey = regexp.MustCompile(`(?i)(secret|passw|token|api_?-?key|private_?-?key|credential)`)

// Datasets maps a dataset name to its definition. Names are listed sorted
// (DatasetNames); never range over the map into output.
type Datasets map[string]Dataset

// Dataset is a named CSV table charts and inline figures can use by name.
// Its data comes from file (a CSV in the site), or from one live source:
// url (a CSV over http or https), fred (a FRED series id) or command (a data
// loader). With a live source, file is the committed copy used when the
// source cannot be reached and nothing was cached yet.
type Dataset struct {
	File         string            `yaml:"file"`         // CSV path from the site root
	URL          string            `yaml:"url"`          // a remote CSV, fetched at build time
	FRED         string            `yaml:"fred"`         // a FRED series id, fetched as CSV at build time
	Command      string            `yaml:"command"`      // a data loader: a shell command printing CSV
	Inputs       []string          `yaml:"inputs"`       // files a command reads; a change runs it again
	Date         string            `yaml:"date"`         // the date column; default: a column named date, else the first
	DateFormat   string            `yaml:"dateFormat"`   // Go layout when the dates are in an unusual format
	Missing      []string          `yaml:"missing"`      // cell values meaning "no data", such as "0.0"
	SkipLines    int               `yaml:"skipLines"`    // lines before the header
	Delimiter    string            `yaml:"delimiter"`    // the field separator: ",", ";" or "tab"; default: detected from the header
	Decimal      string            `yaml:"decimal"`      // the decimal mark, "." or ","; default: each column shows its own
	Columns      map[string]string `yaml:"columns"`      // keep only these columns: new name → column of the CSV
	MaxAge       string            `yaml:"maxAge"`       // warn when the newest row is older: 45d, 8w, 36h
	Source       string            `yaml:"source"`       // credit line shown under every chart of it
	Title        string            `yaml:"title"`        // what the data catalogue calls it (default: the name)
	License      string            `yaml:"license"`      // the terms the data is published under, shown in the data catalogue
	Illustrative bool              `yaml:"illustrative"` // synthetic data: every chart of it says so
	Headers      map[string]string `yaml:"headers"`      // HTTP headers of url and fred requests; values may name ${env:VAR}
	Env          []string          `yaml:"env"`          // environment variables passed to a command

	// Line is the line of site.yaml that names the dataset, for messages.
	Line int `yaml:"-"`
	// Age is MaxAge parsed; 0 means fetch.maxAge's, or no check.
	Age time.Duration `yaml:"-"`
}

// LoadOptions are the options data.Load reads the dataset's file with:
// every place that loads it (figures, the fetch stage's check of a
// download, tearsheet new) takes them from here.
func (d Dataset) LoadOptions() data.LoadOptions {
	return data.LoadOptions{DateColumn: d.Date, DateFormat: d.DateFormat, Missing: d.Missing, SkipLines: d.SkipLines,
		Columns: d.Columns, Delimiter: d.Delimiter, Decimal: d.Decimal}
}

// Remote reports whether the dataset has a live source (url, fred or command).
func (d Dataset) Remote() bool { return d.URL != "" || d.FRED != "" || d.Command != "" }

// Fetch holds the settings of the fetch stage, which brings remote datasets
// and data loaders' output into SOURCE/.cache/data before a build.
type Fetch struct {
	Timeout        string `yaml:"timeout"`        // per HTTP attempt ("10s")
	Retries        int    `yaml:"retries"`        // attempts after the first on errors, 5xx and 429 (2)
	MaxBytes       int64  `yaml:"maxBytes"`       // largest response, loader output or data file accepted (50 MiB)
	FREDBaseURL    string `yaml:"fredBaseURL"`    // FRED's CSV download; ?id=SERIES is added
	AllowCommands  bool   `yaml:"allowCommands"`  // run data loaders (false)
	CommandTimeout string `yaml:"commandTimeout"` // per data loader run ("2m")
	MaxAge         string `yaml:"maxAge"`         // default maxAge of every dataset ("": no check)

	// The durations parsed.
	TimeoutDur, CommandTimeoutDur, MaxAgeDur time.Duration `yaml:"-"`
}

// DefaultFREDBaseURL is FRED's CSV download address.
const DefaultFREDBaseURL = "https://fred.stlouisfed.org/graph/fredgraph.csv"

// FREDURL returns the address of a FRED series' CSV download.
func (c *Config) FREDURL(series string) string {
	base := c.Fetch.FREDBaseURL
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "id=" + url.QueryEscape(series)
}

// SourceURL returns the address a url or fred dataset is fetched from, or "".
func (c *Config) SourceURL(d Dataset) string {
	switch {
	case d.URL != "":
		return d.URL
	case d.FRED != "":
		return c.FREDURL(d.FRED)
	}
	return ""
}

// Charts holds chart settings.
type Charts struct {
	Width  int    `yaml:"width"`  // drawing width in px (720)
	Height int    `yaml:"height"` // default drawing height in px (360)
	PNG    string `yaml:"png"`    // "feeds" or "all", accepted for old sites: every chart gets a PNG copy (chart pages, email editions)
}

// DatasetNames returns the dataset names, sorted.
func (c *Config) DatasetNames() []string {
	out := make([]string, 0, len(c.Datasets))
	for n := range c.Datasets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Link is one menu entry.
type Link struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// Markdown holds the markdown settings.
type Markdown struct {
	UnsafeHTML  bool  `yaml:"unsafeHTML"`
	Typographer *bool `yaml:"typographer"`
	TOCMin      int   `yaml:"tocMinHeadings"`
	MaxBytes    int   `yaml:"maxBytes"`
}

// Check holds the settings of `tearsheet check`.
type Check struct {
	// MaxDataAge is how old the newest row of a dataset may be before
	// check warns, such as "45d", "6w", "3m" or "1y"; "" or "0" turns the
	// warning off.
	MaxDataAge string `yaml:"maxDataAge"`
	// DataAge is MaxDataAge as a duration; 0 when off.
	DataAge time.Duration `yaml:"-"`
}

// ParseAge reads an age: a number and a unit, d (days), w (weeks), m
// (months of 30 days) or y (years of 365 days), such as 45d or 6m; or a Go
// duration with hours and smaller units, such as 36h or 1h30m. "" and "0"
// are 0 (off).
func ParseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	day := 24 * time.Hour
	units := map[byte]time.Duration{'d': day, 'w': 7 * day, 'm': 30 * day, 'y': 365 * day}
	if unit, ok := units[s[len(s)-1]]; ok {
		v, err := strconv.ParseFloat(s[:len(s)-1], 64)
		if err == nil && v > 0 && v <= 100*365 {
			return time.Duration(v * float64(unit)), nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d, nil
	}
	return 0, fmt.Errorf("%q is not an age such as 45d, 8w, 6m, 1y or 36h", s)
}

// Feeds holds the feed settings.
type Feeds struct {
	Items int `yaml:"items"`
}

// Default returns the settings used for every key site.yaml leaves out.
func Default() *Config {
	return &Config{
		Title:          "Research",
		BaseURL:        "/",
		Language:       "en",
		Timezone:       "UTC",
		Permalink:      "/:year/:month/:slug/",
		PerPage:        10,
		WordsPerMinute: 230,
		SummaryWords:   70,
		Theme:          "default",
		Markdown:       Markdown{TOCMin: 3, MaxBytes: 2 << 20},
		Feeds:          Feeds{Items: 20},
		Charts:         Charts{Width: 720, Height: 360, PNG: "feeds"},
		RenderTimeout:  "30s",
		Fetch:          Fetch{Timeout: "10s", Retries: 2, MaxBytes: 50 << 20, FREDBaseURL: DefaultFREDBaseURL, CommandTimeout: "2m"},
		Location:       time.UTC,
		File:           "site.yaml",
	}
}

// Load reads site.yaml from r. name is used in messages. Every key not set
// keeps its default; unknown keys, values of the wrong type and invalid
// values are errors naming name:line, all reported at once. With errors
// only of unknown keys, it returns the Config too: sound, for a build to
// report the site's other problems (see the package comment).
func Load(r io.Reader, name string) (*Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if kind, line := yamlx.Kind(data); kind != "" && kind != "a mapping" {
		return nil, notMapping(name, kind, line)
	}
	c := Default()
	c.File = name
	derr := yamlx.Decode(data, name, 0, c)
	if derr != nil && !yamlx.Decoded(derr) {
		return nil, derr
	}
	// Past an unknown key or a value of the wrong type the rest is
	// decoded: check it too, so that every problem is reported at once.
	wrong, keys := wrongTypes(derr)
	c.lines = yamlx.Lines(data, 0)
	if err := c.validate(c.Line); err != nil || wrong {
		return nil, errors.Join(derr, besides(err, keys))
	}
	return c, derr
}

// Line returns the line of site.yaml holding key, a dotted path such as
// "feeds.items" or "menu.0.url"; for a key not written there, the line of
// the nearest key above it that is, else 0.
func (c *Config) Line(key string) int {
	for k := key; k != ""; {
		if n := c.lines[k]; n > 0 {
			return n
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return 0
}

// KeyError returns err about the setting key as an error naming
// site.yaml's line: "site.yaml:7: theme: …".
func (c *Config) KeyError(key string, err error) error {
	if n := c.Line(key); n > 0 {
		return fmt.Errorf("%s:%d: %s: %w", c.File, n, key, err)
	}
	return fmt.Errorf("%s: %s: %w", c.File, key, err)
}

var (
	permaTokenRe  = regexp.MustCompile(`:[a-z]+`)
	datasetNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
)

// PermalinkTokens lists the tokens a permalink pattern may use.
func PermalinkTokens() []string {
	return []string{":year", ":month", ":day", ":slug", ":title"}
}

func (c *Config) validate(line func(string) int) error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, &yamlx.Error{File: c.File, Line: line(key), Msg: fmt.Sprintf("%s: ", key) + fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(c.Title) == "" {
		bad("title", "must not be empty")
	}
	if c.ImageAlt != "" && c.Image == "" {
		bad("imageAlt", "describes image, which is not set: set image (the default social-card image) or delete imageAlt")
	} else if strings.ContainsFunc(c.ImageAlt, unicode.IsControl) {
		bad("imageAlt", "%q holds a control character (a line break or a tab), which a meta tag cannot show: write it on one line", c.ImageAlt)
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if b, err := NormalizeBaseURL(c.BaseURL); err != nil {
		bad("baseURL", "%v", err)
	} else {
		c.BaseURL = b
	}
	if !languageTag.MatchString(c.Language) {
		bad("language", "%q is not a language tag such as en or en-GB: it is every page's lang, which screen readers, hyphenation and translation go by", c.Language)
	}
	if loc, err := time.LoadLocation(c.Timezone); err != nil {
		bad("timezone", "%q is not a time zone name such as UTC or America/New_York", c.Timezone)
	} else if c.Timezone == "Local" {
		// The zone of the machine that builds: the same site would give
		// other dates and URLs on a laptop and in CI.
		bad("timezone", "Local is the zone of whichever machine builds the site, so its dates and URLs would change with it: name the zone, such as UTC or America/New_York")
	} else {
		c.Location = loc
	}
	if err := checkPermalink(c.Permalink); err != nil {
		bad("permalink", "%v", err)
	}
	if c.PerPage < 1 || c.PerPage > 1000 {
		bad("perPage", "%d must be between 1 and 1000", c.PerPage)
	}
	if c.WordsPerMinute < 50 || c.WordsPerMinute > 2000 {
		bad("wordsPerMinute", "%d must be between 50 and 2000", c.WordsPerMinute)
	}
	if c.SummaryWords < 0 {
		bad("summaryWords", "%d must not be negative", c.SummaryWords)
	}
	if c.Feeds.Items < 1 || c.Feeds.Items > 10000 {
		bad("feeds.items", "%d must be between 1 and 10000", c.Feeds.Items)
	}
	if c.Markdown.MaxBytes < 1024 {
		bad("markdown.maxBytes", "%d must be at least 1024", c.Markdown.MaxBytes)
	}
	if c.Theme == "" || strings.ContainsAny(c.Theme, `/\`) || c.Theme == "." || c.Theme == ".." {
		bad("theme", "%q must be the name of a folder in themes/", c.Theme)
	}
	if c.Domain != "" && (strings.ContainsAny(c.Domain, "/: ") || !strings.Contains(c.Domain, ".")) {
		bad("domain", "%q must be a bare host name such as research.example.com", c.Domain)
	} else if c.Domain != "" && strings.HasPrefix(c.BaseURL, "/") {
		// A site with a domain of its own is published there: a baseURL
		// left at a path ("/", what tearsheet init writes) takes that host,
		// so feeds, the sitemap and canonical links are absolute URLs.
		c.BaseURL = "https://" + c.Domain + c.BaseURL
	}
	for i, m := range c.Menu {
		if m.Name == "" || m.URL == "" {
			bad("menu."+strconv.Itoa(i), "entry %d needs both name and url, as in {name: About, url: /about/}", i+1)
		} else if !menuURL(m.URL) {
			bad("menu."+strconv.Itoa(i)+".url", "%q is neither a site path such as /about/ nor an http, https or mailto address", m.URL)
		}
	}
	if c.Image != "" {
		if err := urlattr.CheckImage(c.Image); err != nil {
			bad("image", "%v", err)
		}
	}
	if d, err := ParseAge(c.RenderTimeout); err != nil || d <= 0 {
		bad("renderTimeout", "%q must be a duration such as 30s or 2m", c.RenderTimeout)
	} else {
		c.RenderTime = d
	}
	if age, err := ParseAge(c.Check.MaxDataAge); err != nil {
		bad("check.maxDataAge", "%v", err)
	} else {
		c.Check.DataAge = age
	}
	errs = append(errs, c.Subscribe.validate(c.File, line)...)
	for _, k := range sortedKeys(c.Params) {
		if secretKey.MatchString(k) {
			bad("params."+k, "looks like a secret, and params are visible to templates and may be published: keep it in an environment variable and name it in a dataset (%s)", secretHint)
		}
	}
	if c.Private {
		bad("private", "is no longer read: a value in site.yaml is committed with the site and may be published. Keep a key of a data source in an environment variable and name it in the dataset (%s)", secretHint)
	}
	if c.Charts.Width < 200 || c.Charts.Width > 4000 {
		bad("charts.width", "%d must be between 200 and 4000", c.Charts.Width)
	}
	// chart.MinSize: a smaller height passed here failed every chart.
	if c.Charts.Height < 160 || c.Charts.Height > 4000 {
		bad("charts.height", "%d must be between 160 and 4000", c.Charts.Height)
	}
	if c.Charts.PNG != "feeds" && c.Charts.PNG != "all" {
		bad("charts.png", "%q must be feeds or all", c.Charts.PNG)
	}
	errs = append(errs, c.validateFetch(bad)...)
	c.validateTaxonomies(bad)
	for _, name := range c.DatasetNames() {
		errs = append(errs, c.validateDataset(name, line, bad)...)
	}
	return errors.Join(errs...)
}

// validPort reports whether p, the digits of a URL's port, is a TCP port.
func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535
}

// NormalizeBaseURL checks a base URL (an absolute http(s) URL, or a path
// starting with /) and returns it ending with a slash.
func NormalizeBaseURL(s string) (string, error) {
	if s == "" {
		return "/", nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", fmt.Errorf("%q is not a URL: %v", s, err)
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%q must use http or https (for example https://user.github.io/repo/)", s)
	case u.Scheme != "" && u.Host == "":
		return "", fmt.Errorf("%q has no host (for example https://example.com/)", s)
	case u.Scheme == "" && !strings.HasPrefix(s, "/"):
		return "", fmt.Errorf("%q must be an absolute URL such as https://example.com/ or a path such as /research/", s)
	case u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("%q must not have a query or fragment", s)
	case u.Scheme == "" && u.Host != "":
		// //host/ is no site path: every link would lead to that host,
		// by whatever scheme the page was read with.
		return "", fmt.Errorf("%q has a host but no scheme: write https:%s", s, s)
	case u.Port() != "" && !validPort(u.Port()):
		return "", fmt.Errorf("%q has port %s, which no server listens on (ports go from 1 to 65535): write the site's address, usually without a port", s, u.Port())
	case u.User != nil:
		u.User = nil
		return "", fmt.Errorf("%q holds a user name or password, which every link of the site would publish: write %s", s, u)
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			if u.Path = path.Clean(u.Path); u.Path != "/" {
				u.Path += "/"
			}
			return "", fmt.Errorf("%q must not hold a %s segment: write %s", s, seg, u)
		}
	}
	if last := path.Base(u.Path); !strings.HasSuffix(u.Path, "/") && (strings.EqualFold(path.Ext(last), ".html") || strings.EqualFold(path.Ext(last), ".htm")) {
		// The address of a page copied from the browser: every link would
		// lead below it (/repo/index.html/about/), where nothing is.
		u.Path = path.Dir(u.Path)
		if u.Path != "/" {
			u.Path += "/"
		}
		return "", fmt.Errorf("%q is the address of a page (%s), not of the folder the site is published in: write %s", s, last, u)
	}
	if strings.Contains(u.Path, "//") {
		// An empty segment would be in every link (/repo//about/).
		for strings.Contains(u.Path, "//") {
			u.Path = strings.ReplaceAll(u.Path, "//", "/")
		}
		return "", fmt.Errorf("%q must not hold an empty segment (//): write %s", s, u)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	// The path as a URL writes it (/my%20notes/ for "/my notes/"), so
	// that AbsURL makes valid URLs; the host is kept as written.
	at := 0
	if u.Host != "" {
		at = strings.Index(s, u.Host) + len(u.Host)
	}
	return s[:at] + escapeURLPath(s[at:]), nil
}

// menuURL reports whether u can be a menu's link: a site path, or an
// address of a scheme a page may link to. html/template would write any
// other (javascript:) as "#ZgotmplZ", a link to nowhere.
func menuURL(u string) bool {
	if strings.HasPrefix(u, "/") {
		return !strings.HasPrefix(u, "//")
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" || err == nil && p.Scheme == "mailto"
}

func checkPermalink(p string) error {
	if !strings.HasPrefix(p, "/") {
		return fmt.Errorf("%q must start with /", p)
	}
	if !strings.HasSuffix(p, "/") && path.Ext(p) != ".html" {
		return fmt.Errorf("%q must end with / or .html", p)
	}
	valid := strings.Join(PermalinkTokens(), " ")
	hasSlug := false
	for _, tok := range permaTokenRe.FindAllString(p, -1) {
		if !strings.Contains(valid+" ", tok+" ") {
			return fmt.Errorf("unknown token %s in %q (tokens: %s)", tok, p, strings.Join(PermalinkTokens(), ", "))
		}
		if tok == ":slug" || tok == ":title" {
			hasSlug = true
		}
	}
	if !hasSlug {
		return fmt.Errorf("%q must contain :slug or :title so that articles get distinct URLs", p)
	}
	// One slash off each end, so that //:slug/ (a URL //b/ that a browser
	// reads as the host b) shows an empty segment.
	segs := strings.Split(strings.TrimSuffix(strings.TrimPrefix(p, "/"), "/"), "/")
	for _, seg := range segs {
		switch {
		case seg == "." || seg == "..":
			return fmt.Errorf("%q must not hold a %s segment: every article's URL must stay inside the site (as in /:year/:month/:slug/)", p, seg)
		case seg == "":
			return fmt.Errorf("%q must not hold an empty segment (//) (as in /:year/:month/:slug/)", p)
		case strings.ContainsAny(seg, "\\?#%\"<> \t"):
			return fmt.Errorf("%q: segment %q may hold only tokens, letters, digits, - _ . and similar URL-safe characters (as in /posts/:slug/)", p, seg)
		}
	}
	return nil
}

// BasePath returns the path part of BaseURL, always starting and ending with
// a slash: "/" for a root site, "/repo/" for a GitHub project site.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// AbsURL returns the absolute URL of a site path ("/2024/05/x/") or, when
// BaseURL has no host, the path under BasePath. What a URL may not hold as
// it is (a space, the letters beyond ASCII of a slug such as /tags/ملف/)
// is percent-encoded (see escapeURLPath), as feeds and sitemaps need.
func (c *Config) AbsURL(sitePath string) string {
	base := strings.TrimSuffix(c.BaseURL, "/")
	return base + "/" + escapeURLPath(strings.TrimPrefix(sitePath, "/"))
}

// RelURL returns a site path ("/about/") prefixed with BasePath ("/repo/about/").
func (c *Config) RelURL(sitePath string) string {
	return strings.TrimSuffix(c.BasePath(), "/") + "/" + strings.TrimPrefix(sitePath, "/")
}

// TypographerOn reports whether smart quotes and dashes are on (the default).
func (c *Config) TypographerOn() bool {
	return c.Markdown.Typographer == nil || *c.Markdown.Typographer
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
