package figure

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/content"
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
}

// CheckClaim evaluates a front-matter claim of the markdown file at file.
// An error (a bad check, an unknown column) names file:line.
func (s *Set) CheckClaim(file string, c content.Claim) (*ClaimResult, error) {
	fail := func(err error) error { return fmt.Errorf("%s:%d: claim %q: %w", file, c.Line, c.Check, err) }
	cl, err := ParseClaim(c.Check)
	if err != nil {
		return nil, fail(err)
	}
	val := func(o operand) (float64, string, error) {
		if o.expr == nil {
			return o.num, o.text, nil
		}
		return o.expr.Value(s, file)
	}
	l, lt, err := val(cl.Left)
	if err != nil {
		return nil, fail(fmt.Errorf("%s: %w", cl.Left.text, err))
	}
	r, rt, err := val(cl.Right)
	if err != nil {
		return nil, fail(fmt.Errorf("%s: %w", cl.Right.text, err))
	}
	eq := math.Abs(l-r) <= 1e-9*math.Max(1, math.Max(math.Abs(l), math.Abs(r)))
	res := &ClaimResult{Left: lt, Right: rt, Summary: lt + " " + cl.Op + " " + rt}
	switch cl.Op {
	case "<":
		res.Holds = l < r && !eq
	case "<=":
		res.Holds = l < r || eq
	case ">":
		res.Holds = l > r && !eq
	case ">=":
		res.Holds = l > r || eq
	case "==":
		res.Holds = eq
	case "!=":
		res.Holds = !eq
	case "within":
		res.Holds = math.Abs(l-r) <= cl.Tolerance*(1+1e-9)
		res.Summary = fmt.Sprintf("%s within %s of %s", lt, strconv.FormatFloat(cl.Tolerance, 'f', -1, 64), rt)
	}
	return res, nil
}
