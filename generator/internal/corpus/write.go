package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
)

// Options shapes a generated site.
type Options struct {
	Articles int    // number of articles under content/posts/
	Charts   bool   // give each article one chart block and one inline figure
	Seed     uint64 // the same seed (and options) writes the same bytes
	// Theme is a theme folder copied to themes/default, so the site builds
	// on its own; "" copies none.
	Theme string
}

// DatasetFile is the shared daily CSV the charts read, from the site root.
const DatasetFile = "content/data/markets-daily.csv"

// DatasetColumns are the CSV's value columns, each a seeded random walk.
var DatasetColumns = []string{"equities", "small_caps", "bonds", "gold", "credit", "yield"}

// First and last day of the dataset (20 years of weekdays) and the span
// the articles are dated over (5 years).
var (
	dataStart    = time.Date(2006, 7, 3, 0, 0, 0, 0, time.UTC)
	dataEnd      = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	articleStart = time.Date(2021, 7, 1, 8, 0, 0, 0, time.UTC)
)

// PostPath is the source path of article i (0-based), from the site root.
func PostPath(i int) string { return fmt.Sprintf("content/posts/note-%05d.md", i) }

// Write writes a site into dir: site.yaml, content/about.md, the articles,
// with Charts the dataset, and with Theme the theme. Files already in dir
// are overwritten, others are left alone.
func Write(dir string, opts Options) error {
	if opts.Articles < 0 {
		return fmt.Errorf("corpus: %d articles", opts.Articles)
	}
	files := map[string][]byte{
		"site.yaml":        []byte(siteYAML),
		"content/about.md": []byte("---\ntitle: About\n---\nGenerated research notes for benchmarks. The data is synthetic.\n"),
	}
	if opts.Charts {
		files[DatasetFile] = Dataset(opts.Seed)
	}
	for name, b := range files {
		if err := writeFile(dir, name, b); err != nil {
			return err
		}
	}
	for i := range opts.Articles {
		if err := writeFile(dir, PostPath(i), Post(i, opts)); err != nil {
			return err
		}
	}
	if opts.Theme != "" {
		if err := copyTree(opts.Theme, filepath.Join(dir, "themes", "default")); err != nil {
			return fmt.Errorf("corpus: theme: %w", err)
		}
	}
	return nil
}

const siteYAML = `# A generated corpus (generator/internal/corpus): synthetic notes and data.
title: "Corpus Research"
description: "Generated research notes for benchmarks."
baseURL: "https://corpus.example.org/"
author: "Corpus Desk"
timezone: UTC
perPage: 10
disclaimer: "Generated text and synthetic data, for benchmarks only."
feeds: {items: 20}
charts: {png: feeds}
datasets:
  markets:
    file: ` + DatasetFile + `
    date: date
    illustrative: true
    source: "tearsheet corpus generator: seeded random walks, not market history"
`

// Dataset returns the shared daily CSV: a date column of weekdays over 20
// years and DatasetColumns as seeded random walks.
func Dataset(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var b strings.Builder
	b.WriteString("date," + strings.Join(DatasetColumns, ",") + "\n")
	level := []float64{100, 100, 100, 100, 100, 4}
	drift := []float64{0.07, 0.08, 0.03, 0.05, 0.04, 0}
	vol := []float64{0.16, 0.22, 0.06, 0.15, 0.08, 0}
	const day = 1.0 / 252
	for d := dataStart; !d.After(dataEnd); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if d.After(dataStart) {
			common := r.NormFloat64()
			for c := range level {
				if c == len(level)-1 { // a yield: mean-reverting, in percent
					level[c] += 0.02*(4-level[c])*day + 0.08*r.NormFloat64()
					level[c] = math.Max(level[c], 0.05)
					continue
				}
				shock := 0.6*common + 0.8*r.NormFloat64()
				level[c] *= math.Exp((drift[c]-vol[c]*vol[c]/2)*day + vol[c]*math.Sqrt(day)*shock)
			}
		}
		b.WriteString(d.Format("2006-01-02"))
		for _, v := range level {
			fmt.Fprintf(&b, ",%.2f", v)
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

var vocabulary = strings.Fields(`market equity yield spread earnings valuation rate inflation duration
credit breadth momentum drawdown recovery cycle policy liquidity volatility dividend margin
revenue growth index sector rally correction multiple premium risk return bond curve
investor allocation portfolio benchmark factor quality value size small large term
the a of and to in on for with as by at from that this which over under between across
while since after before during against through within`)

// TagNames are the 20 tags; each article carries 3.
var TagNames = []string{"equities", "bonds", "rates", "inflation", "valuation", "small caps",
	"credit", "macro", "earnings", "breadth", "volatility", "dividends", "momentum",
	"value", "quality", "liquidity", "policy", "commodities", "currencies", "S&P 500"}

var (
	ranges     = []string{"1y", "3y", "5y", "10y", "max", "2008..2012", "2015-01..2019-12", "2020..", "ytd"}
	transforms = []string{"", "rebase", "drawdown", "rolling_mean(50)", "rolling_volatility(21)", "pct_change(252)", "resample(week)", "resample(month, mean)"}
	statistics = []string{"cagr", "max_drawdown", "volatility", "pct_change", "last", "max"}
)

// Post returns the markdown of article i: about 800 words under four
// headings, with a list, a table, links, 3 of the 20 tags, a date within
// five years, and with opts.Charts a chart block and an inline figure.
func Post(i int, opts Options) []byte {
	r := rand.New(rand.NewPCG(opts.Seed, uint64(i)+1))
	word := func() string { return vocabulary[r.IntN(len(vocabulary))] }
	date := articleStart.Add(time.Duration(r.IntN(5*365*24*60)) * time.Minute)
	tags := r.Perm(len(TagNames))[:3]
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"Note %d: %s and %s\"\ndate: %s\ntags: [%q, %q, %q]\n---\n",
		i, capital(word()), word(), date.Format(time.RFC3339), TagNames[tags[0]], TagNames[tags[1]], TagNames[tags[2]])
	para := func(n int) {
		for j := range n {
			w := word()
			switch {
			case j%14 == 0:
				w = capital(w)
			case j == n/2:
				w = fmt.Sprintf("[%s](/tags/%s/)", w, content.Slugify(TagNames[tags[r.IntN(3)]]))
			}
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			if j%14 == 13 && j+1 < n {
				b.WriteByte('.')
			}
		}
		b.WriteString(".\n\n")
	}
	para(55)
	b.WriteString("<!--more-->\n\n")
	for s := range 4 {
		fmt.Fprintf(&b, "## %s %s\n\n", capital(word()), word())
		para(80)
		switch s {
		case 0:
			if opts.Charts {
				chartBlock(&b, r, i)
				col := DatasetColumns[r.IntN(len(DatasetColumns)-1)]
				fmt.Fprintf(&b, "Over the last three years %s returned {{ markets.%s | range:3y | %s }} in this illustrative series.\n\n",
					strings.ReplaceAll(col, "_", " "), col, statistics[r.IntN(len(statistics))])
			}
		case 1:
			for range 5 {
				fmt.Fprintf(&b, "- **%s**: %s %s %s %s\n", capital(word()), word(), word(), word(), word())
			}
			b.WriteString("\n")
		case 2:
			b.WriteString("| Year | Return | Yield | Spread |\n|---:|---:|---:|---:|\n")
			for y := range 6 {
				fmt.Fprintf(&b, "| %d | %.1f%% | %.2f%% | %d bp |\n", 2020+y, r.Float64()*30-10, r.Float64()*5, 50+r.IntN(400))
			}
			b.WriteString("\n")
		case 3:
			fmt.Fprintf(&b, "See the [archive](/archive/), the [%s notes](/tags/%s/) and the [Federal Reserve's data](https://www.federalreserve.gov/data.htm).\n\n",
				TagNames[tags[0]], content.Slugify(TagNames[tags[0]]))
		}
		para(75)
	}
	return []byte(b.String())
}

// chartBlock writes a chart of one or two columns over a range with a
// transform, and a title naming the article, so no two articles share a
// chart (or a cache entry).
func chartBlock(b *strings.Builder, r *rand.Rand, i int) {
	cols := r.Perm(len(DatasetColumns) - 1)
	tr := transforms[r.IntN(len(transforms))]
	fmt.Fprintf(b, "```chart\ndata: markets\ntitle: \"Figure for note %d\"\nrange: %s\n", i, ranges[r.IntN(len(ranges))])
	if tr != "" {
		fmt.Fprintf(b, "transforms: [%q]\n", tr)
	}
	b.WriteString("series:\n")
	for _, c := range cols[:1+r.IntN(2)] {
		fmt.Fprintf(b, "  - column: %s\n    label: %q\n", DatasetColumns[c], capital(strings.ReplaceAll(DatasetColumns[c], "_", " ")))
	}
	switch tr {
	case "drawdown", "pct_change(252)", "rolling_volatility(21)":
		b.WriteString("y: {format: percent}\n")
	}
	b.WriteString("caption: \"Synthetic series from the corpus generator.\"\n```\n\n")
}

func capital(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// copyTree copies the folder src into dst.
func copyTree(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return errors.New(src + " is not a folder")
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// Edit appends a sentence to article i of the site in dir, as an author
// saving a change would; n makes each edit's text differ.
func Edit(dir string, i, n int) error {
	p := filepath.Join(dir, filepath.FromSlash(PostPath(i)))
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("corpus: edit: %w", err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "Edited for the %d time.\n", n)
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("corpus: edit: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("corpus: edit: %w", err)
	}
	return nil
}

// Retitle gives article i of the site in dir a new title, as an author
// changing the front matter would; n makes each title differ. The title
// shows on other pages (previous/next links, lists, feeds), so this edit
// changes more than the article's page.
func Retitle(dir string, i, n int) error {
	return setField(dir, i, "title", fmt.Sprintf("%q", fmt.Sprintf("Note %d, revision %d", i, n)))
}

// Summarize gives article i of the site in dir a new summary; n makes
// each differ. The summary shows in the article's card (lists) and feed
// items, but the site's layout does not read it.
func Summarize(dir string, i, n int) error {
	return setField(dir, i, "summary", fmt.Sprintf("%q", fmt.Sprintf("Revision %d of what note %d argues.", n, i)))
}

// setField sets the front-matter key of article i to value (YAML), in
// place of its line, or after the opening --- when it has none.
func setField(dir string, i int, key, value string) error {
	p := filepath.Join(dir, filepath.FromSlash(PostPath(i)))
	b, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("corpus: set %s: %w", key, err)
	}
	text := string(b)
	end := strings.Index(text, "\n---\n")
	if !strings.HasPrefix(text, "---\n") || end < 0 {
		return fmt.Errorf("corpus: set %s: %s has no front matter", key, p)
	}
	line := "\n" + key + ": " + value + "\n"
	if at := strings.Index(text[:end+1], "\n"+key+": "); at >= 0 {
		stop := at + 1 + strings.Index(text[at+1:], "\n")
		text = text[:at] + line + text[stop+1:]
	} else {
		text = "---" + line + text[len("---\n"):]
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		return fmt.Errorf("corpus: set %s: %w", key, err)
	}
	return nil
}
