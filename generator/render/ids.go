package render

// PageIDs returns the ids the built-in theme's templates give elements of
// a page (the skip link's target main, the contents' toc-title, the
// related articles' related…). An article's or page's heading never takes
// one of them: "## Main" is #main-1. A theme that adds ids of its own
// should give them a name no heading makes, such as one with a capital
// letter or a prefix like "ts-": a heading's id is in lower case, made of
// letters, digits, "-" and "_".
func PageIDs() []string {
	return []string{
		"chart-about", "chart-embed", "disclosures", "feeds-title", "figure-notes", "main",
		"related", "revisions", "search", "search-q", "term-charts", "toc-title", "used-by",
	}
}
