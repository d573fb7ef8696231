package browsertest

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// TestReader reads the example site as readers with other settings do:
// with the browser's text at twice its size on a phone, printed on A4
// paper, in an email client on a phone, in a feed reader on a phone and a
// desktop, and by its headings; the dated lists of titles on a phone and a
// desktop; the lines of items run together with "·" on a phone; a chart
// embedded in a narrow and a wide frame, and pasted into a host page; by
// its links, as a screen reader lists them; and the home page's charts on
// a slow connection, before they arrive.
func TestReader(t *testing.T) {
	site, dest, _, browserCtx := setUp(t, 3*time.Minute)
	articles := exampleArticles(t, dest)
	// The site's pages, listed before feed-reader writes its own beside
	// them: a feed's copy of a figure keeps its links' words (no style to
	// hide more with).
	pages := sitePages(t, dest)
	// The checks that only read pages, each in tabs of its own, run two
	// at a time (go test's -parallel on two cores), once the ones below
	// are done: a check waits on the browser at each step, and a second
	// tab keeps the other core busy. None lists dest's files.
	parallel := func(name string, check func(t *testing.T)) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			check(t)
		})
	}
	// The longest first, so that the two at a time end together.
	parallel("link-names", func(t *testing.T) { checkLinkNames(t, browserCtx, site, pages) })
	parallel("print-pages", func(t *testing.T) { checkPrintedPages(t, browserCtx, site, dest, articles) })
	parallel("large-text", func(t *testing.T) { checkLargeText(t, browserCtx, site, articles) })
	parallel("separators", func(t *testing.T) { checkSeparators(t, browserCtx, site) })
	parallel("print-dark", func(t *testing.T) { checkPrintDark(t, browserCtx, site, articles) })
	parallel("list-titles", func(t *testing.T) { checkListTitles(t, browserCtx, site) })
	parallel("embed", func(t *testing.T) { checkEmbed(t, browserCtx, site) })
	parallel("email-phone", func(t *testing.T) { checkEmailPhone(t, browserCtx, site, articles) })
	parallel("card-room", func(t *testing.T) { checkCardRoom(t, browserCtx, site, dest) })
	// These run first, in this order: embed-snippet and feed-reader write
	// pages of their own into dest, which headings reads with the site's.
	t.Run("embed-snippet", func(t *testing.T) { checkEmbedSnippet(t, browserCtx, site, dest) })
	t.Run("feed-reader", func(t *testing.T) { checkFeedReader(t, browserCtx, site, dest) })
	t.Run("headings", func(t *testing.T) { checkHeadings(t, dest) })
}

// largeTextPages are the pages besides the articles read with large
// text: the other layouts the header and footer sit in (a month's page
// ends with the months beside it, whose names must wrap).
var largeTextPages = []string{"", "archive/", "2023/12/", "tags/", "data/shiller/", "search/", "subscribe/"}

// checkLargeText sets the browser's default font size to 32 px (text
// zoomed to 200%, WCAG 1.4.4) on a 360 px phone and wants no page
// (largeTextPages and every article) to scroll sideways, nor anything past
// the right edge outside a box that scrolls: the layout's columns must give
// way to the screen, whatever the length of the words in them. Nor may
// the site header break a word of the site's title or its links inside
// the word (a title squeezed beside Subscribe read "TEA/RS/HE/ET").
func checkLargeText(t *testing.T, browserCtx context.Context, site string, articles []pageCase) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	l := layout{name: "360-text-200%", width: smallPhoneWidth, height: 780, mobile: true}
	setFont := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: 32}})
		return err
	})
	paths := slices.Clone(largeTextPages)
	for _, a := range articles {
		paths = append(paths, a.path)
	}
	for _, pth := range paths {
		if err := chromedp.Do(tab, setLayout(l), setFont, chromedp.Navigate(site+pth)); err != nil {
			t.Fatalf("opening %s: %v", pth, err)
		}
		size, err := chromedp.Run(tab, chromedp.Evaluate[string](`getComputedStyle(document.documentElement).fontSize`))
		if err != nil || size != "32px" {
			t.Fatalf("%s: the root font size is %q (%v), want 32px", pth, size, err)
		}
		checkOverflow(t, tab, l, " /"+pth)
		checkDates(t, tab, l, " /"+pth)
		broken, err := chromedp.Run(tab, chromedp.Evaluate[[]string](brokenWordsJS(".site-header")))
		if err != nil {
			t.Fatalf("%s: reading the header's lines: %v", pth, err)
		}
		for _, w := range broken {
			t.Errorf("%s /%s: the site header breaks %s inside the word: its boxes must give way, not its words", l.name, pth, w)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// brokenWordsJS lists the words in the elements matching selector that
// the browser broke across lines inside the word (not at a space or after
// a hyphen), each quoted with "/" where it broke: "Tea/rsh/eet". → []string
func brokenWordsJS(selector string) string {
	return `(() => {
  const out = [];
  for (const root of document.querySelectorAll(` + jsString(selector) + `)) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode());) {
      const s = n.data + " ", r = document.createRange();
      let top = null, word = "", broken = false;
      for (let i = 0; i < s.length; i++) {
        if (/\s/.test(s[i])) {
          if (broken) out.push(JSON.stringify(word));
          top = null, word = "", broken = false;
          continue;
        }
        r.setStart(n, i); r.setEnd(n, i + 1);
        const box = r.getClientRects()[0];
        if (box && top !== null && box.top > top + box.height / 2 && s[i - 1] !== "-") word += "/", broken = true;
        if (box) top = box.top;
        word += s[i];
      }
    }
  }
  return out;
})()`
}

// listPages are pages with a dated list of titles (.archive-list): a
// year, a month, and search with a query, whose results the script
// adds.
var listPages = []string{"2024/", "2024/06/", "search/?q=cape"}

// checkListTitles opens listPages at 360 and 1280 px and wants every
// title of a dated list that wraps to start each of its lines at the same
// x, clear of its date (at 360 px the titles that wrap are counted, and
// there must be some): a title that wrapped back under its date, its
// first line indented by the date, read as a broken layout.
func checkListTitles(t *testing.T, browserCtx context.Context, site string) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	for _, l := range []layout{{name: "360", width: smallPhoneWidth, height: 780, mobile: true}, {name: "1280", width: desktopWidth, height: desktopHeight}} {
		wrapped := 0
		for _, pth := range listPages {
			if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+pth)); err != nil {
				t.Fatalf("opening %s: %v", pth, err)
			}
			titles, err := chromedp.Run(tab, chromedp.Evaluate[[]listTitle](listTitlesJS, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s at %s: reading its list: %v", pth, l.name, err)
			}
			if len(titles) == 0 {
				t.Errorf("%s at %s: no dated list of titles", pth, l.name)
			}
			for _, ti := range titles {
				if len(ti.Lefts) > 1 {
					wrapped++
				}
				if lo, hi := slices.Min(ti.Lefts), slices.Max(ti.Lefts); hi-lo > 1 {
					t.Errorf("%s at %s: %q wraps with its lines starting at x %v", pth, l.name, ti.Text, ti.Lefts)
				}
				if ti.OverDate {
					t.Errorf("%s at %s: %q overlaps its date", pth, l.name, ti.Text)
				}
			}
		}
		if l.width == smallPhoneWidth && wrapped == 0 {
			t.Errorf("at %s no title wraps: the check saw nothing", l.name)
		}
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// listTitle is a title of a dated list: its text, the left edge of each of
// its lines, and whether a line's box meets its date's.
type listTitle struct {
	Text     string    `json:"text"`
	Lefts    []float64 `json:"lefts"`
	OverDate bool      `json:"overDate"`
}

// listTitlesJS waits up to 5 s for a dated list's items (search adds
// them) and measures their titles.
const listTitlesJS = `(async () => {
  for (let i = 0; i < 50 && !document.querySelector(".archive-list__item"); i++) await new Promise((r) => setTimeout(r, 100));
  return [...document.querySelectorAll(".archive-list__item")].map((li) => {
    const a = li.querySelector(":scope > a"), time = li.querySelector(":scope > time");
    // The boxes of the link's text, merged by line (a <mark> in it
    // makes boxes of its own on a line).
    const range = document.createRange();
    range.selectNodeContents(a);
    const lines = [];
    for (const r of [...range.getClientRects()].filter((r) => r.width > 0)) {
      const mid = (r.top + r.bottom) / 2, line = lines.find((l) => mid > l.top && mid < l.bottom);
      if (line) line.left = Math.min(line.left, r.left);
      else lines.push({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
    }
    const d = time.getBoundingClientRect();
    const over = lines.some((r) => r.left < d.right && r.right > d.left && r.top < d.bottom && r.bottom > d.top);
    return {text: a.textContent, lefts: lines.map((r) => Math.round(r.left)), overDate: over};
  });
})()`

// checkEmailPhone opens each article's email edition as a phone's email
// client shows it, 360 px wide, and wants it to fit: a table wider than
// the screen scrolls in its own box instead of widening the message. Each
// chart's PNG (drawn at 2 device px per CSS px) must show at 90% or more
// of the width it was drawn for, so its text, drawn at 11 px or more,
// stays readable rather than shrunk with the picture.
func checkEmailPhone(t *testing.T, browserCtx context.Context, site string, articles []pageCase) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	l := layout{name: "email-360", width: smallPhoneWidth, height: 780, mobile: true}
	for _, a := range articles {
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+a.path+"email.html")); err != nil {
			t.Fatalf("opening %semail.html: %v", a.path, err)
		}
		checkOverflow(t, tab, l, " "+a.path+"email.html")
		imgs, err := chromedp.Run(tab, chromedp.Evaluate[[]emailImage](emailImagesJS, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%semail.html: reading its images: %v", a.path, err)
		}
		for _, im := range imgs {
			if drawn := im.Natural / 2; im.Natural == 0 || im.Shown < 0.9*drawn {
				t.Errorf("%semail.html: %s shows %.0f px wide, drawn for %.0f: its text shrinks to %.0f%%", a.path, im.Src, im.Shown, drawn, 100*im.Shown/max(drawn, 1))
			}
		}
	}
	for _, msg := range p.take() {
		// The message names no icon, so the browser asks the host's root
		// for one; an email client does not.
		if !strings.Contains(msg, "/favicon.ico") {
			t.Error(msg)
		}
	}
}

// emailImage is a chart's image in an email edition: its URL, its width
// as shown and its width in image pixels.
type emailImage struct {
	Src     string  `json:"src"`
	Shown   float64 `json:"shown"`
	Natural float64 `json:"natural"`
}

// emailImagesJS waits for the page's PNG images to load and measures them.
const emailImagesJS = `(async () => {
  const imgs = [...document.images].filter((i) => i.src.endsWith(".png"));
  await Promise.all(imgs.map((i) => i.decode().catch(() => {})));
  return imgs.map((i) => ({src: i.src, shown: i.getBoundingClientRect().width, natural: i.naturalWidth}));
})()`

// checkHeadings reads every HTML page of the site built into dest but the
// email editions, embeds and redirects, and wants one h1 and no heading
// that skips a level below the one before it (an h2 then an h4), so a
// screen reader's list of headings is the page's outline.
func checkHeadings(t *testing.T, dest string) {
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		if path.Base(rel) == "email.html" || strings.HasSuffix(rel, "/embed/index.html") {
			return nil
		}
		doc := parseHTML(t, p)
		var levels []int
		redirect := false
		for _, n := range doc.descendants() {
			if n.Data == "meta" && strings.EqualFold(n.attr("http-equiv"), "refresh") {
				redirect = true
			}
			if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
				levels = append(levels, int(n.Data[1]-'0'))
			}
		}
		if redirect {
			return nil
		}
		pages++
		h1 := 0
		for i, lv := range levels {
			if lv == 1 {
				h1++
			}
			switch {
			case i == 0 && lv != 1:
				t.Errorf("%s: the first heading is an h%d, not the h1 (headings %v)", rel, lv, levels)
			case i > 0 && lv > levels[i-1]+1:
				t.Errorf("%s: an h%d follows an h%d (headings %v)", rel, lv, levels[i-1], levels)
			}
		}
		if h1 != 1 {
			t.Errorf("%s: %d h1 headings, want 1 (headings %v)", rel, h1, levels)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 {
		t.Fatalf("read the headings of %d pages; the example site has more", pages)
	}
}

// node is a parsed HTML element with helpers for the checks above.
type node struct{ *html.Node }

// parseHTML parses the HTML file.
func parseHTML(t *testing.T, file string) node {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return node{doc}
}

// descendants returns the elements under n in document order.
func (n node) descendants() []node {
	var out []node
	var walk func(*html.Node)
	walk = func(h *html.Node) {
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				out = append(out, node{c})
			}
			walk(c)
		}
	}
	walk(n.Node)
	return out
}

// attr returns the value of n's attribute key, "" when it has none.
func (n node) attr(key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasClass reports whether n's class attribute names class.
func (n node) hasClass(class string) bool {
	for _, c := range strings.Fields(n.attr("class")) {
		if c == class {
			return true
		}
	}
	return false
}
