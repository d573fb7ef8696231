package browsertest

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestInput reads the example site as a reader who taps with a finger on
// a phone or moves through it with the keyboard: every target is large
// enough or far enough from the others (WCAG 2.2 SC 2.5.8) on every page
// at 360 px, and every element the keyboard reaches shows a visible focus
// indicator.
func TestInput(t *testing.T) {
	site, dest, _, browserCtx := setUp(t, 4*time.Minute)
	// Each check has tabs of its own; two run at a time (see
	// checkFocusAll).
	t.Run("target-size", func(t *testing.T) {
		t.Parallel()
		checkTargetSize(t, browserCtx, site, sitePages(t, dest))
	})
	t.Run("focus", func(t *testing.T) {
		t.Parallel()
		checkFocusAll(t, browserCtx, site)
	})
}

// sitePages returns the path, under the site's URL, of every HTML page of
// the site built into dest that a reader opens in a browser: all but the
// email editions, the embeds (shown in another site's frame) and the
// redirects of aliases.
func sitePages(t *testing.T, dest string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		if path.Base(rel) == "email.html" || strings.HasSuffix(rel, "/embed/index.html") {
			return nil
		}
		for _, n := range parseHTML(t, p).descendants() {
			if n.Data == "meta" && strings.EqualFold(n.attr("http-equiv"), "refresh") {
				return nil
			}
		}
		out = append(out, strings.TrimSuffix(rel, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 40 {
		t.Fatalf("found %d pages; the example site has more", len(out))
	}
	return out
}

// minTarget is the side of the smallest target WCAG 2.2 SC 2.5.8 (Target
// Size, Minimum) accepts without spacing, in CSS px; an undersized target
// passes when a circle of that diameter centred on it meets no other
// target nor the circle of another undersized target.
const minTarget = 24

// target is one element a reader taps, as targetsJS measures it: the
// boxes of its fragments (one, or one per line of a link that wraps) in
// page coordinates, CSS px.
type target struct {
	What  string `json:"what"`
	Text  string `json:"text"`
	Rects []rect `json:"rects"`
}

type rect struct{ Left, Top, Width, Height float64 }

// small reports whether r is smaller than minTarget either way.
func (r rect) small() bool { return r.Width < minTarget-0.01 || r.Height < minTarget-0.01 }

func (r rect) centre() (x, y float64) { return r.Left + r.Width/2, r.Top + r.Height/2 }

// distance is how far the point (x, y) is from r.
func (r rect) distance(x, y float64) float64 {
	dx := max(r.Left-x, 0, x-(r.Left+r.Width))
	dy := max(r.Top-y, 0, y-(r.Top+r.Height))
	return math.Hypot(dx, dy)
}

// undersized reports whether no fragment of a holds a 24×24 square.
func (a target) undersized() bool {
	for _, r := range a.Rects {
		if !r.small() {
			return false
		}
	}
	return true
}

func (a target) String() string {
	var sizes []string
	for _, r := range a.Rects {
		sizes = append(sizes, fmt.Sprintf("%.1f×%.1f px at %.0f,%.0f", r.Width, r.Height, r.Left, r.Top))
	}
	return fmt.Sprintf("%s %q (%s)", a.What, a.Text, strings.Join(sizes, "; "))
}

// targetConflicts returns, for each undersized target of ts, the first
// target that the 24 px circle centred on one of its fragments meets (SC
// 2.5.8's spacing test): another target's box, or the circle of another
// undersized target.
func targetConflicts(ts []target) []string {
	const eps = 0.01
	var out []string
	for i, a := range ts {
		if !a.undersized() {
			continue
		}
	fragments:
		for _, ra := range a.Rects {
			x, y := ra.centre()
			for j, b := range ts {
				if i == j {
					continue
				}
				for _, rb := range b.Rects {
					bx, by := rb.centre()
					if rb.distance(x, y) < minTarget/2-eps || (b.undersized() && math.Hypot(bx-x, by-y) < minTarget-eps) {
						out = append(out, fmt.Sprintf("%s: a %d px circle on it meets %s", a, minTarget, b))
						break fragments
					}
				}
			}
		}
	}
	return out
}

// checkTargetSize opens every page (paths) on a 360 px phone and wants
// every link, button, input and summary to pass SC 2.5.8: 24×24 CSS px, or
// spaced so that a 24 px circle centred on it meets no other target. Links
// in the paragraphs of prose are exempt, as the SC exempts a target in a
// sentence; lists of links, a card's tags, a figure's links and the
// footer's are not.
func checkTargetSize(t *testing.T, browserCtx context.Context, site string, paths []string) {
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	l := layout{name: "360", width: smallPhoneWidth, height: 780, mobile: true}
	measured := 0
	for _, pth := range paths {
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+pth)); err != nil {
			t.Fatalf("opening %s: %v", pth, err)
		}
		ts, err := chromedp.Run(tab, chromedp.Evaluate[[]target](targetsJS))
		if err != nil {
			t.Fatalf("%s: measuring the targets: %v", pth, err)
		}
		measured += len(ts)
		for _, c := range targetConflicts(ts) {
			t.Errorf("/%s at %s: %s", pth, l.name, c)
		}
	}
	if measured < 10*len(paths) {
		t.Errorf("measured %d targets on %d pages; the pages hold more", measured, len(paths))
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// targetsJS lists every rendered link, button, input (but hidden ones),
// select, textarea and summary outside the paragraphs of prose, with its
// fragments' boxes in page coordinates. A fragment wholly above or left of the
// page (the skip link until it is focused) cannot be tapped and is left
// out. → []target
const targetsJS = `(() => {
  const name = (el) => {
    const c = el.getAttribute("class");
    let s = el.tagName.toLowerCase() + (c ? "." + c.trim().split(/\s+/).join(".") : "");
    const p = el.parentElement;
    const pc = p && p.getAttribute("class");
    return (p ? p.tagName.toLowerCase() + (pc ? "." + pc.trim().split(/\s+/)[0] : "") + " > " : "") + s;
  };
  const out = [];
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
    if (el.type === "hidden" || el.closest(".prose p") || !el.getClientRects().length ||
        !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({Left: r.left + window.scrollX, Top: r.top + window.scrollY, Width: r.width, Height: r.height}))
      .filter((r) => r.Left + r.Width > 0 && r.Top + r.Height > 0);
    if (!rects.length) continue;
    out.push({what: name(el), text: (el.textContent || el.value || el.placeholder || "").trim().replace(/\s+/g, " ").slice(0, 30), rects});
  }
  return out;
})()`

// TestMonthTargets builds a site of one year with articles in eight of its
// months and wants the year's list of months, which wraps into rows at
// 360 px, to pass checkTargetSize: the links were 17 px tall and their
// rows 6 px apart, so a finger meant for July met April.
func TestMonthTargets(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := t.TempDir()
	files := map[string]string{"site.yaml": "title: Months\nbaseURL: /\nauthor: Desk\n"}
	for m := 2; m <= 9; m++ {
		files[fmt.Sprintf("content/posts/m%d.md", m)] = fmt.Sprintf("---\ntitle: The note of month %d\ndate: 2024-%02d-10\n---\nText.\n", m, m)
	}
	writeSite(t, dir, files)
	site, _ := serveSite(t, ctx, dir, "a site of eight months")
	checkTargetSize(t, startBrowser(t, ctx, exe), site, []string{"2024/"})
}
