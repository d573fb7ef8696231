package browsertest

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// tableDatesJS finds the ISO dates (1957-12, 2024-03-15) in the table
// cells that cells (a CSS selector) names and returns how many it found,
// then each one the browser broke across lines. → []string
func tableDatesJS(cells string) string {
	return `(() => {
  const lineCount = ` + lineCountJS + `;
  const re = /\b\d{4}-\d{2}(-\d{2})?\b/g;
  let found = 0;
  const broken = [];
  for (const cell of document.querySelectorAll(` + strconv.Quote(cells) + `)) {
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode()); ) {
      for (const m of n.data.matchAll(re)) {
        found++;
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = lineCount(r);
        if (lines > 1) broken.push(m[0] + " on " + lines + " lines");
      }
    }
  }
  return [String(found), ...broken];
})()`
}

// tableDatesPages are the two forms of an article whose tables
// TestTableDates reads, each with the selector of its markdown tables'
// cells: the page, and its email edition, where no style sheet keeps a
// date on one line and each element carries its own style.
var tableDatesPages = []struct{ file, cells string }{
	{"", ".prose td, .prose th"},
	{"email.html", ".table-scroll td, .table-scroll th"},
}

// TestTableDates reads every article of the example site, and its email
// edition, on the phones (360 and 390 px, mobile emulation), where a wide
// table scrolls in its box and its columns are squeezed to their
// narrowest: no ISO date in a table's cell may be broken across lines
// ("1957-" above "12"), and the fed funds article's table must hold some.
func TestTableDates(t *testing.T) {
	site, dest, _, browserCtx := setUp(t, 3*time.Minute)
	tab, p := openTab(t, browserCtx, site, 2*time.Minute)
	for _, pg := range tableDatesPages {
		total := 0
		for _, a := range exampleArticles(t, dest) {
			for _, l := range layouts {
				if l.dark || l.width > 390 {
					continue
				}
				if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+a.path+pg.file)); err != nil {
					t.Fatalf("%s: opening %s%s: %v", l.name, a.path, pg.file, err)
				}
				out, err := chromedp.Run(tab, chromedp.Evaluate[[]string](tableDatesJS(pg.cells)))
				if err != nil {
					t.Fatalf("%s %s%s: %v", l.name, a.path, pg.file, err)
				}
				if out[0] != "0" {
					total++
				}
				for _, b := range out[1:] {
					t.Errorf("%s %s%s: a table's date %s: it reads on one line, the table scrolling in its box", l.name, a.path, pg.file, b)
				}
			}
		}
		if total == 0 {
			t.Errorf("no article%s has an ISO date in a table: the check saw nothing", map[bool]string{true: "'s " + pg.file}[pg.file != ""])
		}
	}
	for _, msg := range p.take() {
		// An email edition names no icon, so the browser asks the
		// host's root for one; an email client does not.
		if !strings.Contains(msg, "/favicon.ico") {
			t.Error(msg)
		}
	}
}
