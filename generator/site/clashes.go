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

// Clash says why the output file out cannot be written beside the claimed
// outputs, naming what claims the other; "" when it can. folders is
// Folders().
func (s *Site) Clash(out string, folders map[string]string) string {
	c, ok := s.InTheWay(out, "", folders)
	switch {
	case !ok:
		return ""
	case c.Same:
		return fmt.Sprintf("output %s is also written by %s", out, c.Owner)
	case c.Inside:
		return fmt.Sprintf("output %s is a file, but %s writes into a folder of that name", out, c.Owner)
	}
	return fmt.Sprintf("output %s needs a folder %s, but %s writes a file of that name", out, c.Out, c.Owner)
}

// Claimant is a claimed output in the way of another file of the build
// (InTheWay), and what claims it.
type Claimant struct {
	Out   string // the output claimed
	Owner string // what claims it (Owner)
	// Same says Out is the file itself; Inside, that Out is in a folder
	// of the file's name; neither, that Out is a file where the other
	// needs a folder.
	Same, Inside bool
	// Alias is the alias that writes Out, as its front matter gives it,
	// and Page the page it redirects to; Page alone, the page or article
	// written to Out. Both are zero for any other output (a list, a feed).
	Alias string
	Page  *Page
}

// InTheWay returns the claimed output that keeps a file of the build that
// the layout does not claim (an article's chart files and email edition,
// a static or bundle file) from being written at out: the same output, one
// inside a folder out, or one that is a file where out needs a folder,
// looked for only in the folders of out below the folder below (all of
// them for ""; the folders of an article's page are its own files' too,
// and the layout checked them). false when none is. folders is Folders().
func (s *Site) InTheWay(out, below string, folders map[string]string) (Claimant, bool) {
	var c Claimant
	switch {
	case s.outputs[out] != "":
		c = Claimant{Out: out, Owner: s.outputs[out], Same: true}
	case folders[out] != "":
		// The least output inside out that its least owner claims: the
		// same whatever the map's order.
		c = Claimant{Owner: folders[out], Inside: true}
		for o, owner := range s.outputs {
			if owner == c.Owner && strings.HasPrefix(o, out+"/") && (c.Out == "" || o < c.Out) {
				c.Out = o
			}
		}
	default:
		for d := path.Dir(out); d != "." && d != "/" && d != below; d = path.Dir(d) {
			if owner, ok := s.outputs[d]; ok {
				c = Claimant{Out: d, Owner: owner}
				break
			}
		}
		if c.Owner == "" {
			return c, false
		}
	}
	for _, al := range s.Aliases {
		if al.Out == c.Out {
			c.Alias, c.Page = strings.TrimSuffix(al.From, "/"), al.To
			for _, a := range al.To.File.Meta.Aliases {
				if a == al.From || a+"/" == al.From {
					c.Alias = a // as written
				}
			}
			return c, true
		}
	}
	for _, p := range slices.Concat(s.Articles, s.Pages) {
		if p.Out == c.Out {
			c.Page = p
			break
		}
	}
	return c, true
}
