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
		{[]string{"build", "--watch"}, "tearsheet build: unknown flag --watch (tearsheet build -h lists the flags)"},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 2 || out != "" || errOut != tc.want+"\n" {
			t.Errorf("tearsheet %s: exit %d, stderr:\n%s\nwant exit 2 and the one line %q", strings.Join(tc.args, " "), code, errOut, tc.want)
		}
	}
}

// TestFlagErrorOneLine checks that every usage error of a flag is one
// line naming the command and the flag as the author types it (--source,
// not the flag package's -source), with the way to the flag list: the flag
// package printed its message, then the whole flag list (30 lines for
// build), so the message scrolled out of sight above it.
func TestFlagErrorOneLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "--watch"}, "tearsheet build: unknown flag --watch (tearsheet build -h lists the flags)"},
		{[]string{"build", "--source"}, "tearsheet build: flag --source needs a value: --source VALUE"},
		{[]string{"serve", "-port"}, "tearsheet serve: flag --port needs a value: --port VALUE"},
		{[]string{"build", "--drafts=maybe"}, `tearsheet build: flag --drafts is true or false, not "maybe"`},
		{[]string{"serve", "--port", "http"}, `tearsheet serve: flag --port is a whole number, not "http"`},
		{[]string{"check", "--offline=false"}, `tearsheet check: flag --offline "false": this command never fetches: run tearsheet build to fetch remote datasets into .cache/data, which it reads then`},
		{[]string{"build", "---source", "x"}, `tearsheet build: bad flag syntax: ---source (tearsheet build -h lists the flags)`},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 2 || out != "" || errOut != tc.want+"\n" {
			t.Errorf("tearsheet %s: exit %d, stderr:\n%s\nwant exit 2 and the one line %q", strings.Join(tc.args, " "), code, errOut, tc.want)
		}
	}
}
