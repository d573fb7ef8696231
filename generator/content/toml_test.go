package content

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// TestTOMLFrontMatter: front matter in TOML between two lines "+++", as
// Hugo and Zola write it, is read as the same front matter in YAML.
func TestTOMLFrontMatter(t *testing.T) {
	toml := `+++
title = "Curve, \"steep\" again"
date = 2024-03-05T10:00:00-05:00
lastmod = 2024-03-08
tags = [
  "rates",
  'credit',
]
keywords = ["term premium"]  # a comment
draft = false
toc = true
disclosures = ["The author holds no bonds."]

[params]
mood = "calm"
level = 1_000

[[updates]]
date = 2024-03-06
note = "Corrected a figure."

[[updates]]
date = 2024-03-08
note = "Added a chart."
+++
Body.
`
	yml := `---
title: 'Curve, "steep" again'
date: 2024-03-05T10:00:00-05:00
lastmod: 2024-03-08
tags: [rates, credit]
keywords: [term premium]
draft: false
toc: true
disclosures: [The author holds no bonds.]
params: {mood: calm, level: "1000"}
updates:
  - {date: 2024-03-06, note: Corrected a figure.}
  - {date: 2024-03-08, note: Added a chart.}
---
Body.
`
	got, err := Parse("content/posts/curve.md", []byte(toml), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse("content/posts/curve.md", []byte(yml), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if got.BodyLine != 26 || string(got.Body) != "Body.\n" {
		t.Errorf("body at line %d: %q", got.BodyLine, got.Body)
	}
	if l := got.Meta.Updates[1].Date.Line + 1; l != 23 {
		t.Errorf("second update's date at line %d, want 23", l)
	}
	// Lines differ between the two files; the values must not.
	norm := func(m Meta) Meta {
		m.Date.Line, m.Lastmod.Line = 0, 0
		for i := range m.Updates {
			m.Updates[i].Date.Line = 0
		}
		return m
	}
	if g, w := norm(got.Meta), norm(want.Meta); !reflect.DeepEqual(g, w) {
		t.Errorf("TOML front matter read as\n%+v\nwant, as its YAML,\n%+v", g, w)
	}
}

// TestTOMLFrontMatterErrors: a mistake in TOML front matter is reported
// at the line of the TOML file, as in YAML.
func TestTOMLFrontMatterErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"bad date", "+++\ntitle = \"x\"\n\ndate = \"someday\"\n+++\n", `a.md:4: date: invalid date "someday"`},
		{"unknown key", "+++\ntitle = \"x\"\ndate = 2024-01-01\ntikcers = [\"SPX\"]\n+++\n", `a.md:4: unknown key "tikcers"`},
		{"typo hint", "+++\ntitle = \"x\"\ndate = 2024-01-01\nsumary = \"s\"\n+++\n", `a.md:4: unknown key "sumary" (did you mean "summary"?)`},
		{"syntax", "+++\ntitle = \"x\"\ndate = 2024-01-01\ntags = [\"a\",\n+++\n", `a.md:5: TOML front matter: `},
		{"unquoted text", "+++\ntitle = x\n+++\n", `a.md:2: TOML front matter: `},
		{"key twice", "+++\ntitle = \"x\"\ndate = 2024-01-01\ntitle = \"y\"\n+++\n", `a.md:4: key "title" is set twice, first at line 2: keep one of them`},
		{"table twice", "+++\ntitle = \"x\"\ndate = 2024-01-01\n[params]\na = \"1\"\n[params]\nb = \"2\"\n+++\n", `a.md:6: table [params] is set twice, first at line 4`},
		{"update without date", "+++\ntitle = \"x\"\ndate = 2024-01-01\n[[updates]]\nnote = \"n\"\n+++\n", `a.md:5: updates: entry 1 has no date`},
		{"update without note", "+++\ntitle = \"x\"\ndate = 2024-01-01\n[[updates]]\ndate = 2024-01-02\n+++\n", `a.md:5: updates: entry 1 needs a note`},
		{"wrong type", "+++\ntitle = \"x\"\ndate = 2024-01-01\ndraft = \"maybe\"\n+++\n", `a.md:4: "maybe" is text, but true or false is expected here`},
		{"not closed", "+++\ntitle = \"x\"\n", `a.md:1: front matter is not closed: add a line +++`},
		{"opened with +++, closed with ---", "+++\ntitle = \"x\"\n---\nBody\n", `a.md:1: front matter is not closed: add a line +++`},
		{"peer key", "+++\ntitle = \"x\"\ndate = 2024-01-01\nweight = 3\n+++\n", `a.md:4: key "weight" of Hugo, Jekyll or Zola is not one of tearsheet's`},
	} {
		_, err := Parse("content/posts/a.md", []byte(tc.src), time.UTC)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v\nwant %q", tc.name, err, tc.want)
		}
	}
}

// TestTOMLZolaKeys: Zola's front matter (updated, [extra], [taxonomies]
// is not taken: see the message) reads as tearsheet's.
func TestTOMLZolaKeys(t *testing.T) {
	src := "+++\ntitle = \"Breadth\"\ndate = 2024-05-01\nupdated = 2024-05-03\ndescription = \"Few stocks led.\"\n\n[extra]\ncover = \"breadth.png\"\n+++\nBody.\n"
	f, err := Parse("content/posts/breadth.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if f.Meta.Lastmod.Time.Day() != 3 || f.Meta.Summary != "Few stocks led." || f.Meta.Params["cover"] != "breadth.png" {
		t.Errorf("read %+v", f.Meta)
	}
}

// FuzzTOML checks that tomlToYAML never panics and that the YAML it
// makes of front matter it accepts has the same lines and is YAML.
func FuzzTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"A\"\ndate = 2024-05-01\n",
		"tags = [\n  \"a\",\n  \"b\",\n]\n[params]\nx = 1\n[params.deep]\ny = 2.5\n",
		"[[updates]]\ndate = 2024-01-01\nnote = \"n\"\n[[updates]]\ndate = 2024-01-02\nnote = \"m\"\n",
		"a.b.c = 1\na.d = true\n\"quoted key\" = 'lit'\nyes = no\n",
		"[a]\nx = 1\n[b]\ny = 2\n[a.c]\nz = 3\n",
		"t = {x = 1, y = [1, 2, {z = 3}]}\nf = inf\ng = -nan\nh = 0x1F\nd = 1979-05-27 07:32:00Z\nm = \"\"\"\nmulti\nline\n\"\"\"\n",
		"arr = [\n  {a = 1},\n  {a = 2}\n]\n[[arr2]]\n[[arr2]]\nk = 1\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		y, err := tomlToYAML("a.md", []byte(fm))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "a.md:") {
				t.Fatalf("error does not start with the file: %v", err)
			}
			return
		}
		if got, want := bytes.Count(y, []byte("\n")), strings.Count(fm, "\n"); got != want && !(got == want-1 && strings.HasSuffix(fm, "\n")) {
			t.Fatalf("%d lines of YAML for %d of TOML:\n%s", got+1, want+1, y)
		}
		var v any
		if err := yaml.Unmarshal(y, &v); err != nil {
			t.Fatalf("not YAML: %v\n%s", err, y)
		}
	})
}
