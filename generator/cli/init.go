package cli

import (
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/term"
	"github.com/tearsheet/tearsheet/themes"
)

// skeleton is the site tearsheet init writes. Its article's date is the
// time of init (__TODAY__, in UTC with its offset, so that no time zone
// set later makes it an article of the future), and its workflow (this repository's
// .github/workflows/pages.yml, byte for byte: see workflow_test.go)
// installs the release that wrote it, when that is known.
//
//go:embed all:skeleton
var skeleton embed.FS

// runInit writes a new site into a folder: one that builds offline and
// passes check as it is. A folder that holds anything but .git needs
// --force, and even then no file is replaced: init writes only the files
// that are missing and names the ones it kept.
func runInit(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tearsheet init", flag.ContinueOnError)
	fl.SetOutput(stderr)
	force := fl.Bool("force", false, "write into a folder that is not empty (existing files are kept, never replaced)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: tearsheet init [--force] [DIR]\n\nStarts a new site in DIR (default: the current folder).\n\n")
		fl.PrintDefaults()
	}
	dir, code, ok := oneArg(fl, args, ".")
	if !ok {
		return code
	}
	if !*force {
		if names, err := folderNames(dir); err != nil {
			fmt.Fprintf(stderr, "tearsheet init: %s\n", err)
			return 1
		} else if len(names) > 0 {
			fmt.Fprintf(stderr, "tearsheet init: %s is not empty (it holds %s): start the site in a new folder, or add --force to write only the files that are missing (none is replaced)\n", dir, strings.Join(names, ", "))
			return 1
		}
	}
	site, err := fs.Sub(skeleton, "skeleton")
	if err != nil {
		fmt.Fprintf(stderr, "tearsheet init: %s\n", err)
		return 1
	}
	fill := strings.NewReplacer("__TODAY__", time.Now().UTC().Format("2006-01-02T15:04:05Z"), "TEARSHEET_VERSION: latest", "TEARSHEET_VERSION: "+releaseVersion())
	written, kept, err := copyNew(site, dir, func(b []byte) []byte { return []byte(fill.Replace(string(b))) })
	if err != nil {
		fmt.Fprintf(stderr, "tearsheet init: %s\n", err)
		return 1
	}
	where := dir
	if dir == "." {
		where = "this folder"
	}
	if len(written) == 0 {
		fmt.Fprintf(stdout, "%s already holds every file of a new site: none written.\n", where)
	} else {
		fmt.Fprintf(stdout, "Started a site in %s: %s written.\n", where, term.Count(len(written), "file", "files"))
	}
	listKept(stdout, kept, " (compare them with a new `tearsheet init` elsewhere)")
	cd := ""
	if dir != "." {
		cd = fmt.Sprintf("  cd %s\n", shellQuote(dir))
	}
	fmt.Fprintf(stdout, `
Next steps:
%s  tearsheet serve              preview it at http://127.0.0.1:1313/, rebuilt as you save
  tearsheet new post "Title"   start an article (then edit site.yaml and content/about.md)
  tearsheet build              build it into public/
  tearsheet check              check its links and data

To publish it on GitHub Pages: push this folder to the main branch of a GitHub
repository (git init -b main, git add ., git commit, git remote add origin URL,
git push -u origin main) and, in its Settings > Pages, set Source to "GitHub
Actions". The run the push started fails at configure-pages ("Get Pages site
failed") while Pages is off: once Source is set, re-run it from the Actions
tab ("Re-run all jobs") or push again. .github/workflows/pages.yml then
builds it, checks its links (a broken one stops the run) and publishes it on
every push to main and once a day.
`, cd)
	return 0
}

// shellSafe matches a path a shell reads as it is written.
var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+,=-]+$`)

// shellQuote returns dir as the line "cd DIR" of the next steps must
// write it to be pasted into a shell: as it is when no character of it
// means anything to a shell, else quoted, so that "tearsheet init 'My
// research'" does not suggest "cd My research", which cd refuses (too
// many arguments) or takes to another folder. Windows' shells take
// double quotes; the others single quotes, with a ' written '\”.
func shellQuote(dir string) string {
	if shellSafe.MatchString(dir) {
		return dir
	}
	if runtime.GOOS == "windows" {
		return `"` + dir + `"`
	}
	return "'" + strings.ReplaceAll(dir, "'", `'\''`) + "'"
}

// runTheme runs "tearsheet theme eject", which copies the built-in default
// theme into the site's themes/default/ to edit.
func runTheme(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tearsheet theme eject", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site folder (holding site.yaml)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: tearsheet theme eject [--source DIR]\n\n"+
			"Copies the built-in theme into SOURCE/themes/default/ to edit. Files there already are kept.\n"+
			"Only files you change need to stay: any file missing from themes/default/ is taken from the built-in theme.\n\n")
		fl.PrintDefaults()
	}
	sub, code, ok := oneArg(fl, args, "")
	if !ok {
		return code
	}
	if sub != "eject" {
		if sub == "" {
			fl.Usage()
		} else {
			unknownSub(stderr, "tearsheet theme", sub, []string{"eject"})
		}
		return 2
	}
	if _, err := os.Stat(filepath.Join(*source, "site.yaml")); err != nil {
		fmt.Fprintf(stderr, "tearsheet theme eject: %s holds no site.yaml: give the site folder with --source\n", *source)
		return 1
	}
	dst := filepath.Join(*source, "themes", themes.DefaultName)
	written, kept, err := copyNew(themes.Default(), dst, nil)
	if err != nil {
		fmt.Fprintf(stderr, "tearsheet theme eject: %s\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Copied the built-in theme into %s: %s written.\n", dst, term.Count(len(written), "file", "files"))
	listKept(stdout, kept, "")
	fmt.Fprintln(stdout, "A file you delete there is taken from the built-in theme again; a file you keep no longer follows tearsheet's updates.")
	return 0
}

// positional parses fl's flags, which may come before, between and after
// the arguments, and returns the arguments. ok is false, with the exit
// code, when the command should stop: 0 after -h, 2 on a usage error.
func positional(fl *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if code, ok := parseOnce(fl, args); !ok {
			return nil, code, false
		}
		if fl.NArg() == 0 {
			return pos, 0, true
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
}

// oneArg is positional for a command of at most one argument, which it
// returns (def when none is given).
func oneArg(fl *flag.FlagSet, args []string, def string) (arg string, code int, ok bool) {
	pos, code, ok := positional(fl, args)
	switch {
	case !ok:
		return "", code, false
	case len(pos) > 1:
		fmt.Fprintf(fl.Output(), "%s: unexpected argument %q\n", fl.Name(), pos[1])
		fl.Usage()
		return "", 2, false
	case len(pos) == 1:
		return pos[0], 0, true
	}
	return def, 0, true
}

// listKept prints the files copyNew kept, if any.
func listKept(w io.Writer, kept []string, why string) {
	if len(kept) > 0 {
		fmt.Fprintf(w, "Kept these existing files as they were%s:\n  %s\n", why, strings.Join(kept, "\n  "))
	}
}

// folderNames lists what dir holds, leaving out .git (a new repository is
// a fine place for a site); a missing dir holds nothing.
func folderNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".git" {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// copyNew copies every file of src into the folder dst, making folders as
// needed, through edit when not nil. A file that exists already is never
// replaced: it is listed in kept. Paths are slash paths relative to dst.
func copyNew(src fs.FS, dst string, edit func([]byte) []byte) (written, kept []string, err error) {
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out := filepath.Join(dst, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if edit != nil {
			b = edit(b)
		}
		f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			kept = append(kept, p)
			return nil
		}
		if err != nil {
			return err
		}
		_, werr := f.Write(b)
		if err := errors.Join(werr, f.Close()); err != nil {
			return fmt.Errorf("%s: %w", out, err)
		}
		written = append(written, p)
		return nil
	})
	return written, kept, err
}
