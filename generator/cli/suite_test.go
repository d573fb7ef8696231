package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A case of the input suite is a txtar-like file: a header of directives,
// then files laid over the basic fixture site, each after a line
// "-- PATH --". Header lines:
//
//	want: TEXT            stderr must hold TEXT (bad cases)
//	contains: PATH: TEXT  the built PATH under public/ must hold TEXT (good cases)
//	fifo: PATH            make a named pipe at PATH
//	symlink: PATH -> TO   make a symbolic link (TO starting SITE/ is absolute, in the site)
//	dir: PATH             replace PATH with an empty folder
//	unreadable: PATH      chmod 000 (the case is skipped when running as root)
//
// Other header lines are the case's description.
type suiteCase struct {
	name     string
	wants    []string
	contains [][2]string
	setup    [][2]string // directive, argument
	files    map[string]string
	root     bool // needs a non-root user
}

func parseCase(t *testing.T, file string) suiteCase {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := suiteCase{name: strings.TrimSuffix(filepath.Base(file), ".txtar"), files: map[string]string{}}
	var cur string
	var body strings.Builder
	flush := func() {
		if cur != "" {
			c.files[cur] = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(string(b), "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			cur = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		if cur != "" {
			body.WriteString(line)
			continue
		}
		key, val, ok := strings.Cut(trimmed, ": ")
		switch {
		case !ok:
		case key == "want":
			c.wants = append(c.wants, val)
		case key == "contains":
			p, text, _ := strings.Cut(val, ": ")
			c.contains = append(c.contains, [2]string{p, text})
		case key == "fifo", key == "symlink", key == "dir", key == "unreadable":
			c.setup = append(c.setup, [2]string{key, val})
			c.root = c.root || key == "unreadable"
		}
	}
	flush()
	if len(c.files)+len(c.setup) == 0 {
		t.Fatalf("%s: the case changes nothing in the site: give it a file (-- NAME --) or a setup line", file)
	}
	return c
}

// apply lays the case over the site in dir.
func (c suiteCase) apply(t *testing.T, dir string) {
	t.Helper()
	for name, text := range c.files {
		write(t, dir, name, text)
	}
	for _, s := range c.setup {
		p := filepath.Join(dir, filepath.FromSlash(s[1]))
		var err error
		switch s[0] {
		case "fifo":
			_ = os.MkdirAll(filepath.Dir(p), 0o755)
			_ = os.Remove(p) // a pipe may replace a file of the fixture
			if err = mkfifo(p); errors.Is(err, errors.ErrUnsupported) {
				t.Skip("named pipes: ", err)
			}
		case "symlink":
			from, to, _ := strings.Cut(s[1], " -> ")
			if rest, ok := strings.CutPrefix(to, "SITE/"); ok {
				to = filepath.Join(dir, filepath.FromSlash(rest))
			}
			p = filepath.Join(dir, filepath.FromSlash(from))
			_ = os.MkdirAll(filepath.Dir(p), 0o755)
			_ = os.Remove(p) // a link may replace a file of the fixture
			err = os.Symlink(to, p)
		case "dir":
			_ = os.RemoveAll(p)
			err = os.MkdirAll(p, 0o755)
		case "unreadable":
			err = os.Chmod(p, 0)
		}
		if err != nil {
			t.Fatalf("%s %s: %v", s[0], s[1], err)
		}
	}
}

// runWithin runs the command line, failing the test if it does not finish
// in time (a build must never hang on its input).
func runWithin(t *testing.T, d time.Duration, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		var o, e bytes.Buffer
		code := Run(context.Background(), args, &o, &e)
		done <- result{code, o.String(), e.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(d):
		t.Fatalf("tearsheet %s did not finish in %s", strings.Join(args, " "), d)
		return 0, "", ""
	}
}

// TestBadInput builds the basic fixture, lays each bad case over it and
// builds again: the build must fail with exit code 1, name the problem and
// its place, not panic, and leave public/ exactly as it was.
func TestBadInput(t *testing.T) {
	t.Parallel() // see TestMain
	files, _ := filepath.Glob("testdata/bad/*.txtar")
	if len(files) < 30 {
		t.Fatalf("%d bad cases, want at least 30", len(files))
	}
	base := fixture(t)
	if code, _, e := run(t, "build", "--source", base, "--no-cache"); code != 0 {
		t.Fatalf("the base fixture does not build: %s", e)
	}
	for _, file := range files {
		c := parseCase(t, file)
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // each case builds its own copy of base
			if c.root && os.Geteuid() == 0 {
				t.Skip("root reads files whatever their mode")
			}
			if len(c.wants) == 0 {
				t.Fatal("the case has no want: line")
			}
			dir := t.TempDir()
			copyDir(t, base, dir)
			before := snapshot(t, filepath.Join(dir, "public"))
			c.apply(t, dir)
			code, _, errOut := runWithin(t, 20*time.Second, "build", "--source", dir, "--no-cache")
			if os.Getenv("SUITE_SHOW") != "" {
				t.Log(errOut)
			}
			checkFailedBuild(t, dir, before, code, errOut, c.wants)
		})
	}
}

// checkFailedBuild checks what a failed build must do: exit code 1, every
// wanted text in stderr, no panic, public/ as it was (before) and no
// staging folder left in dir.
func checkFailedBuild(t *testing.T, dir string, before map[string]string, code int, errOut string, wants []string) {
	t.Helper()
	if code != 1 {
		t.Fatalf("exit code %d, want 1; stderr:\n%s", code, errOut)
	}
	for _, w := range wants {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
		t.Errorf("stderr shows a panic:\n%s", errOut)
	}
	sameSnapshot(t, before, snapshot(t, filepath.Join(dir, "public")))
	if left, _ := filepath.Glob(filepath.Join(dir, ".tearsheet-stage-*")); len(left) > 0 {
		t.Errorf("staging folders left behind: %v", left)
	}
}

// TestGoodInput lays each good case (inputs that look odd but are valid:
// a BOM, CRLF line ends, quoted commas, mixed date formats, names with
// spaces and accents) over the basic fixture; the build must succeed and
// publish what the case says.
func TestGoodInput(t *testing.T) {
	t.Parallel() // see TestMain
	files, _ := filepath.Glob("testdata/good/*.txtar")
	if len(files) == 0 {
		t.Fatal("no good cases")
	}
	for _, file := range files {
		c := parseCase(t, file)
		if len(c.contains) == 0 {
			t.Fatalf("%s: a good case checks nothing: name what the output holds (contains: PATH: TEXT)", file)
		}
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // each case builds its own fixture
			dir := fixture(t)
			c.apply(t, dir)
			code, _, errOut := runWithin(t, 20*time.Second, "build", "--source", dir, "--no-cache")
			if code != 0 {
				t.Fatalf("exit code %d; stderr:\n%s", code, errOut)
			}
			for _, w := range c.contains {
				b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(w[0])))
				if err != nil {
					t.Errorf("public/%s: %v", w[0], err)
					continue
				}
				if !strings.Contains(string(b), w[1]) {
					t.Errorf("public/%s lacks %q", w[0], w[1])
				}
			}
		})
	}
}
