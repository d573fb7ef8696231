package serve

import "strings"

// oldBase returns where a request for the URL path p, which the site does
// not serve, is redirected when site.yaml's baseURL moved the site from the
// base path from to base: the same path below base, so a page open at its
// old address follows the site. ok is false when p is not redirected:
//
//   - p is not below from (or the site never moved: from is "");
//   - p is below base and from is not below base (the old base path a
//     prefix of the new one: "/" then "/research/", "/a/" then "/a/b/"):
//     p is an address of the site as it is, which a redirect would send
//     below from again, and again ("/research/research/...");
//   - the redirect would be redirected again (the site moved up, "/a/b/"
//     then "/a/", and p is "/a/b/b/x", which goes to "/a/b/x"), unless the
//     site serves what it lands on (served): a redirect never starts a
//     chain.
//
// A target that is a folder of the site without its final slash gets it
// (served reports that as folder), so the browser is not sent on again to
// add it.
func oldBase(p, base, from string, served func(p string) (ok, folder bool)) (string, bool) {
	if !redirected(p, base, from) {
		return "", false
	}
	to := base + strings.TrimPrefix(p, from)
	ok, folder := served(to)
	if folder {
		to += "/"
	}
	if !ok && !folder && redirected(to, base, from) {
		return "", false
	}
	return to, true
}

// redirected reports whether a request for p, which the site does not
// serve, is one oldBase sends below base: p is below from, and not an
// address of the site as it is (below base, from not below base).
func redirected(p, base, from string) bool {
	if from == "" || from == base || !strings.HasPrefix(p, from) {
		return false
	}
	return !strings.HasPrefix(p, base) || strings.HasPrefix(from, base)
}
