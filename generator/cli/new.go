package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/internal/suggest"
	"github.com/tearsheet/tearsheet/generator/site"
)

// runNew writes a new article or page and prints its path. It never
// overwrites: a file or bundle of that name is an error.
func runNew(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tearsheet new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site folder (holding site.yaml)")
	setUsage(fl, stderr, `tearsheet new post "Title" | tearsheet new page "Title" [--source DIR]`,
		"Starts a draft article, content/posts/SLUG/index.md, or a page, content/SLUG.md, and prints its path.\n"+
			"It never replaces a file: a file or bundle of that name is an error.")
	pos, code, ok := positional(fl, titlesAsArgs(fl, args))
	if !ok {
		return code
	}
	if msg := newArgsError(pos); msg != "" {
		fmt.Fprintln(stderr, "tearsheet new: "+msg)
		return 2
	}
	if len(pos) == 0 {
		fl.Usage()
		return 2
	}
	kind := content.Article
	if pos[0] == "page" {
		kind = content.Page
	}
	p, err := newFile(*source, kind, pos[1], time.Now())
	if err != nil {
		printErrors(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, p)
	// On stderr, so that stdout stays the path alone ($EDITOR "$(tearsheet new …)").
	fmt.Fprintln(stderr, `A draft: "tearsheet serve --drafts" shows it; remove "draft: true" to publish it.`)
	return 0
}

// newArgsError says what is wrong with new's arguments pos, the kind and
// the title, and what to type instead; "" when nothing, or none is given
// (then the usage says it).
func newArgsError(pos []string) string {
	const forms = `(tearsheet new post "Title", or new page "Title")`
	switch {
	case len(pos) == 0:
		return ""
	case pos[0] != "post" && pos[0] != "page":
		if s := suggest.Closest(pos[0], []string{"post", "page"}); s != "" {
			return fmt.Sprintf("unknown kind %q; did you mean %q? %s", pos[0], s, forms)
		}
		return fmt.Sprintf("unknown kind %q %s", pos[0], forms)
	case len(pos) == 1:
		return fmt.Sprintf(`the title is missing: tearsheet new %s "Title"`, pos[0])
	case len(pos) > 2:
		// The shell split a title typed without quotes.
		return fmt.Sprintf("the title is one argument: put it in quotes, tearsheet new %s %q", pos[0], strings.Join(pos[1:], " "))
	}
	return ""
}

// titlesAsArgs returns args with -- put before each argument that starts
// with a dash but cannot be a flag of fl, such as the title "-5% in a
// day": its name (the text after one or two dashes, up to "=") does not
// start with a letter or holds a character no flag name has, and it is not
// the value of the flag before it (--source -5dir). -5%, the title, would
// otherwise be an unknown flag; a mistyped flag (--sorce) still is one.
func titlesAsArgs(fl *flag.FlagSet, args []string) []string {
	out := make([]string, 0, len(args))
	value := false // a is the value of the flag before it
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		name, _, eq := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if strings.HasPrefix(a, "-") && !flagName(name) && !value {
			out = append(out, "--")
		}
		out = append(out, a)
		f := fl.Lookup(name)
		value = !value && strings.HasPrefix(a, "-") && f != nil && !eq && !isBool(f)
	}
	return out
}

// isBool reports whether f is a boolean flag, which takes no value after it.
func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// flagName reports whether s could name a flag: a letter, then letters,
// digits, dashes and underscores.
func flagName(s string) bool {
	for i, r := range s {
		if !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r) && r != '-' && r != '_') {
			return false
		}
	}
	return s != ""
}

// newFile writes the new file under source, dated now in the site's time
// zone, and returns its path.
func newFile(source string, kind content.Kind, title string, now time.Time) (string, error) {
	src, err := readSiteFile(source, build.ConfigFile, 64<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return "", build.MissingConfig()
	} else if err != nil {
		return "", fmt.Errorf("%s: %w", build.ConfigFile, err)
	}
	cfg, err := config.Load(bytes.NewReader(src), build.ConfigFile)
	if err != nil {
		return "", err
	}
	rel, text, err := content.NewFile(kind, title, now.In(cfg.Location), exampleChart(source, cfg))
	if err != nil {
		return "", err
	}
	if err := takenBySite(cfg, rel, text, now); err != nil {
		return "", err
	}
	// Another file that would make the same page is a clash too (under
	// content/: content/index.md is no bundle of content/ itself).
	for _, s := range content.SamePage(rel) {
		if !strings.HasPrefix(s, content.Dir+"/") {
			continue
		}
		if _, err := os.Lstat(filepath.Join(source, filepath.FromSlash(s))); err == nil {
			return "", fmt.Errorf("%s already exists: choose another title, or edit it", s)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	dst := filepath.Join(source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := out.Write(text); err != nil {
		out.Close()
		return "", err
	}
	return dst, out.Close()
}

// takenBySite returns an error when the new file rel, text, once no longer
// a draft, would be published where the site writes a page of its own
// (tearsheet new page "Search": the search page's search/index.html), as
// the build would say then. The site's own pages are those of a site
// without content; the new file's place is where it is laid out alone
// (its clashes with other files are SamePage's).
func takenBySite(cfg *config.Config, rel string, text []byte, now time.Time) error {
	f, err := content.Parse(rel, text, cfg.Location)
	if err != nil {
		return err
	}
	opts := site.Options{Drafts: true, Future: true, Now: now}
	// Laid out with the file, the site reports the clash too, but as the
	// site's page's; the file's place is what is wanted of it.
	alone, _ := site.New(cfg, []*content.File{f}, opts)
	own, err := site.New(cfg, nil, opts)
	if alone == nil || own == nil || err != nil {
		return nil // site.yaml's mistake, which the build reports
	}
	for _, p := range append(alone.Articles, alone.Pages...) {
		if why := own.Clash(p.Out, own.Folders()); why != "" {
			return fmt.Errorf("%s would be published at %s, but %s: choose another title", rel, p.Path, why)
		}
	}
	return nil
}

// exampleChart picks the data of a new article's example chart: the first
// dataset of site.yaml, by name, whose CSV file the site holds and reads,
// and its first value column; the zero value when there is none.
func exampleChart(source string, cfg *config.Config) content.ExampleChart {
	for _, name := range cfg.DatasetNames() {
		d := cfg.Datasets[name]
		if d.File == "" {
			continue
		}
		b, err := readSiteFile(source, d.File, cfg.Fetch.MaxBytes)
		if err != nil {
			continue
		}
		t, err := data.Load(bytes.NewReader(b), d.File, d.LoadOptions())
		if err != nil || len(t.Columns) == 0 {
			continue
		}
		return content.ExampleChart{Data: name, Column: t.Columns[0]}
	}
	return content.ExampleChart{}
}
