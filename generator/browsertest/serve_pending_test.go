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
)

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
