package figure

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/render"
)

// FuzzDocument converts an article's markdown, charts and inline figures
// computed from the example site's own datasets, as a build does: it must
// not panic, and every error it reports names the article and a line.
func FuzzDocument(f *testing.F) {
	root := filepath.Join("..", "..")
	src, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	cfg, err := config.Load(bytes.NewReader(src), "site.yaml")
	if err != nil {
		f.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(root, "content", "posts", "*", "index.md"))
	more, _ := filepath.Glob(filepath.Join(root, "content", "posts", "*.md"))
	for _, n := range append(names, more...) {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		if _, body, ok := bytes.Cut(b[3:], []byte("\n---\n")); ok {
			b = body // the body, as the build converts it
		}
		f.Add(b)
	}
	f.Add([]byte("```chart\ndata: sizes\nrange: 2040..\nseries: [small_cap]\n```\n\n{{ shiller.PE10 | range:1881..1881 | cagr }}\n"))
	f.Add([]byte("> - ```chart\n>   data: fedfunds\n>   type: histogram\n>   series: [FEDFUNDS]\n>   ```\n\n| {{ fedfunds.FEDFUNDS | last | percent:2 }} |\n|---|\n"))
	set := NewSet(os.DirFS(root), cfg, Options{Render: func(v *render.FigureView) ([]byte, error) {
		return []byte(fmt.Sprintf("<figure id=%q>%s</figure>", v.ID, v.SVG)), nil
	}})
	const file = "content/posts/small-cap-rally/index.md"
	r := chart.NewRenderer()
	conv := markdown.New(markdown.Options{Typographer: true, BasePath: cfg.BasePath(), MaxBytes: 1 << 16})
	f.Fuzz(func(t *testing.T, body []byte) {
		p := set.Page(file, r, false, func(name string) (string, string) { return "out/" + name, "/out/" + name })
		_, err := conv.Convert(file, 10, body, p)
		if err == nil {
			return
		}
		for _, l := range strings.Split(err.Error(), "\n") {
			rest, ok := strings.CutPrefix(l, file+":")
			if !ok || rest == "" || rest[0] < '1' || rest[0] > '9' {
				t.Errorf("an error does not name %s:LINE: %q", file, l)
			}
		}
	})
}
