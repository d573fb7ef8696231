package serve

import (
	"maps"
	"strings"
)

// moves returns the pages of the last build that the new one made at
// another address, old output file to new: a page whose source now makes
// another page (its date moved it to another month, its slug changed), or,
// when one page lost its source and one page came from a new source (its
// file was renamed), that one. A browser showing a moved page follows it
// there rather than show "not found". before and now map output pages to
// their sources (build.Result.Sources); changed are the files the build
// changed or removed (build.Result.Changed), among which a moved page's old
// address is: a build that removed no page costs no walk of the maps.
func moves(before, now map[string]string, changed []string) map[string]string {
	var gone []string // pages of the last build the new one lacks
	for _, out := range changed {
		if _, was := before[out]; was {
			if _, is := now[out]; !is {
				gone = append(gone, out)
			}
		}
	}
	if len(gone) == 0 {
		return nil
	}
	made := map[string]string{} // source -> its page now; "" when it makes several
	for out, src := range now {
		if _, ok := made[src]; ok {
			made[src] = ""
		} else {
			made[src] = out
		}
	}
	moved := map[string]string{}
	var lost []string // pages whose source is gone
	for _, out := range gone {
		if to, ok := made[before[out]]; ok {
			if to != "" {
				moved[out] = to
			}
			continue
		}
		lost = append(lost, out)
	}
	if len(lost) == 1 {
		// One page lost its source: if one page has a new source, the
		// file was renamed.
		known := make(map[string]bool, len(before))
		for _, src := range before {
			known[src] = true
		}
		var added []string
		for out, src := range now {
			if !known[src] {
				added = append(added, out)
			}
		}
		if len(added) == 1 {
			moved[lost[0]] = added[0]
		}
	}
	return moved
}

// movesWithin adds to moved, the pages moves found, the files under a moved
// page's folder (its charts' pages, their embeds) that changed and now are
// at the same place under the page's new folder. has tells whether the
// new build has a file.
func movesWithin(moved map[string]string, changed []string, has func(string) bool) {
	within := map[string]string{}
	for from, to := range moved {
		oldDir, ok1 := strings.CutSuffix(from, "index.html")
		newDir, ok2 := strings.CutSuffix(to, "index.html")
		if !ok1 || !ok2 || oldDir == "" {
			continue
		}
		for _, name := range changed {
			rest, ok := strings.CutPrefix(name, oldDir)
			if ok && name != from && !has(name) && has(newDir+rest) {
				within[name] = newDir + rest
			}
		}
	}
	maps.Copy(moved, within)
}

// followMoves updates where, the pages the builds of this run moved (from
// each address a page had to the one it has now), with moved, the pages
// the latest build moved, and returns it: an address whose page moved
// again leads to its newest; an address that serves a page again (changed
// names what the build changed or removed) and one whose page is gone are
// dropped. has tells whether the latest build has a file.
func followMoves(where, moved map[string]string, changed []string, has func(string) bool) map[string]string {
	if len(where) == 0 && len(moved) == 0 {
		return where
	}
	if where == nil {
		where = make(map[string]string, len(moved))
	}
	for from, to := range where {
		if next, ok := moved[to]; ok {
			where[from] = next
		}
	}
	maps.Copy(where, moved)
	if len(changed) == 0 {
		return where
	}
	for _, name := range changed {
		if has(name) {
			delete(where, name)
		}
	}
	for from, to := range where {
		if !has(to) {
			delete(where, from)
		}
	}
	return where
}

// renames adds to moved the pages not made from markdown whose address
// changed in one of its parts alone: a chart's page and its embed, named
// by the chart's id, which follows its title; a tag's page, named by the
// tag. A browser showing a chart's page while the author edits its title
// then follows it, rather than show "not found". A page is paired only
// with the one new page that is one part apart from it, and that page
// with it alone: two charts retitled at once in one folder pair nothing.
// before and now map the pages made from markdown to their sources
// (build.Result.Sources), which moves pairs; changed are the files the
// build changed or removed; had and has tell whether the last build and
// the new one have a file.
func renames(moved, before, now map[string]string, changed []string, had, has func(string) bool) {
	var gone, made []string
	for _, name := range changed {
		if _, ok := moved[name]; ok || !strings.HasSuffix(name, "index.html") {
			continue
		}
		if _, ok := before[name]; ok {
			continue
		}
		if _, ok := now[name]; ok {
			continue
		}
		switch old, is := had(name), has(name); {
		case old && !is:
			gone = append(gone, name)
		case !old && is:
			made = append(made, name)
		}
	}
	if len(gone) == 0 || len(made) == 0 {
		return
	}
	to := map[string][]string{} // gone page -> new pages one part apart
	from := map[string]int{}    // new page -> how many gone pages it is one part apart from
	for _, g := range gone {
		for _, m := range made {
			if onePartApart(g, m) {
				to[g] = append(to[g], m)
				from[m]++
			}
		}
	}
	for g, ms := range to {
		if len(ms) == 1 && from[ms[0]] == 1 {
			moved[g] = ms[0]
		}
	}
}

// onePartApart reports whether the paths a and b have as many parts and
// differ in exactly one of them.
func onePartApart(a, b string) bool {
	pa, pb := strings.Split(a, "/"), strings.Split(b, "/")
	if len(pa) != len(pb) {
		return false
	}
	diff := 0
	for i := range pa {
		if pa[i] != pb[i] {
			diff++
		}
	}
	return diff == 1
}
