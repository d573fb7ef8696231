package serve

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/site"
)

// TestServeLeftOut opens, in the preview, the addresses of a draft and of
// an article dated in the future, which the build leaves out: each gets
// the not-found page with a note naming its source file and the flag that
// shows it, and the terminal's line counts them; an address nothing was
// left out at gets the bare not-found page; once the draft's draft: true
// is deleted, its address serves the article.
func TestServeLeftOut(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	events.next(t, "ok", "")
	if out := r.stdout.String(); !strings.Contains(out, "(1 draft, 1 scheduled left out)") {
		t.Errorf("the build's line does not count the draft and the article scheduled later:\n%s", out)
	}
	for _, c := range []struct{ path, want string }{
		{"2024/02/draft-idea/", "content/posts/draft-idea.md is a draft (draft: true in its front matter), which the preview leaves out as the published site does. To see it here, stop the preview and run tearsheet serve --drafts"},
		{"2024/02/draft-idea", "content/posts/draft-idea.md is a draft"},
		{"2999/01/future-note/index.html", "content/posts/future-note.md is published on 1 January 2999 at 00:00 UTC, after now, and the preview shows the site as it is published today. To see it here, stop the preview and run tearsheet serve --future."},
		{"2024/02/no-such-note/", ""},
	} {
		code, body := r.get(t, c.path)
		if code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", c.path, code)
		}
		got := leftNoteText(t, body)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%s: the page's note reads %q, want %q", c.path, got, c.want)
		}
	}

	writeFile(t, dir, "content/posts/draft-idea.md", "---\ntitle: \"Unfinished\"\ndate: 2024-02-01\n---\nNot yet.\n")
	events.next(t, "ok", "")
	if code, body := r.get(t, "2024/02/draft-idea/"); code != http.StatusOK || leftNoteText(t, body) != "" {
		t.Errorf("the draft published: status %d, note %q; want 200 and none", code, leftNoteText(t, body))
	}
}

// leftNoteText returns the text of the page's #tearsheet-left note, if it
// has one, as the first thing of its body.
func leftNoteText(t *testing.T, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
		}
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if body == nil {
		t.Fatal("the page has no body")
	}
	first := body.FirstChild
	for first != nil && first.Type != html.ElementNode {
		first = first.NextSibling
	}
	if first == nil || first.Data != "div" || !hasAttr(first, "id", "tearsheet-left") {
		return ""
	}
	var b strings.Builder
	var text func(n *html.Node)
	text = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			text(c)
		}
	}
	text(first)
	return b.String()
}

func hasAttr(n *html.Node, key, val string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Val == val {
			return true
		}
	}
	return false
}

// TestLeftAt: the addresses a page left out is asked for at.
func TestLeftAt(t *testing.T) {
	left := leftByURL([]site.Left{{Path: "content/posts/a.md", URL: "/2024/a/"}, {Path: "content/posts/b.md", URL: "/2024/b.html"}})
	for p, want := range map[string]string{
		"/r/2024/a/": "content/posts/a.md", "/r/2024/a": "content/posts/a.md", "/r/2024/a/index.html": "content/posts/a.md",
		"/r/2024/b.html": "content/posts/b.md",
		"/r/2024/c/":     "", "/2024/a/": "", "/r/2024/b.html/": "",
	} {
		if l, _ := leftAt(left, p, "/r/"); l.Path != want {
			t.Errorf("%s: left out %q, want %q", p, l.Path, want)
		}
	}
}
