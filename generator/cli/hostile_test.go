package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tearsheetBinary returns the tearsheet command, built once for the
// package's tests (see testBinary), for the tests that drive it as a user
// would, in a subprocess. It records the checkout's revision, as make does,
// whatever GOFLAGS says. Under the race detector the binary is built with
// it too, so the tests that drive it (signals, serve, hostile input) check
// its code for races as well. The tests only run it: none changes it.
func tearsheetBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin, err := testBinary.get()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// builtFixture builds the fixture site with the tearsheet binary and
// returns the binary, the site, its public/ and what public/ holds.
func builtFixture(t *testing.T) (bin, dir, pub string, before map[string]string) {
	t.Helper()
	bin = tearsheetBinary(t)
	dir = fixture(t)
	pub = filepath.Join(dir, "public")
	if out, err := exec.Command(bin, "build", "--source", dir).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	return bin, dir, pub, snapshot(t, pub)
}

// TestBinaryLinksOutside drives the built binary on a site whose bundle,
// static/ and theme hold links to /etc/passwd, /proc/self/environ and
// /etc: build and check fail naming each link, and nothing of those files
// (the password file's lines, the environment's secret) reaches public/.
func TestBinaryLinksOutside(t *testing.T) {
	bin, dir, pub, before := builtFixture(t)
	links := map[string]string{
		"content/posts/rates-bundle/passwd.txt": "/etc/passwd",
		"content/posts/rates-bundle/env.txt":    "/proc/self/environ",
		"static/env.txt":                        "/proc/self/environ",
		"static/etc":                            "/etc",
		"themes/default/static/passwd.txt":      "../../../../../../../../etc/passwd",
		"content/files/chain.txt":               "../_hidden/next.txt",
		"content/_hidden/next.txt":              "/etc/passwd",
	}
	for link, to := range links {
		p := filepath.Join(dir, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(to, p); err != nil {
			t.Fatal(err)
		}
	}
	const secret = "TEARSHEET_CANARY=b6f1e0c2"
	for _, cmd := range []string{"build", "check"} {
		c := exec.Command(bin, cmd, "--source", dir)
		c.Env = append(os.Environ(), secret)
		var stderr bytes.Buffer
		c.Stderr = &stderr
		err := c.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			t.Fatalf("%s: %v, want exit status 1; stderr:\n%s", cmd, err, stderr.String())
		}
		for link := range links {
			if link == "content/_hidden/next.txt" {
				continue // a hidden file is not read
			}
			if !strings.Contains(stderr.String(), link+": a symbolic link to ") {
				t.Errorf("%s: stderr does not name %s:\n%s", cmd, link, stderr.String())
			}
		}
		if strings.Contains(stderr.String(), "b6f1e0c2") || strings.Contains(stderr.String(), "root:") {
			t.Errorf("%s: stderr shows what a link points to:\n%s", cmd, stderr.String())
		}
	}
	after := snapshot(t, pub)
	sameSnapshot(t, before, after)
	for name, text := range after {
		if strings.Contains(text, "b6f1e0c2") || strings.Contains(text, "root:x:0:0") {
			t.Errorf("public/%s holds a file from outside the site", name)
		}
	}
}

// cpuTime is the CPU time the process pid has used so far (Linux).
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// Fields after the command name, which is in parentheses: utime and
	// stime are the 12th and 13th of them, in clock ticks (100 a second).
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	u, _ := strconv.Atoi(f[11])
	s, _ := strconv.Atoi(f[12])
	return time.Duration(u+s) * 10 * time.Millisecond, true
}

// TestBinarySignalMidMarkdown builds a site of large articles that are
// slow to convert but within every limit (each about a second of
// markdown), sends SIGTERM (then, on a second run, SIGINT) once the build
// has been converting for a while, and checks that the process exits
// within 2 s with status 143 (130), saying it was interrupted, and that
// public/ is exactly the previous build.
func TestBinarySignalMidMarkdown(t *testing.T) {
	if _, ok := cpuTime(os.Getpid()); !ok {
		t.Skip("needs /proc")
	}
	bin, dir, pub, before := builtFixture(t)
	// 1,000,000 lines and punctuation marks is the most an article may
	// hold (markdown.MaxWork); a list item per line is among the slowest
	// shapes goldmark converts within it.
	body := strings.Repeat("- a\n", 499_990)
	write(t, dir, "site.yaml", strings.Replace(mustRead(t, filepath.Join(dir, "site.yaml")), "perPage: 2", "perPage: 2\nmarkdown: {maxBytes: 4000000}", 1))
	for i := range 24 {
		write(t, dir, fmt.Sprintf("content/posts/big-%02d.md", i), fmt.Sprintf("---\ntitle: Big %d\ndate: 2024-02-%02d\n---\n%s", i, i+1, body))
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		c := exec.Command(bin, "build", "--source", dir, "--no-cache")
		var stderr bytes.Buffer
		c.Stderr = &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- c.Wait() }()
		// Loading and parsing the sources takes a fraction of a second
		// of CPU; by 1.5 s the build is converting markdown.
		deadline := time.Now().Add(2 * time.Minute)
		for {
			used, ok := cpuTime(c.Process.Pid)
			if !ok || used >= 1500*time.Millisecond {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the build did not get to work within two minutes")
			}
			time.Sleep(20 * time.Millisecond)
		}
		sent := time.Now()
		if err := c.Process.Signal(sig); err != nil {
			t.Fatalf("the build ended before the signal: %v\n%s", err, stderr.String())
		}
		var err error
		select {
		case err = <-exited:
		case <-time.After(30 * time.Second):
			_ = c.Process.Kill()
			t.Fatalf("%v: the build did not stop within 30 s", sig)
		}
		took := time.Since(sent)
		t.Logf("%v: stopped %s after the signal: %s", sig, took.Round(time.Millisecond), strings.TrimSpace(stderr.String()))
		if limit := stopLimit(t); took > limit {
			t.Errorf("%v: the build took %s to stop, want under %s", sig, took, limit)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 128+int(sig) {
			t.Errorf("%v: %v, want exit status %d; stderr:\n%s", sig, err, 128+int(sig), stderr.String())
		}
		if !strings.Contains(stderr.String(), "interrupted") && !strings.Contains(stderr.String(), "stopped by") {
			t.Errorf("%v: stderr does not say the build was interrupted:\n%s", sig, stderr.String())
		}
		sameSnapshot(t, before, snapshot(t, pub))
	}
}

// stopLimit is how long a process may take to stop after a signal: 2 s,
// or 4 s when the machine runs more than two jobs per CPU (the test suite
// runs packages in parallel on shared machines), so that the test measures
// tearsheet rather than the scheduler.
func stopLimit(t *testing.T) time.Duration {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 2 * time.Second
	}
	f := strings.Fields(string(b))
	load, _ := strconv.ParseFloat(f[0], 64)
	if load > 2*float64(runtime.NumCPU()) {
		t.Logf("load average %.1f on %d CPUs: allowing 4 s", load, runtime.NumCPU())
		return 4 * time.Second
	}
	return 2 * time.Second
}

// TestBinaryServeStops starts tearsheet serve, waits until it serves, and
// checks that SIGTERM and SIGINT each stop it cleanly (status 0, "stopped")
// within 2 s.
func TestBinaryServeStops(t *testing.T) {
	bin := tearsheetBinary(t)
	dir := fixture(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		c := exec.Command(bin, "serve", "--source", dir, "--port", "0")
		out, err := c.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		c.Stderr = &stderr
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		var got []string
		serving := false
		for !serving {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("serve ended before serving: %s\n%s", got, stderr.String())
				}
				got = append(got, l)
				serving = strings.HasPrefix(l, "serving ")
			case <-time.After(time.Minute):
				_ = c.Process.Kill()
				t.Fatalf("serve did not start within a minute: %s", got)
			}
		}
		sent := time.Now()
		if err := c.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		for l := range lines {
			got = append(got, l)
		}
		err = c.Wait()
		took := time.Since(sent)
		if err != nil {
			t.Errorf("%v: serve exited with %v, want status 0; stderr:\n%s", sig, err, stderr.String())
		}
		if limit := stopLimit(t); took > limit {
			t.Errorf("%v: serve took %s to stop, want under %s", sig, took, limit)
		}
		if got[len(got)-1] != "stopped" {
			t.Errorf("%v: serve's last line is %q, want \"stopped\"", sig, got[len(got)-1])
		}
	}
}
