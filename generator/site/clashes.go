package site

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tearsheet/tearsheet/generator/content"
)

// The checks of the claimed outputs as a whole, once every output is
// claimed (New): each error names what claims the output, and they are
// sorted, whatever order the outputs were claimed in.

// longNames finds the outputs that need a file or folder whose name is
// longer than content.MaxNameLen (a slug, title, alias or dataset name of a few
// hundred letters), once every output is claimed: one error for each such
// name, naming the least of what claims a file in it, sorted.
func (s *Site) longNames() []error {
	owners := map[string]string{} // output path up to the long name -> owner
	for out, owner := range s.outputs {
		rest, at := out, 0
		for rest != "" {
			part, tail, _ := strings.Cut(rest, "/")
			if len(part) > content.MaxNameLen {
				key := out[:at+len(part)]
				if prev, ok := owners[key]; !ok || owner < prev {
					owners[key] = owner
				}
				break
			}
			at += len(part) + 1
			rest = tail
		}
	}
	errs := make([]error, 0, len(owners))
	for key, owner := range owners {
		dir, name := key[:strings.LastIndexByte(key, '/')+1], key[strings.LastIndexByte(key, '/')+1:]
		errs = append(errs, fmt.Errorf("%s: the URL /%s%s…/ has a part of %d bytes, longer than a file or folder name may be (%d): shorten the slug, title, tag, alias or dataset name that makes it", owner, dir, cutName(name, 40), len(name), content.MaxNameLen))
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// cutName is the first n bytes of name, or fewer to end on a whole letter.
func cutName(name string, n int) string {
	for n > 0 && n < len(name) && !utf8.RuneStart(name[n]) {
		n--
	}
	return name[:min(n, len(name))]
}

// folderClashes finds the outputs that need a folder where another output
// is a file (an alias /index.xml/ beside the feed index.xml), once every
// output is claimed: one pass, whatever order they were claimed in.
func (s *Site) folderClashes() []error {
	var errs []error
	for out, owner := range s.outputs {
		if d, prev := s.fileAbove(out); d != "" {
			errs = append(errs, fmt.Errorf("%s: output %s needs a folder %s, but %s writes a file of that name: give one of them another slug or date, or change the alias", owner, out, d, prev))
		}
	}
	// The map's order is not the output's.
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// fileAbove returns a folder that out needs, at which an output file is
// claimed, and what claims it; "" when there is none.
func (s *Site) fileAbove(out string) (dir, owner string) {
	for d := path.Dir(out); d != "." && d != "/"; d = path.Dir(d) {
		if prev, ok := s.outputs[d]; ok {
			return d, prev
		}
	}
	return "", ""
}

// caseClashes finds the outputs whose paths differ from another's only in
// letter case (an alias /Old/Breadth/ beside the page /old/breadth/): the
// file systems of macOS and Windows take them for one file, so a build
// there would write one over the other, silently. One error for each such
// output but the least, naming what claims both. Only an output with a
// capital letter (or a letter beyond ASCII) can so differ from another,
// and most have none: the rest cost a scan of their bytes.
func (s *Site) caseClashes() []error {
	groups := map[string][]string{} // folded path -> the outputs of that fold
	for out := range s.outputs {
		if !mayFold(out) {
			continue
		}
		k := strings.ToLower(out)
		if len(groups[k]) == 0 {
			if _, ok := s.outputs[k]; ok && k != out {
				groups[k] = append(groups[k], k)
			}
		}
		groups[k] = append(groups[k], out)
	}
	var errs []error
	for _, g := range groups {
		// A lower-case output beyond ASCII (café/) is both a member
		// found and the fold of the others.
		g = slices.Compact(slices.Sorted(slices.Values(g)))
		if len(g) < 2 {
			continue
		}
		first := g[0]
		for _, out := range g[1:] {
			errs = append(errs, fmt.Errorf("%s: output %s differs from %s, written by %s, only in letter case: on macOS and Windows, whose file systems ignore case, one would overwrite the other; write the alias or slug in the same case as the other URL, or change it", s.outputs[out], out, first, s.outputs[first]))
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errs
}

// mayFold reports whether out has a byte strings.ToLower may change: a
// capital ASCII letter, or any byte of a letter beyond ASCII.
func mayFold(out string) bool {
	for i := 0; i < len(out); i++ {
		if c := out[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}
