package data

import (
	"fmt"
	"slices"
	"strings"
)

// ParseError is a problem with the contents of a CSV file. Its message
// starts with the file name and, when the problem is on one line, the line
// number: "data/prices.csv:12: column "sp500": ...".
type ParseError struct {
	Name string // file name given to Load
	Line int    // 1-based line of the file, 0 when the problem has no one line
	Err  error
}

// Error returns "name:line: problem".
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

// Unwrap returns the underlying problem.
func (e *ParseError) Unwrap() error { return e.Err }

// MaxListed is how many problems of one file Load lists; when there are
// more, the rest are counted in one last ParseError.
const MaxListed = 20

// ParseErrors is what Load returns when a file has more than one problem:
// one ParseError per problem, at most one per line, in line order, so
// that all of them can be fixed in one pass. When the file has more than
// MaxListed+1 problems, Errs holds the first MaxListed and then one more
// ParseError, on the line of the first problem not listed, saying how many
// are not. Errors.As finds the first problem as a *ParseError.
type ParseErrors struct {
	Name     string        // file name given to Load
	Errs     []*ParseError // the problems listed, in line order
	Unlisted int           // problems counted in the last of Errs, 0 if none
}

// Error returns the problems, one a line.
func (e *ParseErrors) Error() string {
	var b strings.Builder
	for i, pe := range e.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(pe.Error())
	}
	return b.String()
}

// Len returns the number of problems, listed or not.
func (e *ParseErrors) Len() int {
	if e.Unlisted > 0 {
		return len(e.Errs) - 1 + e.Unlisted
	}
	return len(e.Errs)
}

// Unwrap returns the problems, for errors.Is and errors.As and for
// printing one a line.
func (e *ParseErrors) Unwrap() []error {
	out := make([]error, len(e.Errs))
	for i, pe := range e.Errs {
		out[i] = pe
	}
	return out
}

// problems collects the problems Load finds in one file. It keeps the
// MaxListed+1 of the lowest lines and counts the rest, so a file of a
// million bad lines costs no more memory than one of twenty, and adding a
// problem below the kept ones, as rows are read in order, is constant
// time.
type problems struct {
	name string
	kept []*ParseError // sorted by line; equal lines in the order added
	n    int           // problems added
}

// full reports whether a problem on line would be counted, not kept: the
// caller may then skip writing its message.
func (p *problems) full(line int) bool {
	return len(p.kept) > MaxListed && p.kept[len(p.kept)-1].Line <= line
}

// add records err, a problem on line (0 for none).
func (p *problems) add(line int, err error) {
	p.n++
	if p.full(line) {
		return
	}
	i := len(p.kept)
	for i > 0 && p.kept[i-1].Line > line {
		i--
	}
	p.kept = slices.Insert(p.kept, i, &ParseError{Name: p.name, Line: line, Err: err})
	if len(p.kept) > MaxListed+1 {
		p.kept = p.kept[:MaxListed+1]
	}
}

// skip records that line's problem was counted without its message: the
// caller checked full(line).
func (p *problems) skip() { p.n++ }

// err returns nil for no problem, a *ParseError for one and a
// *ParseErrors for more.
func (p *problems) err() error {
	switch {
	case p.n == 0:
		return nil
	case p.n == 1:
		return p.kept[0]
	case p.n == len(p.kept):
		return &ParseErrors{Name: p.name, Errs: p.kept}
	}
	next := p.kept[MaxListed]
	unlisted := p.n - MaxListed
	errs := append(p.kept[:MaxListed:MaxListed], &ParseError{Name: p.name, Line: next.Line,
		Err: fmt.Errorf("%d more problems from this line on are not listed; fix the ones above to see the rest", unlisted)})
	return &ParseErrors{Name: p.name, Errs: errs, Unlisted: unlisted}
}
