package yamlx

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

type axis struct {
	Decimals int    `yaml:"decimals"`
	Format   string `yaml:"format"`
}

type spec struct {
	Title string `yaml:"title"`
	Y     axis   `yaml:"y"`
	Tags  []string
}

// TestDecodeMessages pins the messages an author reads: in the author's
// words (a mapping, a whole number), never a Go type's name.
func TestDecodeMessages(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"title: a\ny: x\n", `spec.yaml:3: "x" is text, but a mapping of decimals, format is expected here`},
		{"y: {decimals: x}\n", `spec.yaml:2: "x" is text, but a whole number is expected here`},
		{"y: {decimals: 99999999999999999999}\n", `spec.yaml:2: 9999999... is too large a number here`},
		// yaml.v3 cuts a fraction off a whole number's key without a word.
		{"title: a\ny: {decimals: 1.5}\n", `spec.yaml:3: "1.5" is a number with a fraction, but a whole number is expected here`},
		{"titel: a\n", `spec.yaml:2: unknown key "titel" (did you mean "title"?)`},
		{"y: {zzz: 1}\n", `spec.yaml:2: unknown key "zzz" (valid keys: decimals, format)`},
		// A key of several words: prose under an unclosed chart fence.
		{"title: a\nMore prose, with a colon: here\n", `spec.yaml:3: unknown key "More prose, with a colon" (valid keys: title, y)`},
		// The line of the first of two keys counts from the file's
		// start, as every other line does.
		{"title: a\ny: {}\ntitle: b\n", `spec.yaml:4: key "title" is set twice, first at line 2: keep one of them`},
		{"title: a\ny:\n\tformat: x\n", `spec.yaml:4: a tab where YAML needs spaces: indent with spaces only`},
		// A tab before a key of the top mapping: yaml.v3 says it
		// "violates indentation", at the line above.
		{"title: a\ny: {}\n\ttitle: b\n", `spec.yaml:4: a tab where YAML needs spaces: indent with spaces only`},
		{"title: a\n\ty: {}\n", `spec.yaml:3: a tab where YAML needs spaces: indent with spaces only`},
		{"title: @a\n", `spec.yaml:2: found a character that cannot start a value: put the value in quotes`},
		// yaml.v3 names the line above a parser's error, or none in
		// the first line; the line is that of the mistake.
		{"title: a\ntags: [x, y\nformat: b\n", `spec.yaml:3: a list opened with [ is not closed: end it with ] on the line it ends, and put an item that holds a comma, a bracket or a colon in quotes`},
		{"tags: [x, y\n", `spec.yaml:2: a list opened with [ is not closed: end it with ] on the line it ends, and put an item that holds a comma, a bracket or a colon in quotes`},
		// yaml.v3 refuses a ? in an item in brackets (an old address's
		// query in aliases), closed or not.
		{"title: a\ntags: [/new/, /old?x=1]\n", `spec.yaml:3: a ? in a list in brackets, which YAML reads as the start of a key: put the item in quotes, as in "/old?x=1"`},
		{"y: {format: a?b}\n", `spec.yaml:2: a ? in a mapping in braces, which YAML reads as the start of a key: put the value in quotes, as in "a?b"`},
		{"title: a\ny: {format: b\n", `spec.yaml:3: a mapping opened with { is not closed: end it with } on the line it ends, and put a value that holds a comma, a brace or a colon in quotes`},
		{"title: a\ny:\n  format: b\n  decimals: \"Say \"hi\" now\"\n", `spec.yaml:5: more text follows a quoted value's closing quote: put the whole value in the other kind of quote ('Say "hi" now', or "it's"), or double a quote inside single quotes ('it''s')`},
		{"title: a\n- b\n", `spec.yaml:3: this line is not a key: value inside the mapping above it: indent it as the keys beside it, or start the mapping's list items with - under a key`},
		{"title: Rates: a look\n", `spec.yaml:2: a colon and a space inside a value, or a key indented deeper than the keys above it: put the value in quotes, as in title: "Rates: a look", or indent the key as its neighbours`},
		{"title: a\ny: \"open\n", `spec.yaml:3: a quote opened here is not closed: end the value with the quote it starts with (" or ')`},
		// yaml.v3 names no line for these.
		{"title: a\ny: {format: \"a\x00b\"}\n", `spec.yaml:3: holds the control character U+0000, which YAML does not allow: delete it`},
		{"title: a\n\ntitle: \"\xff\"\n", `spec.yaml:4: this line is not valid UTF-8 text: save the file as UTF-8`},
	} {
		var s spec
		err := Decode([]byte(c.src), "spec.yaml", 1, &s)
		if err == nil || err.Error() != c.want {
			t.Errorf("Decode(%q) = %v, want %s", c.src, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "yamlx.") {
			t.Errorf("Decode(%q): a Go type's name in %q", c.src, err)
		}
	}
}

// manyKeys is a document whose mapping y has n keys.
func manyKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("title: a\ny:\n")
	for i := range n {
		fmt.Fprintf(&b, "  k%d: 1\n", i)
	}
	return []byte(b.String())
}

// TestDecodeManyKeys: a mapping of more than MaxKeys keys is refused at
// its line before yaml.v3, which compares every key with every other,
// spends minutes on it (BenchmarkDecodeManyKeys measures the refusal; it
// was timed here, which a loaded machine failed).
func TestDecodeManyKeys(t *testing.T) {
	var s map[string]any
	err := Decode(manyKeys(30000), "spec.yaml", 1, &s)
	want := "spec.yaml:4: a mapping of 30000 keys, more than the 10000 one mapping may hold: split it, or keep the data in a CSV file"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if err := Decode(manyKeys(MaxKeys), "spec.yaml", 1, &s); err != nil {
		t.Errorf("%d keys: %v", MaxKeys, err)
	}
}

// BenchmarkDecodeManyKeys measures the refusal of a mapping of 30,000
// keys, which yaml.v3 alone takes minutes over.
func BenchmarkDecodeManyKeys(b *testing.B) {
	doc := manyKeys(30000)
	for b.Loop() {
		var s map[string]any
		if err := Decode(doc, "spec.yaml", 1, &s); err == nil {
			b.Fatal("30,000 keys decoded")
		}
	}
}

// TestDecodeWithoutDuplicates: a key set twice is reported with the
// document's other problems, each at its line, and the first of its values
// is the one decoded, whatever the second holds (a block of its own).
func TestDecodeWithoutDuplicates(t *testing.T) {
	src := "title: a\ny:\n  format: f\n  decimals: x\ntitel: b\ny:\n  format: g\n  nope: 1\n\ntitle: c\n"
	var s spec
	err := Decode([]byte(src), "spec.yaml", 1, &s)
	want := []string{
		`spec.yaml:11: key "title" is set twice, first at line 2: keep one of them`,
		`spec.yaml:7: key "y" is set twice, first at line 3: keep one of them`,
		`spec.yaml:5: "x" is text, but a whole number is expected here`,
		`spec.yaml:6: unknown key "titel" (did you mean "title"?)`,
	}
	if !Decoded(err) || err.Error() != strings.Join(want, "\n") {
		t.Errorf("Decode = %v (decoded %v), want\n%s", err, Decoded(err), strings.Join(want, "\n"))
	}
	if s.Title != "a" || s.Y.Format != "f" {
		t.Errorf("decoded %+v, want the first values", s)
	}
}

// TestDecoded: past an unknown key or a value of the wrong type the rest
// of the document is decoded, so a caller may check it too, and so is it
// past a key set twice, on lines of its own, with its first value; a
// syntax error, or a key set twice on one line, leaves it undecoded.
func TestDecoded(t *testing.T) {
	for src, want := range map[string]bool{
		"titel: a\ny: {format: f}\n":     true,
		"title: a\ny: {decimals: x}\n":   true,
		"title: a\ny: {}\ntitle: b\n":    true,
		"title: @a\n":                    false,
		"title: a\ny: {format: f, x: 1}": true,
		"y: {format: f, format: g}\n":    false,
	} {
		var s spec
		err := Decode([]byte(src), "spec.yaml", 1, &s)
		if err == nil {
			t.Fatalf("%q: no error", src)
		}
		if Decoded(err) != want {
			t.Errorf("%q: Decoded = %v, want %v (%v)", src, !want, want, err)
		}
		if want && s.Title == "" && s.Y.Format == "" {
			t.Errorf("%q: decoded nothing: %+v", src, s)
		}
	}
}

type labels map[string]string

type named struct {
	Labels labels `yaml:"labels"`
	Axes   []axis `yaml:"axes"`
}

// TestWrongTypeNamed: a value of the wrong type for a named map type is
// said in an author's words, not as "a labels value", and the Error says
// which key holds it and what it found, for a caller's own message.
func TestWrongTypeNamed(t *testing.T) {
	for _, c := range []struct{ src, want, key string }{
		{"labels: [a, b]\n", "spec.yaml:2: found a list, but a mapping is expected here", "labels"},
		{"axes:\n  - {decimals: 1}\n  - [x]\n", "spec.yaml:4: found a list, but a mapping of decimals, format is expected here", "axes.1"},
		{"axes: [{decimals: many}]\n", `spec.yaml:2: "many" is text, but a whole number is expected here`, "axes.0.decimals"},
		// A list written without its "- ": the lines under the key are a mapping.
		{"axes:\n  decimals: 1\n", `spec.yaml:3: found a mapping, but a list is expected here: write each item on a line of its own starting with "- ", or the items in brackets, [a, b]`, "axes"},
		// Several values of the kind found on one line: the one whose
		// key takes another kind, not the first of the line.
		{"axes:\n  - format: [x]\n", "spec.yaml:3: found a list, but text is expected here", "axes.0.format"},
		{"axes: [[x]]\n", "spec.yaml:2: found a list, but a mapping of decimals, format is expected here", "axes.0"},
		{"labels: {a: [b]}\n", "spec.yaml:2: found a list, but text is expected here", "labels.a"},
	} {
		var v named
		err := Decode([]byte(c.src), "spec.yaml", 1, &v)
		e := &Error{}
		if err == nil || err.Error() != c.want || !errors.As(err, &e) || e.Key != c.key || e.Found == "" {
			t.Errorf("Decode(%q) = %v (key %q), want %s (key %q)", c.src, err, e.Key, c.want, c.key)
		}
	}
}

// TestFractionForWholeNumber: a number with a fraction for a key of a
// whole number is an error naming its key, where yaml.v3 cut the fraction
// off; a whole number written with a fraction of zero (2.0) is taken.
func TestFractionForWholeNumber(t *testing.T) {
	var v named
	err := Decode([]byte("axes:\n  - {decimals: 2.0}\n  - {decimals: -0.5, format: x}\n"), "spec.yaml", 0, &v)
	e := &Error{}
	if err == nil || !errors.As(err, &e) || e.Key != "axes.1.decimals" || e.Line != 3 || !Decoded(err) {
		t.Fatalf("Decode = %v (key %q, line %d), want axes.1.decimals at line 3, the rest decoded", err, e.Key, e.Line)
	}
	if len(v.Axes) != 2 || v.Axes[0].Decimals != 2 || v.Axes[1].Format != "x" {
		t.Errorf("decoded %+v", v)
	}
}
