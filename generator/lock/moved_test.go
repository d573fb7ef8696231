package lock

import (
	"maps"
	"testing"
)

// TestMoved: a published article without a record takes the one record
// whose file is gone and that has its name (a file made a bundle, moved to
// another folder); a record still an article's, a name two records or two
// articles share, and a record of another name, are not moves.
func TestMoved(t *testing.T) {
	l := New()
	for _, p := range []string{
		"content/posts/rally.md",        // made a bundle
		"content/posts/2023/cape.md",    // moved out of a folder
		"content/posts/kept.md",         // still an article
		"content/posts/a/twice.md",      // two records of one name
		"content/posts/b/twice.md",      //
		"content/posts/gone.md",         // deleted
		"content/posts/pair/index.md",   // two articles of one name
		"content/posts/renamed-away.md", // another name now
	} {
		l.Articles[p] = &Article{}
	}
	got := l.Moved([]string{
		"content/posts/rally/index.md",
		"content/posts/cape.md",
		"content/posts/kept.md",
		"content/posts/twice.md",
		"content/posts/x/pair.md",
		"content/posts/y/pair.md",
		"content/posts/new-name.md",
	})
	want := map[string]string{
		"content/posts/rally/index.md": "content/posts/rally.md",
		"content/posts/cape.md":        "content/posts/2023/cape.md",
	}
	if !maps.Equal(got, want) {
		t.Errorf("Moved = %v, want %v", got, want)
	}
}
