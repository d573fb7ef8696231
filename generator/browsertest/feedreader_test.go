package browsertest

import (
	"context"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/mmcdole/gofeed"
)

// feedReaderPage is an item of a feed as a feed reader's web view shows
// it: the title and the content as the feed carries it, in a column with
// the style readers give images (never wider than the column, their
// height following their width) and figures (no side margins).
const feedReaderPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>body{margin:0 16px;font:17px/1.5 sans-serif}img{max-width:100%%;height:auto}figure{margin:1em 0}</style>
</head><body><h1>%s</h1>%s</body></html>
`

// feedImage is a chart's image in a feed reader: the URL the browser
// chose, its size as shown and in image pixels.
type feedImage struct {
	Src     string  `json:"src"`
	Alt     string  `json:"alt"`
	Shown   float64 `json:"shown"`
	ShownH  float64 `json:"shownH"`
	Natural float64 `json:"natural"`
	NatH    float64 `json:"natH"`
}

// feedImagesJS waits for the page's chart images to load and measures them.
const feedImagesJS = `(async () => {
  const imgs = [...document.querySelectorAll("img.figure__image")];
  await Promise.all(imgs.map((i) => i.decode().catch(() => {})));
  return imgs.map((i) => {
    const r = i.getBoundingClientRect();
    return {src: i.currentSrc, alt: i.alt, shown: r.width, shownH: r.height, natural: i.naturalWidth, natH: i.naturalHeight};
  });
})()`

// checkFeedReader reads the site's Atom feed with gofeed and shows each
// item's content as a feed reader does, on a 360 px phone and a 1280 px
// desktop. On the phone each chart must be the narrow drawing's PNG, shown
// at least 90% of the width it is drawn for (the wide one there shrinks its
// text to under half); on the desktop the wide drawing's; everywhere with
// alt text, undistorted; also when a sanitizer left the <source> only
// its srcset and media.
func checkFeedReader(t *testing.T, browserCtx context.Context, site, dest string) {
	b, err := os.ReadFile(filepath.Join(dest, "atom.xml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatalf("atom.xml: %v", err)
	}
	dir := filepath.Join(dest, "feed-reader")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Each item as the feed has it, and as a reader's sanitizer that keeps
	// only a <source>'s srcset and media leaves it: the img's width and
	// height (the wide drawing's) then stand for the narrow one too.
	sourceSize := regexp.MustCompile(`(<source[^>]*?) width="\d+" height="\d+"`)
	var items []string
	for i, it := range f.Items {
		title := html.EscapeString(it.Title)
		for j, c := range []string{it.Content, sourceSize.ReplaceAllString(it.Content, "$1")} {
			if j == 1 && c == it.Content {
				t.Fatalf("item %d: no <source> with width and height", i)
			}
			name := fmt.Sprintf("%d-%d.html", i, j)
			if err := os.WriteFile(filepath.Join(dir, name), fmt.Appendf(nil, feedReaderPage, title, title, c), 0o644); err != nil {
				t.Fatal(err)
			}
			items = append(items, name)
		}
	}
	tab, p := openTab(t, browserCtx, site, 90*time.Second)
	charts := 0
	for _, l := range []layout{
		{name: "feed-360", width: smallPhoneWidth, height: 780, mobile: true},
		{name: "feed-1280", width: desktopWidth, height: desktopHeight},
	} {
		phone := l.width < 560
		for _, name := range items {
			at := l.name + " feed-reader/" + name
			if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+"feed-reader/"+name)); err != nil {
				t.Fatalf("opening %s: %v", at, err)
			}
			imgs, err := chromedp.Run(tab, chromedp.Evaluate[[]feedImage](feedImagesJS, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: reading its images: %v", at, err)
			}
			for _, im := range imgs {
				charts++
				narrow := strings.HasSuffix(im.Src, ".narrow.png")
				switch {
				case im.Natural == 0:
					t.Errorf("%s: %s did not load", at, im.Src)
					continue
				case phone != narrow:
					t.Errorf("%s: shows %s, want the %s drawing", at, im.Src, map[bool]string{true: "narrow", false: "wide"}[phone])
				case im.Shown < 0.9*im.Natural/2:
					t.Errorf("%s: %s shows %.0f px wide, drawn for %.0f: its text shrinks to %.0f%%", at, im.Src, im.Shown, im.Natural/2, 100*im.Shown/(im.Natural/2))
				}
				if ratio := (im.ShownH / im.Shown) / (im.NatH / im.Natural); math.Abs(ratio-1) > 0.02 {
					t.Errorf("%s: %s is shown %.0f×%.0f, its pixels are %.0f×%.0f: distorted", at, im.Src, im.Shown, im.ShownH, im.Natural, im.NatH)
				}
				if strings.TrimSpace(im.Alt) == "" {
					t.Errorf("%s: %s has no alt text", at, im.Src)
				}
			}
		}
	}
	if charts == 0 {
		t.Error("the feed's items show no chart image")
	}
	for _, msg := range p.take() {
		// The page names no icon, so the browser asks the host's root
		// for one; a feed reader does not.
		if !strings.Contains(msg, "/favicon.ico") {
			t.Error(msg)
		}
	}
}
