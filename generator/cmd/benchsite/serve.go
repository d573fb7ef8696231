package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// serveEdits is how many article edits the serve row times; it shows the
// median.
const serveEdits = 7

// servingRe finds the preview's address in tearsheet serve's first line.
var servingRe = regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)

// serveEdit starts tearsheet serve on the site, as an author would, waits
// for its first build, then edits one article at a time and times each
// from the write to the reload event the browser gets: serveEdits edits of
// its text, then as many of its title. It returns the medians of each,
// the serve process's CPU time and its peak RSS.
func (b builder) serveEdit(n int) (text, title, cpu time.Duration, rss int64, err error) {
	ctx, cancel := context.WithCancel(b.ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, b.bin, "serve", "--source", b.dir, "--port", "0")
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, 0, 0, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, 0, fmt.Errorf("tearsheet serve: %w", err)
	}
	defer func() {
		cancel()
		_ = cmd.Wait()
		if err == nil {
			cpu, rss, _ = usage(cmd.ProcessState)
		}
	}()
	lines := bufio.NewScanner(stdout)
	var base string
	for base == "" && lines.Scan() {
		if m := servingRe.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		return 0, 0, 0, 0, fmt.Errorf("tearsheet serve printed no address:\n%s", stderr.String())
	}
	go func() { // keep reading so the server never blocks on its output
		for lines.Scan() {
		}
	}()
	events, err := subscribe(ctx, base+"_tearsheet/events")
	if err != nil {
		return 0, 0, 0, 0, err
	}
	median := func(what string, edit func(i int) error) (time.Duration, error) {
		var times []time.Duration
		for i := range serveEdits {
			time.Sleep(200 * time.Millisecond) // let the watcher settle between edits
			drain(events)
			start := time.Now()
			if err := edit(i); err != nil {
				return 0, err
			}
			if err := waitReload(ctx, events, 60*time.Second); err != nil {
				return 0, fmt.Errorf("%s %d: %w\n%s", what, i+1, err, stderr.String())
			}
			times = append(times, time.Since(start))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		fmt.Fprintf(b.stderr, "  serve %s to reload%s: %v\n", what, b.suffix(), times)
		return times[len(times)/2], nil
	}
	if text, err = median("edit", func(i int) error { return corpus.Edit(b.dir, n/2, 1000+i) }); err != nil {
		return 0, 0, 0, 0, err
	}
	if title, err = median("retitle", func(i int) error { return corpus.Retitle(b.dir, n/2, i) }); err != nil {
		return 0, 0, 0, 0, err
	}
	return text, title, 0, 0, nil
}

// subscribe opens the preview's server-sent events and sends the name of
// each event on the returned channel.
func subscribe(ctx context.Context, url string) (<-chan string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("subscribing to %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("subscribing to %s: %s", url, resp.Status)
	}
	ch := make(chan string, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				ch <- name
			}
		}
	}()
	return ch, nil
}

func drain(ch <-chan string) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// waitReload waits for a reload event; a build error event is an error.
func waitReload(ctx context.Context, events <-chan string, limit time.Duration) error {
	timeout := time.After(limit)
	for {
		select {
		case name, ok := <-events:
			switch {
			case !ok:
				return errors.New("the event stream ended")
			case name == "reload":
				return nil
			case name == "builderror":
				return errors.New("the rebuild failed")
			}
		case <-timeout:
			return fmt.Errorf("no reload event within %s", limit)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
