package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/suggest"
)

// parseFlags parses a command's flags, which take no other arguments. It
// returns false and the exit code when the command should stop: 0 after
// -h, 2 on a usage error.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		flagHint(fs, err)
		return 2, false
	}
	if fs.NArg() > 0 {
		arg, hint := fs.Arg(0), ""
		// A folder named as init names one (tearsheet serve my-research)
		// is the site folder the author meant: say how to give it.
		if info, err := os.Stat(arg); err == nil && info.IsDir() && fs.Lookup("source") != nil {
			hint = fmt.Sprintf(": to name the site folder, run %s --source %s", fs.Name(), shellWord(arg))
		}
		fmt.Fprintf(stderr, "%s: unexpected argument %q%s\n", fs.Name(), arg, hint)
		return 2, false
	}
	return 0, true
}

// flagHint follows the flag package's report of a flag fs does not
// define, and the flag list it prints after it, with the flag the author
// probably meant: --baseurl for --baseURL, --sorce for --source. The list
// is long enough that the report scrolls out of sight above it, and an
// author following Hugo's habits types flags in other letter cases.
func flagHint(fs *flag.FlagSet, err error) {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !ok {
		return
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	msg := fmt.Sprintf("%s: unknown flag --%s", fs.Name(), name)
	if s := suggest.Closest(name, names); s != "" {
		msg += fmt.Sprintf("; did you mean --%s?", s)
	}
	fmt.Fprintln(fs.Output(), "\n"+msg)
}

// setUsage makes fs's -h print synopsis ("tearsheet build [flags]") and
// what the command does, then its flags, as every command's -h does.
func setUsage(fs *flag.FlagSet, stderr io.Writer, synopsis, about string) {
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n\n%s\n\n", synopsis, about)
		fs.PrintDefaults()
	}
}

// baseURLFlag defines --baseURL, the address the site is published at, for
// every command that builds the site as it is published (build, check,
// email): it becomes build.Options.BaseURL, which the build checks and
// reports as "--baseURL: …" before reading anything else.
func baseURLFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "baseURL", "", "override site.yaml's baseURL, e.g. https://user.github.io/repo/")
}

// neverFetchesFlag accepts --offline on a command that never fetches
// (check, serve), so that a script giving each command build's flags does
// not fail on a usage error: such a command reads a remote dataset from
// .cache/data, as build --offline does, or from its committed file.
func neverFetchesFlag(fs *flag.FlagSet) {
	fs.Var(neverFetches{}, "offline", "accepted as build's is: this command never fetches; remote datasets are read from .cache/data or their committed file")
}

// neverFetches is the value of --offline on a command that never fetches:
// true, whatever it is given, but for false, which asks what it cannot do.
type neverFetches struct{}

func (neverFetches) String() string   { return "true" }
func (neverFetches) IsBoolFlag() bool { return true }

func (neverFetches) Set(s string) error {
	if v, err := strconv.ParseBool(s); err != nil || !v {
		return errors.New("this command never fetches: run tearsheet build to fetch remote datasets into .cache/data, which it reads then")
	}
	return nil
}

// shellWord returns s as a shell reads it back: as it is when it holds no
// character a shell treats specially, else in single quotes.
func shellWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"$`\\&;|<>()*?[]{}!#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
