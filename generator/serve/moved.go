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
// their sources (build.Result.Sources).
func moves(before, now map[string]string) map[string]string {
	if before == nil {
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
	var gone, added []string // pages of sources gone, of sources new
	known := map[string]bool{}
	for out, src := range before {
		known[src] = true
		if _, ok := now[out]; ok {
			continue
		}
		if to, ok := made[src]; ok {
			if to != "" {
				moved[out] = to
			}
			continue
		}
		gone = append(gone, out)
	}
	for out, src := range now {
		if !known[src] {
			added = append(added, out)
		}
	}
	if len(gone) == 1 && len(added) == 1 {
		moved[gone[0]] = added[0]
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
