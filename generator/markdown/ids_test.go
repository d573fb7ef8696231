package markdown

import (
	"strings"
	"testing"
)

// TestHeadingIDsAsHugo: headings get the ids Hugo 0.111.3 gives the same
// markdown with its default configuration (autoHeadingIDType "github"),
// read from its output: letters and digits of every script are kept, so a
// link to #über-zinsen of an article moved from Hugo still lands on its
// section; an explicit {#id} and an earlier heading take their id first.
func TestHeadingIDsAsHugo(t *testing.T) {
	cases := []struct{ heading, want string }{
		{"Über Zinsen", "über-zinsen"},
		{"利回り曲線とは?", "利回り曲線とは"},
		{"snake_case name", "snake_case-name"},
		{"What's new?", "whats-new"},
		{"A & B", "a--b"},
		{"Café—Crème", "cafécrème"},
		{"2026 Q1: outlook", "2026-q1-outlook"},
		{"???", "heading"},
		{"???", "heading-1"},
		{"Ω ω", "ω-ω"},
		{"`code` heading", "code-heading"},
		{"Straße ǅ", "straße-ǆ"},
		{"Dash - dash", "dash---dash"},
		{"émoji 🎉 party", "émoji--party"},
		{"Ⅻ roman ①", "-roman-"},
		{"heading", "heading-2"},
		{"Taken {#notes-1}", "notes-1"},
		{"Notes", "notes"},
		{"Notes", "notes-2"},
	}
	var src strings.Builder
	for _, c := range cases {
		src.WriteString("## " + c.heading + "\n\n")
	}
	d, doc := convertDoc(t, src.String())
	var got []string
	for _, n := range elements(doc, "h2") {
		got = append(got, getAttr(n, "id"))
	}
	if len(got) != len(cases) {
		t.Fatalf("%d headings, want %d: %q", len(got), len(cases), got)
	}
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("## %s: id %q, want %q (Hugo's)", c.heading, got[i], c.want)
		}
		if d.TOC[i].ID != got[i] {
			t.Errorf("## %s: the contents link #%s, the heading's id is %q", c.heading, d.TOC[i].ID, got[i])
		}
	}
}
