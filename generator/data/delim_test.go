package data

import (
	"strings"
	"testing"
)

// TestLoadDelimiters pins how the separator is found: from the header and
// the lines below it, or from LoadOptions.Delimiter.
func TestLoadDelimiters(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts LoadOptions
		a, b []float64
	}{
		{"comma", "date,a,b\n2020-01-01,1,2\n2020-01-02,3,\n", LoadOptions{}, []float64{1, 3}, []float64{2, nan}},
		{"semicolon", "date;a;b\n2020-01-01;1;2\n2020-01-02;3;\n", LoadOptions{}, []float64{1, 3}, []float64{2, nan}},
		// An empty field between two tabs is a gap, not white space to skip.
		{"tab", "date\ta\tb\n2020-01-01\t\t2\n2020-01-02\t3\t4\n", LoadOptions{}, []float64{nan, 3}, []float64{2, 4}},
		{"tab, Excel's empty columns", "date\ta\tb\t\t\n2020-01-01\t1\t2\t\t\n2020-01-02\t3\t4\n", LoadOptions{}, []float64{1, 3}, []float64{2, 4}},
		{"semicolon, blank line of semicolons", "date;a;b\n;;\n2020-01-01;1;2\n", LoadOptions{}, []float64{1}, []float64{2}},
		{"semicolon, quoted", "\"date\";\"a\";\"b\"\n\"2020-01-01\";\"1\";\"2\"\n", LoadOptions{}, []float64{1}, []float64{2}},
		{"semicolon, after skipped lines", "Title, with a comma\n\ndate;a;b\n2020-01-01;1;2\n", LoadOptions{SkipLines: 1}, []float64{1}, []float64{2}},
		{"set", "date;a;b\n2020-01-01;1;2\n", LoadOptions{Delimiter: ";"}, []float64{1}, []float64{2}},
		{"set as tab", "date\ta\tb\n2020-01-01\t1\t2\n", LoadOptions{Delimiter: "tab"}, []float64{1}, []float64{2}},
		// Excel's first line sep=X names the separator; the header is the
		// next line. It settles a file that two separators split evenly.
		{"sep=;", "sep=;\ndate;a;b\n2020-01-01;1;2\n", LoadOptions{}, []float64{1}, []float64{2}},
		{"sep=; settles commas and semicolons", "sep=;\r\ndate;a,x;b\r\n2020-01-01;1,5;2\r\n", LoadOptions{}, nil, []float64{2}},
		{"sep=, over semicolons in names", "SEP=,\ndate,a,b;c\n2020-01-01,1,2\n", LoadOptions{}, []float64{1}, nil},
		{"sep= and a tab", "sep=\t\ndate\ta\tb\n2020-01-01\t1\t2\n", LoadOptions{}, []float64{1}, []float64{2}},
		{"sep=; with Excel's empty columns", "sep=;;;\ndate;a;b\n2020-01-01;1;2\n", LoadOptions{}, []float64{1}, []float64{2}},
		{"sep=, after a BOM", "\uFEFFsep=,\ndate,a,b\n2020-01-01,1,2\n", LoadOptions{}, []float64{1}, []float64{2}},
		{"sep=; agreeing with the dataset", "sep=;\ndate;a;b\n2020-01-01;1;2\n", LoadOptions{Delimiter: ";"}, []float64{1}, []float64{2}},
		// skipLines counts the sep= line, so a file that skipped it to
		// load loads as it did.
		{"sep=; skipped", "sep=;\ndate;a;b\n2020-01-01;1;2\n", LoadOptions{SkipLines: 1}, []float64{1}, []float64{2}},
		{"sep=; above a title", "sep=;\nPrices, daily\ndate;a;b\n2020-01-01;1;2\n", LoadOptions{SkipLines: 2}, []float64{1}, []float64{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := mustLoad(t, tt.src, tt.opts)
			if tt.a != nil {
				if got := column(t, tab, "a"); !sameValues(got, tt.a, 0) {
					t.Errorf("a = %v, want %v", got, tt.a)
				}
			}
			if tt.b != nil {
				if got := column(t, tab, "b"); !sameValues(got, tt.b, 0) {
					t.Errorf("b = %v, want %v", got, tt.b)
				}
			}
			if tab.DateColumn != "date" {
				t.Errorf("date column %q, want the header's %q", tab.DateColumn, "date")
			}
		})
	}
}

func TestLoadDelimiterErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts LoadOptions
		want string
	}{
		{"two fit", "date;x,y\n2020-01-01;1,5\n", LoadOptions{},
			`x.csv:1: the header and the lines below it split into as many fields at "," and at ";" alike; set the delimiter of the dataset to the one between the columns (delimiter: "," or delimiter: ";")`},
		{"tab, a long line below the first five", "date\ta\n2020-01-01\t1\n2020-01-02\t1\n2020-01-03\t1\n2020-01-04\t1\n2020-01-05\t1\n2020-01-06\t1\t2\n", LoadOptions{},
			`x.csv:7: expected 2 fields as in the header, got 3; quote fields that contain tabs`},
		{"tabs, uneven", "date\ta\n2020-01-01\t1\t2\n", LoadOptions{},
			`x.csv:1: one column "date\ta": the columns seem separated by "tab", but the lines below the header do not split into as many fields; set the delimiter of the dataset (delimiter: "tab") to read it so and see which line differs`},
		{"set, uneven", "date;a\n2020-01-01;1;2\n", LoadOptions{Delimiter: ";"},
			`x.csv:2: expected 2 fields as in the header, got 3; quote fields that contain semicolons`},
		// Line numbers count the sep= line.
		{"sep=; then a bad cell", "sep=;\ndate;a\n2020-01-01;x\n", LoadOptions{},
			`x.csv:3: column "a": cannot parse "x" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`},
		{"sep=; then an uneven line", "sep=;\ndate;a\n2020-01-01;1;2\n", LoadOptions{},
			`x.csv:3: expected 2 fields as in the header, got 3; quote fields that contain semicolons`},
		{"sep=; against the dataset", "sep=;\ndate;a\n2020-01-01;1\n", LoadOptions{Delimiter: ","},
			`x.csv:1: the first line "sep=;" names the delimiter ";", but the dataset sets delimiter: ","; make them agree, or delete one of the two`},
		{"sep= and a tab against the dataset", "sep=\t\ndate\ta\n2020-01-01\t1\n", LoadOptions{Delimiter: ";"},
			`x.csv:1: the first line "sep=\t" names the delimiter "tab", but the dataset sets delimiter: ";"; make them agree, or delete one of the two`},
		{"sep=|", "sep=|\ndate|a\n2020-01-01|1\n", LoadOptions{},
			`x.csv:1: the first line "sep=|" names the delimiter "|", which a CSV file does not use; export it again with commas, semicolons or tabs between the columns`},
		{"sep= alone", "sep=\ndate,a\n2020-01-01,1\n", LoadOptions{},
			`x.csv:1: the first line "sep=" should name the delimiter as Excel does: sep=, sep=; or sep= and a tab; write one of these, or delete the line`},
		{"bad setting", "date,a\n2020-01-01,1\n", LoadOptions{Delimiter: "|"},
			`x.csv: delimiter is "|"; write ",", ";" or "tab", or leave it out to detect it from the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Load(strings.NewReader(tt.src), "x.csv", tt.opts)
			if err == nil {
				t.Fatalf("Load = %v, want error %q", tab.Columns, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tt.want)
			}
		})
	}
}
