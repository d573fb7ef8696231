package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Grace is how long Main lets a command wind down after SIGINT or SIGTERM
// before it exits anyway. A build checks for the signal between articles
// and stages, and one article converts in bounded time (see the markdown
// package's limits), so it usually stops well within it; the grace bounds
// what no check covers (drawing a chart, a template, a data loader).
const Grace = 250 * time.Millisecond

// Main runs args as Run does and stops it on SIGINT or SIGTERM: the
// command's context ends at once, and Main returns when the command has
// wound down, after Grace, or at a second signal, whichever comes first.
// An interrupted command exits 130 (SIGINT) or 143 (SIGTERM), as a shell
// reports a process killed by the signal; a command that finished anyway
// (serve, which a signal stops cleanly, or a build already replacing
// public/) returns its own code. serve given up on (its first build still
// drawing charts after Grace) exits 0 too: it leaves nothing half done
// (see stopsCleanly). public/ is never left half replaced: a
// build swaps its new output into place holding the commit gate (see
// commit), and Main takes the gate before it gives up on the command, so
// it waits for a swap in progress and prevents one from starting.
func Main(args []string, stdout, stderr io.Writer) int {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	return mainWith(sigs, Grace, args, stdout, stderr)
}

// mainWith is Main with its signals and grace period given.
func mainWith(sigs <-chan os.Signal, grace time.Duration, args []string, stdout, stderr io.Writer) int {
	gate := new(commitGate)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), commitGateKey{}, gate))
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- Run(ctx, args, stdout, stderr) }()
	var got os.Signal
	var timeout <-chan time.Time
	for {
		select {
		case code := <-done:
			if got != nil && code != 0 {
				return signalCode(got)
			}
			return code
		case s := <-sigs:
			if got == nil {
				got = s
				cancel()
				timeout = time.After(grace)
				continue
			}
		case <-timeout:
		}
		// A second signal, or the grace period is over: wait for a
		// swap of public/ in progress, let none start, and exit.
		if stopsCleanly(args) {
			return 0
		}
		gate.mu.Lock()
		if gate.committed {
			// The new build is in place: it only reports that.
			return <-done
		}
		if gate.abort != nil {
			// The build's staging folder, which it would remove had it
			// wound down: not left in the site folder.
			_ = gate.abort()
		}
		fmt.Fprintf(stderr, "tearsheet: stopped by %s\n", got)
		return signalCode(got)
	}
}

// signalCode is the exit code of a command stopped by s: 128 + its number.
func signalCode(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}

// commitGate orders a build's swap of its output into place with Main
// giving up on the command: Main holds mu from then on, so a swap runs
// whole or not at all; committed says the swap ran. abort, when set,
// removes the running build's staging folder (Stage.Abort): Main runs it
// when it gives up on a build that has not swapped.
type commitGate struct {
	mu        sync.Mutex
	committed bool
	abort     func() error
}

type commitGateKey struct{}

// onGiveUp records, under Main, abort as what undoes the build of ctx when
// Main gives up on it (see commitGate). A staging folder moved away or
// removed by it leaves the build's later writes failing, not recreating it.
func onGiveUp(ctx context.Context, abort func() error) {
	if gate, _ := ctx.Value(commitGateKey{}).(*commitGate); gate != nil {
		gate.mu.Lock()
		gate.abort = abort
		gate.mu.Unlock()
	}
}

// commit runs swap, which puts a finished build into place, unless ctx has
// ended (the command was interrupted): then it returns ctx's error and
// nothing is swapped. Under Main it holds the commit gate while swap runs.
func commit(ctx context.Context, swap func() error) error {
	gate, _ := ctx.Value(commitGateKey{}).(*commitGate)
	if gate == nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		return swap()
	}
	gate.mu.Lock()
	defer gate.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	gate.committed = true
	return swap()
}
