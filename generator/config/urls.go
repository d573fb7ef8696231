package config

import "strings"

// escapeURLPath percent-encodes the bytes of p that a URL may not hold as
// they are: spaces, controls, bytes of letters beyond ASCII, and " < > \ ^
// ` { | }. Every character a URL may hold is kept, and so is %, so that an
// escape already written ("/a%20b/") is not escaped twice.
func escapeURLPath(p string) string {
	i := 0
	for i < len(p) && urlByte(p[i]) {
		i++
	}
	if i == len(p) {
		return p
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(p) + 16)
	b.WriteString(p[:i])
	for ; i < len(p); i++ {
		if c := p[i]; urlByte(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// urlByte reports whether a URL may hold c as it is: RFC 3986's unreserved
// and reserved characters, and % of an escape.
func urlByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~:/?#[]@!$&'()*+,;=%", c) >= 0
}
