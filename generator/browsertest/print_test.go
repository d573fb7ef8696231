package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// printArticle is the article printed to PDF: the one with the widest
// tables (a six-column table and a figure's data table).
const printArticle = "2024/06/drawdowns-and-recoveries/"

// printToPDF is an action that prints the tab to an A4 PDF.
func printToPDF(ctx context.Context, t *chromedp.Target) ([]byte, error) {
	r, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	return r.Data, err
}

// checkPrint prints the article at path (under the site) to PDF, reads its
// text with pdftotext (poppler-utils), and wants every cell of every table
// of the built page in it, each word whole: a table cut at the page's edge
// loses its last columns, or the last digits of a number ("300" printed
// as "30"); and the address of each of its external links printed once
// (checkPrintedLinks). Without pdftotext it skips with a message.
func checkPrint(t *testing.T, browserCtx context.Context, site, dest, path string) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skipf("SKIP print check: %v (apt-get install poppler-utils)", err)
	}
	page := filepath.Join(dest, filepath.FromSlash(path), "index.html")
	cells := tableCells(t, page)
	if len(cells) < 20 {
		t.Fatalf("%s has %d table cells; the check needs its tables", path, len(cells))
	}
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	if err := chromedp.Do(tab, setLayout(layouts[0]), chromedp.Navigate(site+path)); err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	pdf, err := chromedp.Run(tab, printToPDF)
	if err != nil {
		t.Fatalf("printing %s: %v", path, err)
	}
	file := filepath.Join(t.TempDir(), "article.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	checkPrintedLinks(t, parseHTML(t, page), string(out), site, path)
	// The words of the PDF, each usable once: a cell's words must be
	// there as many times as the cells hold them.
	have := map[string]int{}
	for _, w := range strings.Fields(string(out)) {
		have[w]++
	}
	missing := 0
	for _, c := range cells {
		var lost []string
		for _, w := range strings.Fields(c) {
			if have[w] == 0 {
				lost = append(lost, w)
				continue
			}
			have[w]--
		}
		if len(lost) > 0 {
			missing++
			if missing <= 20 {
				t.Errorf("the PDF of %s lacks %q of the table cell %q", path, lost, c)
			}
		}
	}
	t.Logf("printed %s: %d KB of PDF, %d of %d table cells whole", path, len(pdf)/1024, len(cells)-missing, len(cells))
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// tableCells returns the text of every th and td of every table in the
// article of the HTML file, whitespace collapsed.
func tableCells(t *testing.T, file string) []string {
	t.Helper()
	doc := parseHTML(t, file).Node
	var cells []string
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			if n.Data == "article" {
				inArticle = true
			}
			if inArticle && (n.Data == "td" || n.Data == "th") {
				cells = append(cells, strings.Join(strings.Fields(text(n)), " "))
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	return cells
}

// text is the text content of n.
func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

// printWidth is the width in CSS px of the printable area of an A4 page
// with Chromium's default margins (0.4 in each side): 8.27 in less 0.8 in,
// at 96 px an inch.
const printWidth = 717

// printedChartsJS lists, under print media, each chart that does not show
// exactly one drawing, whose drawing reaches past the page's width, or that
// a box around it cuts (a box narrower than its content that does not let
// it overflow visibly); and counts the charts.
const printedChartsJS = `(() => {
  const out = [], vw = document.documentElement.clientWidth;
  const charts = document.querySelectorAll('.figure__chart');
  for (const f of charts) {
    const id = f.closest('figure').id;
    const shown = [...f.querySelectorAll(':scope > svg')].filter(s => s.getBoundingClientRect().width > 0);
    if (shown.length !== 1) { out.push(id + ': ' + shown.length + ' drawings shown'); continue; }
    const r = shown[0].getBoundingClientRect();
    if (r.width < 200 || r.left < -0.5 || r.right > vw + 0.5) out.push(id + ': drawing spans ' + r.left + '..' + r.right + ' px of a ' + vw + ' px page');
    for (let a = shown[0].parentElement; a && a !== document.body; a = a.parentElement) {
      if (a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).overflowX !== 'visible') out.push(id + ': ' + a.tagName + '.' + a.className + ' cuts it (' + a.scrollWidth + ' px in ' + a.clientWidth + ')');
    }
  }
  return {charts: charts.length, problems: out};
})()`

// checkPrintedCharts lays the page in tab out for print, at the width of
// an A4 page, and wants every chart whole: one drawing, inside the page,
// cut by no box around it; and nothing past the page's right edge.
func checkPrintedCharts(t *testing.T, tab context.Context, path string) {
	t.Helper()
	type result struct {
		Charts   int      `json:"charts"`
		Problems []string `json:"problems"`
	}
	got, err := chromedp.Run(tab, chromedp.Action[result](func(ctx context.Context, tg *chromedp.Target) (result, error) {
		if _, err := chromedp.EmulateViewport(printWidth, 1100)(ctx, tg); err != nil {
			return result{}, err
		}
		if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return result{}, err
		}
		return chromedp.Evaluate[result](printedChartsJS)(ctx, tg)
	}))
	if err != nil {
		t.Fatalf("laying %s out for print: %v", path, err)
	}
	if got.Charts == 0 {
		t.Fatalf("%s has no chart to check in print", path)
	}
	for _, p := range got.Problems {
		t.Errorf("printed %s: %s", path, p)
	}
	// Nor may anything else reach past the page's content box: a long
	// address printed after its link must wrap in its column.
	checkOverflow(t, tab, layout{name: "print " + path, width: printWidth}, "")
	t.Logf("printed %s: %d charts checked at %d px, %d problems", path, got.Charts, printWidth, len(got.Problems))
}

// checkPrintCharts lays every article of the site built into dest out for
// print (see checkPrintedCharts).
func checkPrintCharts(t *testing.T, browserCtx context.Context, site, dest string) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	for _, a := range exampleArticles(t, dest) {
		if err := chromedp.Do(tab, setLayout(layouts[0]), chromedp.Navigate(site+a.path)); err != nil {
			t.Fatalf("opening %s: %v", a.path, err)
		}
		checkPrintedCharts(t, tab, a.path)
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}
