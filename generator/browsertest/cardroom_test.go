package browsertest

import (
	"context"
	"fmt"
	"image/png"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// cardRoom is one card's chart as cardRoomJS sees it before its image
// arrives: the file the browser chose and the box it keeps for it.
type cardRoom struct {
	Src    string  `json:"src"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// cardRoomJS lists the charts of the cards. → []cardRoom
const cardRoomJS = `[...document.querySelectorAll(".card__chart img")].map((i) => {
  const r = i.getBoundingClientRect();
  return {src: i.currentSrc || i.src, width: r.width, height: r.height};
})`

// checkCardRoom opens the home page on a phone and a desktop with every
// PNG held back, as a slow connection shows it while the charts load, and
// wants each card's chart to keep the room its image will take: the
// width the card gives it by the height of the drawing the browser chose
// (read from the file), within a pixel. A chart without its size took no
// room, and the page moved under the reader's thumb as each one arrived.
func checkCardRoom(t *testing.T, browserCtx context.Context, site, dest string) {
	tab, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	tab, cancelTimeout := context.WithTimeout(tab, 60*time.Second)
	defer cancelTimeout()
	hold := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{
			URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/*.png", Block: true}}})
		return err
	})
	base, err := url.Parse(site)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []layout{{name: "390", width: 390, height: 844, mobile: true}, {name: "1280", width: desktopWidth, height: desktopHeight}} {
		if err := chromedp.Do(tab, hold, setLayout(l), chromedp.Navigate(site)); err != nil {
			t.Fatalf("%s: opening the home page: %v", l.name, err)
		}
		cards, err := chromedp.Run(tab, chromedp.Evaluate[[]cardRoom](cardRoomJS))
		if err != nil {
			t.Fatalf("%s: reading the cards' charts: %v", l.name, err)
		}
		if len(cards) == 0 {
			t.Fatalf("%s: the home page shows no card with a chart", l.name)
		}
		for _, c := range cards {
			w, h, err := pngFileSize(dest, base.Path, c.Src)
			if err != nil {
				t.Errorf("%s: %v", l.name, err)
				continue
			}
			if want := c.Width * float64(h) / float64(w); c.Width == 0 || math.Abs(c.Height-want) > 1 {
				t.Errorf("%s: before its image arrives, the card's chart %s keeps %.0f×%.0f px, want %.0f×%.0f (its drawing is %d×%d): the page moves as it loads", l.name, c.Src, c.Width, c.Height, c.Width, want, w, h)
			}
		}
	}
}

// pngFileSize returns the pixel size of the PNG at src, a URL of the site
// whose path starts with basePath, from the output folder dest.
func pngFileSize(dest, basePath, src string) (w, h int, err error) {
	u, err := url.Parse(src)
	if err != nil {
		return 0, 0, err
	}
	rel, ok := strings.CutPrefix(u.Path, basePath)
	if !ok {
		return 0, 0, fmt.Errorf("%s is not under the site's path %s", src, basePath)
	}
	f, err := os.Open(filepath.Join(dest, filepath.FromSlash(rel)))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	c, err := png.DecodeConfig(f)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", src, err)
	}
	return c.Width, c.Height, nil
}
