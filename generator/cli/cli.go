package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/fetch"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/term"
	"github.com/tearsheet/tearsheet/generator/output"
)

// Run runs the command line args (without the program name) and returns
// the process exit code: 0 on success, 1 when the build failed, 2 on a
// usage error.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd, args := command(args)
	switch cmd {
	case "build":
		return runBuild(ctx, args, stdout, stderr)
	case "serve":
		return runServe(ctx, args, stdout, stderr)
	case "new":
		return runNew(args, stdout, stderr)
	case "check":
		return runCheck(ctx, args, stdout, stderr)
	case "lock":
		return runLock(ctx, args, stdout, stderr)
	case "email":
		return runEmail(ctx, args, stdout, stderr)
	case "init":
		return runInit(args, stdout, stderr)
	case "theme":
		return runTheme(args, stdout, stderr)
	case "help", "-h", "--help", "-help":
		return runHelp(ctx, args, stdout, stderr)
	case "version", "--version", "-version":
		return runVersion(args, stdout, stderr)
	}
	return unknownCommand(cmd, stderr)
}

// command splits args into the command they name ("build" when none) and
// its arguments.
func command(args []string) (string, []string) {
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || commandFlag(args[0])) {
		return args[0], args[1:]
	}
	return "build", args
}

// stopsCleanly reports whether the command of args may be given up on at
// any point, which Main then reports as a clean stop (code 0): serve, which
// a signal is the way to stop, and whose only writes (charts in the
// site's cache) each land whole or not at all. It may be drawing its
// first build's charts after the grace.
func stopsCleanly(args []string) bool {
	cmd, _ := command(args)
	return cmd == "serve"
}

// buildFlags are the flags shared by the commands that build.
type buildFlags struct {
	destFlags
	source, baseURL         string
	drafts, future, noCache bool
	offline, strict         bool
	cpuProfile, memProfile  string
}

func (f *buildFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "the site folder (holding site.yaml)")
	f.destFlags.register(fs)
	baseURLFlag(fs, &f.baseURL)
	fs.BoolVar(&f.drafts, "drafts", false, "include articles marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include articles dated in the future")
	fs.BoolVar(&f.noCache, "no-cache", false, "render every chart and article again instead of reusing SOURCE/.cache/charts and the page cache in SOURCE/.cache/output, and write every output file again")
	fs.BoolVar(&f.offline, "offline", false, "fetch nothing: read remote datasets from SOURCE/.cache/data or their committed file")
	fs.BoolVar(&f.strict, "strict", false, "fail the build when a claim no longer holds, or a published article's figures or charts differ from figures.lock (default: a warning)")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to `FILE` (go tool pprof)")
	fs.StringVar(&f.memProfile, "memprofile", "", "write a heap profile taken after the build to `FILE` (go tool pprof)")
}

// options returns the build options the flags ask for.
func (f *buildFlags) options() build.Options {
	opts := build.Options{BaseURL: f.baseURL, Drafts: f.drafts, Future: f.future, Strict: f.strict,
		Fetch: &fetch.Options{SiteDir: f.source, Offline: f.offline}}
	if !f.noCache {
		opts.Cache = chartCache(f.source)
	}
	return opts
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tearsheet build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f buildFlags
	f.register(fs)
	setUsage(fs, stderr, "tearsheet build [flags]",
		"Builds the site in --source (default: the current folder) into SOURCE/public/, or --destination.\n"+
			"A failed build prints every error as file:line: message and leaves the output folder as it was.")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	dest := f.destination
	if dest == "" {
		dest = filepath.Join(f.source, "public")
	}
	stopProfile, err := startProfile(f.cpuProfile, f.memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "tearsheet build: %s\n", err)
		return 1
	}
	res, stats, err := buildSite(ctx, f.source, dest, f.options(), output.Options{Rewrite: f.noCache, Clean: f.clean})
	if perr := stopProfile(); perr != nil {
		fmt.Fprintf(stderr, "tearsheet build: %s\n", perr)
	}
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, leftAsItWas("build interrupted", dest))
			return 1
		}
		printErrors(stderr, err)
		if hint, refused := refusalHint(err, f.source, dest); hint != "" {
			fmt.Fprintln(stderr, hint)
		} else if !refused {
			fmt.Fprintln(stderr, leftAsItWas("build failed", dest))
		}
		return 1
	}
	warnings := res.Warnings
	if !f.noCache {
		// After a build, as the go command trims its build cache: what
		// no build used for days goes (see figure.DirCache).
		if err := chartCache(f.source).Trim(time.Now()); err != nil {
			warnings = append(warnings, err.Error())
		}
	}
	for _, name := range stats.ByHand {
		warnings = append(warnings, fmt.Sprintf("%s: changed since a build wrote it, and the site no longer makes it: kept as your file; delete it if it should go", filepath.Join(dest, filepath.FromSlash(name))))
	}
	if w := goneWarning(dest, stats.Gone, res.Left); w != "" {
		warnings = append(warnings, w)
	}
	if w := keptWarning(dest, filepath.Join(f.source, "static"), stats.Kept); w != "" {
		warnings = append(warnings, w)
	}
	if stats.ManifestErr != nil {
		warnings = append(warnings, fmt.Sprintf("%s; the next build may write more files than it needs to", stats.ManifestErr))
	}
	term.For(stderr).Warnings(stderr, warnings)
	if stats.Written < stats.Files || stats.Removed > 0 {
		res.Output = term.Thousands(stats.Written) + " written"
		if stats.Removed > 0 {
			res.Output += ", " + term.Thousands(stats.Removed) + " removed"
		}
	}
	fmt.Fprintf(stdout, "built %s: %s\n", dest, res.Summary())
	return 0
}

// chartCache is the chart cache of the site in source, shared by build,
// serve and check.
func chartCache(source string) figure.DirCache {
	return figure.DirCache{Dir: filepath.Join(source, ".cache", "charts")}
}

// Build builds the site in the folder source into the folder dest: dest
// changes only when the whole build succeeded, and then in one step. Files
// dest holds already as the last build wrote them are not written again
// (see manifestDir); files the last build did not write are kept.
func Build(ctx context.Context, source, dest string, opts build.Options) (*build.Result, error) {
	res, _, err := buildSite(ctx, source, dest, opts, output.Options{})
	return res, err
}

// manifestDir is where the manifest of each destination's last build is
// kept: in the site's cache, which .gitignore leaves out already, rather
// than in dest (published as it is) or beside it (the site's own folder,
// by default, where git would see it).
func manifestDir(source string) string { return filepath.Join(source, ".cache", "output") }

// pageCacheFile is where a build into dest keeps its page cache (see
// build.Options.PageCache): beside the destination's manifest, which it
// needs and goes with.
func pageCacheFile(source, dest string) string {
	if resolved, err := output.Resolve(dest); err == nil {
		dest = resolved
	}
	return output.Companion(manifestDir(source), dest, ".pages")
}

// buildSite is Build, with the choices of out (Rewrite for --no-cache,
// Clean for --clean-destination; the manifest folder is the site's). It
// refuses a destination that checkDestination refuses, and also returns
// what the output stage did.
func buildSite(ctx context.Context, source, dest string, opts build.Options, out output.Options) (*build.Result, output.Stats, error) {
	if info, err := os.Stat(source); err != nil || !info.IsDir() {
		return nil, output.Stats{}, fmt.Errorf("--source %s: not a folder", source)
	}
	dest, err := checkDestination(source, dest)
	if err != nil {
		return nil, output.Stats{}, err
	}
	out.Manifest = manifestDir(source)
	stage, err := output.NewStageOptions(dest, out)
	if err != nil {
		return nil, output.Stats{}, err
	}
	onGiveUp(ctx, stage.Abort)
	if !out.Rewrite && opts.PageCache == "" {
		opts.PageCache = pageCacheFile(source, dest)
	}
	res, err := build.Build(ctx, build.SourceFS(source), opts, stage)
	if err != nil {
		_ = stage.Abort()
		return nil, stage.Stats(), err
	}
	if err := commit(ctx, stage.Commit); err != nil {
		_ = stage.Abort()
		return nil, stage.Stats(), err
	}
	return res, stage.Stats(), nil
}

// printErrors prints each joined error on its own line, with a count.
func printErrors(w io.Writer, err error) {
	term.For(w).Errors(w, term.Flatten(err))
}

// leftAsItWas says, after what ("build failed"), that the destination
// dest was left as it was, or that nothing was written when there is none
// (a first build, or a --source that is no site).
func leftAsItWas(what, dest string) string {
	if _, err := os.Lstat(dest); err != nil {
		return what + "; nothing was written"
	}
	return fmt.Sprintf("%s; %s was left as it was", what, dest)
}
