package serve

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// limits bounds what clients can hold of the preview server.
type limits struct {
	header time.Duration // to read a request's headers (http.Server.ReadHeaderTimeout)
	read   time.Duration // to read a whole request (ReadTimeout)
	// write bounds the writing of a response (WriteTimeout); on an event
	// stream, which lasts, it bounds each write instead.
	write   time.Duration
	idle    time.Duration // a kept-alive connection waits this long for the next request (IdleTimeout)
	streams int           // event streams open at once
}

// defaultLimits are the limits of Run. A page comes from memory over the
// local network, so a client that needs longer is stuck or hostile; a
// browser holds one event stream per open tab.
func defaultLimits() limits {
	return limits{header: 10 * time.Second, read: 30 * time.Second, write: 30 * time.Second, idle: time.Minute, streams: 64}
}

// server returns an http.Server for h with the limits l.
func (l limits) server(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: l.header, ReadTimeout: l.read, WriteTimeout: l.write, IdleTimeout: l.idle}
}

// guard admits requests to the preview's handler: only those whose Host
// names the address the server listens on, which a page of another site
// cannot send even when its name resolves to this machine (DNS
// rebinding), and event streams up to a number.
type guard struct {
	next http.Handler
	// events reports whether a path is the build events' stream, which
	// lasts: at the server's root or below the site's base path, where
	// live.js subscribes (handler.isEvents).
	events func(path string) bool
	hosts  map[string]bool // allowed host names and addresses, lower case
	anyIP  bool            // listening on every address: any IP address is allowed
	port   string
	write  time.Duration // per write on an event stream
	slots  chan struct{} // one per open event stream
}

// newGuard guards next for a server bound to bind (a host name or IP
// address, as --bind gives it) and listening at addr.
func newGuard(next http.Handler, events func(path string) bool, bind string, addr net.Addr, l limits) *guard {
	g := &guard{next: next, events: events, write: l.write, slots: make(chan struct{}, max(l.streams, 1))}
	g.hosts = map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, strings.ToLower(bind): true}
	if tcp, ok := addr.(*net.TCPAddr); ok {
		g.port = strconv.Itoa(tcp.Port)
		g.hosts[tcp.IP.String()] = true
		g.anyIP = tcp.IP.IsUnspecified()
	} else if _, port, err := net.SplitHostPort(addr.String()); err == nil {
		g.port = port
	}
	if ip := net.ParseIP(bind); ip != nil {
		g.hosts[ip.String()] = true
		g.anyIP = g.anyIP || ip.IsUnspecified()
	}
	return g
}

// allowed reports whether a request's Host header names this server: an
// allowed host with the server's port (which a browser leaves out only for
// port 80). With an unspecified bind address (0.0.0.0, ::), which serves
// the local network, any IP address is allowed too: DNS rebinding needs a
// name.
func (g *guard) allowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil { // no port
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), "80"
	}
	if port != g.port || host == "" {
		return false
	}
	host = strings.ToLower(host)
	if ip := net.ParseIP(host); ip != nil {
		return g.anyIP || g.hosts[ip.String()]
	}
	return g.hosts[host]
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.allowed(r.Host) {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, fmt.Sprintf("serve: %q is not this preview's address; open http://127.0.0.1:%s/, or start serve with --bind set to the host you use", r.Host, g.port), http.StatusMisdirectedRequest)
		return
	}
	if !g.events(r.URL.Path) {
		g.next.ServeHTTP(w, r)
		return
	}
	select {
	case g.slots <- struct{}{}:
		defer func() { <-g.slots }()
	default:
		w.Header().Set("Retry-After", "5")
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, fmt.Sprintf("serve: %d live-reload streams are open, the most it keeps; close some preview tabs", cap(g.slots)), http.StatusTooManyRequests)
		return
	}
	// A stream lasts: rather than the deadline the server set for writing
	// the whole response, each write gets its own, and a client that stops
	// reading ends its stream. (While a handler runs, the server reads from
	// the connection only to see it close, with no deadline.)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	sw := &streamWriter{ResponseWriter: w, rc: http.NewResponseController(w), timeout: g.write, fail: cancel}
	g.next.ServeHTTP(sw, r.WithContext(ctx))
}

// streamWriter writes an event stream, each write within its own timeout.
// A failed write cancels the stream's context (fail), so its handler
// returns.
type streamWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	fail    func()
}

func (s *streamWriter) deadline() {
	if s.timeout > 0 {
		_ = s.rc.SetWriteDeadline(time.Now().Add(s.timeout))
	}
}

func (s *streamWriter) Write(p []byte) (int, error) {
	s.deadline()
	n, err := s.ResponseWriter.Write(p)
	if err != nil {
		s.fail()
	}
	return n, err
}

// Flush implements http.Flusher.
func (s *streamWriter) Flush() {
	s.deadline()
	if err := s.rc.Flush(); err != nil {
		s.fail()
	}
}

// Unwrap gives http.ResponseController the ResponseWriter underneath.
func (s *streamWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
