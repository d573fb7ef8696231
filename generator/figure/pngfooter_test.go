package figure

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// TestPNGFooter checks that a chart's PNG says where its numbers come from
// and how recent they are, as its page does under the SVG: the PNG is
// drawn with the footer "Source: … Data through …", which makes it taller
// than the same chart drawn without it.
func TestPNGFooter(t *testing.T) {
	s := testSet(t, nil)
	comp, err := s.compute(mustSpec(t, "data: px\nseries: [small]\n"), "content/posts/a/index.md")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pngFooter(comp), "Source: Test data. Data through 28 February 2025."; got != want {
		t.Errorf("footer %q, want %q", got, want)
	}
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), true, place)
	if _, err := p.Chart([]byte("data: px\nseries: [small]\n"), 3); err != nil {
		t.Fatal(err)
	}
	plain, err := chart.NewRenderer().PNG(comp.Chart, PNGScale)
	if err != nil {
		t.Fatal(err)
	}
	height := func(b []byte) int {
		c, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return c.Height
	}
	found := false
	for _, f := range p.Files {
		if strings.HasSuffix(f.Out, ".png") && !strings.HasSuffix(f.Out, ".narrow.png") {
			found = true
			if h, h0 := height(f.Data), height(plain); h <= h0 {
				t.Errorf("the page's PNG is %d px high, the chart without a footer %d: no footer drawn", h, h0)
			}
		}
	}
	if !found {
		t.Errorf("no PNG among the page's files: %v", outs(p.Files))
	}
}

func outs(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Out)
	}
	return out
}
