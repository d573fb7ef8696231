package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
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

// codeSamples are fenced code blocks whose tokens chroma writes with every
// class the github styles colour in one scheme and not the other:
// punctuation (p), builtins (nb, bp), attributes (na), other names (nx)
// and an error token (err).
const codeSamples = "```python\nclass Book:\n    def total(self, prices):\n        return sum(len(p) for p in prices)  # builtins and punctuation\n```\n\n" +
	"```javascript\nconst total = prices.reduce((a, b) => a + b.value, 0);\nwindow.chart.draw({series: total});\n```\n\n" +
	"```html\n<a href=\"/tearsheet/\" class=\"card\">Home</a>\n```\n\n" +
	"```go\nfunc main() { x := 1 @ 2 }\n```\n"

// TestCodeBlockColors reads an article of highlighted code blocks at 390
// and 1280 px, light and dark, and wants every token at the contrast
// TestBrowser wants of all text: the dark scheme once left punctuation and
// a few kinds of names in the light scheme's near-black on its dark block
// (1.03:1), so a reader in dark mode saw no brackets, commas or
// JavaScript identifiers at all.
func TestCodeBlockColors(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml":             "title: Code\nbaseURL: /\nauthor: Desk\n",
		"content/posts/code.md": "---\ntitle: Code in four languages\ndate: 2026-01-02\n---\nThe code below is highlighted.\n\n" + codeSamples,
	})
	site, dest := serveSite(t, ctx, dir, "a site of code")
	doc := parseHTML(t, filepath.Join(dest, "2026", "01", "code", "index.html"))
	classes := map[string]bool{}
	for _, n := range doc.descendants() {
		if n.Data == "span" {
			classes[n.attr("class")] = true
		}
	}
	for _, c := range []string{"p", "nb", "bp", "na", "nx", "err"} {
		if !classes[c] {
			t.Errorf("the premise: no token of class %q in the highlighted code", c)
		}
	}
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, time.Minute)
	var report summary
	for _, l := range layouts {
		if l.width != 390 && l.width != desktopWidth {
			continue
		}
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+"2026/01/code/")); err != nil {
			t.Fatalf("%s: %v", l.name, err)
		}
		checkColors(t, tab, l, &report, "code")
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// TestCodeBlockPrint prints an article whose code block holds a line far
// wider than the column to an A4 PDF and wants pdftotext to find every
// word of the line: on paper a box cannot scroll, and the line was cut at
// the page's edge, its end lost. Without pdftotext it skips.
func TestCodeBlockPrint(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skipf("SKIP print check: %v (apt-get install poppler-utils)", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	line := "result = compute_the_rolling_statistics(prices, window=250, method='exponential', adjust=True, min_periods=20)  # ends with lastwordofthecode"
	writeSite(t, dir, map[string]string{
		"site.yaml":             "title: Code\nbaseURL: /\nauthor: Desk\n",
		"content/posts/code.md": "---\ntitle: A wide line of code\ndate: 2026-01-02\n---\nThe call below is long.\n\n```python\n" + line + "\n```\n\nAfter the code.\n",
	})
	site, _ := serveSite(t, ctx, dir, "a site of code")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, time.Minute)
	file := printArticleToPDF(t, tab, site, "2026/01/code/", filepath.Join(t.TempDir(), "code.pdf"))
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	printed := strings.Join(strings.Fields(string(out)), " ")
	for _, w := range []string{"min_periods=20)", "lastwordofthecode"} {
		if !strings.Contains(printed, w) {
			t.Errorf("the printed code lacks %q: the line is cut at the page's edge; printed: %s", w, printed)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
