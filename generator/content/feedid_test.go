package content

import (
	"strings"
	"testing"
	"time"
)

// TestFeedID: feedID is kept as written when it is an absolute http(s)
// URL or a tag: URI, and is otherwise an error at its line saying what to
// write; a page, which no feed carries, may not set it.
func TestFeedID(t *testing.T) {
	for _, c := range []struct {
		path, id, err string
	}{
		{"content/posts/a.md", "https://example.org/2024/05/old-slug/", ""},
		{"content/posts/a.md", "http://example.org/old.html", ""},
		{"content/posts/a.md", "tag:example.org,2024:rally", ""},
		{"content/posts/a.md", "tag:me@example.org,2024-05-01:notes/rally", ""},
		{"content/posts/a.md", "/2024/05/old-slug/", `content/posts/a.md:4: feedID "/2024/05/old-slug/" is neither an absolute http(s) URL nor a tag: URI: set it to the article's old permalink`},
		{"content/posts/a.md", "ftp://example.org/x", `feedID "ftp://example.org/x" is neither`},
		{"content/posts/a.md", "https:///x", `feedID "https:///x" is neither`},
		{"content/posts/a.md", "tag:example.org:rally", `content/posts/a.md:4: feedID "tag:example.org:rally" is not a tag: URI of RFC 4151`},
		{"content/posts/a.md", "https://example.org/a b/", `feedID "https://example.org/a b/" holds a space`},
		{"content/about.md", "https://example.org/about/", `content/about.md:4: feedID is an article's id in feeds, and a page is in no feed: delete it`},
	} {
		src := "---\ntitle: T\ndate: 2024-01-01\nfeedID: \"" + c.id + "\"\n---\nText.\n"
		f, err := Parse(c.path, []byte(src), time.UTC)
		if c.err == "" {
			if err != nil {
				t.Errorf("%s: %v", c.id, err)
			} else if f.Meta.FeedID != c.id {
				t.Errorf("%s: FeedID %q", c.id, f.Meta.FeedID)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: error %v, want one holding %q", c.id, err, c.err)
		}
	}
}

// TestImageAlt: imageAlt describes image, so it is an error without it,
// and with a control character (a meta tag's content is one line).
func TestImageAlt(t *testing.T) {
	for _, c := range []struct{ fm, err string }{
		{"image: card.png\nimageAlt: \"A rising line.\"\n", ""},
		{"imageAlt: \"A rising line.\"\n", `content/posts/a.md:4: imageAlt describes image, which is not set`},
		{"image: card.png\nimageAlt: \"A\\nline\"\n", `content/posts/a.md:5: imageAlt holds the control character U+000A`},
	} {
		src := "---\ntitle: T\ndate: 2024-01-01\n" + c.fm + "---\nText.\n"
		f, err := Parse("content/posts/a.md", []byte(src), time.UTC)
		if c.err == "" {
			if err != nil || f.Meta.ImageAlt != "A rising line." {
				t.Errorf("%q: %v", c.fm, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: error %v, want one holding %q", c.fm, err, c.err)
		}
	}
}
