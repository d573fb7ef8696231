package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// notifier tells the watcher of changes in the folders it was given, one
// level deep, as fsnotify does: fsnotify's own (the system's events), or a
// poller, which looks at the folders' listings again and again, for a
// system that gives no events (a Windows drive under WSL, a network or
// container mount) or will not watch as many folders as a large site has.
type notifier interface {
	Add(dir string) error
	Remove(dir string) error
	WatchList() []string
	Close() error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
}

// systemNotifier is fsnotify's watcher, the system's events.
type systemNotifier struct{ *fsnotify.Watcher }

func (n systemNotifier) Events() <-chan fsnotify.Event { return n.Watcher.Events }
func (n systemNotifier) Errors() <-chan error          { return n.Watcher.Errors }

// DefaultPoll is how often the preview looks for changes when the system
// cannot tell it (see tooManyWatches).
const DefaultPoll = 300 * time.Millisecond

// tooManyWatches reports whether err is the system refusing to watch
// more: inotify's limits (fs.inotify.max_user_watches, reached as "no
// space left on device"; max_user_instances, "too many open files"), or
// the open files kqueue needs, one per file, on macOS and the BSDs.
func tooManyWatches(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// raiseLimit says how to raise the limit err ran into, on this system.
func raiseLimit(err error) string {
	switch {
	case runtime.GOOS == "linux" && errors.Is(err, syscall.ENOSPC):
		return "raise fs.inotify.max_user_watches (sudo sysctl fs.inotify.max_user_watches=524288)"
	case runtime.GOOS == "linux":
		return "raise fs.inotify.max_user_instances (sudo sysctl fs.inotify.max_user_instances=1024), or close other programs that watch files"
	}
	return "raise the limit of open files (ulimit -n 65536 in the shell that runs tearsheet serve)"
}

// poller is a notifier that lists each folder it watches every interval
// and reports what was created, written (another size or modification
// time) or removed since the last listing. A folder that is gone stops
// being watched, as with the system's events.
type poller struct {
	every  time.Duration
	events chan fsnotify.Event
	errs   chan error
	done   chan struct{}
	ended  chan struct{}
	close  sync.Once

	mu   sync.Mutex
	dirs map[string]map[string]stamp // each watched folder's last listing
}

// stamp is what a listing records of an entry to tell it changed.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

func newPoller(every time.Duration) *poller {
	p := &poller{
		every:  every,
		events: make(chan fsnotify.Event),
		errs:   make(chan error),
		done:   make(chan struct{}),
		ended:  make(chan struct{}),
		dirs:   map[string]map[string]stamp{},
	}
	go p.run()
	return p
}

func (p *poller) Events() <-chan fsnotify.Event { return p.events }
func (p *poller) Errors() <-chan error          { return p.errs }

// Add watches dir from its listing now on.
func (p *poller) Add(dir string) error {
	l, err := listing(dir)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dirs[dir] = l
	return nil
}

// Remove stops watching dir.
func (p *poller) Remove(dir string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.dirs[dir]; !ok {
		return fmt.Errorf("%s: %w", dir, fsnotify.ErrNonExistentWatch)
	}
	delete(p.dirs, dir)
	return nil
}

func (p *poller) WatchList() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Sorted(maps.Keys(p.dirs))
}

// Close stops the poller; it returns once no event is being sent.
func (p *poller) Close() error {
	p.close.Do(func() { close(p.done) })
	<-p.ended
	return nil
}

// run looks at every folder each interval, or, on a site so large that
// looking takes longer than a fifth of it, five times as long as looking
// took: the preview never spends more than a fifth of a core on it.
func (p *poller) run() {
	defer close(p.ended)
	wait := time.NewTimer(p.every)
	defer wait.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-wait.C:
		}
		began := time.Now()
		p.scan()
		wait.Reset(max(p.every, 5*time.Since(began)))
	}
}

// scan looks at every folder once and sends what changed.
func (p *poller) scan() {
	for _, dir := range p.WatchList() {
		for _, ev := range p.rescan(dir) {
			select {
			case p.events <- ev:
			case <-p.done:
				return
			}
		}
	}
}

// rescan lists dir again and returns what changed since its last listing,
// in name order; nothing when dir is no longer watched. A folder that
// cannot be listed any more is no longer watched: its parent's listing
// reports it removed.
func (p *poller) rescan(dir string) []fsnotify.Event {
	now, err := listing(dir)
	p.mu.Lock()
	defer p.mu.Unlock()
	was, ok := p.dirs[dir]
	if !ok {
		return nil // removed meanwhile
	}
	if err != nil {
		delete(p.dirs, dir)
		return nil
	}
	p.dirs[dir] = now
	var evs []fsnotify.Event
	for _, name := range sortedKeys(was, now) {
		s, had := was[name]
		t, has := now[name]
		p := filepath.Join(dir, name)
		switch {
		case !has:
			evs = append(evs, fsnotify.Event{Name: p, Op: fsnotify.Remove})
		case !had:
			evs = append(evs, fsnotify.Event{Name: p, Op: fsnotify.Create})
		case s.mode.Type() != t.mode.Type():
			evs = append(evs, fsnotify.Event{Name: p, Op: fsnotify.Remove}, fsnotify.Event{Name: p, Op: fsnotify.Create})
		case s != t:
			evs = append(evs, fsnotify.Event{Name: p, Op: fsnotify.Write})
		}
	}
	return evs
}

// listing returns the entries of dir, each with its stamp (of the entry
// itself: a symbolic link's own). An entry removed while listed is left
// out.
func listing(dir string) (map[string]stamp, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	l := make(map[string]stamp, len(ents))
	for _, e := range ents {
		info, err := e.Info()
		if err != nil {
			continue
		}
		// A folder's own time changes with its entries, which its own
		// listing reports, as the system's events do.
		st := stamp{mode: info.Mode()}
		if !info.IsDir() {
			st.size, st.mod = info.Size(), info.ModTime()
		}
		l[e.Name()] = st
	}
	return l, nil
}

// sortedKeys returns the names of a and b, sorted, each once.
func sortedKeys(a, b map[string]stamp) []string {
	names := make([]string, 0, len(b))
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}
