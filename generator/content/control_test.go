package content

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestBodyControlSameAsIndexFunc checks bodyControl against
// bytes.IndexFunc's reading of the body, which it was: every control
// character of ASCII and Latin-1, invalid UTF-8, tabs and line breaks.
func TestBodyControlSameAsIndexFunc(t *testing.T) {
	want := func(body []byte, first int) (int, rune, bool) {
		i := bytes.IndexFunc(body, func(r rune) bool {
			return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
		})
		if i < 0 {
			return 0, 0, false
		}
		r, _ := utf8.DecodeRune(body[i:])
		return first + bytes.Count(body[:i], []byte("\n")), r, true
	}
	pieces := []string{"a", "word ", "\n", "\r\n", "\t", "\x00", "\x07", "\x0c", "\x1b", "\x1f", " ", "\x7f", "~",
		"\u0080", "\u0085", "\u009f", "\u00a0", "é", "\u200b", "\u2028", "\ufeff", "\xc2", "\x85", "\xff", "日本"}
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 5000 {
		var b []byte
		for range 1 + i%40 {
			p := pieces[r.IntN(len(pieces))]
			if r.IntN(4) > 0 && p[0] < 0x20 && p != "\n" && p != "\t" && p != "\r\n" {
				p = "x" // controls rarer than text
			}
			b = append(b, p...)
		}
		gl, gr, gok := bodyControl(b, 3)
		wl, wr, wok := want(b, 3)
		if gl != wl || gr != wr || gok != wok {
			t.Fatalf("bodyControl(%q) = %d, %U, %v; want %d, %U, %v", b, gl, gr, gok, wl, wr, wok)
		}
	}
}

// BenchmarkBodyControl measures looking for control characters in an
// article's body, which a build does for every article.
func BenchmarkBodyControl(b *testing.B) {
	body := bytes.Repeat([]byte("Small caps trailed large caps by 3% — the spread “widened”, as [rates](/tags/rates/) rose.\n"), 60)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, ok := bodyControl(body, 1); ok {
			b.Fatal("a control character")
		}
	}
}
