package build

import (
	"fmt"
	"path"
	"strings"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/site"
)

// A page's own files besides its page, which the layout does not claim
// (its charts are known once it is converted): each chart's CSV, the
// CSV's metadata, its PNGs, and for an article the chart's page and
// embed and the article's email edition. checkOutputs checks them
// against the layout's outputs and the copied files (checkBeside).

// besideKind is what an own file is.
type besideKind uint8

const (
	ownCSV besideKind = iota
	ownCSVMeta
	ownPNG
	ownNarrowPNG
	ownChartPage
	ownEmbed
	ownEmail
	ownEmailText
)

// besideFile is one of a page's own files.
type besideFile struct {
	out  string
	kind besideKind
	id   string // the chart's id; "" for the email edition
	at   string // the chart's "file:line", or the page's file
}

// chart reports whether f is one of a chart's files, which another id
// renames.
func (f besideFile) chart() bool { return f.kind < ownEmail }

// what says what f is, after "is" ("the CSV of chart x of
// content/posts/b/index.md:5").
func (f besideFile) what() string {
	name := [...]string{ownCSV: "the CSV", ownCSVMeta: "the CSV's metadata", ownPNG: "the PNG", ownNarrowPNG: "the narrow PNG",
		ownChartPage: "the page", ownEmbed: "the embed page", ownEmail: "the email edition", ownEmailText: "the plain text of the email edition"}[f.kind]
	if f.chart() {
		return name + " of chart " + f.id + " of " + f.at
	}
	return name + " of " + f.at
}

// fix is what to change on f's side, after "or".
func (f besideFile) fix() string {
	if f.chart() {
		return ", or give the chart another id"
	}
	return ""
}

// chartFiles returns the outputs of pf's files and the charts that make
// them, without their bytes: what a plain build keeps of them once
// written (see convertAt), for checkOutputs.
func chartFiles(pf *figure.Page) []figure.File {
	if pf == nil || len(pf.Files) == 0 {
		return nil
	}
	files := make([]figure.File, len(pf.Files))
	for k, f := range pf.Files {
		files[k] = figure.File{Out: f.Out, From: f.From}
	}
	return files
}

// eachBeside calls fn with each own file of page p, all()[i], as converted
// (a page a plain build took from the page cache has its charts' pages
// and email edition only: pageCache.reuse took it only when none of its
// files is in another's way).
func (b *builder) eachBeside(p *site.Page, i int, fn func(besideFile)) {
	var pf *figure.Page
	if i < len(b.pageFig) {
		pf = b.pageFig[i]
	}
	var files []figure.File
	switch {
	case b.cache == nil && i < len(b.chartFiles):
		files = b.chartFiles[i]
	case pf != nil:
		files = pf.Files
	}
	prefix := Beside(p.Out, "")
	for _, f := range files {
		name := strings.TrimPrefix(f.Out, prefix)
		o := besideFile{out: f.Out, at: f.From}
		switch {
		case strings.HasSuffix(name, ".narrow.png"):
			o.kind, o.id = ownNarrowPNG, strings.TrimSuffix(name, ".narrow.png")
		case strings.HasSuffix(name, ".png"):
			o.kind, o.id = ownPNG, strings.TrimSuffix(name, ".png")
		case strings.HasSuffix(name, figure.CSVMetaName(".csv")):
			o.kind, o.id = ownCSVMeta, strings.TrimSuffix(name, figure.CSVMetaName(".csv"))
		default:
			o.kind, o.id = ownCSV, strings.TrimSuffix(name, ".csv")
		}
		fn(o)
	}
	if p.Index >= len(b.site.Articles) || b.site.Articles[p.Index] != p {
		return // a page's charts have no pages of their own, nor it an email edition
	}
	if pf != nil {
		for _, c := range pf.Charts {
			at := p.File.Path
			csv := Beside(p.Out, c.ID+".csv")
			for _, f := range files {
				if f.Out == csv {
					at = f.From
				}
			}
			out := Beside(p.Out, figure.ChartPage(c.ID))
			fn(besideFile{out: out, kind: ownChartPage, id: c.ID, at: at})
			fn(besideFile{out: embedOut(out), kind: ownEmbed, id: c.ID, at: at})
		}
	}
	fn(besideFile{out: Beside(p.Out, EmailHTML), kind: ownEmail, at: p.File.Path})
	fn(besideFile{out: Beside(p.Out, EmailText), kind: ownEmailText, at: p.File.Path})
}

// checkBeside returns the errors of the own file f of a page whose page is
// in the folder below: an output of the layout (an alias, a page) or a
// copied file at its name, inside a folder of its name, or a file where
// it needs a folder. Each names both sides, the one to change first. A
// copied file where own files need a folder is reported once: folded
// holds those reported.
func (b *builder) checkBeside(f besideFile, below string, folders map[string]string, x copyIndex, folded map[string]bool) []error {
	var errs []error
	if c, ok := b.site.InTheWay(f.out, below, folders); ok {
		errs = append(errs, besideClash(f, c))
	}
	if src, ok := x.at[f.out]; ok {
		if f.chart() {
			errs = append(errs, fmt.Errorf("%s: output %s is also written by the chart at %s: rename or move the file, or give the chart another id", src, f.out, f.at))
		} else {
			errs = append(errs, fmt.Errorf("%s: output %s is %s: rename or move the file", src, f.out, f.what()))
		}
	}
	if c, ok := x.dirs[f.out]; ok {
		errs = append(errs, fmt.Errorf("%s: output %s needs a folder %s, which is %s: rename or move the file%s", c.src, c.out, f.out, f.what(), f.fix()))
	}
	for d := path.Dir(f.out); d != "." && d != below; d = path.Dir(d) {
		if src, ok := x.at[d]; ok && !folded[d] {
			// Once for the file, however many charts need the folder.
			folded[d] = true
			errs = append(errs, fmt.Errorf("%s: output %s is a file, but %s is written into a folder of that name: rename or move the file%s", src, d, f.what(), f.fix()))
		}
	}
	return errs
}

// besideClash is the error of the own file f in the way of which the layout
// claims c: an alias or a page at its name (or inside a folder of its
// name), named first, or another output of the layout.
func besideClash(f besideFile, c site.Claimant) error {
	switch {
	case c.Alias != "" && (c.Same || c.Inside):
		at, _, _ := strings.Cut(c.Owner, " (alias ")
		return fmt.Errorf("%s: alias %s is %s: remove the alias%s", at, c.Alias, f.what(), f.fix())
	case c.Page != nil && c.Alias == "" && (c.Same || c.Inside):
		fix := "rename or move the page's file, or set slug: in its front matter"
		if c.Page.File.Kind == content.Article {
			fix = "give the article another slug or date"
		}
		return fmt.Errorf("%s: the page's URL %s is %s: %s%s", c.Owner, c.Page.Path, f.what(), fix, f.fix())
	case c.Same:
		return fmt.Errorf("%s: output %s is also written by %s%s", f.at, f.out, c.Owner, besideFix(f))
	case c.Inside:
		return fmt.Errorf("%s: output %s is a file, but %s writes into a folder of that name%s", f.at, f.out, c.Owner, besideFix(f))
	}
	return fmt.Errorf("%s: output %s needs a folder %s, but %s writes a file of that name%s", f.at, f.out, c.Out, c.Owner, besideFix(f))
}

// besideFix is what to change about the own file f when what is in its way
// is no alias or page: its chart's id, or the page's slug.
func besideFix(f besideFile) string {
	if f.chart() {
		return ": give the chart another id"
	}
	return ": give the article another slug"
}

// besideInTheWay reports whether any of the files an article kept from the
// last build (the page cache's) is in the way of an output of the layout
// or a copied file, or has one in its way: pageCache.reuse then makes the
// article again, which checkOutputs reports with the lines of its charts.
func (b *builder) besideInTheWay(p *site.Page, files []output.Kept) bool {
	folders := b.site.Folders()
	x := b.copyIdx()
	below := path.Dir(p.Out)
	for _, k := range files {
		if k.Name == p.Out {
			continue
		}
		if _, ok := b.site.InTheWay(k.Name, below, folders); ok {
			return true
		}
		if _, ok := x.at[k.Name]; ok {
			return true
		}
		if _, ok := x.dirs[k.Name]; ok {
			return true
		}
		for d := path.Dir(k.Name); d != "." && d != below; d = path.Dir(d) {
			if _, ok := x.at[d]; ok {
				return true
			}
		}
	}
	return false
}
