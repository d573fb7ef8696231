package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"time"
)

// MaxPage is the most bytes one execution of a template may write: a
// page, a feed's item or a partial. A template that writes more (a range
// over a count in the billions, say) is stopped with an error rather than
// filling the memory and running for hours.
const MaxPage = 64 << 20

// maxPooled is the largest buffer an execution leaves for the next.
const maxPooled = 16 << 20

// DefaultMaxTime is how long one execution of a template (a page or a
// partial) may run when Theme.MaxTime is zero: site.yaml's timeout.
// Pages render in milliseconds; one still running after this is taken
// to loop without end.
const DefaultMaxTime = 30 * time.Second

// ErrTooSlow is the error of a template execution that ran longer than
// its Theme's MaxTime. The execution is not stopped (Go cannot stop it):
// it goes on in the background, writing into a buffer no one reads,
// until it ends or the program exits.
var ErrTooSlow = errors.New("still running")

// errTooLong is the error of a template that wrote more than MaxPage.
var errTooLong = fmt.Errorf("wrote more than %d MiB: look for a range over a huge count or a loop that never ends", MaxPage>>20)

// execute executes the template name of set into w, bounded in bytes
// (MaxPage) and in time (MaxTime): w gets all of its output or, on error,
// none. The template runs on a goroutine of its own, into a buffer of its
// own: after MaxTime, execute returns and the execution, which nothing
// can stop, keeps only that buffer, never w (a loop such as
// {{range 10000000000}}{{end}} writes nothing for hours).
func (t *Theme) execute(set *template.Template, w io.Writer, name string, data any) error {
	limit := t.MaxTime
	if limit <= 0 {
		limit = DefaultMaxTime
	}
	buf, _ := t.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	done := make(chan error, 1)
	go func() {
		defer func() {
			// A template function's own mistake fails the page, not
			// the program (text/template passes runtime errors on).
			if p := recover(); p != nil {
				done <- fmt.Errorf("panicked: %v", p)
			}
		}()
		done <- set.ExecuteTemplate(&bounded{buf: buf, left: MaxPage}, name, data)
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case err := <-done:
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		// The buffer of a large page is kept too (the archive index of
		// 10,000 articles is over 1 MB, and a preview renders it after
		// every new title): growing one again cleared and copied it at
		// every doubling. One far larger goes, or the pool would hold it.
		if buf.Cap() <= maxPooled {
			t.bufs.Put(buf)
		}
		return err
	case <-timer.C:
		// buf stays with the execution.
		return fmt.Errorf("%w after %v (renderTimeout in site.yaml): look for a range over a huge count or a template that calls itself; until tearsheet exits, the loop goes on in the background", ErrTooSlow, limit)
	}
}

// bounded is a writer into buf that takes left bytes at most.
type bounded struct {
	buf  *bytes.Buffer
	left int
}

func (b *bounded) Write(p []byte) (int, error) {
	if len(p) > b.left {
		b.left = 0
		return 0, errTooLong
	}
	b.left -= len(p)
	return b.buf.Write(p)
}
