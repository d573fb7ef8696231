package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/cli"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/serve"
)

// The article the live preview tests edit, its source and its title.
const (
	liveArticle = "2026/10/small-cap-rally/"
	liveSource  = "content/posts/small-cap-rally/index.md"
	liveTitle   = "Small caps have lagged for years. A rally may be close"
)

// liveWait bounds each wait for the preview to show a change: far above
// the fraction of a second it takes, for a loaded machine.
const liveWait = 30 * time.Second

// lockedBuffer collects serve's output for failure messages.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// copyExample copies the example site at the repository root (site.yaml,
// content/, themes/) into a temporary folder.
func copyExample(t testing.TB) string {
	t.Helper()
	root := filepath.Join("..", "..")
	dir := t.TempDir()
	for _, d := range []string{"content", "themes"} {
		if err := corpus.CopyDir(filepath.Join(root, d), filepath.Join(dir, d)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(root, build.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, build.ConfigFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startServe runs tearsheet serve (serve.Run, as the command does) on the
// site in dir, on a free port, until the test ends, and returns the site's
// URL and serve's output so far.
func startServe(t testing.TB, dir string) (string, *lockedBuffer) {
	t.Helper()
	site, out, _ := runServe(t, dir, 0)
	return site, out
}

// runServe runs tearsheet serve on the site in dir and port (0: a free
// one) until stop is called or the test ends.
func runServe(t testing.TB, dir string, port int) (site string, out *lockedBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = new(lockedBuffer)
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Options{Source: dir, Port: port, Stdout: out, Stderr: out, Ready: func(u string) { ready <- u }})
	}()
	select {
	case site = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve ended before it was ready: %v\n%s", err, out)
	case <-time.After(15 * time.Minute): // a cold 10,000-chart site draws 20,000 drawings and 10,000 PNGs first
		cancel()
		t.Fatalf("serve was not ready in time:\n%s", out)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("serve: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Error("serve did not stop in time")
			}
		})
	}
	t.Cleanup(stop)
	return site, out, stop
}

// cspJS records every Content-Security-Policy violation of every page the
// tab loads, through the tearsheetCSP binding: it runs before the page's
// own scripts.
const cspJS = `document.addEventListener("securitypolicyviolation", (e) =>
  tearsheetCSP(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));`

// watchCSP makes the tab report CSP violations into p.
func watchCSP(tab context.Context, p *problems) error {
	if err := chromedp.Listen(tab, func(ev any) {
		if b, ok := ev.(*runtime.EventBindingCalled); ok && b.Name == "tearsheetCSP" {
			p.add("CSP violation: %s", b.Payload)
		}
	}); err != nil {
		return err
	}
	return chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, runtime.AddBinding, runtime.AddBindingParams{Name: "tearsheetCSP"}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspJS})
		return err
	}))
}

// waitJS evaluates expr in the tab until it is true, across reloads (an
// evaluation that a navigation interrupts is tried again), and fails the
// test after liveWait.
func waitJS(t testing.TB, tab context.Context, what, expr string, out fmt.Stringer) {
	t.Helper()
	deadline := time.Now().Add(liveWait)
	for {
		ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s (%s; last error %v); serve said:\n%s", what, liveWait, expr, err, out)
		}
		time.Sleep(20 * time.Millisecond) // the polling interval, not a wait for an event
	}
}

// evalJS evaluates expr in the tab and fails the test on an error.
func evalJS[T any](t testing.TB, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// editFile rewrites the site file name in dir with edit, as an author
// saving it would, and returns its text before.
func editFile(t testing.TB, dir, name string, edit func(string) string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	after := edit(string(b))
	if after == string(b) {
		t.Fatalf("the edit of %s changed nothing", name)
	}
	if err := os.WriteFile(p, []byte(after), 0o644); err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// liveOpen is true once the page's preview client listens to serve.
const liveOpen = `document.getElementById("tearsheet-live")?.getAttribute("data-state") === "open"`

// TestServe drives tearsheet serve on a copy of the example site in
// chromium at 1280 and 390 px: see TestServeLayout. It also checks that a
// served page is the built page plus the preview's two tags, under the
// same Content-Security-Policy, and that nothing of the preview reaches a
// build's output.
func TestServe(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	t.Run("same-as-build", checkServedIsBuilt)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	browserCtx := startBrowser(t, ctx, exe)
	shots := screenshotDir(t)
	for _, l := range []layout{
		{name: "desktop", width: desktopWidth, height: desktopHeight},
		{name: "phone", width: 390, height: 844, mobile: true},
	} {
		t.Run(l.name, func(t *testing.T) { checkLive(t, browserCtx, l, shots) })
	}
	t.Run("scripted-page-reloads", func(t *testing.T) { checkScriptedReload(t, browserCtx) })
	t.Run("stale-overlay-goes", func(t *testing.T) { checkReconnect(t, browserCtx) })
	t.Run("first-build-fails", func(t *testing.T) { checkFirstBuildFails(t, browserCtx) })
	t.Run("not-found-waits", func(t *testing.T) { checkNotFoundWaits(t, browserCtx) })
}

// injectedRe matches what serve adds to a page.
var injectedRe = regexp.MustCompile(`<link rel="stylesheet" href="[^"]*/_tearsheet/live\.css" id="tearsheet-live-css">\n<script src="[^"]*/_tearsheet/live\.js" id="tearsheet-live" data-page="[^"]*" data-version="[^"]*" data-sum="[^"]*" defer></script>\n`)

// checkServedIsBuilt compares pages served by tearsheet serve with the
// same site built with the same baseURL: equal but for the preview's
// <link> and <script>, with the same policy in the same meta tag and the
// headers of the built _headers; and the build holds nothing of the preview.
func checkServedIsBuilt(t *testing.T) {
	dir := copyExample(t)
	site, _ := startServe(t, dir)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := cli.Build(context.Background(), dir, dest, build.Options{BaseURL: site}); err != nil {
		t.Fatalf("building the example site: %v", err)
	}
	for _, p := range []string{"", liveArticle, "search/", "no/such/page/"} {
		resp, err := http.Get(site + p)
		if err != nil {
			t.Fatal(err)
		}
		served, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		// The policy is the page's meta tag (below) and, for framing, the
		// headers the built _headers gives the page.
		want := builtHeaders(t, dest, "/"+p)
		for _, h := range []string{"Content-Security-Policy", "Content-Security-Policy-Report-Only", "X-Frame-Options"} {
			if got := resp.Header.Get(h); got != want[h] {
				t.Errorf("GET %s: serve sends %s %q, the built _headers %q", p, h, got, want[h])
			}
		}
		name := serve.OutputName(p)
		if resp.StatusCode == http.StatusNotFound {
			name = "404.html"
		}
		built, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(injectedRe.FindAllIndex(served, -1)); n != 1 {
			t.Errorf("GET %s: the preview's tags appear %d times", p, n)
		}
		if plain := injectedRe.ReplaceAll(served, nil); !bytes.Equal(plain, built) {
			t.Errorf("GET %s: the served page differs from the built %s in more than the preview's tags", p, name)
		}
		if !bytes.Contains(built, []byte(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;;`)) {
			t.Errorf("the built %s carries no Content-Security-Policy meta tag", name)
		}
	}
	err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(path, "_tearsheet") || bytes.Contains(b, []byte("_tearsheet/")) || bytes.Contains(b, []byte("tearsheet-live")) {
			t.Errorf("the build's %s holds part of the preview", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// builtHeaders reads the headers the _headers file of the build in dest
// gives the page at path (from the site's root): the lines indented under
// "/*" and under path itself.
func builtHeaders(t *testing.T, dest, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	h := map[string]string{}
	applies := false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "#") || line == "":
		case !strings.HasPrefix(line, " "):
			applies = line == "/*" || line == path
		case applies:
			name, value, _ := strings.Cut(strings.TrimSpace(line), ":")
			h[name] = strings.TrimSpace(value)
		}
	}
	if len(h) == 0 {
		t.Fatalf("the built _headers gives %s no headers:\n%s", path, b)
	}
	return h
}

// overlayInfo is overlayJS's measure of the error overlay.
type overlayInfo struct {
	Present     bool     `json:"present"`
	Role        string   `json:"role"`
	Top         float64  `json:"top"`
	Bottom      float64  `json:"bottom"`
	Left        float64  `json:"left"`
	Right       float64  `json:"right"`
	InnerWidth  float64  `json:"innerWidth"`
	InnerHeight float64  `json:"innerHeight"`
	ScrollWidth float64  `json:"scrollWidth"`
	Items       []string `json:"items"`
	Title       string   `json:"title"`
	Color       string   `json:"color"`
	BG          string   `json:"bg"`
	Hit         bool     `json:"hit"`
}

const overlayJS = `(() => {
  const o = document.getElementById("tearsheet-error");
  const d = document.documentElement;
  const info = {present: !!o, innerWidth: innerWidth, innerHeight: innerHeight, scrollWidth: d.scrollWidth, items: []};
  if (!o) return info;
  const r = o.getBoundingClientRect(), cs = getComputedStyle(o);
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, innerHeight) / 2);
  return Object.assign(info, {role: o.getAttribute("role"), top: r.top, bottom: r.bottom, left: r.left, right: r.right,
    items: [...o.querySelectorAll("li")].map((li) => li.textContent), title: document.querySelector("main h1")?.textContent,
    color: cs.color, bg: cs.backgroundColor, hit: !!hit && o.contains(hit)});
})()`

// bodyMarked is true while the page shown is the one the test marked: a
// reload or a replaced page drops the mark.
const bodyMarked = `document.body.getAttribute("data-test-mark") === "1"`

// windowMark marks the window, which a reload forgets and an update in
// place keeps (windowMarked).
const (
	windowMark   = `(window.tearsheetTestMark = true)`
	windowMarked = `window.tearsheetTestMark === true`
)

// chartsCountJS counts the article's drawn charts.
const chartsCountJS = `document.querySelectorAll("figure .figure__chart svg").length`

// checkLive edits the served site as an author would and watches the page
// in one layout: a new title shows by itself; a reload keeps the reader's
// place; a broken chart shows an overlay at the top of the window naming
// every error, which the keyboard dismisses, and no sideways scrolling; the
// fix (restoring the file, so nothing in the output changes) removes it
// without a reload; a CSS-only change restyles without a reload. No policy
// violation, console error or failed request throughout.
func checkLive(t *testing.T, browserCtx context.Context, l layout, shots string) {
	dir := copyExample(t)
	site, out := startServe(t, dir)
	tab, p := openTab(t, browserCtx, site, 4*time.Minute)
	if err := watchCSP(tab, p); err != nil {
		t.Fatalf("listening for policy violations: %v", err)
	}
	if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatalf("opening %s: %v", site+liveArticle, err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	charts := evalJS[int](t, tab, chartsCountJS)
	if charts < 3 {
		t.Fatalf("the article shows %d charts, want 3 or more", charts)
	}

	// A new title shows by itself, in place: the article is in the
	// feeds the page links (rel="alternate"), which change too, but the
	// page does not load them.
	evalJS[bool](t, tab, windowMark)
	newTitle := "Small caps, retitled in the " + l.name + " test"
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, liveTitle, newTitle, 1) })
	waitJS(t, tab, "the new title shows", `document.querySelector("main h1")?.textContent.trim() === `+jsString(newTitle), out)
	waitJS(t, tab, "the reloaded client connects", liveOpen, out)
	if !evalJS[bool](t, tab, windowMarked) {
		t.Error("a new title reloaded the page rather than updating it in place")
	}

	checkScrollKept(t, tab, dir, out)

	// A broken chart: every error in an overlay at the top of the window.
	good := editFile(t, dir, liveSource, func(s string) string { return strings.ReplaceAll(s, "column: small_cap\n", "column: small_capz\n") })
	wantLines := lineNumbers(good, "column: small_cap\n")
	if len(wantLines) < 2 {
		t.Fatalf("the article has %d small_cap series, want 2 or more", len(wantLines))
	}
	evalJS[bool](t, tab, `window.scrollTo({top: 0, behavior: "instant"}), document.body.setAttribute("data-test-mark", "1"), true`)
	waitJS(t, tab, "the overlay shows", `document.querySelectorAll("#tearsheet-error li").length === `+fmt.Sprint(len(wantLines)), out)
	o := evalJS[overlayInfo](t, tab, overlayJS)
	for i, n := range wantLines {
		want := fmt.Sprintf("%s:%d: chart: ", liveSource, n)
		if i >= len(o.Items) || !strings.HasPrefix(o.Items[i], want) || !strings.Contains(o.Items[i], `unknown column "small_capz"`) {
			t.Errorf("overlay item %d: %q, want %q…", i+1, o.Items, want)
		}
	}
	// Its title counts the errors as the terminal does.
	if got, want := evalJS[string](t, tab, `document.querySelector(".tearsheet-error__title")?.textContent`), fmt.Sprintf("Build failed: %d errors. Showing the last good build.", len(wantLines)); got != want {
		t.Errorf("the overlay's title is %q, want %q", got, want)
	}
	if o.Role != "alert" {
		t.Errorf("the overlay's role is %q, want alert", o.Role)
	}
	if o.Top < 0 || o.Left < 0 || o.Right > o.InnerWidth || o.Bottom > o.InnerHeight || o.Bottom-o.Top < 40 || !o.Hit {
		t.Errorf("the overlay is not within the first viewport, on top: %+v", o)
	}
	if o.ScrollWidth > o.InnerWidth {
		t.Errorf("with the overlay the page scrolls sideways: scrollWidth %.0f > %.0f", o.ScrollWidth, o.InnerWidth)
	}
	if o.Title != newTitle || evalJS[int](t, tab, chartsCountJS) != charts {
		t.Errorf("under the overlay the page is not the last good build: title %q, want %q", o.Title, newTitle)
	}
	checkOverlayColors(t, tab, l, o)
	checkAxe(t, tab, l, axeAll, new(summary)) // the overlay adds no serious or critical violation
	for _, dark := range []bool{false, true} {
		ll := l
		ll.dark = dark
		if err := chromedp.Do(tab, setLayout(ll)); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("serve-overlay-%d", l.width)
		if dark {
			name += "-dark"
			checkOverlayColors(t, tab, ll, evalJS[overlayInfo](t, tab, overlayJS))
		}
		if shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot()); err != nil {
			t.Errorf("screenshot: %v", err)
		} else if err := os.WriteFile(filepath.Join(shots, name+".png"), shot, 0o644); err != nil {
			t.Error(err)
		}
	}
	if err := chromedp.Do(tab, setLayout(l)); err != nil {
		t.Fatal(err)
	}

	// The keyboard dismisses it: Tab reaches its button first, Enter
	// presses it; a new error shows again, and Escape dismisses that.
	evalJS[bool](t, tab, `document.activeElement?.blur(), true`)
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if got := evalJS[string](t, tab, `document.activeElement.className`); got != "tearsheet-error__close" {
		t.Errorf("the first Tab focuses %q, want the overlay's close button", got)
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "Enter on the close button dismisses the overlay", `!document.getElementById("tearsheet-error")`, out)
	editFile(t, dir, liveSource, func(s string) string { return strings.ReplaceAll(s, "column: small_capz\n", "column: small_capy\n") })
	waitJS(t, tab, "a new error shows again", `!!document.getElementById("tearsheet-error")?.textContent.includes("small_capy")`, out)
	if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "Escape dismisses the overlay", `!document.getElementById("tearsheet-error")`, out)
	editFile(t, dir, liveSource, func(s string) string { return strings.ReplaceAll(s, "column: small_capy\n", "column: small_capw\n") })
	waitJS(t, tab, "the overlay shows for the third error", `!!document.getElementById("tearsheet-error")?.textContent.includes("small_capw")`, out)

	// The fix restores the file: the output is the last good build's, so
	// the page needs no reload, but the overlay goes.
	editFile(t, dir, liveSource, func(string) string { return good })
	waitJS(t, tab, "the fix removes the overlay", `!document.getElementById("tearsheet-error")`, out)
	if !evalJS[bool](t, tab, bodyMarked) {
		t.Error("restoring the file reloaded or replaced the page, whose output had not changed")
	}
	if got := evalJS[int](t, tab, chartsCountJS); got != charts {
		t.Errorf("after the fix the article shows %d charts, want %d", got, charts)
	}

	// A CSS-only change restyles the page without a reload.
	oldCSS := evalJS[string](t, tab, `document.querySelector('link[rel="stylesheet"]:not(#tearsheet-live-css)').getAttribute("href")`)
	editFile(t, dir, "themes/default/static/css/main.css", func(s string) string { return s + "\nbody { outline-color: rgb(1, 2, 3); }\n" })
	waitJS(t, tab, "the new stylesheet applies", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`, out)
	waitJS(t, tab, "the old stylesheet goes", `document.querySelectorAll('link[rel="stylesheet"]:not(#tearsheet-live-css)').length === 1`, out)
	newCSS := evalJS[string](t, tab, `document.querySelector('link[rel="stylesheet"]:not(#tearsheet-live-css)').getAttribute("href")`)
	if newCSS == oldCSS || !evalJS[bool](t, tab, bodyMarked) {
		t.Errorf("the CSS change reloaded or replaced the page, or kept the stylesheet %s (now %s)", oldCSS, newCSS)
	}

	for _, msg := range p.take() {
		t.Errorf("%s: %s", l.name, msg)
	}
	// The policy listener works: an inline style attribute is refused
	// and reported.
	evalJS[bool](t, tab, `document.body.setAttribute("style", "color: red"), true`)
	waitJS(t, tab, "the browser refuses an inline style", `getComputedStyle(document.body).color !== "rgb(255, 0, 0)"`, out)
	refused := func(s string) bool { return strings.HasPrefix(s, "CSP violation: style-src") }
	deadline := time.Now().Add(liveWait)
	for !slices.ContainsFunc(p.take(), refused) {
		if time.Now().After(deadline) {
			t.Error("a refused inline style was not reported: the policy listener hears nothing")
			break
		}
		time.Sleep(20 * time.Millisecond) // the polling interval
	}
}

// lineNumbers returns the 1-based numbers of the lines of text that end
// with line (which ends in a newline).
func lineNumbers(text, line string) []int {
	var ns []int
	for i, l := range strings.SplitAfter(text, "\n") {
		if strings.HasSuffix(l, line) {
			ns = append(ns, i+1)
		}
	}
	return ns
}

// checkOverlayColors holds the overlay's text to 4.5:1 against its
// background.
func checkOverlayColors(t *testing.T, tab context.Context, l layout, o overlayInfo) {
	t.Helper()
	fg, err1 := parseColor(o.Color)
	bg, err2 := parseColor(o.BG)
	if err1 != nil || err2 != nil || bg.A < 1 {
		t.Errorf("%s: overlay colors %q on %q: %v %v", l.name, o.Color, o.BG, err1, err2)
		return
	}
	if c := contrast(fg, bg); c < minText {
		t.Errorf("%s (dark %v): the overlay's text has contrast %.2f < %.1f (%s on %s)", l.name, l.dark, c, minText, o.Color, o.BG)
	}
}

// placeInfo is where a paragraph is.
type placeInfo struct {
	ScrollY float64 `json:"scrollY"`
	Top     float64 `json:"top"`
	Text    string  `json:"text"`
}

// placeJS measures paragraph %d of the article and the scroll position.
const placeJS = `(() => {
  const p = document.querySelectorAll(".article__body > p")[%d];
  return {scrollY: scrollY, top: p.getBoundingClientRect().top, text: p.textContent};
})()`

// scrollToParagraph scrolls the article's paragraph para (from 0) to a
// third of the window, where a reader is, and returns where it is; it
// must be far enough down the page for scrolling to tell.
func scrollToParagraph(t *testing.T, tab context.Context, para int) placeInfo {
	t.Helper()
	at := evalJS[placeInfo](t, tab, fmt.Sprintf(`(() => {
  const p = document.querySelectorAll(".article__body > p")[%d];
  window.scrollTo({top: scrollY + p.getBoundingClientRect().top - innerHeight / 3, behavior: "instant"});
  return true;
})() && `+placeJS, para, para))
	if at.ScrollY < 500 {
		t.Fatalf("paragraph %d is at %.0f px: too near the top to test scrolling", para+1, at.ScrollY)
	}
	return at
}

// checkScrollKept scrolls the 12th paragraph of the article to a third of
// the window and edits it: once the page shows the edit, it is scrolled
// within 50 px of where it was. Then it adds a paragraph above it: the
// 12th paragraph stays within 50 px of where it was on screen.
func checkScrollKept(t *testing.T, tab context.Context, dir string, out fmt.Stringer) {
	t.Helper()
	const para = 11
	at := scrollToParagraph(t, tab, para)
	// Its first words in the source, where a sentence goes in front.
	words := strings.Join(strings.Fields(at.Text)[:4], " ")
	src, err := os.ReadFile(filepath.Join(dir, liveSource))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(src), "\n"+words); n != 1 {
		t.Fatalf("paragraph %d's first words %q start %d lines of %s", para+1, words, n, liveSource)
	}
	editFile(t, dir, liveSource, func(s string) string {
		return strings.Replace(s, "\n"+words, "\nA sentence added while reading. "+words, 1)
	})
	waitJS(t, tab, "the edited paragraph shows", fmt.Sprintf(`document.querySelectorAll(".article__body > p")[%d]?.textContent.startsWith("A sentence added")`, para), out)
	waitJS(t, tab, "the page has loaded", `document.readyState === "complete"`, out)
	now := evalJS[placeInfo](t, tab, fmt.Sprintf(placeJS, para))
	if d := now.ScrollY - at.ScrollY; d > 50 || d < -50 {
		t.Errorf("after the update the page is scrolled to %.0f px, was %.0f px", now.ScrollY, at.ScrollY)
	}
	if d := now.Top - at.Top; d > 50 || d < -50 {
		t.Errorf("after the update paragraph %d is at %.0f px in the window, was %.0f px", para+1, now.Top, at.Top)
	}

	// A paragraph added above: the reader's paragraph stays in place.
	editFile(t, dir, liveSource, func(s string) string {
		return strings.Replace(s, "\n<!--more-->\n", "\n<!--more-->\n\nA paragraph added above the reader, long enough to take a few lines on a phone and more than fifty pixels of height anywhere.\n", 1)
	})
	waitJS(t, tab, "the added paragraph shows", `document.querySelector(".article__body")?.textContent.includes("A paragraph added above the reader")`, out)
	waitJS(t, tab, "the page has loaded", `document.readyState === "complete"`, out)
	moved := evalJS[placeInfo](t, tab, fmt.Sprintf(placeJS, para+1))
	if !strings.HasPrefix(moved.Text, "A sentence added") {
		t.Fatalf("paragraph %d is %q, want the edited one", para+2, moved.Text)
	}
	if d := moved.Top - at.Top; d > 50 || d < -50 {
		t.Errorf("after a paragraph was added above, the reader's paragraph is at %.0f px in the window, was %.0f px", moved.Top, at.Top)
	}
}
