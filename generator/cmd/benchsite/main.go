// Command benchsite measures whole builds of generated sites: for each size
// (1,000 and 10,000 articles by default), text-only and with one chart per
// article, it runs the real tearsheet binary as a subprocess for a cold
// build (no output, no chart cache), a warm build (nothing changed, chart
// cache full) and, with tearsheet serve running, the time from editing one
// article to the browser's reload event, and prints a table of wall time,
// CPU time and peak RSS (the child's rusage) against the targets. make
// bench runs it; it is not part of make test.
//
//	go build -o bin/tearsheet ./generator/cmd/tearsheet
//	go run ./generator/cmd/benchsite -bin bin/tearsheet
//
// With -base, a second binary (make bench BASE=<commit> builds one from
// that commit) is measured in the same run, on its own copy of each site,
// the two taking turns to go first, and the table shows both and their
// ratios: the machine's slow spells fall on both.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
)

func main() {
	var c config
	sizes := flag.String("sizes", "1000,10000", "article counts, comma-separated")
	flag.StringVar(&c.bin, "bin", "bin/tearsheet", "the tearsheet binary to measure")
	flag.StringVar(&c.base, "base", "", "a second tearsheet binary (an older commit's) to measure in the same run, taking turns (an even number of runs each), and compare with")
	flag.StringVar(&c.theme, "theme", "themes/default", "the theme copied into each generated site")
	flag.StringVar(&c.baseTheme, "base-theme", "", "the theme of the base binary's sites, when it is not -theme (an older commit's: git archive COMMIT themes/default)")
	flag.StringVar(&c.work, "work", "", "folder for the generated sites (default: a temporary folder, removed afterwards)")
	flag.StringVar(&c.profiles, "profiles", "", "write a CPU profile of every build into this folder")
	corpora := flag.String("corpora", "text,charts", "the generated sites measured: text, charts or both, comma-separated")
	flag.IntVar(&c.runs, "runs", 1, "runs of each measurement; the fastest is shown (the machine may be shared)")
	flag.Parse()
	for _, name := range strings.Split(*corpora, ",") {
		if name != "text" && name != "charts" {
			fmt.Fprintf(os.Stderr, "benchsite: -corpora: %q is neither text nor charts\n", name)
			os.Exit(2)
		}
		c.corpora = append(c.corpora, name)
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "benchsite: -sizes: %q is not a positive number\n", s)
			os.Exit(2)
		}
		c.sizes = append(c.sizes, n)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, c, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchsite:", err)
		os.Exit(1)
	}
}
