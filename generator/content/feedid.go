package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// tagURI matches a tag: URI (RFC 4151): tag:AUTHORITY,DATE:SPECIFIC, the
// authority a domain name or an email address, the date a year, a month
// or a day (tag:example.org,2024:rally, tag:me@example.org,2024-05-01:x).
var tagURI = regexp.MustCompile(`^tag:([A-Za-z0-9][A-Za-z0-9.-]*|[^@\s,:]+@[A-Za-z0-9][A-Za-z0-9.-]*),[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?:[^\s]*$`)

// checkFeedID checks id, front matter's feedID: an absolute http(s) URL
// (the old permalink of an article that moved) or a tag: URI, which feed
// readers can keep as an Atom id (an IRI, RFC 4287 4.2.6) and an RSS
// guid. It says what is wrong and how to write it, "" when nothing.
func checkFeedID(id string) string {
	const how = "set it to the article's old permalink (the absolute URL it had before its slug or date changed, as in feedID: https://example.org/2024/05/old-slug/), or to a tag: URI such as tag:example.org,2024:rally"
	if strings.ContainsFunc(id, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return fmt.Sprintf("feedID %q holds a space or a control character, which no URL or tag: URI has: %s", id, how)
	}
	if strings.HasPrefix(id, "tag:") {
		if !tagURI.MatchString(id) {
			return fmt.Sprintf("feedID %q is not a tag: URI of RFC 4151 (tag:DOMAIN,YEAR:NAME, as in tag:example.org,2024:rally)", id)
		}
		return ""
	}
	u, err := url.Parse(id)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("feedID %q is neither an absolute http(s) URL nor a tag: URI: %s", id, how)
	}
	return ""
}
