package content

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// peerKey is what tearsheet makes of a front-matter key that Hugo, Zola or
// Jekyll know and Meta does not: another name of a key of Meta (to), or a
// key refused with a message saying what to write instead (msg).
type peerKey struct {
	to   string // the key of Meta it is another name of
	msg  string // else why it is refused, and what to write instead
	tool string // the peers that use the key, for the messages
}

// peerKeyOf returns what tearsheet makes of the front-matter key k of a
// peer generator; false when k is no such key.
func peerKeyOf(k string) (peerKey, bool) {
	const (
		urlMsg      = "tearsheet makes an article's URL from site.yaml's permalink and a page's from its place under content/; set slug: for the last segment, and list the old URL under aliases: so that it redirects"
		templateMsg = "tearsheet picks a page's template by its kind (an article under content/posts/, or a page): change the theme's template instead (see Themes in README.md), and put values of your own under params:"
		noneMsg     = "tearsheet has no such setting: delete the line, or put a value your templates read under params:"
	)
	switch k {
	case "updated":
		return peerKey{to: "lastmod", tool: "Zola"}, true
	case "modified":
		return peerKey{to: "lastmod", tool: "Hugo"}, true
	case "last_modified_at":
		return peerKey{to: "lastmod", tool: "Jekyll"}, true
	case "pubdate", "publishdate":
		return peerKey{to: "publishDate", tool: "Hugo"}, true
	case "expirydate", "unpublishdate":
		return peerKey{to: "expiryDate", tool: "Hugo"}, true
	case "excerpt":
		return peerKey{to: "summary", tool: "Jekyll"}, true
	case "redirect_from":
		return peerKey{to: "aliases", tool: "Jekyll"}, true
	case "extra":
		return peerKey{to: "params", tool: "Zola"}, true
	case "images":
		return peerKey{to: "image", tool: "Hugo"}, true
	case "url", "permalink", "path":
		return peerKey{msg: urlMsg, tool: "Hugo, Jekyll or Zola"}, true
	case "layout", "type", "template":
		return peerKey{msg: templateMsg, tool: "Hugo, Jekyll or Zola"}, true
	case "menu", "menus":
		return peerKey{msg: "the site's menu is set in site.yaml, under menu: (a list of name and url)", tool: "Hugo"}, true
	case "weight":
		return peerKey{msg: "tearsheet lists articles by date, newest first, in every list, feed and archive, and lists no pages: delete it (a later date puts an article first)", tool: "Hugo, Jekyll or Zola"}, true
	case "published":
		return peerKey{msg: "write draft: true to leave the article out, or publishDate: with the date it is published", tool: "Jekyll or Hugo"}, true
	case "headless", "cascade", "build", "outputs", "resources", "sitemap", "markup",
		"translationKey", "linkTitle", "isCJKLanguage", "in_search_index", "render":
		return peerKey{msg: noneMsg, tool: "Hugo or Zola"}, true
	}
	return peerKey{}, false
}

// decodePeer decodes the value n of the peer key k into the key of m it
// is another name of (pk.to), unless a key of m or another name of it
// already set it (set records which key set each); or returns the error
// of a key refused.
func decodePeer(m *Meta, k string, pk peerKey, n *yaml.Node, p string, set map[string]string) error {
	line := n.Line + 1
	if pk.to == "" {
		return &yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf("key %q of %s is not one of tearsheet's: %s", k, pk.tool, pk.msg)}
	}
	f := metaField(m, pk.to)
	if by, ok := set[pk.to]; ok || !f.IsZero() {
		if !ok {
			by = pk.to
		}
		return &yamlx.Error{File: p, Line: line, Msg: fmt.Sprintf("%s and %s both set %s (%s is %s's name of %s): keep one", by, k, pk.to, k, pk.tool, pk.to)}
	}
	set[pk.to] = k
	if k == "images" {
		// Hugo's list of social-card images: tearsheet shows one.
		names, ok := namesOf(n)
		if !ok {
			return &yamlx.Error{File: p, Line: line, Msg: "images must be a list of image paths or URLs, such as images: [card.png]; tearsheet's key is image:, which takes one"}
		}
		if len(names) > 0 {
			m.Image = names[0]
		}
		return nil
	}
	return yamlx.DecodeNode(n, p, 1, f.Addr().Interface())
}

// metaField returns the field of m whose yaml key is key.
func metaField(m *Meta, key string) reflect.Value {
	v := reflect.ValueOf(m).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0] == key {
			return v.Field(i)
		}
	}
	panic("content: no front-matter key " + key)
}
