// Package suggest finds the valid word a mistyped one was probably meant
// to be, for "did you mean …?" hints in error messages.
package suggest

import "strings"

// Closest returns the candidate closest to word by edit distance (with
// transpositions, ignoring case), or "" when none is close enough to be a
// likely typo: at most two edits, and fewer than half of word's letters.
// Ties go to the candidate that sorts first.
func Closest(word string, candidates []string) string {
	best, bestD := "", 3
	w := strings.ToLower(word)
	for _, c := range candidates {
		d := Distance(w, strings.ToLower(c))
		if d < bestD || (d == bestD && best != "" && c < best) {
			best, bestD = c, d
		}
	}
	if best == "" || bestD*2 >= len(word) {
		return ""
	}
	return best
}

// Distance is the optimal-string-alignment distance between a and b: the
// number of insertions, deletions, substitutions and swaps of neighbouring
// bytes that turn one into the other.
func Distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
