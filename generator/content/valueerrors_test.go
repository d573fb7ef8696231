package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// TestValueErrorsDoNotHideOthers: a value that tearsheet's own decoding
// refuses (a claim without check, tags: of several words, date: as a
// list) is reported at its line and the rest of the front matter is
// decoded and checked still: every problem of the file, each once, as
// yaml.v3's own type errors (updates: 5) are.
func TestValueErrorsDoNotHideOthers(t *testing.T) {
	const head = "---\ntitle: \"\"\ndate: 2024-13-01\ntags: [\"!!!\"]\n"
	const (
		title = `content/posts/f.md:2: title is empty: write the title, as in title: "My article"`
		date  = `content/posts/f.md:3: date: date "2024-13-01": there is no such day or month: check the month (1 to 12) and the day`
		tag   = `content/posts/f.md:4: tag "!!!" has no letters or digits, so no URL can be made of it: add a word, or remove it`
	)
	for _, tc := range []struct {
		name, fm string
		want     []string
	}{
		{"claim without check", head + "claims: [{text: \"no check\"}]\n", []string{title, date, tag,
			`content/posts/f.md:5: claims: a claim needs check: a comparison such as "{{ fedfunds.FEDFUNDS | last }} > 5"`}},
		{"claim of a list", head + "claims:\n  - [1]\n  - {text: [x], chek: y}\n", []string{title, date, tag,
			`content/posts/f.md:6: a claim is a comparison such as "{{ prices.a | ytd }} < {{ prices.b | ytd }}", or {text, check}`,
			`content/posts/f.md:7: claims: text must be text`,
			`content/posts/f.md:7: claims: unknown key "chek" (keys: text, check)`}},
		{"tags of several words", "---\ntitle: \"\"\ndate: 2024-13-01\ntags: monetary policy\n", []string{title, date,
			`content/posts/f.md:4: tags: "monetary policy" is one value of several words, which Jekyll reads as 2 names and Hugo as one: write tags: [monetary, policy] for 2, or tags: ["monetary policy"] for one`}},
		{"date of a list", "---\ntitle: \"\"\ndate: [2024]\ntags: [\"!!!\"]\n", []string{title,
			"content/posts/f.md:3: a date must be a single value such as 2024-05-01", tag}},
		{"aliases and author of a mapping", head + "aliases: {a: b}\nauthor: {a: b}\nupdates: [{date: [1], note: x}]\n", []string{title, date, tag,
			"content/posts/f.md:5: aliases must be a list of site paths, such as aliases: [/old/post/]",
			`content/posts/f.md:6: author must be a name, as in author: "Dana Whitlock", or a list of names, as in author: [Dana Whitlock, Marcus Oyelaran]`,
			"content/posts/f.md:7: a date must be a single value such as 2024-05-01"}},
		{"updates of a number (as before)", head + "updates: 5\n", []string{title, date, tag,
			`content/posts/f.md:5: "5" is a whole number, but a list is expected here: write each item on a line of its own starting with "- ", or the items in brackets, [a, b]`}},
	} {
		fsys := fstest.MapFS{"content/posts/f.md": {Data: []byte(tc.fm + "---\n\nText.\n")}}
		_, err := Load(fsys, Options{})
		got := term.Flatten(err)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: Load reports\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
