package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// tocStop is a tabStop and whether it is in the table of contents.
type tocStop struct {
	tabStop
	InTOC bool `json:"inTOC"`
}

// TestLongTOC reads an article whose table of contents is taller than the
// window, as a reader zoomed to 150% on a 1920 × 1080 screen does: a
// viewport of 1280 × 600 CSS px, where the contents stick beside the
// text. Tab from the top must show every link of the contents in view
// when it is focused, and scrolling the contents to their end once they
// stick must bring the last link into view: a sticky box
// taller than the window kept its lower links out of sight, focused or
// not, until the end of the article.
func TestLongTOC(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := generatedSite(t, corpus.Options{Articles: 2, Seed: 5})
	var md strings.Builder
	md.WriteString("---\ntitle: \"A long report\"\ndate: 2025-01-15\n---\nIllustrative text: a report of many sections.\n\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&md, "## Section %d of the report\n\nIllustrative text of section %d.\n\n### A detail of section %d\n\nMore illustrative text.\n\n", i, i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "posts", "long-report.md"), []byte(md.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	site, _ := serveSite(t, ctx, dir, "a generated site with a long report")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 2*time.Minute)
	l := layout{name: "1280x600", width: desktopWidth, height: 600}
	url := site + "2025/01/long-report/"
	if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	sticky, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => {
  const toc = document.querySelector(".toc");
  return !!toc && getComputedStyle(toc).position === "sticky" && toc.scrollHeight > innerHeight;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !sticky {
		t.Fatalf("%s: the contents are not sticky and taller than the window; the test sees nothing", l.name)
	}
	// Read down to where the contents stick, then scroll them to their
	// end, as a reader does with a wheel over them: their last link shows.
	last, err := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
  document.documentElement.style.scrollBehavior = "auto";
  const toc = document.querySelector(".toc"), ls = toc.querySelectorAll("a");
  window.scrollTo(0, toc.getBoundingClientRect().top + scrollY);
  toc.scrollTop = toc.scrollHeight;
  const r = ls[ls.length - 1].getBoundingClientRect();
  return r.top >= 0 && r.bottom <= innerHeight ? "" : "its top at " + Math.round(r.top) + " px, in a window " + innerHeight + " px tall";
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if last != "" {
		t.Errorf("%s: scrolled to the end of the contents, their last link is out of view: %s", l.name, last)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(document.querySelector(".toc").scrollTop = 0, window.scrollTo(0, 0), true) && `+focusTopJS)); err != nil {
		t.Fatal(err)
	}
	links, out := 0, 0
	for range maxTabStops {
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatalf("pressing Tab: %v", err)
		}
		s, err := chromedp.Run(tab, chromedp.Evaluate[tocStop](`(() => {
  const s = `+tabStopJS+`;
  s.inTOC = !!document.activeElement.closest(".toc");
  return s;
})()`))
		if err != nil {
			t.Fatal(err)
		}
		if s.What == "" {
			break
		}
		if !s.InTOC {
			continue
		}
		links++
		if !s.InView {
			out++
			if out <= 3 {
				t.Errorf("%s: Tab to the contents' link %q leaves it out of view", l.name, s.Text)
			}
		}
	}
	if links < 40 {
		t.Errorf("%s: Tab reached %d links of the contents, want the 40 sections' and details'", l.name, links)
	}
	if out > 3 {
		t.Errorf("%s: and %d more links of the contents out of view when focused", l.name, out-3)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
