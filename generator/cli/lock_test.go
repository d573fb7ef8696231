package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLockCommand records the claims fixture's article, then revises its
// data: tearsheet lock without a path keeps the record as published;
// with the article's path it records it again with a dated revision;
// the example site's committed lock is complete and current.
func TestLockCommand(t *testing.T) {
	dir := fixtureSite(t, "claims")
	name := filepath.Join(dir, "figures.lock")
	code, out, errOut := run(t, "lock", "--offline", "--source", dir)
	if code != 0 || !strings.Contains(out, "recorded: content/posts/claims.md") {
		t.Fatalf("lock: %d\n%s\n%s", code, out, errOut)
	}
	first, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first), `figure "prices.small | last" "106"`) {
		t.Fatalf("figures.lock:\n%s", first)
	}
	// The summary counts the records the file holds, in words that agree.
	n := strings.Count(string(first), "\narticle \"")
	noun := "articles"
	if n == 1 {
		noun = "article"
	}
	if want := fmt.Sprintf("wrote figures.lock (%d %s)\n", n, noun); !strings.Contains(out, want) {
		t.Errorf("lock said %q, want %q", out, want)
	}
	if code, out, _ := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "unchanged") {
		t.Errorf("lock again: %d %s", code, out)
	}
	csv := filepath.Join(dir, "content/data/prices.csv")
	b, _ := os.ReadFile(csv)
	write(t, dir, "content/data/prices.csv", string(b)+"2026-04-01,98,115\n")
	if code, out, e := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "kept as published: content/posts/claims.md") {
		t.Errorf("lock after the data changed: %d\n%s\n%s", code, out, e)
	}
	if now, _ := os.ReadFile(name); string(now) != string(first) {
		t.Errorf("lock without a path changed a published record:\n%s", now)
	}
	if code, _, e := run(t, "build", "--offline", "--strict", "--source", dir); code == 0 || !strings.Contains(e, "was 106 at publication and is 98") {
		t.Errorf("build --strict after the data changed: %d\n%s", code, e)
	}
	// check --strict refuses what build --strict refuses.
	if code, _, e := run(t, "check", "--strict", "--source", dir); code == 0 || !strings.Contains(e, "was 106 at publication and is 98") {
		t.Errorf("check --strict after the data changed: %d\n%s", code, e)
	}
	if code, _, e := run(t, "check", "--source", dir); code != 0 {
		t.Errorf("check after the data changed: %d\n%s", code, e)
	}
	if code, out, e := run(t, "lock", "--offline", "--source", dir, "content/posts/claims.md"); code != 0 || !strings.Contains(out, "recorded again: content/posts/claims.md") {
		t.Fatalf("lock PATH: %d\n%s\n%s", code, out, e)
	}
	now, _ := os.ReadFile(name)
	for _, want := range []string{`figure "prices.small | last" "98"`, `revision "`, `the figure of prices.small: 106 → 98`} {
		if !strings.Contains(string(now), want) {
			t.Errorf("re-recorded lock lacks %s:\n%s", want, now)
		}
	}
	if code, _, e := run(t, "lock", "--offline", "--source", dir, "content/posts/nope.md"); code == 0 || !strings.Contains(e, "content/posts/nope.md: no such file or folder") {
		t.Errorf("lock of a file that does not exist: %d %s", code, e)
	}
	write(t, dir, "content/posts/draft.md", "---\ntitle: Draft\ndate: 2024-01-01\ndraft: true\n---\nText.\n")
	if code, _, e := run(t, "lock", "--offline", "--source", dir, "content/posts/draft.md"); code == 0 || !strings.Contains(e, "content/posts/draft.md is not a published article") {
		t.Errorf("lock of a draft: %d %s", code, e)
	}
}

// TestExampleLockCurrent checks that the example site's committed
// figures.lock records every published article as the committed data
// gives it: a fresh clone's make build warns of nothing and shows no
// revised figure, and tearsheet lock would not change the file.
func TestExampleLockCurrent(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"site.yaml", "figures.lock"} {
		b, err := os.ReadFile(filepath.Join(repoRoot, name))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, name, string(b))
	}
	copyDir(t, filepath.Join(repoRoot, "content"), filepath.Join(dir, "content"))
	copyDir(t, filepath.Join(repoRoot, "themes"), filepath.Join(dir, "themes"))
	if code, out, e := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "unchanged") {
		t.Errorf("tearsheet lock on the example site: %d\n%s\n%s", code, out, e)
	}
	if code, _, e := run(t, "build", "--offline", "--strict", "--source", dir); code != 0 || strings.Contains(e, "figures.lock") {
		t.Errorf("example build: %d\n%s", code, e)
	}
}

// TestLockCharts follows a chart of a published article: tearsheet lock
// records its settings; moving the block or laying out its YAML anew
// changes nothing; drawing it from another series is a warning (an error
// with --strict) until tearsheet lock PATH records it again, which the
// article's revision log then shows. A figures.lock written before charts
// were recorded gains them from tearsheet lock, without a revision.
func TestLockCharts(t *testing.T) {
	dir := fixtureSite(t, "claims")
	post := "content/posts/claims.md"
	src, err := os.ReadFile(filepath.Join(dir, post))
	if err != nil {
		t.Fatal(err)
	}
	chart := func(before, body string) {
		write(t, dir, post, string(src)+before+"\n```chart\n"+body+"```\n")
	}
	chart("", "id: caps\ndata: prices\nseries: [small]\n")
	if code, out, e := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "recorded: "+post) {
		t.Fatalf("lock: %d\n%s\n%s", code, out, e)
	}
	name := filepath.Join(dir, "figures.lock")
	first, _ := os.ReadFile(name)
	if !strings.Contains(string(first), "format \"3\"\n") || !strings.Contains(string(first), "chart \"caps\" \"sha256:") {
		t.Fatalf("figures.lock records no chart:\n%s", first)
	}
	build := func(args ...string) (int, string) {
		t.Helper()
		code, _, e := run(t, append([]string{"build", "--offline", "--source", dir}, args...)...)
		return code, e
	}
	chart("\nMore text first.\n", "# the small caps\nid: caps\nseries:\n  - small\ndata: prices\n")
	if code, e := build(); code != 0 || strings.Contains(e, "charts changed") {
		t.Errorf("a chart moved and its YAML laid out anew: %d\n%s", code, e)
	}
	chart("", "id: caps\ndata: prices\nseries: [large]\n")
	warn := post + `: published, but its charts changed since publication (chart "caps" drawn with other settings; figures.lock): run tearsheet lock ` + post
	if code, e := build(); code != 0 || !strings.Contains(e, warn) {
		t.Errorf("a chart drawn from another series: %d\n%s\nwant the warning %s", code, e, warn)
	}
	if code, e := build("--strict"); code == 0 || !strings.Contains(e, warn) {
		t.Errorf("build --strict: %d\n%s", code, e)
	}
	if code, out, e := run(t, "lock", "--offline", "--source", dir, post); code != 0 || !strings.Contains(out, "recorded again: "+post) {
		t.Fatalf("lock PATH: %d\n%s\n%s", code, out, e)
	}
	if code, e := build(); code != 0 || strings.Contains(e, "charts changed") {
		t.Errorf("build once recorded again: %d\n%s", code, e)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public/2026/10/claims/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Recorded again: chart &#34;caps&#34; drawn with other settings.") {
		t.Errorf("the revision log does not show the redrawn chart:\n%s", page)
	}

	// A file of the first format: no format line, no chart lines, and
	// data lines without the SHA-256 of how the data is read.
	var old []string
	now, _ := os.ReadFile(name)
	for _, line := range strings.Split(string(now), "\n") {
		if strings.HasPrefix(line, "data ") {
			line = line[:strings.LastIndex(line, " \"sha256:")]
		}
		if !strings.HasPrefix(line, "format ") && !strings.HasPrefix(line, "chart ") {
			old = append(old, line)
		}
	}
	write(t, dir, "figures.lock", strings.Join(old, "\n"))
	if code, e := build(); code != 0 || !strings.Contains(e, "figures.lock: written before tearsheet recorded charts") {
		t.Errorf("a lock of the first format: %d\n%s", code, e)
	}
	if code, out, e := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "charts recorded: "+post) || !strings.Contains(out, "how its data is read recorded: "+post) {
		t.Fatalf("lock of a file of the first format: %d\n%s\n%s", code, out, e)
	}
	if got, _ := os.ReadFile(name); string(got) != string(now) {
		t.Errorf("tearsheet lock on the first format gave\n%s\nwant\n%s", got, now)
	}
}

// TestLockFlags checks tearsheet lock's command line as the README gives
// it, "tearsheet lock [--source DIR] [--offline] [PATH...]": -h shows
// those flags and no build's, a build's flag is a usage error (exit 2)
// rather than one silently ignored, a flag may follow PATH, and PATH may
// be an article's bundle folder, as for tearsheet email.
func TestLockFlags(t *testing.T) {
	code, out, e := run(t, "lock", "-h")
	if code != 0 || out != "" || !strings.HasPrefix(e, "usage: tearsheet lock [--source DIR] [--offline] [PATH...]\n") {
		t.Errorf("lock -h: %d\n%s\n%s", code, out, e)
	}
	for _, f := range []string{"-source", "-offline"} {
		if !strings.Contains(e, "  "+f+"") {
			t.Errorf("lock -h does not list %s:\n%s", f, e)
		}
	}
	for _, f := range []string{"-destination", "-clean-destination", "-drafts", "-future", "-strict", "-baseURL", "-no-cache", "-cpuprofile"} {
		if strings.Contains(e, "  "+f+" ") || strings.Contains(e, "  "+f+"\n") {
			t.Errorf("lock -h lists the build flag %s, which lock does not use:\n%s", f, e)
		}
	}
	dir := fixtureSite(t, "claims")
	if code, _, e := run(t, "lock", "--destination", filepath.Join(dir, "out"), "--source", dir); code != 2 || e != "tearsheet lock: unknown flag --destination (tearsheet lock -h lists the flags)\n" {
		t.Errorf("lock --destination: %d\n%s", code, e)
	}
	if _, err := os.Stat(filepath.Join(dir, "figures.lock")); err == nil {
		t.Error("lock with a usage error wrote figures.lock")
	}
	src, err := os.ReadFile(filepath.Join(dir, "content/posts/claims.md"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "content/posts/claims.md"))
	write(t, dir, "content/posts/claims/index.md", string(src))
	post := "content/posts/claims/index.md"
	if code, out, e := run(t, "lock", "--source", dir, "--offline"); code != 0 || !strings.Contains(out, "recorded: "+post) {
		t.Fatalf("lock: %d\n%s\n%s", code, out, e)
	}
	csv := filepath.Join(dir, "content/data/prices.csv")
	b, _ := os.ReadFile(csv)
	write(t, dir, "content/data/prices.csv", string(b)+"2026-04-01,98,115\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"lock", "content/posts/claims", "--offline", "--source", dir}, "recorded again: " + post},
		{[]string{"lock", "--source", dir, filepath.Join(dir, "content/posts/claims") + "/", "--offline"}, "figures.lock: unchanged"},
	} {
		code, out, e := run(t, tc.args...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("%q: %d, want %q\n%s\n%s", tc.args, code, tc.want, out, e)
		}
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "figures.lock")); !strings.Contains(string(now), `figure "prices.small | last" "98"`) {
		t.Errorf("lock of the bundle folder did not record it again:\n%s", now)
	}
}

// TestLockStaleTemp: a killed tearsheet lock leaves its temporary file
// (.figures.lock.123) beside figures.lock. Holding another record than
// figures.lock, it changes neither a build nor the lock; the next lock
// keeps it while it may be a running lock's and removes it once stale;
// and git ignores it, by the .gitignore init writes and by this
// repository's, while figures.lock is committed.
func TestLockStaleTemp(t *testing.T) {
	dir := fixtureSite(t, "claims")
	name := filepath.Join(dir, "figures.lock")
	if code, _, e := run(t, "lock", "--offline", "--source", dir); code != 0 {
		t.Fatalf("lock: %d\n%s", code, e)
	}
	recorded, _ := os.ReadFile(name)
	pub := filepath.Join(dir, "public")
	code, _, warnBefore := run(t, "build", "--offline", "--source", dir)
	if code != 0 {
		t.Fatalf("build: %d\n%s", code, warnBefore)
	}
	before := snapshot(t, pub)

	// Read as the lock, it would say the article showed 1 at publication.
	stale := filepath.Join(dir, ".figures.lock.123")
	other := strings.Replace(string(recorded), `"prices.small | last" "106"`, `"prices.small | last" "1"`, 1)
	if other == string(recorded) {
		t.Fatalf("figures.lock has no figure 106:\n%s", recorded)
	}
	write(t, dir, ".figures.lock.123", other)
	code, _, warnAfter := run(t, "build", "--offline", "--no-cache", "--source", dir)
	if code != 0 || warnAfter != warnBefore {
		t.Errorf("build beside .figures.lock.123: exit %d, warnings\n%s\nwant\n%s", code, warnAfter, warnBefore)
	}
	sameSnapshot(t, before, snapshot(t, pub))
	if code, out, e := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "figures.lock: unchanged") {
		t.Errorf("lock beside .figures.lock.123: exit %d\n%s%s", code, out, e)
	}
	if now, _ := os.ReadFile(name); string(now) != string(recorded) {
		t.Errorf("figures.lock changed:\n%s", now)
	}
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("a temporary file of a minute ago, perhaps a running lock's, was removed: %v", err)
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if code, out, e := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "figures.lock: unchanged") {
		t.Errorf("lock beside a stale .figures.lock.123: exit %d\n%s%s", code, out, e)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("lock left a killed lock's .figures.lock.123 of two hours ago")
	}

	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	site, err := skeleton.ReadFile("skeleton/.gitignore")
	if err != nil {
		t.Fatal(err)
	}
	repo, err := os.ReadFile(filepath.Join(repoRoot, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	for which, ignore := range map[string][]byte{"init's .gitignore": site, "the repository's .gitignore": repo} {
		g := t.TempDir()
		write(t, g, ".gitignore", string(ignore))
		write(t, g, ".figures.lock.123", other)
		write(t, g, "figures.lock", string(recorded))
		if out, err := exec.Command(git, "-C", g, "init", "-q").CombinedOutput(); err != nil {
			t.Fatalf("git init: %v\n%s", err, out)
		}
		if out, err := exec.Command(git, "-C", g, "check-ignore", ".figures.lock.123").CombinedOutput(); err != nil {
			t.Errorf("%s does not ignore .figures.lock.123: git check-ignore: %v %s", which, err, out)
		}
		if out, err := exec.Command(git, "-C", g, "check-ignore", "figures.lock").CombinedOutput(); err == nil {
			t.Errorf("%s ignores figures.lock, which is committed: %s", which, out)
		}
	}
}
