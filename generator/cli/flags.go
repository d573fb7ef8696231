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
	if code, ok := parseOnce(fs, args); !ok {
		return code, false
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

// parseOnce runs fs.Parse(args). It returns false and the exit code when
// the command should stop: 0 after -h, which prints fs's usage; 2 on a
// usage error, which it reports in one line (see flagError) in place of
// the flag package's message followed by the whole flag list (30 lines
// for build), above which the message scrolled out of sight.
func parseOnce(fs *flag.FlagSet, args []string) (int, bool) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		if usage != nil {
			usage()
		} else {
			fs.PrintDefaults()
		}
		return 0, false
	}
	fmt.Fprintln(out, flagError(fs, err))
	return 2, false
}

// flagError rewrites an error of fs.Parse as one line that names the
// command and the flag as an author types it (--source, where the flag
// package writes -source): a mistyped flag with the flag the author
// probably meant (--baseurl for --baseURL: Hugo's docs vary the letter
// case), a flag without its value with the form it takes, a value the
// flag does not take with what it does. Where the line does not say what
// to type instead, it ends with the command that lists the flags.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	list := fmt.Sprintf(" (%s -h lists the flags)", fs.Name())
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := suggest.Closest(name, names); s != "" {
			return fmt.Sprintf("%s: unknown flag --%s; did you mean --%s?", fs.Name(), name, s)
		}
		return fmt.Sprintf("%s: unknown flag --%s%s", fs.Name(), name, list)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("%s: flag --%s needs a value: --%s VALUE", fs.Name(), name, name)
	}
	// "invalid boolean value %q for -%s: %v", "invalid value %q for flag -%s: %v"
	var value, name, reason string
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		value, name, reason = splitInvalid(rest, " for -")
	} else if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		value, name, reason = splitInvalid(rest, " for flag -")
	}
	if name == "" {
		return fmt.Sprintf("%s: %s%s", fs.Name(), msg, list)
	}
	if reason == "parse error" {
		// strconv's error, from a flag of the flag package's own types.
		if g, ok := fs.Lookup(name).Value.(flag.Getter); ok {
			switch g.Get().(type) {
			case bool:
				return fmt.Sprintf("%s: flag --%s is true or false, not %s", fs.Name(), name, value)
			case int, int64, uint, uint64:
				return fmt.Sprintf("%s: flag --%s is a whole number, not %s", fs.Name(), name, value)
			}
		}
		return fmt.Sprintf("%s: flag --%s %s: not a value it takes%s", fs.Name(), name, value, list)
	}
	return fmt.Sprintf("%s: flag --%s %s: %s", fs.Name(), name, value, reason)
}

// splitInvalid splits the rest of the flag package's "invalid value"
// error, `"VALUE"` + sep + `NAME: REASON`, into the quoted value, the
// flag's name and the reason; name is "" when rest is not of that form.
func splitInvalid(rest, sep string) (value, name, reason string) {
	value, after, ok := strings.Cut(rest, sep)
	if !ok || !strings.HasPrefix(value, `"`) {
		return "", "", ""
	}
	name, reason, ok = strings.Cut(after, ": ")
	if !ok || strings.ContainsAny(name, " \"") {
		return "", "", ""
	}
	return value, name, reason
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
