package browsertest

// The live preview across starts of serve: a page opened before serve was
// stopped, a site saved broken before serve started, and a page that runs
// its own script.

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/build"
)

// checkScriptedReload edits the site's title while the search page is
// open: that page runs a script, so the client reloads it (replacing it
// would not run the script again), and the search form, which the script
// shows, works after the reload.
func checkScriptedReload(t *testing.T, browserCtx context.Context) {
	dir := copyExample(t)
	site, out := startServe(t, dir)
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	if err := watchCSP(tab, p); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, setLayout(layouts[0]), chromedp.Navigate(site+"search/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	waitJS(t, tab, "the search form shows", `!document.querySelector(".search__form").hidden`, out)
	evalJS[bool](t, tab, `window.testMark = 1, true`)
	editFile(t, dir, build.ConfigFile, func(s string) string {
		return strings.Replace(s, `title: "Tearsheet Research"`, `title: "Tearsheet Retitled"`, 1)
	})
	waitJS(t, tab, "the new site title shows", `document.querySelector(".site-title")?.textContent.trim() === "Tearsheet Retitled"`, out)
	waitJS(t, tab, "the reloaded search form shows", `!document.querySelector(".search__form").hidden`, out)
	if evalJS[int](t, tab, `window.testMark || 0`) != 0 {
		t.Error("the search page, which runs a script, was not reloaded")
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// checkReconnect stops serve while the overlay shows, fixes the error,
// and starts serve again on the same port: the page reconnects, and the
// overlay, which serve no longer repeats, goes without the page being
// reloaded or replaced (it is the same as the new build's). Then, as
// after a laptop's sleep, serve stops, the article is retitled, and serve
// starts again: the page shows the new title by itself.
func checkReconnect(t *testing.T, browserCtx context.Context) {
	dir := copyExample(t)
	port, out, stop, tab, p := serveArticle(t, browserCtx, dir)
	good := editFile(t, dir, liveSource, func(s string) string { return strings.ReplaceAll(s, "column: small_cap\n", "column: small_capz\n") })
	waitJS(t, tab, "the overlay shows", `!!document.getElementById("tearsheet-error")`, out)
	evalJS[bool](t, tab, `document.body.setAttribute("data-test-mark", "1"), true`)
	stop()
	waitJS(t, tab, "the client notices serve has stopped", `document.getElementById("tearsheet-live").getAttribute("data-state") === "closed"`, out)
	if err := os.WriteFile(filepath.Join(dir, liveSource), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, stop = runServe(t, dir, port)
	waitJS(t, tab, "the client reconnects", liveOpen, out)
	p.take() // the failed attempts to reconnect while serve was down
	waitJS(t, tab, "the stale overlay goes", `!document.getElementById("tearsheet-error")`, out)
	if !evalJS[bool](t, tab, bodyMarked) {
		t.Error("the page was reloaded or replaced, though the new build's page is the same")
	}

	// A laptop put to sleep with serve stopped, the article retitled
	// meanwhile: once serve is back, the page shows the new title by itself.
	for _, msg := range p.take() {
		t.Error(msg)
	}
	stop()
	waitJS(t, tab, "the client notices serve has stopped again", `document.getElementById("tearsheet-live").getAttribute("data-state") === "closed"`, out)
	const retitled = "Small caps, retitled while serve was stopped"
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, liveTitle, retitled, 1) })
	_, out, _ = runServe(t, dir, port)
	waitJS(t, tab, "the title edited while serve was stopped shows", `document.querySelector("main h1")?.textContent.trim() === `+jsString(retitled), out)
	for _, msg := range p.take() {
		if !strings.Contains(msg, "ERR_CONNECTION_REFUSED") { // the attempts to reconnect while serve was down
			t.Error(msg)
		}
	}
}

// pendingJS lists the errors the page shown before any good build lists.
const pendingJS = `[...document.querySelectorAll("#tearsheet-pending-errors li")].map((li) => li.textContent)`

// checkFirstBuildFails starts serve on a copy of the example site saved
// broken, as an author does who made a mistake while serve was stopped:
// the page opened lists the errors (file and line) under the site's
// policy; a second mistake shows by itself; the fix shows the article, in
// the same tab, without the reader reloading it.
func checkFirstBuildFails(t *testing.T, browserCtx context.Context) {
	dir := copyExample(t)
	good := editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, "column: small_cap\n", "column: small_capz\n", 1) })
	site, out := startServe(t, dir)
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	if err := watchCSP(tab, p); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, setLayout(layouts[0]), chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	first := lineNumbers(good, "column: small_cap\n")[0]
	want := fmt.Sprintf("%s:%d: chart: ", liveSource, first)
	got := evalJS[[]string](t, tab, pendingJS)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.Contains(got[0], `unknown column "small_capz"`) {
		t.Errorf("the page before any good build lists %q, want one error %q…", got, want)
	}
	if evalJS[bool](t, tab, `!!document.getElementById("tearsheet-error")`) {
		t.Error("the page that lists the errors also shows them in the overlay")
	}
	checkAxe(t, tab, layouts[0], axeAll, new(summary)) // no serious or critical violation

	// A second mistake: the page follows.
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, "column: small_cap\n", "column: small_capy\n", 1) })
	waitJS(t, tab, "the page lists the second error", pendingJS+`.length === 2`, out)

	// The fix: the article shows in the same tab.
	if err := os.WriteFile(filepath.Join(dir, liveSource), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the article shows once the site builds", `document.querySelector("main h1")?.textContent.trim() === `+jsString(liveTitle), out)
	waitJS(t, tab, "the reloaded client connects", liveOpen, out)
	if n := evalJS[int](t, tab, chartsCountJS); n < 3 {
		t.Errorf("after the fix the article shows %d charts, want 3 or more", n)
	}
	// The page before the fix answered 503, and the browser asked for
	// /favicon.ico, which it names not: nothing else may fail.
	for _, msg := range p.take() {
		if !strings.Contains(msg, "favicon.ico") && !(strings.Contains(msg, "503") && strings.HasSuffix(msg, site+liveArticle)) {
			t.Error(msg)
		}
	}
}

// checkNotFoundWaits opens an address with no page yet: the preview shows
// the not-found page, which a build that leaves that address empty leaves
// alone (no reload, no failed request), and which turns into the page once
// an article is made at that address.
func checkNotFoundWaits(t *testing.T, browserCtx context.Context) {
	dir := copyExample(t)
	site, out := startServe(t, dir)
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	if err := watchCSP(tab, p); err != nil {
		t.Fatal(err)
	}
	const soon = "2026/11/coming-soon/"
	if err := chromedp.Do(tab, setLayout(layouts[0]), chromedp.Navigate(site+soon)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	// Opening the address that has no page logged its 404: that is the
	// reader's request, not the preview's.
	p.take()
	evalJS[bool](t, tab, windowMark)
	builds := strings.Count(out.String(), " changed")
	editFile(t, dir, "content/about.md", func(s string) string { return s + "\nA line added to another page.\n" })
	deadline := time.Now().Add(liveWait)
	for strings.Count(out.String(), " changed") == builds {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not build after the edit:\n%s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // the client's turn
	if !evalJS[bool](t, tab, windowMarked) {
		t.Error("an edit of another page reloaded the not-found page")
	}
	for _, msg := range p.take() {
		t.Errorf("after an edit of another page: %s", msg)
	}
	post := "---\ntitle: Coming soon, now here\ndate: 2026-11-20\ntags: [equities]\n---\nIt exists now.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "posts", "coming-soon.md"), []byte(post), 0o644); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the new article shows at the address", `document.querySelector("main h1")?.textContent.trim() === "Coming soon, now here"`, out)
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// TestServeRestartedMoved stops serve while Chromium shows the article,
// gives site.yaml's baseURL a new path (/tearsheet/ to /lab/), as an
// author does who restarts serve after a change of settings, and starts
// serve again on the same port: the page goes to the article's address
// below the new path by itself, with the reader's paragraph where it was
// in the window, and shows the next edit. Its stream at the old path,
// which this run of serve never served, was refused, and the tab showed
// no edit again.
func TestServeRestartedMoved(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	browserCtx := startBrowser(t, ctx, exe)
	dir := copyExample(t)
	port, out, stop, tab, p := serveArticle(t, browserCtx, dir)
	const para = 11
	at := scrollToParagraph(t, tab, para)
	stop()
	waitJS(t, tab, "the client notices serve has stopped", `document.getElementById("tearsheet-live").getAttribute("data-state") === "closed"`, out)
	editFile(t, dir, build.ConfigFile, func(s string) string {
		return strings.Replace(s, `baseURL: "https://tearsheet.github.io/tearsheet/"`, `baseURL: "https://tearsheet.github.io/lab/"`, 1)
	})
	_, out, _ = runServe(t, dir, port)
	waitJS(t, tab, "the page follows the site to /lab/"+liveArticle,
		`location.pathname === `+jsString("/lab/"+liveArticle)+` && document.querySelector("main h1")?.textContent.trim() === `+jsString(liveTitle), out)
	waitJS(t, tab, "the page's client connects at the new path", liveOpen, out)
	waitJS(t, tab, "the page has loaded", `document.readyState === "complete"`, out)
	if now := evalJS[placeInfo](t, tab, fmt.Sprintf(placeJS, para)); now.Text != at.Text || now.Top-at.Top > 50 || now.Top-at.Top < -50 {
		t.Errorf("paragraph %d is at %.0f px in the window, was at %.0f px", para+1, now.Top, at.Top)
	}
	const retitled = "Small caps, retitled after serve moved the site"
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, liveTitle, retitled, 1) })
	waitJS(t, tab, "the next edit shows", `document.querySelector("main h1")?.textContent.trim() === `+jsString(retitled), out)
	for _, msg := range p.take() {
		if strings.Contains(msg, "ERR_CONNECTION_REFUSED") || strings.HasPrefix(msg, "request outside the site") && strings.Contains(msg, "/lab/") {
			continue // the attempts to reconnect while serve was down; the site's new path
		}
		t.Error(msg)
	}
}

// serveArticle runs serve on a free port in dir, a copy of the example,
// and opens its live article in a tab at the first layout, under the
// site's CSP, once the preview client is connected: it returns the port
// (to start serve again on it), serve's output and stop, the tab and its
// problems.
func serveArticle(t *testing.T, browserCtx context.Context, dir string) (port int, out *lockedBuffer, stop func(), tab context.Context, p *problems) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	site, out, stop := runServe(t, dir, port)
	tab, p = openTab(t, browserCtx, site, 2*time.Minute)
	if err := watchCSP(tab, p); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, setLayout(layouts[0]), chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	return port, out, stop, tab, p
}
