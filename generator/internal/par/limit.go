package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Limit is a number of slots for busy goroutines, shared by parallel
// stages that run inside one another: the build's workers each hold a
// slot while they run (Run), and a job that splits its own work, such as
// drawing an article's charts, hands parts of it to helpers only for the
// slots it finds free (Share). Together they never run more goroutines
// than the Limit's size, however many articles are converted at once.
// A nil *Limit runs Run as the package's Run on GOMAXPROCS goroutines,
// and Share on the calling goroutine alone.
type Limit struct{ free chan struct{} }

// NewLimit returns a Limit of n slots (GOMAXPROCS when n <= 0).
func NewLimit(n int) *Limit {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	l := &Limit{free: make(chan struct{}, n)}
	for range n {
		l.free <- struct{}{}
	}
	return l
}

// Size is the number of l's slots; 0 for a nil Limit.
func (l *Limit) Size() int {
	if l == nil {
		return 0
	}
	return cap(l.free)
}

// Run is the package's Run on as many goroutines as l has slots, each
// holding one while it runs and giving it back once no job is left. A
// goroutine waits for its slot: a job of Run or Share must not call Run
// on the same Limit.
func (l *Limit) Run(n int, newWorker func() func(i int)) {
	if l == nil {
		Run(n, 0, newWorker)
		return
	}
	run(n, cap(l.free), newWorker, func() func() {
		<-l.free
		return func() { l.free <- struct{}{} }
	})
}

// take takes a free slot of l, if there is one, without waiting.
func (l *Limit) take() bool {
	if l == nil {
		return false
	}
	select {
	case <-l.free:
		return true
	default:
		return false
	}
}

// Share calls job(0) … job(n-1) on the calling goroutine (a worker of
// l.Run, holding a slot) with own, and on a helper for each slot of l it
// finds free, never waiting for one: it looks again before each job it
// runs itself, so that the slots other workers give back meanwhile join
// in. Each helper gets its own job function from newWorker and gives its
// slot back once no job is left. Share returns when every job has
// returned; which goroutine ran a job must not show in what it made.
func (l *Limit) Share(n int, own func(i int), newWorker func() func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	helpers := 0
	for {
		// One goroutine a job left at most, the caller's included.
		for helpers < n-int(next.Load())-1 && l.take() {
			helpers++
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { l.free <- struct{}{} }()
				job := newWorker()
				for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
					job(i)
				}
			}()
		}
		i := int(next.Add(1)) - 1
		if i >= n {
			break
		}
		own(i)
	}
	wg.Wait()
}
