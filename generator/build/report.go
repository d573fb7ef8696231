package build

import (
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// Summary is the one line a build prints: "1,000 articles, 3 pages, 1,112
// files in 24ms", with the charts when there are any.
func (r *Result) Summary() string {
	articles := term.Count(r.Articles, "article", "articles")
	if r.Reused > 0 {
		articles += " (" + term.Thousands(r.Reused) + " unchanged)"
	}
	parts := []string{
		articles,
		term.Count(r.Pages, "page", "pages"),
		term.Count(r.Files, "file", "files"),
	}
	if r.Output != "" {
		parts[len(parts)-1] += " (" + r.Output + ")"
	}
	if c := r.Charts; c.Rendered > 0 || c.Cached > 0 {
		parts = append(parts, term.Count(c.Rendered, "chart", "charts")+" rendered, "+term.Thousands(c.Cached)+" cached")
	}
	if c := r.Charts; c.PNGRendered > 0 || c.PNGCached > 0 {
		parts = append(parts, term.Count(c.PNGRendered, "PNG", "PNGs")+" rendered, "+term.Thousands(c.PNGCached)+" cached")
	}
	if r.Data != "" {
		parts = append(parts, "data: "+r.Data)
	}
	return strings.Join(parts, ", ") + " in " + r.Duration.Round(time.Millisecond).String()
}
