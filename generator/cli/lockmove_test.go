package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockFollowsMovedArticle: an article locked as published whose file
// then moves (made a bundle) keeps its values at publication: the build
// compares it with the old file's record and says so, the page shows the
// value at publication beside today's, and tearsheet lock moves the
// record rather than take today's values as the published ones.
func TestLockFollowsMovedArticle(t *testing.T) {
	dir := fixtureSite(t, "claims")
	if code, out, e := run(t, "lock", "--offline", "--source", dir); code != 0 || !strings.Contains(out, "recorded: content/posts/claims.md") {
		t.Fatalf("lock: %d\n%s\n%s", code, out, e)
	}
	csv := filepath.Join(dir, "content/data/prices.csv")
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "content/data/prices.csv", string(b)+"2026-04-01,98,115\n")
	src, err := os.ReadFile(filepath.Join(dir, "content/posts/claims.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content/posts/claims.md")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "content/posts/claims/index.md", string(src))

	code, _, e := run(t, "build", "--offline", "--source", dir)
	if code != 0 || !strings.Contains(e, "content/posts/claims/index.md: figures.lock records it under content/posts/claims.md, the file it was moved from") ||
		!strings.Contains(e, "was 106 at publication and is 98") || strings.Contains(e, "which is not a published article") {
		t.Fatalf("build after the move: %d\n%s", code, e)
	}
	if code, _, e := run(t, "build", "--offline", "--strict", "--source", dir); code == 0 || !strings.Contains(e, "was 106 at publication and is 98") {
		t.Errorf("build --strict after the move: %d\n%s", code, e)
	}

	code, out, e := run(t, "lock", "--offline", "--source", dir)
	if code != 0 || !strings.Contains(out, "moved: content/posts/claims.md to content/posts/claims/index.md") || strings.Contains(out, "dropped:") || strings.Contains(out, "recorded: ") {
		t.Fatalf("lock after the move: %d\n%s\n%s", code, out, e)
	}
	now, err := os.ReadFile(filepath.Join(dir, "figures.lock"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(now), `article "content/posts/claims/index.md"`) || strings.Contains(string(now), `article "content/posts/claims.md"`) ||
		!strings.Contains(string(now), `figure "prices.small | last" "106"`) {
		t.Errorf("figures.lock after the move does not keep the value at publication under the new file:\n%s", now)
	}
	if code, _, e := run(t, "build", "--offline", "--source", dir); code != 0 || strings.Contains(e, "moved from") || !strings.Contains(e, "was 106 at publication and is 98") {
		t.Errorf("build after lock: %d\n%s", code, e)
	}
}
