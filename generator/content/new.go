package content

import (
	"fmt"
	"path"
	"strings"
	"time"
)

// NewFile returns the path and the text of a new article (kind Article:
// content/posts/SLUG/index.md, a bundle so data and images can sit beside
// it) or page (kind Page: content/SLUG.md) titled title, as `tearsheet new`
// writes it: front matter with the title, the date (articles), draft: true
// and no tags, then a skeleton with a commented-out example chart block.
// date is written as a calendar day in its own location.
func NewFile(kind Kind, title string, date time.Time) (string, []byte, error) {
	title = strings.TrimSpace(title)
	if title == "" || strings.ContainsAny(title, "\r\n") {
		return "", nil, fmt.Errorf("the title must be one line of text, such as \"Small caps and rates\"")
	}
	slug := Slugify(title)
	if slug == "" {
		return "", nil, fmt.Errorf("title %q has no letters or digits to make a URL from", title)
	}
	q := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(title) + `"`
	var b strings.Builder
	b.WriteString("---\ntitle: " + q + "\n")
	p := path.Join(Dir, slug+".md")
	if kind == Article {
		p = path.Join(Dir, "posts", slug, "index.md")
		b.WriteString("date: " + date.Format("2006-01-02") + "\n")
	}
	b.WriteString("draft: true\n")
	if kind == Article {
		b.WriteString("tags: []\n")
	}
	b.WriteString("---\n")
	if kind == Article {
		b.WriteString(articleSkeleton)
	} else {
		b.WriteString("Write the page here.\n")
	}
	return p, []byte(b.String()), nil
}

const articleSkeleton = `The opening paragraph: it is the summary in lists and feeds.

<!--more-->

## The data

Write the argument here. Remove "draft: true" above to publish.

<!--
A chart drawn from a dataset at build time. Files in content/data/ are
shared by all articles; a CSV beside this file is found by its name. Remove
the comment markers around the block to show it.

` + "```chart" + `
data: sp500-shiller-monthly.csv
x: Date
series:
  - column: SP500
    label: "S&P 500"
range: 10y
title: "The S&P 500 over ten years"
` + "```" + `
-->
`
