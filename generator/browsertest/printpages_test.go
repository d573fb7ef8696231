package browsertest

import (
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// minFirstPage is how much of the first printed page an article's start
// must fill, from the top of the page's content box to the foot of its
// lowest text: a header taking the page's top, then a chart too tall for
// what is left, leave the first page half empty.
const minFirstPage = 0.85

// a4Margin is Chromium's default page margin (0.4 in) in PDF points.
const a4Margin = 0.4 * 72

// printedPage is one page of a PDF as pdftotext reads it.
type printedPage struct {
	text   string  // its words, whitespace collapsed
	height float64 // in PDF points
	bottom float64 // the lowest foot of its words, in points from the top
}

// readPDF returns the pages of the PDF file: their text, and where their
// lowest word ends (pdftotext -bbox).
func readPDF(t *testing.T, pdftotext, file string) []printedPage {
	t.Helper()
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	// pdftotext ends each page with a form feed.
	texts := strings.Split(string(out), "\f")
	box, err := exec.Command(pdftotext, "-bbox", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", file, err)
	}
	// The -bbox output is XHTML: <page width height> holding <word yMax>.
	var doc struct {
		Pages []struct {
			Height float64 `xml:"height,attr"`
			Words  []struct {
				YMax float64 `xml:"yMax,attr"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(string(box)))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("reading pdftotext -bbox of %s: %v", file, err)
	}
	var pages []printedPage
	for i, pg := range doc.Pages {
		p := printedPage{height: pg.Height}
		if i < len(texts) {
			p.text = strings.Join(strings.Fields(texts[i]), " ")
		}
		for _, w := range pg.Words {
			p.bottom = max(p.bottom, w.YMax)
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		t.Fatalf("pdftotext read no page in %s", file)
	}
	return pages
}

// printArticleToPDF prints the article at path to an A4 PDF, file, and
// returns file.
func printArticleToPDF(t *testing.T, tab context.Context, site, path, file string) string {
	t.Helper()
	if err := chromedp.Do(tab, setLayout(layouts[0]), chromedp.Navigate(site+path)); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	pdf, err := chromedp.Run(tab, printToPDF)
	if err != nil {
		t.Fatalf("printing %s: %v", path, err)
	}
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// checkPrintedPages prints each article to an A4 PDF and reads its pages
// with pdftotext. No page may end with a chart's title or subtitle: the
// head of a figure must go to the next page with its drawing rather than
// be left alone at the foot of a page. The first page must be filled to
// minFirstPage. A table that runs onto a page must start it with its
// head, and no page may end with a table's head. Without pdftotext it
// skips with a message.
func checkPrintedPages(t *testing.T, browserCtx context.Context, site, dest string, articles []pageCase) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skipf("SKIP print check: %v (apt-get install poppler-utils)", err)
	}
	tab, p := openTab(t, browserCtx, site, 90*time.Second)
	heads, continued := 0, 0
	for _, a := range articles {
		doc := parseHTML(t, filepath.Join(dest, filepath.FromSlash(a.path), "index.html"))
		ends := figureHeads(doc)
		heads += len(ends)
		tables := tableTexts(doc)
		file := printArticleToPDF(t, tab, site, a.path, filepath.Join(t.TempDir(), a.name+".pdf"))
		pages := readPDF(t, pdftotext, file)
		first := pages[0]
		if fill := (first.bottom - a4Margin) / (first.height - 2*a4Margin); fill < minFirstPage {
			t.Errorf("printed %s: the first page is filled to %.0f%% of its height, want %.0f%% or more (is the next figure too tall for what the header leaves?)", a.path, 100*fill, 100*minFirstPage)
		}
		for i, pg := range pages {
			for _, h := range ends {
				if h != "" && strings.HasSuffix(pg.text, h) {
					t.Errorf("printed %s: page %d ends with the chart head %q; its drawing is on the next page", a.path, i+1, h)
				}
			}
			for _, tb := range tables {
				if strings.HasSuffix(pg.text, tb.head) {
					t.Errorf("printed %s: page %d ends with the head of a table (%q), its rows on the next page", a.path, i+1, tb.head)
				}
				if i == 0 {
					continue
				}
				for _, r := range tb.rows {
					if strings.HasPrefix(pg.text, r+" ") || pg.text == r {
						t.Errorf("printed %s: page %d continues a table without its head (%q): it starts with the row %q", a.path, i+1, tb.head, r)
						break
					}
				}
				if strings.HasPrefix(pg.text, tb.head+" ") {
					continued++
				}
			}
		}
	}
	if heads == 0 {
		t.Fatal("the example articles have no chart titles to check")
	}
	if continued == 0 {
		t.Fatal("no printed page continues a table: the check of repeated heads saw nothing")
	}
	t.Logf("printed %d articles: %d pages start with a table's repeated head", len(articles), continued)
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// figureHeads returns the text of each figure title and subtitle of the
// page, whitespace collapsed.
func figureHeads(doc node) []string {
	var heads []string
	for _, n := range doc.descendants() {
		if n.hasClass("figure__title") || n.hasClass("figure__subtitle") {
			heads = append(heads, strings.Join(strings.Fields(text(n.Node)), " "))
		}
	}
	return heads
}

// tableText is a table's head and rows as pdftotext reads them: the text
// of their cells, whitespace collapsed, joined by spaces.
type tableText struct {
	head string
	rows []string
}

// tableTexts returns the tables of the article in doc that have a head.
func tableTexts(doc node) []tableText {
	var out []tableText
	for _, n := range doc.descendants() {
		if n.Data != "table" {
			continue
		}
		var tb tableText
		for _, c := range (node{n.Node}).descendants() {
			if c.Data != "tr" {
				continue
			}
			var cells []string
			for _, cell := range (node{c.Node}).descendants() {
				if cell.Data == "th" || cell.Data == "td" {
					cells = append(cells, text(cell.Node))
				}
			}
			row := strings.Join(strings.Fields(strings.Join(cells, " ")), " ")
			if c.Parent != nil && c.Parent.Data == "thead" {
				tb.head = row
			} else if row != "" {
				tb.rows = append(tb.rows, row)
			}
		}
		if tb.head != "" {
			out = append(out, tb)
		}
	}
	return out
}

// printColorsJS lists the colours of every rendered element of the main
// column (text, background, rules, and an SVG's fill and stroke), in
// document order. → []string
const printColorsJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll("main, main *")) {
    if (el.getClientRects().length === 0) continue;
    const s = getComputedStyle(el);
    out.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "").trim().split(/\s+/).join(".") + " " +
      [s.color, s.backgroundColor, s.borderTopColor, s.borderBottomColor, s.fill, s.stroke, s.filter].join(" "));
  }
  return out;
})()`

// checkPrintDark lays each article out for print with the reader's
// setting light, then dark: every element of the main column must have
// the same colours in both, since paper is white whatever the screen's
// mode (chart labels in dark mode's light grey printed near invisible).
func checkPrintDark(t *testing.T, browserCtx context.Context, site string, articles []pageCase) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	colors := func(path, scheme string) []string {
		got, err := chromedp.Run(tab, chromedp.Action[[]string](func(ctx context.Context, tg *chromedp.Target) ([]string, error) {
			if _, err := chromedp.EmulateViewport(printWidth, 1100)(ctx, tg); err != nil {
				return nil, err
			}
			if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Media:    "print",
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			}); err != nil {
				return nil, err
			}
			return chromedp.Evaluate[[]string](printColorsJS)(ctx, tg)
		}))
		if err != nil {
			t.Fatalf("printed %s (%s): %v", path, scheme, err)
		}
		return got
	}
	checked := 0
	for _, a := range articles {
		if err := chromedp.Do(tab, chromedp.Navigate(site+a.path)); err != nil {
			t.Fatalf("opening %s: %v", a.path, err)
		}
		light, dark := colors(a.path, "light"), colors(a.path, "dark")
		if len(light) != len(dark) {
			t.Errorf("printed %s: %d elements rendered in light mode, %d in dark", a.path, len(light), len(dark))
			continue
		}
		diffs := 0
		for i := range light {
			if light[i] != dark[i] {
				if diffs++; diffs <= 5 {
					t.Errorf("printed %s in dark mode: %s\n\twant as in light mode: %s", a.path, dark[i], light[i])
				}
			}
		}
		if diffs > 5 {
			t.Errorf("printed %s in dark mode: %d elements differ from light mode in all", a.path, diffs)
		}
		checked += len(light)
	}
	t.Logf("printed %d articles light and dark: %d elements compared", len(articles), checked)
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// checkPrintedLinks wants the PDF's text (pdfText, whitespace and hyphens
// removed, so an address wrapped over two lines is whole) to hold the address of each
// external link of the article in doc once: after the text of a link
// whose text is not its address, as that text of one that is (class
// link-url), never both. No address of the site itself (site) nor a
// footnote's anchor may be printed.
func checkPrintedLinks(t *testing.T, doc node, pdfText, site, path string) {
	t.Helper()
	// pdftotext drops a hyphen that ends a line, and the address may break
	// there: hyphens are left out on both sides.
	unhyphen := strings.NewReplacer("-", "", "\u00ad", "")
	flat := unhyphen.Replace(strings.Join(strings.Fields(pdfText), ""))
	external, bare := 0, 0
	for _, n := range doc.descendants() {
		href := n.attr("href")
		if n.Data != "a" || !(strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "http://")) || !inProse(n) {
			continue
		}
		external++
		if n.hasClass("link-url") {
			bare++
		}
		if got := strings.Count(flat, unhyphen.Replace(href)); got != 1 {
			t.Errorf("printed %s: the address of the link %q (%s) is printed %d times, want once", path, strings.Join(strings.Fields(text(n.Node)), " "), href, got)
		}
	}
	if external-bare == 0 || bare == 0 {
		t.Fatalf("%s has %d external links, %d of them showing their address; the check needs both kinds", path, external, bare)
	}
	for _, s := range []string{site, "#fn"} {
		if strings.Contains(flat, unhyphen.Replace(s)) {
			t.Errorf("printed %s: the PDF shows %q, an address within the site", path, s)
		}
	}
	t.Logf("printed %s: %d external links checked, %d of them showing their address as their text", path, external, bare)
}

// inProse reports whether n is inside the article's prose.
func inProse(n node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if (node{p}).hasClass("prose") {
			return true
		}
	}
	return false
}
