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
