package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// The running server and its event stream, which the tests of this package drive.

const repoRoot = "../.."

// wait is the longest any step of these tests waits for the server.
const wait = 10 * time.Second

// readyWait bounds the first build, which at 10,000 articles (a benchmark)
// takes a while.
const readyWait = 2 * time.Minute

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fixture copies the basic fixture site and the default theme into a
// temporary folder.
func fixture(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.CopyDir(filepath.Join(repoRoot, "generator/build/testdata/sites/basic"), dir); err != nil {
		t.Fatal(err)
	}
	if err := corpus.CopyDir(filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// running is a server started by start.
type running struct {
	url            string // the site's URL, ending in /
	stdout, stderr *syncBuffer
	client         *http.Client
	stop           func() error
}

func start(t testing.TB, dir string, opts Options) *running {
	t.Helper()
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}, client: &http.Client{Transport: &http.Transport{}, Timeout: wait}}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	opts.Source, opts.Port = dir, 0
	opts.Stdout, opts.Stderr = r.stdout, r.stderr
	opts.Ready = func(u string) { ready <- u }
	go func() { done <- Run(ctx, opts) }()
	select {
	case r.url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve ended before it was ready: %v\n%s", err, r.stderr)
	case <-time.After(readyWait):
		cancel()
		t.Fatal("serve was not ready in time")
	}
	stopped := false
	r.stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		r.client.CloseIdleConnections()
		select {
		case err := <-done:
			return err
		case <-time.After(wait):
			t.Fatal("serve did not stop in time")
			return nil
		}
	}
	t.Cleanup(func() { _ = r.stop() })
	return r
}

func (r *running) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := r.client.Get(r.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// sse is a subscription to the event stream.
type sse struct {
	events chan event
	close  func()
}

// subscribe opens the event stream where live.js does, below the site's
// base path, and returns once the server has registered it.
func (r *running) subscribe(t testing.TB) *sse {
	t.Helper()
	return r.subscribeAs(t, "")
}

// subscribeAs subscribes as subscribe does, with the query query
// ("page=NAME&version=V"), as live.js does on a page.
func (r *running) subscribeAs(t testing.TB, query string) *sse {
	t.Helper()
	u := r.url + previewDir + eventsName
	if query != "" {
		u += "?" + query
	}
	return subscribeAt(t, u)
}

// subscribeAt subscribes to the event stream at the URL u, as a page
// whose live.js was served below another base path does.
func subscribeAt(t testing.TB, u string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	resp, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type %q", ct)
	}
	s := &sse{events: make(chan event, 64), close: func() { cancel(); resp.Body.Close() }}
	connected := make(chan bool, 1)
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == ": connected":
				connected <- true
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				s.events <- e
				e = event{}
			}
		}
	}()
	select {
	case <-connected:
	case <-time.After(wait):
		t.Fatal("no connection comment on the event stream")
	}
	t.Cleanup(s.close)
	return s
}

// next waits for an event named name whose data contains want, skipping
// others.
func (s *sse) next(t testing.TB, name, want string) event {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				t.Fatalf("event stream ended while waiting for %s %q", name, want)
			}
			if e.name == name && strings.Contains(e.data, want) {
				return e
			}
		case <-deadline:
			t.Fatalf("no %s event with %q within %s", name, want, wait)
		}
	}
}

func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const article = "2024/01/first-note/"

func note(text string) string {
	return "---\ntitle: \"First note\"\ndate: 2024-01-15\ntags: [Equities]\n---\n" + text + "\n"
}
