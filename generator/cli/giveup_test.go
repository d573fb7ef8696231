package cli

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBinarySignalMidChart interrupts a build while it draws a chart, which
// no check of the signal covers, so that Main gives up on it after its
// grace: the build's staging folder must not be left in the site folder
// (where git would see it), and public/ stays the last build.
func TestBinarySignalMidChart(t *testing.T) {
	if _, ok := cpuTime(os.Getpid()); !ok {
		t.Skip("needs /proc")
	}
	bin, dir, pub, before := builtFixture(t)
	// 50,000 days of noise as two scatter charts: freetype draws each of
	// a scatter's dots on its own, about half a second a PNG for these
	// (two a chart: wide, and narrow for feeds and email), longer than
	// Grace, so the signal finds the build drawing. (A line or an area of
	// as many points is thinned to the plot's pixel columns and drawn in
	// pieces, in milliseconds: it would not do.)
	var csv strings.Builder
	csv.WriteString("date,v\n")
	r := rand.New(rand.NewPCG(1, 2))
	day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 50000 {
		fmt.Fprintf(&csv, "%s,%.3f\n", day.AddDate(0, 0, i).Format("2006-01-02"), r.NormFloat64())
	}
	write(t, dir, "content/posts/noise/noise.csv", csv.String())
	var md strings.Builder
	md.WriteString("---\ntitle: Noise\ndate: 2024-02-01\n---\nText.\n")
	for i := range 2 {
		fmt.Fprintf(&md, "\n```chart\ntitle: Noise %d\ntype: scatter\ndata: noise.csv\nseries:\n  - column: v\n```\n", i)
	}
	write(t, dir, "content/posts/noise/index.md", md.String())
	c := exec.Command(bin, "build", "--source", dir, "--no-cache")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- c.Wait() }()
	deadline := time.Now().Add(time.Minute)
	for {
		if used, ok := cpuTime(c.Process.Pid); !ok || used >= time.Second {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the build did not get to work within a minute")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := c.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatalf("the build ended before the signal: %v\n%s", err, stderr.String())
	}
	var err error
	select {
	case err = <-exited:
	case <-time.After(30 * time.Second):
		_ = c.Process.Kill()
		t.Fatal("the build did not stop within 30 s")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("%v, want exit status 130 (was the build over before the signal?); stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "tearsheet: stopped by interrupt") {
		t.Fatalf("the build wound down within Grace, so Main did not give up on it mid-chart (is the chart too quick to draw?); stderr:\n%s", stderr.String())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tearsheet-stage-*")); len(left) > 0 {
		t.Errorf("staging folders left in the site folder: %v", left)
	}
	sameSnapshot(t, before, snapshot(t, pub))
	if out, err := exec.Command(bin, "build", "--source", dir).CombinedOutput(); err != nil {
		t.Fatalf("the next build: %v\n%s", err, out)
	}
}
