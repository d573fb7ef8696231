package build

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/par"
	"github.com/tearsheet/tearsheet/generator/site"
)

// copyAssets copies the theme's and site's static files, the files beside
// markdown in content/, and each bundle's own files next to its page.
func (b *builder) copyAssets() error {
	type cp struct{ src, out string }
	var cps []cp
	var errs []error
	for _, a := range b.theme.Assets {
		if a.Data != nil {
			if err := b.put(a.Out, a.Data); err != nil {
				errs = append(errs, err)
			}
			continue
		}
		cps = append(cps, cp{a.Src, a.Out})
	}
	for _, p := range b.all() {
		for out, a := range bundleOuts(p) {
			cps = append(cps, cp{a, out})
		}
	}
	for _, s := range b.static {
		cps = append(cps, cp{s, strings.TrimPrefix(s, content.Dir+"/")})
	}
	sort.Slice(cps, func(i, j int) bool { return cps[i].out < cps[j].out })
	var folders map[string]string // made for the first file of content/
	for i, c := range cps {
		if i > 0 && cps[i-1].out == c.out {
			errs = append(errs, fmt.Errorf("%s: output %s is also written from %s", c.src, c.out, cps[i-1].src))
		}
		// A static file of the theme or the site replaces a generated
		// file of its name that is not a page (static/robots.txt); a file
		// of content/ replaces none. Neither may stand where a page needs
		// a folder, nor be a folder where a page is a file.
		if folders == nil {
			folders = b.site.Folders()
		}
		why := b.site.Clash(c.out, folders)
		switch chart := b.chartOwner(c.out); {
		case why == "" && chart != "":
			errs = append(errs, fmt.Errorf("%s: output %s is also written by the chart at %s: rename or move the file, or give the chart another id", c.src, c.out, chart))
		case why == "":
		case !strings.HasPrefix(c.src, content.Dir+"/") && b.site.Owner(c.out) != "" && site.Replaceable(c.out):
		case !strings.HasPrefix(c.src, content.Dir+"/"):
			errs = append(errs, fmt.Errorf("%s: %s: rename or move the file (a static file may take the place of the feeds, %s, %s, %s, %s or %s, not of a page)", c.src, why, site.SitemapFile, site.RobotsFile, site.SearchIndex, site.NoJekyll, site.CNAMEFile))
		default:
			errs = append(errs, fmt.Errorf("%s: %s: rename or move the file", c.src, why))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	cerrs := make([]error, len(cps))
	par.Run(len(cps), b.opts.Workers, func() func(int) {
		return func(i int) {
			data, err := fs.ReadFile(b.fsys, cps[i].src)
			if err != nil {
				cerrs[i] = fmt.Errorf("%s: %w", cps[i].src, err)
				return
			}
			// A Session's memoFS keeps the bytes it returns, unchanged.
			cerrs[i] = b.putShared(cps[i].out, data)
		}
	})
	return joinUnique(cerrs)
}
