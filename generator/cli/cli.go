// Package cli is tearsheet's command line: it parses flags and wires the
// packages together. Run takes its arguments and writers, so tests call it
// directly without a subprocess.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/output"
)

const usage = `tearsheet builds a research site from markdown, data and a theme.

Usage:
  tearsheet build [flags]     build the site into public/
  tearsheet help              show this help

Run "tearsheet build -h" for the flags of a command.
`

// Run runs the command line args (without the program name) and returns
// the process exit code: 0 on success, 1 when the build failed, 2 on a
// usage error.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "build":
		return runBuild(ctx, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version":
		fmt.Fprintln(stdout, "tearsheet", build.Version)
		return 0
	}
	fmt.Fprintf(stderr, "tearsheet: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// buildFlags are the flags shared by the commands that build.
type buildFlags struct {
	source, destination, baseURL string
	drafts, future, noCache      bool
	cpuProfile, memProfile       string
}

func (f *buildFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the site folder (holding site.yaml)")
	fs.StringVar(&f.destination, "destination", "", "the output folder (default SOURCE/public)")
	fs.StringVar(&f.baseURL, "baseURL", "", "override site.yaml's baseURL, e.g. https://user.github.io/repo/")
	fs.BoolVar(&f.drafts, "drafts", false, "include articles marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include articles dated in the future")
	fs.BoolVar(&f.noCache, "no-cache", false, "render every chart again instead of reusing SOURCE/.cache/charts")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to `FILE` (go tool pprof)")
	fs.StringVar(&f.memProfile, "memprofile", "", "write a heap profile taken after the build to `FILE` (go tool pprof)")
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tearsheet build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f buildFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tearsheet build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	dest := f.destination
	if dest == "" {
		dest = filepath.Join(f.source, "public")
	}
	opts := build.Options{BaseURL: f.baseURL, Drafts: f.drafts, Future: f.future}
	if !f.noCache {
		opts.Cache = figure.DirCache{Dir: filepath.Join(f.source, ".cache", "charts")}
	}
	stopProfile, err := startProfile(f.cpuProfile, f.memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "tearsheet build: %s\n", err)
		return 1
	}
	res, err := Build(ctx, f.source, dest, opts)
	if perr := stopProfile(); perr != nil {
		fmt.Fprintf(stderr, "tearsheet build: %s\n", perr)
	}
	if err != nil {
		printErrors(stderr, err)
		fmt.Fprintf(stderr, "build failed; %s was left as it was\n", dest)
		return 1
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	c := res.Charts
	fmt.Fprintf(stdout, "built %d %s, %d %s, %d files into %s in %s; charts: %d rendered, %d cached; PNGs: %d rendered, %d cached\n",
		res.Articles, plural(res.Articles, "article", "articles"), res.Pages, plural(res.Pages, "page", "pages"),
		res.Files, dest, res.Duration.Round(time.Millisecond), c.Rendered, c.Cached, c.PNGRendered, c.PNGCached)
	return 0
}

// Build builds the site in the folder source into the folder dest,
// atomically: dest changes only when the whole build succeeded.
func Build(ctx context.Context, source, dest string, opts build.Options) (*build.Result, error) {
	if info, err := os.Stat(source); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("--source %s: not a folder", source)
	}
	stage, err := output.NewStage(dest)
	if err != nil {
		return nil, err
	}
	res, err := build.Build(ctx, os.DirFS(source), opts, stage)
	if err != nil {
		_ = stage.Abort()
		return nil, err
	}
	if err := stage.Commit(); err != nil {
		_ = stage.Abort()
		return nil, err
	}
	return res, nil
}

// printErrors prints each joined error on its own line, with a count.
func printErrors(w io.Writer, err error) {
	list := flatten(err)
	for _, e := range list {
		fmt.Fprintf(w, "error: %s\n", e)
	}
	if len(list) > 1 {
		fmt.Fprintf(w, "%d errors\n", len(list))
	}
}

func flatten(err error) []string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []string{err.Error()}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
