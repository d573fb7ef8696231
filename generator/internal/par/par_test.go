package par

import (
	"sync/atomic"
	"testing"
)

// TestRunEveryIndexOnce checks that every index runs exactly once, for
// more, fewer and as many workers as jobs, and that each worker is made
// once.
func TestRunEveryIndexOnce(t *testing.T) {
	for _, c := range []struct{ n, workers int }{{0, 4}, {1, 4}, {100, 1}, {100, 3}, {5, 5}, {50, 0}} {
		counts := make([]atomic.Int32, c.n)
		var made atomic.Int32
		Run(c.n, c.workers, func() func(int) {
			made.Add(1)
			return func(i int) { counts[i].Add(1) }
		})
		for i := range counts {
			if got := counts[i].Load(); got != 1 {
				t.Errorf("n=%d workers=%d: job %d ran %d times", c.n, c.workers, i, got)
			}
		}
		if c.workers > 0 && int(made.Load()) > min(c.n, c.workers) {
			t.Errorf("n=%d workers=%d: %d workers made", c.n, c.workers, made.Load())
		}
	}
}
