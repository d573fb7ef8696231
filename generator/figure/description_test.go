package figure

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// svgDesc returns the text of the <desc> of an SVG document, which it
// parses as XML.
func svgDesc(t *testing.T, svg string) string {
	t.Helper()
	var doc struct {
		Desc string `xml:"desc"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Fatalf("SVG is not XML: %v", err)
	}
	return doc.Desc
}

// TestChartDescription checks that a chart block's description is the
// text screen readers get: the <desc> of both drawings, not only the
// summary above the data table, which table: false leaves out, so that
// the author's words reached no reader at all. A chart without one keeps
// the generated description.
func TestChartDescription(t *testing.T) {
	s, views := bandSet(t)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	const want = "Small caps & large caps rose together, then <parted> in 2025."
	if _, err := p.Chart([]byte("data: prices.csv\ntitle: Sizes\ndescription: \""+want+"\"\ntable: false\nseries: [small, large]\n"), 20); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Chart([]byte("data: prices.csv\ntitle: Generated\nseries: [small]\n"), 30); err != nil {
		t.Fatal(err)
	}
	v := (*views)[0]
	if v.Description != want {
		t.Errorf("view description %q, want %q", v.Description, want)
	}
	for name, svg := range map[string]string{"wide": string(v.SVG), "narrow": string(v.SVGNarrow)} {
		if got := svgDesc(t, svg); got != want {
			t.Errorf("%s drawing's <desc> %q, want the chart's description %q", name, got, want)
		}
	}
	g := (*views)[1]
	if got := svgDesc(t, string(g.SVG)); !strings.HasPrefix(got, "Line chart from 31 January 2024") || got != g.Description {
		t.Errorf("generated <desc> %q, view description %q", got, g.Description)
	}
}
