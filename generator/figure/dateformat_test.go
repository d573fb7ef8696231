package figure

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/render"
)

// dayFirst is a CSV whose dates read both ways (3 February or 2 March).
const dayFirst = "Date,close\n03/02/2024,10\n04/02/2024,11\n05/02/2024,12\n"

// TestInlineDateFormatHint follows the error an inline figure gives for
// dates that read both ways. It told the author to set dateFormat "in the
// chart or in the dataset of site.yaml"; a figure has no chart, and a
// chart block's dateFormat, which makes the chart build, leaves the figure
// failing with the same words. The error names the dataset in site.yaml,
// and a dataset naming the file with dateFormat makes the figure read it.
func TestInlineDateFormatHint(t *testing.T) {
	fsys := testFS()
	fsys["content/data/dm.csv"] = &fstest.MapFile{Data: []byte(dayFirst)}
	opts := Options{Render: func(v *render.FigureView) ([]byte, error) { return []byte("<figure></figure>"), nil }}
	s := NewSet(fsys, config.Default(), opts)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: dm.csv\ndateFormat: \"02/01/2006\"\nseries: [close]\n"), 10); err != nil {
		t.Fatalf("chart with dateFormat: %v", err)
	}
	_, _, err := p.Inline("dm.close | last_date | date:iso", 20)
	if err == nil {
		t.Fatal("figure read dates that read both ways without an error")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "content/posts/a/index.md:20: figure {{ dm.close | last_date | date:iso }}: content/data/dm.csv:2: ") ||
		strings.Contains(msg, "in the chart") || !strings.Contains(msg, "on the file's dataset in site.yaml (datasets: NAME: {file, dateFormat})") {
		t.Errorf("error %q: want it at the figure's line, telling to set dateFormat on the file's dataset in site.yaml, not in a chart", msg)
	}

	// Doing what it says.
	cfg := config.Default()
	cfg.Datasets = config.Datasets{"quotes": {File: "content/data/dm.csv", DateFormat: "02/01/2006"}}
	s = NewSet(fsys, cfg, opts)
	p = s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	for _, expr := range []string{"dm.close | last_date | date:iso", "quotes.close | last_date | date:iso"} {
		text, _, err := p.Inline(expr, 20)
		if err != nil || text != "2024-02-05" {
			t.Errorf("{{ %s }} with the dataset's dateFormat: %q, %v; want 2024-02-05", expr, text, err)
		}
	}
}
