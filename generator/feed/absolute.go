package feed

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// Absolute rewrites the URL attributes of an HTML fragment (href, src,
// poster, cite, action, formaction, srcset) against base, the absolute URL of the page the fragment
// belongs to: site paths ("/repo/about/"), relative bundle files
// ("prices.csv") and fragments ("#fn:1") become absolute URLs, which feed
// readers and email need. Absolute URLs and other schemes (mailto:) are kept.
// Tags without such attributes, text and comments are copied byte for byte.
func Absolute(fragment []byte, base *url.URL) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(fragment) + len(fragment)/8)
	z := html.NewTokenizer(bytes.NewReader(fragment))
	var attrs []html.Attribute // a tag's, reused
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes(), nil
			}
			return nil, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := len(out.Bytes())
			out.Write(z.Raw())
			name, hasAttr := z.TagName()
			if attrs = readAttrs(z, hasAttr, attrs[:0]); resolveAttrs(attrs, base) {
				out.Truncate(raw)
				writeTag(&out, name, attrs, tt == html.SelfClosingTagToken)
			}
		default:
			out.Write(z.Raw())
		}
	}
}

// readAttrs appends the tag's attributes to attrs, as html.Token has them;
// hasAttr is what the tokenizer's TagName said.
func readAttrs(z *html.Tokenizer, hasAttr bool, attrs []html.Attribute) []html.Attribute {
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
	}
	return attrs
}

// resolveAttrs makes the URL attributes of a tag (href, src, poster, cite,
// action, formaction, srcset) absolute against base, in place, and reports whether any changed.
func resolveAttrs(attrs []html.Attribute, base *url.URL) bool {
	changed := false
	for i, a := range attrs {
		if a.Namespace != "" {
			continue
		}
		var v string
		switch a.Key {
		case "href", "src", "poster", "cite", "action", "formaction":
			v = resolve(base, a.Val)
		case "srcset":
			v = resolveSrcset(base, a.Val)
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

func resolve(base *url.URL, ref string) string {
	s := strings.TrimSpace(ref)
	if s == "" {
		return ref
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" {
		return ref
	}
	return base.ResolveReference(u).String()
}

// resolveSrcset resolves each candidate of "a.png 1x, b.png 2x".
func resolveSrcset(base *url.URL, v string) string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		f[0] = resolve(base, f[0])
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}
