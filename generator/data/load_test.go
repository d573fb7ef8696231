package data

import (
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// nan is a gap in expected values.
var nan = math.NaN()

// sameValues compares values, NaN equal to NaN, within tol.
func sameValues(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) {
			return false
		}
		if !math.IsNaN(want[i]) && math.Abs(got[i]-want[i]) > tol {
			return false
		}
	}
	return true
}

func mustLoad(t *testing.T, src string, opts LoadOptions) *Table {
	t.Helper()
	tab, err := Load(strings.NewReader(src), "x.csv", opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tab
}

func column(t *testing.T, tab *Table, name string) []float64 {
	t.Helper()
	s, err := tab.Series(name)
	if err != nil {
		t.Fatal(err)
	}
	return s.Values
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts LoadOptions
		want string // the whole error message
	}{
		{"empty file", "", LoadOptions{}, `x.csv: empty file: expected a header line such as "date,value" and rows of data`},
		{"blank lines only", "\n \r\n,,\n", LoadOptions{}, `x.csv: empty file: expected a header line such as "date,value" and rows of data`},
		{"bom only", "\uFEFF", LoadOptions{}, `x.csv: empty file: expected a header line such as "date,value" and rows of data`},
		{"header only", "date,a\n", LoadOptions{}, `x.csv: no rows: the file has a header (line 1) but no data below it`},
		{"date column only", "date\n2020-01-01\n", LoadOptions{}, `x.csv:1: no value columns: the header has only the date column "date"; add columns of numbers`},
		{"title above the table", "Title: Real GDP\nSource: BEA\n\nDate,GDP\n2024-01-01,1\n", LoadOptions{},
			`x.csv:1: no value columns: the header has only the date column "Title: Real GDP"; if the table starts lower, under a title or notes, skip 3 lines (skipLines: 3) to read line 4 ("Date,GDP") as the header`},
		{"title with a comma above the table", "Oil prices, USD\nDate,WTI,Brent\n2024-03-01,78.1,82.3\n", LoadOptions{},
			`x.csv:1: the header "Oil prices,USD" has no date column, but line 2 ("Date,WTI,Brent") has one: if the table starts there, under a title or notes, skip 1 line (skipLines: 1 in the dataset of site.yaml) to read it as the header`},
		{"semicolons, uneven", "date;value\n2020-01-01;1;2\n", LoadOptions{},
			`x.csv:1: one column "date;value": the columns seem separated by ";", but the lines below the header do not split into as many fields; set the delimiter of the dataset (delimiter: ";") to read it so and see which line differs`},
		{"pipes", "date|value\n2020-01-01|1\n", LoadOptions{},
			`x.csv:1: one column "date|value": the columns seem separated by "|", which a CSV file does not use; export it again with commas, semicolons or tabs between the columns`},
		{"ragged long", "date,a,b\n2020-01-01,1,2\n2020-01-02,1,234,5\n", LoadOptions{},
			`x.csv:3: expected 3 fields as in the header, got 4; quote fields that contain commas, such as numbers with thousands separators ("1,234.5")`},
		{"ragged short", "date,a,b\n2020-01-01,1\n", LoadOptions{},
			`x.csv:2: expected 3 fields as in the header, got 2; every row needs one field per header column`},
		{"non-numeric", "date,sp500\n2020-01-01,1\n2020-01-02,abc\n", LoadOptions{},
			`x.csv:3: column "sp500": cannot parse "abc" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`},
		{"percent sign", "date,a\n2020-01-01,5%\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "5%" as a number; write percentages without the % sign (5), leave the cell empty for a gap, or list the marker as missing`},
		{"underscore", "date,a\n2020-01-01,1_000\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "1_000" as a number; write numbers without thousands separators (1000), leave the cell empty for a gap, or list the marker as missing`},
		{"currency", "date,a\n2020-01-01,\"$1,234.50\"\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "$1,234.50" as a number; write numbers without currency signs or thousands separators (1234.50), leave the cell empty for a gap, or list the marker as missing`},
		{"accounting negative", "date,a\n2020-01-01,(12.3)\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "(12.3)" as a number; write negative numbers with a minus sign (-12.3), not in parentheses, leave the cell empty for a gap, or list the marker as missing`},
		{"dash", "date,a\n2020-01-01,-\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "-" as a number; "-" is 0 in Excel's accounting format but no value elsewhere: write 0, leave the cell empty for a gap, or list the marker as missing`},
		{"spreadsheet error", "date,a\n2020-01-01,#DIV/0!\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "#DIV/0!" as a number; it is a spreadsheet error: fix the formula, or write a number, leave the cell empty for a gap, or list the marker as missing`},
		{"bloomberg error", "date,a\n2020-01-01,#N/A Invalid Security\n", LoadOptions{},
			`x.csv:2: column "a": cannot parse "#N/A Invalid Security" as a number; it is a spreadsheet error: fix the formula, or write a number, leave the cell empty for a gap, or list the marker as missing`},
		{"overflow", "date,a\n2020-01-01,1e400\n", LoadOptions{}, `x.csv:2: column "a": value "1e400" is too large to draw (the limit is about 1.8e308): correct the cell, or leave it empty for a gap`},
		{"negative overflow", "date,a\n2020-01-01,-1e400\n", LoadOptions{}, `x.csv:2: column "a": value "-1e400" is too large to draw (the limit is about 1.8e308): correct the cell, or leave it empty for a gap`},
		{"inf", "date,a\n2020-01-01,Inf\n", LoadOptions{}, `x.csv:2: column "a": infinite value "Inf"; leave the cell empty for a gap`},
		{"minus infinity", "date,a\n2020-01-01,-Infinity\n", LoadOptions{}, `x.csv:2: column "a": infinite value "-Infinity"; leave the cell empty for a gap`},
		{"duplicate dates", "date,a\n2020-01-02,1\n2020-01-01,2\n2020-01-02,3\n", LoadOptions{},
			`x.csv:4: duplicate date 2020-01-02 (also on line 2); keep one row per date`},
		{"duplicate dates in two formats", "date,a\n2020-01-02,1\n\"Jan 2, 2020\",3\n", LoadOptions{},
			`x.csv:3: duplicate date 2020-01-02 (also on line 2); keep one row per date`},
		{"bad date", "date,a\n2020-01-01,1\n2020-01-0x,2\n", LoadOptions{},
			`x.csv:3: cannot parse date "2020-01-0x": write dates as YYYY-MM-DD (other accepted forms: ` + strings.Join(dateLayouts[1:], ", ") + `, 2006Q1), or set dateFormat on the file's dataset in site.yaml (datasets: NAME: {file, dateFormat}), which every chart and figure reading the file follows (a chart block's dateFormat serves that chart alone)`},
		// A date written YYYY-MM-DD whose day or month does not exist was
		// told to be written YYYY-MM-DD, as it was.
		{"no such month", "date,a\n2020-01-01,1\n2020-13-01,2\n", LoadOptions{},
			`x.csv:3: cannot parse date "2020-13-01": there is no month 13: months run from 01 to 12; correct the date`},
		{"no such day", "date,a\n1954-01-01,1\n1954-02-30,2\n", LoadOptions{},
			`x.csv:3: cannot parse date "1954-02-30": there is no such day: February 1954 has 28 days; correct the date`},
		{"no such day in a leap year", "date,a\n2024-01-01,1\n2024-02-30,2\n", LoadOptions{},
			`x.csv:3: cannot parse date "2024-02-30": there is no such day: February 2024 has 29 days; correct the date`},
		{"missing date", "date,a\n,1\n", LoadOptions{}, `x.csv:2: missing date in column "date"; every row needs a date`},
		{"date format", "date,a\n2020-01-01,1\n", LoadOptions{DateFormat: "02.01.2006"}, `x.csv:2: cannot parse date "2020-01-01" with the date format "02.01.2006"`},
		{"duplicate column", "date,a,b,a\n2020-01-01,1,2,3\n", LoadOptions{}, `x.csv:1: duplicate column name "a" (columns 2 and 4); give each column its own name`},
		// A control character in a name was published into pages, and an
		// invisible one made "unknown column" list the name asked for.
		{"control character in a name", "date,\"FED\x1bFUNDS\"\n2020-01-01,1\n", LoadOptions{},
			`x.csv:1: column 2's name "FED\x1bFUNDS" holds the control character U+001B, which a page cannot show: delete it from the header`},
		{"zero-width space in a name", "date,a,FED\u200bFUNDS\n2020-01-01,1,2\n", LoadOptions{},
			`x.csv:1: column 3's name "FED\u200bFUNDS" holds the invisible character U+200B, which makes it look like another name: delete it from the header`},
		{"empty column name", "date,a,\n2020-01-01,1,2\n", LoadOptions{}, `x.csv:2: column 3 has no name in the header (line 1) but holds "2"; name it`},
		{"extra field not empty", "date,a\n2020-01-01,1,,x\n", LoadOptions{},
			`x.csv:2: expected 2 fields as in the header, got 4; quote fields that contain commas, such as numbers with thousands separators ("1,234.5")`},
		{"unknown date column", "day,a\n2020-01-01,1\n", LoadOptions{DateColumn: "when"}, `x.csv:1: date column "when" not found (columns: day, a): name one of these as the date column, with date: in the dataset of site.yaml or x: in the chart`},
		{"unknown missing column", "date,a\n2020-01-01,1\n", LoadOptions{MissingByColumn: map[string][]string{"zz": {"0"}, "b": {"0"}}},
			`x.csv: missing markers given for unknown column "b" (columns: a)`},
		{"unterminated quote", "date,a\n2020-01-01,\"1\n2020-01-02,2\n", LoadOptions{}, `x.csv:2: quoted field opened on line 2 is never closed; add the closing quote`},
		{"text after quote", "date,a\n2020-01-01,\"1\"2\n", LoadOptions{}, `x.csv:2: unexpected text after the closing quote of field 2: write a quote inside a quoted field as two quotes ("")`},
		{"line after skip", "Title\nnotes\ndate,a\n2020-01-01,x\n", LoadOptions{SkipLines: 2},
			`x.csv:4: column "a": cannot parse "x" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`},
		{"skip everything", "Title\n", LoadOptions{SkipLines: 2}, `x.csv: empty file: no header line after skipping 2 lines`},
		{"line after multi-line field", "date,\"a\nb\"\n2020-01-01,1\n2020-01-02,x\n", LoadOptions{},
			`x.csv:4: column "a\nb": cannot parse "x" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`},
		{"latin-1", "date,a\n2020-01-01,1\n2020-01-02,2\n\"Caf\xe9\",3\n", LoadOptions{},
			`x.csv:4: byte 0xE9 after "\"Caf" is not UTF-8: the file seems saved as Latin-1 or Windows-1252; save it as UTF-8 (Excel: Save As "CSV UTF-8")`},
		{"utf-16", "\xff\xfed\x00a\x00", LoadOptions{}, `x.csv: the file is UTF-16 (Excel's "Unicode Text"); save it as UTF-8 (Excel: Save As "CSV UTF-8")`},
		// A workbook, an archive or a program saved as .csv was called
		// text of Latin-1, with a fix (save as UTF-8) that does not apply.
		{"binary", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xe9", LoadOptions{},
			`x.csv:1: byte 0x00 after "PK\x03\x04\x14": the file is not text but binary (an Excel workbook .xlsx, an archive, a program, or UTF-16 without its byte-order mark?); export the data as CSV UTF-8 (Excel: Save As "CSV UTF-8")`},
		{"binary later", "date,a\n2020-01-01,1\n\x00\x00\x00\n", LoadOptions{},
			`x.csv:3: byte 0x00 after "": the file is not text but binary (an Excel workbook .xlsx, an archive, a program, or UTF-16 without its byte-order mark?); export the data as CSV UTF-8 (Excel: Save As "CSV UTF-8")`},
		{"lone CR", "date,a\r2020-01-01,1\r2020-01-02,x\r", LoadOptions{},
			`x.csv:3: column "a": cannot parse "x" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Load(strings.NewReader(tt.src), "x.csv", tt.opts)
			if err == nil {
				t.Fatalf("Load = %v columns %v, want error %q", tab.Dates, tab.Columns, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", err, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Name != "x.csv" {
				t.Errorf("error %v is not a *ParseError for x.csv", err)
			}
		})
	}
}

func TestLoadBOMCRLFQuoted(t *testing.T) {
	src := "\uFEFF\"Date\",\"Large, USD\", Small Caps \r\n" +
		"2020-01-03,\"3234.5\",10\r\n" +
		"2020-01-02,3200,NA\r\n" +
		"\r\n" + // blank line
		"2020-01-06, 3250.25 ,\"#N/A\"\r\n" +
		",,\r\n" // a line of commas
	tab := mustLoad(t, src, LoadOptions{})
	if tab.DateColumn != "Date" || strings.Join(tab.Columns, "|") != "Large, USD|Small Caps" {
		t.Fatalf("columns: date %q, values %q", tab.DateColumn, tab.Columns)
	}
	wantDates := []time.Time{day(2020, 1, 2), day(2020, 1, 3), day(2020, 1, 6)} // sorted
	if !equalDates(tab.Dates, wantDates) {
		t.Errorf("dates %v, want %v", tab.Dates, wantDates)
	}
	if got, want := column(t, tab, "Large, USD"), []float64{3200, 3234.5, 3250.25}; !sameValues(got, want, 0) {
		t.Errorf("Large = %v, want %v", got, want)
	}
	if got, want := column(t, tab, "small caps"), []float64{nan, 10, nan}; !sameValues(got, want, 0) {
		t.Errorf("Small = %v, want %v", got, want)
	}
	if got := tab.LastDate(); !got.Equal(day(2020, 1, 6)) {
		t.Errorf("LastDate = %v", got)
	}
}

func equalDates(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

func TestLoadMissingMarkers(t *testing.T) {
	src := "date,a,b\n" +
		"2020-01-01,,NaN\n" +
		"2020-01-02,NA,nan\n" +
		"2020-01-03,.,N/A\n" +
		"2020-01-04,#N/A,null\n" +
		"2020-01-05,NULL,None\n" +
		"2020-01-06,0.0,0\n" +
		"2020-01-07,0.00,-\n" +
		"2020-01-08,0.5,1e-400\n"
	tab := mustLoad(t, src, LoadOptions{Missing: []string{"0.0"}, MissingByColumn: map[string][]string{"B": {"-"}}})
	// 0.0 is a number, so "0.00" matches it too; 1e-400 underflows to 0,
	// which is also the marker's value.
	if got, want := column(t, tab, "a"), []float64{nan, nan, nan, nan, nan, nan, nan, 0.5}; !sameValues(got, want, 0) {
		t.Errorf("a = %v, want %v", got, want)
	}
	if got, want := column(t, tab, "b"), []float64{nan, nan, nan, nan, nan, nan, nan, nan}; !sameValues(got, want, 0) {
		t.Errorf("b = %v, want %v", got, want)
	}
	// Without the markers, zeros are values and "-" is an error.
	_, err := Load(strings.NewReader(src), "x.csv", LoadOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), `x.csv:8: column "b": cannot parse "-"`) {
		t.Errorf("without markers: %v", err)
	}
	tab = mustLoad(t, "date,a,b\n2020-01-01,0,0.0\n", LoadOptions{MissingByColumn: map[string][]string{"a": {"0"}}})
	if got, want := column(t, tab, "b"), []float64{0}; !sameValues(got, want, 0) {
		t.Errorf("b without a marker = %v, want %v", got, want)
	}
}

func TestLoadDates(t *testing.T) {
	tab := mustLoad(t, "date,a\n"+
		"2020-01-01,1\n"+
		"2020/01/02,2\n"+
		"01/03/2020,3\n"+
		"\"Jan 4, 2020\",4\n"+
		"5 Jan 2020,5\n"+
		"20200106,6\n"+
		"2020-01-07T05:00:00+02:00,7\n"+
		"2020-01-08 10:30:00,8\n"+
		"1/13/2020,9\n", LoadOptions{})
	want := []time.Time{
		day(2020, 1, 1), day(2020, 1, 2), day(2020, 1, 3), day(2020, 1, 4), day(2020, 1, 5), day(2020, 1, 6),
		time.Date(2020, 1, 7, 5, 0, 0, 0, time.UTC), // 05:00 at +02:00 stays 05:00: the zone is dropped
		time.Date(2020, 1, 8, 10, 30, 0, 0, time.UTC),
		day(2020, 1, 13), // 01/03/2020 is January 3: 1/13/2020 puts the month first
	}
	if !equalDates(tab.Dates, want) {
		t.Errorf("dates\n got %v\nwant %v", tab.Dates, want)
	}
	for _, d := range tab.Dates {
		if d.Location() != time.UTC {
			t.Errorf("date %v not in UTC", d)
		}
	}

	tab = mustLoad(t, "year,a\n2001,1\n1999,2\n2000,3\n", LoadOptions{})
	if want := []time.Time{day(1999, 1, 1), day(2000, 1, 1), day(2001, 1, 1)}; !equalDates(tab.Dates, want) {
		t.Errorf("years: %v", tab.Dates)
	}
	// Sorting keeps each row's values with its date.
	if got, want := column(t, tab, "a"), []float64{2, 3, 1}; !sameValues(got, want, 0) {
		t.Errorf("sorted values %v, want %v", got, want)
	}

	tab = mustLoad(t, "month,a\n2020-01,1\n2020-02,2\n", LoadOptions{})
	if want := []time.Time{day(2020, 1, 1), day(2020, 2, 1)}; !equalDates(tab.Dates, want) {
		t.Errorf("months: %v", tab.Dates)
	}

	tab = mustLoad(t, "a,when\n1,02.01.2020\n2,03.01.2020\n", LoadOptions{DateColumn: "WHEN", DateFormat: "02.01.2006"})
	if want := []time.Time{day(2020, 1, 2), day(2020, 1, 3)}; !equalDates(tab.Dates, want) || tab.DateColumn != "when" || tab.Columns[0] != "a" {
		t.Errorf("date format: %v %q %q", tab.Dates, tab.DateColumn, tab.Columns)
	}

	// The column named date is the date column even when it is not first.
	tab = mustLoad(t, "a,DATE\n1,2020-01-01\n", LoadOptions{})
	if tab.DateColumn != "DATE" || len(tab.Columns) != 1 || tab.Columns[0] != "a" {
		t.Errorf("DATE column: %q %q", tab.DateColumn, tab.Columns)
	}
	// An unnamed first column (as pandas writes its index) is the date column.
	tab = mustLoad(t, ",a\n2020-01-01,1\n", LoadOptions{})
	if tab.DateColumn != "" || tab.Columns[0] != "a" {
		t.Errorf("unnamed date column: %q %q", tab.DateColumn, tab.Columns)
	}
	// Leap days are checked.
	if _, err := Load(strings.NewReader("date,a\n2021-02-29,1\n"), "x.csv", LoadOptions{}); err == nil {
		t.Error("2021-02-29 was accepted")
	}
}

func TestLoadQuotes(t *testing.T) {
	tab := mustLoad(t, "date,\"say \"\"hi\"\"\",\"b\"\n2020-01-01,\"1.5\" ,\"\"\n", LoadOptions{})
	if tab.Columns[0] != `say "hi"` {
		t.Errorf("column %q", tab.Columns[0])
	}
	if got, want := column(t, tab, "b"), []float64{nan}; !sameValues(got, want, 0) {
		t.Errorf("b = %v", got)
	}
}

func TestTableSeries(t *testing.T) {
	tab := mustLoad(t, "date,sp500,russell2000,A,a\n2020-01-01,1,2,3,4\n", LoadOptions{})
	_, err := tab.Series("russel2000")
	if want := `unknown column "russel2000" (columns: sp500, russell2000, A, a): name one of these, or put "russel2000" back in the file's header if it was renamed`; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	_, err = tab.Series("Date")
	if want := `column "Date" is the date column; name a column of values (columns: sp500, russell2000, A, a)`; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	for name, want := range map[string]float64{"SP500": 1, "a": 4, "A": 3, "Russell2000": 2} {
		s, err := tab.Series(name)
		if err != nil || s.Values[0] != want {
			t.Errorf("Series(%q) = %v, %v; want %v", name, s.Values, err, want)
		}
	}
	// The values are a copy (the dates are shared: see TestSharedDates).
	s, _ := tab.Series("sp500")
	s.Values[0] = 99
	if s2, _ := tab.Series("sp500"); s2.Values[0] != 1 {
		t.Error("modifying a Series changed the table")
	}
}

func TestLoadShillerExcerpt(t *testing.T) {
	f, err := os.Open("testdata/sp500-shiller-excerpt.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Load(f, "testdata/sp500-shiller-excerpt.csv", LoadOptions{Missing: []string{"0.0"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "SP500|Dividend|Earnings|Consumer Price Index|Long Interest Rate|Real Price|Real Dividend|Real Earnings|PE10"
	if got := strings.Join(tab.Columns, "|"); got != want {
		t.Errorf("columns %s", got)
	}
	if tab.Len() != 30 || !tab.Dates[0].Equal(day(1871, 1, 1)) || !tab.LastDate().Equal(day(2023, 9, 1)) {
		t.Errorf("%d rows, %v..%v", tab.Len(), tab.Dates[0], tab.LastDate())
	}
	pe := column(t, tab, "pe10")
	for i := 0; i < 15; i++ { // 1871-01..1872-03 have no CAPE
		if !math.IsNaN(pe[i]) {
			t.Errorf("PE10 row %d = %v, want a gap", i, pe[i])
		}
	}
	if pe[29] != 30.81 {
		t.Errorf("last PE10 %v", pe[29])
	}
	div := column(t, tab, "Dividend")
	if !math.IsNaN(div[27]) || !math.IsNaN(div[29]) || div[26] != 68.71 {
		t.Errorf("dividends %v", div[25:])
	}
	if sp := column(t, tab, "SP500"); sp[28] != 4457.358695652174 {
		t.Errorf("float noise lost: %v", sp[28])
	}
	// Last value of CPI and its series with gaps at the ends.
	cpi, _ := tab.Series("Consumer Price Index")
	if l, _ := Last(cpi); l.Value != 306.13 {
		t.Errorf("CPI last %v", l)
	}
}

func TestLoadFedFundsExcerpt(t *testing.T) {
	f, err := os.Open("testdata/fedfunds-excerpt.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := Load(f, "fedfunds.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.DateColumn != "Date" || len(tab.Columns) != 1 || tab.Columns[0] != "FEDFUNDS" || tab.Len() != 12 {
		t.Errorf("%q %q %d", tab.DateColumn, tab.Columns, tab.Len())
	}
	if v := column(t, tab, "fedfunds"); v[0] != 0.8 {
		t.Errorf("first %v", v[0])
	}
}

func TestFastFloat(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "+1", "1.", ".5", "-.5", "4457.358695652174", "0.1", "0.3", "123456789012345",
		"1234567890.12345", "9007199254740993", "0.000000000000000000001", "99999999999999.9", "1.7976931348623157"} {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := fastFloat(s)
		if ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("fastFloat(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"", ".", "-", "1e5", "1_0", "1.2.3", "nan", "0x1p3", "1234567890123456"} {
		if _, ok := fastFloat(s); ok {
			t.Errorf("fastFloat(%q) accepted", s)
		}
	}
}

// TestSharedDates checks that series share their table's dates safely: an
// append to a Series' dates, or a transform, never changes the table or
// another series.
func TestSharedDates(t *testing.T) {
	tab, err := Load(strings.NewReader("date,a,b\n2024-01-01,1,2\n2024-01-02,2,3\n2024-01-03,4,5\n"), "t.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := tab.Series("a")
	b, _ := tab.Series("b")
	w, err := Window(a, day(2024, 1, 1), day(2024, 1, 2))
	if err != nil {
		t.Fatal(err)
	}
	_ = append(a.Dates, day(2030, 1, 1))
	_ = append(w.Dates, day(2031, 1, 1))
	r, err := Rebase(b, 100)
	if err != nil {
		t.Fatal(err)
	}
	r.Values[0] = -1
	if len(tab.Dates) != 3 || !tab.Dates[2].Equal(day(2024, 1, 3)) || !b.Dates[2].Equal(day(2024, 1, 3)) {
		t.Errorf("dates changed: %v", tab.Dates)
	}
	if b.Values[0] != 2 || tab.values[1][0] != 2 {
		t.Error("a transform's values are shared with its input")
	}
}

// TestLoadSlashDates pins how the column decides whether N/N/YYYY puts the
// day or the month first, and that a column that does not tell is refused
// rather than read month first.
func TestLoadSlashDates(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []time.Time
		err  string
	}{
		{"month first", "date,a\n01/02/2024,1\n1/31/2024,2\n", []time.Time{day(2024, 1, 2), day(2024, 1, 31)}, ""},
		{"day first, proven late", "date,a\n03/02/2024,1\n04/02/2024,2\n31/01/2024,3\n", []time.Time{day(2024, 1, 31), day(2024, 2, 3), day(2024, 2, 4)}, ""},
		{"day first, proven early", "date,a\n31/01/2024,3\n03/02/2024,1\n", []time.Time{day(2024, 1, 31), day(2024, 2, 3)}, ""},
		{"same day and month", "date,a\n02/02/2024,1\n", []time.Time{day(2024, 2, 2)}, ""},
		{"ambiguous", "date,a\n2024-01-01,0\n03/02/2024,1\n04/02/2024,2\n", nil,
			`x.csv:3: date "03/02/2024" may be 3 February 2024 (day first) or 2 March 2024 (month first), and no date of the column has a day above 12 to tell; set dateFormat: "02/01/2006" (day first) or "01/02/2006" (month first) on the file's dataset in site.yaml (datasets: NAME: {file, dateFormat}), which every chart and figure reading the file follows (a chart block's dateFormat serves that chart alone), or write dates as YYYY-MM-DD`},
		{"both orders", "date,a\n31/01/2024,1\n1/31/2024,2\n", nil,
			`x.csv:3: date "1/31/2024" puts the month first, but "31/01/2024" on line 2 puts the day first; write the dates of a column one way, best as YYYY-MM-DD`},
		{"no such day", "date,a\n31/02/2024,1\n", nil, `x.csv:2: cannot parse date "31/02/2024": there is no day 31 in month 2 of 2024`},
		{"dotted is day first", "date,a\n03.02.2024,1\n", []time.Time{day(2024, 2, 3)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Load(strings.NewReader(tt.src), "x.csv", LoadOptions{})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error\n got: %v\nwant: %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !equalDates(tab.Dates, tt.want) {
				t.Errorf("dates %v, want %v", tab.Dates, tt.want)
			}
		})
	}
	// Values stay with their rows when day-first dates are read again.
	tab := mustLoad(t, "date,a\n03/02/2024,1\n04/02/2024,2\n31/01/2024,3\n", LoadOptions{})
	if got, want := column(t, tab, "a"), []float64{3, 1, 2}; !sameValues(got, want, 0) {
		t.Errorf("values %v, want %v", got, want)
	}
}

// TestLoadZonedDates pins that a date with a zone keeps the day it was
// written with: converting to UTC moved a Tokyo midnight to the day before
// and a New York evening stamp to the day after.
func TestLoadZonedDates(t *testing.T) {
	tab := mustLoad(t, "date,a\n2024-01-31T00:00:00+09:00,1\n2024-02-29T21:00:00-05:00,2\n", LoadOptions{})
	want := []time.Time{day(2024, 1, 31), time.Date(2024, 2, 29, 21, 0, 0, 0, time.UTC)}
	if !equalDates(tab.Dates, want) {
		t.Errorf("dates %v, want %v", tab.Dates, want)
	}
	tab = mustLoad(t, "date,a\n31.01.2024 00:00 +0900,1\n", LoadOptions{DateFormat: "02.01.2006 15:04 -0700"})
	if want := []time.Time{day(2024, 1, 31)}; !equalDates(tab.Dates, want) {
		t.Errorf("with a date format: %v, want %v", tab.Dates, want)
	}
}

// TestLoadTrailingEmptyColumns pins that the empty columns Excel leaves at
// the right of a sheet are ignored, with or without a header comma, and
// that the values stay in their columns.
func TestLoadTrailingEmptyColumns(t *testing.T) {
	for _, src := range []string{
		"date,a,b,,\r\n2020-01-01,1,2,,\r\n2020-01-02,3,,,\r\n,,,,\r\n",
		"date,a,b,,\n2020-01-01,1,2\n2020-01-02,3,\n",
		"date,a,b\n2020-01-01,1,2,,\n2020-01-02,3,, ,\n",
	} {
		tab := mustLoad(t, src, LoadOptions{})
		if len(tab.Columns) != 2 {
			t.Errorf("%q: columns %q, want a and b", src, tab.Columns)
			continue
		}
		if got, want := column(t, tab, "a"), []float64{1, 3}; !sameValues(got, want, 0) {
			t.Errorf("%q: a = %v, want %v", src, got, want)
		}
		if got, want := column(t, tab, "b"), []float64{2, nan}; !sameValues(got, want, 0) {
			t.Errorf("%q: b = %v, want %v", src, got, want)
		}
	}
}

// TestLoadFollowsSkipHint checks that the skipLines the error suggests for a
// table under a title reads the table.
func TestLoadFollowsSkipHint(t *testing.T) {
	for _, tc := range []struct {
		src  string
		skip int
	}{
		{"Title: Real GDP\r\nSource: BEA\r\n\r\nDate,GDP\r\n2024-01-01,100.5\r\n", 3},
		{"Real GDP, billions\nDate,GDP\n2024-01-01,100.5\n", 1}, // a title with a comma
	} {
		_, err := Load(strings.NewReader(tc.src), "x.csv", LoadOptions{})
		if want := "(skipLines: " + strconv.Itoa(tc.skip); err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("error %v, want a hint to skip %d lines", err, tc.skip)
		}
		tab := mustLoad(t, tc.src, LoadOptions{SkipLines: tc.skip})
		if got := column(t, tab, "GDP"); !sameValues(got, []float64{100.5}, 0) || !equalDates(tab.Dates, []time.Time{day(2024, 1, 1)}) {
			t.Errorf("GDP %v on %v", got, tab.Dates)
		}
	}
}

// TestLoadMonthAndQuarterDates pins the month and quarter forms that
// spreadsheets and statistics offices write, each read as the first day of
// its period, and the hint for an Excel day number.
func TestLoadMonthAndQuarterDates(t *testing.T) {
	tests := []struct {
		cell string
		want time.Time
	}{
		{"Jan 2024", day(2024, 1, 1)},
		{"September 2024", day(2024, 9, 1)},
		{"Mar-2024", day(2024, 3, 1)},
		{"2024Q1", day(2024, 1, 1)},
		{"2024-Q2", day(2024, 4, 1)},
		{"2024 q3", day(2024, 7, 1)},
		{"Q4 2024", day(2024, 10, 1)},
		{"Q4-2024", day(2024, 10, 1)},
	}
	for _, tt := range tests {
		tab, err := Load(strings.NewReader("date,a\n\""+tt.cell+"\",1\n"), "x.csv", LoadOptions{})
		if err != nil {
			t.Errorf("%s: %v", tt.cell, err)
			continue
		}
		if !equalDates(tab.Dates, []time.Time{tt.want}) {
			t.Errorf("%s: %v, want %v", tt.cell, tab.Dates[0], tt.want)
		}
	}
	for _, bad := range []string{"2024Q5", "2024Q0", "Q1 24", "24Q1", "2024-Q"} {
		if _, err := Load(strings.NewReader("date,a\n"+bad+",1\n"), "x.csv", LoadOptions{}); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
	_, err := Load(strings.NewReader("date,a\n45322,1\n"), "x.csv", LoadOptions{})
	if want := `x.csv:2: cannot parse date "45322": it looks like an Excel day number, which Excel shows as a date only in a cell formatted as one (45322 is 2024-01-31 in Excel's 1900 date system, 4 years later in its 1904 one); format the column as dates, yyyy-mm-dd, and save the file again`; err == nil || err.Error() != want {
		t.Errorf("Excel day number: %v\nwant %s", err, want)
	}
}

// TestLoadBloombergMissing pins Bloomberg's marker of no value.
func TestLoadBloombergMissing(t *testing.T) {
	tab := mustLoad(t, "date,a\n2020-01-01,1\n2020-01-02,#N/A N/A\n2020-01-03,#n/a n/a\n", LoadOptions{})
	if got, want := column(t, tab, "a"), []float64{1, nan, nan}; !sameValues(got, want, 0) {
		t.Errorf("a = %v, want %v", got, want)
	}
}
