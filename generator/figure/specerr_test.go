package figure

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// TestParseSpecShapes: a part of a chart spec that must be a mapping (a
// series, an annotation) but is a list or text is an error in the
// author's words at its line, never naming a Go type; an alias of a
// mapping is that mapping.
func TestParseSpecShapes(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"data: d\nseries: [[a, b]]\n", "a.md:12: chart: found a list, but a mapping of axis, color, column, data, label, ticker, transforms is expected here"},
		{"data: d\nseries: [a]\nannotations:\n  - hello\n", `a.md:14: chart: "hello" is text, but a mapping of axis, date, label, y is expected here`},
		{"data: d\nseries:\n  - &s {column: a, label: A}\n  - *s\n", ""},
	} {
		sp, err := ParseSpec([]byte(tc.spec), "a.md", 10)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.spec, err)
		case tc.want == "" && (len(sp.Series) != 2 || sp.Series[1].Label != "A"):
			t.Errorf("%q: series %+v", tc.spec, sp.Series)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("%q: got %v\nwant %s", tc.spec, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "figure.") {
			t.Errorf("%q: a Go type's name in %v", tc.spec, err)
		}
	}
}

// TestChartDateFormat: a chart's strftime dateFormat is one error at its
// line, saying the layout to write, not an error at each line of the CSV
// ("cannot parse date … with the date format "%Y"", twenty listed).
func TestChartDateFormat(t *testing.T) {
	p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	_, err := p.Chart([]byte("data: prices.csv\ndateFormat: \"%Y-%m-%d\"\nseries: [small]\n"), 10)
	want := `content/posts/a/index.md:12: chart: dateFormat: date format "%Y-%m-%d" is a strftime pattern, but tearsheet's are written as the date 2 January 2006 would be: write "2006-01-02"`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestChartSeriesNotDecoded: a series whose value is of the wrong type is
// one error at that value's line; it was also "no series: add series:",
// at the series: the author had written, listed first. A chart that
// writes no series, or an empty list, still gets that error.
func TestChartSeriesNotDecoded(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"data: prices.csv\nseries:\n  - column: small\n    label: [x]\n", "content/posts/a/index.md:14: chart: found a list, but text is expected here"},
		{"data: prices.csv\nseries: [{column: small, transforms: [{rolling_mean: 12}]}]\n", "content/posts/a/index.md:12: chart: found a mapping, but text is expected here"},
		{"data: prices.csv\nseries: []\n", `content/posts/a/index.md:12: chart: no series: add series: with at least one column, such as series: [{column: SP500, label: "S&P 500"}]`},
	} {
		p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
		_, err := p.Chart([]byte(tc.spec), 10)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: got %v\nwant %s", tc.spec, err, tc.want)
		}
	}
}

// TestParseSpecTransformAsMapping: a transform written as YAML would
// write a key and its value (- rolling_mean: 12) is told how a transform
// is written, rather than only that text was expected.
func TestParseSpecTransformAsMapping(t *testing.T) {
	const want = ": chart: a transform is text, a name with its numbers in brackets: write - rolling_mean(12), not - rolling_mean: 12 (transforms: rebase, pct_change(12), rolling_mean(50), ratio(column), drawdown, …)"
	for _, tc := range []struct {
		spec string
		line int
	}{
		{"data: d\nseries:\n  - column: a\n    transforms:\n      - rolling_mean: 12\n", 15},
		{"data: d\ntransforms: [{rolling_mean: 12}]\nseries: [a]\n", 12},
	} {
		_, err := ParseSpec([]byte(tc.spec), "a.md", 10)
		if w := fmt.Sprintf("a.md:%d%s", tc.line, want); err == nil || err.Error() != w {
			t.Errorf("%q: got %v\nwant %s", tc.spec, err, w)
		}
	}
}

// TestChartTextNotComputed: a {{ in a chart's title, caption or labels is
// an error at its line, with the chart's other problems. A chart's texts
// are not computed, and the braces were published as written, in the
// chart, its description, its PNG and the feeds: a figure that looked
// computed from the data and checked on every build, but was neither.
func TestChartTextNotComputed(t *testing.T) {
	const rest = " holds {{, which a chart does not compute, so the braces would be published as written: write the number itself, or put the figure in the article's text, where {{ }} makes a figure from the data"
	spec := "data: prices.csv\ntitle: \"Small caps at {{ prices.csv.small | last }}\"\ncaption: \"Up {{ prices.csv.small | pct_change | percent:1 }}\"\nseries:\n  - column: small\n    label: \"Small ({{ x }})\"\n  - column: nope\nannotations:\n  - date: 2024-02-01\n    label: \"{{ y }}\"\n"
	p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	_, err := p.Chart([]byte(spec), 10)
	if err == nil {
		t.Fatal("a chart whose texts hold {{ was drawn")
	}
	got := err.Error()
	for _, want := range []string{
		"content/posts/a/index.md:12: chart: title" + rest,
		"content/posts/a/index.md:13: chart: caption" + rest,
		"content/posts/a/index.md:16: chart: series.0.label" + rest,
		"content/posts/a/index.md:20: chart: annotations.0.label" + rest,
		`content/posts/a/index.md:17: chart: content/posts/a/prices.csv: unknown column "nope"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	p = testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	if _, err := p.Chart([]byte("data: prices.csv\ntitle: \"Small caps {since 2015}\"\nseries: [small]\n"), 10); err != nil {
		t.Errorf("a title with single braces: %v", err)
	}
}
