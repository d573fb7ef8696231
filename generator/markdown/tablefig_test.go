package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// cellTexts parses body and returns the text of each <td>, in order.
func cellTexts(t *testing.T, body string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	var text func(*html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "td" {
			cells = append(cells, text(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return cells
}

// TestFigureInTableCell checks that the "|" of an inline figure does not
// split a table cell, that other pipes still do, and that a code span's
// figure stays literal.
func TestFigureInTableCell(t *testing.T) {
	src := "| what | value | note |\n|---|--:|---|\n| PE10 | {{ shiller.PE10 | last | number:2 }} | `{{ a | b }}` |\n| rate | {{ f[\"A|B\"] | max }} | x \\| y |\n"
	orig := []byte(src)
	d, err := New(Options{}).Convert("a.md", 1, orig, &specEcho{})
	if err != nil {
		t.Fatal(err)
	}
	got := cellTexts(t, d.HTML)
	want := []string{"PE10", "<shiller.PE10 | last | number:2>", "{{ a | b }}", "rate", `<f["A|B"] | max>`, "x | y"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cells\n%q\nwant\n%q", got, want)
	}
	if d.Inlines != 2 {
		t.Errorf("inlines %d, want 2", d.Inlines)
	}
	if string(orig) != src {
		t.Errorf("Convert changed its input")
	}
}

// TestStrayFigure checks that a "{{" that is not an inline figure is an
// error naming file:line, in prose and in a table cell, and that code and
// \{{ stay literal.
func TestStrayFigure(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"Intro.\n\nThe ratio is {{ shiller.PE10\n| last }} now.\n", "a.md:12:"},
		{"| a | b |\n|---|---|\n| 1 | 2 |\n| {{ x.Y | 3 |\n", "a.md:13:"},
		{"Empty {{}} braces.\n", "a.md:10:"},
		{"One {{ x.Y }} and {{ x.Z\n", "a.md:10:"},
	} {
		_, err := New(Options{}).Convert("a.md", 10, []byte(c.src), &specEcho{})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "not an inline figure") {
			t.Errorf("%q: err %v, want one at %s", c.src, err, c.want)
		}
	}
	// The error quotes the stray braces alone, not the figure after them.
	for src, want := range map[string]string{
		"C {{ }} and {{ x.Y | last }} D.\n":  `a.md:10: "{{ }}" is not an inline figure`,
		"One {{ x.Y }} and {{ x.Z\n":         `a.md:10: "{{ x.Z" is not an inline figure`,
		"A {{ x.Y | last } and more text.\n": `a.md:10: "{{ x.Y | last } and more text." is not an inline figure`,
	} {
		_, err := New(Options{}).Convert("a.md", 10, []byte(src), &specEcho{})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: err %v, want %s", src, err, want)
		}
	}
	for _, ok := range []string{"`{{ x`\n", "```\n{{ x\n```\n", "Literal \\{{ braces.\n", "    {{ indented code\n"} {
		if _, err := New(Options{}).Convert("a.md", 1, []byte(ok), &specEcho{}); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// TestFigureOutsideText checks that an inline figure where only text is
// computed (a link's URL or title, an autolinked URL, an image's address,
// title or alt text) is an error at its line, not braces or a dropped
// value published.
func TestFigureOutsideText(t *testing.T) {
	for src, want := range map[string]string{
		// Spaces end the URL: no link, but an autolink of its start.
		"Intro.\n\n[the data](https://example.com/{{ x.Y | last }})\n":    `a.md:12: "{{ x.Y | last }}" in a link's URL is not computed`,
		"[the data](https://example.com/ \"as of {{ x.Y | last }}\")\n":   `a.md:10: "{{ x.Y | last }}" in a link's URL or title is not computed`,
		"See https://example.com/{{x}}/y for more.\n":                     `a.md:10: "{{x}}" in a link's URL is not computed`,
		"![chart of {{ x.Y | last }}](c.png)\n":                           `a.md:10: {{ x.Y | last }} in an image's alt text is not computed`,
		"Text.\n\n![c](c.png \"{{ x.Y | last }}\")\n":                     `a.md:12: "{{ x.Y | last }}" in an image's address or title is not computed`,
		"A line.\nAnd [a link](a-{{x.Y|last}}.html) on the second one.\n": `a.md:11: "{{x.Y|last}}" in a link's URL or title is not computed`,
	} {
		_, err := New(Options{}).Convert("a.md", 10, []byte(src), &specEcho{})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: err %v, want %s…", src, err, want)
		}
	}
	// A figure in a link's text is computed.
	if _, err := New(Options{}).Convert("a.md", 1, []byte("[now {{ x.Y | last }}](https://example.com/)\n"), &specEcho{}); err != nil {
		t.Errorf("a figure in a link's text: %v", err)
	}
}
