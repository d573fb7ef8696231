package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// config is what to measure.
type config struct {
	sizes []int
	bin   string
	// base, when not "", is a second tearsheet binary (an older commit's)
	// measured in the same run, each run of the two in turn, on its own
	// copy of each site: the table then shows both and their ratio.
	base  string
	theme string
	// baseTheme is the theme of the base binary's sites, when its
	// templates are not this one's (an older commit's); "" for theme.
	baseTheme string
	// corpora are the corpora measured, "text" and "charts"; none: both.
	corpora  []string
	work     string
	profiles string
	runs     int
}

// measurement is one timed build.
type measurement struct {
	corpus string // "text" or "charts"
	n      int
	run    string // cold, warm, edit
	wall   time.Duration
	cpu    time.Duration // user + system
	rss    int64         // peak resident set, bytes
	target target
	// of is the same measurement of the base binary (config.base); nil
	// without one.
	of *measurement
}

// target is what the issue asks of a measurement; zero fields ask nothing.
type target struct {
	wall time.Duration
	rss  int64
}

// targetOf returns the targets for n articles, text-only or with charts.
func targetOf(charts bool, n int, run string) target {
	const mb = 1 << 20
	switch {
	case run == "edit" || run == "retitle":
		if n == 10000 {
			return target{wall: 100 * time.Millisecond}
		}
		return target{}
	case !charts && n == 1000:
		return target{wall: 500 * time.Millisecond}
	case !charts && n == 10000:
		return target{wall: 3 * time.Second, rss: 500 * mb}
	case charts && n == 10000 && run == "cold":
		return target{wall: 8 * time.Second}
	case charts && n == 10000 && run == "warm":
		return target{wall: 3 * time.Second}
	}
	return target{}
}

// run generates the sites, measures them and prints the table to stdout.
func run(ctx context.Context, c config, stdout, stderr io.Writer) error {
	bins := []string{c.bin}
	if c.base != "" {
		bins = append(bins, c.base)
	}
	for i, b := range bins {
		abs, err := filepath.Abs(b)
		if err != nil {
			return err
		}
		if _, err := os.Stat(abs); err != nil {
			return fmt.Errorf("the tearsheet binary: %w (run make tearsheet)", err)
		}
		bins[i] = abs
	}
	work := c.work
	if work == "" {
		var err error
		work, err = os.MkdirTemp("", "tearsheet-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	if c.profiles != "" {
		if err := os.MkdirAll(c.profiles, 0o755); err != nil {
			return err
		}
	}
	if c.runs < 1 {
		c.runs = 1
	}
	if len(bins) > 1 && c.runs%2 == 1 {
		// Each binary goes first as often as the other: the first build
		// after the sites were written or cleaned pays for the disk's
		// catching up (seen: the first of a pair the slower in every pair).
		c.runs++
	}
	fmt.Fprintf(stderr, "load average before: %s\n", loadAvg())
	var ms []measurement
	turn := 0 // which binary goes first, in turn, so neither always runs on a cooler machine
	for _, n := range c.sizes {
		for _, charts := range []bool{false, true} {
			name := "text"
			if charts {
				name = "charts"
			}
			if len(c.corpora) > 0 && !slices.Contains(c.corpora, name) {
				continue
			}
			// One copy of the site, its output and its caches per binary:
			// their caches' formats may differ.
			bs := make([]builder, len(bins))
			for k, bin := range bins {
				dir := filepath.Join(work, fmt.Sprintf("%s-%d", name, n))
				if k > 0 {
					dir += "-base"
				}
				fmt.Fprintf(stderr, "%d articles, %s: writing the site into %s\n", n, name, dir)
				if err := os.RemoveAll(dir); err != nil {
					return err
				}
				theme := c.theme
				if k > 0 && c.baseTheme != "" {
					theme = c.baseTheme
				}
				if err := corpus.Write(dir, corpus.Options{Articles: n, Charts: charts, Seed: 1, Theme: theme}); err != nil {
					return err
				}
				bs[k] = builder{ctx: ctx, bin: bin, dir: dir, profiles: c.profiles, stderr: stderr, base: k > 0}
			}
			for _, st := range []string{"cold", "warm"} {
				best := make([]measurement, len(bs))
				for i := range c.runs {
					for _, k := range order(len(bs), turn) {
						b := bs[k]
						if st == "cold" {
							if err := b.clean(); err != nil {
								return err
							}
						}
						// The disk writes and deletions of writing the
						// corpus or cleaning up are not the build's to pay
						// for.
						settle()
						wall, cpu, rss, err := b.build(fmt.Sprintf("%s-%d-%s-%d%s", name, n, st, i, b.suffix()))
						if err != nil {
							return err
						}
						if i == 0 || wall < best[k].wall {
							best[k] = measurement{wall: wall, cpu: cpu, rss: rss}
						}
					}
					turn++
				}
				ms = append(ms, row(name, n, st, targetOf(charts, n, st), best))
			}
			// Serve is measured once a run too, the binaries taking turns
			// to go first; the faster median of each is shown.
			edit, retitle := make([]measurement, len(bs)), make([]measurement, len(bs))
			for i := range c.runs {
				for _, k := range order(len(bs), turn) {
					settle()
					var m, t measurement
					var err error
					if m.wall, t.wall, m.cpu, m.rss, err = bs[k].serveEdit(n); err != nil {
						return fmt.Errorf("%s-%d serve%s: %w", name, n, bs[k].suffix(), err)
					}
					if i == 0 || m.wall < edit[k].wall {
						edit[k] = m
					}
					if i == 0 || t.wall < retitle[k].wall {
						retitle[k] = t
					}
				}
				turn++
			}
			ms = append(ms, row(name, n, "edit", targetOf(charts, n, "edit"), edit), row(name, n, "retitle", targetOf(charts, n, "retitle"), retitle))
		}
	}
	fmt.Fprintf(stderr, "load average after: %s\n", loadAvg())
	printTable(stdout, ms)
	return nil
}

// order returns the indices of n binaries in the order they run this
// turn: the first goes first on even turns, last on odd ones.
func order(n, turn int) []int {
	if n == 2 && turn%2 == 1 {
		return []int{1, 0}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// row is the table row of one step: the measured binary's figures (m[0])
// with the base binary's (m[1]), when there is one.
func row(corpus string, n int, run string, t target, m []measurement) measurement {
	r := m[0]
	r.corpus, r.n, r.run, r.target = corpus, n, run, t
	if len(m) > 1 {
		base := m[1]
		r.of = &base
	}
	return r
}

// builder runs tearsheet build on one site.
type builder struct {
	ctx      context.Context
	bin, dir string
	profiles string
	stderr   io.Writer
	base     bool // the base binary (config.base)
}

// suffix marks the base binary's lines in the log.
func (b builder) suffix() string {
	if b.base {
		return " (base)"
	}
	return ""
}

func (b builder) clean() error {
	for _, d := range []string{"public", ".cache"} {
		if err := os.RemoveAll(filepath.Join(b.dir, d)); err != nil {
			return err
		}
	}
	return nil
}

// build runs one build and returns its wall time, CPU time and peak RSS.
func (b builder) build(name string) (wall, cpu time.Duration, rss int64, err error) {
	args := []string{"build", "--source", b.dir}
	if b.profiles != "" {
		args = append(args, "--cpuprofile", filepath.Join(b.profiles, name+".prof"))
	}
	cmd := exec.CommandContext(b.ctx, b.bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	wall = time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("%s %s: %w\n%s", b.bin, strings.Join(args, " "), err, out.String())
	}
	fmt.Fprintf(b.stderr, "  %s: %s", name, out.String())
	cpu, rss, err = usage(cmd.ProcessState)
	return wall, cpu, rss, err
}

func printTable(w io.Writer, ms []measurement) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	based := len(ms) > 0 && ms[0].of != nil
	head := "corpus\tarticles\tbuild\twall\tCPU\tpeak RSS\twall target\tRSS target\t"
	if based {
		head += "\tbase wall\tbase CPU\tbase RSS\twall ×\tCPU ×\tRSS ×\t"
	}
	fmt.Fprintln(tw, head)
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t  %s", m.corpus, m.n, m.run,
			dur(m.wall), dur(m.cpu), mib(m.rss), dur(m.target.wall), mib(m.target.rss), verdict(m))
		if b := m.of; b != nil {
			fmt.Fprintf(tw, "\t%s\t%s\t%s\t%s\t%s\t%s", dur(b.wall), dur(b.cpu), mib(b.rss),
				ratio(float64(m.wall), float64(b.wall)), ratio(float64(m.cpu), float64(b.cpu)), ratio(float64(m.rss), float64(b.rss)))
		}
		fmt.Fprintln(tw, "\t")
	}
	tw.Flush()
	fmt.Fprintf(w, "\ncold: empty public/ and caches; warm: nothing changed (tearsheet build both times); each starts after sync.\n")
	fmt.Fprintf(w, "edit: tearsheet serve on the site; one article's text edited %d times, the median time from the write to the browser's reload event (with several runs, the fastest run's); CPU and peak RSS of the serve process over its first build and all the edits.\n", serveEdits)
	fmt.Fprintf(w, "retitle: the same, %d changes of the article's title (front matter), which other pages show.\n", serveEdits)
	fmt.Fprintln(w, "CPU is user+system time of the process; wall time depends on what else the machine runs.")
	if based {
		fmt.Fprintln(w, "base: the same measurements of the -base binary, on its own copy of each site, the two binaries taking turns to go first; × is this binary's figure over the base's.")
	}
}

// ratio is a over b to two places, "-" when either is unknown.
func ratio(a, b float64) string {
	if a == 0 || b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func verdict(m measurement) string {
	if m.target.wall == 0 && m.target.rss == 0 {
		return ""
	}
	ok := (m.target.wall == 0 || m.wall <= m.target.wall) && (m.target.rss == 0 || m.rss <= m.target.rss)
	if ok {
		return "ok"
	}
	return "MISSED"
}

func dur(d time.Duration) string {
	switch {
	case d == 0:
		return "-"
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func mib(b int64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%d MB", b>>20)
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
