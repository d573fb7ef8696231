package data

import (
	"os"
	"strings"
	"testing"
)

// loadFile loads a file of testdata.
func loadFile(t *testing.T, name string, opts LoadOptions) *Table {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Load(f, name, opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tab
}

// TestLoadSpreadsheetNumbers reads the files European and US spreadsheets
// save, and checks every value is exactly what the file says.
func TestLoadSpreadsheetNumbers(t *testing.T) {
	tests := []struct {
		file string
		want map[string][]float64
	}{
		{"excel-de-semicolon.csv", map[string][]float64{
			"DAX":         {16769.36, 16538.39, 16617.29, 16594.21},
			"Rendite 10J": {2.03, 1.98, -0.05, 2.16},
			// 987.654 reads both ways; 1.234.567 shows full stops between
			// thousands, so it is 987654.
			"Umsatz": {987654, 1234567, 1002003, nan},
		}},
		{"excel-us-tab.csv", map[string][]float64{
			"S&P 500": {4927.93, 4924.97, 4845.65},
			"Volume":  {3743050000, 3950760000, nan},
		}},
		{"sheets-thousands.csv", map[string][]float64{
			"revenue": {987654, 1300000.50, 1234567},
			"margin":  {12.5, 12.75, 13},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tab := loadFile(t, tt.file, LoadOptions{})
			if len(tab.Columns) != len(tt.want) {
				t.Errorf("columns %q", tab.Columns)
			}
			for col, want := range tt.want {
				if got := column(t, tab, col); !sameValues(got, want, 0) {
					t.Errorf("%s = %v, want %v", col, got, want)
				}
			}
		})
	}
}

func TestLoadDecimalMark(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts LoadOptions
		want []float64
	}{
		{"comma, shown late", "date;a\n2024-01-31;1.234\n2024-02-29;-0,25\n", LoadOptions{}, []float64{1234, -0.25}},
		{"full stop, shown late", "date;a\n2024-01-31;1.234\n2024-02-29;0.5\n", LoadOptions{}, []float64{1.234, 0.5}},
		{"full stop between groups of thousands", "date;a\n2024-01-31;1,234\n2024-02-29;1,234,567.5\n", LoadOptions{}, []float64{1234, 1234567.5}},
		{"a leading 0 is no group", "date;a\n2024-01-31;0,234\n", LoadOptions{}, []float64{0.234}},
		{"exponent", "date;a\n2024-01-31;1,5E+03\n2024-02-29;2e-1\n", LoadOptions{}, []float64{1500, 0.2}},
		{"integers need no mark", "date;a\n2024-01-31;1234\n2024-02-29;-5\n", LoadOptions{}, []float64{1234, -5}},
		{"gaps", "date;a\n2024-01-31;.\n2024-02-29;NA\n2024-03-31;1,5\n", LoadOptions{}, []float64{nan, nan, 1.5}},
		{"each column its own", "date\ta\tb\n2024-01-31\t1,5\t1.5\n", LoadOptions{}, []float64{1.5}},
		{"newest first", "date;a\n2024-02-29;2.000\n2024-01-31;1,5\n", LoadOptions{}, []float64{1.5, 2000}},
		{"set comma", "date;a\n2024-01-31;1.234\n", LoadOptions{Decimal: ","}, []float64{1234}},
		{"set full stop", "date;a\n2024-01-31;1.234\n", LoadOptions{Decimal: "."}, []float64{1.234}},
		{"set comma, comma file", "date,a\n2024-01-31,\"1,5\"\n2024-02-29,2\n", LoadOptions{Decimal: ","}, []float64{1.5, 2}},
		{"set full stop, comma file", "date,a\n2024-01-31,\"1,234\"\n", LoadOptions{Decimal: "."}, []float64{1234}},
		{"comma file, shown by a full stop", "date,a\n2024-01-31,\"1,234\"\n2024-02-29,0.5\n", LoadOptions{}, []float64{1234, 0.5}},
		{"comma file, 1.234 as always", "date,a\n2024-01-31,1.234\n", LoadOptions{}, []float64{1.234}},
		{"missing marker by value", "date;a\n2024-01-31;0,0\n2024-02-29;1,5\n", LoadOptions{Missing: []string{"0.0"}}, []float64{nan, 1.5}},
		{"missing marker, pending cell", "date;a\n2024-01-31;1.000\n2024-02-29;1,5\n", LoadOptions{Missing: []string{"1000"}}, []float64{nan, 1.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := mustLoad(t, tt.src, tt.opts)
			if got := column(t, tab, "a"); !sameValues(got, tt.want, 0) {
				t.Errorf("a = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLoadDecimalErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts LoadOptions
		want string
	}{
		{"full stop, never shown", "date;a\n2024-01-31;5\n2024-02-29;1.234\n2024-03-31;12.500\n", LoadOptions{},
			`x.csv:3: column "a": "1.234" may be 1.234 (a decimal full stop) or 1234 (a full stop between thousands), and no number of the column shows which, as 0,5 or 1.5 would; set decimal: "," or decimal: "." for the dataset, or save the file with a full stop as the decimal mark and no thousands separators`},
		{"comma, never shown", "date\ta\n2024-01-31\t-1,234\n", LoadOptions{},
			`x.csv:2: column "a": "-1,234" may be -1.234 (a decimal comma) or -1234 (a comma between thousands), and no number of the column shows which, as 0,5 or 1.5 would; set decimal: "," or decimal: "." for the dataset, or save the file with a full stop as the decimal mark and no thousands separators`},
		{"both marks", "date;a\n2024-01-31;1,5\n2024-02-29;1.234\n2024-03-31;2.5\n", LoadOptions{},
			`x.csv:4: column "a": "2.5" has a decimal full stop, but "1,5" on line 2 has a decimal comma; write the numbers of a column one way, best with a full stop and without thousands separators`},
		{"comma file, thousands never shown", "date,a\n2024-01-31,\"1,234\"\n2024-02-29,7\n", LoadOptions{},
			`x.csv:2: column "a": "1,234" may be 1234 (a comma between thousands) or 1.234 (a decimal comma), and no number of the column shows which; write it 1234, or set decimal: "." if commas separate thousands`},
		{"comma file, decimal comma", "date,a\n2024-01-31,\"1,5\"\n", LoadOptions{},
			`x.csv:2: column "a": "1,5" has a decimal comma, which a comma-separated file does not use; write it 1.5, or set decimal: "," if the decimal mark of every number of the file is a comma`},
		{"comma file, groups not of three", "date,a\n2024-01-31,\"12,34,567\"\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "12,34,567" as a number; write numbers without thousands separators (1234567), leave the cell empty for a gap, or list the marker as missing`},
		{"set comma, full stop", "date;a\n2024-01-31;1.5\n", LoadOptions{Decimal: ","},
			`x.csv:2: column "a": "1.5" has a decimal full stop, but the decimal mark is set to a comma (decimal: ","); write it 1,5, or set decimal: "."`},
		{"set full stop, comma", "date;a\n2024-01-31;1,5\n", LoadOptions{Decimal: "."},
			`x.csv:2: column "a": "1,5" has a decimal comma, but the decimal mark is set to a full stop (decimal: "."); write it 1.5, or set decimal: ","`},
		{"currency, decimal comma", "date;a\n2024-01-31;1,5\n2024-02-29;1.234,50 €\n", LoadOptions{},
			`x.csv:3: column "a": cannot parse "1.234,50 €" as a number; write numbers without currency signs or thousands separators (1234,50), leave the cell empty for a gap, or list the marker as missing`},
		{"percent, mark not shown", "date;a\n2024-01-31;5,2%\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "5,2%" as a number; write percentages without the % sign, leave the cell empty for a gap, or list the marker as missing`},
		{"parentheses, decimal comma", "date;a\n2024-01-31;1,5\n2024-02-29;(12,3)\n", LoadOptions{},
			`x.csv:3: column "a": cannot parse "(12,3)" as a number; write negative numbers with a minus sign (-12,3), not in parentheses, leave the cell empty for a gap, or list the marker as missing`},
		{"too large, pending", "date;a\n2024-01-31;1.000e999\n2024-02-29;0,5\n", LoadOptions{},
			`x.csv:2: column "a": value "1.000e999" is too large to draw (the limit is about 1.8e308): correct the cell, or leave it empty for a gap`},
		{"bad setting", "date,a\n2024-01-31,1\n", LoadOptions{Decimal: "·"},
			`x.csv: decimal is "·"; write "." or ",", or leave it out to let each column show its decimal mark`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Load(strings.NewReader(tt.src), "x.csv", tt.opts)
			if err == nil {
				t.Fatalf("Load = %v, want error %q", column(t, tab, "a"), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tt.want)
			}
		})
	}
}

func TestClassifyNumber(t *testing.T) {
	tests := []struct {
		in         string
		form       numberForm
		dot, comma string
	}{
		{"1234", formPlain, "1234", "1234"},
		{"1.5", formDot, "1.5", ""},
		{".5", formDot, ".5", ""},
		{"0.234", formDot, "0.234", ""},
		{"1234.567", formDot, "1234.567", ""},
		{"1,234.5", formDot, "1234.5", ""},
		{"+1,234,567", formDot, "+1234567", ""},
		{"1,5", formComma, "", "1.5"},
		{"1.234,5", formComma, "", "1234.5"},
		{"-1.234.567", formComma, "", "-1234567"},
		{"1.234", formBoth, "1.234", "1234"},
		{"123,456", formBoth, "123456", "123.456"},
		{"1,234e3", formBoth, "1234e3", "1.234e3"},
		{"1234,567", formComma, "", "1234.567"},
		{"1,23,456", formOther, "", ""},
		{"1,234.5,6", formOther, "", ""},
		{"1.2.3", formOther, "", ""},
		{"0,234,567", formOther, "", ""},
		{".", formOther, "", ""},
		{",", formOther, "", ""},
		{"1,5e", formOther, "", ""},
		{"None", formOther, "", ""},
		{"$1,234", formOther, "", ""},
	}
	for _, tt := range tests {
		form, dot, comma := classifyNumber(tt.in)
		if form != tt.form || (form != formPlain && (dot != tt.dot || comma != tt.comma)) {
			t.Errorf("classifyNumber(%q) = %v %q %q, want %v %q %q", tt.in, form, dot, comma, tt.form, tt.dot, tt.comma)
		}
	}
}
