package figure

import (
	"path"

	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// A page's list of its inline figures ("Figures in this article"): each
// figure as the page shows it, with where it comes from, so that a
// reader on a phone, on paper or in a feed, where the figure's tooltip
// does not show, can trace the number to its data.

// Note is an inline figure of a page as the page shows it: what a reader
// needs to trace it (the page's list of its figures).
type Note struct {
	Expr  string          // as written between {{ and }}
	Text  string          // the text shown
	Title string          // where it comes from: "Computed from …, data through …"
	Data  render.LinkView // the data it is computed from, published: its catalogue page or the file beside the page; empty when not published
}

// Notes lists the page's inline figures in the order the text has them,
// each expression once: those the converter found (not those in code).
func (p *Page) Notes() []Note { return p.notes }

// Show records that the page shows text for the inline figure expr rather
// than the text Inline gave (figures.lock's value at publication beside
// the current one).
func (p *Page) Show(expr, text string) {
	for i := range p.notes {
		if p.notes[i].Expr == expr {
			p.notes[i].Text = text
		}
	}
}

// Exprs lists the expressions of the page's inline figures, in the order
// the text has them, each once, as the converter passed them to Inline.
func (p *Page) Exprs() []string {
	out := make([]string, len(p.notes))
	for i, n := range p.notes {
		out[i] = n.Expr
	}
	return out
}

// dataLink links the data resolved to the file at src where the site
// publishes it: the catalogue page of dataset, the dataset of site.yaml
// the data is (Source.Dataset, also when named by its file's path), or a
// file of the page's bundle beside the page; empty when it is neither.
func (p *Page) dataLink(dataset, src string) render.LinkView {
	if dataset != "" {
		return render.LinkView{Name: dataset, URL: p.set.cfg.RelURL(site.DatasetPath(dataset))}
	}
	for out, from := range p.taken {
		if from == src {
			_, url := p.place(path.Base(out))
			return render.LinkView{Name: path.Base(src), URL: url}
		}
	}
	return render.LinkView{}
}
