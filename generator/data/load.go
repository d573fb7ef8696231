package data

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// LoadOptions tells Load how to read a CSV file. The zero value reads a file
// whose date column is named "date" (in any case) or comes first, with dates
// in any of the DateFormats.
type LoadOptions struct {
	// DateColumn names the date column (matched exactly, then ignoring
	// case). Empty means the column named date, Date or DATE, or else the
	// first column.
	DateColumn string
	// DateFormat is a Go time layout such as "02.01.2006". Empty means
	// each cell is tried against the DateFormats.
	DateFormat string
	// Missing lists extra cell texts that mean "no value" in every column,
	// on top of the built-in ones (empty, ".", NA, N/A, #N/A, NaN, null,
	// None). A marker that is a number, such as "0.0", matches every cell
	// with that value ("0", "0.00"); other markers match text ignoring
	// case.
	Missing []string
	// MissingByColumn lists extra markers for single columns, keyed by
	// column name; they work like Missing. An unknown column is an error.
	MissingByColumn map[string][]string
	// Delimiter is the field separator: ",", ";" or "\t" (also written
	// "tab"). Empty means the one that splits the header and the lines
	// below it evenly, else the comma.
	Delimiter string
	// Decimal is the decimal mark of the numbers, "." or ",". Empty means
	// each column shows its own: see the package documentation.
	Decimal string
	// SkipLines is the number of lines to skip before the header, such as
	// a title or notes above the table. Line numbers in errors still count
	// from the top of the file.
	SkipLines int
	// Columns, when not empty, keeps only the named columns of the file,
	// renamed: each key is the new name, each value a column of the file
	// (matched exactly, then ignoring case). The table's columns are then
	// the new names, sorted.
	Columns map[string]string
}

// Table is a CSV file loaded by Load: one row per date, sorted by date,
// and one column of numbers per non-date column of the file. A Table is not
// modified after Load returns, so it may be shared between goroutines.
type Table struct {
	// Name is the file name given to Load, used in error messages.
	Name string
	// DateColumn is the name of the date column in the header.
	DateColumn string
	// Dates holds the dates of the rows, in UTC, strictly ascending.
	// Do not modify it.
	Dates []time.Time
	// Columns holds the names of the value columns in file order,
	// without the date column. Do not modify it.
	Columns []string

	values [][]float64 // values[c][row]; NaN marks a gap
}

// markers are the extra missing-value markers of one column.
type markers struct {
	numbers []float64
	texts   []string
}

func (m *markers) add(marker string) {
	marker = strings.TrimSpace(marker)
	if v, err := strconv.ParseFloat(marker, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		m.numbers = append(m.numbers, v)
		return
	}
	m.texts = append(m.texts, marker)
}

// Load reads a CSV table from r. name is the file name used in error
// messages. The first line that is not skipped or blank is the header; every
// later non-blank line is a row with as many fields as the header. Rows are
// sorted by date (stable); a date that appears twice is an error naming both
// lines. Cells that are empty or hold a missing marker become gaps (NaN).
// A problem with a row does not stop the reading: the error is a
// *ParseError for one problem and a *ParseErrors listing each for more.
// See the package documentation for every rule.
func Load(r io.Reader, name string, opts LoadOptions) (*Table, error) {
	raw, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", name, err)
	}
	src := strings.TrimPrefix(string(raw), "\uFEFF")
	fail := func(line int, format string, args ...any) error {
		return &ParseError{Name: name, Line: line, Err: fmt.Errorf(format, args...)}
	}
	if err := checkUTF8(src); err != nil {
		return nil, &ParseError{Name: name, Line: err.line, Err: err}
	}
	if opts.SkipLines < 0 {
		return nil, fail(0, "skip lines is %d; it must be 0 or more", opts.SkipLines)
	}

	sep, err := parseDelimiter(opts.Delimiter)
	if err != nil {
		return nil, fail(0, "%v", err)
	}
	decimal, err := parseDecimal(opts.Decimal)
	if err != nil {
		return nil, fail(0, "%v", err)
	}
	sc := &scanner{src: src, line: 1, sep: sep}
	skip := opts.SkipLines
	if named, err := sc.sepLine(sep); err != nil {
		return nil, &ParseError{Name: name, Line: 1, Err: err}
	} else if named != 0 {
		sc.sep = named
		skip = max(skip-1, 0) // the sep= line is the first line skipped
	}
	sc.skipLines(skip)
	if sc.sep == 0 {
		sep, line, err := detectDelimiter(src, sc.pos, sc.line)
		if err != nil {
			return nil, fail(line, "%v", err)
		}
		sc.sep = sep
	}
	headerLine, ok, err := sc.next()
	if err != nil {
		return nil, &ParseError{Name: name, Line: headerLine, Err: err}
	}
	if !ok {
		if opts.SkipLines > 0 {
			return nil, fail(0, "empty file: no header line after skipping %d lines", opts.SkipLines)
		}
		return nil, fail(0, "empty file: expected a header line such as \"date,value\" and rows of data")
	}
	header := make([]string, len(sc.fields))
	for i, f := range sc.fields {
		header[i] = strings.TrimSpace(f)
		if msg := hiddenRune(header[i]); msg != "" {
			return nil, fail(headerLine, "column %d's name %q holds %s: delete it from the header", i+1, header[i], msg)
		}
	}

	if line, text, ok := titleAbove(header, opts.DateColumn, src, sc); ok {
		lines := "lines"
		if line-1 == 1 {
			lines = "line"
		}
		return nil, fail(headerLine, "the header %q has no date column, but line %d (%q) has one: if the table starts there, under a title or notes, skip %d %s (skipLines: %d in the dataset of site.yaml) to read it as the header", strings.Join(header, string(sc.sep)), line, text, line-1, lines, line-1)
	}
	dateCol, err := findDateColumn(header, opts.DateColumn)
	if err != nil {
		return nil, &ParseError{Name: name, Line: headerLine, Err: err}
	}
	t := &Table{Name: name, DateColumn: header[dateCol]}
	colOf := make([]int, len(header)) // header index -> value column, dateIndex or unnamed
	seen := make(map[string]int, len(header))
	for i, h := range header {
		if i == dateCol {
			colOf[i] = dateIndex
			continue
		}
		if h == "" {
			colOf[i] = unnamed // an error if a row has a value in it
			continue
		}
		if j, dup := seen[h]; dup {
			return nil, fail(headerLine, "duplicate column name %q (columns %d and %d); give each column its own name", h, j+1, i+1)
		}
		seen[h] = i
		colOf[i] = len(t.Columns)
		t.Columns = append(t.Columns, h)
	}
	if len(t.Columns) == 0 {
		if err := oneColumn(t.DateColumn, sc.sep); err != nil {
			return nil, &ParseError{Name: name, Line: headerLine, Err: err}
		}
		if line, text, ok := tableBelow(src, sc.pos, sc.line, sc.sep); ok {
			return nil, fail(headerLine, "no value columns: the header has only the date column %q; if the table starts lower, under a title or notes, skip %d lines (skipLines: %d) to read line %d (%q) as the header", t.DateColumn, line-1, line-1, line, text)
		}
		return nil, fail(headerLine, "no value columns: the header has only the date column %q; add columns of numbers", t.DateColumn)
	}

	probs := &problems{name: name}
	marks, err := columnMarkers(t.Columns, opts)
	if err != nil {
		probs.add(0, err)
	}
	rr := &rowReader{t: t, sc: sc, colOf: colOf, headerLine: headerLine, marks: marks, probs: probs,
		dates: &dateParser{layout: opts.DateFormat}, nums: make([]numberColumn, len(t.Columns))}
	for c := range rr.nums {
		rr.nums[c] = numberColumn{mark: decimal, set: decimal != 0, commaSep: sc.sep == ','}
	}
	lines, bad := rr.read()
	if line, err := rr.dates.resolve(t.Dates); err != nil {
		probs.add(line, err)
	}
	for c := range rr.nums {
		if line, err := rr.nums[c].resolve(t.values[c], &marks[c]); err != nil {
			probs.add(line, fmt.Errorf("column %q: %w", t.Columns[c], err))
		}
	}
	if len(lines) == 0 && probs.n == 0 {
		return nil, fail(0, "no rows: the file has a header (line %d) but no data below it", headerLine)
	}
	if len(bad) > 0 {
		lines = t.dropRows(lines, bad)
	}
	t.sortRows(lines, probs)
	if len(opts.Columns) > 0 {
		sel, err := t.selectColumns(opts.Columns)
		if err != nil {
			probs.add(headerLine, err)
		}
		t = sel
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	return t, nil
}

// encodingError is a file that is not UTF-8, at its first bad line.
type encodingError struct {
	line int
	msg  string
}

func (e *encodingError) Error() string { return e.msg }

// checkUTF8 refuses text that is not UTF-8, naming the first line and byte
// that is not, since reading it would put garbled names into pages.
func checkUTF8(src string) *encodingError {
	if strings.HasPrefix(src, "\xff\xfe") || strings.HasPrefix(src, "\xfe\xff") {
		return &encodingError{msg: "the file is UTF-16 (Excel's \"Unicode Text\"); save it as UTF-8 (Excel: Save As \"CSV UTF-8\")"}
	}
	if i := strings.IndexByte(src, 0); i >= 0 {
		// No text file holds a NUL byte: a workbook, an archive or a
		// program, which saving as UTF-8 would not make a CSV.
		start := strings.LastIndexAny(src[:i], "\r\n") + 1
		return &encodingError{
			line: countLines(src[:start]) + 1,
			msg: fmt.Sprintf("byte 0x00 after %q: the file is not text but binary (an Excel workbook .xlsx, an archive, a program, or UTF-16 without its byte-order mark?); export the data as CSV UTF-8 (Excel: Save As \"CSV UTF-8\")",
				src[max(start, i-20):i]),
		}
	}
	if utf8.ValidString(src) {
		return nil
	}
	i := 0
	for i < len(src) {
		r, n := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	start := strings.LastIndexAny(src[:i], "\r\n") + 1
	return &encodingError{
		line: countLines(src[:start]) + 1,
		msg: fmt.Sprintf("byte 0x%02X after %q is not UTF-8: the file seems saved as Latin-1 or Windows-1252; save it as UTF-8 (Excel: Save As \"CSV UTF-8\")",
			src[i], src[max(start, i-20):i]),
	}
}

// tableBelow finds the first record after pos, on line line, with two
// fields or more: the header of a table under a title or notes.
func tableBelow(src string, pos, line int, sep byte) (int, string, bool) {
	sc := &scanner{src: src, pos: pos, line: line, sep: sep}
	for {
		l, ok, err := sc.next()
		if err != nil || !ok {
			return 0, "", false
		}
		if len(sc.fields) > 1 {
			return l, strings.Join(sc.fields, string(sep)), true
		}
	}
}

// titleAbove reports whether header, of several fields (a title with a
// comma, "Oil prices, USD"), is a line above the table rather than its
// header: it has no date column (want, else one named date) and the first
// line of several fields below it has. It returns that line and its text.
func titleAbove(header []string, want, src string, sc *scanner) (int, string, bool) {
	if want == "" {
		want = "date"
	}
	if len(header) < 2 || lookup(header, want) >= 0 {
		return 0, "", false
	}
	line, text, ok := tableBelow(src, sc.pos, sc.line, sc.sep)
	if !ok || lookup(strings.Split(text, string(sc.sep)), want) < 0 {
		return 0, "", false
	}
	return line, text, true
}

// Markers in colOf, which maps a header index to a value column.
const (
	dateIndex = -1 // the date column
	unnamed   = -2 // a column without a name, which must stay empty
)

// checkWidth checks that a row has one field per header column. Excel's
// trailing empty columns are let through: a row may leave out fields of
// unnamed columns at its end, and may have extra fields that are empty.
func checkWidth(fields []string, colOf []int, sep byte) error {
	n, want := len(fields), len(colOf)
	if n > want {
		for _, f := range fields[want:] {
			if !isBlank(f) {
				return fmt.Errorf("expected %d fields as in the header, got %d; %s", want, n, quoteHint(sep))
			}
		}
		return nil
	}
	for _, c := range colOf[n:] {
		if c != unnamed {
			return fmt.Errorf("expected %d fields as in the header, got %d; every row needs one field per header column", want, n)
		}
	}
	return nil
}

// quoteHint says which fields to quote in a file separated by sep.
func quoteHint(sep byte) string {
	switch sep {
	case ';':
		return "quote fields that contain semicolons"
	case '\t':
		return "quote fields that contain tabs"
	}
	return "quote fields that contain commas, such as numbers with thousands separators (\"1,234.5\")"
}

// selectColumns keeps the columns named by the values of cols, renamed to
// their keys, in the order of the sorted keys.
func (t *Table) selectColumns(cols map[string]string) (*Table, error) {
	names := make([]string, 0, len(cols))
	for n := range cols {
		names = append(names, n)
	}
	sort.Strings(names)
	out := &Table{Name: t.Name, DateColumn: t.DateColumn, Dates: t.Dates}
	for _, n := range names {
		c := lookup(t.Columns, cols[n])
		if c < 0 {
			return nil, fmt.Errorf("columns: %s: no column %q in the file (columns: %s)", n, cols[n], strings.Join(t.Columns, ", "))
		}
		out.Columns = append(out.Columns, n)
		out.values = append(out.values, t.values[c])
	}
	return out, nil
}

// readAll reads r to the end, in one allocation when r tells its size.
func readAll(r io.Reader) ([]byte, error) {
	n := 0
	switch v := r.(type) {
	case interface{ Len() int }:
		n = v.Len()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Size() < 1<<30 {
			n = int(fi.Size())
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// findDateColumn returns the index of the date column in header.
func findDateColumn(header []string, want string) (int, error) {
	if want != "" {
		if i := lookup(header, want); i >= 0 {
			return i, nil
		}
		return -1, fmt.Errorf("date column %q not found (columns: %s): name one of these as the date column, with date: in the dataset of site.yaml or x: in the chart", want, strings.Join(header, ", "))
	}
	for i, h := range header {
		if strings.EqualFold(h, "date") {
			return i, nil
		}
	}
	return 0, nil
}

// lookup finds name in names, exactly first, then ignoring case.
func lookup(names []string, name string) int {
	if i := slices.Index(names, name); i >= 0 {
		return i
	}
	for i, n := range names {
		if strings.EqualFold(n, name) {
			return i
		}
	}
	return -1
}

// columnMarkers returns the extra missing markers of each value column,
// and the markers so far with an error for an unknown column.
func columnMarkers(columns []string, opts LoadOptions) ([]markers, error) {
	marks := make([]markers, len(columns))
	for c := range marks {
		for _, m := range opts.Missing {
			marks[c].add(m)
		}
	}
	keys := make([]string, 0, len(opts.MissingByColumn))
	for k := range opts.MissingByColumn {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := lookup(columns, k)
		if c < 0 {
			return marks, fmt.Errorf("missing markers given for unknown column %q (columns: %s)", k, strings.Join(columns, ", "))
		}
		for _, m := range opts.MissingByColumn[k] {
			marks[c].add(m)
		}
	}
	return marks, nil
}

// sortRows sorts the rows by date, stably, if they are not sorted, and
// adds to probs each row whose date an earlier line has. lines holds each
// row's line number.
func (t *Table) sortRows(lines []int, probs *problems) {
	sorted := true
	for i := 1; i < len(t.Dates); i++ {
		if !t.Dates[i-1].Before(t.Dates[i]) {
			sorted = false
			break
		}
	}
	if !sorted {
		perm := make([]int, len(t.Dates))
		for i := range perm {
			perm[i] = i
		}
		sort.SliceStable(perm, func(a, b int) bool { return t.Dates[perm[a]].Before(t.Dates[perm[b]]) })
		dates := make([]time.Time, len(perm))
		newLines := make([]int, len(perm))
		for i, p := range perm {
			dates[i] = t.Dates[p]
			newLines[i] = lines[p]
		}
		t.Dates, lines = dates, newLines
		for c, col := range t.values {
			v := make([]float64, len(perm))
			for i, p := range perm {
				v[i] = col[p]
			}
			t.values[c] = v
		}
	}
	first := 0 // the first row of a run of equal dates: in file order, as the sort is stable
	for i := 1; i < len(t.Dates); i++ {
		if !t.Dates[first].Equal(t.Dates[i]) {
			first = i
			continue
		}
		if probs.full(lines[i]) {
			probs.skip()
			continue
		}
		probs.add(lines[i], fmt.Errorf("duplicate date %s (also on line %d); keep one row per date", formatDate(t.Dates[i]), lines[first]))
	}
}

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.Dates) }

// LastDate returns the date of the last row, the latest date in the table.
func (t *Table) LastDate() time.Time {
	if len(t.Dates) == 0 {
		return time.Time{}
	}
	return t.Dates[len(t.Dates)-1]
}

// Series returns a copy of the named column as a Series with the table's
// dates. The column is matched exactly first, then ignoring case; an
// unknown column is an error that lists the columns and says how to fix it. Series has the shape
// of a Resolver, so t.Series can be passed to Apply.
func (t *Table) Series(column string) (Series, error) {
	c := lookup(t.Columns, column)
	if c < 0 {
		if column != "" && strings.EqualFold(column, t.DateColumn) {
			return Series{}, fmt.Errorf("column %q is the date column; name a column of values (columns: %s)", column, strings.Join(t.Columns, ", "))
		}
		return Series{}, fmt.Errorf("unknown column %q (columns: %s): name one of these, or put %q back in the file's header if it was renamed", column, strings.Join(t.Columns, ", "), column)
	}
	return Series{
		Name:   t.Columns[c],
		Dates:  shared(t.Dates),
		Values: slices.Clone(t.values[c]),
	}, nil
}

// ReadFile reads the data file name of fsys, refusing one over max bytes
// (a table takes several times its file in memory: 200 MB of CSV took
// 1.3 GB and a minute to load) with a *ParseError saying what to do.
func ReadFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	if fi, err := fs.Stat(fsys, name); err == nil && fi.Size() > max {
		return nil, &ParseError{Name: name, Err: fmt.Errorf("the file is %d bytes, over fetch.maxBytes (%d), the largest data file a build reads: keep the rows and columns the charts use in a smaller file, or raise fetch.maxBytes in site.yaml", fi.Size(), max)}
	}
	return fs.ReadFile(fsys, name)
}

// hiddenRune describes the first character of a column name that a
// reader cannot see, or "" when there is none: a control character
// (other than the line breaks and tabs a spreadsheet's header cell may
// hold) would be published as it is into pages, where HTML and SVG do not
// allow it, and a format character such as a zero-width space makes the
// name look like another, so that an "unknown column" message would list
// the very name a chart asked for. The joiners U+200C and U+200D are
// kept: scripts such as Persian and emoji sequences need them.
func hiddenRune(name string) string {
	for _, r := range name {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\u200c' || r == '\u200d':
		case unicode.IsControl(r):
			return fmt.Sprintf("the control character %U, which a page cannot show", r)
		case unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("the invisible character %U, which makes it look like another name", r)
		}
	}
	return ""
}
