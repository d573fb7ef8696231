package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSymbolicLinks(t *testing.T) {
	dir := t.TempDir()
	posts := filepath.Join(dir, "content", "posts")
	if err := os.MkdirAll(posts, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "shared.md"), []byte("---\ntitle: Shared\ndate: 2024-01-01\n---\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, to := range map[string]string{"loop.md": "loop.md", "dangling.md": "nothere.md", "linked.md": "../../shared.md"} {
		if err := os.Symlink(to, filepath.Join(posts, link)); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Load(os.DirFS(dir), Options{})
	for _, want := range []string{"content/posts/loop.md: a symbolic link that cannot be followed", "content/posts/dangling.md: a symbolic link that cannot be followed"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if len(files) != 1 || files[0].Path != "content/posts/linked.md" || files[0].Meta.Title != "Shared" {
		t.Errorf("a link to an article is that article: got %v", files)
	}
}
