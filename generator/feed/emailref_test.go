package feed

import (
	"bytes"
	"io"
	"net/url"
	"slices"

	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// refEmail is Email as it was before it read tag names from the tokens'
// raw bytes and sized its buffer for the styles it adds: the tests check
// that Email gives the same bytes for every input.

// Email makes an article's HTML fragment fit for an email edition: URL
// attributes absolute against base (see Absolute), the elements email
// clients refuse (script, style, svg, link, iframe, forms…) left out with
// their content, and an inline style on each element the fragment's tags
// leave unstyled (email clients ignore style sheets). Text is copied byte
// for byte.
func refEmail(fragment []byte, base *url.URL) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(fragment) + len(fragment)/4)
	z := html.NewTokenizer(bytes.NewReader(fragment))
	var drop dropping
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
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if drop.skips(tt, a) || emailVoidDropped[a] {
				continue
			}
			if emailDropped[a] {
				drop.start(tt, a)
				continue
			}
			attrs = urlattr.ReadAttrs(z, hasAttr, attrs[:0])
			urlattr.Tag(name, attrs, func(ref string) string { return resolve(base, ref) })
			styled := slices.ContainsFunc(attrs, func(a html.Attribute) bool { return a.Key == "style" })
			if st, ok := emailStyles[a]; ok && !styled {
				attrs = append(attrs, html.Attribute{Key: "style", Val: st})
			} else if a == atom.Div && !styled && hasClass(attrs, "table-scroll") {
				attrs = append(attrs, html.Attribute{Key: "style", Val: emailTableScroll})
			}
			urlattr.WriteTag(&out, name, attrs, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			if drop.depth > 0 {
				name, _ := z.TagName()
				drop.skips(tt, atom.Lookup(name))
				continue
			}
			out.Write(z.Raw())
		default:
			if drop.depth == 0 {
				out.Write(z.Raw())
			}
		}
	}
}
