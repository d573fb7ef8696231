package par

import (
	"sync/atomic"
	"testing"
	"time"
)

// busy counts the goroutines running a job, and the most at once.
type busy struct{ now, most atomic.Int32 }

func (b *busy) run(job func()) {
	n := b.now.Add(1)
	for {
		m := b.most.Load()
		if n <= m || b.most.CompareAndSwap(m, n) {
			break
		}
	}
	job()
	b.now.Add(-1)
}

// TestLimitNested runs jobs that share their own jobs out (as a build
// worker does an article's charts) and checks that every job runs once,
// that no more goroutines than the Limit's slots run jobs at once (not
// workers × workers), and that a lone job's parts do run on helpers.
func TestLimitNested(t *testing.T) {
	for _, c := range []struct{ size, outer, inner int }{{3, 10, 20}, {3, 1, 40}, {1, 5, 5}, {4, 2, 1}, {2, 3, 0}} {
		l := NewLimit(c.size)
		var b busy
		counts := make([]atomic.Int32, c.outer*c.inner)
		var helpers atomic.Int32
		l.Run(c.outer, func() func(int) {
			return func(o int) {
				part := func(i int) {
					b.run(func() {
						counts[o*c.inner+i].Add(1)
						time.Sleep(time.Millisecond)
					})
				}
				l.Share(c.inner, part, func() func(int) {
					helpers.Add(1)
					return part
				})
			}
		})
		for i := range counts {
			if got := counts[i].Load(); got != 1 {
				t.Errorf("%+v: part %d ran %d times", c, i, got)
			}
		}
		if most := b.most.Load(); int(most) > c.size {
			t.Errorf("%+v: %d goroutines busy at once, more than the %d slots", c, most, c.size)
		}
		if c.outer == 1 && c.inner > 1 && helpers.Load() == 0 {
			t.Errorf("%+v: one job's %d parts ran on no helper while %d slots were free", c, c.inner, c.size-1)
		}
		if got := len(l.free); got != c.size {
			t.Errorf("%+v: %d slots free after the run, want all %d back", c, got, c.size)
		}
	}
}

// TestLimitNil runs Share on a nil Limit: every job on the caller.
func TestLimitNil(t *testing.T) {
	var l *Limit
	ran := 0
	l.Share(5, func(int) { ran++ }, func() func(int) {
		t.Fatal("a helper without a Limit")
		return nil
	})
	if ran != 5 {
		t.Errorf("ran %d jobs, want 5", ran)
	}
	var n atomic.Int32
	l.Run(7, func() func(int) { return func(int) { n.Add(1) } })
	if n.Load() != 7 {
		t.Errorf("Run ran %d jobs, want 7", n.Load())
	}
}
