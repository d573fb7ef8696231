package data

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// numberForm is what the separators of a number cell say of its decimal
// mark.
type numberForm int

const (
	formOther numberForm = iota // not digits and separators: parseCell reads or refuses it
	formPlain                   // no separator: 1234, -5, 1e6
	formDot                     // a decimal full stop: 1.5, 0.234, 1,234.5, 1,234,567
	formComma                   // a decimal comma: 1,5, 0,234, 1.234,5, 1.234.567
	formBoth                    // either: one separator before three digits, 1.234 or 1,234
)

// parseDecimal reads LoadOptions.Decimal: "." or ",", or "" to let each
// column show its decimal mark.
func parseDecimal(s string) (byte, error) {
	switch s {
	case "":
		return 0, nil
	case ".", ",":
		return s[0], nil
	}
	return 0, fmt.Errorf("decimal is %q; write \".\" or \",\", or leave it out to let each column show its decimal mark", s)
}

// classifyNumber reads the trimmed cell s as a number with a decimal full
// stop and as one with a decimal comma, the other separator grouping
// thousands, and returns its form and the two readings written as
// strconv.ParseFloat reads them ("" for a reading that does not fit).
// Thousands are grouped in threes after a first group of 1 to 3 digits
// that does not start with 0; any other grouping fits neither reading.
func classifyNumber(s string) (form numberForm, dot, comma string) {
	body, sign := s, ""
	if body != "" && (body[0] == '-' || body[0] == '+') {
		body, sign = body[1:], body[:1]
	}
	exp := ""
	if i := strings.IndexAny(body, "eE"); i >= 0 {
		body, exp = body[:i], body[i:]
		e := strings.TrimLeft(exp[1:], "+-")
		if _, ok := digits(e); !ok || e == "" || len(exp)-len(e) > 2 {
			return formOther, "", ""
		}
	}
	hasDigit := false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c >= '0' && c <= '9':
			hasDigit = true
		case c != '.' && c != ',':
			return formOther, "", ""
		}
	}
	if !hasDigit {
		return formOther, "", ""
	}
	if !strings.ContainsAny(body, ".,") {
		return formPlain, s, s
	}
	d, okD := regroup(body, '.', ',')
	c, okC := regroup(body, ',', '.')
	switch {
	case okD && okC:
		return formBoth, sign + d + exp, sign + c + exp
	case okD:
		return formDot, sign + d + exp, ""
	case okC:
		return formComma, "", sign + c + exp
	}
	return formOther, "", ""
}

// regroup writes body, digits with separators, with dec as its decimal
// mark and thous between groups of thousands, as a plain number, or reports
// false when it does not fit that reading.
func regroup(body string, dec, thous byte) (string, bool) {
	whole, frac, hasDec := body, "", false
	if i := strings.IndexByte(body, dec); i >= 0 {
		whole, frac, hasDec = body[:i], body[i+1:], true
		if strings.IndexByte(frac, dec) >= 0 || strings.IndexByte(frac, thous) >= 0 {
			return "", false
		}
	}
	if strings.IndexByte(whole, thous) >= 0 {
		groups := strings.Split(whole, string(thous))
		if g := groups[0]; g == "" || len(g) > 3 || g[0] == '0' {
			return "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", false
			}
		}
		whole = strings.Join(groups, "")
	}
	switch {
	case whole == "" && frac == "":
		return "", false
	case hasDec:
		return whole + "." + frac, true
	}
	return whole, true
}

// numberColumn reads the numbers of one value column. Its decimal mark is
// set by LoadOptions.Decimal, or shown by the first cell that can be read
// only one way (1,5 or 1.234,5 shows a comma; 1.5 or 1,234.5 a full stop).
// A cell that reads both ways (1.234) is kept in pending until the column
// shows its mark, and resolve settles it once the column is read, as
// dateParser does for dates. In a comma-separated file a number without a
// comma is read with a full stop, as always, and a decimal comma is not
// read unless set.
type numberColumn struct {
	mark     byte         // '.' or ',' once set or shown; 0 until then
	set      bool         // mark comes from LoadOptions.Decimal
	commaSep bool         // the file is comma-separated
	shown    numberCell   // the cell that showed mark
	pending  []numberCell // cells that read both ways, while mark is 0
}

// numberCell is a cell of a numberColumn, with its two readings.
type numberCell struct {
	text       string
	dot, comma string
	row, line  int
}

// read returns the value of the trimmed cell f, on row row (counting rows
// read) and line line, or NaN for a cell resolve will fill in.
func (c *numberColumn) read(f string, m *markers, row, line int) (float64, error) {
	noComma := strings.IndexByte(f, ',') < 0
	if f == "" || c.mark == '.' && noComma {
		return parseCell(f, m, '.')
	}
	if c.commaSep && c.mark == 0 && noComma {
		// 1.234 is 1.234 here, as it always was; 1.5 shows the full stop
		// that settles the column's 1,234.
		if strings.IndexByte(f, '.') >= 0 {
			if form, dot, _ := classifyNumber(f); form == formDot {
				c.mark, c.shown = '.', numberCell{text: f, dot: dot, row: row, line: line}
			}
		}
		return parseCell(f, m, '.')
	}
	form, dot, comma := classifyNumber(f)
	cell := numberCell{text: f, dot: dot, comma: comma, row: row, line: line}
	switch form {
	case formOther, formPlain:
		return parseCell(f, m, c.hintMark())
	case formDot:
		if err := c.show('.', cell); err != nil {
			return 0, err
		}
		return numberValue(dot, f, m)
	case formComma:
		if err := c.show(',', cell); err != nil {
			return 0, err
		}
		return numberValue(comma, f, m)
	}
	switch c.mark {
	case '.':
		return numberValue(dot, f, m)
	case ',':
		return numberValue(comma, f, m)
	}
	c.pending = append(c.pending, cell)
	return math.NaN(), nil
}

// hintMark is the decimal mark an error's example is written with: 0 when
// the column has not shown one.
func (c *numberColumn) hintMark() byte {
	if c.mark == 0 && c.commaSep {
		return '.'
	}
	return c.mark
}

// show records that cell has the decimal mark mark, and refuses it when
// the column's mark is the other one, or when it is a comma in a
// comma-separated file where none was set.
func (c *numberColumn) show(mark byte, cell numberCell) error {
	switch {
	case c.mark == mark:
		return nil
	case c.mark == 0 && mark == ',' && c.commaSep:
		return fmt.Errorf("%q has a decimal comma, which a comma-separated file does not use; write it %s, or set decimal: \",\" if the decimal mark of every number of the file is a comma", cell.text, cell.comma)
	case c.mark == 0:
		c.mark, c.shown = mark, cell
		return nil
	case c.set && mark == '.':
		return fmt.Errorf("%q has a decimal full stop, but the decimal mark is set to a comma (decimal: \",\"); write it %s, or set decimal: \".\"", cell.text, strings.Replace(cell.dot, ".", ",", 1))
	case c.set:
		return fmt.Errorf("%q has a decimal comma, but the decimal mark is set to a full stop (decimal: \".\"); write it %s, or set decimal: \",\"", cell.text, cell.comma)
	}
	return fmt.Errorf("%q has a decimal %s, but %q on line %d has a decimal %s; write the numbers of a column one way, best with a full stop and without thousands separators", cell.text, markName(mark), c.shown.text, c.shown.line, markName(c.mark))
}

// resolve fills in values, indexed by row, for the cells that read both
// ways, as the column has shown its decimal mark. When it has not, it is
// an error at the first such cell, since a guess would be a thousand times
// off.
func (c *numberColumn) resolve(values []float64, m *markers) (line int, err error) {
	if len(c.pending) == 0 {
		return 0, nil
	}
	if c.mark == 0 {
		p := c.pending[0]
		switch {
		case c.commaSep:
			return p.line, fmt.Errorf("%q may be %s (a comma between thousands) or %s (a decimal comma), and no number of the column shows which; write it %s, or set decimal: \".\" if commas separate thousands", p.text, p.dot, p.comma, p.dot)
		case strings.IndexByte(p.text, '.') >= 0:
			return p.line, fmt.Errorf("%q may be %s (a decimal full stop) or %s (a full stop between thousands), and no number of the column shows which, as 0,5 or 1.5 would; set decimal: \",\" or decimal: \".\" for the dataset, or save the file with a full stop as the decimal mark and no thousands separators", p.text, p.dot, p.comma)
		}
		return p.line, fmt.Errorf("%q may be %s (a decimal comma) or %s (a comma between thousands), and no number of the column shows which, as 0,5 or 1.5 would; set decimal: \",\" or decimal: \".\" for the dataset, or save the file with a full stop as the decimal mark and no thousands separators", p.text, p.comma, p.dot)
	}
	for _, p := range c.pending {
		s := p.dot
		if c.mark == ',' {
			s = p.comma
		}
		v, err := numberValue(s, p.text, m)
		if err != nil {
			return p.line, err
		}
		values[p.row] = v
	}
	return 0, nil
}

// markName names a decimal mark.
func markName(mark byte) string {
	if mark == ',' {
		return "comma"
	}
	return "full stop"
}

// tooLarge is the error of a cell past the largest 64-bit float.
func tooLarge(cell string) error {
	return fmt.Errorf("value %q is too large to draw (the limit is about 1.8e308): correct the cell, or leave it empty for a gap", cell)
}

// numberValue parses s, the cell written plainly, or reports a cell too
// large; a value matching a numeric missing marker is a gap.
func numberValue(s, cell string, m *markers) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err == nil:
	case errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0):
		return 0, tooLarge(cell)
	case errors.Is(err, strconv.ErrRange):
		// underflow to zero or a subnormal: keep it
	default:
		return 0, fmt.Errorf("cannot parse %q as a number: %w", cell, err)
	}
	if m.matches(v) {
		return math.NaN(), nil
	}
	return v, nil
}
