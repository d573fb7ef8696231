package build

import (
	"slices"
	"strings"

	"github.com/tearsheet/tearsheet/generator/output"
)

// This file is the page cache's part for the files other than an
// article's own: pages and feeds kept by the key of their data (outKey,
// outputs.go) and the search index's files kept as a group.

// know records what each article view of v, and the site view, stands
// in by in the keys of the pages and feeds that show them (outKey): an
// article's id, when it has one, and the global key, which holds the site
// view. A view without one is walked.
func (pc *pageCache) know(v *views) {
	if pc == nil {
		return
	}
	known := make(map[uintptr]key, len(v.articles)+1)
	for i, a := range v.articles {
		if id, ok := pc.id(i); ok {
			known[pointer(a)] = id
		}
	}
	known[pointer(v.sv)] = pc.global
	pc.known = known
}

// fileKey is the key the file out, made from what k stands for, is kept
// under: k with the global key (the code, the theme, site.yaml…) and
// the file's name.
func (pc *pageCache) fileKey(out string, k key) key {
	e := newEncoder("file")
	e.key(pc.global)
	e.str(out)
	e.key(k)
	return e.sum()
}

// keepFile keeps the file out, made from what k stands for by the last
// build, when the destination holds it as written, and reports whether it
// did; false without a page cache.
func (pc *pageCache) keepFile(out string, k key) bool {
	if pc == nil {
		return false
	}
	f := pc.oldFiles[out]
	if f == nil || f.Key != pc.fileKey(out, k) || !pc.keep.Keep([]output.Kept{f.File}) {
		return false
	}
	pc.mu.Lock()
	pc.nextFiles[out] = f
	pc.mu.Unlock()
	return true
}

// recordFile keeps the file out, just written and made from what k stands
// for, for the next build.
func (pc *pageCache) recordFile(out string, k key) {
	if pc != nil && k != (key{}) {
		pc.record1(out, pc.fileKey(out, k), 0)
	}
}

// recordGroup keeps the file out, just written, one of group files made
// together under the key k (groupKey), for the next build.
func (pc *pageCache) recordGroup(out string, k key, group int) {
	if pc != nil {
		pc.record1(out, k, group)
	}
}

func (pc *pageCache) record1(out string, k key, group int) {
	kept, ok := pc.keep.Kept(out)
	if !ok {
		return
	}
	pc.mu.Lock()
	pc.nextFiles[out] = &fileEntry{Key: k, File: kept, Group: group}
	pc.mu.Unlock()
}

// keepGroup keeps the files the last build made together under the key,
// when it recorded every one of them and the destination holds each as
// written, and returns them (kept: their bytes are not read). Without a
// page cache it keeps nothing.
func (pc *pageCache) keepGroup(k key) ([]file, bool) {
	if pc == nil {
		return nil, false
	}
	var kept []output.Kept
	group := -1
	for _, f := range pc.oldFiles {
		if f.Key != k {
			continue
		}
		if group >= 0 && f.Group != group {
			return nil, false
		}
		group = f.Group
		kept = append(kept, f.File)
	}
	if len(kept) == 0 || len(kept) != group || !pc.keep.Keep(kept) {
		return nil, false
	}
	slices.SortFunc(kept, func(a, b output.Kept) int { return strings.Compare(a.Name, b.Name) })
	files := make([]file, len(kept))
	pc.mu.Lock()
	for i, f := range kept {
		files[i] = file{out: f.Name, kept: true}
		pc.nextFiles[f.Name] = pc.oldFiles[f.Name]
	}
	pc.mu.Unlock()
	return files, true
}
