package serve

import (
	"bytes"
	"embed"
	"fmt"
	"hash/fnv"
	"html"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/site"
)

// The live preview's own files are served under previewDir, below the
// site's base path (/tearsheet/_tearsheet/ for a site published at
// /tearsheet/) and at the server's root, and shadow any file of the site
// there:
//
//   - live.js, the browser's client, which Inject adds to every HTML page
//     as a deferred <script src> (the site's Content-Security-Policy allows
//     scripts of its own origin, not inline ones);
//   - live.css, the styles of the error overlay and of the warnings' box
//     (style-src 'self' likewise);
//   - events, the build events (server-sent events), each with JSON data:
//     "reload" with the list of output files a build added, changed or
//     removed (the client updates its page when the page or a file it
//     loads is among them, and swaps stylesheets when only their names
//     changed);
//     "builderror" with the failed build's errors, {"count": "2 errors",
//     "errors": [...]}, each error "file:line: message" with its hint and
//     the count line the terminal prints (term.ErrorCount, which says to
//     fix site.yaml first when its errors lead); "ok" after every good
//     build, whether or not its output changed, before its "reload":
//     {} when it had no warnings, else {"count": "2 warnings",
//     "warnings": [...]} as the terminal prints them;
//     "moved", between them, with the pages the build made at another
//     address, {"old/index.html": "new/index.html"}, with the pages under
//     their folders and the chart and tag pages renamed (see moves,
//     movesWithin and renames: a browser
//     showing one goes to its new address rather than show "not found");
//     a page that subscribes below a base path the site does not have
//     (opened before serve was restarted with a new path in baseURL) is
//     sent "moved" at once with its page's absolute path below the base
//     path, {"a/index.html": "/lab/a/index.html"} (see rebased). A
//     browser that subscribes gets "builderror" at once while the latest
//     build failed, else "ok" with the latest build's warnings. A client
//     that subscribes with ?page=NAME&version=V (its page and the page's
//     version, see Inject) gets "reload" with NAME at once when the page
//     changed while it was loading or its tab was in the background, after
//     "moved" with where the page is now when a build moved it meanwhile
//     (see catchUp).
//
// While no build of the run has succeeded (the first one failed), every
// page is a stand-in listing the errors, status 503 (see pending.go).
//
// Nothing of it reaches a build's output: the files are embedded in the
// tearsheet binary and added to pages only as they are served.
const previewDir = "_tearsheet/"

// EventsPath is where the browser subscribes to build events at the
// server's root; see previewDir.
const EventsPath = "/" + previewDir + eventsName

// eventsName is the events' file in previewDir.
const eventsName = "events"

// assets holds live.js and live.css.
//
//go:embed assets/live.js assets/live.css
var assets embed.FS

// state is what the handler serves: the last good build and, while the
// latest build fails, its errors.
type state struct {
	mu      sync.RWMutex
	mem     *output.Memory
	headers build.Headers // mem's _headers, which its pages are sent with
	// headersSrc is the _headers file headers was parsed from: a build
	// that leaves it as it was does not parse it again.
	headersSrc []byte
	base       string   // base path of the site: "/" or "/repo/"
	errs       []string // errors of the latest build; nil when it succeeded
	warns      []string // warnings of the latest good build, as the terminal shows them
	// from is the base path the site had before base, when a build moved
	// it (site.yaml's baseURL changed): what is asked for below it and is
	// not found is redirected to the same path below base, so open pages
	// follow the site.
	from string
	// moved holds the pages the builds of this run moved, from each
	// address a page had to the one it has now (followMoves): a tab that
	// was in the background is told where its page went.
	moved map[string]string
	// left are the pages the latest good build left out, by the site
	// path each would have (see left.go).
	left map[string]site.Left
}

func (st *state) get() (*output.Memory, string, []string) {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.mem, st.base, st.errs
}

// warnings returns the warnings of the latest good build.
func (st *state) warnings() []string {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.warns
}

// setBuild serves mem, a good build for the base path base, from now on,
// with the headers its _headers file names; warns are its warnings, which
// browsers are told with "ok" (okEvent). moved are the pages it made at
// another address (moves), changed the files it changed or removed.
func (st *state) setBuild(mem *output.Memory, base string, warns []string, moved map[string]string, changed []string, left []site.Left) {
	b, _ := mem.Get(build.HeadersFile)
	st.mu.RLock()
	h, same := st.headers, st.headersSrc != nil && bytes.Equal(b, st.headersSrc)
	st.mu.RUnlock()
	if !same {
		h = build.ParseHeaders(b)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.mem != nil && base != st.base {
		st.from = st.base
	}
	st.mem, st.base, st.headers, st.headersSrc, st.errs, st.warns = mem, base, h, b, nil, warns
	st.moved = followMoves(st.moved, moved, changed, func(name string) bool { _, ok := mem.Get(name); return ok })
	st.left = leftByURL(left)
}

// handler serves the built site from memory: nothing on disk is reachable,
// so no path can climb out of the site and no source folder is listed.
type handler struct {
	st  *state
	hub *hub
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.st.mu.RLock()
	mem, base, headers, errs, from := h.st.mem, h.st.base, h.st.headers, h.st.errs, h.st.from
	h.st.mu.RUnlock()
	p := r.URL.Path
	own, isOwn := previewFile(p, base)
	if isOwn && own == eventsName {
		h.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The published _headers (for one, who may frame a page, which a
	// meta tag cannot say), for the path from the site's root; then the
	// preview's own, which a site's rule must not undo (a cached page
	// would not show the next build).
	headers.Apply(w.Header(), "/"+strings.TrimPrefix(p, base))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if isOwn {
		h.asset(w, r, own)
		return
	}
	if mem == nil {
		h.pending(w, r, base, errs)
		return
	}
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		h.missing(w, r, mem, base, from)
		return
	}
	name := OutputName(strings.TrimPrefix(p, base))
	if b, ok := mem.Get(name); ok {
		h.send(w, r, http.StatusOK, base, name, b)
		return
	}
	if !strings.HasSuffix(p, "/") && !strings.HasSuffix(name, ".html") {
		if _, ok := mem.Get(name + "/index.html"); ok {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	h.missing(w, r, mem, base, from)
}

// missing answers a request for a file the site does not have: a path
// below the base path the site had before (from) is redirected to the same
// path below base, as oldBase rules, anything else is not found.
func (h *handler) missing(w http.ResponseWriter, r *http.Request, mem *output.Memory, base, from string) {
	served := func(p string) (ok, folder bool) {
		if _, own := previewFile(p, base); own {
			return true, false
		}
		rel, _ := strings.CutPrefix(p, base)
		name := OutputName(rel)
		if _, ok := mem.Get(name); ok {
			return true, false
		}
		if !strings.HasSuffix(p, "/") && !strings.HasSuffix(name, ".html") {
			_, folder = mem.Get(name + "/index.html")
		}
		return false, folder
	}
	if to, ok := oldBase(r.URL.Path, base, from, served); ok {
		u := *r.URL
		u.Path = to
		http.Redirect(w, r, u.RequestURI(), http.StatusFound)
		return
	}
	if strings.HasSuffix(r.URL.Path, "/"+previewDir+eventsName) {
		// A tab opened before serve was restarted with a new path in
		// baseURL subscribes below the old one, which this run never
		// served: a "not found" would end its stream for good, and the
		// tab would show no edit again. It is told where its page is now.
		h.events(w, r)
		return
	}
	h.notFound(w, r, mem, base)
}

// previewFile returns the name of the preview's own file that the URL path
// p asks for, below the base path or the server's root.
func previewFile(p, base string) (string, bool) {
	for _, dir := range []string{base + previewDir, "/" + previewDir} {
		if name, ok := strings.CutPrefix(p, dir); ok {
			return name, true
		}
	}
	return "", false
}

// isEvents reports whether p is where a browser subscribes to build
// events: EventsPath, or the same below the site's base path, which
// live.js uses, or below another path, where a page served before serve
// was restarted with a new path in baseURL subscribes (see missing).
func (h *handler) isEvents(p string) bool {
	return strings.HasSuffix(p, "/"+previewDir+eventsName)
}

// asset serves live.js or live.css.
func (h *handler) asset(w http.ResponseWriter, r *http.Request, name string) {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
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

func (h *handler) notFound(w http.ResponseWriter, r *http.Request, mem *output.Memory, base string) {
	b, ok := mem.Get("404.html")
	if !ok {
		b = []byte("<!DOCTYPE html><title>Not found</title><p>Page not found.</p>")
	}
	h.st.mu.RLock()
	l, isLeft := leftAt(h.st.left, r.URL.Path, base)
	h.st.mu.RUnlock()
	if isLeft {
		// The page's version and sum are those of 404.html as built,
		// which live.js compares with serve's: the note is not the page's.
		b = withNote(Inject(b, base, "404.html"), leftNote(l))
		h.write(w, r, http.StatusNotFound, mime.TypeByExtension(".html"), b)
		return
	}
	h.send(w, r, http.StatusNotFound, base, "404.html", b)
}

func (h *handler) send(w http.ResponseWriter, r *http.Request, status int, base, name string, b []byte) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if strings.HasPrefix(ctype, "text/html") {
		b = Inject(b, base, name)
	}
	h.write(w, r, status, ctype, b)
}

// write sends b, of type ctype, with status.
func (h *handler) write(w http.ResponseWriter, r *http.Request, status int, ctype string, b []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}

// Inject adds the live preview to an HTML page served as name, on a site
// whose base path is base: live.css's <link> and live.js's deferred
// <script> at the end of <head> (after the page's Content-Security-Policy,
// which they obey as files of the site's own origin), or at the end of the
// page when it has no </head>. The script carries the page's name, its
// version and its sum (see pageVersion and pageSum). The built files never
// contain any of it.
func Inject(page []byte, base, name string) []byte {
	dir := html.EscapeString(base + previewDir)
	add := fmt.Sprintf(`<link rel="stylesheet" href="%s" id="tearsheet-live-css">`+"\n"+
		`<script src="%s" id="tearsheet-live" data-page="%s" data-version="%s" data-sum="%s" defer></script>`+"\n",
		dir+"live.css", dir+"live.js", html.EscapeString(name), pageVersion(page), pageSum(page))
	lower := bytes.ToLower(page)
	i := bytes.Index(lower, []byte("</head>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(add))
	out = append(out, page[:i]...)
	out = append(out, add...)
	return append(out, page[i:]...)
}

// linkTag matches a <link> tag, stylesheetRel one whose rel names a
// stylesheet, and hrefAttr its href, whose fingerprinted URL changes with
// the stylesheet's content.
var (
	linkTag       = regexp.MustCompile(`(?i)<link\b[^>]*>`)
	stylesheetRel = regexp.MustCompile(`(?i)\srel\s*=\s*(?:"[^"]*\bstylesheet\b[^"]*"|'[^']*\bstylesheet\b[^']*'|stylesheet[\s>/])`)
	hrefAttr      = regexp.MustCompile(`(?i)\shref\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)`)
)

// pageVersion hashes all of a page: the client sends it back when it
// subscribes to events, so a page that changed while it was loading is
// reloaded at once.
func pageVersion(page []byte) string {
	h := fnv.New64a()
	h.Write(page)
	return strconv.FormatUint(h.Sum64(), 36)
}

// pageSum hashes a page with the href of each <link rel="stylesheet"> left
// out: two versions of a page with the same sum differ only in the
// stylesheets they link, so the client can swap those rather than reload.
// Any other text, a link in prose to a .css file included, counts.
func pageSum(page []byte) string {
	h := fnv.New64a()
	last := 0
	for _, tag := range linkTag.FindAllIndex(page, -1) {
		link := page[tag[0]:tag[1]]
		if !stylesheetRel.Match(link) {
			continue
		}
		if href := hrefAttr.FindIndex(link); href != nil {
			h.Write(page[last : tag[0]+href[0]])
			last = tag[0] + href[1]
		}
	}
	h.Write(page[last:])
	return strconv.FormatUint(h.Sum64(), 36)
}
