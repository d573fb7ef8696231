package serve

import (
	"bytes"
	"html"
	"strings"

	"github.com/tearsheet/tearsheet/generator/site"
)

// This file tells an author who opens the address of a page the build
// left out (a draft, an article scheduled later, a page expired) why the
// preview has nothing there, and how to see it, where a bare "not found"
// left them to guess: an article they just marked draft: true, say, which
// the open tab reloaded into the site's not-found page.

// leftByURL indexes left by the site path each page would have.
func leftByURL(left []site.Left) map[string]site.Left {
	if len(left) == 0 {
		return nil
	}
	m := make(map[string]site.Left, len(left))
	for _, l := range left {
		if l.URL != "" {
			m[l.URL] = l
		}
	}
	return m
}

// leftAt returns what was left out at the URL path p of a site whose base
// path is base: a folder's address with or without its closing slash or
// index.html, or the address of a permalink ending in .html.
func leftAt(left map[string]site.Left, p, base string) (site.Left, bool) {
	rel, ok := strings.CutPrefix(p, base)
	if !ok || left == nil {
		return site.Left{}, false
	}
	rel = "/" + strings.TrimSuffix(rel, "index.html")
	if l, ok := left[rel]; ok {
		return l, true // a folder's address, or a permalink ending in .html
	}
	l, ok := left[rel+"/"]
	return l, ok
}

// leftNote is what the not-found page says of l, as HTML.
func leftNote(l site.Left) string {
	src := "<code>" + html.EscapeString(l.Path) + "</code>"
	var say string
	switch l.Why {
	case site.Draft:
		say = "This page is not in the preview: " + src + " is a draft (<code>draft: true</code> in its front matter), which the preview leaves out as the published site does. " +
			"To see it here, stop the preview and run <code>tearsheet serve --drafts</code>; to publish it, delete <code>draft: true</code>."
	case site.Scheduled:
		say = "This page is not in the preview yet: " + src + " is published on " + html.EscapeString(l.Date.Format("2 January 2006 at 15:04 MST")) + ", after now, and the preview shows the site as it is published today. " +
			"To see it here, stop the preview and run <code>tearsheet serve --future</code>."
	default:
		say = "This page is no longer in the site: the <code>expiryDate</code> of " + src + ", " + html.EscapeString(l.Date.Format("2 January 2006 at 15:04 MST")) + ", has passed. " +
			"To show it again, move <code>expiryDate</code> later or delete it."
	}
	return `<div id="tearsheet-left" role="note"><p>` + say + "</p></div>\n"
}

// withNote puts note at the start of page's body (at its start when it has
// no <body> tag).
func withNote(page []byte, note string) []byte {
	at := 0
	lower := bytes.ToLower(page)
	if i := bytes.Index(lower, []byte("<body")); i >= 0 {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
			at = i + j + 1
		}
	}
	out := make([]byte, 0, len(page)+len(note))
	out = append(out, page[:at]...)
	out = append(out, note...)
	return append(out, page[at:]...)
}
