package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestServeWarnings: an author who watches the browser, not the
// terminal, sees a good build's warnings in the preview: a box folded in
// the window's corner counting them, on a phone (390 px) as on a
// desktop, inside the window, which opens to list each with its place;
// it stays while the page is replaced after an edit, goes when a build
// has none, and is dismissed until the warnings change. No CSP violation
// or console error meanwhile.
func TestServeWarnings(t *testing.T) {
	// The live article spells a tag "Equities" that three others spell
	// "equities": a build warns, once.
	const tags, twoSpellings = "tags: [small caps, equities,", "tags: [small caps, Equities,"
	dir, site, out, tab, p := livePreview(t, func(dir string) {
		editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, tags, twoSpellings, 1) })
	})
	const box = `document.getElementById("tearsheet-warnings")`
	shots := screenshotDir(t)
	for _, l := range []layout{layouts[4], layouts[0]} { // 390, 1280
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+liveArticle)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, tab, l.name+": the warnings' box shows", box+`?.querySelector("summary")?.textContent === "1 warning"`, out)
		// Folded: a small box in the bottom right corner, inside the window.
		r := evalJS[[]float64](t, tab, `(() => { const r = `+box+`.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]; })()`)
		if r[0] < 0 || r[2] > r[4] || r[3] > r[5] || r[1] < r[5]/2 || r[3]-r[1] > 60 || r[2]-r[0] > r[4]*0.6 {
			t.Errorf("%s: the folded box at %v (left, top, right, bottom, window) is not a small box in the bottom right corner", l.name, r)
		}
		// Opened by keyboard: it lists the warnings, each with its file,
		// inside the window.
		if err := chromedp.Do(tab, chromedp.Focus(chromedp.CSS(`#tearsheet-warnings summary`)), chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, tab, l.name+": the box opens", box+`.open`, out)
		if shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot()); err != nil {
			t.Errorf("%s: screenshot: %v", l.name, err)
		} else if err := os.WriteFile(filepath.Join(shots, "serve-warnings-"+l.name+".png"), shot, 0o644); err != nil {
			t.Error(err)
		}
		items := evalJS[[]string](t, tab, `Array.from(`+box+`.querySelectorAll("li")).map(li => li.textContent)`)
		places := evalJS[[]string](t, tab, `Array.from(`+box+`.querySelectorAll("li")).map(li => li.querySelector("code")?.textContent ?? "")`)
		if len(items) != 1 || !strings.Contains(items[0], `tag "equities" is merged with "Equities" of `+liveSource) {
			t.Errorf("%s: the opened box lists %q, want the warning of the tag", l.name, items)
		}
		for i, pl := range places {
			if !strings.HasPrefix(pl, "content/posts/") || !strings.HasPrefix(items[i], pl+": ") {
				t.Errorf("%s: warning %q shows its place as %q, want its file set apart", l.name, items[i], pl)
			}
		}
		r = evalJS[[]float64](t, tab, `(() => { const r = `+box+`.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]; })()`)
		if r[0] < 0 || r[1] < 0 || r[2] > r[4] || r[3] > r[5] {
			t.Errorf("%s: the opened box at %v (left, top, right, bottom, window) leaves the window", l.name, r)
		}
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Escape)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, tab, l.name+": Escape folds the box", `!`+box+`.open`, out)
	}

	// An edit of the text: the page is replaced in place, the box stays.
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, "A rally may be close", "A rally may be near", 1) })
	waitJS(t, tab, "the new title shows, the box with it", `document.querySelector("main h1")?.textContent.includes("may be near") && `+box+` !== null`, out)
	// The fix: a build without warnings removes the box.
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, twoSpellings, tags, 1) })
	waitJS(t, tab, "the box goes once the warnings are fixed", box+` === null`, out)
	// Warnings again, dismissed: gone until they change.
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, tags, twoSpellings, 1) })
	waitJS(t, tab, "the box shows again", box+` !== null`, out)
	// Clicked by script: the page may be replaced meanwhile (its tags
	// changed), which a click by node id would miss.
	evalJS[bool](t, tab, `(() => { const b = `+box+`; b.open = true; b.querySelector("button").click(); return true; })()`)
	waitJS(t, tab, "Dismiss removes the box", box+` === null`, out)
	if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the client connects again", liveOpen, out)
	time.Sleep(300 * time.Millisecond) // the "ok" event with the same warnings has come: it shows nothing
	if evalJS[bool](t, tab, box+` !== null`) {
		t.Error("dismissed warnings show again after a reload")
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// livePreview runs tearsheet serve on a copy of the example site, first
// changed by edit (nil: none), and opens a tab on it in Chromium (at most
// three minutes), whose CSP violations and console errors p records.
func livePreview(t *testing.T, edit func(dir string)) (dir, site string, out *lockedBuffer, tab context.Context, p *problems) {
	t.Helper()
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	browserCtx := startBrowser(t, ctx, exe)
	dir = copyExample(t)
	if edit != nil {
		edit(dir)
	}
	site, out = startServe(t, dir)
	tab, p = openTab(t, browserCtx, site, 2*time.Minute)
	if err := watchCSP(tab, p); err != nil {
		t.Fatal(err)
	}
	return dir, site, out, tab, p
}
