package figure

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// SpecSum identifies a chart's settings: the SHA-256, in hex, of sp as
// JSON. The lines it records (json:"-") and the YAML's layout and comments
// are left out, so that only a change of what the chart is drawn from, or
// how, changes it.
func SpecSum(sp *Spec) string {
	b, err := json.Marshal(sp)
	if err != nil {
		// A number JSON cannot hold (.nan in percentiles, say): the
		// YAML as written stands for the settings.
		b = sp.src
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Spec is the YAML of a ```chart block. Every key is documented in doc.go.
type Spec struct {
	Data         string       `yaml:"data"`
	X            string       `yaml:"x"`
	DateFormat   string       `yaml:"dateFormat"`
	Missing      []string     `yaml:"missing"`
	Type         string       `yaml:"type"`
	Total        string       `yaml:"total"`
	Bins         int          `yaml:"bins"`
	Percentiles  []float64    `yaml:"percentiles"`
	Latest       bool         `yaml:"latest"`
	Matrix       string       `yaml:"matrix"`
	Range        string       `yaml:"range"`
	Transforms   []string     `yaml:"transforms"`
	Series       []SeriesSpec `yaml:"series"`
	Y            AxisSpec     `yaml:"y"`
	Y2           AxisSpec     `yaml:"y2"`
	Height       int          `yaml:"height"`
	Title        string       `yaml:"title"`
	Subtitle     string       `yaml:"subtitle"`
	Caption      string       `yaml:"caption"`
	Source       string       `yaml:"source"`
	Annotations  []Annotation `yaml:"annotations"`
	Bands        []BandSpec   `yaml:"bands"`
	Panels       *PanelsSpec  `yaml:"panels"`
	Illustrative *bool        `yaml:"illustrative"`
	ID           string       `yaml:"id"`
	Description  string       `yaml:"description"`
	Table        *bool        `yaml:"table"`

	line int            // file line of the opening fence
	src  []byte         // the YAML, for keyLine
	keys map[string]int // line of each top-level key within the spec, once keyLine needs them
}

// keyLine returns the line within the spec of the top-level key name (0
// when absent). Only messages need it, so the YAML is read for it again
// only then, rather than twice for every chart.
func (s *Spec) keyLine(name string) int {
	if s.keys == nil {
		s.keys = yamlx.Lines(s.src, 0)
	}
	return s.keys[name]
}

// SeriesSpec is one series of a chart. In YAML it is either a mapping or
// just a column name.
type SeriesSpec struct {
	Column     string   `yaml:"column"`
	Label      string   `yaml:"label"`
	Axis       string   `yaml:"axis"`
	Color      string   `yaml:"color"`
	Data       string   `yaml:"data"`
	Transforms []string `yaml:"transforms"`
	// Ticker names the instrument the series follows (IWM, ^GSPC), a term
	// of the site's tickers taxonomy: the ticker's page links the chart.
	Ticker string `yaml:"ticker"`

	Line int `yaml:"-" json:"-"` // file line of the entry
}

// UnmarshalYAML accepts "- SP500" as well as "- column: SP500".
func (s *SeriesSpec) UnmarshalYAML(n *yaml.Node) error {
	s.Line = n.Line
	if n.Kind == yaml.ScalarNode {
		s.Column = n.Value
		return nil
	}
	type plain SeriesSpec
	var p plain
	if err := decodeStrict(n, &p, "figure.SeriesSpec"); err != nil {
		return err
	}
	p.Line = n.Line
	*s = SeriesSpec(p)
	return nil
}

// AxisSpec formats a vertical axis.
type AxisSpec struct {
	Format   string `yaml:"format"` // number, percent, currency
	Decimals *int   `yaml:"decimals"`
	Currency string `yaml:"currency"`
	Log      bool   `yaml:"log"`
}

// Annotation is a labelled date (date) or a horizontal reference line (y).
type Annotation struct {
	Date  string   `yaml:"date"`
	Y     *float64 `yaml:"y"`
	Label string   `yaml:"label"`
	Axis  string   `yaml:"axis"`

	Line int `yaml:"-" json:"-"`
}

// UnmarshalYAML records the line of the annotation.
func (a *Annotation) UnmarshalYAML(n *yaml.Node) error {
	type plain Annotation
	var p plain
	if err := decodeStrict(n, &p, "figure.Annotation"); err != nil {
		return err
	}
	p.Line = n.Line
	*a = Annotation(p)
	return nil
}

// decodeStrict decodes a mapping node into v, whose yaml keys must hold
// every key of the node; an unknown key is reported the way yaml.v3 reports
// them, under typeName, so that yamlx can suggest the right key.
func decodeStrict(n *yaml.Node, v any, typeName string) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return decodeStrict(n.Alias, v, typeName)
	}
	if n.Kind != yaml.MappingNode {
		// In yaml.v3's words, which yamlx turns into the author's
		// ("found a list, but a mapping of column, label, … is expected
		// here"), never naming the Go type.
		msg := fmt.Sprintf("line %d: cannot unmarshal %s into %s", n.Line, n.ShortTag(), typeName)
		if n.Kind == yaml.ScalarNode {
			msg = fmt.Sprintf("line %d: cannot unmarshal %s `%s` into %s", n.Line, n.ShortTag(), n.Value, typeName)
		}
		return &yaml.TypeError{Errors: []string{msg}}
	}
	known := map[string]bool{}
	t := reflect.TypeOf(v).Elem()
	for i := 0; i < t.NumField(); i++ {
		known[strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]] = true
	}
	var unknown []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !known[k.Value] || k.Value == "-" {
			unknown = append(unknown, fmt.Sprintf("line %d: field %s not found in type %s", k.Line, k.Value, typeName))
		}
	}
	if len(unknown) > 0 {
		return &yaml.TypeError{Errors: unknown}
	}
	return n.Decode(v)
}

// ParseSpec decodes a chart block. file and fence name the block's place:
// lines in messages are lines of file, the spec starting after the fence.
// When the errors are all of single keys (unknown, or a value of the
// wrong type: yamlx.Decoded), the spec decoded without those keys comes
// with them, for the caller to report its other problems at once.
func ParseSpec(src []byte, file string, fence int) (*Spec, error) {
	s := &Spec{line: fence, src: src}
	if strings.TrimSpace(string(src)) == "" {
		return nil, fmt.Errorf("%s:%d: chart: empty spec: write at least data:, and series: with a column", file, fence)
	}
	if err := yamlx.Decode(src, file, fence, s); err != nil {
		if !yamlx.Decoded(err) {
			s = nil
		}
		return s, prefixChart(err, src, fence)
	}
	if err := s.strayFigures(file); err != nil {
		return s, err
	}
	return s, nil
}

// strayFigures reports each text of the spec (title, caption, labels…)
// that holds {{. A chart's texts are not computed: the braces would be
// published as written, in the chart, its description, its PNG and the
// feeds, a figure that looks computed from the data and checked on every
// build but is neither, so each is an error at its line, as a {{ in
// front matter is.
func (s *Spec) strayFigures(file string) error {
	type text struct{ key, val string }
	texts := []text{{"title", s.Title}, {"subtitle", s.Subtitle}, {"caption", s.Caption}, {"source", s.Source}, {"description", s.Description}, {"total", s.Total}}
	for i, ss := range s.Series {
		texts = append(texts, text{fmt.Sprintf("series.%d.label", i), ss.Label})
	}
	for i, a := range s.Annotations {
		texts = append(texts, text{fmt.Sprintf("annotations.%d.label", i), a.Label})
	}
	for i, b := range s.Bands {
		texts = append(texts, text{fmt.Sprintf("bands.%d.label", i), b.Label})
	}
	if s.Panels != nil {
		texts = append(texts, text{"panels.x", s.Panels.X})
		for i, b := range s.Panels.Periods {
			texts = append(texts, text{fmt.Sprintf("panels.periods.%d.label", i), b.Label})
		}
	}
	var errs []error
	for _, t := range texts {
		if !strings.Contains(t.val, "{{") {
			continue
		}
		line := s.line + s.keyLine(t.key)
		errs = append(errs, fmt.Errorf("%s:%d: chart: %s holds {{, which a chart does not compute, so the braces would be published as written: write the number itself, or put the figure in the article's text, where {{ }} makes a figure from the data", file, line, t.key))
	}
	return errors.Join(errs...)
}

// seriesOnly are the keys of a series that the spec's top level does not
// have: written there, they were meant for the series.
var seriesOnly = []string{"column", "label", "axis", "color", "ticker"}

// seriesHint is the message of an unknown key msg that is a key of a
// series written at the top level of the spec src ("column: WTI" beside
// data:), saying where it goes; "" for any other.
func seriesHint(msg string, src []byte, line int) string {
	for _, k := range seriesOnly {
		if !strings.HasPrefix(msg, fmt.Sprintf("unknown key %q", k)) {
			continue
		}
		lines := strings.Split(string(src), "\n")
		if line < 1 || line > len(lines) {
			return ""
		}
		v, ok := strings.CutPrefix(lines[line-1], k+":")
		if !ok { // indented: a key of some mapping below the top
			return ""
		}
		if v = strings.TrimSpace(v); v == "" {
			v = "…"
		}
		return fmt.Sprintf("unknown key %q: %s is a key of each series, so it goes under series:, as in series: [{%s: %s}]", k, k, k, v)
	}
	return ""
}

// transformItem matches the key path of a transform, the chart's or a
// series': "transforms.0", "series.1.transforms.2".
var transformItem = regexp.MustCompile(`^(series\.[0-9]+\.)?transforms\.[0-9]+$`)

// prefixChart puts "chart: " after the file:line of each message, says
// where a series' key written at the spec's top level goes, and how a
// transform written as a mapping is written.
func prefixChart(err error, src []byte, fence int) error {
	var out []error
	for _, e := range flatten(err) {
		var ye *yamlx.Error
		if errors.As(e, &ye) {
			c := *ye
			if hint := seriesHint(c.Msg, src, c.Line-fence); hint != "" {
				c.Msg = hint
			}
			if c.Found == "a mapping" && transformItem.MatchString(c.Key) {
				// "- rolling_mean: 12", as YAML would have it.
				c.Msg = "a transform is text, a name with its numbers in brackets: write - rolling_mean(12), not - rolling_mean: 12 (transforms: rebase, pct_change(12), rolling_mean(50), ratio(column), drawdown, …)"
			}
			c.Msg = "chart: " + c.Msg
			out = append(out, &c)
			continue
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// withOthers adds to err, the problems ParseSpec found with the keys of
// the chart at line, the spec's other problems when it was decoded all
// the same (sp not nil), so an author fixes them in one go: those of the
// keys written, not those of keys left out (reported at the fence's
// line), as a misspelt key may be the one missing.
func (p *Page) withOthers(sp *Spec, line int, err error) error {
	if sp == nil {
		return err
	}
	_, more := p.set.compute(sp, p.file)
	fence := fmt.Sprintf("%s:%d: ", p.file, line)
	errs := []error{err}
	for _, e := range flatten(more) {
		if e != nil && !strings.HasPrefix(e.Error(), fence) {
			errs = append(errs, e)
		}
	}
	return errors.Join(errs...)
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
