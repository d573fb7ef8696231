package markdown

import (
	"bytes"
	"fmt"
	"strings"
)

// shape is a kind of hostile or unusual markdown: make returns a document of
// about n bytes made of it. The shapes are the inputs known to take
// markdown parsers (goldmark's among them) super-linear time or deep
// recursion: nesting, unmatched openers of every inline kind, and long runs
// of blocks that each look the others up.
type shape struct {
	name string
	make func(n int) []byte
}

// repeat returns unit repeated to about n bytes, then tail.
func repeat(unit string, n int, tail string) []byte {
	return []byte(strings.Repeat(unit, max(1, n/len(unit))) + tail)
}

// lines returns a document of about n bytes whose line i is line(i).
func lines(n int, line func(i int) string) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(line(i))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// staircase returns lines each one level deeper than the one before,
// indent(d) giving the prefix of depth d, until about n bytes.
func staircase(n int, indent func(d int) string) []byte {
	var b bytes.Buffer
	for d := 0; b.Len() < n; d++ {
		b.WriteString(indent(d))
		b.WriteString("a\n")
	}
	return b.Bytes()
}

func shapes() []shape {
	return []shape{
		// Deep nesting on one line.
		{"quote", func(n int) []byte { return repeat(">", n, " a\n") }},
		{"quote-spaced", func(n int) []byte { return repeat("> ", n, "a\n") }},
		{"bullet", func(n int) []byte { return repeat("- ", n, "a\n") }},
		{"star", func(n int) []byte { return repeat("* ", n, "a\n") }},
		{"ordered", func(n int) []byte { return repeat("1. ", n, "a\n") }},
		{"mixed", func(n int) []byte { return repeat("> - 1. ", n, "a\n") }},
		// Deep nesting over many lines: each line opens one level more.
		{"quote-stairs", func(n int) []byte {
			return staircase(n, func(d int) string { return strings.Repeat(">", d%4000) + " " })
		}},
		{"bullet-stairs", func(n int) []byte { return staircase(n, func(d int) string { return strings.Repeat("  ", d) + "- " }) }},
		{"quote-lines", func(n int) []byte { return lines(n, func(int) string { return strings.Repeat(">", 1000) + " a" }) }},
		{"bullet-lines", func(n int) []byte { return lines(n, func(int) string { return strings.Repeat("- ", 500) + "a" }) }},
		// Unmatched inline openers in one paragraph.
		{"emphasis-mixed", func(n int) []byte { return repeat("*a_ ", n, "\n") }},
		{"emphasis-nested", func(n int) []byte { return []byte(strings.Repeat("*", n/2) + "a" + strings.Repeat("*", n/2) + "\n") }},
		{"emphasis-runs", func(n int) []byte { return repeat("**a ", n, "\n") }},
		{"underscore-runs", func(n int) []byte { return repeat("a__b ", n, "\n") }},
		{"strike", func(n int) []byte { return repeat("~~a ", n, "\n") }},
		{"link-open", func(n int) []byte { return repeat("[a](b", n, "\n") }},
		{"link-open-padded", func(n int) []byte { return repeat("[a](b"+strings.Repeat("x", 200), n, "\n") }},
		{"link-open-spaced", func(n int) []byte { return repeat("[a](b"+strings.Repeat(" x", 100), n, "\n") }},
		{"emphasis-padded", func(n int) []byte { return repeat("*a_ "+strings.Repeat("x", 200)+" ", n, "\n") }},
		{"backtick-padded", func(n int) []byte { return repeat("\\``"+strings.Repeat("x", 200)+" ", n, "\n") }},
		{"link-angle", func(n int) []byte { return repeat("[a](<b", n, "\n") }},
		{"link-bracket", func(n int) []byte { return repeat("[", n, "a\n") }},
		{"link-nested", func(n int) []byte { return []byte(strings.Repeat("[", n/2) + "a" + strings.Repeat("]", n/2) + "\n") }},
		{"link-title", func(n int) []byte { return repeat(`[a](b "`, n, "\n") }},
		{"image-open", func(n int) []byte { return repeat("![a](b", n, "\n") }},
		{"backticks", func(n int) []byte {
			var b strings.Builder
			for i := 1; b.Len() < n; i++ {
				b.WriteString(strings.Repeat("`", i%500+1))
				b.WriteString("a ")
			}
			return []byte(b.String() + "\n")
		}},
		{"backtick-escaped", func(n int) []byte { return repeat("\\``", n, "\n") }},
		{"html-open", func(n int) []byte { return repeat("<a ", n, "\n") }},
		{"html-comment", func(n int) []byte { return repeat("a <!-- ", n, "\n") }},
		{"html-cdata", func(n int) []byte { return repeat("a <![CDATA[ ", n, "\n") }},
		{"html-pi", func(n int) []byte { return repeat("a <? ", n, "\n") }},
		{"autolink-open", func(n int) []byte { return repeat("<http://a ", n, "\n") }},
		{"linkify", func(n int) []byte { return repeat("www.a_b.", n, "\n") }},
		{"linkify-url", func(n int) []byte { return repeat("http://a(", n, "\n") }},
		{"figure-open", func(n int) []byte { return repeat("{{a ", n, "\n") }},
		{"entity", func(n int) []byte { return repeat("&#", n, "\n") }},
		{"quotes", func(n int) []byte { return repeat(`"a '`, n, "\n") }},
		{"attribute-open", func(n int) []byte { return lines(n, func(int) string { return "# a {" + strings.Repeat("#a ", 50) }) }},
		// Reported against other parsers (cmark, commonmark.js, md4c,
		// marked, mistune, Hugo's goldmark).
		{"backticks-growing", func(n int) []byte {
			var b strings.Builder
			for i := 1; b.Len() < n; i++ {
				b.WriteString("e" + strings.Repeat("`", i))
			}
			return []byte(b.String() + "\n")
		}},
		{"emphasis-mod3", func(n int) []byte { return append([]byte("a**b"), repeat("c* ", n, "\n")...) }},
		{"star-underscore", func(n int) []byte { return repeat("*_", n, "\n") }},
		{"dash-sandwich", func(n int) []byte {
			return []byte(strings.Repeat("- ", n/4) + "s" + strings.Repeat(" -", n/4) + "\n")
		}},
		{"bracket-paren", func(n int) []byte { return repeat("[ (](", n, "\n") }},
		{"bracket-lines", func(n int) []byte { return repeat("]([\n", n, "") }},
		{"link-double", func(n int) []byte {
			return []byte(strings.Repeat("[[", n/4) + "xxxx" + strings.Repeat("]]", n/4) + "\n")
		}},
		{"link-title-quote", func(n int) []byte { return repeat(`[]( "`, n, "\n") }},
		{"html-decl", func(n int) []byte { return repeat("a <!A ", n, "\n") }},
		{"tildes", func(n int) []byte { return repeat("~", n, "\n") }},
		{"ref-defs-same", func(n int) []byte { return repeat("[a]: u\n", n, "") }},
		// Many blocks that refer to each other.
		{"headings-same", func(n int) []byte { return lines(n, func(int) string { return "## a\n" }) }},
		{"headings-numbered", func(n int) []byte { return lines(n, func(i int) string { return fmt.Sprintf("## a-%d\n\n## a\n", i) }) }},
		{"footnotes", func(n int) []byte {
			return lines(n, func(i int) string { return fmt.Sprintf("x[^%d]\n\n[^%d]: n\n", i, i) })
		}},
		{"footnote-refs", func(n int) []byte { return append(repeat("[^a] ", n, "\n\n"), "[^a]: n\n"...) }},
		{"link-refs", func(n int) []byte {
			return lines(n, func(i int) string { return fmt.Sprintf("[r%d]: /u\n[x][r%d]\n", i, i) })
		}},
		{"table-rows", func(n int) []byte {
			return append([]byte("| a | b |\n|---|---|\n"), lines(n, func(int) string { return "| 1 | 2 |" })...)
		}},
		{"table-wide", func(n int) []byte {
			cols := 1000
			head := "|" + strings.Repeat(" a |", cols) + "\n|" + strings.Repeat("---|", cols) + "\n"
			return append([]byte(head), lines(n, func(int) string { return "|" + strings.Repeat(" 1 |", cols) })...)
		}},
		{"table-cells", func(n int) []byte {
			return append([]byte("| a |\n|---|\n"), repeat("|", n, "\n")...)
		}},
		{"setext", func(n int) []byte { return lines(n, func(int) string { return "a\n=" }) }},
		{"list-items", func(n int) []byte { return lines(n, func(int) string { return "- a" }) }},
		{"tasks", func(n int) []byte { return lines(n, func(int) string { return "- [ ] a" }) }},
		{"fences", func(n int) []byte { return lines(n, func(int) string { return "```" }) }},
		{"more", func(n int) []byte { return lines(n, func(int) string { return "<!--more-->\n" }) }},
		{"prose", func(n int) []byte {
			return lines(n, func(i int) string {
				return fmt.Sprintf("Paragraph %d has *emphasis*, **strong**, a [link](/x/) and `code`.\n", i)
			})
		}},
	}
}
