package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// TestServeNotFoundBack deletes the article Chromium shows and restores
// it before the not-found page the tab then loads listens to serve (the
// test holds that page's event stream until the build that restored the
// article is served, as a folder moved away and back within a moment
// does): once it listens, the tab shows the article again, though no
// build after it changed anything.
func TestServeNotFoundBack(t *testing.T) {
	dir, site, out, tab, p := livePreview(t, nil)
	if err := chromedp.Do(tab, chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	type paused struct {
		id  fetch.RequestID
		url string
	}
	held := make(chan paused, 8)
	if err := chromedp.Listen(tab, func(ev any) {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			select {
			case held <- paused{ev.RequestID, ev.Request.URL}:
			default:
			}
		}
	}); err != nil {
		t.Fatalf("listening to the tab: %v", err)
	}
	call := func(f func(ctx context.Context, tg *chromedp.Target) error) {
		t.Helper()
		if err := chromedp.Do(tab, chromedp.Func(f)); err != nil {
			t.Fatal(err)
		}
	}
	// Every new event stream is held; the article's, open, is not.
	call(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/_tearsheet/events*"}}})
		return err
	})

	folder := filepath.Join(dir, filepath.Dir(filepath.FromSlash(liveSource)))
	kept := filepath.Join(t.TempDir(), "kept")
	if err := os.Rename(folder, kept); err != nil {
		t.Fatal(err)
	}
	var stream paused
	select {
	case stream = <-held:
	case <-time.After(liveWait):
		t.Fatalf("the tab did not load the not-found page and subscribe; serve said:\n%s", out)
	}
	if !strings.Contains(stream.url, "page=404.html") {
		t.Fatalf("the event stream held is %s, not the not-found page's", stream.url)
	}
	if err := os.Rename(kept, folder); err != nil {
		t.Fatal(err)
	}
	waitServed(t, site+liveArticle, out)
	call(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: stream.id}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, fetch.Disable, cdp.Empty{})
		return err
	})
	waitJS(t, tab, "the not-found page gives way to the article restored",
		`location.pathname.endsWith(`+jsString("/"+liveArticle)+`) && document.querySelector("main h1")?.textContent.trim() === `+jsString(liveTitle), out)
	waitJS(t, tab, "the article's client connects", liveOpen, out)
	for _, msg := range p.take() {
		if strings.Contains(msg, "404") && strings.HasSuffix(msg, "/"+liveArticle) { // the deleted article's address, and the console's line for it
			continue
		}
		t.Error(msg)
	}
}
