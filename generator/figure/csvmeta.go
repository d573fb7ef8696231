package figure

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/site"
)

// A chart's CSV (ID.csv) holds its numbers only, so that every CSV tool
// reads it as it always has. Where they come from is in the file beside it,
// ID.csv-metadata.json, the name at which the W3C's CSV on the Web (CSVW)
// looks for a CSV's metadata: a JSON document with
//
//	@context   "http://www.w3.org/ns/csvw"
//	url        the CSV's file name (relative to the metadata)
//	dc:title   the chart's title (else its id)
//	dc:source  the credit lines shown under the chart ("A; B")
//	dc:license each dataset's licence, "NAME: LICENCE; …" ("Not stated" when site.yaml gives none)
//	dc:temporal the dates the CSV covers, an ISO 8601 interval at the data's precision
//	           ("1871-01/2023-09"; the end is the chart's "Data through" date)
//	dc:description what the table is, with "Data through …" as the page says it,
//	           and "Illustrative data" for synthetic data
//	prov:wasDerivedFrom the datasets read, each with @id (the absolute URL of its data catalogue page, when it
//	           is a dataset of site.yaml), dc:identifier (the name the spec uses),
//	           dc:title, dc:source, dc:license and dc:hasVersion ("sha256:…" of the
//	           file read, as figures.lock and the data catalogue give it)
//	tableSchema.columns  one per column of the CSV's header: titles, and for a series
//	           dc:description "DATASET.COLUMN" with the transforms applied
//	           ("shiller.SP500, transforms: drawdown"); the date column has datatype date
//
// Its keys are in a fixed order, so the same chart gives the same bytes.

type csvMeta struct {
	Context     string        `json:"@context"`
	URL         string        `json:"url"`
	Title       string        `json:"dc:title"`
	Source      string        `json:"dc:source,omitempty"`
	License     string        `json:"dc:license,omitempty"`
	Temporal    string        `json:"dc:temporal,omitempty"`
	Description string        `json:"dc:description"`
	Derived     []metaDataset `json:"prov:wasDerivedFrom"`
	Schema      metaSchema    `json:"tableSchema"`
}

type metaDataset struct {
	ID         string `json:"@id,omitempty"`
	Identifier string `json:"dc:identifier"`
	Title      string `json:"dc:title,omitempty"`
	Source     string `json:"dc:source,omitempty"`
	License    string `json:"dc:license"`
	Version    string `json:"dc:hasVersion"`
}

type metaSchema struct {
	Columns []metaColumn `json:"columns"`
}

type metaColumn struct {
	Titles      string `json:"titles"`
	Datatype    string `json:"datatype,omitempty"`
	Description string `json:"dc:description,omitempty"`
}

// csvMetadata writes the metadata of the chart sp (id) whose CSV, named
// csvName, is csvData, with the data through through.
func (p *Page) csvMetadata(sp *Spec, id, csvName string, csvData []byte, through period.Date, credits []string, illustrative bool) ([]byte, error) {
	m := csvMeta{Context: "http://www.w3.org/ns/csvw", URL: csvName, Title: sp.Title, Source: strings.Join(credits, "; ")}
	if m.Title == "" {
		m.Title = id
	}
	head, first := csvHead(csvData)
	if !through.Time.IsZero() {
		m.Temporal = isoAt(through)
		if d, err := time.Parse("2006-01-02", first); err == nil {
			m.Temporal = isoAt(period.Date{Time: d, Precision: through.Precision}) + "/" + m.Temporal
		}
	}
	m.Description = "The numbers of the chart"
	if sp.Title != "" {
		m.Description += " “" + sp.Title + "”"
	}
	m.Description += ", computed by tearsheet from the datasets in prov:wasDerivedFrom."
	if !through.Time.IsZero() {
		m.Description += " Data through " + through.String() + "."
	}
	if illustrative {
		m.Description += " Illustrative data, not market history."
	}
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	add(sp.Data)
	for _, s := range sp.Series {
		add(s.Data)
	}
	for _, b := range sp.Bands {
		add(b.Data)
	}
	if sp.Panels != nil {
		for _, b := range sp.Panels.Periods {
			add(b.Data)
		}
	}
	var licences []string
	for _, n := range names {
		src, err := p.set.store.Resolve(n, p.file)
		if err != nil {
			return nil, err
		}
		_, sum, err := p.set.store.File(src.Path)
		if err != nil {
			return nil, err
		}
		d := metaDataset{Identifier: n, Source: src.Credit, License: "Not stated", Version: "sha256:" + sum}
		if ds, ok := p.set.cfg.Datasets[src.Dataset]; ok {
			// A dataset's file named by its path is the dataset: its
			// page, title and licence are those of the numbers.
			d.ID = p.set.cfg.AbsURL(site.DatasetPath(src.Dataset))
			d.Title = ds.Title
			if d.Title == "" {
				d.Title = src.Dataset
			}
			if ds.License != "" {
				d.License = ds.License
			}
		}
		m.Derived = append(m.Derived, d)
		licences = append(licences, n+": "+d.License)
	}
	m.License = strings.Join(licences, "; ")
	m.Schema.Columns = p.metaColumns(sp, head)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("chart CSV metadata: %w", err)
	}
	return b.Bytes(), nil
}

// metaColumns describes the CSV's columns: a chart of one value per date
// and series (not a histogram, heatmap or panels by period, whose CSVs
// have columns of their own) names each series' dataset, column and
// transforms.
func (p *Page) metaColumns(sp *Spec, head []string) []metaColumn {
	cols := make([]metaColumn, len(head))
	for i, h := range head {
		cols[i].Titles = h
		if i == 0 && h == "date" {
			cols[i].Datatype = "date"
		}
	}
	plain := sp.Type != "histogram" && sp.Type != "heatmap" && (sp.Panels == nil || len(sp.Panels.Periods) == 0)
	if !plain || len(head) == 0 || head[0] != "date" {
		return cols
	}
	for i, s := range sp.Series {
		if 1+i >= len(cols) {
			break
		}
		ds := s.Data
		if ds == "" {
			ds = sp.Data
		}
		desc := ds + "." + s.Column
		if tr := append(append([]string{}, sp.Transforms...), s.Transforms...); len(tr) > 0 {
			desc += ", transforms: " + strings.Join(tr, ", ")
		}
		if sp.Range != "" {
			desc += ", range: " + sp.Range
		}
		cols[1+i].Description = desc
	}
	return cols
}

// csvHead reads a CSV's header and the first cell of its first row.
func csvHead(b []byte) (head []string, first string) {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, ""
	}
	if row, err := r.Read(); err == nil && len(row) > 0 {
		first = row[0]
	}
	return head, first
}

// CSVMetaName is the name of the metadata file of the CSV named name.
func CSVMetaName(name string) string { return path.Base(name) + "-metadata.json" }

// isoAt writes d in ISO 8601 at its precision: 2023-09 for a month, 2023
// for a year, else the day (a quarter is written as its first month's
// day, since ISO 8601 has no quarter of its basic form).
func isoAt(d period.Date) string {
	switch d.Precision {
	case period.Month:
		return d.Time.Format("2006-01")
	case period.Year:
		return d.Time.Format("2006")
	}
	return d.Time.Format("2006-01-02")
}
