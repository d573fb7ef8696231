package markdown

import (
	"bytes"
	"fmt"
)

// MaxEmphasisMarkers is the most runs of emphasis markers (* and _) a
// paragraph may hold. goldmark matches emphasis in time that grows with the
// square of the unmatched markers of a paragraph: 40,000 repetitions of
// "*a_ " take over ten seconds, a 2 MB paragraph of them hours. No prose
// comes near this limit, which bounds a paragraph to about 0.1 s.
const MaxEmphasisMarkers = 10000

// MaxLinkOpeners is the most "[" a paragraph may hold: goldmark's search for
// link ends also grows with the square of unclosed openers (20,000 "[a]("
// take about three seconds). No prose comes near it.
const MaxLinkOpeners = 5000

// checkComplexity reports the first paragraph of src (blank-line separated
// text outside fenced code) with more than MaxEmphasisMarkers marker runs.
// It is a deterministic bound, unlike a time budget, so the same input
// always gives the same result, and no conversion is left running.
func checkComplexity(file string, lineBase int, src []byte) error {
	runs, opens, start, fence := 0, 0, 1, []byte(nil)
	line := 0
	for len(src) > 0 {
		line++
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		t := bytes.TrimLeft(l, " ")
		if len(l)-len(t) <= 3 && (bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))) {
			switch {
			case fence == nil:
				fence = t[:3]
			case bytes.HasPrefix(t, fence):
				fence = nil
			}
			runs, opens, start = 0, 0, line+1
			continue
		}
		if fence != nil {
			continue
		}
		if len(bytes.TrimSpace(l)) == 0 {
			runs, opens, start = 0, 0, line+1
			continue
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if c == '\\' {
				i++
				continue
			}
			if (c == '*' || c == '_') && (i == 0 || l[i-1] != c) {
				runs++
			}
			if c == '[' {
				opens++
			}
		}
		if opens > MaxLinkOpeners {
			return fmt.Errorf("%s:%d: a paragraph holds more than %d link brackets ([), which would make the conversion very slow: split the paragraph, or escape the brackets as \\[",
				file, lineBase+start-1, MaxLinkOpeners)
		}
		if runs > MaxEmphasisMarkers {
			return fmt.Errorf("%s:%d: a paragraph holds more than %d runs of emphasis markers (* and _), which would make the conversion very slow: split the paragraph, or escape the markers as \\* and \\_",
				file, lineBase+start-1, MaxEmphasisMarkers)
		}
	}
	return nil
}
