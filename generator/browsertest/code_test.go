package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/cli"
)

// codeFocus is what the focused element is after a Tab, and whether the
// code block is wider than its box.
type codeFocus struct {
	Tag       string `json:"tag"`
	Lang      string `json:"lang"`
	Outline   string `json:"outline"`
	Overflows bool   `json:"overflows"`
}

const codeFocusJS = `(() => {
  const el = document.activeElement, pre = document.querySelector("pre");
  const code = el && el.querySelector("code");
  return {tag: el ? el.tagName : "", lang: code ? (code.dataset.lang || "") : "",
    outline: el ? getComputedStyle(el).outlineStyle : "",
    overflows: pre.scrollWidth > pre.clientWidth + 1};
})()`

// TestCodeBlockKeyboard: at 360 px a code block with a line wider than
// the page scrolls in its own box; a reader who uses the keyboard reaches
// it with Tab, sees the focus ring and scrolls it with the arrow keys. Its
// <code> names its language (data-lang, as Hugo writes it). (Chromium
// focuses a box that scrolls even without the tabindex="0" the block has
// for Safari, so here only the language tells the two apart.)
func TestCodeBlockKeyboard(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	src := t.TempDir()
	writeSite(t, src, map[string]string{
		"site.yaml": "title: Code\nbaseURL: /\nauthor: Desk\n",
		"content/posts/code.md": "---\ntitle: A wide line of code\ndate: 2026-01-02\n---\nThe call below is long.\n\n```python\n" +
			"result = compute_the_rolling_statistics(prices, window=250, method='exponential', adjust=True, min_periods=20)  # " + strings.Repeat("wide ", 20) + "\n```\n\nAfter the code.\n",
	})
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	site := "http://" + srv.Listener.Addr().String() + "/"
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := cli.Build(ctx, src, dest, build.Options{BaseURL: site}); err != nil {
		srv.Close()
		t.Fatal(err)
	}
	srv.Config.Handler = http.FileServer(http.Dir(dest))
	srv.Start()
	defer srv.Close()

	tab, p := openTab(t, startBrowser(t, ctx, exe), site, time.Minute)
	if err := chromedp.Do(tab, setLayout(layout{name: "phone", width: 360, height: 740, mobile: true}), chromedp.Navigate(site+"2026/01/code/")); err != nil {
		t.Fatal(err)
	}
	var f codeFocus
	for range 60 {
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if f, err = chromedp.Run(tab, chromedp.Evaluate[codeFocus](codeFocusJS)); err != nil {
			t.Fatal(err)
		}
		if f.Tag == "PRE" || f.Tag == "BODY" {
			break
		}
	}
	if !f.Overflows {
		t.Fatalf("the premise: the code block is wider than its box at 360 px")
	}
	if f.Tag != "PRE" {
		t.Fatalf("Tab never reached the code block (the focus ended on %s)", f.Tag)
	}
	if f.Lang != "python" || f.Outline == "none" {
		t.Errorf("the focused code block: data-lang %q, outline %q; want python and a focus ring", f.Lang, f.Outline)
	}
	for range 5 {
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
			t.Fatal(err)
		}
	}
	// Chromium animates a scroll by the keyboard: wait for it.
	if _, err := chromedp.Run(tab, chromedp.Poll[bool](`document.querySelector("pre").scrollLeft > 0`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("the arrow keys did not scroll the code block: %v", err)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
