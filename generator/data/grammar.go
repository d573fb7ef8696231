package data

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/suggest"
)

// Transform is a parsed transform, such as rolling_mean(50). Op is its
// name; the other fields hold its arguments and are ignored by the
// transforms that take no such argument. ParseTransform fills in every
// default; a Transform built by hand may leave them zero.
type Transform struct {
	// Op is the transform's name, one of TransformNames.
	Op string
	// N is the number of points of pct_change (0 means 1) and the window
	// of rolling_mean, rolling_volatility and rolling_correlation.
	N int
	// PeriodsPerYear annualises rolling_volatility; 0 infers it from the
	// dates (see PeriodsPerYear).
	PeriodsPerYear int
	// Column names the other series of rolling_correlation, ratio and
	// real.
	Column string
	// Value is the base of rebase (0 means 100), the factor of ratio (0
	// means 1) and of scale, and the price level of real (0 means the
	// latest one).
	Value float64
	// Date, when not zero, makes real use the price level on that date as
	// its base.
	Date time.Time
	// Period and How are the arguments of resample (How "" means last).
	Period Period
	How    Aggregation
}

// transformSpec describes one transform of the grammar.
type transformSpec struct {
	name, syntax string
	min, max     int // number of arguments
	percent      bool
}

// transformSpecs returns the transforms of the grammar, sorted by name.
func transformSpecs() []transformSpec {
	return []transformSpec{
		{"cumulative", "cumulative", 0, 0, true},
		{"drawdown", "drawdown", 0, 0, true},
		{"log", "log", 0, 0, false},
		{"pct_change", "pct_change(n)", 0, 1, true},
		{"ratio", "ratio(column[, factor])", 1, 2, false},
		{"real", "real(cpi_column[, base_level_or_date])", 1, 2, false},
		{"rebase", "rebase[(base)]", 0, 1, false},
		{"resample", "resample(week|month|quarter|year[, last|first|mean|min|max|sum])", 1, 2, false},
		{"rolling_correlation", "rolling_correlation(column, n)", 2, 2, false},
		{"rolling_mean", "rolling_mean(n)", 1, 1, false},
		{"rolling_volatility", "rolling_volatility(n[, periods_per_year])", 1, 2, true},
		{"scale", "scale(k)", 1, 1, false},
		{"ytd", "ytd", 0, 0, true},
	}
}

// TransformNames returns the names of the transforms, sorted.
func TransformNames() []string {
	var names []string
	for _, t := range transformSpecs() {
		names = append(names, t.name)
	}
	return names
}

// TransformSyntax returns the grammar of every transform, sorted by name,
// such as "rolling_mean(n)", with optional arguments in brackets.
func TransformSyntax() []string {
	var syntax []string
	for _, t := range transformSpecs() {
		syntax = append(syntax, t.syntax)
	}
	return syntax
}

// ParseTransform parses a transform written as a name, optionally followed
// by arguments in parentheses: "rebase", "rebase(1)", "rolling_mean(50)",
// "rolling_correlation(sp500, 63)", "resample(month, last)". Names ignore
// case and may use - for _. A column name with a comma or parenthesis in it
// is quoted: ratio("S&P 500, TR"). See the package documentation for every
// transform.
func ParseTransform(s string) (Transform, error) {
	name, args, err := splitCall(s)
	if err != nil {
		return Transform{}, fmt.Errorf("transform %q: %w", s, err)
	}
	var spec *transformSpec
	specs := transformSpecs()
	for i := range specs {
		if specs[i].name == name {
			spec = &specs[i]
		}
	}
	if spec == nil {
		return Transform{}, unknownName("transform", name, TransformNames())
	}
	if len(args) < spec.min || len(args) > spec.max {
		return Transform{}, fmt.Errorf("transform %q: %s takes %s, got %d; write %s", s, name, argCount(spec.min, spec.max), len(args), spec.syntax)
	}
	t := Transform{Op: name}
	bad := func(what string, arg string) error {
		return fmt.Errorf("transform %q: %s must be %s, not %q; write %s", s, name, what, arg, spec.syntax)
	}
	switch name {
	case "rebase":
		t.Value = 100
		if len(args) == 1 {
			if t.Value, err = parseNumber(args[0]); err != nil || t.Value == 0 {
				return Transform{}, bad("a number other than 0", args[0])
			}
		}
	case "pct_change":
		t.N = 1
		if len(args) == 1 {
			if t.N, err = parseCount(args[0], 1); err != nil {
				return Transform{}, bad("a whole number of points, 1 or more", args[0])
			}
		}
	case "rolling_mean":
		if t.N, err = parseCount(args[0], 1); err != nil {
			return Transform{}, bad("a whole number of points, 1 or more", args[0])
		}
	case "rolling_volatility":
		if t.N, err = parseCount(args[0], 2); err != nil {
			return Transform{}, bad("a whole number of returns, 2 or more", args[0])
		}
		if len(args) == 2 {
			if t.PeriodsPerYear, err = parseCount(args[1], 1); err != nil {
				return Transform{}, bad("periods per year as a whole number such as 252, 52 or 12", args[1])
			}
		}
	case "rolling_correlation":
		t.Column = args[0]
		if t.N, err = parseCount(args[1], 2); err != nil {
			return Transform{}, bad("a whole number of returns, 2 or more", args[1])
		}
	case "ratio":
		t.Column, t.Value = args[0], 1
		if len(args) == 2 {
			if t.Value, err = parseNumber(args[1]); err != nil || t.Value == 0 {
				return Transform{}, bad("a factor other than 0, such as 100", args[1])
			}
		}
	case "real":
		t.Column = args[0]
		if len(args) == 2 {
			if strings.Contains(args[1], "-") && !strings.HasPrefix(args[1], "-") {
				if t.Date, _, err = parseBound(args[1]); err != nil {
					return Transform{}, bad("a date YYYY-MM-DD or a price level", args[1])
				}
			} else if t.Value, err = parseNumber(args[1]); err != nil || t.Value <= 0 {
				return Transform{}, bad("a positive price level or a date YYYY-MM-DD", args[1])
			}
		}
	case "resample":
		t.Period, t.How = Period(strings.ToLower(args[0])), LastOf
		switch t.Period {
		case Week, Month, Quarter, Year:
		default:
			return Transform{}, bad("week, month, quarter or year", args[0])
		}
		if len(args) == 2 {
			t.How = Aggregation(strings.ToLower(args[1]))
			switch t.How {
			case LastOf, FirstOf, MeanOf, MinOf, MaxOf, SumOf:
			default:
				return Transform{}, bad("last, first, mean, min, max or sum", args[1])
			}
		}
	case "scale":
		if t.Value, err = parseNumber(args[0]); err != nil {
			return Transform{}, bad("a number", args[0])
		}
	}
	return t, nil
}

// String returns t in the transform grammar, with every argument written
// out: "rebase(100)", "resample(month, last)".
func (t Transform) String() string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch t.Op {
	case "rebase":
		return "rebase(" + num(orDefault(t.Value, 100)) + ")"
	case "pct_change":
		return fmt.Sprintf("pct_change(%d)", max(t.N, 1))
	case "rolling_mean":
		return fmt.Sprintf("rolling_mean(%d)", t.N)
	case "rolling_volatility":
		if t.PeriodsPerYear > 0 {
			return fmt.Sprintf("rolling_volatility(%d, %d)", t.N, t.PeriodsPerYear)
		}
		return fmt.Sprintf("rolling_volatility(%d)", t.N)
	case "rolling_correlation":
		return fmt.Sprintf("rolling_correlation(%s, %d)", quoteArg(t.Column), t.N)
	case "ratio":
		return "ratio(" + quoteArg(t.Column) + ", " + num(orDefault(t.Value, 1)) + ")"
	case "real":
		switch {
		case !t.Date.IsZero():
			return "real(" + quoteArg(t.Column) + ", " + formatDate(t.Date) + ")"
		case t.Value != 0:
			return "real(" + quoteArg(t.Column) + ", " + num(t.Value) + ")"
		}
		return "real(" + quoteArg(t.Column) + ")"
	case "resample":
		how := t.How
		if how == "" {
			how = LastOf
		}
		return fmt.Sprintf("resample(%s, %s)", t.Period, how)
	case "scale":
		return "scale(" + num(t.Value) + ")"
	}
	return t.Op
}

// Percent reports whether t's result is a percentage (pct_change,
// cumulative, ytd, rolling_volatility, drawdown), for labelling axes.
func (t Transform) Percent() bool {
	for _, s := range transformSpecs() {
		if s.name == t.Op {
			return s.percent
		}
	}
	return false
}

// orDefault returns v, or def when v is 0.
func orDefault(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// Apply returns s transformed by t. Transforms that name another column
// get its series from other, which may be nil when t names none. rebase and
// cumulative measure from the first value of s that is not a gap.
func Apply(s Series, t Transform, other Resolver) (Series, error) {
	return apply(s, t, other, time.Time{})
}

// ApplyAll applies ts to s in order.
func ApplyAll(s Series, ts []Transform, other Resolver) (Series, error) {
	for _, t := range ts {
		var err error
		if s, err = Apply(s, t, other); err != nil {
			return Series{}, err
		}
	}
	return s, nil
}

// ApplyRange applies ts to the whole of s, in order, and returns the part
// of the result inside r: so rolling windows, pct_change and drawdown see
// the history before the range, while rebase and cumulative measure from
// the first value inside the range, which a chart of the range shows as
// 100 (or 0 %). A result without a value in r is an error wrapping
// ErrEmptyRange, and so is one whose transforms left no value because s
// has none in r (rebase of a range past the data's end); one whose
// transforms left no value of the values s has in r wraps ErrNoData and
// names them.
func ApplyRange(s Series, ts []Transform, other Resolver, r Range) (Series, error) {
	in := s
	for _, t := range ts {
		var err error
		if s, err = apply(s, t, other, r.From); err != nil {
			return Series{}, err
		}
	}
	out, err := Window(s, r.From, r.To)
	if errors.Is(err, ErrNoData) && len(ts) > 0 {
		// Say the range is empty, not that the transforms leave nothing;
		// or, when it is not, which transforms leave nothing.
		_, rerr := Window(in, r.From, r.To)
		if errors.Is(rerr, ErrEmptyRange) {
			return Series{}, rerr
		}
		if rerr == nil {
			names := make([]string, len(ts))
			for i, t := range ts {
				names[i] = t.String()
			}
			return Series{}, fmt.Errorf("%w: series %q has values, but its transforms (%s) leave none: a window or lag longer than the data, or a correlation or volatility of values that never change?", ErrNoData, in.Name, strings.Join(names, ", "))
		}
	}
	return out, err
}

// apply applies t, anchoring rebase and cumulative at the first value at
// or after anchor.
func apply(s Series, t Transform, other Resolver, anchor time.Time) (Series, error) {
	var o Series
	if t.Op == "rolling_correlation" || t.Op == "ratio" || t.Op == "real" {
		if t.Column == "" {
			return Series{}, fmt.Errorf("%s: no column given", t.Op)
		}
		if other == nil {
			return Series{}, fmt.Errorf("%s: cannot look up column %q here", t, t.Column)
		}
		var err error
		if o, err = other(t.Column); err != nil {
			return Series{}, fmt.Errorf("%s: %w", t, err)
		}
	}
	switch t.Op {
	case "rebase":
		return rebaseAt(s, orDefault(t.Value, 100), anchor)
	case "cumulative":
		return cumulativeAt(s, anchor)
	case "pct_change":
		return PctChange(s, max(t.N, 1))
	case "ytd":
		return YTD(s)
	case "rolling_mean":
		return RollingMean(s, t.N)
	case "rolling_volatility":
		return RollingVolatility(s, t.N, t.PeriodsPerYear)
	case "rolling_correlation":
		return RollingCorrelation(s, o, t.N)
	case "ratio":
		return Ratio(s, o, orDefault(t.Value, 1))
	case "drawdown":
		return Drawdown(s)
	case "resample":
		how := t.How
		if how == "" {
			how = LastOf
		}
		return Resample(s, t.Period, how)
	case "real":
		base := t.Value
		if !t.Date.IsZero() {
			var ok bool
			if base, ok = asOf(o, t.Date); !ok {
				return Series{}, fmt.Errorf("%s: %q has no value on or before %s (%s)", t, o.Name, formatDate(t.Date), covers(o))
			}
			if base <= 0 {
				return Series{}, fmt.Errorf("%s: %q is %v on %s; the base level must be positive", t, o.Name, base, formatDate(t.Date))
			}
		}
		return Real(s, o, base)
	case "log":
		return Log(s)
	case "scale":
		return Scale(s, t.Value)
	}
	return Series{}, unknownName("transform", t.Op, TransformNames())
}

// splitCall splits "name(arg, arg)" into a normalised name and trimmed,
// unquoted arguments.
func splitCall(s string) (string, []string, error) {
	s = strings.TrimSpace(s)
	name, rest, hasArgs := strings.Cut(s, "(")
	name = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), "-", "_")
	if name == "" {
		return "", nil, fmt.Errorf("missing name")
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return "", nil, fmt.Errorf("name %q may hold only letters, digits and _", name)
		}
	}
	if !hasArgs {
		return name, nil, nil
	}
	if !strings.HasSuffix(rest, ")") {
		return "", nil, fmt.Errorf("missing closing parenthesis")
	}
	rest = rest[:len(rest)-1]
	if strings.TrimSpace(rest) == "" {
		return name, nil, nil
	}
	var args []string
	var cur strings.Builder
	var quote rune
	quoted := false
	flush := func() error {
		a := cur.String()
		if !quoted {
			a = strings.TrimSpace(a)
		}
		if a == "" && !quoted {
			return fmt.Errorf("empty argument")
		}
		args = append(args, a)
		cur.Reset()
		quoted = false
		return nil
	}
	for _, c := range rest {
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(c)
		case (c == '"' || c == '\'') && !quoted && strings.TrimSpace(cur.String()) == "":
			cur.Reset()
			quote, quoted = c, true
		case c == ',':
			if err := flush(); err != nil {
				return "", nil, err
			}
		case c == '(' || c == ')':
			return "", nil, fmt.Errorf("unexpected %q; quote an argument that holds parentheses", c)
		case quoted && c != ' ' && c != '\t':
			return "", nil, fmt.Errorf("text after a quoted argument")
		case quoted:
		default:
			cur.WriteRune(c)
		}
	}
	if quote != 0 {
		return "", nil, fmt.Errorf("unclosed quote")
	}
	if err := flush(); err != nil {
		return "", nil, err
	}
	return name, args, nil
}

// quoteArg quotes a column name when the grammar needs it.
func quoteArg(s string) string {
	if s == "" || strings.ContainsAny(s, ",()") || strings.ContainsAny(s[:1], `"'`) || strings.TrimSpace(s) != s {
		if strings.Contains(s, `"`) {
			return "'" + s + "'"
		}
		return `"` + s + `"`
	}
	return s
}

// parseNumber parses a finite number.
func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.Contains(s, "_") {
		return 0, fmt.Errorf("not a finite number")
	}
	return v, nil
}

// parseCount parses a whole number of at least least.
func parseCount(s string, least int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < least {
		return 0, fmt.Errorf("not a whole number of at least %d", least)
	}
	return n, nil
}

// argCount describes an argument count: "1 argument", "1 or 2 arguments".
func argCount(lo, hi int) string {
	plural := func(n int) string {
		if n == 1 {
			return "1 argument"
		}
		return fmt.Sprintf("%d arguments", n)
	}
	switch {
	case hi == 0:
		return "no arguments"
	case lo == hi:
		return plural(hi)
	case lo+1 == hi:
		return fmt.Sprintf("%d or %s", lo, plural(hi))
	}
	return fmt.Sprintf("%d to %s", lo, plural(hi))
}

// unknownName reports an unknown name with the valid ones and, when one is
// close, a suggestion.
func unknownName(kind, name string, valid []string) error {
	msg := fmt.Sprintf("unknown %s %q (%ss: %s)", kind, name, kind, strings.Join(valid, ", "))
	if best := suggest.Closest(name, valid); best != "" {
		msg += fmt.Sprintf("; did you mean %s?", best)
	}
	return fmt.Errorf("%s", msg)
}
