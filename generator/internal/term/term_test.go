package term

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestStyle(t *testing.T) {
	var buf bytes.Buffer
	if For(&buf).Color {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if For(f).Color {
		t.Error("a regular file is not a terminal")
	}
	if got := (Style{Color: true}).Red("x"); got != "\x1b[31mx\x1b[0m" {
		t.Errorf("Red: %q", got)
	}
	if got := (Style{}).Red("x"); got != "x" {
		t.Errorf("plain Red: %q", got)
	}
	Style{}.Warnings(&buf, []string{"a.md: one", "b.md: two"})
	if buf.String() != "2 warnings:\n  - a.md: one\n  - b.md: two\n" {
		t.Errorf("Warnings:\n%s", buf.String())
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 pages", 1: "1 page", 999: "999 pages", 1000: "1,000 pages", 1234567: "1,234,567 pages", -1200: "-1,200 pages"} {
		if got := Count(n, "page", "pages"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFlatten(t *testing.T) {
	err := errors.Join(errors.New("a"), errors.Join(errors.New("b"), errors.New("c")))
	if got := strings.Join(Flatten(err), ","); got != "a,b,c" {
		t.Errorf("Flatten: %s", got)
	}
}

// TestFlattenOrder: the messages that name no place come first, in their
// order; then site.yaml's, by line (a misspelt key there is often what the
// rest follow from); then the others, by file, line and column.
func TestFlattenOrder(t *testing.T) {
	err := errors.Join(
		errors.New("content/b.md:9: late"),
		errors.New("site.yaml: theme missing"),
		errors.Join(errors.New("content/a.md:30:2: third"), errors.New("content/b.md:2: early")),
		errors.New("content/a.md:4: first"),
		errors.New("content/a.md:30:1: second"),
		errors.New("site.yaml:43: unknown key \"dataset\""),
		errors.New("site.yaml:5: bad value"),
	)
	want := "site.yaml: theme missing|site.yaml:5: bad value|site.yaml:43: unknown key \"dataset\"|content/a.md:4: first|content/a.md:30:1: second|content/a.md:30:2: third|content/b.md:2: early|content/b.md:9: late"
	if got := strings.Join(Flatten(err), "|"); got != want {
		t.Errorf("Flatten:\n%s\nwant\n%s", got, want)
	}
	for msg, want := range map[string]string{
		"content/a.md:12: x":     "content/a.md 12 0 true",
		"content/a.md:12:7: x":   "content/a.md 12 7 true",
		"site.yaml: x":           " 0 0 false",
		"a build error: x":       " 0 0 false",
		"content/a.md:12":        " 0 0 false",
		"figures.lock:3: format": "figures.lock 3 0 true",
	} {
		f, l, c, ok := Place(msg)
		if got := fmt.Sprint(f, " ", l, " ", c, " ", ok); got != want {
			t.Errorf("Place(%q) = %s, want %s", msg, got, want)
		}
	}
}

// TestErrorsCount: the count line after several errors says to fix
// site.yaml first when its errors lead and others follow.
func TestErrorsCount(t *testing.T) {
	for _, tc := range []struct {
		errs []string
		want string
	}{
		{[]string{"content/a.md:1: x"}, "error: content/a.md:1: x\n"},
		{[]string{"content/a.md:1: x", "content/b.md:1: y"}, "error: content/a.md:1: x\nerror: content/b.md:1: y\n2 errors\n"},
		{[]string{"site.yaml:43: unknown key", "content/a.md:1: x"}, "error: site.yaml:43: unknown key\nerror: content/a.md:1: x\n2 errors (fix site.yaml first: the others may follow from it)\n"},
		{[]string{"site.yaml:4: x", "site.yaml:9: y"}, "error: site.yaml:4: x\nerror: site.yaml:9: y\n2 errors\n"},
	} {
		var b strings.Builder
		Style{}.Errors(&b, tc.errs)
		if b.String() != tc.want {
			t.Errorf("Errors(%q):\n%s\nwant\n%s", tc.errs, b.String(), tc.want)
		}
	}
}
