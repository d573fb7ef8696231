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
