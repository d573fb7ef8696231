package content

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// Kind tells articles from pages.
type Kind int

const (
	// Article is a dated post under content/posts/.
	Article Kind = iota
	// Page is an undated page such as content/about.md.
	Page
)

// MaxFrontMatter is the most bytes a file's front matter may hold. Its
// title and summary are repeated on every list, feed and card that shows
// the article: a title of megabytes made pages over the size a template
// may write, reported as a fault of the template, after seconds and
// hundreds of megabytes of work.
const MaxFrontMatter = 256 << 10

// Dir is the folder of a site that holds its content.
const Dir = "content"

// DataDir is the folder under Dir that holds shared datasets; it is not content.
const DataDir = "content/data"

// File is one source markdown file, split and decoded.
type File struct {
	Path     string // slash path from the site root: content/posts/rally/index.md
	Kind     Kind
	Name     string   // the base name that gives the default slug: "rally" (an article's without a leading YEAR-MONTH-DAY-)
	Bundle   string   // the bundle folder (content/posts/rally) or "" for a lone file
	Assets   []string // files beside index.md in a bundle, slash paths from the site root, sorted
	Meta     Meta
	Body     []byte // the markdown after the front matter
	BodyLine int    // 1-based line of Path where Body starts
	// Sum is the SHA-256 of the file's bytes: what a build's page cache
	// compares to know the file unchanged.
	Sum [sha256.Size]byte
	// Warnings are what a build reports of the file without failing,
	// each starting with file:line.
	Warnings []string
	// SlugLine and AliasesLine are the lines of slug: and aliases:, for
	// the messages of a later stage (two pages at one URL); 0 when not
	// given. TagsLine and AuthorLine are those of tags: and of author: (or
	// authors:), for the layout's warnings about their terms.
	SlugLine, AliasesLine, TagsLine, AuthorLine int
	// SummaryLine is the line of summary: (or description:), where the
	// errors of its markdown are placed; 0 when not given.
	SummaryLine int
}

// Meta is a file's front matter.
type Meta struct {
	Title   string  `yaml:"title"`
	Date    Date    `yaml:"date"`
	Lastmod Date    `yaml:"lastmod"`
	Slug    string  `yaml:"slug"`
	Tags    TagList `yaml:"tags"`
	Summary string  `yaml:"summary"`
	// Description is another name of summary, Hugo's, Jekyll's and
	// Zola's: Parse moves it into Summary and leaves it "".
	Description string `yaml:"description"`
	// Author is the author, or the authors when written as a list
	// (author: [A, B]), as Hugo and Jekyll allow; not with Authors.
	Author      Byline   `yaml:"author"`
	Draft       bool     `yaml:"draft"`
	Image       string   `yaml:"image"`
	Aliases     PathList `yaml:"aliases"`
	Disclaimer  *string  `yaml:"disclaimer"`
	Disclosures []string `yaml:"disclosures"`
	Updates     []Update `yaml:"updates"`
	TOC         *bool    `yaml:"toc"`
	Claims      []Claim  `yaml:"claims"`
	// Figures is "locked" (the default, "") or "live": a published
	// article's inline figures show what figures.lock recorded, unless live.
	Figures string   `yaml:"figures"`
	Params  Params   `yaml:"params"`
	Authors []string `yaml:"authors"`
	// PublishDate, when given, is when the article is published: it is
	// left out of the site before then (as Hugo's publishDate), and it is
	// the article's date when date is not given.
	PublishDate Date `yaml:"publishDate"`
	// ExpiryDate, when given, is when the article or page is taken out of
	// the site, as Hugo's expiryDate.
	ExpiryDate Date `yaml:"expiryDate"`
	// Keywords are the page's meta keywords.
	Keywords []string `yaml:"keywords"`
	// FeedID, when given, is the article's id in feeds (RSS guid, Atom
	// id, JSON Feed id) in place of its permalink: the old permalink of
	// an article that moved, so that feed readers do not show it again as
	// new. An absolute http(s) URL or a tag: URI.
	FeedID string `yaml:"feedID"`
	// ImageAlt describes Image for readers who cannot see it: the
	// page's og:image:alt and twitter:image:alt.
	ImageAlt string `yaml:"imageAlt"`
	// Terms are the terms of the site.yaml taxonomies the front matter
	// names (tickers: [IWM]), in the order written.
	Terms []Terms `yaml:"-"`
}

// Byline is the value of author: one name, or a list of names as Hugo
// and Jekyll write it.
type Byline []string

// UnmarshalYAML reads one name or a list of names.
func (b *Byline) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if n.Tag != "!!null" && strings.TrimSpace(n.Value) != "" {
			*b = Byline{strings.TrimSpace(n.Value)}
		}
		return nil
	}
	names, ok := namesOf(n)
	if !ok {
		return valueError(n.Line, "author must be a name, as in author: \"Dana Whitlock\", or a list of names, as in author: [Dana Whitlock, Marcus Oyelaran]")
	}
	*b = names
	return nil
}

// Published returns when the page is published: its publishDate, else its
// date; zero for an undated page.
func (m *Meta) Published() time.Time {
	if !m.PublishDate.Time.IsZero() {
		return m.PublishDate.Time
	}
	return m.Date.Time
}

// Params is free-form text values for custom templates.
type Params map[string]string

// Update is one entry of an article's revision log.
type Update struct {
	Date Date   `yaml:"date"`
	Note string `yaml:"note"`
}

// Parse splits src (the file at p) into front matter and body and decodes
// the front matter. Dates without an offset are read in loc. It knows only
// the built-in taxonomies (tags, authors): see ParseWith.
func Parse(p string, src []byte, loc *time.Location) (*File, error) {
	return ParseWith(p, src, Schema{Location: loc})
}

// ParseWith is Parse for a site whose front matter may also name the
// terms of the taxonomies of sc. When the front matter is read but some
// of its values are wrong, it returns the File, body and all, with the
// error; when the file cannot be split or its front matter decoded, nil.
func ParseWith(p string, src []byte, sc Schema) (*File, error) {
	return ParseSummed(p, src, sha256.Sum256(src), sc)
}

// ParseSummed is ParseWith for a caller that has the SHA-256 of src
// (File.Sum) already: a store that hashed the bytes as it read them.
func ParseSummed(p string, src []byte, sum [sha256.Size]byte, sc Schema) (*File, error) {
	loc := sc.Location
	if loc == nil {
		loc = time.UTC
	}
	f := &File{Path: p, Kind: Page, Sum: sum}
	rel := strings.TrimPrefix(p, Dir+"/")
	if strings.HasPrefix(rel, "posts/") {
		f.Kind = Article
	}
	f.Name = TrimExt(path.Base(p))
	if IsIndex(p) {
		f.Bundle = path.Dir(p)
		f.Name = path.Base(f.Bundle)
		if f.Bundle == Dir || f.Bundle == Dir+"/posts" {
			f.Bundle = ""
			f.Name = "index"
		}
	}
	var nameDate string
	if f.Kind == Article {
		// Jekyll's posts are named YEAR-MONTH-DAY-title.md: the date is
		// the article's when front matter gives none, and the title
		// part is its name (so its slug).
		if m := datedName.FindStringSubmatch(f.Name); m != nil {
			nameDate, f.Name = m[1], m[2]
		}
	}
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return nil, fmt.Errorf("%s:1: file is UTF-16 text (it starts with UTF-16's byte order mark): save it as UTF-8", p)
	}
	if !utf8.Valid(src) {
		return nil, fmt.Errorf("%s:%d: file is not valid UTF-8 text (save it as UTF-8)", p, 1+bytes.Count(src[:firstInvalid(src)], []byte("\n")))
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	fm, body, bodyLine, toml, err := split(p, src)
	if err != nil {
		return nil, err
	}
	if len(fm) > MaxFrontMatter {
		return nil, fmt.Errorf("%s:2: the front matter is %d bytes, over the limit of %d: it holds a title, a date and a few keys; put long text in the article's body", p, len(fm), MaxFrontMatter)
	}
	if toml {
		if fm, err = tomlToYAML(p, fm); err != nil {
			return nil, err
		}
	}
	f.Body = body
	f.BodyLine = bodyLine
	var errs []error
	if line, r, ok := bodyControl(body, bodyLine); ok {
		errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf("the text holds the control character %U, which a page cannot show: delete it (it may have come with text pasted from elsewhere)", r)})
	}
	meta, extraErrs, err := sc.decode(fm, p, f.Kind)
	if err != nil {
		return nil, err
	}
	f.Meta = meta
	errs = append(errs, extraErrs...)
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	// The lines of the front matter's keys, parsed again only to place
	// an error, or a key keyLine does not find; find gives 0 for a key
	// not given, at line 1.
	var lines map[string]int
	find := func(key string) int {
		if lines == nil {
			lines = yamlx.Lines(fm, 1)
		}
		if n := lines[key]; n > 0 {
			return n
		}
		return lines["taxonomies."+key] // Zola's [taxonomies] table
	}
	at := func(key string) int { return max(find(key), 1) }
	if strings.TrimSpace(f.Meta.Title) == "" {
		if n := at("title"); n > 1 {
			bad(n, "title is empty: write the title, as in title: \"My article\"")
		} else {
			bad(1, "title is missing: add a line such as title: \"My article\" to the front matter")
		}
	}
	parse := func(d *Date, key string, required bool) {
		if d.raw == "" {
			// At the key's line when it is given without a date (date: ""),
			// where a value that is no date (date: [1]) was reported
			// already: sayOnce keeps that.
			if line := d.Line + 1; required && d.Line > 0 {
				bad(line, "%s is empty: articles need a date such as %s: 2024-05-01", key, key)
			} else if required {
				bad(1, "%s is missing: articles need a date such as %s: 2024-05-01", key, key)
			}
			return
		}
		t, err := ParseDate(d.raw, loc)
		if err != nil {
			bad(d.Line+1, "%s: %v", key, err)
			return
		}
		d.Time = t
	}
	for i := range f.Meta.Claims {
		f.Meta.Claims[i].Line++ // node lines count from the first front-matter line, the file's second
	}
	parse(&f.Meta.PublishDate, "publishDate", false)
	badName := false // the file name's date is reported: not "missing" too
	if f.Meta.Date.IsZero() && f.Meta.PublishDate.IsZero() && nameDate != "" {
		if _, err := time.Parse("2006-01-02", nameDate); err != nil {
			bad(1, "the file name starts with %s, which is not a date: write it as YEAR-MONTH-DAY (2024-05-01-%s.md), or give date: in the front matter", nameDate, f.Name)
			badName = true
		} else {
			f.Meta.Date.raw = nameDate
		}
	}
	if f.Meta.Date.IsZero() && !f.Meta.PublishDate.IsZero() {
		f.Meta.Date = f.Meta.PublishDate
	} else {
		parse(&f.Meta.Date, "date", f.Kind == Article && !badName)
	}
	if d := f.Meta.Published(); f.Kind == Page && !d.IsZero() && strings.Contains(rel, "/") {
		f.Warnings = append(f.Warnings, datedPage(p, f, keyLineOf(f.Meta.Date, f.Meta.PublishDate)))
	}
	parse(&f.Meta.Lastmod, "lastmod", false)
	parse(&f.Meta.ExpiryDate, "expiryDate", false)
	if e, d := f.Meta.ExpiryDate, f.Meta.Published(); !e.Time.IsZero() && !d.IsZero() && !e.Time.After(d) {
		bad(e.Line+1, "expiryDate %s is not after the date the article is published (%s), so it would never be shown: correct it, or delete the file", e.raw, d.Format("2006-01-02 15:04"))
	}
	for i := range f.Meta.Updates {
		u := &f.Meta.Updates[i]
		if u.Date.raw == "" {
			bad(at(fmt.Sprintf("updates.%d", i)), "updates: entry %d has no date: add one beside its note, as in date: 2024-05-01", i+1)
			continue
		}
		parse(&u.Date, "updates date", true)
		if strings.TrimSpace(u.Note) == "" {
			bad(u.Date.Line+1, "updates: entry %d needs a note saying what changed", i+1)
		}
	}
	// A revision before the article is a mistyped date (most often its
	// year), which the revision log would publish as written.
	for i, u := range f.Meta.Updates {
		if !u.Date.Time.IsZero() && !f.Meta.Date.Time.IsZero() && u.Date.before(f.Meta.Date.Time, loc) {
			bad(u.Date.Line+1, "updates: entry %d is dated %s, before the article's date %s: a revision comes after publication; correct its date", i+1, u.Date.raw, f.Meta.Date.raw)
		}
	}
	if !f.Meta.Lastmod.Time.IsZero() && !f.Meta.Date.Time.IsZero() && f.Meta.Lastmod.before(f.Meta.Date.Time, loc) {
		bad(f.Meta.Lastmod.Line+1, "lastmod %s is before date %s: lastmod is when the article last changed, on or after its date; correct it, or delete it", f.Meta.Lastmod.raw, f.Meta.Date.raw)
	}
	// A summary of spaces only (summary: " ") is none: the body's
	// stands in lists and meta tags, rather than nothing.
	for _, s := range []*string{&f.Meta.Summary, &f.Meta.Description} {
		if strings.TrimSpace(*s) == "" {
			*s = ""
		}
	}
	if d := f.Meta.Description; d != "" {
		if f.Meta.Summary != "" && f.Meta.Summary != d {
			bad(at("description"), "summary and description say different things: keep one (description is another name of summary, which is both the article's line in lists and its meta description)")
		}
		f.Meta.Summary, f.Meta.Description = d, ""
	}
	// Front matter is not computed: a figure there would be published as
	// its braces, in <title>, the lists and the feeds.
	for _, k := range [...]struct{ key, val string }{{"title", f.Meta.Title}, {"summary", f.Meta.Summary}} {
		if strings.Contains(k.val, "{{") {
			key := k.key
			if key == "summary" && at("summary") == 1 {
				key = "description"
			}
			bad(at(key), "%s holds {{, which front matter does not compute, so the braces would be published as written: write the number itself, or say it in the article's text, where {{ }} makes a figure from the data", key)
		}
	}
	// A summary is one paragraph of markdown (see markdown's Summary):
	// it stands under the title, on a card and in a meta description,
	// which hold no second one.
	if hasBlankLine(f.Meta.Summary) {
		key := "summary"
		if at("summary") == 1 {
			key = "description"
		}
		bad(at(key), "%s holds a blank line, which would start a second paragraph, and a summary is one (it stands under the title, on cards and in feeds): join the paragraphs, or move the rest into the article's text", key)
	}
	checkControl(&f.Meta, at, bad)
	if f.Meta.Figures != "" && f.Meta.Figures != "live" && f.Meta.Figures != "locked" {
		bad(at("figures"), "figures: %q is not live or locked (live: show figures computed from the current data; locked, the default: as published, from figures.lock)", f.Meta.Figures)
	}
	if f.Meta.Image != "" {
		if err := urlattr.CheckImage(f.Meta.Image); err != nil {
			bad(max(find("image"), find("images.0"), 1), "image: %v", err) // images: Hugo's list
		}
	}
	if alt := f.Meta.ImageAlt; alt != "" && f.Meta.Image == "" {
		bad(at("imageAlt"), "imageAlt describes image, which is not set: set image, or delete imageAlt (a chart's social card has its description as alt text)")
	} else if i := strings.IndexFunc(alt, unicode.IsControl); i >= 0 {
		bad(at("imageAlt"), "imageAlt holds the control character %U, which a meta tag cannot show: write it on one line", []rune(alt[i:])[0])
	}
	if id := f.Meta.FeedID; id != "" {
		if f.Kind != Article {
			bad(at("feedID"), "feedID is an article's id in feeds, and a page is in no feed: delete it")
		} else if msg := checkFeedID(id); msg != "" {
			bad(at("feedID"), "%s", msg)
		}
	}
	if f.Meta.Slug != "" {
		f.SlugLine = keyLine(fm, "slug")
	}
	if len(f.Meta.Aliases) > 0 {
		f.AliasesLine = keyLine(fm, "aliases")
	}
	// A key keyLine does not find at the start of a line (Zola's
	// [taxonomies] table) is found by parsing again, as an error is.
	lineOf := func(key string) int {
		if n := keyLine(fm, key); n > 0 {
			return n
		}
		return find(key)
	}
	if len(f.Meta.Tags) > 0 {
		f.TagsLine = lineOf("tags")
	}
	if f.Meta.Summary != "" {
		f.SummaryLine = cmp.Or(keyLine(fm, "summary"), keyLine(fm, "description"), find("summary"), at("description"))
	}
	if len(f.Meta.Authors) > 0 {
		f.AuthorLine = lineOf("authors")
	} else if len(f.Meta.Author) > 0 {
		f.AuthorLine = lineOf("author")
	}
	if f.Kind == Article && f.Meta.Slug == "" && Slugify(f.Name) == "" && strings.TrimSpace(f.Meta.Title) != "" && Slugify(f.Meta.Title) == "" {
		// Neither the name nor the title gives the URL a slug: it would
		// be /2025/03// (or /.html), under :slug and :title alike.
		bad(at("title"), "no URL can be made for the article: neither its file name %q nor its title %q has a letter or digit: add a slug to the front matter, as in slug: my-article", f.Name, f.Meta.Title)
	}
	if f.Meta.Slug != "" && Slugify(f.Meta.Slug) != f.Meta.Slug {
		try := Slugify(f.Meta.Slug)
		if try == "" {
			try = Slugify(f.Meta.Title)
		}
		if try != "" {
			bad(at("slug"), "slug %q may hold only lower-case letters, digits and dashes (try %q)", f.Meta.Slug, try)
		} else {
			bad(at("slug"), "slug %q may hold only lower-case letters, digits and dashes", f.Meta.Slug)
		}
	}
	// Over MaxTerms tags, checkTerms says so, once, for them all.
	for _, tag := range f.Meta.Tags[:min(len(f.Meta.Tags), MaxTerms)] {
		if slug := Slugify(tag); slug == "" {
			bad(at("tags"), "tag %q has no letters or digits, so no URL can be made of it: add a word, or remove it", tag)
		} else if len(slug) > MaxNameLen {
			bad(at("tags"), "%s", longName("tag", tag, slug))
		}
	}
	errs = append(errs, sc.checkTerms(&f.Meta, p, at)...)
	for i, a := range f.Meta.Aliases {
		line := at("aliases." + strconv.Itoa(i)) // a list's item, else the key
		if line == 1 {
			line = at("aliases")
		}
		if path, msg := checkAlias(p, a); msg != "" {
			bad(line, "%s", msg)
		} else {
			f.Meta.Aliases[i] = path
		}
	}
	return f, errors.Join(sayOnce(errs)...)
}

// datedName matches a Jekyll post's name, YEAR-MONTH-DAY-title: the date
// and the title part.
var datedName = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2})-(.*[\p{L}\p{N}].*)$`)
