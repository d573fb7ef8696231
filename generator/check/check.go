// Package check builds a site into memory and checks what a reader would
// trip over: internal links and anchors that lead nowhere, images (and
// social-card images) that were not built, and datasets whose newest row is older than site.yaml's
// check.maxDataAge. Problems name the source markdown file and line when
// the link can be found there, a menu entry's line of site.yaml, else the
// output page; a link or anchor one
// or two letters off a page or id of the site suggests it.
package check

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/internal/suggest"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Problem is one thing check found.
type Problem struct {
	Place string // "content/posts/x.md:12", or an output page such as "about/index.html"
	Msg   string
	// Also counts the other output pages with the same problem (a broken
	// menu link is on every page); they are reported once.
	Also int
}

// String returns "place: message", with the count of other pages.
func (p Problem) String() string {
	s := p.Place + ": " + p.Msg
	if p.Also > 0 {
		s += fmt.Sprintf(" (and on %d other %s)", p.Also, plural(p.Also, "page", "pages"))
	}
	return s
}

// Report is what Run found.
type Report struct {
	Build    *build.Result
	Links    int // URLs checked
	Errors   []Problem
	Warnings []Problem
}

// Run builds the site in fsys into memory with opts and checks it. The
// error is the build's: a site that does not build is not checked.
func Run(ctx context.Context, fsys fs.FS, opts build.Options) (*Report, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	mem := output.NewMemory()
	res, err := build.Build(ctx, fsys, opts, mem)
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfig(fsys, opts)
	if err != nil {
		return nil, err
	}
	c := &checker{fsys: fsys, mem: mem, res: res, cfg: cfg, ids: map[string]map[string]bool{}, sources: map[string][]string{}, near: map[string]string{}}
	r := &Report{Build: res}
	for _, w := range res.Warnings {
		r.Warnings = append(r.Warnings, splitPlace(w))
	}
	r.Errors, r.Links = c.links()
	r.Warnings = append(r.Warnings, c.freshness(opts.Now)...)
	return r, nil
}

func loadConfig(fsys fs.FS, opts build.Options) (*config.Config, error) {
	src, err := fs.ReadFile(fsys, build.ConfigFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", build.ConfigFile, err)
	}
	cfg, err := config.Load(bytes.NewReader(src), build.ConfigFile)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		if cfg.BaseURL, err = config.NormalizeBaseURL(opts.BaseURL); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// splitPlace turns "file: message" into a Problem.
func splitPlace(s string) Problem {
	if place, msg, ok := strings.Cut(s, ": "); ok && !strings.Contains(place, " ") {
		return Problem{Place: place, Msg: msg}
	}
	return Problem{Place: build.ConfigFile, Msg: s}
}

type checker struct {
	fsys fs.FS
	mem  *output.Memory
	res  *build.Result
	cfg  *config.Config
	ids  map[string]map[string]bool // output page -> its ids
	// paths are the site's pages and files as URL paths, made for the
	// first missing one; near holds each missing path's suggestion, since
	// a template's broken link is missing on every page.
	paths   []string
	near    map[string]string
	sources map[string][]string // source file -> its lines
}

// pageIDs returns the ids of an output HTML page, scanning it once.
func (c *checker) pageIDs(name string) map[string]bool {
	if ids, ok := c.ids[name]; ok {
		return ids
	}
	b, _ := c.mem.Get(name)
	ids, _ := scan(b)
	c.ids[name] = ids
	return ids
}

// links checks every URL of every HTML page.
func (c *checker) links() ([]Problem, int) {
	base := c.cfg.BasePath()
	menu, menuHref := c.menuLinks(base)
	var probs []Problem
	n := 0
	for _, page := range c.mem.Names() {
		if path.Ext(page) != ".html" || path.Base(page) == build.EmailHTML {
			// An email edition's links are its article's, made absolute:
			// the article's check names the file and line.
			continue
		}
		b, _ := c.mem.Get(page)
		ids, refs := scan(b)
		c.ids[page] = ids
		pageURL := &url.URL{Path: base + page}
		cards := map[string]bool{} // og:image and twitter:image name one file
		for _, r := range refs {
			if r.tag == "meta" {
				if cards[r.value] {
					continue
				}
				cards[r.value] = true
			}
			msg := c.resolve(pageURL, page, r, base)
			if msg == "" {
				continue
			}
			n++
			if msg == "ok" {
				continue
			}
			place := c.place(page, r, base)
			if r.tag == "meta" && !isSourcePlace(place) {
				if p := c.imagePlace(r.value); p != "" {
					place = p
				}
			}
			if menuHref[r.value] && !isSourcePlace(place) {
				continue // the menu's copy, reported at site.yaml
			}
			probs = append(probs, Problem{Place: place, Msg: msg})
		}
	}
	return append(group(probs), menu...), n
}

// resolve checks one URL: "" when it is not the site's (external,
// mailto:), "ok" when it leads somewhere, else what is wrong.
func (c *checker) resolve(pageURL *url.URL, page string, r ref, base string) string {
	what := "link to " + r.value
	if r.tag == "img" || r.tag == "source" || r.tag == "audio" || r.tag == "video" {
		what = "image " + r.value
	} else if r.tag == "meta" {
		what = "social-card image (og:image) " + r.value
	} else if r.tag == "script" || r.attr == "href" && r.tag == "link" {
		what = "asset " + r.value
	}
	if r.value == "" {
		what = strings.TrimSuffix(strings.TrimSpace(what), " to")
		if what == "link" {
			return "link with an empty address, which leads nowhere: give the address, or write the text without the link"
		}
		return what + " with an empty address, which shows nothing: give the address, or remove it"
	}
	u, err := url.Parse(r.value)
	if err != nil {
		return fmt.Sprintf("%s: malformed URL: %v", what, err)
	}
	if u.Scheme != "" || u.Host != "" {
		own, err := url.Parse(c.cfg.BaseURL)
		if err != nil || own.Host == "" || !strings.EqualFold(u.Host, own.Host) || !strings.HasPrefix(u.Path, base) {
			return "" // another site, mailto:, data:
		}
		u = &url.URL{Path: u.Path, Fragment: u.Fragment}
	}
	if u.Path == "" && u.Fragment == "" {
		return ""
	}
	target := pageURL.ResolveReference(u)
	if target.Path+"/" == base {
		target.Path = base
	}
	if !strings.HasPrefix(target.Path, base) {
		return fmt.Sprintf("%s: outside the site's base path %s", what, base)
	}
	name := site.OutFile("/" + strings.TrimPrefix(target.Path, base))
	if u.Path == "" {
		name = page
	}
	if _, ok := c.mem.Get(name); !ok {
		if _, ok := c.mem.Get(name + "/index.html"); ok {
			name += "/index.html"
		} else {
			return what + ": no such page or file in the built site" + c.basePathTwice(target.Path, base)
		}
	}
	if frag := u.Fragment; frag != "" && path.Ext(name) == ".html" {
		if ids := c.pageIDs(name); !ids[frag] {
			msg := fmt.Sprintf("%s: %s has no element with id %q", what, name, frag)
			if near := suggest.Closest(frag, slices.Collect(maps.Keys(ids))); near != "" {
				msg += " (did you mean #" + near + "?)"
			}
			return msg
		}
	}
	return "ok"
}

// basePathTwice is the hint for the missing path p: when p is the base
// path twice before a page or file the site has, the link was written with
// the base path, which markdown puts before every site path (and so would
// every other base path); else nearPage's.
func (c *checker) basePathTwice(p, base string) string {
	twice := base + strings.TrimPrefix(base, "/")
	if base == "/" || !strings.HasPrefix(p, twice) {
		return c.nearPage(p, base)
	}
	rest := "/" + strings.TrimPrefix(p, twice)
	name := site.OutFile(rest)
	if _, ok := c.mem.Get(name); !ok {
		if _, ok := c.mem.Get(name + "/index.html"); !ok {
			return c.nearPage(p, base)
		}
	}
	return fmt.Sprintf("%s %s, which every site path gets: write %s)", basePathHint, base, rest)
}

// basePathHint starts basePathTwice's hint.
const basePathHint = " (it was written with the base path"

// nearPage returns " (did you mean P?)" for the page or file of the
// built site whose path P is one or two letters off the missing path p
// (under base), else "".
func (c *checker) nearPage(p, base string) string {
	if hint, ok := c.near[p]; ok {
		return hint
	}
	if c.paths == nil {
		for _, n := range c.mem.Names() {
			if !strings.HasPrefix(n, "_") {
				c.paths = append(c.paths, base+strings.TrimSuffix(n, "index.html"))
			}
		}
	}
	hint := ""
	if near := suggest.Closest(p, c.paths); near != "" {
		hint = " (did you mean " + near + "?)"
	}
	c.near[p] = hint
	return hint
}

// place finds where the URL of r was written: the line of the page's
// source markdown that holds it (as written, without the base path),
// else the output page.
func (c *checker) place(page string, r ref, base string) string {
	value := r.value
	src, ok := c.res.Sources[page]
	if !ok {
		return page
	}
	lines, ok := c.sources[src]
	if !ok {
		b, err := fs.ReadFile(c.fsys, src)
		if err == nil {
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(nil, 1<<24)
			for sc.Scan() {
				lines = append(lines, sc.Text())
			}
		}
		c.sources[src] = lines
	}
	if value == "" {
		// Every line has an empty string: only a link or image written
		// empty ([text](), ![alt]()) or raw HTML's empty attribute holds
		// this one.
		re := emptyLink
		if r.tag == "img" {
			re = emptyImage
		}
		for i, l := range lines {
			if re.MatchString(l) || strings.Contains(l, " "+r.attr+`=""`) {
				return fmt.Sprintf("%s:%d", src, i+1)
			}
		}
		return page
	}
	// A URL of the site's own host was written so (a link with the site's
	// whole address), or as its path (a social card's image).
	var needles []string
	if u, err := url.Parse(value); err == nil && u.Host != "" {
		if own, err := url.Parse(c.cfg.BaseURL); err == nil && strings.EqualFold(u.Host, own.Host) {
			needles = append(needles, "("+value, "<"+value, "]: "+value, `"`+value)
			value = u.Path
		}
	}
	// ": " is a front-matter value (image: /img/card.png).
	needles = append(needles, "("+value, "<"+value, "]: "+value, `"`+value, ": "+value)
	if base != "/" && strings.HasPrefix(value, base) {
		v := "/" + strings.TrimPrefix(value, base)
		needles = append(needles, "("+v, "<"+v, "]: "+v, `"`+v, ": "+v)
	}
	// Last, a front-matter image named beside the page (image: card.png),
	// which the page carries resolved against its own URL.
	if name := path.Base(value); name != "." && name != "/" {
		needles = append(needles, "image: "+name, `image: "`+name+`"`)
	}
	for _, needle := range needles {
		for i, l := range lines {
			if strings.Contains(l, needle) {
				return fmt.Sprintf("%s:%d", src, i+1)
			}
		}
	}
	return page
}

// emptyLink and emptyImage match a markdown link and image written
// without an address.
var (
	emptyLink  = regexp.MustCompile(`(^|[^!])\[[^\]]*\]\(\s*(<>)?\s*\)`)
	emptyImage = regexp.MustCompile(`!\[[^\]]*\]\(\s*(<>)?\s*\)`)
)

// group reports a problem found on many output pages once: at its source
// line when one was found (a summary repeats an article's links in lists),
// else at the first page.
func group(probs []Problem) []Problem {
	var out []Problem
	at := map[string]int{}
	seen := map[Problem]bool{}
	for _, p := range probs {
		if isSourcePlace(p.Place) {
			if seen[p] {
				continue // the same link at the same line, in a menu too
			}
			seen[p] = true
			if _, ok := at[p.Msg]; !ok {
				at[p.Msg] = len(out)
			}
			out = append(out, p)
		}
	}
	for _, p := range probs {
		if isSourcePlace(p.Place) {
			continue
		}
		if i, ok := at[p.Msg]; ok {
			out[i].Also++
			continue
		}
		at[p.Msg] = len(out)
		out = append(out, p)
	}
	return out
}

// isSourcePlace tells "content/x.md:12" from an output page.
func isSourcePlace(place string) bool { return strings.Contains(place, ":") }

// freshness warns about datasets whose newest row is older than
// check.maxDataAge: CSV files under content/ (content/data/ and bundles)
// and data/.
func (c *checker) freshness(now time.Time) []Problem {
	age := c.cfg.Check.DataAge
	if age <= 0 {
		return nil
	}
	var files []string
	for _, dir := range []string{content.Dir, "data"} {
		err := fs.WalkDir(c.fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return fs.SkipDir
			}
			if !d.IsDir() && strings.EqualFold(path.Ext(p), ".csv") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return []Problem{{Place: dir, Msg: err.Error()}}
		}
	}
	sort.Strings(files)
	// A dataset's file is read as the build reads it: with its options
	// (skipLines, delimiter, dateFormat…) and within fetch.maxBytes.
	opts := map[string]data.LoadOptions{}
	for _, d := range c.cfg.Datasets {
		if d.File != "" {
			opts[d.File] = d.LoadOptions()
		}
	}
	var out []Problem
	for _, p := range files {
		b, err := data.ReadFile(c.fsys, p, c.cfg.Fetch.MaxBytes)
		if err != nil {
			msg := err.Error()
			var pe *data.ParseError
			if errors.As(err, &pe) {
				msg = pe.Err.Error()
			}
			out = append(out, Problem{Place: p, Msg: msg})
			continue
		}
		t, err := data.Load(bytes.NewReader(b), p, opts[p])
		if err != nil {
			errs := []error{err}
			var pes *data.ParseErrors
			if errors.As(err, &pes) { // one problem a line
				errs = pes.Unwrap()
			}
			for i, e := range errs {
				msg := e.Error()
				if i == 0 {
					msg += " (freshness not checked)"
				}
				out = append(out, splitPlace(msg))
			}
			continue
		}
		last := t.LastDate()
		if last.IsZero() {
			continue
		}
		if old := now.Sub(last); old > age {
			out = append(out, Problem{Place: p, Msg: fmt.Sprintf("newest row is %s, %d days old (check.maxDataAge is %s): add the newer rows to the file, or fetch it again if site.yaml gives its url, or raise check.maxDataAge in site.yaml",
				last.Format("2006-01-02"), int(old.Hours()/24), c.cfg.Check.MaxDataAge)})
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
