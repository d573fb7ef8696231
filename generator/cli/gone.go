package cli

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// goneListed is how many addresses goneWarning names before "and N more".
const goneListed = 8

// goneWarning says which addresses the previous build into dest published
// and this one no longer does (gone: output file names, sorted), so that
// an author who renamed or moved an article learns that readers' links to
// it now lead nowhere, and how to keep them working; "" when none.
// The pages of a gone page (an article's chart pages, a tag's page 2) are
// not named apart from it, nor is a list's page N, gone as the list got
// shorter.
//
// A gone page the build left out (left: a draft now, dated later, or
// expired) is named apart, with why: it did not move, and aliases would
// not bring it back.
func goneWarning(dest string, gone []string, left []site.Left) string {
	// The pages gone: folders whose index.html is, and the names without
	// .html of other pages (a permalink ending in .html, /2026/x.html,
	// whose chart pages are in x-charts/ and email edition x-email.html).
	g := goneSet{folders: map[string]bool{}, stems: map[string]bool{}}
	for _, name := range gone {
		if path.Base(name) == "index.html" {
			g.folders[path.Dir(name)] = true
		} else if path.Ext(name) == ".html" {
			g.stems[strings.TrimSuffix(name, ".html")] = true
		}
	}
	var pages, charts []string
	for _, name := range gone {
		if path.Ext(name) != ".html" || name == "404.html" {
			continue
		}
		if path.Base(name) != "index.html" {
			// An article's email edition goes with its page.
			stem := strings.TrimSuffix(name, ".html")
			if !(path.Base(stem) == "email" && g.folders[path.Dir(stem)]) && !(strings.HasSuffix(stem, "-email") && g.stems[strings.TrimSuffix(stem, "-email")]) {
				pages = append(pages, "/"+name)
			}
			continue
		}
		dir := path.Dir(name)
		if g.partOf(dir) || isPageN(dir) {
			continue
		}
		if up := path.Base(path.Dir(dir)); up == "charts" || strings.HasSuffix(up, "-charts") {
			charts = append(charts, "/"+dir+"/")
		} else {
			pages = append(pages, "/"+strings.TrimSuffix(name, "index.html"))
		}
	}
	sort.Strings(pages)
	sort.Strings(charts)
	pages, out := leftOf(pages, left)
	all := append(append([]string(nil), pages...), charts...)
	if len(all) == 0 {
		if out == "" {
			return ""
		}
		return dest + ": " + out
	}
	if out != "" {
		out = "; " + out
	}
	list := strings.Join(all[:min(len(all), goneListed)], ", ")
	if len(all) > goneListed {
		list += fmt.Sprintf(" and %d more", len(all)-goneListed)
	}
	what := "page the last build published is gone, so links and bookmarks to it now get"
	if len(all) > 1 {
		what = "pages the last build published are gone, so links and bookmarks to them now get"
	}
	var fix []string
	if len(pages) > 0 {
		// The deepest path is the likeliest article (/2026/ is a year's).
		example := pages[0]
		for _, p := range pages {
			if strings.Count(p, "/") > strings.Count(example, "/") {
				example = p
			}
		}
		fix = append(fix, fmt.Sprintf("If an article or page moved (another slug, date, permalink or file name), list its old path under aliases in its front matter (aliases: [%s]) and the old address redirects to the new one, "+
			"and give a moved article its old permalink as feedID (the absolute URL of that path), so that feed readers, which know it by that id, do not show it again as new", example))
	}
	if len(charts) > 0 {
		// An id the theme gives the page around the article (main,
		// disclosures…) is no chart's since charts step past them, and
		// id: main is an error: the advice names one a chart may take.
		var free, theme []string
		for _, c := range charts {
			if id := path.Base(c); slices.Contains(render.PageIDs(), id) {
				theme = append(theme, id)
			} else {
				free = append(free, id)
			}
		}
		if len(free) > 0 {
			fix = append(fix, fmt.Sprintf("If a chart's id changed (it follows the title unless the chart block sets id), give the chart its old id (id: %s) to keep its page and files", free[0]))
		}
		if len(theme) > 0 {
			fix = append(fix, fmt.Sprintf("A chart whose id was %s, an id the theme gives an element of the page, now takes the next free one (%s-2), so that the page holds each id once: its old page cannot be kept", strings.Join(theme, ", "), theme[0]))
		}
	}
	return fmt.Sprintf("%s: %d %s \"not found\": %s. %s; if you removed it, nothing needs doing",
		dest, len(all), what, list, strings.Join(fix, "; ")) + out
}

// leftOf splits pages (site paths, sorted) into those the build did not
// leave out, returned, and a sentence that names each it did with why,
// "" for none.
func leftOf(pages []string, left []site.Left) ([]string, string) {
	why := make(map[string]site.Left, len(left))
	for _, l := range left {
		why[l.URL] = l
	}
	var rest, said []string
	for _, p := range pages {
		l, ok := why[p]
		if !ok {
			rest = append(rest, p)
			continue
		}
		var because string
		switch l.Why {
		case site.Draft:
			because = "is a draft now (draft: true)"
		case site.Scheduled:
			because = "is dated " + l.Date.Format("2 January 2006 15:04 MST") + ", after now, and is published then (tearsheet build --future publishes it now)"
		default:
			because = "is past its expiryDate, " + l.Date.Format("2 January 2006 15:04 MST")
		}
		said = append(said, fmt.Sprintf("%s is no longer published: %s %s", p, l.Path, because))
	}
	return rest, strings.Join(said, "; ")
}

// keptListed is how many entries keptWarning names before "and N more".
const keptListed = 3

// keptWarning says, once for the whole build, that dest holds entries no
// build wrote (kept: output.Stats.Kept), which a build keeps but which a
// build into an empty folder, as the Pages workflow's, does not have: they
// are never published unless moved into the site's static/ (static is its
// path), whose files every build publishes; "" when there are none.
func keptWarning(dest, static string, kept []string) string {
	if len(kept) == 0 {
		return ""
	}
	list := strings.Join(kept[:min(len(kept), keptListed)], ", ")
	if len(kept) > keptListed {
		list += fmt.Sprintf(" and %d more", len(kept)-keptListed)
	}
	what, them, is := fmt.Sprintf("%d files or folders that no build wrote (%s)", len(kept), list), "them", "they are"
	if len(kept) == 1 {
		what, them, is = kept[0]+", which no build wrote", "it", "it is"
	}
	sep := string(filepath.Separator)
	example := filepath.Join(static, filepath.FromSlash(kept[0]))
	if strings.HasSuffix(kept[0], "/") {
		example += sep
	}
	return fmt.Sprintf("%s holds %s: a build keeps %s, but a build into an empty folder (the Pages workflow's) does not have %s, so %s not published; "+
		"move %s into %s (%s), whose files every build publishes, or delete %s",
		dest, what, them, them, is, them, static+sep, example, them)
}

// goneSet is what goneWarning knows of the pages gone.
type goneSet struct {
	folders map[string]bool // folders whose index.html is gone
	stems   map[string]bool // other pages gone, without .html
}

// partOf reports whether the page in folder dir belongs to a gone page
// above it: a chart page of a gone article (its charts/ folder, or
// x-charts/ beside x.html), a chart's embed page, a list's page 2. (An
// article under a gone year archive is a page of its own.)
func (g goneSet) partOf(dir string) bool {
	for d := dir; d != "." && d != "/"; {
		parent, base := path.Dir(d), path.Base(d)
		if g.folders[parent] && (base == "charts" || base == "page" || base == "embed") {
			return true
		}
		if strings.HasSuffix(base, "-charts") && g.stems[path.Join(parent, strings.TrimSuffix(base, "-charts"))] {
			return true
		}
		d = parent
	}
	return false
}

// isPageN reports whether dir is a list's page N (page/2), which goes
// when the list gets shorter: its articles are on the pages before.
func isPageN(dir string) bool {
	n := path.Base(dir)
	if path.Base(path.Dir(dir)) != "page" || n == "" {
		return false
	}
	for _, r := range n {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
