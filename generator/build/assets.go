package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file is where the files a build writes besides those the layout
// claims (site.New: pages, lists, feeds, aliases…) are checked against
// those and against each other, at one place, once the pages are
// converted and before anything is written that could take another's
// place: the theme's and site's static files, the files beside markdown in
// content/ and in bundles (copies), and each page's own files besides its
// page (besideFile: its charts' files, chart pages and email edition). Each
// clash is an error naming both sides and what to change, reported with
// the build's other errors.

// copied is a file copied as it is into the output.
type copied struct{ src, out string }

// copies lists the theme's and site's static files, the files beside
// markdown in content/, and each bundle's own files next to its page,
// sorted by output; a theme's generated asset (Data not nil) is not one.
func (b *builder) copies() []copied {
	var cps []copied
	if b.theme != nil {
		for _, a := range b.theme.Assets {
			if a.Data == nil {
				cps = append(cps, copied{a.Src, a.Out})
			}
		}
	}
	for _, p := range b.all() {
		for out, a := range bundleOuts(p) {
			cps = append(cps, copied{a, out})
		}
	}
	for _, s := range b.static {
		cps = append(cps, copied{s, strings.TrimPrefix(s, content.Dir+"/")})
	}
	sort.Slice(cps, func(i, j int) bool { return cps[i].out < cps[j].out })
	return cps
}

// copyIndex is the copies (list), by output, and the folders they are
// written into with the least copy in each, for the checks of own files.
type copyIndex struct {
	list []copied
	at   map[string]string // output -> source
	dirs map[string]copied // folder -> the least copy in it
}

func indexCopies(cps []copied) copyIndex {
	x := copyIndex{list: cps, at: make(map[string]string, len(cps)), dirs: map[string]copied{}}
	for _, c := range cps {
		if _, ok := x.at[c.out]; !ok {
			x.at[c.out] = c.src
		}
		for d := path.Dir(c.out); d != "." && d != "/"; d = path.Dir(d) {
			if _, ok := x.dirs[d]; ok {
				break // a least one, as they are sorted
			}
			x.dirs[d] = c
		}
	}
	return x
}

// checkOutputs checks the files the build writes besides the layout's:
// the copies against the layout's outputs, and each page's own files
// against those and the copies (checkBeside): those of the pages at the
// indices only (a quick build's edited pages; nil: every page) that
// converted into docs.
func (b *builder) checkOutputs(docs []*markdown.Doc, only []int) error {
	if b.site == nil || b.theme == nil {
		return nil
	}
	x := b.copyIdx()
	cps := x.list
	if only != nil {
		cps = nil // a quick build's: the last build's, checked then
	}
	folders := b.site.Folders()
	var errs []error
	for i, c := range cps {
		if i > 0 && cps[i-1].out == c.out {
			errs = append(errs, fmt.Errorf("%s: output %s is also written from %s", c.src, c.out, cps[i-1].src))
		}
		if strings.Contains(c.out, `\`) {
			// Read as a folder's separator on Windows, and by some
			// servers: output refuses the name.
			errs = append(errs, fmt.Errorf("%s: the file's name holds \\, which Windows and some web servers read as a folder's separator: rename it without \\", c.src))
			continue
		}
		// A static file of the theme or the site replaces a generated
		// file of its name that is not a page (static/robots.txt); a file
		// of content/ replaces none. Neither may stand where a page needs
		// a folder, nor be a folder where a page is a file.
		why := b.site.Clash(c.out, folders)
		switch {
		case why == "":
		case !strings.HasPrefix(c.src, content.Dir+"/") && b.site.Owner(c.out) != "" && site.Replaceable(c.out):
		case !strings.HasPrefix(c.src, content.Dir+"/"):
			errs = append(errs, fmt.Errorf("%s: %s: rename or move the file (a static file may take the place of the feeds, %s, %s, %s, %s or %s, not of a page)", c.src, why, site.SitemapFile, site.RobotsFile, site.SearchIndex, site.NoJekyll, site.CNAMEFile))
		default:
			errs = append(errs, fmt.Errorf("%s: %s: rename or move the file", c.src, why))
		}
	}
	pages := b.all()
	folded := map[string]bool{}
	check := func(i int) {
		p := pages[i]
		if i >= len(docs) || docs[i] == nil || !ownsOutput(b.site, p) {
			return // its error says why; the layout's names the slug to change
		}
		below := path.Dir(p.Out)
		b.eachBeside(p, i, func(f besideFile) {
			errs = append(errs, b.checkBeside(f, below, folders, x, folded)...)
		})
	}
	if only == nil {
		for i := range pages {
			check(i)
		}
	} else {
		for _, i := range only {
			check(i)
		}
	}
	return joinUnique(errs)
}

// copyAssets copies the files copies lists, which checkOutputs checked.
func (b *builder) copyAssets() error {
	var errs []error
	for _, a := range b.theme.Assets {
		if a.Data != nil {
			if err := b.put(a.Out, a.Data); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	cps := b.copyIdx().list
	cerrs := make([]error, len(cps))
	par.Run(len(cps), b.opts.Workers, func() func(int) {
		return func(i int) {
			data, err := fs.ReadFile(b.fsys, cps[i].src)
			if err != nil {
				cerrs[i] = fmt.Errorf("%s: %w", cps[i].src, err)
				return
			}
			// A Session's store keeps the bytes it returns, unchanged
			// (query.Ctx.SharedFS).
			cerrs[i] = b.putShared(cps[i].out, data)
		}
	})
	return joinUnique(cerrs)
}
