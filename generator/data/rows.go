package data

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// rowReader reads the rows below the header into a Table, one date and
// one value per column for every row, good or bad, so that row indices
// stay those of the rows read. A problem is recorded and reading goes on
// at the next line: the first problem of each line is reported.
type rowReader struct {
	t          *Table
	sc         *scanner
	colOf      []int // header index -> value column, dateIndex or unnamed
	headerLine int
	marks      []markers
	dates      *dateParser
	nums       []numberColumn
	probs      *problems
}

// read reads every row and returns each row's line and the indices of the
// rows with a problem, ascending.
func (rr *rowReader) read() (lines, bad []int) {
	t, sc := rr.t, rr.sc
	rows := strings.Count(sc.src[sc.pos:], "\n") + 1
	t.Dates = make([]time.Time, 0, rows)
	lines = make([]int, 0, rows)
	t.values = make([][]float64, len(t.Columns))
	for c := range t.values {
		t.values[c] = make([]float64, 0, rows)
	}
	for {
		line, ok, err := sc.next()
		if err != nil {
			rr.probs.add(line, err) // the scanner goes on at the next line
			continue
		}
		if !ok {
			return lines, bad
		}
		row := len(lines)
		lines = append(lines, line)
		if err := rr.row(row, line); err != nil {
			rr.probs.add(line, err)
			bad = append(bad, row)
		}
		// A bad row may leave cells out: fill them so every column has a
		// cell for every row read.
		if len(t.Dates) == row {
			t.Dates = append(t.Dates, time.Time{})
		}
		for c := range t.values {
			if len(t.values[c]) == row {
				t.values[c] = append(t.values[c], math.NaN())
			}
		}
	}
}

// row reads the fields of sc, row row on line line, into the table, and
// returns the first problem of the line. After a problem with a cell it
// reads the others, which may show their column's date order or decimal
// mark; a row whose fields do not match the header is not read.
func (rr *rowReader) row(row, line int) error {
	t, fields := rr.t, rr.sc.fields
	if err := checkWidth(fields, rr.colOf, rr.sc.sep); err != nil {
		return err
	}
	var first error
	for i, f := range fields[:min(len(fields), len(rr.colOf))] {
		f = trim(f)
		var err error
		switch c := rr.colOf[i]; {
		case c == unnamed:
			if f != "" {
				err = fmt.Errorf("column %d has no name in the header (line %d) but holds %q; name it", i+1, rr.headerLine, f)
			}
		case c == dateIndex && f == "":
			err = fmt.Errorf("missing date in column %q; every row needs a date", t.DateColumn)
		case c == dateIndex:
			var d time.Time
			d, err = rr.dates.parse(f, row, line)
			t.Dates = append(t.Dates, d)
		default:
			var v float64
			v, err = rr.nums[c].read(f, &rr.marks[c], row, line)
			if err != nil {
				err, v = fmt.Errorf("column %q: %w", t.Columns[c], err), math.NaN()
			}
			t.values[c] = append(t.values[c], v)
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// dropRows removes the rows bad (ascending indices) from the table and
// from lines, so that the rows left can be checked for duplicate dates.
func (t *Table) dropRows(lines, bad []int) []int {
	keep := func(n int) []int {
		out := make([]int, 0, n-len(bad))
		b := 0
		for i := 0; i < n; i++ {
			if b < len(bad) && bad[b] == i {
				b++
				continue
			}
			out = append(out, i)
		}
		return out
	}(len(lines))
	dates := make([]time.Time, len(keep))
	kept := make([]int, len(keep))
	for i, r := range keep {
		dates[i], kept[i] = t.Dates[r], lines[r]
	}
	t.Dates = dates
	for c, col := range t.values {
		v := make([]float64, len(keep))
		for i, r := range keep {
			v[i] = col[r]
		}
		t.values[c] = v
	}
	return kept
}
