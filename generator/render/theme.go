package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/tearsheet/tearsheet/generator/internal/fslink"
	"github.com/tearsheet/tearsheet/generator/internal/scratch"
	"github.com/tearsheet/tearsheet/generator/internal/term"

	"github.com/tearsheet/tearsheet/themes"
)

// Kinds lists the page templates a theme provides, each a file
// templates/KIND.html that defines "main" (and may define "title" and
// "head") for templates/base.html.
func Kinds() []string {
	return []string{"404", "alias", "archive", "article", "chart", "data", "dataset", "email", "embed", "home", "list", "page", "search", "subscribe", "tags", "thanks"}
}

// Asset is a static file of the theme or the site, copied to the output.
type Asset struct {
	Out  string // output name, such as "css/main.3f2a9c1d.css"
	Src  string // source path in the site file system
	Data []byte // contents, when the theme rewrote or fingerprinted it
}

// Theme is a parsed theme: one template set per page kind, and its assets.
// It is read-only once loaded and safe for concurrent use.
type Theme struct {
	sets   map[string]*template.Template
	Assets []Asset // sorted by their path under static/
	// CSS maps a stylesheet's name in the theme ("css/main.css") to its
	// fingerprinted output name.
	CSS map[string]string

	sum   string            // see Sum
	files map[string]string // template name -> its file, as messages name it
	// broken are the templates whose files did not parse (Load reports
	// them): a page or partial that needs one fails with ErrNotLoaded.
	broken map[string]bool

	// MaxTime is the longest one execution of a template may run
	// (DefaultMaxTime when zero): see execute.
	MaxTime time.Duration
	// bufs holds the buffers executions write into (see execute).
	bufs sync.Pool
}

// ErrNotLoaded is the error of rendering with a template that did not
// load. It is only a consequence of the template's own error, which Load
// returns, names its file and line and is what to fix: a build reports
// that one and leaves out these (joinUnique, in generator/build).
var ErrNotLoaded = errors.New("the template did not load (see its error)")

// Sum identifies the templates: a hash of the name and bytes of every
// template file as Load parsed them. Themes with the same Sum render the
// same data alike (with the same template functions).
func (t *Theme) Sum() string { return t.sum }

// ThemesDir and LayoutsDir are the folders of a site that hold themes and
// the site's own template overrides; StaticDir holds files copied as they are.
const (
	ThemesDir  = "themes"
	LayoutsDir = "layouts"
	StaticDir  = "static"
)

// layer is a folder whose files make up part of a theme: a folder of the
// built-in theme, or of the site. Of two layers with a file at the same
// relative path, the later one wins.
type layer struct {
	fsys    fs.FS
	dir     string // the folder in fsys
	show    string // the folder as messages and Asset.Src name it
	builtin bool   // the built-in theme, not the site's files
}

// source is where one file of a theme comes from.
type source struct {
	fsys    fs.FS
	path    string // in fsys
	show    string // for messages
	builtin bool
}

// WellKnown is the one hidden folder whose files a theme's or the site's
// static/ publishes: the web's place for site metadata (RFC 8615), such as
// security.txt or a domain's verification file.
const WellKnown = ".well-known"

// walk lists the files of each layer by path relative to its folder, later
// layers taking the place of earlier ones. A missing folder adds nothing;
// hidden files, and hidden folders but WellKnown, are skipped; keep (when
// not nil) picks the files to list.
func walk(layers []layer, keep func(rel string) bool) (map[string]source, error) {
	files := map[string]source{}
	var linkErrs []error
	for _, l := range layers {
		err := fs.WalkDir(l.fsys, l.dir, func(p string, d fs.DirEntry, err error) error {
			rel := strings.TrimPrefix(p, l.dir+"/")
			if err != nil && p != l.dir {
				// A folder that cannot be read is reported with the
				// build's other problems, and the walk goes on.
				linkErrs = append(linkErrs, fmt.Errorf("%s: %w", path.Join(l.show, rel), err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if err != nil {
				return err
			}
			if p != l.dir && strings.ContainsFunc(d.Name(), unicode.IsControl) {
				// Quoted: a line break in the name would split the message.
				linkErrs = append(linkErrs, fmt.Errorf("%s: the name holds a control character such as a line break or a tab, which messages, logs and tools that read a name a line cannot show: rename it", strconv.Quote(path.Join(l.show, rel))))
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() && p != l.dir && strings.HasPrefix(d.Name(), ".") && d.Name() != WellKnown {
				// A hidden folder (.git of a nested checkout, whose config
				// may hold a token in a remote's URL; .svn, .idea) is not
				// the site's: its files were published while hidden files
				// were not. .well-known/ (RFC 8615) is published.
				return fs.SkipDir
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") || scratch.File(d.Name()) || keep != nil && !keep(rel) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Reported now, with the build's other problems.
				if err := fslink.Check(l.fsys, p, l.show); err != nil {
					linkErrs = append(linkErrs, err)
					return nil
				}
			}
			if !d.Type().IsRegular() {
				// A named pipe, a socket or a device: reported now, not
				// when the build copies it (a build's SourceFS refuses it).
				if info, err := fs.Stat(l.fsys, p); err != nil {
					linkErrs = append(linkErrs, fmt.Errorf("%s: %w", path.Join(l.show, rel), err))
					return nil
				} else if !info.Mode().IsRegular() && !info.IsDir() {
					linkErrs = append(linkErrs, fmt.Errorf("%s: not a regular file (mode %s): tearsheet reads files and folders only; remove it, or put a file in its place", path.Join(l.show, rel), info.Mode()))
					return nil
				}
			}
			files[rel] = source{fsys: l.fsys, path: p, show: path.Join(l.show, rel), builtin: l.builtin}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading %s: %w", l.show, err)
		}
	}
	if len(linkErrs) > 0 {
		return nil, errors.Join(linkErrs...)
	}
	return files, nil
}

// layers returns the folders that make up part sub ("templates" or
// "static") of the theme name in the site fsys: the built-in default
// theme's (for the theme named default), the site's themes/NAME/SUB, then
// site, the site's own folder (layouts/ or static/).
func layers(fsys fs.FS, name, sub, site string) []layer {
	root := path.Join(ThemesDir, name, sub)
	var ls []layer
	if name == themes.DefaultName {
		ls = append(ls, layer{fsys: themes.Default(), dir: sub, show: root, builtin: true})
	}
	return append(ls, layer{fsys: fsys, dir: root, show: root},
		layer{fsys: fsys, dir: site, show: site})
}

// Load parses the theme named name from fsys (themes/NAME/templates/*.html,
// with any file of the same name under layouts/ taking its place) and lists
// its static files (themes/NAME/static/, then the site's static/, which wins).
// The theme named default is built into tearsheet (see package themes): a
// site's themes/default/ holds only the files it changes, each taking the
// place of the built-in file at the same path. Stylesheets under css/ are
// fingerprinted by content hash.
func Load(fsys fs.FS, name string) (*Theme, error) {
	root := path.Join(ThemesDir, name)
	files, err := walk(layers(fsys, name, "templates", LayoutsDir), func(rel string) bool { return path.Ext(rel) == ".html" })
	if err != nil {
		return nil, err
	}
	if _, ok := files["base.html"]; !ok {
		return nil, fmt.Errorf("theme %q: %s/templates/base.html not found (set theme in site.yaml to a folder of themes/, or to default, the built-in theme): %w", name, root, fs.ErrNotExist)
	}
	t := &Theme{sets: map[string]*template.Template{}, CSS: map[string]string{}, files: map[string]string{}, broken: map[string]bool{}}
	for n, src := range files {
		t.files[n] = src.show
	}
	// A static file that cannot be read fails the build, but the theme
	// still loads, so that the same build reports the content's errors.
	var errs []error
	if err := t.loadAssets(fsys, name); err != nil {
		errs = append(errs, err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	common := template.New("").Funcs(t.funcs())
	sum := sha256.New()
	kinds := map[string]bool{}
	for _, k := range Kinds() {
		kinds[k+".html"] = true
	}
	for _, n := range names {
		if kinds[n] {
			continue
		}
		if err := parse(common, n, files[n], func(empty bool) string { return fixHint(fsys, name, n, files[n], empty) }, sum); err != nil {
			errs = append(errs, err)
			t.broken[n] = true
		}
	}
	for _, k := range Kinds() {
		src, ok := files[k+".html"]
		if !ok {
			// Marked broken, so that the pages and charts that need it
			// fail with ErrNotLoaded, which a build leaves out for this
			// error, rather than each with an error of its own.
			t.broken[k+".html"] = true
			errs = append(errs, fmt.Errorf("%s/templates/%s.html is missing: theme %q needs a template for each kind of page; write it, or copy the built-in one (tearsheet theme eject writes them all to %s/default/templates)", root, k, name, ThemesDir))
			continue
		}
		set, err := common.Clone()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", src.show, err))
			continue
		}
		if err := parse(set, k+".html", src, func(empty bool) string { return fixHint(fsys, name, k+".html", src, empty) }, sum); err != nil {
			errs = append(errs, err)
			t.broken[k+".html"] = true
			continue
		}
		t.sets[k] = set
	}
	t.sum = hex.EncodeToString(sum.Sum(nil))
	return t, errors.Join(errs...)
}

var tmplErrRe = regexp.MustCompile(`^template: [^:]+:(\d+)(?::(\d+))?: `)

// parse adds the file src to set under name, making parse errors read
// "themes/default/templates/x.html:12: message (how to fix it)", and
// writes name and bytes to sum. An empty file (or one of white space) is
// an error too: it would publish pages without their content, unnoticed.
func parse(set *template.Template, name string, src source, hint func(empty bool) string, sum io.Writer) error {
	b, err := fs.ReadFile(src.fsys, src.path)
	if err != nil {
		return fmt.Errorf("%s: %w", src.show, err)
	}
	fmt.Fprintf(sum, "%q %d\n", name, len(b))
	sum.Write(b)
	if len(bytes.TrimSpace(b)) == 0 {
		return fmt.Errorf("%s:1: the template is empty: the pages that use it would be published without what it shows (%s)", src.show, hint(true))
	}
	if _, err := set.New(name).Parse(string(b)); err != nil {
		msg := err.Error()
		if strings.HasSuffix(msg, ": unexpected EOF") {
			msg += ": an {{if}}, {{range}}, {{with}}, {{block}} or {{define}} has no {{end}}"
		}
		if m := tmplErrRe.FindStringSubmatch(msg); m != nil {
			at := m[1]
			if m[2] != "" {
				at += ":" + m[2]
			}
			return fmt.Errorf("%s:%s: %s (%s)", src.show, at, msg[len(m[0]):], hint(false))
		}
		return fmt.Errorf("%s: %w (%s)", src.show, err, hint(false))
	}
	return nil
}

// fallback names the file that would take the place of src, at rel
// under the templates of the theme name, were it deleted: "the built-in
// one", another theme file (one under layouts/ hides the theme's), or ""
// when none would.
func fallback(fsys fs.FS, name, rel string, src source) string {
	if src.builtin {
		return ""
	}
	ls := layers(fsys, name, "templates", LayoutsDir)
	for i := len(ls) - 1; i > 0; i-- {
		if ls[i].show != strings.TrimSuffix(src.show, "/"+rel) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if _, err := fs.Stat(ls[j].fsys, path.Join(ls[j].dir, rel)); err != nil {
				continue
			}
			if ls[j].builtin {
				return "the built-in one"
			}
			return path.Join(ls[j].show, rel)
		}
	}
	return ""
}

// fixHint says how to mend the template file src, at rel under the
// templates of the theme name, that does not parse (empty false) or is
// empty.
func fixHint(fsys fs.FS, name, rel string, src source, empty bool) string {
	fb := fallback(fsys, name, rel, src)
	switch {
	case !empty && fb == "":
		return "fix the template"
	case !empty:
		return "fix the template, or delete the file to use " + fb
	}
	hint := "write the template"
	if fb == "the built-in one" {
		hint = "delete the file to use the built-in one, and run tearsheet theme eject to copy it back for editing"
	} else if fb != "" {
		hint += ", or delete the file to use " + fb
	}
	return hint + "; to render nothing on purpose, write a comment: {{/* empty */}}"
}

// loadAssets lists the static files of the theme name and the site. A
// built-in file is read now (its Data is set): the site's file system does
// not hold it.
func (t *Theme) loadAssets(fsys fs.FS, name string) error {
	files, err := walk(layers(fsys, name, "static", StaticDir), nil)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, rel := range keys {
		src := files[rel]
		a := Asset{Out: rel, Src: src.path}
		if src.builtin {
			a.Src = src.show
		}
		css := strings.HasPrefix(rel, "css/") && path.Ext(rel) == ".css"
		if css || src.builtin {
			b, err := fs.ReadFile(src.fsys, src.path)
			if err != nil {
				return fmt.Errorf("%s: %w", src.show, err)
			}
			a.Data = b
		}
		if css {
			sum := sha256.Sum256(a.Data)
			a.Out = strings.TrimSuffix(rel, ".css") + "." + hex.EncodeToString(sum[:])[:10] + ".css"
			t.CSS[rel] = a.Out
		}
		t.Assets = append(t.Assets, a)
	}
	return nil
}

// Execute renders the page kind with data into w. w receives the whole
// page or, on an error, nothing: one that ran longer than MaxTime is
// ErrTooSlow.
func (t *Theme) Execute(w io.Writer, kind string, data *Data) error {
	set, ok := t.sets[kind]
	if !ok {
		if t.broken[kind+".html"] {
			return fmt.Errorf("template %s.html: %w", kind, ErrNotLoaded)
		}
		return fmt.Errorf("theme has no %s template", kind)
	}
	if err := t.execute(set, w, "base.html", data); err != nil {
		return t.execError(err, kind+".html")
	}
	return nil
}

// Has reports whether the theme has the shared template name.
func (t *Theme) Has(name string) bool {
	set, ok := t.sets["article"]
	return ok && set.Lookup(name) != nil
}

// ExecutePartial renders the shared template name (such as
// "partials/figure.html") with data.
func (t *Theme) ExecutePartial(w io.Writer, name string, data any) error {
	set, ok := t.sets["article"]
	switch {
	case t.broken[name]:
		return fmt.Errorf("template %s: %w", name, ErrNotLoaded)
	case !ok && t.broken["article.html"]:
		// The shared templates are executed from article.html's set.
		return fmt.Errorf("template %s (through article.html): %w", name, ErrNotLoaded)
	case !ok:
		return fmt.Errorf("theme has no article template")
	}
	if set.Lookup(name) == nil {
		return fmt.Errorf("theme has no %s", name)
	}
	if err := t.execute(set, w, name, data); err != nil {
		return t.execError(err, name)
	}
	return nil
}

func (t *Theme) funcs() template.FuncMap {
	return template.FuncMap{
		// date formats a time with a Go layout: {{date .Article.Date "2 Jan 2006"}}.
		"date": func(tm time.Time, layout string) string { return tm.Format(layout) },
		// iso formats a time as RFC 3339 in UTC, for datetime attributes.
		"iso": func(tm time.Time) string { return tm.UTC().Format(time.RFC3339) },
		// isoDate formats the date of a datum (a CSV row's date, which has no
		// time of day or zone) as an HTML date, 2023-09-01: as an instant,
		// 2023-09-01T00:00:00Z, it would be 31 August in New York.
		"isoDate": func(tm time.Time) string { return tm.Format("2006-01-02") },
		// plural picks the singular or plural word for n: {{plural 3 "article" "articles"}}.
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"add": func(a, b int) int { return a + b },
		// heightAt is the height of a W by H image shown WIDTH wide,
		// rounded, for an img's height attribute: {{heightAt .PNGNarrowWidth
		// .PNGNarrowHeight 400}}. Zero when W is not positive.
		"heightAt": HeightAt,
		// thousands writes n with a comma between groups of three digits:
		// {{thousands .Rows}} gives 1,833.
		"thousands": term.Thousands,
		// partialCached renders a partial once per build for each set of
		// variant values and reuses the HTML on every page, as Hugo's
		// function of the same name does: {{partialCached
		// "partials/footer.html" . .Page.Kind}}. The partial's output may
		// depend only on site-wide data and the variants.
		"partialCached": t.partialCached,
	}
}

// Partials keeps the output of partialCached for one build. Pages get it
// through Data.UsePartials; safe for concurrent use.
type Partials struct {
	mu   sync.Mutex
	html map[string]template.HTML
}

// NewPartials returns an empty Partials.
func NewPartials() *Partials { return &Partials{html: map[string]template.HTML{}} }

func (t *Theme) partialCached(name string, data *Data, variants ...any) (template.HTML, error) {
	key := name
	for _, v := range variants {
		key += "\x00" + fmt.Sprint(v)
	}
	p := data.partials
	if p != nil {
		p.mu.Lock()
		h, ok := p.html[key]
		p.mu.Unlock()
		if ok {
			return h, nil
		}
	}
	var buf bytes.Buffer
	if err := t.ExecutePartial(&buf, name, data); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	if p != nil {
		p.mu.Lock()
		p.html[key] = h
		p.mu.Unlock()
	}
	return h, nil
}
