package check

import (
	"bytes"
	"html"
	"strings"
)

// ref is a URL an HTML page points at.
type ref struct {
	tag, attr, value string
}

// refAttrs lists the attributes checked, by element.
var refAttrs = map[string]string{"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "audio": "src", "video": "src"}

// scan finds the ids of an HTML page (id attributes, and name on <a>) and
// the URLs it points at (refAttrs, and the social-card image of og:image
// and twitter:image meta tags). It reads the HTML tearsheet writes (html/template
// and goldmark output), skipping comments and the insides of scripts and
// styles; it is not a full HTML parser.
func scan(b []byte) (ids map[string]bool, refs []ref) {
	ids = map[string]bool{}
	for i := 0; i < len(b); {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			break
		}
		i += lt + 1
		if bytes.HasPrefix(b[i:], []byte("!--")) {
			end := bytes.Index(b[i:], []byte("-->"))
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		j := i
		for j < len(b) && isNameByte(b[j]) {
			j++
		}
		if j == i {
			continue // "</x", "<!DOCTYPE", or a stray "<"
		}
		tag := strings.ToLower(string(b[i:j]))
		attrs, end := attributes(b, j)
		i = end
		if id := attrs["id"]; id != "" {
			ids[id] = true
		}
		if tag == "a" && attrs["name"] != "" {
			ids[attrs["name"]] = true
		}
		if a, ok := refAttrs[tag]; ok {
			if v, ok := attrs[a]; ok {
				refs = append(refs, ref{tag: tag, attr: a, value: v})
			}
		}
		// A social card's image: a page shared links it, though no
		// reader of the page loads it.
		if tag == "meta" && attrs["content"] != "" && (attrs["property"] == "og:image" || attrs["name"] == "twitter:image") {
			refs = append(refs, ref{tag: tag, attr: "content", value: attrs["content"]})
		}
		if tag == "script" || tag == "style" {
			close := bytes.Index(bytes.ToLower(b[i:]), []byte("</"+tag))
			if close < 0 {
				break
			}
			i += close
		}
	}
	return ids, refs
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// attributes reads a start tag's attributes from i to its '>', returning
// them (names lower-cased, values unescaped) and the index after the tag.
func attributes(b []byte, i int) (map[string]string, int) {
	attrs := map[string]string{}
	for i < len(b) {
		for i < len(b) && (isSpace(b[i]) || b[i] == '/') {
			i++
		}
		if i >= len(b) {
			return attrs, len(b) // a tag cut off by the end of the page
		}
		if b[i] == '>' {
			return attrs, i + 1
		}
		j := i
		for j < len(b) && !isSpace(b[j]) && b[j] != '=' && b[j] != '>' && b[j] != '/' {
			j++
		}
		name := strings.ToLower(string(b[i:j]))
		i = j
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != '=' {
			if name != "" {
				attrs[name] = ""
			}
			continue
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		var val string
		if i < len(b) && (b[i] == '"' || b[i] == '\'') {
			q := b[i]
			end := bytes.IndexByte(b[i+1:], q)
			if end < 0 {
				return attrs, len(b)
			}
			val = string(b[i+1 : i+1+end])
			i += end + 2
		} else {
			j := i
			for j < len(b) && !isSpace(b[j]) && b[j] != '>' {
				j++
			}
			val = string(b[i:j])
			i = j
		}
		if _, dup := attrs[name]; !dup {
			attrs[name] = html.UnescapeString(val)
		}
	}
	return attrs, len(b)
}
