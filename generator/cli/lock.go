package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/fetch"
	"github.com/tearsheet/tearsheet/generator/internal/term"
	"github.com/tearsheet/tearsheet/generator/lock"
	"github.com/tearsheet/tearsheet/generator/output"
)

// runLock is "tearsheet lock [flags] [PATH...]": it builds the site in
// memory and writes figures.lock, the record of what each published
// article shows. Without PATH it records the published articles the file
// has no record of and drops the records of articles no longer published,
// keeping every other record as it is; with PATH (an article's source file,
// such as content/posts/rally/index.md) it records those articles again
// from the current data. It says what it changed; it never runs as part
// of a build.
func runLock(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("tearsheet lock", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprint(stderr, "usage: tearsheet lock [--source DIR] [--offline] [PATH...]\n\n"+
			"Records what each published article shows in figures.lock: the articles it has no record of, dropping\n"+
			"those no longer published. PATH (an article's markdown file or bundle folder) records that article again.\n\n")
		fset.PrintDefaults()
	}
	// Only the flags that change what the articles show: the build is in
	// memory and records published articles only, whatever a build's
	// --drafts, --future or --destination would say.
	source := fset.String("source", ".", "the site folder (holding site.yaml)")
	offline := fset.Bool("offline", false, "fetch nothing: read remote datasets from SOURCE/.cache/data or their committed file")
	paths, code, ok := positional(fset, args)
	if !ok {
		return code
	}
	if info, err := os.Stat(*source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "tearsheet lock: --source %s: not a folder\n", *source)
		return 1
	}
	removeStaleTemps(filepath.Join(*source, lock.File), time.Now())
	var want []string
	for _, a := range paths {
		if err := pathExists(*source, a); err != nil {
			fmt.Fprintf(stderr, "tearsheet lock: %s\n", err)
			return 1
		}
		want = append(want, articlePath(*source, a))
	}
	opts := build.Options{RecordLock: true, Cache: chartCache(*source), Fetch: &fetch.Options{SiteDir: *source, Offline: *offline}}
	res, err := build.Build(ctx, build.SourceFS(*source), opts, output.NewMemory())
	if err != nil {
		printErrors(stderr, err)
		fmt.Fprintf(stderr, "tearsheet lock: the site does not build; %s was left as it was\n", lock.File)
		return 1
	}
	name := filepath.Join(*source, lock.File)
	old := lock.New()
	src, err := os.ReadFile(name)
	switch {
	case err == nil:
		if old, err = lock.Parse(lock.File, src); err != nil {
			// Never start from an empty record: the other articles'
			// values at publication would be lost.
			printErrors(stderr, err)
			fmt.Fprintf(stderr, "tearsheet lock: %s was left as it was; correct it or restore it from version control, or remove it to record every article afresh from today's data\n", lock.File)
			return 1
		}
	case !errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "tearsheet lock: %s\n", err)
		return 1
	}
	next, report, err := mergeLock(old, res.Lock, want)
	if err != nil {
		fmt.Fprintf(stderr, "tearsheet lock: %s\n", err)
		return 1
	}
	term.For(stderr).Warnings(stderr, res.Warnings)
	out := next.Bytes()
	for _, line := range report {
		fmt.Fprintln(stdout, line)
	}
	if bytes.Equal(out, src) {
		fmt.Fprintf(stdout, "%s: unchanged (%s)\n", lock.File, term.Count(len(next.Articles), "article", "articles"))
		return 0
	}
	if err := writeAtomic(name, out); err != nil {
		fmt.Fprintf(stderr, "tearsheet lock: %s\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s (%s)\n", lock.File, term.Count(len(next.Articles), "article", "articles"))
	return 0
}

// articlePath turns an article's path as given (relative to the site
// folder or to the current folder; its markdown file or its bundle's
// folder) into its source path, such as content/posts/rally/index.md.
func articlePath(source, p string) string {
	p = filepath.ToSlash(filepath.Clean(p))
	if abs, err := filepath.Abs(p); err == nil {
		if root, err := filepath.Abs(source); err == nil {
			if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
				p = filepath.ToSlash(rel)
			}
		}
	}
	if info, err := os.Stat(filepath.Join(source, filepath.FromSlash(p))); err == nil && info.IsDir() {
		return path.Join(p, "index.md")
	}
	return p
}

// mergeLock makes the next lock from old and now (what the articles show
// now): the articles of want are recorded from now; without want, only
// those old has no record of, and old's records of articles now does not
// hold are dropped. It returns a line for each change.
//
// An article recorded again with other values keeps its earlier revisions
// and gains one dated now.Date, saying what changed. When old was written
// before charts were recorded (lock.Lock.HasCharts), the records it keeps
// gain the charts their articles show now.
func mergeLock(old, now *lock.Lock, want []string) (*lock.Lock, []string, error) {
	next := lock.New()
	var report []string
	for _, w := range want {
		if now.Articles[w] == nil {
			return nil, nil, fmt.Errorf("%s is not a published article with figures that keeps them (drafts, articles dated in the future and figures: live have no record)", w)
		}
	}
	named := map[string]bool{}
	for _, w := range want {
		named[w] = true
	}
	// A record whose article's file moved (lock.Lock.Moved) is kept under
	// the file's new path, with its values at publication.
	movedFrom := old.Moved(slices.Sorted(maps.Keys(now.Articles)))
	movedTo := map[string]string{}
	for to, from := range movedFrom {
		movedTo[from] = to
	}
	for _, from := range slices.Sorted(maps.Keys(old.Articles)) {
		a, p := old.Articles[from], from
		if to, ok := movedTo[from]; ok {
			p = to
		}
		if named[p] || len(want) == 0 && now.Articles[p] == nil {
			continue
		}
		if p != from {
			report = append(report, "moved: "+from+" to "+p+" (its values at publication kept)")
		}
		if !old.HasCharts() && now.Articles[p] != nil && len(now.Articles[p].Charts) > 0 {
			c := *a
			c.Charts = now.Articles[p].Charts
			a = &c
			report = append(report, "charts recorded: "+p)
		}
		if r := withReads(a, now.Articles[p]); r != a {
			a = r
			report = append(report, "how its data is read recorded: "+p)
		}
		next.Articles[p] = a
	}
	for _, p := range slices.Sorted(maps.Keys(now.Articles)) {
		a := now.Articles[p]
		prev := old.Articles[p]
		if from, ok := movedFrom[p]; ok {
			prev = old.Articles[from]
		}
		if prev != nil {
			a.Revisions = prev.Revisions
		}
		switch {
		case named[p] && prev != nil && prev.Sum() == a.Sum():
			next.Articles[p] = a
		case named[p] && prev != nil:
			if ch := lock.Changes(prev, a, old.HasCharts()); len(ch) > 0 {
				a.Revisions = append(append([]lock.Revision(nil), prev.Revisions...), lock.Revision{Date: now.Date, Note: "Recorded again: " + strings.Join(ch, "; ") + "."})
			}
			next.Articles[p] = a
			report = append(report, "recorded again: "+p)
		case prev == nil && (len(want) == 0 || named[p]):
			next.Articles[p] = a
			report = append(report, "recorded: "+p)
		case prev != nil && len(want) == 0 && next.Articles[p].Sum() != a.Sum():
			report = append(report, "kept as published: "+p+" (what it shows now differs from its record; tearsheet lock "+p+" records it again)")
		}
	}
	if len(want) == 0 {
		var gone []string
		for p := range old.Articles {
			if _, moved := movedTo[p]; now.Articles[p] == nil && !moved {
				gone = append(gone, p)
			}
		}
		sort.Strings(gone)
		for _, p := range gone {
			report = append(report, "dropped: "+p+" (no longer a published article that keeps its figures)")
		}
	}
	return next, report, nil
}

// withReads returns kept with the read SHA-256 (lock.Data.Read) its data
// lines lack (a record written before it was kept), taken from now, what
// the article shows now, for each dataset whose file is the one recorded:
// a copy, or kept itself when none is added. A dataset whose file changed
// keeps its line as it was, so the build goes on reporting the change.
func withReads(kept, now *lock.Article) *lock.Article {
	if now == nil {
		return kept
	}
	var data []lock.Data
	for i, d := range kept.Data {
		if d.Read != "" {
			continue
		}
		for _, n := range now.Data {
			if n.Name == d.Name && n.Sum == d.Sum && n.Read != "" {
				if data == nil {
					data = slices.Clone(kept.Data)
				}
				data[i].Read = n.Read
			}
		}
	}
	if data == nil {
		return kept
	}
	c := *kept
	c.Data = data
	return &c
}

// writeAtomic replaces the file name with data in one step: a temporary
// file beside it (tempPattern), renamed over it.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), tempPattern(name))
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// tempPattern is the os.CreateTemp pattern of writeAtomic's temporary file
// for name: ".figures.lock.123456789" for figures.lock. The .gitignore of
// a site (init's, and this repository's) names them: one killed before its
// rename stays.
func tempPattern(name string) string { return "." + filepath.Base(name) + ".*" }

// staleTemp is the age after which a temporary file of writeAtomic is a
// killed run's: a running one's lives for the moment of one write.
const staleTemp = time.Hour

// removeStaleTemps removes the temporary files of writeAtomic beside name
// (a dot, name, a dot and digits) older than staleTemp, as of now; younger
// ones may be a running command's and stay. None is ever read: name is.
// It is best effort, as they do no harm (and git ignores them).
func removeStaleTemps(name string, now time.Time) {
	dir := filepath.Dir(name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix, _, _ := strings.Cut(tempPattern(name), "*")
	for _, e := range entries {
		digits, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleTemp {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
