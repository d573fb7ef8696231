package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/output"
)

// runEmail builds the site in memory and prints the email edition of the
// article at PATH (its markdown file or bundle folder, relative to the
// current folder or to --source): email.html, or email.txt with --text.
func runEmail(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tearsheet email", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: tearsheet email [flags] PATH\n\nPrints the email edition of the article at PATH (its markdown file or bundle folder) to stdout.")
		fl.PrintDefaults()
	}
	source := fl.String("source", ".", "the site folder (holding site.yaml)")
	text := fl.Bool("text", false, "print the plain-text part (email.txt) instead of the HTML")
	var baseURL string
	baseURLFlag(fl, &baseURL)
	drafts := fl.Bool("drafts", false, "include articles marked draft: true")
	future := fl.Bool("future", false, "include articles dated in the future")
	// PATH may come before or after the flags.
	var paths []string
	for {
		if code, ok := parseOnce(fl, args); !ok {
			return code
		}
		if fl.NArg() == 0 {
			break
		}
		paths, args = append(paths, fl.Arg(0)), fl.Args()[1:]
	}
	if len(paths) != 1 {
		fmt.Fprintln(stderr, "error: tearsheet email takes one PATH, the article's markdown file or folder: tearsheet email content/posts/rally/index.md")
		return 2
	}
	if info, err := os.Stat(*source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "error: --source %s: not a folder\n", *source)
		return 1
	}
	if err := pathExists(*source, paths[0]); err != nil {
		fmt.Fprintf(stderr, "error: %s\n", err)
		return 1
	}
	if msg := emailBaseURL(*source, baseURL); msg != "" {
		fmt.Fprintln(stderr, "error: "+msg)
		return 1
	}
	mem := output.NewMemory()
	res, err := build.Build(ctx, build.SourceFS(*source), build.Options{BaseURL: baseURL, Drafts: *drafts, Future: *future, Cache: chartCache(*source)}, mem)
	if err != nil {
		printErrors(stderr, err)
		fmt.Fprintln(stderr, "email: the site does not build")
		return 1
	}
	want := sitePath(*source, paths[0])
	var outs, known []string
	for out, src := range res.Sources {
		if src == want || strings.HasPrefix(src, want+"/") && content.IsIndex(src) && path.Dir(src) == want {
			outs = append(outs, out)
		}
		known = append(known, src)
	}
	name := build.EmailHTML
	if *text {
		name = build.EmailText
	}
	for _, out := range outs {
		if data, ok := mem.Get(build.Beside(out, name)); ok {
			stdout.Write(data)
			return 0
		}
	}
	sort.Strings(known)
	if len(outs) > 0 {
		fmt.Fprintf(stderr, "error: %s: a page, not an article: only articles have an email edition\n", paths[0])
	} else {
		fmt.Fprintf(stderr, "error: %s: no article of the site is made from it (is it a draft or dated in the future? try --drafts or --future)\n", paths[0])
	}
	return 1
}

// emailBaseURL says why the email edition cannot be made with the base
// URL given (flag, else site.yaml's), or "" when it can: a path, such as
// the "/" tearsheet init writes, makes links that lead nowhere from an
// inbox. An unreadable site.yaml is left to the build to report.
func emailBaseURL(source, flagURL string) string {
	base, what := flagURL, "--baseURL"
	if base == "" {
		f, err := build.SourceFS(source).Open(build.ConfigFile)
		if err != nil {
			return ""
		}
		defer f.Close()
		cfg, err := config.Load(f, build.ConfigFile)
		if err != nil {
			return ""
		}
		base, what = cfg.BaseURL, "site.yaml's baseURL"
	}
	if u, err := url.Parse(base); err != nil || u.Host != "" {
		return ""
	}
	return fmt.Sprintf("%s %q is a path, so the email's links and images would lead nowhere from an inbox: "+
		"give the address the site is published at, e.g. --baseURL https://USER.github.io/REPO/", what, base)
}

// pathExists says, when PATH of an article names nothing, either relative
// to the current folder or to the site folder source, that it does not:
// the build would only find no article made from it.
func pathExists(source, p string) error {
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	if _, err := os.Stat(filepath.Join(source, p)); err == nil {
		return nil
	}
	return fmt.Errorf("%s: no such file or folder, in the current folder or in the site folder %s: give the article's markdown file or bundle folder, such as content/posts/rally/index.md", p, source)
}

// sitePath makes PATH, relative to the current folder or to the site
// folder source, a slash path within the site ("content/posts/x/index.md").
func sitePath(source, p string) string {
	p = filepath.Clean(p)
	if abs, err := filepath.Abs(p); err == nil {
		if root, err := filepath.Abs(source); err == nil {
			if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
				if _, err := os.Stat(abs); err == nil || !filepath.IsAbs(p) && source == "." {
					return filepath.ToSlash(rel)
				}
			}
		}
	}
	return filepath.ToSlash(p)
}
