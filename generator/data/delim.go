package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// delimiters are the field separators Load recognises, in the order they
// are named in messages.
const delimiters = ",;\t"

// detectRows is how many lines below the header delimiter detection reads.
const detectRows = 5

// parseDelimiter reads LoadOptions.Delimiter: "," ";" "\t" or "tab", or
// "" to detect the separator from the file.
func parseDelimiter(s string) (byte, error) {
	switch s {
	case "":
		return 0, nil
	case ",", ";", "\t":
		return s[0], nil
	case "tab":
		return '\t', nil
	}
	return 0, fmt.Errorf("delimiter is %q; write \",\", \";\" or \"tab\", or leave it out to detect it from the header", s)
}

// delimiterName names a separator as a dataset's delimiter setting is
// written: "," ";" or tab.
func delimiterName(sep byte) string {
	if sep == '\t' {
		return `"tab"`
	}
	return fmt.Sprintf("%q", string(sep))
}

// detectDelimiter returns the separator of the table whose header starts
// at pos, on line line, of src: the one of comma, semicolon and tab that
// splits the header into two fields or more and the next lines into as
// many. When none does it is the comma, whose errors say what is wrong;
// when more than one does, the file does not tell, which is an error
// naming them and the setting that settles it, on the header's line.
func detectDelimiter(src string, pos, line int) (byte, int, error) {
	var fits []string
	sep, header := byte(','), 0
	for i := 0; i < len(delimiters); i++ {
		if l, ok := splitsEvenly(src, pos, line, delimiters[i]); ok {
			sep, header = delimiters[i], l
			fits = append(fits, delimiterName(sep))
		}
	}
	if len(fits) > 1 {
		return 0, header, fmt.Errorf("the header and the lines below it split into as many fields at %s alike; set the delimiter of the dataset to the one between the columns (delimiter: %s)", strings.Join(fits, " and at "), strings.Join(fits, " or delimiter: "))
	}
	return sep, 0, nil
}

// splitsEvenly reports whether sep splits the header at pos into two
// fields or more and each of the next detectRows lines (at least one) into
// as many, as checkWidth counts them: empty fields at the end of the longer
// of the two do not count. It returns the header's line.
func splitsEvenly(src string, pos, line int, sep byte) (int, bool) {
	sc := &scanner{src: src, pos: pos, line: line, sep: sep}
	header, ok, err := sc.next()
	if !ok || err != nil || len(sc.fields) < 2 {
		return 0, false
	}
	names := append([]string(nil), sc.fields...)
	rows := 0
	for ; rows < detectRows; rows++ {
		_, ok, err := sc.next()
		if err != nil {
			return 0, false
		}
		if !ok {
			break
		}
		if !sameWidth(names, sc.fields) {
			return 0, false
		}
	}
	return header, rows > 0
}

// sameWidth reports whether a row has as many fields as the header, but
// for empty fields at the end of the longer.
func sameWidth(header, row []string) bool {
	longer, n := row, len(header)
	if len(header) > len(row) {
		longer, n = header, len(row)
	}
	for _, f := range longer[n:] {
		if !isBlank(f) {
			return false
		}
	}
	return true
}

// oneColumn explains a header read as one column, when another separator
// seems to split it: the lines below did not split evenly by it, or it is
// one Load does not read.
func oneColumn(header string, sep byte) error {
	for _, other := range []byte(";\t|,") {
		if other == sep || strings.IndexByte(header, other) < 0 {
			continue
		}
		if other == '|' {
			return fmt.Errorf("one column %q: the columns seem separated by \"|\", which a CSV file does not use; export it again with commas, semicolons or tabs between the columns", header)
		}
		return fmt.Errorf("one column %q: the columns seem separated by %s, but the lines below the header do not split into as many fields; set the delimiter of the dataset (delimiter: %s) to read it so and see which line differs", header, delimiterName(other), delimiterName(other))
	}
	return nil
}

// sepLine reads Excel's first line naming the separator, "sep=;" (or
// "sep=," or "sep=" and a tab), and moves past it. It returns the separator,
// or 0 when the first line is not one. set is the separator the dataset
// sets, or 0: a sep= line naming another is an error naming both.
func (sc *scanner) sepLine(set byte) (byte, error) {
	end := lineEnd(sc.src, 0)
	line := sc.src[:end]
	if len(line) < 4 || !strings.EqualFold(line[:4], "sep=") {
		return 0, nil
	}
	r, n := utf8.DecodeRuneInString(line[4:])
	if n == 0 || strings.Trim(line[4+n:], string(r)+" ") != "" {
		return 0, fmt.Errorf("the first line %q should name the delimiter as Excel does: sep=, sep=; or sep= and a tab; write one of these, or delete the line", line)
	}
	if r >= utf8.RuneSelf || strings.IndexByte(delimiters, byte(r)) < 0 {
		return 0, fmt.Errorf("the first line %q names the delimiter %q, which a CSV file does not use; export it again with commas, semicolons or tabs between the columns", line, string(r))
	}
	sep := byte(r)
	if set != 0 && set != sep {
		return 0, fmt.Errorf("the first line %q names the delimiter %s, but the dataset sets delimiter: %s; make them agree, or delete one of the two", line, delimiterName(sep), delimiterName(set))
	}
	sc.pos = end
	sc.eol()
	return sep, nil
}
