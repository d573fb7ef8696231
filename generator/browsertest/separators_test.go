package browsertest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// separatorPages are pages whose footer, bylines, card and figure lines
// run items together with " · ": the home page, an article, a chart's
// page, the data index, a topic and subscribe.
var separatorPages = []string{"", "tags/small-caps/", "subscribe/", "2026/10/small-cap-rally/", "2026/10/small-cap-rally/charts/small-versus-large-since-2015-rebased-to-100/", "data/"}

// checkSeparators opens separatorPages on phones, at 390 px and at 360 px
// with text at 200%, and wants no line to begin with a "·": a separator
// belongs at the end of the line whose item it follows, and one opening a
// line reads as a stray bullet; nor any "·" to reach past the right edge
// of its column (after a link wrapped to the column's full width). It counts the separators it measured and
// those that ended a wrapped line, and wants some of each.
func checkSeparators(t *testing.T, browserCtx context.Context, site string) {
	tab, p := openTab(t, browserCtx, site, 90*time.Second)
	measured, ending := 0, 0
	for _, c := range []struct {
		l    layout
		font int64
	}{
		{layout{name: "390", width: 390, height: 844, mobile: true}, 16},
		{layout{name: "360-text-200%", width: smallPhoneWidth, height: 780, mobile: true}, 32},
	} {
		setFont := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: c.font}})
			return err
		})
		for _, pth := range separatorPages {
			if err := chromedp.Do(tab, setLayout(c.l), setFont, chromedp.Navigate(site+pth)); err != nil {
				t.Fatalf("opening %s: %v", pth, err)
			}
			seps, err := chromedp.Run(tab, chromedp.Evaluate[[]separator](separatorsJS))
			if err != nil {
				t.Fatalf("%s at %s: measuring its separators: %v", pth, c.l.name, err)
			}
			for _, s := range seps {
				measured++
				if s.EndsLine {
					ending++
				}
				if s.StartsLine {
					t.Errorf("/%s at %s: a line of %s begins with its %q: …%s", pth, c.l.name, s.Where, s.Glyph, s.Context)
				}
				if s.Past > 0 {
					t.Errorf("/%s at %s: a %q of %s reaches %d px past its column: …%s", pth, c.l.name, s.Glyph, s.Where, s.Past, s.Context)
				}
			}
		}
	}
	if measured == 0 || ending == 0 {
		t.Errorf("measured %d separators, %d of them ending a wrapped line: the check saw too little", measured, ending)
	}
	t.Logf("%d separators measured, %d ending a wrapped line", measured, ending)
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// separator is a visible "·" or "," of a page: whether it is the first glyph of
// a line (StartsLine) or the last (EndsLine), how far it reaches past the
// content box of the block it is in (Past), that block and the text about
// it.
type separator struct {
	StartsLine bool   `json:"startsLine"`
	EndsLine   bool   `json:"endsLine"`
	Past       int    `json:"past"` // CSS px it reaches past its block's content box
	Where      string `json:"where"`
	Context    string `json:"context"`
	Glyph      string `json:"glyph"`
}

// separatorsJS finds each "·" in the text of the page's body that is
// drawn, and each "," that follows another node (a link's text), and
// compares its box with those of the nearest drawn glyphs before and
// after it in the same block: on a later line than the one
// before, it starts a line; on an earlier line than the one after, it
// ends one. It also measures how far it reaches past the right edge of
// its block's content box.
const separatorsJS = `(() => {
  const glyphs = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !el.checkVisibility() || el.closest("script, style, svg, .visually-hidden")) continue;
    let block = el;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    for (let i = 0; i < n.data.length; i++) {
      if (/\s/.test(n.data[i])) continue;
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      const r = [...range.getClientRects()].find((r) => r.width > 0);
      if (r) glyphs.push({ch: n.data[i], node: n, i, block, top: r.top, bottom: r.bottom, right: r.right});
    }
  }
  const out = [];
  glyphs.forEach((g, k) => {
    const prev = glyphs[k - 1], next = glyphs[k + 1];
    // A comma counts where it follows another node (a link, a tag): in
    // running text a word too wide for the column may break before it.
    if (g.ch !== "\u00b7" && (g.ch !== "," || !prev || prev.node === g.node)) return;
    const mid = (g.top + g.bottom) / 2;
    const bs = getComputedStyle(g.block), br = g.block.getBoundingClientRect();
    const edge = br.right - parseFloat(bs.paddingRight) - parseFloat(bs.borderRightWidth);
    const where = g.block.tagName.toLowerCase() + (g.block.className ? "." + String(g.block.className).split(" ").join(".") : "");
    out.push({
      startsLine: !!prev && prev.block === g.block && mid > prev.bottom,
      endsLine: !!next && next.block === g.block && (next.top + next.bottom) / 2 > g.bottom,
      past: g.right > edge + 0.5 ? Math.round(g.right - edge) : 0,
      where,
      glyph: g.ch,
      context: g.node.data.slice(Math.max(0, g.i - 20), g.i + 20).replace(/\s+/g, " "),
    });
  });
  return out;
})()`

// TestCommaSeparators builds a site whose article has many tags and the
// terms of two taxonomies, and reads the home page (the article's card)
// and the article at every width from 320 to 800 px in steps of 8 px:
// no line may begin with the "," or "·" after a tag or a term. Those
// links are inline boxes (24 px targets), after which a line may break
// even before a comma, so a card's line once began ", VOLATILITY".
func TestCommaSeparators(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml": "title: Commas\nbaseURL: /\nauthor: Desk\ntaxonomies:\n  tickers:\n    title: Tickers\n  regions:\n    title: Regions\n",
		"content/posts/many.md": "---\ntitle: Many tags\ndate: 2024-04-02\n" +
			"tags: [correlations, cross-asset, volatility, rates, credit, emerging markets, commodities, currencies, gold, oil, dollar, high yield, investment grade, treasuries]\n" +
			"tickers: [SPX, NDX, RUT, DJI, VIX, TLT, HYG, LQD, EEM, EFA, GLD, USO]\nregions: [United States, Euro area, Japan, Emerging Asia, Latin America]\n---\nText.\n",
	})
	site, _ := serveSite(t, ctx, dir, "a site of many tags")
	tab, p := openTab(t, startBrowser(t, ctx, exe), site, 2*time.Minute)
	measured, ending := 0, 0
	for w := int64(320); w <= 800; w += 8 {
		l := layout{name: fmt.Sprint(w), width: w, height: 800, mobile: true}
		for _, pth := range []string{"", "2024/04/many/"} {
			if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+pth)); err != nil {
				t.Fatalf("opening %s: %v", pth, err)
			}
			seps, err := chromedp.Run(tab, chromedp.Evaluate[[]separator](separatorsJS))
			if err != nil {
				t.Fatalf("/%s at %d px: measuring its separators: %v", pth, w, err)
			}
			for _, s := range seps {
				measured++
				if s.EndsLine {
					ending++
				}
				if s.StartsLine {
					t.Errorf("/%s at %d px: a line of %s begins with its %q: …%s", pth, w, s.Where, s.Glyph, s.Context)
				}
			}
		}
	}
	if measured == 0 || ending == 0 {
		t.Errorf("measured %d separators, %d of them ending a wrapped line: the check saw too little", measured, ending)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
