package chart

import "strings"

// wrap breaks s into lines no wider than width.
func wrap(s string, width int, measure func(string) int) []string {
	if s == "" {
		return nil
	}
	var lines []string
	line := ""
	for _, w := range splitWords(s) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && measure(try) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	return append(lines, line)
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\n' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// clip shortens s to fit width, ending it in "…" when it is cut. It
// measures about log2(len(s)) prefixes, so a very long s costs little.
func clip(s string, width int, measure func(string) int) string {
	if measure(s) <= width {
		return s
	}
	rs := []rune(s)
	cut := func(n int) string { return strings.TrimRight(string(rs[:n]), " ") + "…" }
	// The longest prefix that fits, by bisection: lo fits (or is 0), hi
	// does not.
	lo, hi := 0, len(rs)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if measure(cut(mid)) <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return "…"
	}
	return cut(lo)
}

// maxHeadLines is the most lines a PNG's title, or its subtitle, takes.
const maxHeadLines = 4

// maxHeadRunes bounds the text of a title or subtitle that wrapHead
// measures: more never fits in maxHeadLines lines of a chart.
const maxHeadRunes = 600

// wrapHead wraps a title or subtitle into at most maxLines lines no wider
// than width: a word wider than width is clipped, and the last line ends
// in "…" when text is left over. Its cost does not grow with s.
func wrapHead(s string, width, maxLines int, measure func(string) int) []string {
	if rs := []rune(s); len(rs) > maxHeadRunes {
		s = string(rs[:maxHeadRunes])
	}
	lines := wrap(s, width, measure)
	if len(lines) > maxLines {
		lines[maxLines-1] = clip(lines[maxLines-1]+" "+lines[maxLines], width, measure)
		if !strings.HasSuffix(lines[maxLines-1], "…") {
			lines[maxLines-1] += "…"
		}
		lines = lines[:maxLines]
	}
	for i, line := range lines {
		lines[i] = clip(line, width, measure)
	}
	return lines
}
