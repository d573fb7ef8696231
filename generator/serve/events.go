package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// event is one server-sent event.
type event struct {
	name string
	data string
}

// hub fans build events out to the browsers subscribed to EventsPath.
type hub struct {
	mu     sync.Mutex
	subs   map[chan event]bool
	done   chan struct{}
	closed bool
}

func newHub() *hub {
	return &hub{subs: map[chan event]bool{}, done: make(chan struct{})}
}

// publish sends e to every subscriber; one too slow to keep up misses it.
func (h *hub) publish(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

// close ends every subscription, so the server can shut down.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

func (h *hub) subscribe() (chan event, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	ch := make(chan event, 16)
	h.subs[ch] = true
	return ch, true
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, ch)
}

// okEvent is the "ok" event of a good build, with its warnings (as the
// terminal prints them) and the line that counts them: the page shows
// them, as it shows a failed build's errors, for an author who watches
// the browser rather than the terminal.
func okEvent(warns []string) event {
	if len(warns) == 0 {
		return event{name: "ok", data: "{}"}
	}
	return jsonEvent("ok", struct {
		Count    string   `json:"count"`
		Warnings []string `json:"warnings"`
	}{term.Count(len(warns), "warning", "warnings"), warns})
}

// buildErrorEvent is the "builderror" event of a failed build's errors
// (term.Flatten), with the count line the terminal prints.
func buildErrorEvent(errs []string) event {
	return jsonEvent("builderror", struct {
		Count  string   `json:"count"`
		Errors []string `json:"errors"`
	}{term.ErrorCount(errs), errs})
}

// jsonEvent makes an event whose data is v as JSON.
func jsonEvent(name string, v any) event {
	b, _ := json.Marshal(v)
	return event{name: name, data: string(b)}
}

// events streams build events to one browser until it leaves or the
// server shuts down. A subscriber joining while a build error stands gets
// it at once; one that names its page and the page's version (the query
// ?page=NAME&version=V, and &asked=FILE on the not-found page shown for
// FILE) catches up at once with the builds it missed (catchUp).
func (h *handler) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, ok := h.hub.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer h.hub.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n: connected\n\n")
	q := r.URL.Query()
	if e, ok := h.st.rebased(r.URL.Path, q.Get("page"), q.Get("asked")); ok {
		writeEvent(w, e)
	} else {
		for _, e := range h.st.catchUp(q.Get("page"), q.Get("version"), q.Get("asked")) {
			writeEvent(w, e)
		}
	}
	_, _, errs := h.st.get()
	if errs != nil {
		writeEvent(w, buildErrorEvent(errs))
	} else {
		writeEvent(w, okEvent(h.st.warnings()))
	}
	flusher.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.hub.done:
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case e := <-ch:
			writeEvent(w, e)
		}
		flusher.Flush()
	}
}

// catchUp returns the events that bring a page up to date that was
// loaded, or last listened, at an earlier build: its output file name at
// version version (pageVersion). A build that ended while the page loaded,
// before it subscribed, or while its tab was in the background (where it
// does not listen) changed it: "reload" with name. One that moved it (a
// new date or slug, a renamed file) took it away: "moved" with where it
// is now, as the tab would have been told, then "reload".
//
// The not-found page, shown at an address whose page is missing, names
// that page's output file, asked (live.js's: the address's path below the
// base path, index.html added to a folder's): "reload" with the page the
// site has there now, made by a build that ended before the not-found
// page subscribed (the page deleted and restored within a moment), so
// the tab loads it.
func (st *state) catchUp(name, version, asked string) []event {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if name == "" || st.mem == nil {
		return nil
	}
	if asked != "" {
		for _, n := range []string{asked, asked + "/index.html"} {
			if _, ok := st.mem.Get(n); ok && n != name { // not the page shown, 404.html asked for itself
				return []event{jsonEvent("reload", []string{n})}
			}
		}
	}
	b, ok := st.mem.Get(name)
	if ok && pageVersion(b) == version {
		return nil
	}
	var out []event
	if to, moved := st.moved[name]; moved && !ok {
		out = append(out, jsonEvent("moved", map[string]string{name: to}))
	}
	return append(out, jsonEvent("reload", []string{name}))
}

// rebased returns the "moved" event for a page that subscribes at the
// URL path p, below a base path the site does not have: it was opened
// before serve was restarted with a new path in site.yaml's baseURL, so
// no build of this run could tell it the site moved. Its page (on the
// not-found page, the page it was asked for, asked) is named by its
// absolute path below the site's base path, when the site has it; live.js
// resolves a name against the old base path, which leaves an absolute one
// as it is.
func (st *state) rebased(p, name, asked string) (event, bool) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	if name == "" || st.mem == nil {
		return event{}, false
	}
	// The stream at the server's root is also where a page of a site
	// published at "/" subscribes: one moved to a sub-path since.
	if dir, _ := strings.CutSuffix(p, previewDir+eventsName); dir == st.base {
		return event{}, false
	}
	target := name
	if name == "404.html" {
		target = asked
	}
	for _, n := range []string{target, target + "/index.html"} {
		if _, ok := st.mem.Get(n); ok && target != "" && n != "404.html" {
			return jsonEvent("moved", map[string]string{name: st.base + n}), true
		}
	}
	return event{}, false
}

func writeEvent(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}
