package content

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"
)

// checkAlias checks the alias a of the file p, a URL path as an old
// address of the page was written (Hugo's aliases, Jekyll's
// redirect_from), and returns it with its percent-escapes decoded: the
// path of the folder a web server serves that address from
// (/caf%C3%A9/ from café/), where the redirect page must sit. msg says
// what is wrong and how to write it, "" when nothing.
func checkAlias(p, a string) (sitePath, msg string) {
	if i := strings.IndexAny(a, "?#"); i > 0 && strings.HasPrefix(a, "/") {
		// A query or a fragment names no file: say which address serves
		// it, when the path before it is sound.
		if _, msg := checkAlias(p, a[:i]); msg == "" {
			why := "a browser never sends the part from # to the server"
			if a[i] == '?' {
				why = "a static host serves the same file whatever follows ?"
			}
			return "", fmt.Sprintf("alias %q: %s, so an alias %s serves this address too: write %s", a, why, a[:i], a[:i])
		}
	}
	switch {
	case !strings.HasPrefix(a, "/") && !strings.Contains(a, ":") && !strings.ContainsAny(a, "?#\\"):
		was := hugoAlias(p, a)
		return "", fmt.Sprintf("alias %q is relative, which Hugo reads from the folder of the page's address (%s for this file, so %s): write the site path, starting with /, as in aliases: [%s]", a, hugoPageFolder(p), was, was)
	case !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//") || strings.Contains(a, "..") || strings.ContainsAny(a, "?#\\"):
		return "", fmt.Sprintf("alias %q must be a site path starting with / such as /old/post/, without .., //, ?, # or \\", a)
	}
	if strings.ContainsFunc(a, unicode.IsControl) {
		return "", fmt.Sprintf("alias %q holds a control character (a line break or a tab, written \\n or \\t in quotes), which no address has: delete it", a)
	}
	dec, err := url.PathUnescape(a)
	if err != nil {
		return "", fmt.Sprintf("alias %q holds a %% that does not start an escape of two hex digits (%%C3%%A9): write %%25 for a percent sign", a)
	}
	switch {
	case strings.ContainsFunc(dec, unicode.IsControl):
		return "", fmt.Sprintf("alias %q holds an escaped control character (%%0A, a line break, or %%09, a tab), which no page's address has: delete it", a)
	case strings.Count(dec, "/") != strings.Count(a, "/") || strings.Contains(dec, "\\"):
		return "", fmt.Sprintf("alias %q holds an escaped slash (%%2F or %%5C), which web servers read differently: write the path with / between its folders", a)
	case strings.HasPrefix(dec, "//") || strings.Contains(dec, ".."):
		return "", fmt.Sprintf("alias %q must be a site path starting with / such as /old/post/, without .. or //, escaped or not", a)
	}
	clean := path.Clean(dec)
	if clean == "/" {
		return "", fmt.Sprintf("alias %q is the site's home page, which a redirect would replace: delete it, or write the page's old address, as in aliases: [/old/post/]", a)
	}
	if strings.HasSuffix(dec, "/") {
		clean += "/"
	}
	if clean != dec {
		return "", fmt.Sprintf("alias %q has an empty or . part, which a web server drops from the address: write %s", a, clean)
	}
	return dec, ""
}
