package figure

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/data"
	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/internal/suggest"
)

// An inline figure is a pipeline: a column, then transforms and a range,
// then one statistic, then a format:
//
//	{{ shiller.SP500 | range:10y | cagr | percent:1 }}
//	{{ fedfunds-monthly.FEDFUNDS | max | percent:2 }}
//	{{ shiller["Real Price"] | last_date | date:month }}
//
// See doc.go for the full grammar.

// Expr is a parsed inline figure.
type Expr struct {
	Dataset    string
	Column     string
	Range      string
	Transforms []data.Transform
	Stat       data.Statistic
	DateStat   string // first_date, last_date, min_date, max_date; "" for a number
	Format     Format
}

// Format says how a value prints.
type Format struct {
	Kind     string // number, percent, currency, times, date
	Decimals int    // -1: automatic
	Signed   bool   // + before positive values
	Layout   string // for dates; "": as finely as the data gives them
}

// DateStats lists the statistics that give a date.
func DateStats() []string { return []string{"first_date", "last_date", "max_date", "min_date"} }

// FormatNames lists the formats an inline figure may end with.
func FormatNames() []string { return []string{"currency", "date", "number", "percent", "times"} }

// isTemplateAction reports whether t, the trimmed text between {{ and }},
// reads as a Go template action rather than a figure: a keyword such as
// if, range or end, a field or variable ({{ .Title }}, {{ $x }}), a
// comment, or trim markers ({{- x -}}). A figure starts with a data name.
func isTemplateAction(t string) bool {
	if strings.HasPrefix(t, ".") || strings.HasPrefix(t, "$") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "- ") || strings.HasSuffix(t, " -") {
		return true
	}
	word, _, _ := strings.Cut(t, " ")
	switch word {
	case "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue", "partial", "print", "printf":
		return true
	}
	return false
}

// zolaCall matches a Zola shortcode, a name and its arguments in
// parentheses: youtube(id="…").
var zolaCall = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\(`)

// isTemplateVar reports whether name is an object of Jekyll's Liquid
// (site, page…) or Zola's Tera (config, section…), whose fields
// {{ site.baseurl }} reads: when no data has that name, the figure is one
// of theirs.
func isTemplateVar(name string) bool {
	switch name {
	case "site", "page", "layout", "include", "paginator", "jekyll", "post", "forloop", "config", "section":
		return true
	}
	return false
}

// varFix says what to write in place of a template variable whose field
// (baseurl) is field.
func varFix(field string) string {
	switch field {
	case "baseurl", "base_url", "url":
		return "write nothing in its place: start the link with /, and tearsheet puts the base URL before it"
	}
	return "write its value"
}

// shortcodeFix says what to write in place of the Hugo shortcode t
// ("< ref "posts/a.md" >", "% notice info %"): for the built-in shortcodes
// that markdown writes itself, how; for others, the markdown or HTML it
// stood for.
func shortcodeFix(t string) string {
	words := strings.Fields(strings.Trim(t, "<>% \t"))
	name, arg := "", ""
	if len(words) > 0 {
		name = words[0]
	}
	if name == "/highlight" {
		return "write ``` in its place, the end of the fenced code block that ```LANGUAGE opens in place of its {{<highlight LANGUAGE>}}"
	}
	if len(words) > 1 {
		arg = strings.Trim(words[1], `"'`)
		if k, v, ok := strings.Cut(arg, "="); ok && k == "src" {
			arg = strings.Trim(v, `"'`)
		}
	}
	switch {
	case (name == "ref" || name == "relref") && arg != "":
		return fmt.Sprintf("write the address of the page it links (%s) as a path that starts with /: an article's is site.yaml's permalink with its slug, a page's its place under content/ (content/about.md is /about/); tearsheet puts the base URL before it, and tearsheet check reports a path that leads nowhere", arg)
	case name == "figure" && arg != "":
		return fmt.Sprintf("write the image in markdown, ![what it shows](%s), with its caption as a paragraph below it", arg)
	case name == "highlight" && arg != "":
		return fmt.Sprintf("write a fenced code block: ```%s on the line of {{<highlight>}}, then the code, then ``` on the line of {{</highlight>}}", arg)
	}
	return "write the HTML or the markdown the shortcode stood for (a link, an image, a fenced code block)"
}

// ParseExpr parses the text between {{ and }}.
func ParseExpr(s string) (*Expr, error) {
	stages := splitStages(s)
	if len(stages) == 0 || stages[0] == "" {
		return nil, fmt.Errorf("empty figure: write {{ dataset.column | statistic | format }}, such as {{ shiller.SP500 | cagr | percent:1 }}")
	}
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "<") || strings.HasPrefix(t, "%") {
		return nil, fmt.Errorf("{{%s}} is a Hugo shortcode, which tearsheet does not have: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; %s, or put the braces in `code` to show them", t, shortcodeFix(t))
	}
	if t := strings.TrimSpace(s); strings.HasPrefix(t, `"`) || strings.HasPrefix(t, "'") {
		return nil, fmt.Errorf("{{ %s }} is template code (a Liquid filter of Jekyll, or Tera's of Zola), which markdown does not run: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; write what it produced (a path such as /docs/, which tearsheet puts the base URL before), or put the braces in `code` to show them", t)
	}
	if t := strings.TrimSpace(s); zolaCall.MatchString(t) {
		return nil, fmt.Errorf("{{ %s }} is a Zola shortcode, which tearsheet does not have: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; write the markdown or HTML the shortcode stood for (a link, an image), or put the braces in `code` to show them", t)
	}
	if t := strings.TrimSpace(s); isTemplateAction(t) {
		return nil, fmt.Errorf("{{ %s }} is Go template code (of a Hugo template or inline shortcode), which markdown does not run: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; write what the code produced, or put the braces in `code` to show them", t)
	}
	e := &Expr{Format: Format{Decimals: -1}}
	var err error
	if e.Dataset, e.Column, err = parseSource(stages[0]); err != nil {
		return nil, err
	}
	rest := stages[1:]
	// typo is the error of the first step that names nothing, if any: a
	// step out of place is told so only when every name is known.
	typo := func() error {
		for _, st := range stages[1:] {
			if err := unknownStep(st); err != nil {
				return err
			}
		}
		return nil
	}
	hasFormat := false
	if n := len(rest); n > 0 {
		if f, ok, err := parseFormat(rest[n-1]); err != nil {
			return nil, err
		} else if ok {
			e.Format, hasFormat = f, true
			rest = rest[:n-1]
		}
	}
	if n := len(rest); n > 0 && !hasFormat {
		// percent(2), as a transform is written: it was taken for a
		// step before the format, and the statistic before it was told
		// to come last, which it did.
		if name, arg, ok := strings.Cut(strings.TrimSpace(rest[n-1]), "("); ok && slices.Contains(FormatNames(), strings.TrimSpace(name)) {
			return nil, fmt.Errorf("format %q takes its argument after a colon, not in brackets: write %s:%s", strings.TrimSpace(rest[n-1]), strings.TrimSpace(name), strings.TrimSpace(strings.TrimSuffix(arg, ")")))
		}
	}
	stat := "last"
	if n := len(rest); n > 0 {
		last := rest[n-1]
		if isDateStat(last) {
			e.DateStat, stat, rest = normalize(last), "", rest[:n-1]
		} else if _, err := data.ParseStat(last); err == nil {
			stat, rest = last, rest[:n-1]
		}
	}
	if stat != "" {
		if e.Stat, err = data.ParseStat(stat); err != nil {
			return nil, err
		}
	}
	for _, st := range rest {
		if r, ok := strings.CutPrefix(st, "range:"); ok {
			e.Range = strings.TrimSpace(r)
			continue
		}
		if isDateStat(st) {
			if err := typo(); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("%s must come last, before the format", st)
		}
		t, err := data.ParseTransform(st)
		if err != nil {
			if err := typo(); err != nil {
				return nil, err
			}
			if name, arg, ok := strings.Cut(strings.TrimSpace(st), ":"); ok && slices.Contains(data.TransformNames(), normalize(name)) {
				// rolling_mean:12, as range: and the formats are
				// written: the name was said to hold a character
				// it may not.
				return nil, fmt.Errorf("transform %q takes its arguments in brackets, not after a colon: write %s(%s) (a colon follows range and the formats, as in percent:1)", strings.TrimSpace(st), strings.TrimSpace(name), strings.TrimSpace(arg))
			}
			if _, serr := data.ParseStat(st); serr == nil {
				return nil, fmt.Errorf("statistic %q must be the last step before the format", st)
			}
			return nil, fmt.Errorf("%v (statistics: %s; formats: %s)", err, strings.Join(append(data.StatNames(), DateStats()...), ", "), strings.Join(FormatNames(), ", "))
		}
		e.Transforms = append(e.Transforms, t)
	}
	if !hasFormat {
		switch {
		case e.DateStat != "":
			// The layout is left to the data's precision (eval): the
			// date of a quarter reads "Q4 2023", not "October 2023".
			e.Format = Format{Kind: "date"}
		case e.percent():
			e.Format = Format{Kind: "percent", Decimals: 1}
		default:
			e.Format = Format{Kind: "number", Decimals: -1}
		}
	}
	if e.DateStat != "" && e.Format.Kind != "date" {
		return nil, fmt.Errorf("%s gives a date: format it with date, date:month or date:\"2 Jan 2006\"", e.DateStat)
	}
	if e.DateStat == "" && e.Format.Kind == "date" {
		return nil, fmt.Errorf("date format needs a date statistic (%s)", strings.Join(DateStats(), ", "))
	}
	return e, nil
}

// unknownStep returns the error of a step of a figure whose name is no
// transform, statistic, date statistic or format (a typo: numbr:2, lsat),
// with the closest name of all of them, rather than what the steps around
// it would make of it; nil when it names one, whose parser then says what
// else is wrong. ParseExpr asks only once a step fails to parse.
func unknownStep(st string) error {
	name := st
	if i := strings.IndexAny(name, ":("); i >= 0 {
		name = name[:i]
	}
	name = strings.TrimSpace(name)
	// Formats are named as written; the others ignore case and take -
	// for _.
	if slices.Contains(FormatNames(), name) || slices.Contains(slices.Concat(data.TransformNames(), data.StatNames(), DateStats(), []string{"range"}), normalize(name)) {
		return nil
	}
	all := slices.Concat(data.TransformNames(), data.StatNames(), DateStats(), FormatNames(), []string{"range"})
	name = normalize(name)
	msg := fmt.Sprintf("unknown step %q: no transform, statistic or format has this name", strings.TrimSpace(st))
	if best := suggest.Closest(name, all); best != "" {
		msg += fmt.Sprintf("; did you mean %s?", best)
	}
	return fmt.Errorf("%s (transforms: %s; statistics: %s; formats: %s)", msg, strings.Join(data.TransformNames(), ", "),
		strings.Join(append(data.StatNames(), DateStats()...), ", "), strings.Join(FormatNames(), ", "))
}

// percent reports whether the value is in percent: the statistic says so,
// or it is a level of a series the last transform made percent.
func (e *Expr) percent() bool {
	if e.Stat.Percent() {
		return true
	}
	switch e.Stat.Op {
	case "first", "last", "min", "max", "mean":
		if n := len(e.Transforms); n > 0 {
			return e.Transforms[n-1].Percent()
		}
	}
	return false
}

func normalize(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_")
}

func isDateStat(s string) bool {
	n := normalize(s)
	for _, d := range DateStats() {
		if n == d {
			return true
		}
	}
	return false
}

// splitStages splits at | outside quotes and brackets.
func splitStages(s string) []string {
	var out []string
	var quote rune
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			depth--
		case r == '|' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// parseSource reads NAME.COLUMN or NAME["COLUMN"].
func parseSource(s string) (name, col string, err error) {
	if i := strings.Index(s, "["); i > 0 && strings.HasSuffix(s, "]") {
		inner := strings.TrimSpace(s[i+1 : len(s)-1])
		if u, err := strconv.Unquote(inner); err == nil {
			return s[:i], u, nil
		}
		if len(inner) >= 2 && inner[0] == '\'' && inner[len(inner)-1] == '\'' {
			return s[:i], inner[1 : len(inner)-1], nil
		}
		return "", "", fmt.Errorf("%q: quote the column name, as in shiller[\"Real Price\"]", s)
	}
	i := strings.LastIndex(s, ".")
	if i <= 0 || i == len(s)-1 {
		return "", "", fmt.Errorf("%q must name a dataset and a column, as in shiller.SP500 or prices[\"Real Price\"]", s)
	}
	return s[:i], s[i+1:], nil
}

// Eval computes the figure's value as text, and a note of where it comes from.
func (e *Expr) Eval(s *Set, file string) (text, title string, err error) {
	text, title, _, err = e.eval(s, file)
	return text, title, err
}

// eval is Eval that also returns the last date of the data.
func (e *Expr) eval(s *Set, file string) (text, title string, through period.Date, err error) {
	v, d, title, through, err := e.compute(s, file)
	if err != nil {
		return "", "", through, err
	}
	if e.DateStat != "" {
		if e.Format.Layout == "" {
			// As finely as the data gives its dates, as the figure's
			// title and the charts say them: a close on "28 June 2024",
			// GDP "in Q4 2023", a monthly average "in November 2023".
			return through.Precision.Format(d.In(time.UTC)), title, through, nil
		}
		return d.In(time.UTC).Format(e.Format.Layout), title, through, nil
	}
	return formatValue(v, e.Format.Kind, "", e.Format.Decimals, e.Format.Signed), title, through, nil
}

// Value computes a numeric figure: its value, its text in the figure's format
// and the date of the data it reflects.
func (e *Expr) Value(s *Set, file string) (float64, string, period.Date, error) {
	if e.DateStat != "" {
		return 0, "", period.Date{}, fmt.Errorf("%s gives a date; compare numbers", e.DateStat)
	}
	v, _, _, through, err := e.compute(s, file)
	if err != nil {
		return 0, "", through, err
	}
	return v, formatValue(v, e.Format.Kind, "", e.Format.Decimals, e.Format.Signed), through, nil
}

// compute evaluates the figure: a number, or for a date statistic a date.
func (e *Expr) compute(s *Set, file string) (v float64, d time.Time, title string, through period.Date, err error) {
	src, err := s.store.Resolve(e.Dataset, file)
	if err != nil {
		return 0, d, "", through, err
	}
	tab, err := s.store.Table(src)
	if err != nil {
		return 0, d, "", through, err
	}
	col, err := tab.Series(e.Column)
	if err != nil {
		return 0, d, "", through, fmt.Errorf("%s: %w", src.Path, err)
	}
	rng, err := data.ParseRange(e.Range, tab.LastDate())
	if err != nil {
		return 0, d, "", through, err
	}
	ser, err := data.ApplyRange(col, e.Transforms, tab.Series, rng)
	if err != nil {
		return 0, d, "", through, err
	}
	// A range (not empty: that is said above) naming a period in which
	// the column has no row would give a figure of less than the prose
	// says ("the 2023–24 average").
	if f, err := data.First(col); err == nil {
		if l, err := data.Last(col); err == nil {
			if err := data.RangeBeyond(e.Range, f.Date, l.Date); err != nil {
				return 0, d, "", through, fmt.Errorf("%s %s: %w", src.Path, col.Name, err)
			}
		}
	}
	last, err := data.Last(ser)
	if err != nil {
		return 0, d, "", through, fmt.Errorf("%s %s: %w", src.Path, e.Column, err)
	}
	from := s.sourceName(src)
	// Monthly data reads "through November 2023": the day of its dates
	// means nothing (package period).
	prec := period.Of(ser.Dates)
	if len(ser.Dates) < 2 {
		// One date says nothing of a period: the column's say it
		// ({{ fedfunds.FEDFUNDS | range:2022-02..2022-02 | last }}).
		prec = period.Of(col.Dates)
	}
	through = period.Date{Time: last.Date, Precision: prec}
	span := "data through " + through.String()
	if e.Range != "" {
		// A range's start is part of what the figure says (a change, a
		// growth rate, a high since…): name it too.
		if first, err := data.First(ser); err == nil && first.Date.Before(last.Date) {
			span = "data from " + prec.Format(first.Date) + " through " + through.String()
		}
	}
	title = fmt.Sprintf("Computed from %s, column %s, %s", from, col.Name, span)
	if src.Illustrative {
		title += " (illustrative data)"
	}
	if e.DateStat != "" {
		var p data.Point
		switch e.DateStat {
		case "first_date":
			p, err = data.First(ser)
		case "last_date":
			p = last
		case "max_date":
			p, err = data.Max(ser)
		case "min_date":
			p, err = data.Min(ser)
		}
		if err != nil {
			return 0, d, "", through, err
		}
		return 0, p.Date, title, through, nil
	}
	v, err = e.Stat.Compute(ser, tab.Series)
	if err != nil {
		return 0, d, "", through, fmt.Errorf("%s of %s: %w", e.Stat, col.Name, err)
	}
	return v, d, title, through, nil
}

// Inline evaluates an inline figure; it implements markdown.Figures.
func (p *Page) Inline(expr string, line int) (string, string, error) {
	r, err := p.set.inlineAt(expr, p.file, line)
	if err != nil {
		return "", "", err
	}
	p.use(r.name, r.src) // this page depends on the data too
	p.useInline(r.name)
	if r.dataset != "" {
		// A dataset's file named by its path is the dataset: the data
		// catalogue lists the page among its users.
		p.useInline(r.dataset)
	}
	if !slices.ContainsFunc(p.notes, func(n Note) bool { return n.Expr == expr }) {
		p.notes = append(p.notes, Note{Expr: expr, Text: r.text, Title: r.title, Data: p.dataLink(r.dataset, r.src)})
	}
	return r.text, r.title, nil
}

// InlineValue is an inline figure computed for the article at file: its
// text, a note of where it comes from, and the last date of the data it
// was computed from.
type InlineValue struct {
	Text, Title string
	// Of says what the figure is computed from in a reader's words, as
	// its title does: "content/data/prices.csv, column small".
	Of      string
	Through period.Date
}

// Inline evaluates the inline figure expr of the article at file as Page's
// Inline does, without recording a use; errors name file (no line).
func (s *Set) Inline(expr, file string) (InlineValue, error) {
	r, err := s.inlineAt(expr, file, 0)
	return InlineValue{r.text, r.title, r.of, r.through}, err
}

// inlineAt evaluates an inline figure of the article at file, line.
func (s *Set) inlineAt(expr, file string, line int) (inlineResult, error) {
	// What a figure computes depends only on the expression and the
	// folder its data names are resolved from, so one build computes each
	// pair once, however many articles repeat it.
	key := inlineKey{expr: expr, dir: path.Dir(file)}
	if v, ok := s.inline.Load(key); ok {
		return v.(inlineResult), nil
	}
	at := file
	if line > 0 {
		at = fmt.Sprintf("%s:%d", file, line)
	}
	e, err := ParseExpr(expr)
	if err != nil {
		return inlineResult{}, fmt.Errorf("%s: figure {{ %s }}: %w", at, expr, err)
	}
	src, err := s.store.Resolve(e.Dataset, file)
	if err != nil && isTemplateVar(e.Dataset) {
		return inlineResult{}, fmt.Errorf("%s: {{ %s }} is a template variable (Jekyll's Liquid or Zola's Tera), which markdown does not run: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; %s, or put the braces in `code` to show them (no data is named %q either)", at, expr, varFix(e.Column), e.Dataset)
	}
	if err != nil {
		return inlineResult{}, fmt.Errorf("%s: figure {{ %s }}: %w", at, expr, err)
	}
	text, title, through, err := e.eval(s, file)
	if err != nil {
		return inlineResult{}, fmt.Errorf("%s: figure {{ %s }}: %w", at, expr, err)
	}
	r := inlineResult{text, title, s.sourceName(src) + ", column " + e.Column, e.Dataset, src.Path, src.Dataset, through}
	s.inline.Store(key, r)
	return r, nil
}

// sourceName names the data src in a figure's title: its file, or for a
// remote dataset its name, the same words whether fetched, cached or
// committed.
func (s *Set) sourceName(src Source) string {
	if ds, ok := s.cfg.Datasets[src.Name]; ok && ds.Remote() {
		return "dataset " + src.Name
	}
	return src.Path
}

// inlineKey and inlineResult memoise inline figures in a Set.
type inlineKey struct{ expr, dir string }

type inlineResult struct {
	text, title, of, name, src string
	dataset                    string // the dataset of site.yaml it read (Source.Dataset)
	through                    period.Date
}
