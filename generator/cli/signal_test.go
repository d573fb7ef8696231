package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
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
