package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/internal/suggest"
)

// commands lists the commands, for help and for suggestions.
func commands() []string {
	return []string{"build", "serve", "new", "check", "lock", "email", "init", "theme", "version", "help"}
}

const usage = `tearsheet builds a research site from markdown, data and a theme.

Usage:
  tearsheet init [DIR]            start a new site in DIR (default: the current folder)
  tearsheet build [flags]         build the site into public/ (the default command)
  tearsheet serve [flags]         preview the site at http://127.0.0.1:1313/, rebuilt as you save
  tearsheet new post "Title"      start an article: content/posts/SLUG/index.md (new page "Title": content/SLUG.md)
  tearsheet check [flags]         build in memory and check links, anchors, images and data freshness
  tearsheet lock [PATH...]        record what published articles show in figures.lock (PATH: record again)
  tearsheet email PATH [--text]   print the email edition of the article at PATH (HTML, or the plain text)
  tearsheet theme eject           copy the built-in theme into themes/default/ to edit it
  tearsheet version               print the version, and the module version or revision it was built from
  tearsheet help [COMMAND]        show this help, or a command's flags

Run "tearsheet COMMAND -h" for the flags of a command.
`

// commandFlag reports whether a flag given first stands for a command
// (help or version) rather than for a flag of build, the default command.
func commandFlag(a string) bool {
	switch a {
	case "-h", "--help", "-help", "--version", "-version":
		return true
	}
	return false
}

// versionLine describes this binary: tearsheet's version, then what the Go
// toolchain recorded of its build (the module version when installed with
// go install, the VCS revision and time when built from a checkout).
// runVersion prints the version line; -h says what it prints.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tearsheet version", flag.ContinueOnError)
	fl.SetOutput(stderr)
	setUsage(fl, stderr, "tearsheet version",
		"Prints tearsheet's version, and the module version or revision the binary was built from.")
	if code, ok := parseFlags(fl, args, stderr); !ok {
		return code
	}
	fmt.Fprintln(stdout, versionLine())
	return 0
}

func versionLine() string {
	var extra []string
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			extra = append(extra, "module "+v)
		}
		var rev, at string
		modified := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if rev != "" {
			r := "revision " + rev
			if at != "" {
				r += " (" + at + ")"
			}
			if modified {
				r += " with local changes"
			}
			extra = append(extra, r)
		}
		extra = append(extra, info.GoVersion)
	}
	if len(extra) == 0 {
		return "tearsheet " + build.Version
	}
	return "tearsheet " + build.Version + ", " + strings.Join(extra, ", ")
}

// releaseVersion is the module version to install this same tearsheet
// with go install: the one go install recorded when it fetched tearsheet
// from the module proxy. A binary built from a checkout (which records its
// VCS revision, and perhaps a pseudo-version of a commit never published)
// gives "latest".
func releaseVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || !strings.HasPrefix(info.Main.Version, "v") || strings.Contains(info.Main.Version, "+") {
		return "latest"
	}
	for _, s := range info.Settings {
		if strings.HasPrefix(s.Key, "vcs") {
			return "latest"
		}
	}
	return info.Main.Version
}

// runHelp prints the commands, or with a command's name its flags (as
// "tearsheet COMMAND -h" does). Help asked of help (help -h, help
// --help, help help) is the command list.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && slices.Contains([]string{"help", "-h", "--help", "-help"}, args[0]) {
		args = nil
	}
	if len(args) > 0 && slices.Contains(commands(), args[0]) {
		return Run(ctx, []string{args[0], "-h"}, stdout, stderr)
	}
	if len(args) > 0 {
		return unknownCommand(args[0], stderr)
	}
	fmt.Fprint(stdout, usage)
	return 0
}

// unknownSub reports the command sub of cmd ("tearsheet theme"), which is
// none of subs, suggesting the nearest one, in one line.
func unknownSub(stderr io.Writer, cmd, sub string, subs []string) {
	fmt.Fprintf(stderr, "%s: unknown command %q", cmd, sub)
	if s := suggest.Closest(sub, subs); s != "" {
		fmt.Fprintf(stderr, "; did you mean %q?", s)
	}
	fmt.Fprintln(stderr)
}

// unknownCommand reports a command tearsheet does not have, suggesting the
// nearest one.
func unknownCommand(cmd string, stderr io.Writer) int {
	fmt.Fprintf(stderr, "tearsheet: unknown command %q", cmd)
	if s := suggest.Closest(cmd, commands()); s != "" {
		fmt.Fprintf(stderr, "; did you mean %q?", s)
	}
	fmt.Fprintf(stderr, "\n\n%s", usage)
	return 2
}
