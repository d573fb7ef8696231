package figure

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/render"
)

// rec is a 0/1 column with runs of 1s at the start, in the middle and at
// the end, and a gap.
const rec = "date,rec,bad\n2024-01-31,1,0\n2024-02-29,0,0\n2024-03-29,1,0\n2024-04-30,1,2\n2024-05-31,,0\n2024-12-31,0,0\n2025-01-31,0,0\n2025-02-28,1,0\n"

func bandSet(t *testing.T) (*Set, *[]*render.FigureView) {
	t.Helper()
	return viewSet(t, map[string]string{"content/posts/a/rec.csv": rec})
}

// viewSet is a Set over testFS and the extra files, which keeps the
// views it renders.
func viewSet(t *testing.T, extra map[string]string) (*Set, *[]*render.FigureView) {
	t.Helper()
	fsys := testFS()
	for name, data := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	var views []*render.FigureView
	s := NewSet(fsys, config.Default(), Options{Render: func(v *render.FigureView) ([]byte, error) {
		views = append(views, v)
		return []byte(fmt.Sprintf("<figure>%s%s</figure>", v.SVG, v.SVGNarrow)), nil
	}})
	return s, &views
}

// TestChartBands computes bands from a 0/1 column and from dates, and
// checks them against runs found by hand in rec, in the chart, the
// description, the CSV and the data table.
func TestChartBands(t *testing.T) {
	s, views := bandSet(t)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	spec := "data: prices.csv\nseries: [small]\nbands:\n  - column: rec\n    data: rec.csv\n    label: Recession\n  - from: 2024-06\n    to: 2024-09-15\n    label: \"Summer & <fall>\"\n"
	if _, err := p.Chart([]byte(spec), 20); err != nil {
		t.Fatal(err)
	}
	comp, err := s.compute(mustSpec(t, spec), "content/posts/a/index.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range comp.Chart.Bands {
		got = append(got, fmt.Sprintf("%s..%s %s", b.From.Format("2006-01-02"), b.To.Format("2006-01-02"), b.Label))
	}
	// Runs: Jan (ends at the next date, Feb 29), Mar–Apr (ends at the gap
	// of May 31), Feb 28 2025 (the last date: ends there).
	want := "2024-01-31..2024-02-29 Recession|2024-03-29..2024-05-31 Recession|2025-02-28..2025-02-28 Recession|2024-06-01..2024-09-15 Summer & <fall>"
	if strings.Join(got, "|") != want {
		t.Errorf("bands\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	csv := string(p.Files[0].Data)
	for _, line := range []string{"date,small,shaded\n", "2024-01-31,100,Recession\n", "2024-04-30,,Recession\n", "2024-12-31,110,\n", "2025-02-28,115,Recession\n"} {
		if !strings.Contains(csv, line) {
			t.Errorf("CSV lacks %q:\n%s", line, csv)
		}
	}
	v := (*views)[0]
	if h := strings.Join(v.Table.Head, ","); h != "Date,small,Shaded" {
		t.Errorf("table head %q", h)
	}
	if !strings.Contains(v.Description, "4 shaded periods: Recession, 31 January 2024 to 29 February 2024;") ||
		!strings.Contains(v.Description, "Summer & <fall>, 1 June 2024 to 15 September 2024.") {
		t.Errorf("description %q", v.Description)
	}
	if !strings.Contains(string(v.SVG), "Summer &amp; &lt;fall&gt;") {
		t.Errorf("band label not escaped in the SVG legend")
	}
}

func mustSpec(t *testing.T, spec string) *Spec {
	t.Helper()
	sp, err := ParseSpec([]byte(spec), "content/posts/a/index.md", 20)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

func TestChartBandErrors(t *testing.T) {
	for _, tc := range []struct {
		name, spec string
		wants      []string
	}{
		{"both", "data: prices.csv\nseries: [small]\nbands:\n  - column: rec\n    from: 2024\n", []string{"index.md:24:", "both column and from/to"}},
		{"no to", "data: prices.csv\nseries: [small]\nbands:\n  - from: 2024-02\n", []string{"index.md:24:", "needs from: and to:"}},
		{"bad date", "data: prices.csv\nseries: [small]\nbands:\n  - from: 2024-02\n    to: soon\n", []string{"index.md:24:", `"soon" is not a date`}},
		{"backwards", "data: prices.csv\nseries: [small]\nbands:\n  - from: 2024-05\n    to: 2024-02\n", []string{"index.md:24:", "before it starts"}},
		{"outside", "data: prices.csv\nseries: [small]\nbands:\n  - from: 1990\n    to: 1991\n", []string{"index.md:24:", "outside the dates of the series (2024-01-31 to 2025-02-28)"}},
		{"unknown column", "data: prices.csv\nseries: [small]\nbands:\n  - column: recc\n    data: rec.csv\n", []string{"index.md:24:", `unknown column "recc"`, "rec, bad"}},
		{"not 0/1", "data: prices.csv\nseries: [small]\nbands:\n  - column: bad\n    data: rec.csv\n", []string{"index.md:24:", "holds 2 on 2024-04-30", "only 0 and 1"}},
		{"unknown key", "data: prices.csv\nseries: [small]\nbands:\n  - form: 2024\n", []string{"index.md:24:", `unknown key "form"`, `"from"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := bandSet(t)
			_, err := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart([]byte(tc.spec), 20)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestChartBandDataError: a band's data file that does not load is its
// data.ParseErrors, wrapped, so that a build reports the file once, one
// error a bad line, however many charts read it.
func TestChartBandDataError(t *testing.T) {
	s, _ := viewSet(t, map[string]string{"content/posts/a/rec.csv": "date,rec\n2024-01-31,x\n2024-02-29,1\n2024-03-31,y\n"})
	_, err := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart([]byte("data: prices.csv\nseries: [small]\nbands:\n  - column: rec\n    data: rec.csv\n"), 20)
	var pes *data.ParseErrors
	if !errors.As(err, &pes) || len(pes.Errs) != 2 || pes.Errs[0].Line != 2 || pes.Errs[1].Line != 4 {
		t.Fatalf("error %v does not wrap rec.csv's two problems, lines 2 and 4", err)
	}
	if !strings.HasPrefix(err.Error(), "content/posts/a/index.md:24: chart: content/posts/a/rec.csv:2: ") {
		t.Errorf("error %q does not start at the band's line, then the file's", err)
	}
}

// TestBandsOfOtherData: shading read from another dataset (a 0/1 column
// of data: beside the chart's own) is drawn from that data, so the chart
// carries its source line, its illustrative label when it is synthetic,
// and a link to its page in the data catalogue, as a series of it would:
// a chart of market data shaded by a synthetic flag was published
// unlabelled, uncredited and missing from the flag's catalogue page.
func TestBandsOfOtherData(t *testing.T) {
	fsys := testFS()
	fsys["content/data/flags.csv"] = &fstest.MapFile{Data: []byte("date,flag\n2024-01-31,0\n2024-02-29,1\n2024-03-29,1\n2024-04-30,0\n")}
	cfg := config.Default()
	cfg.Datasets = config.Datasets{
		"real":  {File: "content/posts/a/prices.csv", Source: "Exchange"},
		"flags": {File: "content/data/flags.csv", Source: "Made-up flags", Illustrative: true},
	}
	for _, tc := range []struct{ name, spec string }{
		{"bands", "data: real\nseries: [small]\nbands:\n  - column: flag\n    data: flags\n    label: Flagged\n"},
		{"periods", "data: real\nseries: [small]\npanels:\n  periods:\n    - column: flag\n      data: flags\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var views []*render.FigureView
			s := NewSet(fsys, cfg, Options{Render: func(v *render.FigureView) ([]byte, error) {
				views = append(views, v)
				return []byte("<figure></figure>"), nil
			}})
			if _, err := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart([]byte(tc.spec), 20); err != nil {
				t.Fatal(err)
			}
			v := views[0]
			var texts []string
			dec := xml.NewDecoder(strings.NewReader(string(v.SVG)))
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("SVG is not XML: %v", err)
				}
				if cd, ok := tok.(xml.CharData); ok {
					texts = append(texts, string(cd))
				}
			}
			if !v.Illustrative || !slices.Contains(texts, "Illustrative data") {
				t.Errorf("illustrative %v, SVG texts %q: a chart shaded from synthetic data must say so on the page and in the drawing", v.Illustrative, texts)
			}
			if got := strings.Join(v.Credits, "; "); got != "Exchange; Made-up flags" {
				t.Errorf("source line %q, want both datasets' credits", got)
			}
			var links []string
			for _, l := range v.Datasets {
				links = append(links, l.Name+" "+l.URL)
			}
			if got := strings.Join(links, ", "); got != "flags /data/flags/, real /data/real/" {
				t.Errorf("data links %q, want the catalogue pages of both datasets", got)
			}
		})
	}
}
