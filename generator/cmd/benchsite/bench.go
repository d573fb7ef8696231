package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// config is what to measure.
type config struct {
	sizes    []int
	bin      string
	theme    string
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
	bin, err := filepath.Abs(c.bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("the tearsheet binary: %w (run make tearsheet)", err)
	}
	work := c.work
	if work == "" {
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
	fmt.Fprintf(stderr, "load average before: %s\n", loadAvg())
	var ms []measurement
	for _, n := range c.sizes {
		for _, charts := range []bool{false, true} {
			name := "text"
			if charts {
				name = "charts"
			}
			dir := filepath.Join(work, fmt.Sprintf("%s-%d", name, n))
			fmt.Fprintf(stderr, "%d articles, %s: writing the site into %s\n", n, name, dir)
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			if err := corpus.Write(dir, corpus.Options{Articles: n, Charts: charts, Seed: 1, Theme: c.theme}); err != nil {
				return err
			}
			b := builder{ctx: ctx, bin: bin, dir: dir, profiles: c.profiles, stderr: stderr}
			steps := []struct {
				run   string
				setup func(i int) error
			}{
				{"cold", func(int) error { return b.clean() }},
				{"warm", func(int) error { return nil }},
			}
			for _, st := range steps {
				best := measurement{corpus: name, n: n, run: st.run, target: targetOf(charts, n, st.run)}
				for i := range c.runs {
					if err := st.setup(i); err != nil {
						return err
					}
					// The disk writes and deletions of writing the corpus
					// or cleaning up are not the build's to pay for.
					settle()
					wall, cpu, rss, err := b.build(fmt.Sprintf("%s-%d-%s-%d", name, n, st.run, i))
					if err != nil {
						return err
					}
					if i == 0 || wall < best.wall {
						best.wall, best.cpu, best.rss = wall, cpu, rss
					}
				}
				ms = append(ms, best)
			}
			settle()
			edit := measurement{corpus: name, n: n, run: "edit", target: targetOf(charts, n, "edit")}
			retitle := measurement{corpus: name, n: n, run: "retitle", target: targetOf(charts, n, "retitle")}
			if edit.wall, retitle.wall, edit.cpu, edit.rss, err = b.serveEdit(n); err != nil {
				return fmt.Errorf("%s-%d serve: %w", name, n, err)
			}
			ms = append(ms, edit, retitle)
		}
	}
	fmt.Fprintf(stderr, "load average after: %s\n", loadAvg())
	printTable(stdout, ms)
	return nil
}

// builder runs tearsheet build on one site.
type builder struct {
	ctx      context.Context
	bin, dir string
	profiles string
	stderr   io.Writer
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
	fmt.Fprintln(tw, "corpus\tarticles\tbuild\twall\tCPU\tpeak RSS\twall target\tRSS target\t")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t  %s\n", m.corpus, m.n, m.run,
			dur(m.wall), dur(m.cpu), mib(m.rss), dur(m.target.wall), mib(m.target.rss), verdict(m))
	}
	tw.Flush()
	fmt.Fprintf(w, "\ncold: empty public/ and caches; warm: nothing changed (tearsheet build both times); each starts after sync.\n")
	fmt.Fprintf(w, "edit: tearsheet serve on the site; one article's text edited %d times, the median time from the write to the browser's reload event; CPU and peak RSS of the serve process over its first build and all the edits.\n", serveEdits)
	fmt.Fprintf(w, "retitle: the same, %d changes of the article's title (front matter), which other pages show.\n", serveEdits)
	fmt.Fprintln(w, "CPU is user+system time of the process; wall time depends on what else the machine runs.")
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
