package figure

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
)

// TestCSVMetadata checks that a chart's CSV says, in the CSVW metadata
// file beside it, where its numbers come from: the dataset (name, title,
// source, licence, catalogue page, SHA-256 of the file read), the dates it
// covers, and each series' column and transforms; and that the CSV itself
// is unchanged (a CSV tool reads the header and rows as before).
func TestCSVMetadata(t *testing.T) {
	s := testSet(t, nil)
	px := s.cfg.Datasets["px"]
	px.License = "CC BY 4.0"
	s.cfg.Datasets["px"] = px
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	v, err := p.Chart([]byte("data: px\ntitle: Small and large\nseries:\n  - column: small\n    label: Small\n    transforms: [rebase]\n  - large\n"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(v, []byte("<figure")) {
		t.Fatalf("no figure: %s", v)
	}
	files := map[string][]byte{}
	for _, f := range p.Files {
		files[f.Out] = f.Data
	}
	rows, err := csv.NewReader(bytes.NewReader(files["out/small-and-large.csv"])).ReadAll()
	if err != nil {
		t.Fatalf("the chart's CSV does not parse: %v", err)
	}
	if got := strings.Join(rows[0], ","); got != "date,Small,large" {
		t.Errorf("CSV header %q, want date,Small,large (the numbers only)", got)
	}
	b, ok := files["out/small-and-large.csv-metadata.json"]
	if !ok {
		t.Fatalf("no metadata beside the CSV: %v", outs(p.Files))
	}
	var m struct {
		Context    string              `json:"@context"`
		URL        string              `json:"url"`
		Title      string              `json:"dc:title"`
		Source     string              `json:"dc:source"`
		License    string              `json:"dc:license"`
		Temporal   string              `json:"dc:temporal"`
		Desc       string              `json:"dc:description"`
		RawDerived []map[string]string `json:"prov:wasDerivedFrom"`
		Schema     struct {
			Columns []map[string]string `json:"columns"`
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("metadata is not JSON: %v\n%s", err, b)
	}
	want := map[string]string{
		"@context": m.Context, "url": m.URL, "dc:title": m.Title, "dc:source": m.Source,
		"dc:license": m.License, "dc:temporal": m.Temporal,
	}
	for k, w := range map[string]string{
		"@context": "http://www.w3.org/ns/csvw", "url": "small-and-large.csv", "dc:title": "Small and large",
		"dc:source": "Test data", "dc:license": "px: CC BY 4.0", "dc:temporal": "2024-01-31/2025-02-28",
	} {
		if want[k] != w {
			t.Errorf("%s = %q, want %q", k, want[k], w)
		}
	}
	for _, w := range []string{"Data through 28 February 2025.", "Illustrative data"} {
		if !strings.Contains(m.Desc, w) {
			t.Errorf("dc:description %q lacks %q", m.Desc, w)
		}
	}
	if len(m.RawDerived) != 1 {
		t.Fatalf("prov:wasDerivedFrom %v, want the dataset px", m.RawDerived)
	}
	d := m.RawDerived[0]
	if d["dc:identifier"] != "px" || d["@id"] != "/data/px/" || d["dc:license"] != "CC BY 4.0" || d["dc:source"] != "Test data" || !strings.HasPrefix(d["dc:hasVersion"], "sha256:") || len(d["dc:hasVersion"]) != 7+64 {
		t.Errorf("prov:wasDerivedFrom[0] = %v", d)
	}
	cols := m.Schema.Columns
	if len(cols) != 3 || cols[0]["titles"] != "date" || cols[0]["datatype"] != "date" ||
		cols[1]["titles"] != "Small" || cols[1]["dc:description"] != "px.small, transforms: rebase" ||
		cols[2]["titles"] != "large" || cols[2]["dc:description"] != "px.large" {
		t.Errorf("columns %v", cols)
	}
}
