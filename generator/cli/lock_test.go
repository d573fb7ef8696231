package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, want := range []string{`figure "prices.small | last" "98"`, `revision "`, `{{ prices.small | last }}: 106 → 98`} {
		if !strings.Contains(string(now), want) {
			t.Errorf("re-recorded lock lacks %s:\n%s", want, now)
		}
	}
	if code, _, e := run(t, "lock", "--offline", "--source", dir, "content/posts/nope.md"); code == 0 || !strings.Contains(e, "content/posts/nope.md is not a published article") {
		t.Errorf("lock of an unknown article: %d %s", code, e)
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
