package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestCommit checks the commit gate: an ended context swaps nothing, and
// under Main a swap marks the gate committed, so Main waits for the
// command to report rather than exiting over it.
func TestCommit(t *testing.T) {
	swapped := 0
	swap := func() error { swapped++; return nil }
	if err := commit(context.Background(), swap); err != nil || swapped != 1 {
		t.Errorf("no gate: err %v, %d swaps", err, swapped)
	}
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	if err := commit(ended, swap); !errors.Is(err, context.Canceled) || swapped != 1 {
		t.Errorf("ended context: err %v, %d swaps", err, swapped)
	}
	gate := new(commitGate)
	ctx := context.WithValue(context.Background(), commitGateKey{}, gate)
	if err := commit(ctx, swap); err != nil || swapped != 2 || !gate.committed {
		t.Errorf("gate: err %v, %d swaps, committed %v", err, swapped, gate.committed)
	}
	gate = new(commitGate)
	gated, cancel := context.WithCancel(context.WithValue(context.Background(), commitGateKey{}, gate))
	cancel()
	if err := commit(gated, swap); err == nil || swapped != 2 || gate.committed {
		t.Errorf("gate, ended context: err %v, %d swaps, committed %v", err, swapped, gate.committed)
	}
}

// TestMainSignals runs serve under mainWith with a signal sent on a
// channel: it ends serve's context and serve stops cleanly with code 0. It
// also checks the exit codes of interrupted commands (the binary tests
// check them end to end).
func TestMainSignals(t *testing.T) {
	dir := fixture(t)
	sigs := make(chan os.Signal, 2)
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- mainWith(sigs, time.Minute, []string{"serve", "--source", dir, "--port", "0"}, &out, &errOut)
	}()
	sigs <- syscall.SIGTERM
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve: exit code %d, want 0; stderr:\n%s", code, errOut.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop")
	}
	if got := signalCode(syscall.SIGINT); got != 130 {
		t.Errorf("SIGINT: %d, want 130", got)
	}
	if got := signalCode(syscall.SIGTERM); got != 143 {
		t.Errorf("SIGTERM: %d, want 143", got)
	}
}

// TestMainSignalsFirstBuild stops serve during its first build with no
// grace at all (as a first build drawing many charts outlasts Grace):
// Main gives up on it at once, and exits 0 without "stopped by", as serve
// stopped by a signal does.
func TestMainSignalsFirstBuild(t *testing.T) {
	dir := fixture(t)
	sigs := make(chan os.Signal, 2)
	out, errOut := new(lockedWriter), new(lockedWriter)
	sigs <- syscall.SIGINT
	code := mainWith(sigs, time.Nanosecond, []string{"serve", "--source", dir, "--port", "0"}, out, errOut)
	if code != 0 || strings.Contains(errOut.String(), "stopped by") {
		t.Errorf("serve interrupted in its first build: exit code %d, want 0; stderr:\n%s", code, errOut)
	}
	// serve, given up on, still stops: it must be done with dir.
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(out.String(), "stopped") {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not stop; it said:\n%s%s", out, errOut)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// lockedWriter is a bytes.Buffer safe for a command that runs on after
// Main returned.
type lockedWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
