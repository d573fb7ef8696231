package cli

import (
	"strings"
	"testing"
)

// TestHelpOfHelp checks that help asked of help (tearsheet help -h, as an
// author tries once tearsheet help COMMAND -h works) prints the command
// list, as tearsheet -h does, rather than call -h an unknown command.
func TestHelpOfHelp(t *testing.T) {
	_, want, _ := run(t, "-h")
	for _, args := range [][]string{{"help", "-h"}, {"help", "--help"}, {"help", "-help"}, {"help", "help"}} {
		code, out, errOut := run(t, args...)
		if code != 0 || out != want || errOut != "" {
			t.Errorf("tearsheet %s: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0 and the command list of tearsheet -h", strings.Join(args, " "), code, out, errOut)
		}
	}
}

// TestSubcommandMistyped checks that new and theme name what is wrong
// with their arguments in one line, with the command meant, where they
// printed their usage alone: a mistyped kind (new posts), a title of
// several words without quotes, a missing title, a mistyped theme eject.
func TestSubcommandMistyped(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "posts", "Title", "--source", dir}, `tearsheet new: unknown kind "posts"; did you mean "post"? (tearsheet new post "Title", or new page "Title")`},
		{[]string{"new", "article", "Title"}, `tearsheet new: unknown kind "article" (tearsheet new post "Title", or new page "Title")`},
		{[]string{"new", "post", "Small", "caps", "rally"}, `tearsheet new: the title is one argument: put it in quotes, tearsheet new post "Small caps rally"`},
		{[]string{"new", "post"}, `tearsheet new: the title is missing: tearsheet new post "Title"`},
		{[]string{"theme", "ejct"}, `tearsheet theme: unknown command "ejct"; did you mean "eject"?`},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 2 || out != "" || errOut != tc.want+"\n" {
			t.Errorf("tearsheet %s: exit %d, stderr:\n%s\nwant exit 2 and the one line %q", strings.Join(tc.args, " "), code, errOut, tc.want)
		}
	}
}
