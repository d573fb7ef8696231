package check

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/content"
)

// menuLinks checks site.yaml's menu entries that are site paths. The menu
// is on every page, so a broken entry is reported once, at its line of
// site.yaml, with what to do; links holds the URLs the pages carry for
// the broken entries (with the base path), whose copies on the pages are
// not reported again at the first page that holds one.
func (c *checker) menuLinks(base string) (probs []Problem, links map[string]bool) {
	links = map[string]bool{}
	home := &url.URL{Path: base}
	for i, m := range c.cfg.Menu {
		if !strings.HasPrefix(m.URL, "/") || strings.HasPrefix(m.URL, "//") {
			continue // another site, mailto:
		}
		href := c.cfg.RelURL(m.URL)
		msg := c.resolve(home, "index.html", ref{tag: "a", attr: "href", value: href}, base)
		if msg == "" || msg == "ok" {
			continue
		}
		place := build.ConfigFile
		if n := c.cfg.Line("menu." + strconv.Itoa(i) + ".url"); n > 0 {
			place += ":" + strconv.Itoa(n)
		}
		links[href] = true
		// menuFix says how to write an entry written with the base path.
		msg, _, _ = strings.Cut(msg, basePathHint)
		fix := menuFix(m.URL, base)
		if strings.Contains(msg, "has no element with id") {
			fix = "give the page that heading or id, or change the entry's url"
		}
		probs = append(probs, Problem{Place: place, Msg: fmt.Sprintf("menu entry %q: %s: %s", m.Name, msg, fix)})
	}
	return probs, links
}

// menuFix says how to mend a menu URL that leads nowhere.
func menuFix(u, base string) string {
	p, _, _ := strings.Cut(u, "#")
	p, _, _ = strings.Cut(p, "?")
	if base != "/" && strings.HasPrefix(p+"/", base) {
		return fmt.Sprintf("write the url without the base path (%s), which every site path of the menu gets: %s", base, "/"+strings.TrimPrefix(p, base))
	}
	if p == "/" || strings.HasSuffix(p, "/") {
		return fmt.Sprintf("write the page (%s) or change the entry's url", path.Join(content.Dir, strings.TrimSuffix(p, "/")+".md"))
	}
	return fmt.Sprintf("put the file in static%s or change the entry's url", p)
}

// imagePlace returns "site.yaml:LINE" when value, a page's social-card
// image, is site.yaml's image (the card of pages that set none), else "".
func (c *checker) imagePlace(value string) string {
	img := c.cfg.Image
	if img == "" {
		return ""
	}
	if strings.HasPrefix(img, "/") && !strings.HasPrefix(img, "//") {
		img = c.cfg.RelURL(img)
	}
	if u, err := url.Parse(value); err == nil && u.Host != "" && strings.HasPrefix(img, "/") {
		value = u.Path
	}
	if value != img {
		return ""
	}
	place := build.ConfigFile
	if n := c.cfg.Line("image"); n > 0 {
		place += ":" + strconv.Itoa(n)
	}
	return place
}
