package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestServeDraftNote: an author reading an article in the preview on a
// phone (360 px, dark), well down the page, marks it draft: true; the tab
// reloads into the not-found page, which says at its top, in view,
// inside the window and without sideways scrolling, that the file is a
// draft and which flag shows it. Deleting draft: true brings the article
// back into the same tab. No CSP violation or console error meanwhile.
func TestServeDraftNote(t *testing.T) {
	dir, site, out, tab, p := livePreview(t, nil)
	l := layouts[7] // 360-dark
	if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+liveArticle)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, tab, "the preview client connects", liveOpen, out)
	scrollToParagraph(t, tab, 11)
	const draft = "\ndraft: true\n"
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, "\ndate:", draft+"date:", 1) })
	const note = `document.getElementById("tearsheet-left")`
	waitJS(t, tab, "the tab shows the note, loaded", `document.readyState === "complete" && `+note+`?.textContent.includes("`+liveSource+` is a draft")`, out)
	type noteInfo struct {
		Text, Color, Background string
		Box                     []float64 // left, top, right, bottom, window's width, page's width, scrollY
	}
	got := evalJS[noteInfo](t, tab, `(() => {
  const n = `+note+`, r = n.getBoundingClientRect(), s = getComputedStyle(n);
  return {text: n.textContent, color: s.color, background: s.backgroundColor,
    box: [r.left, r.top, r.right, r.bottom, innerWidth, document.documentElement.scrollWidth, scrollY]};
})()`)
	if !strings.Contains(got.Text, "tearsheet serve --drafts") {
		t.Errorf("the note reads %q: it does not name the flag that shows drafts", got.Text)
	}
	if r := got.Box; r[0] < 0 || r[1] < 0 || r[2] > r[4] || r[3] > 400 || r[5] > r[4] {
		t.Errorf("the note at %v (left, top, right, bottom, window, page width, scrollY) is not at the top, in view, inside a %s px window", r, l.name)
	}
	if got.Color == got.Background {
		t.Errorf("the note's text and background are both %s", got.Color)
	}
	if shot, err := chromedp.Run(tab, chromedp.CaptureScreenshot()); err != nil {
		t.Errorf("screenshot: %v", err)
	} else if err := os.WriteFile(filepath.Join(screenshotDir(t), "serve-draft-"+l.name+".png"), shot, 0o644); err != nil {
		t.Error(err)
	}
	// The builds after it leave the note in place, one that changes the
	// not-found page itself among them: it is what the address shows.
	waitJS(t, tab, "the not-found page's client connects", liveOpen, out)
	editFile(t, dir, "site.yaml", func(s string) string {
		return strings.Replace(s, "Independent market research, with", "Independent market research with", 1)
	})
	waitJS(t, tab, "the not-found page shows the new description, under the note", `document.querySelector("footer")?.textContent.includes("Independent market research with") && `+note+`?.textContent.includes("`+liveSource+` is a draft")`, out)
	editFile(t, dir, liveSource, func(s string) string { return strings.Replace(s, draft, "\n", 1) })
	waitJS(t, tab, "the article comes back", `document.querySelector("main h1")?.textContent.includes("`+liveTitle+`") && `+note+` === null`, out)
	for _, msg := range p.take() {
		if strings.Contains(msg, "404") && strings.HasSuffix(msg, "/"+liveArticle) { // the draft's address, and the console's line for it
			continue
		}
		t.Error(msg)
	}
}
