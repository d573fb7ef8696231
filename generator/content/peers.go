package content

import (
	"fmt"
	"path"
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
		templateMsg = "tearsheet picks a page's template by its kind (an article under content/posts/, or a page; layout: post of an article and layout: page of a page are read as saying so): change the theme's template instead (see Themes in README.md), and put values of your own under params:"
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

// sameLayout reports whether n, the value of Jekyll's layout:, names the
// template tearsheet gives a file of kind: post for an article, page for
// a page, as Jekyll's themes (minima) name theirs.
func sameLayout(n *yaml.Node, kind Kind) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	v := strings.TrimSpace(n.Value)
	return kind == Article && v == "post" || kind == Page && v == "page"
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

// PeerRead reports whether the file or folder (dir) named name, which
// Load skips for its leading "_", is one Hugo, Zola or Jekyll would read,
// and so one a build warns of (see peerSkipped): an _index.md (with any
// markdown extension), or a _posts/ folder.
func PeerRead(name string, dir bool) bool {
	if dir {
		return name == "_posts"
	}
	return IsMarkdown(name) && TrimExt(name) == "_index"
}

// peerSkipped is the warning for the file or folder p under content/,
// which Load skips for its leading "_", when Hugo, Zola or Jekyll would
// read it: a section's or a taxonomy term's _index.md, or Jekyll's
// _posts/; or for its leading ".", when it is a .well-known/ folder,
// which static/ publishes; "" for another. taxonomies are site.yaml's.
func peerSkipped(p string, dir bool, taxonomies []Taxonomy) string {
	name := path.Base(p)
	switch {
	case dir && name == ".well-known":
		// Where static files go in other tools (content/static/): its
		// security.txt would be left out without a word.
		return fmt.Sprintf("%s/: not published (tearsheet skips hidden folders under %s/): move it to static/.well-known/ at the site root, which is published at /.well-known/", p, Dir)
	case !PeerRead(name, dir):
		return ""
	case dir:
		return fmt.Sprintf("%s/: not read (tearsheet skips names starting with _): tearsheet's articles are under %s/posts/, so move these there (git mv %s %s/posts); a name such as 2024-05-01-title.md gives its date", p, Dir, p, Dir)
	}
	var what string
	switch dir := path.Dir(p); {
	case dir == Dir:
		what = "the home page's heading and lede are site.yaml's title and description: put the text there, or in a page such as content/about.md"
	case dir == Dir+"/posts":
		what = "the list of articles is the home page, with the archive at /archive/: put the text in site.yaml's description, or in a page such as content/about.md"
	case isTaxonomyDir(strings.TrimPrefix(dir, Dir+"/"), taxonomies):
		what = fmt.Sprintf("a term's page (/%s/) lists its articles under the term's name, with no text of its own: put the text in an article or a page and link it from there", strings.TrimPrefix(dir, Dir+"/"))
	default:
		what = fmt.Sprintf("a folder under content/ has no page of its own: put the text in a page such as %s.md, published at /%s/, and link it from site.yaml's menu", dir, strings.TrimPrefix(dir, Dir+"/"))
	}
	return fmt.Sprintf("%s:1: not used: tearsheet has no section pages (Hugo's and Zola's _index.md); %s", p, what)
}

// datedPage is the warning for the page f, which is dated (at line, 0 if
// the date is not in its front matter) in a folder other than
// content/posts/: as Hugo and Zola would list it in its section, it may
// have been meant as an article.
func datedPage(p string, f *File, line int) string {
	dir := strings.TrimPrefix(path.Dir(p), Dir+"/")
	if f.Bundle != "" {
		dir = strings.TrimPrefix(path.Dir(f.Bundle), Dir+"/")
	}
	if line == 0 {
		line = 1
	}
	return fmt.Sprintf("%s:%d: dated, but only files under %s/posts/ are articles (listed on the home page, in feeds, archives and tags): it is published as a page. To make the articles of %s/%s/ articles, move them into %s/posts/ (git mv %s/%s/* %s/posts/) and, to keep their URLs, set permalink: \"/%s/:slug/\" in site.yaml; to keep it a page, delete the date", p, line, Dir, Dir, dir, Dir, Dir, dir, Dir, dir)
}

// keyLineOf is the line of the file of the first of the dates given.
func keyLineOf(dates ...Date) int {
	for _, d := range dates {
		if !d.IsZero() {
			return d.Line + 1
		}
	}
	return 0
}

// isTaxonomyDir reports whether rel, a folder under content/, is where
// Hugo keeps a taxonomy's term pages (tags/rates): its first segment is
// tags, authors, or a taxonomy of site.yaml (its key, or its path with
// dashes).
func isTaxonomyDir(rel string, taxonomies []Taxonomy) bool {
	first, _, _ := strings.Cut(rel, "/")
	if first == "tags" || first == "authors" {
		return true
	}
	for _, t := range taxonomies {
		if first == t.Key || first == strings.ReplaceAll(t.Key, "_", "-") {
			return true
		}
	}
	return false
}

// hugoPageFolder is the folder of the address Hugo gives the page at file
// p by default: content/posts/a.md and content/posts/a/index.md are at
// /posts/a/, in /posts/.
func hugoPageFolder(p string) string {
	dir := path.Dir(strings.TrimPrefix(p, "content/"))
	if strings.TrimSuffix(path.Base(p), path.Ext(p)) == "index" {
		dir = path.Dir(dir)
	}
	if dir == "." {
		return "/"
	}
	return "/" + dir + "/"
}

// hugoAlias is the site path Hugo makes of the relative alias a of the
// page at file p: a read from the folder of the page's address.
func hugoAlias(p, a string) string {
	was := path.Join(hugoPageFolder(p), a)
	if path.Ext(was) != ".html" {
		was += "/"
	}
	return was
}
