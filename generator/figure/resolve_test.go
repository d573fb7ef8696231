package figure

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/config"
)

// brokenFS fails Stat of one path with a given error.
type brokenFS struct {
	fstest.MapFS
	path string
	err  error
}

func (b brokenFS) Stat(name string) (fs.FileInfo, error) {
	if name == b.path {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: b.err}
	}
	return b.MapFS.Stat(name)
}

func TestResolveSaysWhyNotFound(t *testing.T) {
	m := fstest.MapFS{"content/posts/a/d.csv/x": {Data: []byte("x")}}
	st := NewStore(m, config.Default())
	if _, err := st.Resolve("d.csv", "content/posts/a/index.md"); err == nil || !strings.Contains(err.Error(), "content/posts/a/d.csv is a folder, not a CSV file") {
		t.Errorf("a folder: got %v", err)
	}
	st = NewStore(brokenFS{fstest.MapFS{}, "content/posts/a/p.csv", errors.New("not a regular file (a named pipe)")}, config.Default())
	if _, err := st.Resolve("p.csv", "content/posts/a/index.md"); err == nil || !strings.Contains(err.Error(), "content/posts/a/p.csv: not a regular file (a named pipe)") || strings.Contains(err.Error(), "not found") {
		t.Errorf("an unusable file: got %v", err)
	}
}

// TestDatasetDelimiterAndDecimal checks that a dataset's delimiter and
// decimal reach the loader, and that one file read with two decimal marks
// is two tables.
func TestDatasetDelimiterAndDecimal(t *testing.T) {
	m := fstest.MapFS{"content/data/eu.csv": {Data: []byte("Datum;Umsatz\n31.01.2024;1.234\n29.02.2024;2.500\n")}}
	cfg := config.Default()
	cfg.Datasets = config.Datasets{
		"comma":  {File: "content/data/eu.csv", Delimiter: ";", Decimal: ","},
		"stop":   {File: "content/data/eu.csv", Decimal: "."},
		"auto":   {File: "content/data/eu.csv"},
		"commas": {File: "content/data/eu.csv", Delimiter: ",", Decimal: ","},
	}
	st := NewStore(m, cfg)
	for name, want := range map[string][]float64{"comma": {1234, 2500}, "stop": {1.234, 2.5}} {
		src, err := st.Resolve(name, "content/posts/a/index.md")
		if err != nil {
			t.Fatal(err)
		}
		tab, err := st.Table(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s, err := tab.Series("Umsatz")
		if err != nil {
			t.Fatal(err)
		}
		if s.Values[0] != want[0] || s.Values[1] != want[1] {
			t.Errorf("%s: %v, want %v", name, s.Values, want)
		}
	}
	for name, want := range map[string]string{
		"auto":   `content/data/eu.csv:2: column "Umsatz": "1.234" may be 1.234`,
		"commas": `content/data/eu.csv:1: one column "Datum;Umsatz"`,
	} {
		src, err := st.Resolve(name, "content/posts/a/index.md")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Table(src); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want %s…", name, err, want)
		}
	}
}

// TestResolveFromRoot checks that a CSV named by its path from the site's
// root, as site.yaml's file: names one, is found after the article's
// folder and content/data, and that a path leaving the site still is not.
func TestResolveFromRoot(t *testing.T) {
	m := fstest.MapFS{
		"content/data/x.csv":      {Data: []byte("Date,V\n2020-01-01,1\n")},
		"content/data/data/x.csv": {Data: []byte("Date,V\n2020-01-01,2\n")},
		"static/y.csv":            {Data: []byte("Date,V\n2020-01-01,3\n")},
	}
	st := NewStore(m, config.Default())
	for name, want := range map[string]string{
		"content/data/x.csv": "content/data/x.csv",
		"static/y":           "static/y.csv",
		"data/x.csv":         "content/data/data/x.csv", // content/data comes first
	} {
		src, err := st.Resolve(name, "content/posts/a/index.md")
		if err != nil || src.Path != want {
			t.Errorf("%s: got %q, %v; want %s", name, src.Path, err, want)
		}
	}
	_, err := st.Resolve("content/data/none.csv", "content/posts/a/index.md")
	if err == nil || !strings.Contains(err.Error(), "content/posts/a/content/data/none.csv, content/data/content/data/none.csv, content/data/none.csv)") {
		t.Errorf("a missing file: got %v, want the three places looked", err)
	}
	if _, err := st.Resolve("../../../../x.csv", "content/posts/a/index.md"); err == nil || !strings.Contains(err.Error(), "leaves the site folder") {
		t.Errorf("a path out of the site: got %v", err)
	}
	// Inside the site from the article's folder, out of it from
	// content/data: not found, not "leaves".
	if _, err := st.Resolve("../../../nothere/x.csv", "content/posts/a/index.md"); err == nil || !strings.Contains(err.Error(), `not found (looked for nothere/x.csv)`) {
		t.Errorf("a missing file inside the site: got %v", err)
	}
}

// TestResolveNotFromOutput: what a build wrote (public/) or keeps
// (.cache/) is not a source, though it is in the site folder: a fresh
// clone has neither, and would fail or draw other numbers.
func TestResolveNotFromOutput(t *testing.T) {
	m := fstest.MapFS{
		"public/2026/01/a/x.csv": {Data: []byte("Date,V\n2020-01-01,1\n")},
		".cache/data/f.csv":      {Data: []byte("Date,V\n2020-01-01,2\n")},
	}
	st := NewStore(m, config.Default())
	for name, want := range map[string]string{
		"../../../public/2026/01/a/x.csv": `data "../../../public/2026/01/a/x.csv" is in public/, which builds write, not read`,
		"public/2026/01/a/x":              `is in public/`,
		".cache/data/f.csv":               `data ".cache/data/f.csv" is in .cache/, which builds write, not read`,
	} {
		if _, err := st.Resolve(name, "content/posts/a/index.md"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", name, err, want)
		}
	}
}
