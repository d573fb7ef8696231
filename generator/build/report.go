package build

import (
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/term"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Summary is the one line a build prints: "1,000 articles, 3 pages, 1,112
// files in 24ms", with the charts when there are any.
func (r *Result) Summary() string {
	articles := term.Count(r.Articles, "article", "articles")
	var notes []string
	if r.Reused > 0 {
		notes = append(notes, term.Thousands(r.Reused)+" unchanged")
	}
	if l := r.leftOut(); l != "" {
		notes = append(notes, l)
	}
	if len(notes) > 0 {
		articles += " (" + strings.Join(notes, "; ") + ")"
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

// leftOut counts what the build left out, "1 draft, 2 scheduled left
// out", so that an author whose article is missing sees why in the line
// every build prints; "" when nothing was.
func (r *Result) leftOut() string {
	var n [site.Expired + 1]int
	for _, l := range r.Left {
		n[l.Why]++
	}
	var parts []string
	if n[site.Draft] > 0 {
		parts = append(parts, term.Count(n[site.Draft], "draft", "drafts"))
	}
	if n[site.Scheduled] > 0 {
		parts = append(parts, term.Thousands(n[site.Scheduled])+" scheduled")
	}
	if n[site.Expired] > 0 {
		parts = append(parts, term.Thousands(n[site.Expired])+" expired")
	}
	if parts == nil {
		return ""
	}
	return strings.Join(parts, ", ") + " left out"
}
