package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// arrows are the signs a link's text may draw but its name must not hold.
const arrows = "←→↑↓↩↪⇐⇒"

// checkLinkNames opens every page of the site (paths) at 1280 px and reads
// its links from Chromium's accessibility tree, as a screen reader lists
// them (out of the text around them): two links of one name must lead to
// one address. Four "Chart page" links to four charts, or a term's "RSS"
// beside the whole site's, say nothing of where each goes. Nor may a name
// hold an arrow (arrows): "← Newer" is read "left arrow Newer". Nor may
// two buttons or disclosures share a name: four charts' "Summary and data
// table" in a list of the page's controls.
func checkLinkNames(t *testing.T, browserCtx context.Context, site string, paths []string) {
	tab, p := openTab(t, browserCtx, site, 3*time.Minute)
	l := layout{name: "1280", width: desktopWidth, height: desktopHeight}
	links := 0
	for _, pth := range paths {
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+pth)); err != nil {
			t.Fatalf("opening /%s: %v", pth, err)
		}
		named, controls, err := linkNames(tab)
		if err != nil {
			t.Fatalf("/%s: reading the accessibility tree: %v", pth, err)
		}
		for name, n := range controls {
			if n > 1 {
				t.Errorf("/%s: %d buttons or disclosures named %q: a list of the page's controls cannot tell them apart", pth, n, name)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(named)) {
			links += len(named[name])
			if strings.ContainsAny(name, arrows) {
				t.Errorf("/%s: a link is named %q: a screen reader reads the arrow out (\"right arrow\"), a drawing of the page, not part of the link's name (aria-hidden)", pth, name)
			}
			if urls := slices.Compact(slices.Sorted(slices.Values(named[name]))); len(urls) > 1 {
				for i, u := range urls {
					urls[i] = strings.TrimPrefix(u, strings.TrimSuffix(site, "/"))
				}
				t.Errorf("/%s: %d links named %q lead to %d addresses: %s", pth, len(named[name]), name, len(urls), strings.Join(urls, ", "))
			}
		}
	}
	if links < 20*len(paths) {
		t.Errorf("read %d links on %d pages; the pages hold more", links, len(paths))
	}
	for _, msg := range p.take() {
		t.Error(msg)
	}
}

// linkNames returns the addresses of the links of the tab's page that are
// not ignored (hidden ones are), by their accessible name, and how many
// buttons and disclosures (a <details>' summary) have each name.
func linkNames(tab context.Context) (links map[string][]string, controls map[string]int, err error) {
	tree, err := chromedp.Call(tab, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		return nil, nil, err
	}
	out, controls := map[string][]string{}, map[string]int{}
	for _, n := range tree.Nodes {
		if n.Ignored || n.Role == nil || n.Name == nil {
			continue
		}
		var role, name, url string
		if json.Unmarshal(n.Role.Value, &role) != nil || json.Unmarshal(n.Name.Value, &name) != nil {
			continue
		}
		if role == "button" || role == "DisclosureTriangle" {
			controls[strings.Join(strings.Fields(name), " ")]++
		}
		if role != "link" {
			continue
		}
		for _, prop := range n.Properties {
			if prop.Name == accessibility.PropertyNameURL && prop.Value != nil {
				if err := json.Unmarshal(prop.Value.Value, &url); err != nil {
					return nil, nil, fmt.Errorf("the url of link %q: %w", name, err)
				}
			}
		}
		if url == "" {
			return nil, nil, fmt.Errorf("link %q has no url in the accessibility tree", name)
		}
		name = strings.Join(strings.Fields(name), " ")
		out[name] = append(out[name], url)
	}
	return out, controls, nil
}
