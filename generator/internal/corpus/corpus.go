// Package corpus writes generated research sites for benchmarks and tests:
// many articles of realistic size and shape, the same bytes every time.
package corpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"
)

var words = strings.Fields(`market equity yield spread earnings valuation rate inflation duration
credit breadth momentum drawdown recovery cycle policy liquidity volatility dividend margin
revenue growth index sector rally correction multiple premium risk return bond curve
investor allocation portfolio benchmark factor quality value size small large the a of
and to in on for with as by at from that this which over under between across`)

var tags = []string{"equities", "bonds", "rates", "inflation", "valuation", "small caps",
	"credit", "macro", "earnings", "breadth", "volatility", "dividends", "momentum",
	"value", "quality", "liquidity", "policy", "commodities", "currencies", "S&P 500"}

// Site writes a site of n articles into dir: site.yaml and
// content/posts/post-NNNN.md. The theme is not written; copy one in.
func Site(dir string, n int) error {
	cfg := "title: \"Bench Research\"\nbaseURL: \"https://bench.example.org/\"\nperPage: 10\n"
	if err := write(dir, "site.yaml", cfg); err != nil {
		return err
	}
	for i := range n {
		if err := write(dir, ArticlePath(i), Article(i, "")); err != nil {
			return err
		}
	}
	return write(dir, "content/about.md", "---\ntitle: About\n---\nWe write about markets.\n")
}

// ArticlePath is the source path of article i.
func ArticlePath(i int) string { return fmt.Sprintf("content/posts/post-%04d.md", i) }

// Article returns the markdown of article i, about 800 words with headings,
// a list and a table, 3 of 20 tags, dated over five years. extra is added to
// the first paragraph, so an edit can be told apart.
func Article(i int, extra string) string {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	date := time.Date(2021, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(5*365*24)) * time.Hour)
	var b strings.Builder
	t := r.Perm(len(tags))[:3]
	fmt.Fprintf(&b, "---\ntitle: \"Article %d on %s\"\ndate: %s\ntags: [%q, %q, %q]\n---\n",
		i, words[r.IntN(len(words))], date.Format(time.RFC3339), tags[t[0]], tags[t[1]], tags[t[2]])
	para := func(n int) {
		for j := range n {
			if j > 0 {
				b.WriteByte(' ')
			}
			w := words[r.IntN(len(words))]
			if j%12 == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if j%12 == 11 {
				b.WriteByte('.')
			}
		}
		b.WriteString(".\n\n")
	}
	para(60)
	if extra != "" {
		b.WriteString(extra + "\n\n")
	}
	b.WriteString("<!--more-->\n\n")
	for s := range 4 {
		fmt.Fprintf(&b, "## Section %d: the %s view\n\n", s+1, words[r.IntN(len(words))])
		para(90)
		if s == 1 {
			for k := range 4 {
				fmt.Fprintf(&b, "- point %d about %s and %s\n", k+1, words[r.IntN(len(words))], words[r.IntN(len(words))])
			}
			b.WriteString("\n")
		}
		if s == 2 {
			b.WriteString("| Year | Return | Yield |\n|---:|---:|---:|\n")
			for y := range 5 {
				fmt.Fprintf(&b, "| %d | %.1f%% | %.2f%% |\n", 2019+y, r.Float64()*30-10, r.Float64()*5)
			}
			b.WriteString("\n")
		}
		para(90)
	}
	return b.String()
}

func write(dir, name, text string) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}

// CopyDir copies the folder src into dst, for putting a theme beside a site.
func CopyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// AddDir adds the files under the folder root to m, at prefix ("." for the
// top), for tests that build from memory.
func AddDir(m fstest.MapFS, root, prefix string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		m[path.Join(prefix, filepath.ToSlash(rel))] = &fstest.MapFile{Data: b, Mode: 0o644}
		return nil
	})
}
