package browsertest

// The live preview with many tabs open: a browser opens at most six
// HTTP/1.1 connections to one server, and each tab's event stream holds
// one for as long as it listens.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// hiddenJS lets a test hide a tab as the browser hides a tab in the
// background (headless chromium shows every tab): document.hidden and
// visibilityState follow testSetHidden, which fires visibilitychange and
// lasts across reloads of the tab.
const hiddenJS = `(() => {
  const hidden = () => sessionStorage.getItem("test-hidden") === "1";
  Object.defineProperty(Document.prototype, "hidden", {get: hidden, configurable: true});
  Object.defineProperty(Document.prototype, "visibilityState", {get: () => hidden() ? "hidden" : "visible", configurable: true});
  window.testSetHidden = (h) => {
    sessionStorage.setItem("test-hidden", h ? "1" : "0");
    document.dispatchEvent(new Event("visibilitychange"));
    return true;
  };
})();`

// TestServeTabs opens the article in six tabs and puts them in the
// background, as an author does who keeps pages of the preview open: a
// seventh tab must still load and show an edit by itself (the hidden tabs
// hold no connection), a hidden tab brought back shows the edit made
// meanwhile, and a tab updated in place, hidden and shown again, is not
// reloaded.
func TestServeTabs(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	browserCtx := startBrowser(t, ctx, exe)
	dir := copyExample(t)
	site, out := startServe(t, dir)
	open := func(name string) (context.Context, *problems) {
		tab, p := openTab(t, browserCtx, site, 3*time.Minute)
		if err := watchCSP(tab, p); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tt *chromedp.Target) error {
			_, err := cdp.Call(ctx, tt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hiddenJS})
			return err
		}))
		if err != nil {
			t.Fatal(err)
		}
		nav, cancel := context.WithTimeout(tab, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(nav, chromedp.Navigate(site+liveArticle)); err != nil {
			t.Fatalf("%s: the article did not load (%v): the preview's tabs in the background hold the browser's connections to serve", name, err)
		}
		waitJS(t, tab, name+": the preview client connects", liveOpen, out)
		return tab, p
	}
	var tabs []context.Context
	var probs []*problems
	for i := range 6 {
		tab, p := open(fmt.Sprintf("background tab %d", i+1))
		evalJS[bool](t, tab, `testSetHidden(true)`)
		tabs, probs = append(tabs, tab), append(probs, p)
	}
	tab, p := open("a seventh tab")
	probs = append(probs, p)

	newTitle := "Small caps, retitled with many tabs open"
	titled := `document.querySelector("main h1")?.textContent.trim() === ` + jsString(newTitle)
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, liveTitle, newTitle, 1) })
	waitJS(t, tab, "the seventh tab shows the new title", titled, out)

	evalJS[bool](t, tabs[0], `testSetHidden(false)`)
	waitJS(t, tabs[0], "a background tab brought back shows the new title", titled, out)
	waitJS(t, tabs[0], "a background tab brought back listens again", liveOpen, out)

	// The seventh tab was updated in place: back from the background it
	// is known to show the latest build, and is not reloaded.
	evalJS[bool](t, tab, windowMark)
	evalJS[bool](t, tab, `testSetHidden(true)`)
	evalJS[bool](t, tab, `testSetHidden(false)`)
	waitJS(t, tab, "the seventh tab listens again", liveOpen, out)
	time.Sleep(time.Second) // a reload, if any, would come at once
	if !evalJS[bool](t, tab, windowMarked) {
		t.Error("a tab updated in place was reloaded when brought back from the background")
	}
	for _, p := range probs {
		for _, msg := range p.take() {
			t.Error(msg)
		}
	}
}
