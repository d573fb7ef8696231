package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTableScroll checks that each markdown table is the only child of its
// own scroll box, focusable and named by its number, and that nothing else
// is wrapped.
func TestTableScroll(t *testing.T) {
	src := "Intro.\n\n| a | b |\n|---|--:|\n| 1 | 300 |\n\nBetween.\n\n- list\n\n| c |\n|---|\n| 2 |\n"
	d, doc := convertDoc(t, src)
	boxes := elements(doc, "div")
	if len(boxes) != 2 {
		t.Fatalf("%d divs, want one per table (2):\n%s", len(boxes), d.HTML)
	}
	for i, box := range boxes {
		attrs := map[string]string{}
		for _, a := range box.Attr {
			attrs[a.Key] = a.Val
		}
		want := map[string]string{"class": "table-scroll", "tabindex": "0", "role": "region", "aria-label": "Table " + string(rune('1'+i))}
		for k, v := range want {
			if attrs[k] != v {
				t.Errorf("box %d: %s=%q, want %q", i+1, k, attrs[k], v)
			}
		}
		var kids []string
		for c := box.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				kids = append(kids, c.Data)
			}
		}
		if len(kids) != 1 || kids[0] != "table" {
			t.Errorf("box %d holds %v, want one table", i+1, kids)
		}
	}
	if d.Words == 0 || !strings.Contains(d.HTML, `<td class="align-right">300</td>`) {
		t.Errorf("table text lost:\n%s", d.HTML)
	}
}

// TestCellDates checks that an ISO month or day in a table cell is a
// <time> with that datetime (the theme keeps a time on one line), and that
// a range of years, a date in code, and a date outside a table are left
// as written.
func TestCellDates(t *testing.T) {
	src := "On 1957-12 the rate turned.\n\n| Cycle | Turn |\n|---|---|\n| 1954-07 (low) to 1957-10 *and 2024-03-15* | 1957-12 |\n| 2022-23 | `1969-11` |\n"
	d, doc := convertDoc(t, src)
	var got []string
	for _, n := range elements(doc, "time") {
		got = append(got, getAttr(n, "datetime")+"="+nodeTextOf(n)+" in "+n.Parent.Data)
	}
	want := []string{"1954-07=1954-07 in td", "1957-10=1957-10 in td", "2024-03-15=2024-03-15 in em", "1957-12=1957-12 in td"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("times %q, want %q:\n%s", got, want, d.HTML)
	}
	for _, s := range []string{"<td>1954-07", " (low) to ", "<td>2022-23</td>", "<code>1969-11</code>", "On 1957-12 the rate"} {
		if !strings.Contains(strings.ReplaceAll(d.HTML, `<time datetime="1954-07">`, "<"), strings.TrimPrefix(s, "<td>")) {
			t.Errorf("%q lost:\n%s", s, d.HTML)
		}
	}
}
