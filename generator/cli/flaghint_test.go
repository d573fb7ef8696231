package cli

import (
	"strings"
	"testing"
)

// TestUnknownFlagSuggests checks that a mistyped flag ends its usage error
// with the flag meant, on every command: the flag package names the bad
// flag first, then lists every flag, so the name scrolls out of sight, and
// an author typing --baseurl (the letter case of Hugo's docs varies) was
// left to compare the list by eye.
func TestUnknownFlagSuggests(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--baseurl", "https://example.org/"}, "tearsheet build: unknown flag --baseurl; did you mean --baseURL?"},
		{[]string{"--baseurl", "https://example.org/"}, "tearsheet build: unknown flag --baseurl; did you mean --baseURL?"},
		{[]string{"check", "-baseurl=https://example.org/"}, "tearsheet check: unknown flag --baseurl; did you mean --baseURL?"},
		{[]string{"serve", "--prot", "1400"}, "tearsheet serve: unknown flag --prot; did you mean --port?"},
		{[]string{"new", "post", "Title", "--sorce", dir}, "tearsheet new: unknown flag --sorce; did you mean --source?"},
		{[]string{"email", "content/posts/a.md", "--txt"}, "tearsheet email: unknown flag --txt; did you mean --text?"},
		{[]string{"init", "--forse", dir}, "tearsheet init: unknown flag --forse; did you mean --force?"},
		{[]string{"lock", "--ofline"}, "tearsheet lock: unknown flag --ofline; did you mean --offline?"},
		{[]string{"theme", "eject", "--sourse", dir}, "tearsheet theme eject: unknown flag --sourse; did you mean --source?"},
		{[]string{"build", "--watch"}, "tearsheet build: unknown flag --watch"},
	} {
		code, out, errOut := run(t, tc.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != 2 || out != "" || lines[len(lines)-1] != tc.want {
			t.Errorf("tearsheet %s: exit %d, last line of stderr %q, want exit 2 and %q", strings.Join(tc.args, " "), code, lines[len(lines)-1], tc.want)
		}
	}
}
