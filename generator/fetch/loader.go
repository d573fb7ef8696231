package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"
)

// load runs a dataset's data loader, unless its cached output was made by
// the same command from the same inputs.
func (f *fetcher) load(ctx context.Context, name string, warn func(string, ...any)) (*Dataset, error) {
	d := f.cfg.Datasets[name]
	if !f.cfg.Fetch.AllowCommands {
		return nil, fmt.Errorf("command: data loaders are off: set fetch: {allowCommands: true} in site.yaml to run them")
	}
	key, err := f.loaderKey(d.Command, d.Inputs)
	if err != nil {
		return nil, err
	}
	body, meta, ok := f.cached(name)
	if ok && meta.Command == d.Command && meta.Key == key {
		return &Dataset{Name: name, Path: cachePath(name), Data: body, Status: Unchanged}, nil
	}
	extra, err := f.secrets.env(d)
	if err != nil {
		return nil, err
	}
	out, err := f.run(ctx, name, d.Command, extra)
	if err == nil {
		if n := f.secrets.in(out); n != "" {
			err = fmt.Errorf("data loader %q printed %w", d.Command, echoed(n))
		} else if err = f.validate(name, out); err != nil {
			err = fmt.Errorf("data loader %q printed %w", d.Command, err)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if ok && meta.Command == d.Command {
			warn("%v; using its earlier output %s", err, cachePath(name))
			return &Dataset{Name: name, Path: cachePath(name), Data: body, Status: Cached}, nil
		}
		return nil, err
	}
	m := Meta{Command: d.Command, Inputs: d.Inputs, Key: key, FetchedAt: f.opts.Now().UTC(), SHA256: hash(out)}
	if err := f.store(name, out, m); err != nil {
		return nil, err
	}
	return &Dataset{Name: name, Path: cachePath(name), Data: out, Status: Ran}, nil
}

// loaderKey hashes a command and the contents of its inputs.
func (f *fetcher) loaderKey(command string, inputs []string) (string, error) {
	var b bytes.Buffer
	b.WriteString("tearsheet-loader/1\x00" + command + "\x00")
	for _, in := range inputs {
		data, err := fs.ReadFile(f.fsys, in)
		if err != nil {
			return "", fmt.Errorf("inputs: %w", err)
		}
		b.WriteString(in + "\x00" + hash(data) + "\x00")
	}
	return hash(b.Bytes()), nil
}

// limited is a buffer that refuses to grow past max bytes.
type limited struct {
	buf  bytes.Buffer
	max  int64
	over bool
}

func (l *limited) Write(p []byte) (int, error) {
	if int64(l.buf.Len()+len(p)) > l.max {
		l.over = true
		return 0, errors.New("output too large")
	}
	return l.buf.Write(p)
}

// tail keeps the last n bytes written to it.
type tail struct {
	b []byte
	n int
}

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > t.n {
		t.b = t.b[len(t.b)-t.n:]
	}
	return len(p), nil
}

// run runs command with sh -c in the site folder, with the variables extra
// (NAME=value) added to its minimal environment, and returns its standard
// output.
func (f *fetcher) run(ctx context.Context, name, command string, extra []string) ([]byte, error) {
	timeout := f.cfg.Fetch.CommandTimeoutDur
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, "sh", "-c", command)
	cmd.Dir = f.opts.SiteDir
	if cmd.Dir == "" {
		cmd.Dir = "."
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "TZ=UTC", "TEARSHEET_DATASET=" + name}
	if h := os.Getenv("HOME"); h != "" {
		env = append(env, "HOME="+h)
	}
	if f.opts.Offline {
		env = append(env, "TEARSHEET_OFFLINE=1")
	}
	cmd.Env = append(env, extra...)
	out := &limited{max: f.cfg.Fetch.MaxBytes}
	errOut := &tail{n: 4096}
	cmd.Stdout, cmd.Stderr = out, errOut
	cmd.WaitDelay = 250 * time.Millisecond
	err := cmd.Run()
	stderr := trimStderr(errOut.b)
	switch {
	case out.over:
		return nil, fmt.Errorf("data loader %q printed more than fetch.maxBytes (%d bytes)", command, f.cfg.Fetch.MaxBytes)
	case cctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("data loader %q did not finish within %s (fetch.commandTimeout)%s", command, timeout, stderr)
	case err != nil:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("data loader %q failed with exit code %d%s", command, ee.ExitCode(), stderr)
		}
		return nil, fmt.Errorf("data loader %q: %w", command, err)
	}
	return out.buf.Bytes(), nil
}

// trimStderr returns the last lines of a loader's standard error, as ": …"
// to end a message, or "" when it wrote nothing.
func trimStderr(b []byte) string {
	s := strings.TrimSpace(strings.ToValidUTF8(string(b), "?"))
	if s == "" {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > 10 {
		lines = append([]string{"…"}, lines[len(lines)-10:]...)
	}
	return ": " + strings.Join(lines, "\n  ")
}
