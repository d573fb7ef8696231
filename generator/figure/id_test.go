package figure

import (
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

func TestSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Small versus large since 2015", "small-versus-large-since-2015"},
		{"  S&P 500: the  long view! ", "s-p-500-the-long-view"},
		{"2024 in one chart", "chart-2024-in-one-chart"},
		{"Écarts de taux", "ecarts-de-taux"},
		{"Ça coûte — déjà", "ca-coute-deja"},
		{"Leitzins und Rendite — Österreich", "leitzins-und-rendite-osterreich"},
		{"Cafe\u0301s au lait", "cafes-au-lait"}, // é as e and a combining accent
		{"", "chart"},
		{"日本株", "chart"},
		{"a very long title that goes on and on well past the limit of ids", "a-very-long-title-that-goes-on-and-on-well-past"},
	} {
		if got := Slug(c.in); got != c.want || len(got) > maxIDLen || !idRe.MatchString(got) {
			t.Errorf("Slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// ids renders the chart blocks of a page in order and returns their ids
// (from the rendered figures' files) or the error.
func ids(t *testing.T, specs ...string) ([]string, error) {
	t.Helper()
	p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	for i, s := range specs {
		if _, err := p.Chart([]byte("data: prices.csv\nseries: [small]\n"+s), 10*(i+1)); err != nil {
			return nil, err
		}
	}
	var out []string
	for _, c := range p.Charts {
		out = append(out, c.ID)
	}
	return out, nil
}

func TestChartIDsStable(t *testing.T) {
	before, err := ids(t, "title: Small caps", "title: Large caps", "id: spread\ntitle: Spread", "title: Small caps")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"small-caps", "large-caps", "spread", "small-caps-2"}
	if strings.Join(before, " ") != strings.Join(want, " ") {
		t.Fatalf("ids %v, want %v", before, want)
	}
	// A new chart (and its lines) above the others changes no id.
	after, err := ids(t, "title: Breadth", "title: Small caps", "title: Large caps", "id: spread\ntitle: Spread", "title: Small caps")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(after[1:], " ") != strings.Join(before, " ") || after[0] != "breadth" {
		t.Errorf("after inserting a chart: %v, before %v", after, before)
	}
	// Untitled charts take their id from the data and columns.
	got, err := ids(t, "", "caption: Monthly")
	if err != nil || strings.Join(got, " ") != "prices-csv-small monthly" {
		t.Errorf("untitled: %v %v", got, err)
	}
}

func TestChartIDDuplicate(t *testing.T) {
	// The errors of an explicit id name the line of id:, the spec's third
	// (the chart's fence is at line 10, 20, 30).
	_, err := ids(t, "id: spread", "title: x", "id: spread")
	if err == nil || !strings.Contains(err.Error(), "content/posts/a/index.md:33:") || !strings.Contains(err.Error(), "line 10") {
		t.Errorf("duplicate explicit id: %v", err)
	}
	_, err = ids(t, "title: Spread", "id: spread")
	if err == nil || !strings.Contains(err.Error(), ":23:") {
		t.Errorf("explicit id taken by a title: %v", err)
	}
	_, err = ids(t, "id: 1st")
	if err == nil || !strings.Contains(err.Error(), "content/posts/a/index.md:13: chart: id \"1st\"") || !strings.Contains(err.Error(), "starting with a letter") {
		t.Errorf("bad id: %v", err)
	}
}

// TestChartIDAvoidsBundleFiles: a chart whose id comes from its title
// takes another id rather than write a file that a file of the page's
// bundle takes (data: levels, title: Levels beside levels.csv); a chart
// whose id was given says which file is in its way.
func TestChartIDAvoidsBundleFiles(t *testing.T) {
	p := testSet(t, nil).Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	csv, _ := place("levels.csv")
	png, _ := place("levels-2.png")
	p.Reserve(map[string]string{csv: "content/posts/a/levels.csv", png: "content/posts/a/levels-2.png"})
	for i, s := range []string{"title: Levels", "title: Other"} {
		if _, err := p.Chart([]byte("data: prices.csv\nseries: [small]\n"+s), 10*(i+1)); err != nil {
			t.Fatal(err)
		}
	}
	if got := p.Charts[0].ID + " " + p.Charts[1].ID; got != "levels-3 other" {
		t.Errorf("ids %s, want levels-3 (levels.csv and levels-2.png are the bundle's) and other", got)
	}
	for _, f := range p.Files {
		if f.Out == csv || f.Out == png {
			t.Errorf("a chart writes %s, a file of the bundle", f.Out)
		}
	}
	if _, err := p.Chart([]byte("data: prices.csv\nseries: [small]\nid: levels"), 30); err == nil ||
		!strings.Contains(err.Error(), "content/posts/a/index.md:33:") || !strings.Contains(err.Error(), "content/posts/a/levels.csv") {
		t.Errorf("an explicit id whose CSV the bundle takes: %v", err)
	}
}
