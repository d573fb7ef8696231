package build

import (
	"bytes"
	"encoding/hex"
	"runtime"
	"strings"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/lock"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// renderFigure renders a chart's HTML with the theme's partials/figure.html.
func (b *builder) renderFigure(v *render.FigureView) ([]byte, error) {
	var buf bytes.Buffer
	if err := b.halt(b.theme.ExecutePartial(&buf, "partials/figure.html", v)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// figureCode is the version of the code behind renderFigure's output
// besides the templates: the theme's template functions (render) and what
// the fields of render.FigureView hold. Change it when either changes what
// a figure prints, so that the chart cache renders figures again.
const figureCode = "figure-html/2"

// figureRenderKey identifies what renderFigure makes of a view (see
// figure.Options.RenderKey): the templates as the theme parsed them (any
// may be called from the partial), figureCode, and the Go release, whose
// html/template escapes.
func (b *builder) figureRenderKey() string {
	e := newEncoder("figure render")
	e.str(figureCode)
	e.str(runtime.Version())
	e.str(b.theme.Sum())
	k := e.sum()
	return hex.EncodeToString(k[:])
}

// placer puts a page's chart files beside it (see placerOf). Only
// articles have chart pages: a page's charts get no URL of one (and their
// figures no link to one).
func (b *builder) placer(p *site.Page) func(name string) (string, string) {
	return b.placeCharts(p, b.pngOf(p))
}

// placeCharts is placer for p, an article or not.
func (b *builder) placeCharts(p *site.Page, article bool) func(name string) (string, string) {
	place := placerOf(b.cfg, p)
	if article {
		return place
	}
	return func(name string) (string, string) {
		out, url := place(name)
		if strings.HasPrefix(name, "charts/") {
			url = ""
		}
		return out, url
	}
}

// pngOf reports whether the charts of p get PNG copies: those of every
// article do. Feed entries and social cards show a chart as its PNG, and
// so do the chart's own page (its og:image) and the article's email
// edition, which every article has; charts.png ("feeds" or "all") no
// longer narrows it.
func (b *builder) pngOf(p *site.Page) bool {
	return p.Index < len(b.site.Articles) && b.site.Articles[p.Index] == p
}

// dataUse is a data name a page's figures read, the file it resolved to,
// and that file's SHA-256 (hex).
type dataUse struct{ Name, Path, Sum string }

// lockUse is the Name of the dataUse that stands for figures.lock, whose
// Sum is lockSum's: a page's figures read the lock as they read data.
const lockUse = "\x00" + lock.File

// dataUses returns the data the figures fig of the page at file read, for
// sameData to check later; false when a name no longer resolves as it did.
func (b *builder) dataUses(file string, fig *figure.Page) ([]dataUse, bool) {
	if fig == nil {
		return nil, true
	}
	var out []dataUse
	for _, u := range fig.Uses() {
		path, sum, err := b.figures.DataSum(u.Name, file)
		if err != nil || path != u.Path {
			return nil, false
		}
		out = append(out, dataUse{u.Name, path, sum})
	}
	if s := b.lockSum(file); s != "" {
		out = append(out, dataUse{lockUse, lock.File, s})
	}
	return out, true
}

// sameData reports whether each data name of uses still resolves, for the
// page at file, to the same file with the same content: the page's figures
// would read the same data. A CSV added nearer the page, which a name now
// finds first, is a change.
func (b *builder) sameData(file string, uses []dataUse) bool {
	for _, u := range uses {
		if b.figures == nil {
			return false
		}
		if u.Name == lockUse {
			if u.Sum != b.lockSum(file) {
				return false
			}
			continue
		}
		path, sum, err := b.figures.DataSum(u.Name, file)
		if err != nil || path != u.Path || sum != u.Sum {
			return false
		}
	}
	return true
}
