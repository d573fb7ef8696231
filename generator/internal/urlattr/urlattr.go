// Package urlattr rewrites the URLs an HTML fragment's tags carry: the
// one mechanism by which tearsheet changes a URL written in HTML. Markdown
// puts the base path before raw HTML's site paths and gives its links to
// bundle files their published names with it (generator/markdown); feeds
// and email editions make every URL absolute with it, and list pages
// resolve a summary's relative URLs against its article (generator/feed's
// Absolute).
//
// The URL attributes are href, src, poster, cite, action, formaction,
// srcset (each candidate's URL) and an <object>'s data. A tag none of
// whose URLs changes, text and comments are copied byte for byte; a tag
// whose URL changes is written again as html.Token writes it.
package urlattr

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// Rewrite returns fragment with each URL attribute's value v replaced by
// f(v) (each candidate of a srcset by itself). f returns its argument for
// a URL it keeps. Bytes past the last whole token (a tag cut short at the
// end) are kept as they are.
func Rewrite(fragment []byte, f func(ref string) string) ([]byte, error) {
	if bytes.IndexByte(fragment, '=') < 0 {
		// No attribute at all (most summaries: a paragraph of text).
		return bytes.Clone(fragment), nil
	}
	var out bytes.Buffer
	out.Grow(len(fragment) + len(fragment)/8)
	z := html.NewTokenizer(bytes.NewReader(fragment))
	var attrs []html.Attribute // a tag's, reused
	read := 0                  // bytes of fragment the tokens so far held
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				out.Write(fragment[min(read, len(fragment)):])
				return out.Bytes(), nil
			}
			return nil, z.Err()
		}
		raw := z.Raw()
		read += len(raw)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		start := out.Len()
		out.Write(raw)
		name, hasAttr := z.TagName()
		if attrs = ReadAttrs(z, hasAttr, attrs[:0]); Tag(name, attrs, f) {
			out.Truncate(start)
			WriteTag(&out, name, attrs, tt == html.SelfClosingTagToken)
		}
	}
}

// ReadAttrs appends the tag's attributes to attrs, as html.Token has them;
// hasAttr is what the tokenizer's TagName said.
func ReadAttrs(z *html.Tokenizer, hasAttr bool, attrs []html.Attribute) []html.Attribute {
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
	}
	return attrs
}

// TagName returns the lower-cased name of the tag token z is at, as
// z.TagName does, read from the token's raw bytes onto buf: z.TagName
// copies it every time. It returns nil for a name holding a NUL byte
// (which z.TagName replaces: call it then). Unlike z.TagName it leaves
// the token's raw bytes as they are.
func TagName(z *html.Tokenizer, buf []byte) []byte {
	raw := z.Raw()
	i := 1 // past "<"
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	buf = buf[:0]
	for ; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			return buf
		case 0:
			return nil
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// ReadAllAttrs appends the start tag's attributes to attrs, as ReadAttrs
// does, for a caller that did not ask z.TagName whether it has any (the
// tokenizer keeps no attribute without a name).
func ReadAllAttrs(z *html.Tokenizer, attrs []html.Attribute) []html.Attribute {
	for {
		k, v, more := z.TagAttr()
		if len(k) == 0 {
			return attrs
		}
		attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
		if !more {
			return attrs
		}
	}
}

// Tag replaces, in place, the value v of each URL attribute of the tag
// name (lower case, as the tokenizer gives it) by f(v), and reports
// whether any changed.
func Tag(name []byte, attrs []html.Attribute, f func(ref string) string) bool {
	changed := false
	for i, a := range attrs {
		if a.Namespace != "" {
			continue
		}
		var v string
		switch a.Key {
		case "href", "src", "poster", "cite", "action", "formaction":
			v = f(a.Val)
		case "data":
			if string(name) != "object" {
				continue
			}
			v = f(a.Val)
		case "srcset":
			v = srcset(a.Val, f)
		default:
			continue
		}
		if v != a.Val {
			attrs[i].Val = v
			changed = true
		}
	}
	return changed
}

// srcset applies f to the URL of each candidate of "a.png 1x, b.png 2x".
// A value none of whose URLs changes is returned as it is.
func srcset(v string, f func(string) string) string {
	parts := strings.Split(v, ",")
	changed := false
	for i, p := range parts {
		fs := strings.Fields(p)
		if len(fs) == 0 {
			continue
		}
		if u := f(fs[0]); u != fs[0] {
			fs[0], changed = u, true
		}
		parts[i] = strings.Join(fs, " ")
	}
	if !changed {
		return v
	}
	return strings.Join(parts, ", ")
}

// WriteTag writes a start tag as html.Token's String does: its name, each
// attribute as key="value" with the value escaped, and "/>" when it closes
// itself.
func WriteTag(w *bytes.Buffer, name []byte, attrs []html.Attribute, selfClosing bool) {
	w.WriteByte('<')
	w.Write(name)
	for _, a := range attrs {
		w.WriteByte(' ')
		w.WriteString(a.Key)
		w.WriteString(`="`)
		escapeAttr(w, a.Val)
		w.WriteByte('"')
	}
	if selfClosing {
		w.WriteByte('/')
	}
	w.WriteByte('>')
}

// escapeAttr writes s with the characters html.Token's String escapes in
// an attribute's value escaped as it escapes them.
func escapeAttr(w *bytes.Buffer, s string) {
	for {
		i := strings.IndexAny(s, "&'<>\"\r")
		if i < 0 {
			w.WriteString(s)
			return
		}
		w.WriteString(s[:i])
		switch s[i] {
		case '&':
			w.WriteString("&amp;")
		case '\'':
			w.WriteString("&#39;")
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		case '"':
			w.WriteString("&#34;")
		case '\r':
			w.WriteString("&#13;")
		}
		s = s[i+1:]
	}
}
