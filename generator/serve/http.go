package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/tearsheet/tearsheet/generator/output"
)

// EventsPath is where the browser subscribes to build events
// (server-sent events). After every build the server sends either
// "builderror", with the JSON list of error messages, or "ok" (data {}),
// followed by "reload" with the JSON list of changed output files when the
// build changed any. A browser that connects gets "builderror" at once
// while the latest build failed, else "ok".
const EventsPath = "/_tearsheet/events"

// state is what the handler serves: the last good build and, while the
// latest build fails, its errors.
type state struct {
	mu   sync.RWMutex
	mem  *output.Memory
	base string   // base path of the site: "/" or "/repo/"
	errs []string // errors of the latest build; nil when it succeeded
}

func (st *state) get() (*output.Memory, string, []string) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.mem, st.base, st.errs
}

// handler serves the built site from memory: nothing on disk is reachable,
// so no path can climb out of the site and no source folder is listed.
type handler struct {
	st  *state
	hub *hub
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == EventsPath {
		h.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	mem, base, errs := h.st.get()
	if mem == nil {
		http.Error(w, "the first build has not finished", http.StatusServiceUnavailable)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		h.notFound(w, r, mem, errs)
		return
	}
	name := OutputName(strings.TrimPrefix(p, base))
	if b, ok := mem.Get(name); ok {
		h.send(w, r, http.StatusOK, name, b, errs)
		return
	}
	if !strings.HasSuffix(p, "/") && !strings.HasSuffix(name, ".html") {
		if _, ok := mem.Get(name + "/index.html"); ok {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	h.notFound(w, r, mem, errs)
}

// OutputName maps a URL path below the base path to the output file that
// serves it: "" and "a/" name index.html files. ".." cannot climb out.
func OutputName(rel string) string {
	name := strings.TrimPrefix(path.Clean("/"+rel), "/")
	if name == "" {
		return "index.html"
	}
	if strings.HasSuffix(rel, "/") {
		return name + "/index.html"
	}
	return name
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request, mem *output.Memory, errs []string) {
	b, ok := mem.Get("404.html")
	if !ok {
		b = []byte("<!DOCTYPE html><title>Not found</title><p>Page not found.</p>")
	}
	h.send(w, r, http.StatusNotFound, "404.html", b, errs)
}

func (h *handler) send(w http.ResponseWriter, r *http.Request, status int, name string, b []byte, errs []string) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if strings.HasPrefix(ctype, "text/html") {
		b = Inject(b, name, errs)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}

const overlayStyle = `position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.25em;background:#2b0b0b;color:#ffe9e9;border-top:4px solid #e5484d;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left`

// liveScript reloads the page when a build changed it (or any stylesheet,
// script or image), and shows or hides the error overlay. %s is the page's
// output name as a JSON string.
const liveScript = `<script id="tearsheet-live">(function(){
var page=%s, style=%s;
function overlay(msgs){
  var o=document.getElementById("tearsheet-error");
  if(!msgs){ if(o) o.remove(); return; }
  if(!o){ o=document.createElement("div"); o.id="tearsheet-error"; o.setAttribute("role","alert"); o.style.cssText=style; document.body.appendChild(o); }
  o.textContent="";
  var h=document.createElement("strong"); h.textContent="Build failed; showing the last good build"; o.appendChild(h);
  var pre=document.createElement("pre"); pre.style.cssText="white-space:pre-wrap;margin:.5em 0 0;font:inherit"; pre.textContent=msgs.join("\n"); o.appendChild(pre);
}
var es=new EventSource(%s);
es.addEventListener("builderror",function(e){ overlay(JSON.parse(e.data)); });
es.addEventListener("ok",function(){ overlay(null); });
es.addEventListener("reload",function(e){
  var changed=JSON.parse(e.data);
  if(page==="404.html"||changed.some(function(n){ return n===page||!/\.html$/.test(n); })) location.reload();
});
})();</script>
`

// Inject adds the live-reload script to an HTML page served as name, and
// the error overlay while errs stand. The built files never contain it.
func Inject(page []byte, name string, errs []string) []byte {
	js := func(v any) string {
		b, _ := json.Marshal(v) // escapes <, > and &, so it is safe inside <script>
		return string(b)
	}
	var add bytes.Buffer
	if len(errs) > 0 {
		fmt.Fprintf(&add, `<div id="tearsheet-error" role="alert" style="%s"><strong>Build failed; showing the last good build</strong><pre style="white-space:pre-wrap;margin:.5em 0 0;font:inherit">%s</pre></div>`+"\n",
			overlayStyle, html.EscapeString(strings.Join(errs, "\n")))
	}
	fmt.Fprintf(&add, liveScript, js(name), js(overlayStyle), js(EventsPath))
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

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

// jsonEvent makes an event whose data is v as JSON.
func jsonEvent(name string, v any) event {
	b, _ := json.Marshal(v)
	return event{name: name, data: string(b)}
}

// events streams build events to one browser until it leaves or the
// server shuts down. A subscriber joining while a build error stands gets
// it at once.
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
	if _, _, errs := h.st.get(); errs != nil {
		writeEvent(w, jsonEvent("builderror", errs))
	} else {
		writeEvent(w, event{name: "ok", data: "{}"})
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

func writeEvent(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}
