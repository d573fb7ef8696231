package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/build"
)

// TestServeMoved moves the article Chromium shows to another month by
// its date, then the site to another path by site.yaml's baseURL: each
// time the page goes to the article's new address by itself, rather than
// show "not found", with no failed request or console error, and the
// paragraph the reader was at is where it was in the window (within 50
// px).
func TestServeMoved(t *testing.T) {
	dir, site, out, tab, p := livePreview(t, nil)
	if err := chromedp.Do(tab, chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	// The reader is at the 12th paragraph, a third of the way down the
	// window.
	const para = 11
	at := scrollToParagraph(t, tab, para)
	kept := func(what string) {
		t.Helper()
		waitJS(t, tab, what+": the page has loaded", `document.readyState === "complete"`, out)
		now := evalJS[placeInfo](t, tab, fmt.Sprintf(placeJS, para))
		if d := now.Top - at.Top; now.Text != at.Text || d > 50 || d < -50 {
			t.Errorf("%s: paragraph %d is at %.0f px in the window (scrolled to %.0f px), was at %.0f px", what, para+1, now.Top, now.ScrollY, at.Top)
		}
	}
	const from, to = "date: 2026-10-19T", "date: 2026-09-19T"
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, from, to, 1) })
	moved := strings.Replace(liveArticle, "2026/10/", "2026/09/", 1)
	waitJS(t, tab, "the page follows the article to "+moved,
		`location.pathname.endsWith(`+jsString("/"+moved)+`) && document.querySelector("main h1")?.textContent.trim() === `+jsString(liveTitle), out)
	waitJS(t, tab, "the moved page's client connects", liveOpen, out)
	kept("moved to " + moved)

	// A new path in site.yaml's baseURL moves the whole site.
	editFile(t, dir, build.ConfigFile, func(s string) string {
		return strings.Replace(s, `baseURL: "https://tearsheet.github.io/tearsheet/"`, `baseURL: "https://tearsheet.github.io/lab/"`, 1)
	})
	waitJS(t, tab, "the page follows the site to /lab/"+moved,
		`location.pathname === `+jsString("/lab/"+moved)+` && document.querySelector("main h1")?.textContent.trim() === `+jsString(liveTitle), out)
	waitJS(t, tab, "the page's client connects at the new path", liveOpen, out)
	kept("moved to /lab/" + moved)
	for _, msg := range p.take() {
		if !strings.HasPrefix(msg, "request outside the site") || !strings.Contains(msg, "/lab/") { // the site's new path
			t.Error(msg)
		}
	}
}

// TestServeBaseBelow gives site.yaml's baseURL a path below the old one
// (/tearsheet/ then /tearsheet/lab/): the article Chromium shows follows
// the site there; deleted, it shows the site's "not found" page at its
// address (not a loop of redirects to /tearsheet/lab/lab/...), which still
// listens to serve: the article restored, it shows again.
func TestServeBaseBelow(t *testing.T) {
	dir, site, out, tab, p := livePreview(t, nil)
	if err := chromedp.Do(tab, chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	editFile(t, dir, build.ConfigFile, func(s string) string {
		return strings.Replace(s, `baseURL: "https://tearsheet.github.io/tearsheet/"`, `baseURL: "https://tearsheet.github.io/tearsheet/lab/"`, 1)
	})
	at := "/tearsheet/lab/" + liveArticle
	titled := `document.querySelector("main h1")?.textContent.trim() === ` + jsString(liveTitle)
	waitJS(t, tab, "the page follows the site to "+at, `location.pathname === `+jsString(at)+` && `+titled, out)
	waitJS(t, tab, "the page's client connects at the new path", liveOpen, out)

	folder := filepath.Join(dir, filepath.Dir(filepath.FromSlash(liveSource)))
	kept := filepath.Join(t.TempDir(), "kept")
	if err := os.Rename(folder, kept); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the deleted article's tab shows the site's not-found page at "+at,
		`location.pathname === `+jsString(at)+` && document.body.textContent.includes("Page not found")`, out)
	waitJS(t, tab, "the not-found page's client connects", liveOpen, out)
	if err := os.Rename(kept, folder); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the article restored shows again", `location.pathname === `+jsString(at)+` && `+titled, out)
	for _, msg := range p.take() {
		if strings.HasPrefix(msg, "request outside the site") && strings.Contains(msg, "/lab/") { // the site's new path
			continue
		}
		if strings.Contains(msg, "404") && strings.HasSuffix(msg, at) { // the deleted article's address, and the console's line for it
			continue
		}
		t.Error(msg)
	}
}

// TestServeMovedHidden moves the article of a tab in the background (which
// does not listen to serve) to another month: shown again, the tab goes
// to the article's new address, rather than show "not found".
func TestServeMovedHidden(t *testing.T) {
	dir, site, out, tab, p := livePreview(t, nil)
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hiddenJS})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	evalJS[bool](t, tab, `testSetHidden(true)`)
	waitJS(t, tab, "the tab in the background stops listening", `document.getElementById("tearsheet-live")?.getAttribute("data-state") === "closed"`, out)
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, "date: 2026-10-19T", "date: 2026-09-19T", 1) })
	moved := strings.Replace(liveArticle, "2026/10/", "2026/09/", 1)
	waitServed(t, site+moved, out)
	evalJS[bool](t, tab, `testSetHidden(false)`)
	waitJS(t, tab, "the tab shown again goes to the article's new address "+moved,
		`location.pathname.endsWith(`+jsString("/"+moved)+`) && document.querySelector("main h1")?.textContent.trim() === `+jsString(liveTitle), out)
	waitJS(t, tab, "the moved page's client connects", liveOpen, out)
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// waitServed waits until serve answers url with 200: a build has made it.
func waitServed(t *testing.T, url string, out fmt.Stringer) {
	t.Helper()
	deadline := time.Now().Add(liveWait)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not serve %s within %s (last %v); serve said:\n%s", url, liveWait, err, out)
		}
		time.Sleep(20 * time.Millisecond) // the polling interval
	}
}
