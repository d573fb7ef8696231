package chart

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"
)

// TestPNGLongTitle checks that a title or subtitle of any length costs a
// PNG a few lines of header: a 100 000-letter word once took the
// rasterizer half a minute to draw off the image, and a few thousand words
// made the image as tall as they were many.
func TestPNGLongTitle(t *testing.T) {
	r := NewRenderer()
	base := goldenCharts()["line"]
	base.Width, base.Height = 400, 300
	plain, err := r.PNG(base, 1)
	if err != nil {
		t.Fatal(err)
	}
	long := base
	long.Title = strings.Repeat("a", 100_000)
	long.Subtitle = strings.Repeat("word ", 20_000)
	start := time.Now()
	b, err := r.PNG(long, 1)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("PNG with a long title took %v", d)
	}
	height := func(b []byte) int {
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return img.Bounds().Dy()
	}
	if h, h0 := height(b), height(plain); h > h0+2*maxHeadLines*40 {
		t.Errorf("height %d with a long title and subtitle, %d with a short title: want at most %d lines of each", h, h0, maxHeadLines)
	}
}

func TestWrapHead(t *testing.T) {
	measure := func(s string) int { return len([]rune(s)) } // one unit a letter
	for _, c := range []struct {
		s    string
		want []string
	}{
		{"a title", []string{"a title"}},
		{"aaaaaaaaaaaaaaaaaaaa", []string{"aaaaaaaaa…"}},
		{"one two three four five six seven eight nine ten eleven twelve", []string{"one two", "three four", "five six", "seven eig…"}},
	} {
		got := wrapHead(c.s, 10, 4, measure)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrapHead(%q) = %q, want %q", c.s, got, c.want)
		}
		for _, line := range got {
			if measure(line) > 10 {
				t.Errorf("wrapHead(%q): line %q wider than 10", c.s, line)
			}
		}
	}
}
