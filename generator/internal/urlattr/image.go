package urlattr

import (
	"fmt"
	"net/url"
	"strings"
)

// CheckImage reports why ref, the address of an image that front matter
// or site.yaml gives (image:, a page's social card), cannot be published:
// the page's head, the feeds and the JSON-LD carry it as written, made
// absolute, so it must be a site path (/img/card.png), a path relative to
// the page (card.png, a file of an article's folder) or an http(s)
// address. Any other scheme (javascript:, data:, file:) would be an
// address readers' apps cannot open, or one that runs a script.
func CheckImage(ref string) error {
	u, err := url.Parse(strings.TrimSpace(ref))
	switch {
	case err != nil:
		return fmt.Errorf("%q is not an address: %w", ref, err)
	case u.Scheme == "" && !strings.HasPrefix(strings.TrimSpace(ref), "//"):
		return nil
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return nil
	}
	return fmt.Errorf("%q is not an image address a page can publish: write a site path such as /img/card.png, a file of the article's folder such as card.png, or an https:// address", ref)
}
