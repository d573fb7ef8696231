package feed

import (
	"net/url"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
)

// Absolute rewrites the URL attributes of an HTML fragment (see package
// internal/urlattr) against base, the URL of the page the fragment
// belongs to: site paths ("/repo/about/"), relative bundle files
// ("prices.csv") and fragments ("#fn:1") become absolute URLs, which feed
// readers and email need. Absolute URLs and other schemes (mailto:) are
// kept. A base that is a path ("/repo/2024/05/rally/") makes them paths
// from the site's root instead, which hold wherever the fragment is shown
// on the site: a list page shows an article's summary so. Tags without
// such attributes, text and comments are copied byte for byte.
func Absolute(fragment []byte, base *url.URL) ([]byte, error) {
	return urlattr.Rewrite(fragment, func(ref string) string { return resolve(base, ref) })
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
