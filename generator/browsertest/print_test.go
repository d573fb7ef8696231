package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
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
// as "30"). Without pdftotext it skips with a message.
func checkPrint(t *testing.T, browserCtx context.Context, site, dest, path string) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skipf("SKIP print check: %v (apt-get install poppler-utils)", err)
	}
	cells := tableCells(t, filepath.Join(dest, filepath.FromSlash(path), "index.html"))
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
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
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
