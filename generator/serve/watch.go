package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tearsheet/tearsheet/generator/render"
)

// watchedDirs are the folders of a site watched with all their subfolders;
// the site root itself is watched alone, for site.yaml and for these
// folders appearing.
var watchedDirs = []string{"content", "themes", "layouts", "static", "data"}

// Batch is a set of changes that arrived together.
type Batch struct {
	Paths []string // changed slash paths from the site root, sorted
	Kind  Kind     // the greatest kind among them
	// Unknown is set when the watcher lost events (its queue overflowed):
	// everything must be read again.
	Unknown bool
}

// watcher turns fsnotify events under a site root into debounced batches.
type watcher struct {
	root  string
	fsw   notifier
	quiet time.Duration // a batch ends after this long without events
	max   time.Duration // and never later than this after it began
	poll  time.Duration // how often it looks for changes; 0: the system tells it
	links *links        // the site's symbolic links and their targets
	// named are the files outside watchedDirs that site.yaml names (a
	// dataset's file, a data loader's inputs), slash paths from the site
	// root: their changes are Data (see watchNamed). Run sets them while
	// run reads them.
	mu    sync.Mutex
	named map[string]bool
}

// newWatcher watches the site at root with the system's events, or, when
// poll is above 0, by looking every poll (see poller). When the system will
// not watch as many folders as the site has (tooManyWatches), it looks
// every DefaultPoll instead, and note says so and how to raise the limit.
func newWatcher(root string, quiet, poll time.Duration) (w *watcher, note string, err error) {
	return watchSystemOr(root, quiet, poll, func() (notifier, error) {
		fsw, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, err
		}
		return systemNotifier{fsw}, nil
	})
}

// watchSystemOr is newWatcher with system, which returns the system's
// notifier.
func watchSystemOr(root string, quiet, poll time.Duration, system func() (notifier, error)) (w *watcher, note string, err error) {
	if poll > 0 {
		w, err = watchPolling(root, quiet, poll)
		return w, "", err
	}
	if fsys := silentFS(root); fsys != "" {
		// Saves from Windows or another machine would never reach the
		// system's events.
		note = fmt.Sprintf("the site is on a %s file system, whose changes made by other systems the system's events do not report: the preview looks for changes every %s (tearsheet serve --poll sets how often)", fsys, DefaultPoll)
		w, err = watchPolling(root, quiet, DefaultPoll)
		return w, note, err
	}
	n, err := system()
	if err == nil {
		w, err = watchWith(root, quiet, n)
	}
	if err != nil && tooManyWatches(err) {
		note = fmt.Sprintf("the system will not watch this site's folders for changes (%v): the preview looks for changes every %s instead; to have it told at once, %s, or run tearsheet serve --poll to say you mean it", err, DefaultPoll, raiseLimit(err))
		w, err = watchPolling(root, quiet, DefaultPoll)
	}
	return w, note, err
}

// watchPolling watches the site at root by looking every interval.
func watchPolling(root string, quiet, every time.Duration) (*watcher, error) {
	w, err := watchWith(root, quiet, newPoller(every))
	if w != nil {
		w.poll = every
	}
	return w, err
}

// watchWith watches the site at root through n, which it closes on an
// error.
func watchWith(root string, quiet time.Duration, n notifier) (*watcher, error) {
	w := &watcher{root: root, fsw: n, quiet: quiet, max: 20 * quiet, links: newLinks(root)}
	if err := n.Add(root); err != nil {
		n.Close()
		return nil, err
	}
	// site.yaml and figures.lock may be links too.
	if entries, err := os.ReadDir(root); err == nil {
		for _, e := range entries {
			if e.Type()&fs.ModeSymlink != 0 && !strings.HasPrefix(e.Name(), ".") {
				if err := w.noteLink(filepath.Join(root, e.Name())); err != nil {
					n.Close()
					return nil, err
				}
			}
		}
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			n.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder under it, except hidden ones. A
// missing dir is not an error: it may appear later.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && errors.Is(err, fs.ErrNotExist) {
				return nil // removed while walking
			}
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return w.noteLink(p)
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") && d.Name() != render.WellKnown {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// noteLink records the symbolic link at p, and watches the folder of its
// target when no other watch sees it.
func (w *watcher) noteLink(p string) error {
	dir := w.links.note(w.rel(p), p)
	if dir == "" {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("watching %s, which the link %s leads into: %w", dir, w.rel(p), err)
	}
	return nil
}

// unwatch stops watching the folder name, renamed or moved away, and every
// folder under it. Their watches would otherwise follow the folders and
// report them under their old names, and the watch of the folder itself
// would end when its move is reported, after its new name was watched
// (the watch of a folder is that of its inode, whatever its name): saves
// in a renamed bundle would go unseen. The folder's new name, reported as
// created, is watched again. name need not be a watched folder (a file
// renamed by an editor's save): then it does nothing.
func (w *watcher) unwatch(name string) {
	prefix := name + string(filepath.Separator)
	for _, p := range w.fsw.WatchList() {
		if p == name || strings.HasPrefix(p, prefix) {
			// Errors say the watch has already gone (its folder was
			// removed), which is what is wanted.
			_ = w.fsw.Remove(p)
		}
	}
}

// rel returns the slash path of name from the site root.
func (w *watcher) rel(name string) string {
	r, err := filepath.Rel(w.root, name)
	if err != nil {
		return "../"
	}
	return filepath.ToSlash(r)
}

// run sends batches to out until ctx ends, then closes the watcher. A
// folder that appears is watched with its subfolders at once, and counts as
// changed, so files written into it before its watch began are not missed.
func (w *watcher) run(ctx context.Context, out chan<- Batch, errf func(error)) {
	defer w.fsw.Close()
	pending := map[string]bool{}
	var kind Kind
	unknown := false
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	arm := func() {
		wait := w.quiet
		if left := w.max - time.Since(first); left < wait {
			wait = max(left, 0)
		}
		timer.Reset(wait)
	}
	add := func(name string, k Kind) {
		if len(pending) == 0 && !unknown {
			first = time.Now()
		}
		pending[name] = true
		kind = max(kind, k)
		arm()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events():
			if !ok {
				return
			}
			name := w.rel(ev.Name)
			k := Classify(name, ev.Op)
			if k == Ignored && ev.Op&^fsnotify.Chmod != 0 && w.isNamed(name) {
				k = Data
			}
			if ev.Has(fsnotify.Rename) {
				w.unwatch(ev.Name)
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				w.links.drop(name)
			}
			if ev.Has(fsnotify.Create) && isLink(ev.Name) {
				if err := w.noteLink(ev.Name); err != nil {
					errf(w.unwatched(err))
				}
			}
			// A change of a link's target is one of the link.
			for _, l := range w.links.to(name) {
				if lk := Classify(l, ev.Op); lk != Ignored {
					add(l, lk)
				}
			}
			if ev.Has(fsnotify.Create) && (topLevel(name) || Classify(name+"/", ev.Op) != Ignored) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					k = Classify(name+"/", ev.Op) // a folder, whatever its name
					if err := w.addTree(ev.Name); err != nil {
						errf(w.unwatched(err))
					}
				}
			}
			if k != Ignored {
				add(name, k)
			}
		case err, ok := <-w.fsw.Errors():
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				if len(pending) == 0 && !unknown {
					first = time.Now()
				}
				unknown = true
				kind = Config
				arm()
				continue
			}
			errf(err)
		case <-timer.C:
			b := Batch{Kind: kind, Unknown: unknown}
			for p := range pending {
				b.Paths = append(b.Paths, p)
			}
			sort.Strings(b.Paths)
			clear(pending)
			kind, unknown = Ignored, false
			select {
			case out <- b:
			case <-ctx.Done():
				return
			}
		}
	}
}

// watchNamed watches the files that site.yaml names outside the watched
// folders, names (slash paths from the site root): a dataset's file kept
// in research/ or at the root, a data loader's script in scripts/. Each
// one's folder is watched alone, and a change of the file counts as Data;
// without it a save of the file reached no build until serve started
// again. Files inside the watched folders are classified as ever, and
// files outside the site are not watched.
func (w *watcher) watchNamed(names []string) error {
	named := map[string]bool{}
	var errs []error
	for _, n := range names {
		n = path.Clean(filepath.ToSlash(n))
		if n == "." || n == ".." || strings.HasPrefix(n, "../") || path.IsAbs(n) || Classify(n, fsnotify.Write) != Ignored {
			continue
		}
		named[n] = true
		dir := filepath.Join(w.root, filepath.FromSlash(path.Dir(n)))
		if err := w.fsw.Add(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("%s, which site.yaml names: %w", n, w.unwatched(err)))
		}
	}
	w.mu.Lock()
	w.named = named
	w.mu.Unlock()
	return errors.Join(errs...)
}

// isNamed reports whether name is a file watchNamed watches.
func (w *watcher) isNamed(name string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.named[name]
}

// unwatched is the error of a folder that could not be watched, with what
// to do when the system will not watch more.
func (w *watcher) unwatched(err error) error {
	if !tooManyWatches(err) {
		return err
	}
	return fmt.Errorf("%w: changes in it go unseen until tearsheet serve starts again; %s, or start it with --poll %s", err, raiseLimit(err), DefaultPoll)
}

// topLevel reports whether name is one of the watched folders themselves.
func topLevel(name string) bool {
	for _, d := range watchedDirs {
		if name == d {
			return true
		}
	}
	return false
}
