// Package serve is tearsheet's live preview: it builds a site into memory,
// serves it over HTTP on the local machine, watches the site's folders with
// fsnotify (or, where the system gives no events or too few watches, by
// looking at them again and again: poll.go), rebuilds what a change
// affects, and tells the browser to reload over server-sent events. While a
// build fails it keeps serving the last good build and shows the error in
// the browser and the terminal; a good build's warnings show in both too.
//
// It is the only package that imports fsnotify.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/term"
	"github.com/tearsheet/tearsheet/generator/output"
)

// Options configures Run.
type Options struct {
	Source string // the site folder, holding site.yaml
	Bind   string // address to listen on; "127.0.0.1" when ""
	Port   int    // port to listen on; 0 picks a free one
	Drafts bool   // include drafts (they carry a badge)
	Future bool   // include articles dated in the future (they carry a badge)
	// Cache keeps rendered charts between builds and runs; nil keeps them
	// in memory for this run only.
	Cache figure.Cache
	// Trim, when not nil, is called once, after the first good build, to
	// let go of what Cache holds that no build used for days (as tearsheet
	// build does after each build; figure.DirCache.Trim).
	Trim func(now time.Time) error
	// Debounce is how long the watcher waits for quiet before building;
	// DefaultDebounce when 0.
	Debounce time.Duration
	// Poll, when above 0, has the preview look for changes every Poll
	// rather than be told by the system (which a Windows drive under WSL,
	// a network or container mount cannot do). 0: told by the system, or
	// every DefaultPoll when the system will not watch as many folders as
	// the site has.
	Poll   time.Duration
	Stdout io.Writer // build summaries; io.Discard when nil
	Stderr io.Writer // errors and warnings; io.Discard when nil
	// Ready, when not nil, is called once the site is served, with its URL
	// (http://127.0.0.1:1313/ or, under a sub-path, http://127.0.0.1:1313/repo/).
	Ready func(url string)

	limits limits // the server's timeouts and caps; defaultLimits when zero (tests set others)
	state  *state // what is served; a new one when nil (tests read the served build through it)
}

// DefaultDebounce is the quiet time that ends a burst of changes: an
// editor's save is several events within a few milliseconds.
const DefaultDebounce = 30 * time.Millisecond

// Run serves the site until ctx ends, then shuts down: the HTTP server
// stops, open event streams end, the watcher closes, and Run returns nil.
// It fails early when the folder holds no site.yaml, cannot be watched or
// the address is taken; a failing build is not an error: it is shown until
// fixed.
func Run(ctx context.Context, opts Options) error {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return err
	}
	if info, err := os.Stat(src); err != nil || !info.IsDir() {
		return fmt.Errorf("--source %s: not a folder", opts.Source)
	}
	// A folder without site.yaml is no site (serve run before cd into
	// it): say so, as build does, rather than serve a page of that error.
	if _, err := os.Stat(filepath.Join(src, build.ConfigFile)); errors.Is(err, fs.ErrNotExist) {
		return build.MissingConfig()
	}
	opts.Source = src
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("serve: %w (is another server on that port? try --port)", err)
		}
		return fmt.Errorf("serve: %w (--port takes 0 to 65535, --bind an address of this machine such as 127.0.0.1)", err)
	}
	var wg sync.WaitGroup
	defer wg.Wait() // after cancel: every goroutine of Run has ended when it returns
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	w, note, err := newWatcher(src, opts.Debounce, opts.Poll)
	if err != nil {
		ln.Close()
		return fmt.Errorf("serve: watching %s: %w", src, err)
	}
	batches := make(chan Batch)
	s := &server{opts: opts, origin: "http://" + origin(ln.Addr()), out: term.For(opts.Stdout), errOut: term.For(opts.Stderr)}
	s.st = opts.state
	if s.st == nil {
		s.st = &state{}
	}
	s.hub = newHub()
	if note != "" {
		fmt.Fprintf(opts.Stderr, "%s %s\n", s.errOut.Yellow("warning:"), note)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.run(ctx, batches, func(err error) { fmt.Fprintf(opts.Stderr, "%s watching: %v\n", s.errOut.Yellow("warning:"), err) })
	}()

	// A new session reads site.yaml, and so the files it names outside
	// the watched folders, which are watched from then on.
	renew := func() *build.Session {
		sess := s.newSession()
		// Its first build is compared with what the browsers show, so
		// that only the pages that change reload.
		s.st.mu.RLock()
		sess.Follow(s.st.mem)
		s.st.mu.RUnlock()
		if err := w.watchNamed(s.named); err != nil {
			fmt.Fprintf(opts.Stderr, "%s watching: %v\n", s.errOut.Yellow("warning:"), err)
		}
		return sess
	}
	sess := renew()
	s.rebuild(ctx, sess, Batch{Kind: Config, Unknown: true})
	if ctx.Err() != nil {
		// Stopped during the first build (Ctrl-C while it ran): nothing
		// was served, and the terminal is not told it is.
		ln.Close()
		fmt.Fprintln(opts.Stdout, "stopped")
		return nil
	}

	lim := opts.limits
	if lim == (limits{}) {
		lim = defaultLimits()
	}
	h := &handler{st: s.st, hub: s.hub}
	srv := lim.server(newGuard(h, h.isEvents, opts.Bind, ln.Addr(), lim))
	srv.RegisterOnShutdown(s.hub.close)
	served := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		served <- srv.Serve(ln)
	}()
	url := s.origin + s.base
	fmt.Fprintf(opts.Stdout, "serving %s at %s%s (Ctrl-C to stop)\n", opts.Source, url, s.shown())
	if w.poll > 0 {
		fmt.Fprintf(opts.Stdout, "looking for changes every %s\n", w.poll)
	}
	if opts.Ready != nil {
		opts.Ready(url)
	}
	for {
		select {
		case <-ctx.Done():
			return s.shutdown(srv, served)
		case err := <-served:
			return fmt.Errorf("serve: %w", err)
		case b := <-batches:
			if b.Kind == Config {
				sess = renew() // the base path, or the files it names, may have changed
			}
			s.rebuild(ctx, sess, b)
		}
	}
}

// server is the state of one Run.
type server struct {
	opts        Options
	origin      string // http://127.0.0.1:1313
	st          *state
	hub         *hub
	out, errOut term.Style
	warnings    string // the last warnings printed, not repeated while unchanged
	// base is the base path of the current session's site.yaml, which the
	// last good build, still served, may not share (see newSession).
	base    string
	trimmed bool // opts.Trim has run
	// sources maps the pages of the last good build to their sources, to
	// tell a browser where a page it shows has moved (see moves).
	sources map[string]string
	// named are the files the current session's site.yaml names (its
	// datasets' files and data loaders' inputs), which the watcher
	// watches wherever they are (watcher.watchNamed).
	named []string
}

// shutdownGrace is how long stopping waits for responses under way.
// Connections that carry none are closed at once, but http.Server counts a
// connection on which nothing has been sent yet as busy for five seconds,
// and browsers open such connections ahead of need (Chromium preconnects):
// what is still open after the grace is closed, which is no error.
const shutdownGrace = time.Second

func (s *server) shutdown(srv *http.Server, served <-chan error) error {
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	var err error
	if e := srv.Shutdown(sctx); errors.Is(e, context.DeadlineExceeded) {
		err = srv.Close()
	} else {
		err = e
	}
	if e := <-served; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	fmt.Fprintln(s.opts.Stdout, "stopped")
	return err
}

func (s *server) shown() string {
	var what []string
	if s.opts.Drafts {
		what = append(what, "drafts")
	}
	if s.opts.Future {
		what = append(what, "future articles")
	}
	if len(what) == 0 {
		return ""
	}
	return ", showing " + strings.Join(what, " and ")
}

// newSession starts a build session whose baseURL is the local address,
// keeping the path of site.yaml's baseURL so links behave as in production.
// The server keeps serving the last good build under the base path it was
// built for until a build of the new session succeeds: a site.yaml saved
// broken (no base path known) or with a new baseURL and an error elsewhere
// must not move the last good site to another path.
func (s *server) newSession() *build.Session {
	base := "/"
	var named []string
	fsys := build.SourceFS(s.opts.Source)
	if f, err := fsys.Open(build.ConfigFile); err == nil {
		if cfg, err := config.Load(f, build.ConfigFile); err == nil {
			base = cfg.BasePath()
			for _, name := range cfg.DatasetNames() {
				d := cfg.Datasets[name]
				if d.File != "" {
					named = append(named, d.File)
				}
				named = append(named, d.Inputs...)
			}
		}
		f.Close()
	}
	s.base, s.named = base, named
	s.st.mu.Lock()
	if s.st.mem == nil {
		s.st.base = base // nothing built yet: the preview's own files are here
	}
	s.st.mu.Unlock()
	cache := s.opts.Cache
	if cache == nil {
		cache = figure.NewMemCache()
	}
	return build.NewSession(fsys, build.Options{
		BaseURL: s.origin + base,
		Drafts:  s.opts.Drafts,
		Future:  s.opts.Future,
		Cache:   cache,
	})
}

// rebuild builds after a batch of changes and tells the terminal and the
// browsers what happened.
func (s *server) rebuild(ctx context.Context, sess *build.Session, b Batch) {
	var changed []string
	if !b.Unknown && b.Kind != Config {
		changed = b.Paths
	}
	var res *build.Result
	var mem *output.Memory
	var err error
	if _, serr := os.Stat(filepath.Join(s.opts.Source, build.ConfigFile)); errors.Is(serr, fs.ErrNotExist) {
		// serve started in a site folder (Run checks it): the build's
		// own message, which sends the author to a site folder, would
		// not fit a preview whose site.yaml went while it ran.
		err = fmt.Errorf("%s: not found: it was deleted or renamed while serve ran: put it back (git checkout -- %s restores the committed one), and the preview builds again", build.ConfigFile, build.ConfigFile)
	} else {
		res, mem, err = sess.Build(ctx, changed)
	}
	if ctx.Err() != nil {
		return
	}
	stamp := s.out.Dim(time.Now().Format("15:04:05"))
	what := "built"
	if len(b.Paths) > 0 {
		what = strings.Join(b.Paths, ", ")
		if len(b.Paths) > 3 {
			what = strings.Join(b.Paths[:3], ", ") + fmt.Sprintf(" and %d more", len(b.Paths)-3)
		}
		what += " (" + b.Kind.String() + ")"
	}
	if err != nil {
		msgs := term.Flatten(err)
		s.st.mu.Lock()
		s.st.errs = msgs
		built := s.st.mem != nil
		s.st.mu.Unlock()
		state := "build failed, still serving the last good build"
		if !built {
			state = "build failed: the preview shows the errors until a build succeeds"
		}
		fmt.Fprintf(s.opts.Stderr, "%s %s: %s\n", stamp, what, s.errOut.Red(state))
		s.errOut.Errors(s.opts.Stderr, msgs)
		s.hub.publish(buildErrorEvent(msgs))
		return
	}
	s.st.mu.RLock()
	hadErrs := s.st.errs != nil
	last := s.st.mem
	movedFrom := s.st.base
	if s.st.mem == nil || movedFrom == s.base {
		movedFrom = ""
	}
	s.st.mu.RUnlock()
	warnings := res.Warnings
	if !s.trimmed && s.opts.Trim != nil {
		// After the first good build, which marked what it read as used:
		// a run of the preview that lasts days does not trim again, as the
		// charts it keeps in memory mark nothing.
		s.trimmed = true
		if err := s.opts.Trim(time.Now()); err != nil {
			warnings = append(slices.Clip(warnings), err.Error())
		}
	}
	moved := moves(s.sources, res.Sources, res.Changed)
	has := func(name string) bool { _, ok := mem.Get(name); return ok }
	movesWithin(moved, res.Changed, has)
	if last != nil {
		if moved == nil {
			moved = map[string]string{}
		}
		renames(moved, s.sources, res.Sources, res.Changed, func(name string) bool { _, ok := last.Get(name); return ok }, has)
	}
	s.sources = res.Sources
	s.st.setBuild(mem, s.base, warnings, moved, res.Changed, res.Left)
	line := fmt.Sprintf("%s %s: %s", stamp, what, res.Summary())
	if len(b.Paths) > 0 {
		line += " · " + term.Count(len(res.Changed), "file", "files") + " changed"
	}
	fmt.Fprintln(s.opts.Stdout, line)
	if w := strings.Join(warnings, "\n"); w != s.warnings {
		if len(warnings) == 0 {
			// The warnings printed last are gone: say so, or the terminal
			// would still show them as the latest word.
			fmt.Fprintf(s.opts.Stdout, "%s %s\n", stamp, s.out.Green("no warnings now"))
		}
		s.out.Warnings(s.opts.Stderr, warnings)
		s.warnings = w
	}
	if hadErrs {
		fmt.Fprintf(s.opts.Stdout, "%s %s\n", stamp, s.out.Green("fixed"))
	}
	if movedFrom != "" {
		// site.yaml's baseURL has a new path: the address printed at the
		// start is no longer the site's. The old one is named in full, and
		// as what it is, the folder whose addresses redirect: a bare "/
		// redirects there" said only what the server's root always does.
		fmt.Fprintf(s.opts.Stdout, "%s the site moved to %s (baseURL's path changed): old addresses below %s redirect to the same path there\n", stamp, s.origin+s.base, s.origin+movedFrom)
	}
	// Every good build says so, whether or not it changed a file (a file
	// restored as it was changes none): a browser showing an error drops
	// it, and shows the build's warnings.
	s.hub.publish(okEvent(warnings))
	if len(moved) > 0 {
		s.hub.publish(jsonEvent("moved", moved))
	}
	if len(res.Changed) > 0 {
		s.hub.publish(jsonEvent("reload", res.Changed))
	}
}

// origin is the scheme-less origin for a listener's address; an
// unspecified address (0.0.0.0) is shown as 127.0.0.1.
func origin(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}
