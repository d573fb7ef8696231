package figure

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/render"
)

const prices = "date,small,large,label\n2024-01-31,100,100,1\n2024-02-29,102,101,2\n2024-03-29,101,104,3\n2024-04-30,,106,4\n2024-05-31,108,105,5\n2024-12-31,110,111,6\n2025-01-31,112,110,7\n2025-02-28,115,112,8\n"

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"content/posts/a/index.md":   {Data: []byte("---\ntitle: A\ndate: 2025-01-01\n---\n")},
		"content/posts/a/prices.csv": {Data: []byte(prices)},
		"content/posts/b.md":         {Data: []byte("---\ntitle: B\ndate: 2025-01-01\n---\n")},
		"content/data/rates.csv":     {Data: []byte("Date,rate\n2024-01-01,5.33\n2024-02-01,5.33\n2024-03-01,oops\n")},
		"content/data/cpi.csv":       {Data: []byte("Date,cpi,zeroed\n2024-01-01,300,0.0\n2024-02-01,303,1.5\n")},
	}
}

func testSet(t testing.TB, cache Cache) *Set {
	t.Helper()
	cfg := config.Default()
	cfg.Datasets = config.Datasets{
		"px":    {File: "content/posts/a/prices.csv", Source: "Test data", Illustrative: true},
		"cpi":   {File: "content/data/cpi.csv", Missing: []string{"0.0"}},
		"nodes": {File: "content/data/missing.csv"},
	}
	return NewSet(testFS(), cfg, Options{Cache: cache, Render: func(v *render.FigureView) ([]byte, error) {
		return []byte(fmt.Sprintf("<figure id=%q data-csv=%q data-png=%q data-ill=%t>%s%s</figure>", v.ID, v.CSV, v.PNG, v.Illustrative, v.SVG, v.SVGNarrow)), nil
	}})
}

func place(name string) (string, string) { return "out/" + name, "/out/" + name }

func TestChartRenders(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), true, place)
	html, err := p.Chart([]byte("data: prices.csv\ntitle: \"S&P 500 <Small & Mid>\"\nseries:\n  - column: small\n    label: \"Small & <mid>\"\n    transforms: [rebase]\n  - large\n"), 10)
	if err != nil {
		t.Fatal(err)
	}
	svg := string(html)[strings.Index(string(html), "<svg"):strings.LastIndex(string(html), "</figure>")]
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := dec.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			t.Fatalf("SVG is not XML: %v", err)
		}
	}
	if !strings.Contains(svg, "S&amp;P 500 &lt;Small &amp; Mid&gt;") {
		t.Error("title not escaped in the SVG")
	}
	var outs []string
	for _, f := range p.Files {
		outs = append(outs, f.Out)
	}
	if got := strings.Join(outs, " "); got != "out/s-p-500-small-mid.csv out/s-p-500-small-mid.csv-metadata.json out/s-p-500-small-mid.png out/s-p-500-small-mid.narrow.png" || p.FirstPNG != "/out/s-p-500-small-mid.png" {
		t.Fatalf("files %s first %q, want the CSV, its metadata, the PNG and the narrow drawing's PNG (for email)", got, p.FirstPNG)
	}
	wantCSV := "date,Small & <mid>,large\n2024-01-31,100,100\n2024-02-29,102,101\n2024-03-29,101,104\n2024-04-30,,106\n2024-05-31,108,105\n2024-12-31,110,111\n2025-01-31,112,110\n2025-02-28,115,112\n"
	if got := string(p.Files[0].Data); got != wantCSV {
		t.Errorf("CSV:\n%s\nwant\n%s", got, wantCSV)
	}
	for _, f := range p.Files[2:] {
		if !strings.HasPrefix(string(f.Data), "\x89PNG") {
			t.Errorf("%s is no PNG", f.Out)
		}
	}
	if st := s.Stats(); st.Rendered != 1 || st.PNGRendered != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestChartIllustrativeFromDataset(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/b.md", chart.NewRenderer(), false, place)
	html, err := p.Chart([]byte("data: px\nseries: [large]\n"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "data-ill=true") || !strings.Contains(string(html), "Illustrative data") {
		t.Error("a chart of an illustrative dataset must say so, in the view and on the drawing")
	}
}

// TestIllustrativeByPath: a chart or an inline figure that reads the file
// of an illustrative dataset by its path rather than its name still reads
// synthetic data, and says so as the dataset's name would, with the
// dataset's credit line.
func TestIllustrativeByPath(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	html, err := p.Chart([]byte("data: prices.csv\nseries: [large]\n"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "data-ill=true") || !strings.Contains(string(html), "Illustrative data") {
		t.Error("a chart of an illustrative dataset's file, named by its path, must say it is illustrative")
	}
	_, title, err := p.Inline("prices.large | last", 5)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "illustrative") {
		t.Errorf("inline figure of an illustrative dataset's file: title %q does not say illustrative", title)
	}
	comp, err := s.compute(&Spec{Data: "prices.csv", Series: []SeriesSpec{{Column: "large"}}}, "content/posts/a/index.md")
	if err != nil {
		t.Fatal(err)
	}
	if !comp.Illustrative || len(comp.Credits) != 1 || comp.Credits[0] != "Test data" {
		t.Errorf("computed: illustrative %v, credits %q; want true and the dataset's source", comp.Illustrative, comp.Credits)
	}
}

// TestDatasetFileByPath: a chart or an inline figure that names a
// dataset's file by its path reads it as the dataset does, with its
// missing values (cpi's "0.0"): read with the defaults, the placeholder
// was a number, and the prose said the lowest value was 0.
func TestDatasetFileByPath(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/b.md", chart.NewRenderer(), false, place)
	for _, data := range []string{"cpi", "cpi.csv", "content/data/cpi.csv"} {
		if _, err := p.Chart([]byte("data: "+data+"\nid: by-"+strings.ReplaceAll(strings.ReplaceAll(data, "/", "-"), ".", "-")+"\nseries: [zeroed]\n"), 3); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range p.Files {
		if !strings.HasSuffix(f.Out, ".csv") {
			continue
		}
		if got, want := string(f.Data), "date,zeroed\n2024-01-01,\n2024-02-01,1.5\n"; got != want {
			t.Errorf("%s:\n%s\nwant (0.0 is missing in cpi)\n%s", f.Out, got, want)
		}
	}
	for _, expr := range []string{"cpi.zeroed | min", "content/data/cpi.csv[\"zeroed\"] | min", "cpi.zeroed | count", "content/data/cpi.csv[\"zeroed\"] | count"} {
		text, _, err := p.Inline(expr, 7)
		if err != nil {
			t.Fatal(err)
		}
		want := "1.50"
		if strings.HasSuffix(expr, "count") {
			want = "1"
		}
		if text != want {
			t.Errorf("{{ %s }} = %s, want %s", expr, text, want)
		}
	}
}

// TestIllustrativeCannotBeUnset: illustrative: false in a chart of a
// dataset site.yaml marks illustrative would publish synthetic data
// unlabelled; it is an error naming the line.
func TestIllustrativeCannotBeUnset(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/b.md", chart.NewRenderer(), false, place)
	_, err := p.Chart([]byte("data: px\nillustrative: false\nseries: [large]\n"), 3)
	if err == nil || !strings.Contains(err.Error(), "content/posts/b.md:5: chart: illustrative: false") {
		t.Fatalf("err = %v, want an error at the illustrative key", err)
	}
	if _, err := p.Chart([]byte("data: rates\nillustrative: true\nseries: [rate]\n"), 9); err != nil && strings.Contains(err.Error(), "illustrative") {
		t.Errorf("illustrative: true must stay allowed: %v", err)
	}
}

func TestChartCache(t *testing.T) {
	cache := NewMemCache()
	spec := []byte("data: prices.csv\nseries: [small, large]\n")
	first := testSet(t, cache)
	a, err := first.Page("content/posts/a/index.md", chart.NewRenderer(), true, place).Chart(spec, 1)
	if err != nil {
		t.Fatal(err)
	}
	second := testSet(t, cache)
	b, err := second.Page("content/posts/a/index.md", chart.NewRenderer(), true, place).Chart(spec, 1)
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Error("a cached chart differs from the rendered one")
	}
	if st := second.Stats(); st.Rendered != 0 || st.Cached != 1 || st.PNGCached != 2 || st.PNGRendered != 0 { // the wide and the narrow drawing's PNGs
		t.Errorf("second build stats %+v, want all from cache", st)
	}
	// Changing the data file changes the key.
	fsys := testFS()
	fsys["content/posts/a/prices.csv"] = &fstest.MapFile{Data: []byte(strings.Replace(prices, "115", "116", 1))}
	third := NewSet(fsys, first.cfg, first.opts)
	if _, err := third.Page("content/posts/a/index.md", chart.NewRenderer(), false, place).Chart(spec, 1); err != nil {
		t.Fatal(err)
	}
	if st := third.Stats(); st.Rendered != 1 {
		t.Errorf("changed CSV: stats %+v, want the chart rendered again", st)
	}
}

func TestChartErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, spec string
		wants            []string
	}{
		{"unknown key", "content/posts/a/index.md", "data: prices.csv\nseries: [small]\ncolour: red\n", []string{"content/posts/a/index.md:23:", `unknown key "colour"`}},
		{"series key at the top", "content/posts/a/index.md", "data: prices.csv\ncolumn: small\n", []string{"index.md:22:", `unknown key "column": column is a key of each series, so it goes under series:, as in series: [{column: small}]`}},
		{"unknown series key", "content/posts/a/index.md", "data: prices.csv\nseries:\n  - column: small\n    colour: red\n", []string{"index.md:24:", `unknown key "colour"`, `"color"`}},
		{"unknown column", "content/posts/a/index.md", "data: prices.csv\nseries:\n  - column: smal\n", []string{"index.md:23:", `unknown column "smal"`, "columns: small, large, label"}},
		{"unknown transform", "content/posts/a/index.md", "data: prices.csv\nseries:\n  - column: small\n    transforms: [rebsae]\n", []string{"index.md:23:", "rebsae", "rebase"}},
		{"empty range", "content/posts/a/index.md", "data: prices.csv\nrange: 1990..1991\nseries: [small]\n", []string{"index.md:22:", "empty range", "2024-01-31"}},
		{"non-numeric cell", "content/posts/b.md", "data: rates.csv\nseries: [rate]\n", []string{"index.md:", "content/data/rates.csv:4:", "oops"}},
		{"missing file", "content/posts/b.md", "data: nope.csv\nseries: [x]\n", []string{"b.md:20:", `data "nope.csv" not found`, "content/posts/nope.csv", "content/data/nope.csv", "datasets in site.yaml: cpi, nodes, px"}},
		{"misspelt dataset", "content/posts/b.md", "data: nodse\nseries: [x]\n", []string{"b.md:20:", `data "nodse" not found`, `did you mean "nodes"?`, "datasets in site.yaml: cpi, nodes, px"}},
		{"leaves the site", "content/posts/b.md", "data: ../../../etc/passwd\nseries: [x]\n", []string{"b.md:20:", "leaves the site folder"}},
		{"dataset file missing", "content/posts/b.md", "data: nodes\nseries: [x]\n", []string{"b.md:20:", "content/data/missing.csv"}},
		{"no series", "content/posts/b.md", "data: cpi\n", []string{"b.md:20:", "no series"}},
		// Every problem of one chart at once, each at its line: the
		// spec's own, its range's form and its data's.
		{"several", "content/posts/a/index.md", "data: prices.csv\nrange: yesterday\nheight: 5\nseries: [smal]\n", []string{"index.md:22: chart: range:", "unknown range \"yesterday\"", "index.md:23: chart: height 5", "index.md:24: chart:", `unknown column "smal"`}},
		{"no series, bad range", "content/posts/b.md", "data: cpi\nrange: 2030..2020\nseries: []\n", []string{"b.md:23: chart: no series", "b.md:22: chart: range:", "ends before it starts"}},
		{"bad type", "content/posts/b.md", "data: cpi\ntype: pie\nseries: [cpi]\n", []string{"b.md:22:", `unknown type "pie"`}},
		{"bad colour", "content/posts/b.md", "data: cpi\nseries:\n  - column: cpi\n    color: red\n", []string{"b.md:23:", "#rrggbb"}},
		{"bad yaml", "content/posts/b.md", "data: [cpi\n", []string{"b.md:"}},
		{"empty", "content/posts/b.md", "\n", []string{"b.md:20:", "empty spec"}},
		{"log of negative", "content/posts/a/index.md", "data: prices.csv\ny: {log: true}\nseries:\n  - column: small\n    transforms: [drawdown]\n", []string{"index.md:20:", "log"}},
		{"mark outside", "content/posts/a/index.md", "data: prices.csv\nseries: [small]\nannotations:\n  - date: 1990-01-01\n    label: x\n", []string{"index.md:20:"}},
		// doc.go: log scales are on the left axis; y2's log drew a linear axis.
		{"log right axis", "content/posts/a/index.md", "data: prices.csv\ny2: {log: true}\nseries:\n  - column: small\n    axis: right\n", []string{"index.md:22:", "y2: log scales are drawn on the left axis only"}},
		{"too many series", "content/posts/a/index.md", "data: prices.csv\nseries: [" + strings.Repeat("small, ", 50) + "large]\n", []string{"index.md:22:", "51 series, more than the 50 a chart may draw", "split them across charts"}},
		{"annotation both", "content/posts/a/index.md", "data: prices.csv\nseries: [small]\nannotations:\n  - date: 2024-03-01\n    y: 1\n", []string{"index.md:24:", "both"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testSet(t, nil).Page(tc.file, chart.NewRenderer(), false, place)
			_, err := p.Chart([]byte(tc.spec), 20)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.wants {
				if tc.file == "content/posts/b.md" && strings.HasPrefix(w, "index.md") {
					continue
				}
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestChartErrorsWithUnknownKeys: a spec with an unknown key still has
// its other problems reported with it, each at its line, but for a key
// left out (no series:), which the misspelt key may be.
func TestChartErrorsWithUnknownKeys(t *testing.T) {
	p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	_, err := p.Chart([]byte("data: prices.csv\ntype: lines\nserie: [small]\ny: {format: precent}\n"), 20)
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		`content/posts/a/index.md:23: chart: unknown key "serie" (did you mean "series"?)`,
		`content/posts/a/index.md:22: chart: unknown type "lines" (types: line, area, bar, scatter, stacked-area, stacked-bar, histogram, heatmap)`,
		`content/posts/a/index.md:24: chart: y: format "precent" must be number, percent or currency`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestInline(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	checkInline(t, p, []inlineCase{
		{"prices.small", "115"},
		{"prices.small | last", "115"},
		{"prices.small | mean", "106.86"},
		{"prices.small | first | number:0", "100"},
		{"prices.small | pct_change", "15.0%"},
		{"prices.small | pct_change | percent:+2", "+15.00%"},
		{"prices.large | range:2024..2024 | pct_change | percent:1", "11.0%"},
		{"prices.small | ytd", "4.5%"},
		{"prices.small | max_date | date:iso", "2025-02-28"},
		{"prices.small | last_date", "28 February 2025"}, // daily: 29 March 2024 ends no month
		{"prices.small | min_date | date:\"Jan 2006\"", "Jan 2024"},
		{"prices.small | count", "7"},
		{"prices.small | count | number:0", "7"},
		{"prices[\"small\"] | rebase | last | number:1", "115.0"},
		{"prices.small | drawdown | min", "−1.0%"},
		{"prices.small | drawdown | min | percent:2", "−0.98%"},
		{"px.large | change | currency:2", "$12.00"},
		{"cpi.zeroed | first | number:1", "1.5"},
		{"prices.small | scale(-1) | last | number:0", "−115"},
		{"prices.small | scale(1000) | last | number:0", "115,000"},
		{"prices.small | scale(0.01) | last | times:2", "1.15×"},
	})
}

// TestInlineTitle: an inline figure's title names the data it was
// computed from and its dates: through the last, and from the first when
// the expression takes a range (a change or growth rate says nothing
// without its start).
func TestInlineTitle(t *testing.T) {
	s := testSet(t, nil)
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	for expr, want := range map[string]string{
		"prices.small | last":                          ", column small, data through 28 February 2025",
		"prices.large | range:2024..2024 | pct_change": ", column large, data from 31 January 2024 through 31 December 2024",
		"prices.large | range:2025-02..2025-02 | last": ", column large, data through 28 February 2025",
	} {
		_, title, err := p.Inline(expr, 5)
		if err != nil {
			t.Fatalf("{{ %s }}: %v", expr, err)
		}
		if !strings.HasPrefix(title, "Computed from ") || !strings.Contains(title, want+" (illustrative data)") {
			t.Errorf("{{ %s }}: title %q, want it to hold %q", expr, title, want)
		}
	}
}

// TestFormatValueRoundsAsWritten: an inline figure rounds the decimal
// the data wrote half away from zero, as a reader checking the CSV by hand
// does, and shows no digits a float64 does not hold.
func TestFormatValueRoundsAsWritten(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		kind   string
		d      int
		signed bool
		want   string
	}{
		{2.675, "number", 2, false, "2.68"},             // strconv: 2.67
		{1.005, "number", 2, false, "1.01"},             // strconv: 1.00
		{12345.675, "currency", 2, false, "$12,345.68"}, // strconv: $12,345.67
		{-0.25, "percent", 1, true, "−0.3%"},            // strconv: −0.2%
		{0.125, "percent", 2, true, "+0.13%"},           // strconv: +0.12%
		{-0.004, "number", 2, false, "0.00"},
		{98765432109876543210, "number", 0, false, "98,765,432,109,876,540,000"},
	} {
		if got := formatValue(tc.v, tc.kind, "", tc.d, tc.signed); got != tc.want {
			t.Errorf("formatValue(%v, %s, %d) = %q, want %q", tc.v, tc.kind, tc.d, got, tc.want)
		}
	}
}

// TestParseExprNamesAnyCase: a step's name may use capitals and - for _,
// as each parser reads it, so the check for typos lets it by.
func TestParseExprNamesAnyCase(t *testing.T) {
	for _, expr := range []string{"prices.small | Rolling-Mean(3) | Last | number:1", "prices.small | range:2020.. | Last-Date | date:month"} {
		if _, err := ParseExpr(expr); err != nil {
			t.Errorf("ParseExpr(%q): %v", expr, err)
		}
	}
}

func TestInlineErrors(t *testing.T) {
	p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	for _, tc := range []struct{ expr, want string }{
		{"prices", "must name a dataset and a column"},
		{"nope.x", `data "nope" not found`},
		{"prices.smal", `unknown column "smal"`},
		{"prices.small | frobnicate", "frobnicate"},
		{"prices.small | cagr | last", "must be the last step"},
		// A typo is named as such, with the name meant, whatever the
		// steps around it.
		{"prices.small | last | numbr:2", `unknown step "numbr:2": no transform, statistic or format has this name; did you mean number?`},
		{"prices.small | lsat", `unknown step "lsat": no transform, statistic or format has this name; did you mean last?`},
		{"prices.small | last | Number:1", `unknown step "Number:1": no transform, statistic or format has this name; did you mean number?`},
		{"prices.small | rebsae(1) | last", `did you mean rebase?`},
		// A transform's arguments after a colon, and a format's in
		// brackets, each as the other is written, were told a name may
		// hold only letters, and that the statistic before the format
		// must come last, which it did.
		{"prices.small | rolling_mean:3 | last", `transform "rolling_mean:3" takes its arguments in brackets, not after a colon: write rolling_mean(3) (a colon follows range and the formats, as in percent:1)`},
		{"prices.small | last | percent(2)", `format "percent(2)" takes its argument after a colon, not in brackets: write percent:2`},
		{"prices.small | last_date | percent", "gives a date"},
		{"prices.small | date", "date format needs a date statistic"},
		{"prices.small | percent:9", "decimals must be 0 to 6"},
		{"prices.small | range:1990..1991 | last", "empty range"},
		{"rates.rate", "content/data/rates.csv:4:"},
		{"< youtube ZJthWmvUzzc >", "{{< youtube ZJthWmvUzzc >}} is a Hugo shortcode, which tearsheet does not have"},
		{"% notice info %", "{{% notice info %}} is a Hugo shortcode"},
		{`< ref "posts/rates.md" >`, `{{< ref "posts/rates.md" >}} is a Hugo shortcode, which tearsheet does not have: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; write the address of the page it links (posts/rates.md) as a path that starts with /: an article's is site.yaml's permalink with its slug, a page's its place under content/ (content/about.md is /about/); tearsheet puts the base URL before it, and tearsheet check reports a path that leads nowhere, or put the braces in ` + "`code`" + ` to show them`},
		{`< relref "about" >`, "write the address of the page it links (about) as a path that starts with /"},
		{`< figure src="curve.png" title="The curve" >`, "write the image in markdown, ![what it shows](curve.png), with its caption as a paragraph below it"},
		{`< highlight go "linenos=table" >`, "write a fenced code block: ```go on the line of {{<highlight>}}"},
		{"< /highlight >", "write ``` in its place, the end of the fenced code block"},
		{"if or .Page.Params.math .Site.Params.math", "{{ if or .Page.Params.math .Site.Params.math }} is Go template code"},
		{"end", "{{ end }} is Go template code"},
		{".Title", "{{ .Title }} is Go template code"},
		{"- .Title -", "is Go template code"},
		{"range.small", `data "range" not found`}, // a data name, not the keyword
	} {
		_, _, err := p.Inline(tc.expr, 5)
		if err == nil || !strings.Contains(err.Error(), "content/posts/a/index.md:5: figure") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("{{ %s }}: got %v, want %q", tc.expr, err, tc.want)
		}
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{
		"data: prices.csv\nseries: [small]\n",
		"data: prices.csv\nrange: 2024..\ny: {format: percent, decimals: 1, log: true}\nseries:\n  - column: small\n    transforms: [rebase, \"ratio(large, 100)\"]\nannotations:\n  - date: 2024-03-01\n    label: x\n  - y: 1\n",
		"data: prices.csv\nseries: [small]\nbands:\n  - from: 2024-02\n    to: 2024-05\n    label: a\n  - column: large\n",
		"data: prices.csv\ntype: stacked-bar\ntotal: Sum\nseries: [small, large]\n",
		"data: prices.csv\ntype: histogram\nbins: 3\nlatest: true\npercentiles: [50, 95]\nseries: [large]\n",
		"data: prices.csv\ntype: heatmap\nmatrix: correlation\nseries: [large, small]\n",
		"data: prices.csv\ntype: heatmap\nmatrix: year-month\nseries:\n  - column: large\n    transforms: [pct_change]\n",
		"data: prices.csv\nseries: [small, large]\npanels: series\n",
		"data: prices.csv\ntype: area\nseries: [small]\npanels:\n  by: period\n  x: Months since the low\n  y: independent\n  periods:\n    - {from: 2024-02, to: 2024-05, label: a}\n    - column: large\n",
		"series:\n  - [a]\n",
		"data: &a x\nseries: *a\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
		html, err := p.Chart([]byte(spec), 1)
		if err == nil && !strings.Contains(string(html), "<svg") {
			t.Errorf("no error and no SVG for %q", spec)
		}
	})
}

func FuzzInline(f *testing.F) {
	for _, s := range []string{"prices.small | cagr | percent:1", "prices[\"small\"] | range:2024.. | rebase | last", "a.b | | c", "x[\"", "prices.small | max_date | date:\"2006\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
		_, _, _ = p.Inline(expr, 1)
	})
}

// TestInlineReads checks that every page using an inline figure records the
// data file it reads, also when the value came from the Set's memo (the
// preview server converts a page again only when a file it read changed).
func TestInlineReads(t *testing.T) {
	s := testSet(t, nil)
	a := s.Page("content/posts/b.md", chart.NewRenderer(), false, place)
	b := s.Page("content/posts/c.md", chart.NewRenderer(), false, place)
	for _, p := range []*Page{a, b} {
		if _, _, err := p.Inline("cpi.cpi | last", 3); err != nil {
			t.Fatal(err)
		}
		if got := p.Uses(); len(got) != 1 || got[0] != (Use{"cpi", "content/data/cpi.csv"}) {
			t.Errorf("uses %q, want cpi from content/data/cpi.csv", got)
		}
	}
}

// TestChartViewCache checks that with a RenderKey the cache keeps the
// figure HTML: an unchanged view is not rendered again and gives the same
// bytes, and another key, page or theme renders again.
func TestChartViewCache(t *testing.T) {
	cache := NewMemCache()
	spec := []byte("data: px\ntitle: Prices\nseries: [small, large]\n")
	renders := 0
	set := func(key string) *Set {
		s := testSet(t, cache)
		base := s.opts.Render
		s.opts.RenderKey = key
		s.opts.Render = func(v *render.FigureView) ([]byte, error) {
			renders++
			if v.Table == nil || len(v.Table.Rows) != 8 {
				t.Errorf("rendered without the data table: %+v", v.Table)
			}
			b, err := base(v)
			return append(b, fmt.Sprintf("<!-- %s feed=%t -->", key, v.Feed)...), err
		}
		return s
	}
	chartOf := func(s *Set, file string, png bool) (*Page, []byte) {
		t.Helper()
		p := s.Page(file, chart.NewRenderer(), png, func(name string) (string, string) {
			return path.Dir(file) + "/" + name, "/" + path.Dir(file) + "/" + name
		})
		html, err := p.Chart(spec, 1)
		if err != nil {
			t.Fatal(err)
		}
		return p, html
	}
	_, cold := chartOf(set("theme-1"), "content/posts/a/index.md", true)
	if renders != 2 {
		t.Fatalf("%d renders for a page with a PNG, want 2 (page and feed)", renders)
	}
	if !strings.Contains(string(cold), `class="ts-chart ts-chart--wide"`) || !strings.Contains(string(cold), `class="ts-chart ts-chart--narrow"`) {
		t.Error("the figure lacks one of the two drawings")
	}
	renders = 0
	p, warm := chartOf(set("theme-1"), "content/posts/a/index.md", true)
	if renders != 0 || string(warm) != string(cold) {
		t.Errorf("warm: %d renders, same HTML %t", renders, string(warm) == string(cold))
	}
	if len(p.Feeds) != 1 || !strings.Contains(string(p.Feeds[0]), "feed=true") {
		t.Error("the feed's figure is not kept")
	}
	// The same chart on another page without a PNG, then the first page
	// again: both views are kept.
	chartOf(set("theme-1"), "content/posts/b.md", false)
	renders = 0
	if _, again := chartOf(set("theme-1"), "content/posts/a/index.md", true); renders != 0 || string(again) != string(cold) {
		t.Errorf("first page again: %d renders", renders)
	}
	// Another theme renders again, with the data table read from the cache.
	_, other := chartOf(set("theme-2"), "content/posts/a/index.md", true)
	if renders != 2 || !strings.Contains(string(other), "theme-2") {
		t.Errorf("new theme: %d renders, %q", renders, other[len(other)-30:])
	}
	// Without a key every figure is rendered.
	renders = 0
	chartOf(set(""), "content/posts/a/index.md", false)
	chartOf(set(""), "content/posts/a/index.md", false)
	if renders != 2 {
		t.Errorf("no key: %d renders, want 2", renders)
	}
}

func TestEntryCodec(t *testing.T) {
	e := &entry{SVG: []byte("<svg>x</svg>"), Narrow: []byte("<svg>narrow</svg>"), CSV: []byte("date,a\n2024-01-01,1\n"), Description: "Line chart", Through: period.Date{Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Precision: period.Month},
		Credits: []string{"A", "B"}, Illustrative: true, table: appendTable(nil, &render.TableView{Head: []string{"Date", "a"}, Rows: [][]string{{"2024-01-01", "1"}}, Note: "n"})}
	e.add("k1", []byte("<figure><svg>x</svg><svg>narrow</svg><table></table></figure>"), nil)
	e.add("k2", []byte("<figure><svg>narrow</svg><p></p><svg>x</svg></figure>"), []byte("<figure><img></figure>"))
	// Each view holds the drawings once, in the entry, not in its HTML.
	for _, v := range e.views {
		if bytes.Contains(v.page.html, e.SVG) || bytes.Contains(v.page.html, e.Narrow) || len(v.page.holes) != 2 {
			t.Errorf("view %s keeps a drawing: %q, holes %v", v.key, v.page.html, v.page.holes)
		}
	}
	b, err := e.encode()
	if err != nil {
		t.Fatal(err)
	}
	d, ok := decode(b)
	if !ok {
		t.Fatal("decode failed")
	}
	if string(d.SVG) != string(e.SVG) || string(d.Narrow) != string(e.Narrow) || string(d.CSV) != string(e.CSV) || d.Description != e.Description || !d.Through.Equal(e.Through.Time) || d.Through.Precision != e.Through.Precision ||
		strings.Join(d.Credits, "|") != "A|B" || !d.Illustrative {
		t.Errorf("decoded %+v", d)
	}
	if tab, ok := readTable(d.table); !ok || tab.Rows[0][1] != "1" || tab.Note != "n" {
		t.Errorf("table %+v", tab)
	}
	if page, _, ok := d.find("k1", false); !ok || string(page) != "<figure><svg>x</svg><svg>narrow</svg><table></table></figure>" {
		t.Errorf("view k1: %q %t", page, ok)
	}
	if page, feed, ok := d.find("k2", true); !ok || string(page) != "<figure><svg>narrow</svg><p></p><svg>x</svg></figure>" || string(feed) != "<figure><img></figure>" {
		t.Errorf("view k2: %q %q %t", page, feed, ok)
	}
	if _, _, ok := d.find("k2", false); ok {
		t.Error("a view with a feed found for a page without one")
	}
	// Damaged entries are not entries.
	for i := range len(b) {
		if _, ok := decode(b[:i]); ok {
			t.Fatalf("decoded %d of %d bytes", i, len(b))
		}
	}
	if _, ok := decode(append(b, 0)); ok {
		t.Error("decoded trailing bytes")
	}
}

// inlineCase is an inline figure's expression and the text it must give.
type inlineCase struct{ expr, want string }

// checkInline checks that each expression of cases gives its text on p.
func checkInline(t *testing.T, p *Page, cases []inlineCase) {
	t.Helper()
	for _, tc := range cases {
		got, _, err := p.Inline(tc.expr, 5)
		if err != nil {
			t.Errorf("{{ %s }}: %v", tc.expr, err)
			continue
		}
		if got != tc.want {
			t.Errorf("{{ %s }} = %q, want %q", tc.expr, got, tc.want)
		}
	}
}
