// Command corpus writes a generated research site for benchmarks: N
// articles of about 800 words with 3 of 20 tags over five years, and with
// -charts one chart per article from a shared, synthetic 20-year daily CSV.
// The same flags write the same bytes.
//
//	go run ./generator/cmd/corpus -n 1000 -charts -out /tmp/site
//	bin/tearsheet build --source /tmp/site
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

func main() {
	var opts corpus.Options
	out := flag.String("out", "", "the folder to write the site into (required)")
	flag.IntVar(&opts.Articles, "n", 1000, "number of articles")
	flag.BoolVar(&opts.Charts, "charts", false, "one chart block and one inline figure per article")
	flag.Uint64Var(&opts.Seed, "seed", 1, "seed of the text and data")
	flag.StringVar(&opts.Theme, "theme", "themes/default", "theme folder copied into the site (\"\" for none)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: corpus -out DIR [-n N] [-charts] [-seed S] [-theme DIR]")
		os.Exit(2)
	}
	if err := corpus.Write(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}
