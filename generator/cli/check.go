package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/check"
	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// runCheck builds in memory and reports broken links, anchors and images
// (errors) and stale data (warnings). It exits 1 on errors, and on
// warnings too with --strict.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tearsheet check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site folder (holding site.yaml)")
	var baseURL string
	baseURLFlag(fl, &baseURL)
	drafts := fl.Bool("drafts", false, "include articles marked draft: true")
	future := fl.Bool("future", false, "include articles dated in the future")
	strict := fl.Bool("strict", false, "fail on warnings too, and on what build --strict refuses")
	neverFetchesFlag(fl)
	setUsage(fl, stderr, "tearsheet check [flags]",
		"Builds the site in memory, writing nothing, and checks its links, anchors, images and data freshness.\n"+
			"Give it the --baseURL the site is built with, so that links are checked at the address they are published at.\n"+
			"Exits 1 on errors (and on warnings with --strict).")
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	if info, err := os.Stat(*source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "error: --source %s: not a folder\n", *source)
		return 1
	}
	r, err := check.Run(ctx, build.SourceFS(*source), build.Options{BaseURL: baseURL, Drafts: *drafts, Future: *future, Strict: *strict, Cache: chartCache(*source)})
	if err != nil {
		printErrors(stderr, err)
		fmt.Fprintln(stderr, "check: the site does not build")
		return 1
	}
	st := term.For(stderr)
	var errs, warns []string
	for _, p := range r.Errors {
		errs = append(errs, p.String())
	}
	for _, p := range r.Warnings {
		warns = append(warns, p.String())
	}
	st.Errors(stderr, errs)
	st.Warnings(stderr, warns)
	out := term.For(stdout)
	verdict := out.Green("ok")
	if len(errs) > 0 || *strict && len(warns) > 0 {
		verdict = out.Red("failed")
	}
	fmt.Fprintf(stdout, "check %s: %s, %s checked: %s, %s\n", verdict, r.Build.Summary(), term.Count(r.Links, "link", "links"),
		term.Count(len(errs), "error", "errors"), term.Count(len(warns), "warning", "warnings"))
	if len(errs) > 0 || *strict && len(warns) > 0 {
		return 1
	}
	return 0
}
