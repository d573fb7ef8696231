package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// csvRows writes a header and n rows, 2020-01-01 onward, one a day, with
// value 1, then applies bad: line number (the header is line 1) to the
// text of that line.
func csvRows(n int, bad map[int]string) string {
	var b strings.Builder
	b.WriteString("date,a,b\n")
	d := day(2020, 1, 1)
	for i := 0; i < n; i++ {
		if line, ok := bad[i+2]; ok {
			b.WriteString(line)
		} else {
			fmt.Fprintf(&b, "%s,1,2", d.Format("2006-01-02"))
		}
		b.WriteByte('\n')
		d = d.AddDate(0, 0, 1)
	}
	return b.String()
}

// Messages of one problem each, as TestLoadErrors pins them.
const (
	notNumberX = `column "a": cannot parse "x" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`
	notNumberY = `column "b": cannot parse "y" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`
)

var badDate = `cannot parse date "2020-13-01": there is no month 13: months run from 01 to 12; correct the date`

// TestLoadReportsEveryBadLine: a problem on one line does not hide those
// on later lines; each bad line is one error, at its line, in line order,
// with the message it has alone.
func TestLoadReportsEveryBadLine(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opts LoadOptions
		want []string // one error a line
	}{
		{"numbers and a date", csvRows(250, map[int]string{14: "2020-01-13,x,2", 90: "2020-03-29,1,y", 200: "2020-13-01,1,2"}), LoadOptions{},
			[]string{"x.csv:14: " + notNumberX, "x.csv:90: " + notNumberY, "x.csv:200: " + badDate}},
		// Two bad cells on a line are one error, the first.
		{"one error a line", "date,a,b\n2020-01-01,x,y\n2020-01-02,1,y\n", LoadOptions{},
			[]string{"x.csv:2: " + notNumberX, "x.csv:3: " + notNumberY}},
		{"width, unnamed column, missing date", "date,a,b,\n2020-01-01,1\n2020-01-02,1,2,z\n,1,2\n2020-01-04,x,2\n", LoadOptions{},
			[]string{"x.csv:2: expected 4 fields as in the header, got 2; every row needs one field per header column",
				`x.csv:3: column 4 has no name in the header (line 1) but holds "z"; name it`,
				`x.csv:4: missing date in column "date"; every row needs a date`,
				"x.csv:5: " + notNumberX}},
		// The scanner reads on after a bad quote, at the next line.
		{"text after a quote, then an unclosed quote", "date,a,b\n2020-01-01,\"1\"2,3\n2020-01-02,x,2\n2020-01-03,\"4,2\n2020-01-04,5,6\n", LoadOptions{},
			[]string{`x.csv:2: unexpected text after the closing quote of field 2: write a quote inside a quoted field as two quotes ("")`,
				"x.csv:3: " + notNumberX,
				"x.csv:4: quoted field opened on line 4 is never closed; add the closing quote"}},
		// Every repeat of a date, among the good rows, sorted in by line.
		{"duplicates among bad lines", "date,a,b\n2020-01-02,1,2\n2020-01-01,x,2\n2020-01-02,3,4\n2020-01-05,1,y\n2020-01-02,5,6\n", LoadOptions{},
			[]string{"x.csv:3: " + notNumberX,
				"x.csv:4: duplicate date 2020-01-02 (also on line 2); keep one row per date",
				"x.csv:5: " + notNumberY,
				"x.csv:6: duplicate date 2020-01-02 (also on line 2); keep one row per date"}},
		// A bad row's good cells still show their column's decimal mark: no
		// error that 1.234 reads both ways.
		{"bad row shows the decimal mark", "date;a;b\n2024-01-31;1.234;2\n2024-13-01;0,5;2\n2024-03-31;7;y\n", LoadOptions{},
			[]string{"x.csv:3: " + strings.Replace(badDate, "2020", "2024", 1),
				"x.csv:4: " + notNumberY}},
		// Column-wide decisions keep their errors, beside the lines'.
		{"ambiguous dates and a bad number", "date,a\n03/02/2024,1\n04/02/2024,x\n", LoadOptions{},
			[]string{`x.csv:2: date "03/02/2024" may be 3 February 2024 (day first) or 2 March 2024 (month first), and no date of the column has a day above 12 to tell; set dateFormat: "02/01/2006" (day first) or "01/02/2006" (month first) on the file's dataset in site.yaml (datasets: NAME: {file, dateFormat}), which every chart and figure reading the file follows (a chart block's dateFormat serves that chart alone), or write dates as YYYY-MM-DD`,
				"x.csv:3: " + notNumberX}},
		{"conflicting dates, twice", "date,a\n31/01/2024,1\n1/31/2024,2\n2/29/2024,3\n", LoadOptions{},
			[]string{`x.csv:3: date "1/31/2024" puts the month first, but "31/01/2024" on line 2 puts the day first; write the dates of a column one way, best as YYYY-MM-DD`,
				`x.csv:4: date "2/29/2024" puts the month first, but "31/01/2024" on line 2 puts the day first; write the dates of a column one way, best as YYYY-MM-DD`}},
		{"bad columns setting and a bad line", "date,a\n2020-01-01,x\n", LoadOptions{Columns: map[string]string{"v": "zz"}},
			[]string{`x.csv:1: columns: v: no column "zz" in the file (columns: a)`, "x.csv:2: " + notNumberX}},
		{"bad missing setting and a bad line", "date,a\n2020-01-01,x\n", LoadOptions{MissingByColumn: map[string][]string{"b": {"0"}}},
			[]string{`x.csv: missing markers given for unknown column "b" (columns: a)`, "x.csv:2: " + notNumberX}},
		// A bad first row is no reason to say there are no rows.
		{"only row unclosed", "date,a\n2020-01-01,\"1\n", LoadOptions{},
			[]string{"x.csv:2: quoted field opened on line 2 is never closed; add the closing quote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Load(strings.NewReader(tt.src), "x.csv", tt.opts)
			if err == nil {
				t.Fatalf("Load = %d rows, want errors:\n%s", tab.Len(), strings.Join(tt.want, "\n"))
			}
			if tab != nil {
				t.Error("Load returned a table with its error")
			}
			if got := err.Error(); got != strings.Join(tt.want, "\n") {
				t.Errorf("errors\n got: %s\nwant: %s", got, strings.Join(tt.want, "\n"))
			}
			var first *ParseError
			if !errors.As(err, &first) || first.Error() != tt.want[0] {
				t.Errorf("errors.As finds %v, want the first problem", first)
			}
			var pes *ParseErrors
			switch {
			case len(tt.want) == 1 && errors.As(err, &pes):
				t.Errorf("one problem is a *ParseErrors")
			case len(tt.want) > 1 && (!errors.As(err, &pes) || len(pes.Errs) != len(tt.want) || pes.Name != "x.csv" || pes.Unlisted != 0):
				t.Errorf("error %T is not a *ParseErrors of %d problems of x.csv", err, len(tt.want))
			}
		})
	}
}

// TestLoadListsTheFirstProblems: a file of many bad lines lists the first
// MaxListed and one more error, at the next bad line, counting the rest;
// one problem more than MaxListed is listed rather than counted.
func TestLoadListsTheFirstProblems(t *testing.T) {
	for _, n := range []int{MaxListed + 1, MaxListed + 2, 100_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			bad := map[int]string{}
			for i := 0; i < n; i++ {
				bad[2+2*i] = fmt.Sprintf("2019-01-01,1,y%d", i) // every other line, from line 2
			}
			_, err := Load(strings.NewReader(csvRows(2*n, bad)), "x.csv", LoadOptions{})
			var pes *ParseErrors
			if !errors.As(err, &pes) {
				t.Fatalf("error %T, want a *ParseErrors", err)
			}
			if pes.Len() != n {
				t.Errorf("Len() = %d, want %d", pes.Len(), n)
			}
			listed := min(n, MaxListed+1)
			if n > MaxListed+1 {
				listed = MaxListed
			}
			for i, pe := range pes.Errs[:listed] {
				want := fmt.Sprintf(`x.csv:%d: column "b": cannot parse "y%d" as a number;`, 2+2*i, i)
				if !strings.HasPrefix(pe.Error(), want) {
					t.Fatalf("problem %d is %q, want it to start %q", i, pe, want)
				}
			}
			if n <= MaxListed+1 {
				if len(pes.Errs) != n || pes.Unlisted != 0 {
					t.Fatalf("%d problems gave %d errors, %d unlisted; want all listed", n, len(pes.Errs), pes.Unlisted)
				}
				return
			}
			if len(pes.Errs) != MaxListed+1 || pes.Unlisted != n-MaxListed {
				t.Fatalf("%d problems gave %d errors, %d unlisted; want %d and %d", n, len(pes.Errs), pes.Unlisted, MaxListed+1, n-MaxListed)
			}
			want := fmt.Sprintf("x.csv:%d: %d more problems from this line on are not listed; fix the ones above to see the rest", 2+2*MaxListed, n-MaxListed)
			if got := pes.Errs[MaxListed].Error(); got != want {
				t.Errorf("last error\n got: %s\nwant: %s", got, want)
			}
			if lines := strings.Count(err.Error(), "\n") + 1; lines != MaxListed+1 {
				t.Errorf("the message has %d lines, want %d", lines, MaxListed+1)
			}
		})
	}
}
