// Package par runs indexed jobs on a fixed number of goroutines: the one
// worker pool of the build, the content loader and the fetch stage.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Run calls job(0) … job(n-1) on workers goroutines (GOMAXPROCS when
// workers <= 0). Each goroutine gets its own job function from newWorker,
// so per-worker state (a markdown converter, a buffer) needs no locks.
// Results go into slices indexed by i, so the order of completion never
// shows in the output.
func Run(n, workers int, newWorker func() func(i int)) {
	run(n, workers, newWorker, nil)
}

// run is Run; each goroutine calls hold (when not nil) before anything
// else, and the function hold returns once no job is left.
func run(n, workers int, newWorker func() func(i int), hold func() (release func())) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if hold != nil {
				defer hold()()
			}
			job := newWorker()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				job(i)
			}
		}()
	}
	wg.Wait()
}

// Each is Run for jobs without per-worker state.
func Each(n, workers int, job func(i int)) {
	Run(n, workers, func() func(int) { return job })
}
