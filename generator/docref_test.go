package generator_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/cli"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

// The tests below read the reference tables of the docs as a user does
// and hold them to the code in both directions: every key or flag the
// code accepts has a row, every row names a key or flag the code accepts,
// and a documented default is the default. TestDocumented only asks that
// each key occurs somewhere as a word, which a key of the same spelling
// elsewhere (site.yaml's description for front matter's) satisfies.

func readDoc(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// section returns the text of s from the line that is start to the next
// line beginning with one of the prefixes in ends (a heading of the same
// level).
func section(t *testing.T, s, start string, ends ...string) string {
	t.Helper()
	i := strings.Index(s, "\n"+start+"\n")
	if i < 0 {
		t.Fatalf("no section %q", start)
	}
	rest := s[i+len(start)+2:]
	end := len(rest)
	for _, e := range ends {
		if j := strings.Index(rest, "\n"+e); j >= 0 && j < end {
			end = j
		}
	}
	return rest[:end]
}

// topKeys lists the yaml keys of struct v's own fields (not of the structs inside).
func topKeys(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if k := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]; k != "" && k != "-" {
			out = append(out, k)
		}
	}
	return out
}

// compareKeys reports the keys of code the docs lack and the keys of docs
// the code lacks.
func compareKeys(t *testing.T, what string, code, docs []string) {
	t.Helper()
	for _, k := range code {
		if !slices.Contains(docs, k) {
			t.Errorf("%s: the code accepts %q, which has no entry", what, k)
		}
	}
	for _, k := range docs {
		if !slices.Contains(code, k) {
			t.Errorf("%s: documents %q, which the code does not accept", what, k)
		}
	}
}

// goBlockKeys lists the names that open a line of a tab-indented block of
// a package comment (//<TAB>name  meaning), "a, b" giving both.
func goBlockKeys(block string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^//\t([A-Za-z0-9_]+(?:, [A-Za-z0-9_]+)*)(?:\s{2,}|$)`).FindAllStringSubmatch(block, -1) {
		out = append(out, strings.Split(m[1], ", ")...)
	}
	return out
}

// tableRows returns the cells of the markdown table rows of s whose first
// cell is a `key`.
func tableRows(s string) map[string][]string {
	rows := map[string][]string{}
	for _, line := range strings.Split(s, "\n") {
		m := regexp.MustCompile("^\\| `([A-Za-z0-9_]+)` \\|(.*)\\|$").FindStringSubmatch(line)
		if m == nil {
			continue
		}
		var cells []string
		for _, c := range strings.Split(m[2], " | ") {
			cells = append(cells, strings.TrimSpace(c))
		}
		rows[m[1]] = cells
	}
	return rows
}

func keysOf(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// fieldByKey returns the field of struct value v whose yaml key is key.
func fieldByKey(v reflect.Value, key string) reflect.Value {
	for i := 0; i < v.NumField(); i++ {
		if strings.Split(v.Type().Field(i).Tag.Get("yaml"), ",")[0] == key {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

// TestSiteYAMLReference holds the site.yaml references (doc.go's block and
// README's table) to config.Config, and README's defaults to config.Default.
func TestSiteYAMLReference(t *testing.T) {
	code := topKeys(config.Config{})
	doc := section(t, readDoc(t, "doc.go"), "// # site.yaml", "// # ")
	compareKeys(t, "generator/doc.go, # site.yaml", code, goBlockKeys(doc))

	readme := section(t, readDoc(t, "../README.md"), "### site.yaml", "### ", "## ")
	rows := tableRows(readme)
	compareKeys(t, "README.md, ### site.yaml", code, keysOf(rows))

	def := reflect.ValueOf(config.Default()).Elem()
	for _, k := range code {
		row, ok := rows[k]
		if !ok || len(row) < 2 {
			continue
		}
		f := fieldByKey(def, k)
		// Every key of a section (markdown: {unsafeHTML, …}) is in its row.
		if f.Kind() == reflect.Struct {
			for _, sub := range topKeys(f.Interface()) {
				if !strings.Contains(row[1], "`"+sub+"`") {
					t.Errorf("README.md, ### site.yaml: the row of %s does not name %s.%s", k, k, sub)
				}
			}
			if k != "subscribe" { // its parentheses explain, they hold no defaults
				checkSectionDefaults(t, k, f, row[1])
			}
			continue
		}
		// Every key of a named entry (datasets: NAME: {file, …}) is in its row.
		if f.Kind() == reflect.Map && f.Type().Elem().Kind() == reflect.Struct {
			for _, sub := range topKeys(reflect.Zero(f.Type().Elem()).Interface()) {
				if !regexp.MustCompile(`\b` + sub + `\b`).MatchString(row[1]) {
					t.Errorf("README.md, ### site.yaml: the row of %s does not name %s.NAME.%s", k, k, sub)
				}
			}
		}
		want := strings.Trim(row[0], "`")
		var got string
		switch f.Kind() {
		case reflect.String:
			got = f.String()
			if want == `""` {
				want = ""
			}
		case reflect.Int:
			got = strconv.Itoa(int(f.Int()))
		default: // lists and maps: no default
			if want != "none" {
				t.Errorf("README.md, ### site.yaml: %s: default %q, want none", k, want)
			}
			continue
		}
		if want == "none" && got == "" {
			continue
		}
		if got != want {
			t.Errorf("README.md, ### site.yaml: %s: documented default %q, config.Default() has %q", k, want, got)
		}
	}
}

// checkSectionDefaults checks the defaults written "`key` (value" in the
// row of a section such as markdown or fetch against config.Default().
func checkSectionDefaults(t *testing.T, section string, v reflect.Value, text string) {
	t.Helper()
	for _, m := range regexp.MustCompile("`([A-Za-z]+)` \\(`?([^`); ]+)").FindAllStringSubmatch(text, -1) {
		f := fieldByKey(v, m[1])
		if !f.IsValid() {
			continue
		}
		for f.Kind() == reflect.Pointer {
			if f.IsNil() {
				f = reflect.Value{}
				break
			}
			f = f.Elem()
		}
		got := "none"
		if f.IsValid() {
			got = fmt.Sprint(f.Interface())
		}
		if section == "markdown" && m[1] == "typographer" && got == "none" {
			got = "true" // nil is on; see markdown.New
		}
		if got != m[2] && !(got == "" && m[2] == "none") {
			t.Errorf("README.md, ### site.yaml: %s.%s: documented default %q, config.Default() has %q", section, m[1], m[2], got)
		}
	}
}

// TestFrontMatterReference holds doc.go's and README's front-matter keys to
// content.Meta.
func TestFrontMatterReference(t *testing.T) {
	code := topKeys(content.Meta{})
	doc := section(t, readDoc(t, "doc.go"), "// # Front matter", "// # ")
	var keys []string
	for _, k := range goBlockKeys(doc) {
		if k != "KEY" { // a taxonomy's key
			keys = append(keys, k)
		}
	}
	compareKeys(t, "generator/doc.go, # Front matter", code, keys)

	readme := readDoc(t, "../README.md")
	i := strings.Index(readme, "Front-matter keys:")
	if i < 0 {
		t.Fatal("README.md has no \"Front-matter keys:\" table")
	}
	table := readme[i:]
	head := strings.Index(table, "| key")
	table = table[:head+strings.Index(table[head:], "\n\n")]
	compareKeys(t, "README.md, Front-matter keys", code, keysOf(tableRows(table)))
}

// specKeys lists the yaml keys of a chart spec and of every structure inside it.
func specKeys() []string {
	var out []string
	for _, k := range yamlKeys(reflect.TypeOf(figure.Spec{})) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// TestChartSpecReference holds README's "Spec keys:" and figure/doc.go's
// chart block keys to figure.Spec.
func TestChartSpecReference(t *testing.T) {
	code := specKeys()
	readme := readDoc(t, "../README.md")
	i := strings.Index(readme, "Spec keys: ")
	if i < 0 {
		t.Fatal("README.md has no \"Spec keys:\" paragraph")
	}
	para := readme[i : i+strings.Index(readme[i:], "\n\n")]
	para = para[:strings.Index(para, ". The page")]
	var docs []string
	for _, m := range regexp.MustCompile("`([A-Za-z0-9]+)`").FindAllStringSubmatch(para, -1) {
		if !slices.Contains(docs, m[1]) {
			docs = append(docs, m[1])
		}
	}
	compareKeys(t, "README.md, Spec keys", code, docs)

	fig := section(t, readDoc(t, "figure/doc.go"), "// # Chart blocks", "// # ")
	top := topKeys(figure.Spec{})
	compareKeys(t, "generator/figure/doc.go, # Chart blocks", top, goBlockKeys(fig))
}

// commandFlags returns the flags tearsheet CMD -h lists.
func commandFlags(t *testing.T, cmd []string) []string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := cli.Run(context.Background(), append(cmd, "-h"), &out, &errOut); code != 0 {
		t.Fatalf("tearsheet %s -h: exit %d: %s", strings.Join(cmd, " "), code, errOut.String())
	}
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  -([a-zA-Z][a-zA-Z-]*)`).FindAllStringSubmatch(out.String()+errOut.String(), -1) {
		flags = append(flags, m[1])
	}
	return flags
}

// documentedFlags returns the --flags of the lines of text that start
// with "tearsheet CMD" (after indent or "//\t"), with PATH and such
// ignored.
func documentedFlags(text, cmd string) ([]string, bool) {
	re := regexp.MustCompile(`(?m)^(?://\t)?tearsheet ` + regexp.QuoteMeta(cmd) + `\b(.*)$`)
	found := false
	var flags []string
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		found = true
		line := m[1]
		// A synopsis wraps onto lines indented under it.
		rest := text[strings.Index(text, m[0])+len(m[0]):]
		for _, l := range strings.Split(rest, "\n")[1:] {
			if !regexp.MustCompile(`^(//\t)? {8,}\[`).MatchString(l) {
				break
			}
			line += l
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i] // a comment on the line
		}
		for _, f := range regexp.MustCompile(`--([a-zA-Z][a-zA-Z-]*)`).FindAllStringSubmatch(line, -1) {
			if !slices.Contains(flags, f[1]) {
				flags = append(flags, f[1])
			}
		}
	}
	return flags, found
}

// TestCommandReference holds the synopses of generator/cli/doc.go and
// README.md to the flags each command accepts.
func TestCommandReference(t *testing.T) {
	cliDoc := readDoc(t, "cli/doc.go")
	readme := readDoc(t, "../README.md")
	var blocks strings.Builder // README's shell blocks
	for _, m := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(readme, -1) {
		blocks.WriteString(m[1])
	}
	for _, cmd := range []string{"build", "serve", "new", "check", "lock", "email", "init", "theme eject"} {
		code := commandFlags(t, strings.Fields(cmd))
		for name, text := range map[string]string{"generator/cli/doc.go": cliDoc, "README.md": blocks.String()} {
			docs, found := documentedFlags(text, cmd)
			if !found {
				t.Errorf("%s has no synopsis of tearsheet %s", name, cmd)
				continue
			}
			compareKeys(t, name+", tearsheet "+cmd, code, docs)
		}
	}
}

// TestReadmeSiteYAMLExamples loads every site.yaml example of README.md
// (its yaml blocks that open with a site.yaml key; a block of one-line
// alternatives, such as the subscribe providers, line by line) as a user
// pasting it into site.yaml would.
func TestReadmeSiteYAMLExamples(t *testing.T) {
	readme := readDoc(t, "../README.md")
	keys := topKeys(config.Config{})
	n := 0
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatchIndex(readme, -1) {
		block := readme[m[2]:m[3]]
		line := strings.Count(readme[:m[2]], "\n") + 1
		first := strings.SplitN(block, ":", 2)[0]
		if !slices.Contains(keys, first) {
			continue // front matter, or a part of a chart spec
		}
		docs := []string{block}
		if lines := strings.Split(strings.TrimSpace(block), "\n"); len(lines) > 1 && strings.HasPrefix(lines[1], first+":") {
			docs = lines // alternatives
		}
		for _, d := range docs {
			n++
			src := "title: Example\n" + d
			if _, err := config.Load(strings.NewReader(src), "site.yaml"); err != nil {
				t.Errorf("README.md:%d: the example does not load: %v\n%s", line, err, d)
			}
		}
	}
	if n < 5 {
		t.Errorf("found %d site.yaml examples in README.md, want at least 5", n)
	}
}

// TestReadmeChartExamples builds README's chart blocks and the markdown
// examples holding inline figures in an article of the example site (its
// datasets; the recession column of the bands example beside it), as an
// author copying them would: each must build without an error.
func TestReadmeChartExamples(t *testing.T) {
	readme := readDoc(t, "../README.md")
	var body strings.Builder
	body.WriteString("---\ntitle: \"README examples\"\ndate: 2026-11-01\ntickers: [SPX]\nfigures: live\n---\n\n")
	charts := regexp.MustCompile("(?s)```chart\n(.*?)```").FindAllStringSubmatch(readme, -1)
	for _, m := range charts {
		body.WriteString("```chart\n" + m[1] + "```\n\n")
	}
	figures := 0
	for _, m := range regexp.MustCompile("(?s)```markdown\n(.*?)```").FindAllStringSubmatch(readme, -1) {
		if strings.Contains(m[1], "{{") {
			body.WriteString(m[1] + "\n\n")
			figures++
		}
	}
	if len(charts) < 2 || figures < 2 {
		t.Fatalf("README.md: %d chart blocks and %d markdown examples with figures, want at least 2 of each", len(charts), figures)
	}
	dir := t.TempDir()
	if err := corpus.CopyDir("../content", filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("date,USREC\n")
	for y := 2000; y < 2024; y++ {
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&csv, "%d-%02d-01,%d\n", y, m, map[bool]int{true: 1}[y == 2008 || y == 2020 && m < 5])
		}
	}
	for name, text := range map[string]string{
		"site.yaml":                                    readDoc(t, "../site.yaml"),
		"content/posts/readme-examples/index.md":       body.String(),
		"content/posts/readme-examples/recessions.csv": csv.String(),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := build.Build(context.Background(), build.SourceFS(dir), build.Options{}, output.NewMemory())
	if err != nil {
		t.Fatalf("README's chart and figure examples do not build:\n%v\n\n%s", err, body.String())
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "readme-examples") {
			t.Errorf("README's examples build with a warning: %s", w)
		}
	}
}
