package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// runWatcher watches dir with a 50 ms debounce until the test ends, told
// by the system (poll 0) or looking every poll, and returns the batches.
func runWatcher(t *testing.T, dir string, poll time.Duration) <-chan Batch {
	t.Helper()
	w, note, err := newWatcher(dir, 50*time.Millisecond, poll)
	if err != nil {
		t.Fatal(err)
	}
	if note != "" {
		t.Fatalf("the watcher fell back to polling: %s", note)
	}
	return batches(t, w)
}

// batches runs w until the test ends and returns its batches.
func batches(t *testing.T, w *watcher) <-chan Batch {
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan Batch)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.run(ctx, out, func(err error) { t.Error(err) })
	}()
	t.Cleanup(func() { cancel(); <-done })
	return out
}

// bothNotifiers runs test with the system's events, then with a poller
// looking every 10 ms: the watcher must batch the same changes either way.
func bothNotifiers(t *testing.T, test func(t *testing.T, poll time.Duration)) {
	t.Run("events", func(t *testing.T) { test(t, 0) })
	t.Run("poll", func(t *testing.T) { test(t, 10*time.Millisecond) })
}

// TestWatcherBatches checks with the real watcher that a burst of writes is
// one batch, that editor files are left out, and that folders made later
// are watched.
func TestWatcherBatches(t *testing.T) { bothNotifiers(t, watcherBatches) }

func watcherBatches(t *testing.T, poll time.Duration) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content/posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := runWatcher(t, dir, poll)
	next := func() Batch {
		t.Helper()
		select {
		case b := <-out:
			return b
		case <-time.After(wait):
			t.Fatal("no batch")
			return Batch{}
		}
	}
	for i := range 10 {
		writeFile(t, dir, fmt.Sprintf("content/posts/p%d.md", i), "x")
		writeFile(t, dir, fmt.Sprintf("content/posts/.p%d.md.swp", i), "x")
		writeFile(t, dir, fmt.Sprintf("content/posts/p%d.md~", i), "x")
	}
	writeFile(t, dir, "README.md", "x")
	b := next()
	if len(b.Paths) != 10 || b.Kind != Content || b.Unknown {
		t.Errorf("burst: %+v, want the 10 articles as one content batch", b)
	}
	// A folder made now is watched, with what is written into it.
	if err := os.MkdirAll(filepath.Join(dir, "layouts/partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	b = next()
	if b.Kind != Template || !strings.Contains(strings.Join(b.Paths, " "), "layouts") {
		t.Errorf("new folder: %+v", b)
	}
	writeFile(t, dir, "layouts/partials/x.html", "x")
	if b = next(); strings.Join(b.Paths, " ") != "layouts/partials/x.html" || b.Kind != Template {
		t.Errorf("file in a new folder: %+v", b)
	}
	writeFile(t, dir, "site.yaml", "title: x\n")
	writeFile(t, dir, "content/posts/p1.md", "y")
	if b = next(); b.Kind != Config || len(b.Paths) != 2 {
		t.Errorf("config and content: %+v, want one config batch", b)
	}
}

// TestWatcherEditorSaves saves files the way editors and tools do, with
// the real watcher, and checks that each save is reported as a change of
// the saved file alone: no temporary or backup file is in a batch, nor
// makes one.
func TestWatcherEditorSaves(t *testing.T) { bothNotifiers(t, watcherEditorSaves) }

func watcherEditorSaves(t *testing.T, poll time.Duration) {
	dir := t.TempDir()
	for _, d := range []string{"content/posts/rally", "themes/default/templates"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	const (
		post = "content/posts/rally/index.md"
		tmpl = "themes/default/templates/base.html"
	)
	writeFile(t, dir, post, "---\ntitle: Rally\n---\nText.\n")
	writeFile(t, dir, tmpl, "<html>{{block \"main\" .}}{{end}}</html>\n")
	out := runWatcher(t, dir, poll)

	abs := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	put := func(name, text string) { t.Helper(); writeFile(t, dir, name, text) }
	mv := func(from, to string) { t.Helper(); must(os.Rename(abs(from), abs(to))) }
	rm := func(name string) { t.Helper(); must(os.Remove(abs(name))) }
	cp := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(abs(from))
		must(err)
		put(to, string(b))
	}
	// saveVia writes target's new text into tmp, then renames it over
	// target: an atomic save.
	saveVia := func(tmp, target, text string) { t.Helper(); put(tmp, text); mv(tmp, target) }
	n := 0
	text := func() string { n++; return fmt.Sprintf("---\ntitle: Rally\n---\nText %d.\n", n) }

	cases := []struct {
		editor string
		target string
		save   func(target string)
	}{
		{"sed -i", post, func(target string) {
			if out, err := exec.Command("sed", "-i", "s/Text/Texts/", abs(target)).CombinedOutput(); err != nil {
				t.Fatalf("sed -i: %v\n%s", err, out)
			}
		}},
		{"sed -i on a template", tmpl, func(target string) {
			if out, err := exec.Command("sed", "-i", "s/html>/html >/", abs(target)).CombinedOutput(); err != nil {
				t.Fatalf("sed -i: %v\n%s", err, out)
			}
		}},
		{"vim (backupcopy=no)", post, func(target string) {
			d := path.Dir(target)
			put(d+"/.index.md.swp", "swap")
			put(d+"/4913", "")
			rm(d + "/4913")
			mv(target, target+"~")
			put(target, text())
			rm(target + "~")
			put(d+"/.index.md.swp", "swap2")
			rm(d + "/.index.md.swp")
		}},
		{"vim (backupcopy=yes)", tmpl, func(target string) {
			d := path.Dir(target)
			put(d+"/.base.html.swx", "")
			rm(d + "/.base.html.swx")
			put(d+"/.base.html.swp", "swap")
			cp(target, target+"~")
			put(target, "<html>{{block \"main\" .}}{{end}}<!-- vim --></html>\n")
			rm(target + "~")
			rm(d + "/.base.html.swp")
		}},
		{"emacs", post, func(target string) {
			d := path.Dir(target)
			must(os.Symlink("user@host.1234:1700000000", abs(d+"/.#index.md")))
			put(d+"/#index.md#", "autosave")
			mv(target, target+"~")
			put(target, text())
			rm(d + "/#index.md#")
			rm(d + "/.#index.md")
		}},
		{"JetBrains safe write", post, func(target string) {
			put(target+"___jb_tmp___", text())
			mv(target, target+"___jb_old___")
			mv(target+"___jb_tmp___", target)
			rm(target + "___jb_old___")
		}},
		{"VS Code atomic save", post, func(target string) { saveVia(target+".vsctmp", target, text()) }},
		{"VS Code", post, func(target string) { put(target, text()) }},
		{"Kate (QSaveFile)", post, func(target string) {
			d := path.Dir(target)
			put(d+"/.index.md.kate-swp", "swap")
			saveVia(target+".xKq3a9", target, text())
			rm(d + "/.index.md.kate-swp")
		}},
		{"gedit", post, func(target string) {
			cp(target, target+"~")
			saveVia(path.Dir(target)+"/.goutputstream-7XQ2M2", target, text())
		}},
		{"nano", tmpl, func(target string) {
			d := path.Dir(target)
			put(d+"/.base.html.swp", "lock")
			put(target, "<html>{{block \"main\" .}}{{end}}<!-- nano --></html>\n")
			rm(d + "/.base.html.swp")
		}},
		{"a temporary file that stays", post, func(target string) {
			put(target+".tmp", "x")
			put(target, text())
		}},
	}
	_, errSed := exec.LookPath("sed")
	for i, c := range cases {
		t.Run(c.editor, func(t *testing.T) {
			if strings.HasPrefix(c.editor, "sed") && errSed != nil {
				t.Skip("no sed")
			}
			c.save(c.target)
			// A marker written after the save ends it: every batch up to
			// the one with the marker holds the save's events.
			marker := fmt.Sprintf("content/posts/marker-%d.md", i)
			put(marker, "x")
			var got []string
			var kinds []Kind
			for seen := false; !seen; {
				select {
				case b := <-out:
					for _, p := range b.Paths {
						if p == marker {
							seen = true
						} else {
							got = append(got, p)
						}
					}
					kinds = append(kinds, b.Kind)
				case <-time.After(wait):
					t.Fatalf("no batch with %s; got %v", marker, got)
				}
			}
			if len(got) == 0 || slices.ContainsFunc(got, func(p string) bool { return p != c.target }) {
				t.Errorf("batches name %v, want %s alone", got, c.target)
			}
			if want := Classify(c.target, fsnotify.Write); !slices.Contains(kinds, want) {
				t.Errorf("batch kinds %v, want one %v", kinds, want)
			}
		})
	}
	// A bundle folder whose name looks like sed's file is still a folder:
	// watched, and reported.
	must(os.Mkdir(abs("content/posts/sedentary"), 0o755))
	put("content/posts/sedentary/index.md", text())
	deadline := time.After(wait)
	for {
		select {
		case b := <-out:
			// The folder, or the file if its watch began first.
			if slices.Contains(b.Paths, "content/posts/sedentary") || slices.Contains(b.Paths, "content/posts/sedentary/index.md") {
				return
			}
		case <-deadline:
			t.Fatal("a file in a new folder named sedentary was not reported")
		}
	}
}

// TestWatcherRenamedFolder renames and moves a bundle folder, with a
// subfolder, under the real watcher, and checks that files saved in it
// afterwards are reported under their new paths: the watch of a folder
// renamed must follow it, and not report it under its old name.
func TestWatcherRenamedFolder(t *testing.T) { bothNotifiers(t, watcherRenamedFolder) }

func watcherRenamedFolder(t *testing.T, poll time.Duration) {
	dir := t.TempDir()
	for _, d := range []string{"content/posts/a/sub", "content/archive"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "content/posts/a/index.md", "x")
	writeFile(t, dir, "content/posts/a/sub/v.csv", "x")
	out := runWatcher(t, dir, poll)
	// expect waits for a batch naming want, and fails on one naming a
	// path under a folder's old name.
	expect := func(want string, stale ...string) {
		t.Helper()
		deadline := time.After(wait)
		for {
			select {
			case b := <-out:
				for _, p := range b.Paths {
					for _, s := range stale {
						if p == s || strings.HasPrefix(p, s+"/") {
							t.Errorf("batch %v names %s, which was renamed", b.Paths, p)
						}
					}
				}
				if slices.Contains(b.Paths, want) {
					return
				}
			case <-deadline:
				t.Fatalf("no batch names %s", want)
			}
		}
	}
	mv := func(from, to string) {
		t.Helper()
		if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
		expect(to)
	}
	for i, step := range []struct{ from, to string }{
		{"content/posts/a", "content/posts/b"},          // renamed in place
		{"content/posts/b", "content/archive/b"},        // moved to another folder
		{"content/archive/b", "content/posts/a"},        // and back under its first name
		{"content/posts/a/sub", "content/posts/a/data"}, // a subfolder renamed
	} {
		mv(step.from, step.to)
		bundle := strings.TrimSuffix(step.to, "/data")
		writeFile(t, dir, bundle+"/index.md", fmt.Sprint(i))
		expect(bundle+"/index.md", step.from)
		csv := bundle + "/sub/v.csv"
		if bundle != step.to {
			csv = step.to + "/v.csv"
		}
		writeFile(t, dir, csv, fmt.Sprint(i))
		expect(csv, step.from)
	}
}

// TestWatcherLinks checks with the real watcher that saving the target of a
// symbolic link of the site reports the link too, since a build knows the
// file by the link's name: a target in the watched folders, one in a
// folder of the site that is not watched, and a link made while watching.
func TestWatcherLinks(t *testing.T) { bothNotifiers(t, watcherLinks) }

func watcherLinks(t *testing.T, poll time.Duration) {
	dir := t.TempDir()
	for _, d := range []string{"content/posts/b", "research"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "content/notes.md", "x")
	writeFile(t, dir, "research/v.csv", "x")
	writeFile(t, dir, "research/w.csv", "x")
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links: %v", err)
		}
	}
	link("notes.md", "content/linked.md")
	link("../../../research/v.csv", "content/posts/b/v.csv")
	out := runWatcher(t, dir, poll)
	expect := func(want string) {
		t.Helper()
		deadline := time.After(wait)
		for {
			select {
			case b := <-out:
				if slices.Contains(b.Paths, want) {
					return
				}
			case <-deadline:
				t.Fatalf("no batch names %s", want)
			}
		}
	}
	writeFile(t, dir, "content/notes.md", "y")
	expect("content/linked.md")
	writeFile(t, dir, "research/v.csv", "y")
	expect("content/posts/b/v.csv")
	link("../../../research/w.csv", "content/posts/b/w.csv")
	expect("content/posts/b/w.csv")
	writeFile(t, dir, "research/w.csv", "y")
	expect("content/posts/b/w.csv")
}

// limited is the system's notifier as a system that watches at most n
// folders: the next Add fails as inotify's does past
// fs.inotify.max_user_watches.
type limited struct {
	notifier
	n int
}

func (l *limited) Add(dir string) error {
	if l.n == 0 {
		return fmt.Errorf("watching %s: %w", dir, syscall.ENOSPC)
	}
	l.n--
	return l.notifier.Add(dir)
}

// TestWatcherFallsBackToPolling: when the system will not watch as many
// folders as the site has, the watcher says so, how to raise the limit,
// and looks for changes every DefaultPoll instead: a save deep in the
// site still makes a batch.
func TestWatcherFallsBackToPolling(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content/posts/a", "content/posts/b", "themes/default/templates"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "content/posts/b/index.md", "---\ntitle: B\n---\n")
	var system *limited
	w, note, err := watchSystemOr(dir, 50*time.Millisecond, 0, func() (notifier, error) {
		fsw, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, err
		}
		system = &limited{notifier: systemNotifier{fsw}, n: 3}
		return system, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := w.fsw.(*poller); !ok || w.poll != DefaultPoll {
		t.Fatalf("the watcher uses %T every %s, want the poller every %s", w.fsw, w.poll, DefaultPoll)
	}
	if !strings.Contains(note, "no space left on device") || !strings.Contains(note, DefaultPoll.String()) ||
		(runtime.GOOS == "linux" && !strings.Contains(note, "sudo sysctl fs.inotify.max_user_watches=")) {
		t.Errorf("note %q does not say what happened and how to raise the limit", note)
	}
	// The system's watcher was closed: its channels are.
	if _, open := <-system.Events(); open {
		t.Error("the system's watcher was left open")
	}
	out := batches(t, w)
	writeFile(t, dir, "content/posts/b/index.md", "---\ntitle: B again\n---\n")
	select {
	case b := <-out:
		if strings.Join(b.Paths, " ") != "content/posts/b/index.md" || b.Kind != Content {
			t.Errorf("batch %+v, want the saved article", b)
		}
	case <-time.After(wait):
		t.Fatal("no batch for a save")
	}
}

// TestWatcherWellKnown: static/.well-known/ is published (RFC 8615), so a
// save there rebuilds the preview, though the watcher leaves other hidden
// folders (a nested checkout's .git/) alone.
func TestWatcherWellKnown(t *testing.T) { bothNotifiers(t, watcherWellKnown) }

func watcherWellKnown(t *testing.T, poll time.Duration) {
	dir := t.TempDir()
	for _, d := range []string{"static/.well-known", "static/.git"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "static/.well-known/security.txt", "Contact: mailto:a@example.com\n")
	writeFile(t, dir, "static/.git/config", "[core]\n")
	out := runWatcher(t, dir, poll)
	writeFile(t, dir, "static/.git/config", "[core]\nbare = false\n")
	writeFile(t, dir, "static/.well-known/security.txt", "Contact: mailto:b@example.com\n")
	select {
	case b := <-out:
		if strings.Join(b.Paths, " ") != "static/.well-known/security.txt" || b.Kind != Static {
			t.Errorf("batch %+v, want the edit of static/.well-known/security.txt alone", b)
		}
	case <-time.After(wait):
		t.Fatal("no batch for the edit of static/.well-known/security.txt")
	}
}
