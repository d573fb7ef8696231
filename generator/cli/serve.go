package cli

import (
	"context"
	"flag"
	"io"

	"github.com/tearsheet/tearsheet/generator/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tearsheet serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := serve.Options{Stdout: stdout, Stderr: stderr}
	fs.StringVar(&opts.Source, "source", ".", "the site folder (holding site.yaml)")
	fs.StringVar(&opts.Bind, "bind", "127.0.0.1", "the address to listen on (0.0.0.0 shows the preview to your network)")
	fs.IntVar(&opts.Port, "port", 1313, "the port to listen on (0 picks a free one)")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include articles marked draft: true, with a badge")
	fs.BoolVar(&opts.Future, "future", false, "include articles dated in the future, with a badge")
	neverFetchesFlag(fs)
	fs.DurationVar(&opts.Poll, "poll", 0, "look for changes every `INTERVAL` (300ms, say) rather than be told by the system: for a Windows drive under WSL, a network or container mount (the preview falls back to it by itself when the system will not watch enough folders)")
	setUsage(fs, stderr, "tearsheet serve [flags]",
		"Previews the site, built in memory, at http://127.0.0.1:1313/ (and under site.yaml's base path, if it has one),\n"+
			"rebuilt as you save; a failed build shows its errors in the browser. It never writes public/. Ctrl-C stops it.")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	cache := chartCache(opts.Source)
	opts.Cache, opts.Trim = cache, cache.Trim
	if err := serve.Run(ctx, opts); err != nil {
		printErrors(stderr, err)
		return 1
	}
	return 0
}
