package figure

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/period"
)

// A claim compares two operands, each an inline figure in {{ }} or a
// number (5, -0.25, 5%: a percent sign is dropped, since figures in percent
// are computed in percent):
//
//	{{ sizes.small_cap | ytd }} < {{ sizes.large_cap | ytd }}
//	{{ fedfunds.FEDFUNDS | last }} > 5
//	{{ fedfunds.FEDFUNDS | last }} within 0.25 of {{ fedfunds.FEDFUNDS | range:1y | mean }}
//
// Operators: <, <=, >, >=, == (equal within a billionth), != and
// "within T of" (the difference is at most T).

// Claim is a parsed claim check.
type Claim struct {
	Left, Right operand
	Op          string  // <, <=, >, >=, ==, !=, within
	Tolerance   float64 // for within
}

type operand struct {
	expr *Expr   // nil for a number
	text string  // the source text: {{ … }} or the number as written
	num  float64 // the number
}

// ClaimOps lists the comparison operators of a claim.
func ClaimOps() []string { return []string{"<", "<=", ">", ">=", "==", "!=", "within"} }

// ParseClaim parses a claim's check.
func ParseClaim(s string) (*Claim, error) {
	rest := strings.TrimSpace(s)
	left, rest, err := parseOperand(rest)
	if err != nil {
		return nil, err
	}
	c := &Claim{Left: left}
	rest = strings.TrimSpace(rest)
	for _, op := range []string{"<=", ">=", "==", "!=", "<", ">", "within "} {
		if strings.HasPrefix(rest, op) {
			c.Op, rest = strings.TrimSpace(op), strings.TrimSpace(rest[len(op):])
			break
		}
	}
	if c.Op == "" {
		return nil, fmt.Errorf("after %s, expected a comparison (%s), as in {{ a.x | ytd }} < {{ a.y | ytd }}", left.text, strings.Join(ClaimOps(), " "))
	}
	if c.Op == "within" {
		tol, after, err := parseOperand(rest)
		if err != nil || tol.expr != nil {
			return nil, fmt.Errorf("within needs a number and of, as in {{ a.x | last }} within 0.5 of 5")
		}
		after = strings.TrimSpace(after)
		if !strings.HasPrefix(after, "of ") && !strings.HasPrefix(after, "of{") {
			return nil, fmt.Errorf("within needs a number and of, as in {{ a.x | last }} within 0.5 of 5")
		}
		if tol.num < 0 || math.IsNaN(tol.num) {
			return nil, fmt.Errorf("within %s: the tolerance is how far apart the two may be, 0 or more, as in {{ a.x | last }} within 0.5 of 5", strconv.FormatFloat(tol.num, 'f', -1, 64))
		}
		c.Tolerance, rest = tol.num, after[2:]
	}
	if c.Right, rest, err = parseOperand(strings.TrimSpace(rest)); err != nil {
		return nil, err
	}
	if strings.TrimSpace(rest) != "" {
		return nil, fmt.Errorf("unexpected %q after the comparison; a claim compares two values", strings.TrimSpace(rest))
	}
	if c.Left.expr == nil && c.Right.expr == nil {
		return nil, fmt.Errorf("a claim needs at least one figure in {{ }}")
	}
	return c, nil
}

// parseOperand reads a {{ figure }} or a number at the start of s.
func parseOperand(s string) (operand, string, error) {
	if strings.HasPrefix(s, "{{") {
		end := strings.Index(s, "}}")
		if end < 0 {
			return operand{}, "", fmt.Errorf("%q: a figure needs its closing }}", s)
		}
		e, err := ParseExpr(strings.TrimSpace(s[2:end]))
		if err != nil {
			return operand{}, "", fmt.Errorf("figure %s: %w", s[:end+2], err)
		}
		if e.DateStat != "" {
			return operand{}, "", fmt.Errorf("figure %s gives a date; claims compare numbers", s[:end+2])
		}
		return operand{expr: e, text: s[:end+2]}, s[end+2:], nil
	}
	end := strings.IndexFunc(s, func(r rune) bool { return r == ' ' || r == '<' || r == '>' || r == '=' || r == '!' })
	if end < 0 {
		end = len(s)
	}
	word := s[:end]
	v, err := strconv.ParseFloat(strings.TrimSuffix(word, "%"), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		if word == "" {
			return operand{}, "", fmt.Errorf("expected a {{ figure }} or a number at the end")
		}
		return operand{}, "", fmt.Errorf("%q is neither a {{ figure }} nor a number", word)
	}
	return operand{text: word, num: v}, s[end:], nil
}

// ClaimResult is a claim evaluated against the data.
type ClaimResult struct {
	Holds       bool
	Left, Right string // the values compared, formatted as the figures are
	Summary     string // "4.3% < 1.2%": the comparison with the values in place
	// Through is the date of the newest data the claim's figures read
	// ("November 2023"), so that a notice says when the claim stopped
	// holding.
	Through string
}

// CheckClaim evaluates a front-matter claim of the markdown file at file.
// An error (a bad check, an unknown column) names file:line.
//
// The comparison is made on the figures' values, not on their text. When
// the text of a claim that fails would read as if it held (a figure of
// 4.55 in the format percent:0 reads "5%", and "5% == 5% is false" tells
// nobody what to fix), its figures are written with as many more decimals
// (up to six) as it takes for the text to show why it fails: "4.5% == 5%".
func (s *Set) CheckClaim(file string, c content.Claim) (*ClaimResult, error) {
	fail := func(err error) error { return fmt.Errorf("%s:%d: claim %q: %w", file, c.Line, c.Check, err) }
	cl, err := ParseClaim(c.Check)
	if err != nil {
		return nil, fail(err)
	}
	var through period.Date
	val := func(o operand) (float64, error) {
		if o.expr == nil {
			return o.num, nil
		}
		v, _, t, err := o.expr.Value(s, file)
		if err == nil && t.Time.After(through.Time) {
			through = t
		}
		return v, err
	}
	l, err := val(cl.Left)
	if err != nil {
		return nil, fail(fmt.Errorf("%s: %w", cl.Left.text, err))
	}
	r, err := val(cl.Right)
	if err != nil {
		return nil, fail(fmt.Errorf("%s: %w", cl.Right.text, err))
	}
	res := &ClaimResult{Holds: compare(cl.Op, l, r, cl.Tolerance)}
	if !through.Time.IsZero() {
		res.Through = through.String()
	}
	for extra := 0; ; extra++ {
		lt, ln := cl.Left.shown(l, extra)
		rt, rn := cl.Right.shown(r, extra)
		res.Left, res.Right = lt, rt
		if res.Holds || !compare(cl.Op, ln, rn, cl.Tolerance) || extra == 6 {
			break
		}
	}
	res.Summary = res.Left + " " + cl.Op + " " + res.Right
	if cl.Op == "within" {
		res.Summary = fmt.Sprintf("%s within %s of %s", res.Left, strconv.FormatFloat(cl.Tolerance, 'f', -1, 64), res.Right)
	}
	return res, nil
}

// compare tells whether l op r holds; == is equality within a billionth.
func compare(op string, l, r, tol float64) bool {
	eq := math.Abs(l-r) <= 1e-9*math.Max(1, math.Max(math.Abs(l), math.Abs(r)))
	switch op {
	case "<":
		return l < r && !eq
	case "<=":
		return l < r || eq
	case ">":
		return l > r && !eq
	case ">=":
		return l > r || eq
	case "==":
		return eq
	case "!=":
		return !eq
	case "within":
		return math.Abs(l-r) <= tol*(1+1e-9)
	}
	return false
}

// shown is how an operand of value v reads in a claim's summary, with
// extra decimals beyond its format's, and the number that text shows. A
// number is shown as written.
func (o operand) shown(v float64, extra int) (string, float64) {
	if o.expr == nil {
		return o.text, o.num
	}
	f := o.expr.Format
	d := f.Decimals
	if d < 0 { // the default decimals of formatValue
		switch {
		case f.Kind == "percent":
			d = 1
		case v == math.Trunc(v):
			d = 0
		default:
			d = 2
		}
	}
	d += extra
	p := math.Pow10(d)
	return formatValue(v, f.Kind, "", d, f.Signed), math.Round(v*p) / p
}
