package content

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// ExampleChart is the data the commented-out chart block of a new article
// draws: a dataset of site.yaml (or a CSV file) and one of its columns, so
// that removing the comment markers gives a chart that builds. The zero
// value names a CSV file beside the article that the author adds.
type ExampleChart struct {
	Data, Column string
}

// NewFile returns the path and the text of a new article (kind Article:
// content/posts/SLUG/index.md, a bundle so data and images can sit beside
// it) or page (kind Page: content/SLUG.md) titled title, as `tearsheet new`
// writes it: front matter with the title, the date (articles), draft: true
// and no tags, then a skeleton with a commented-out example chart block
// drawing ex. date is written as a calendar day in its own location.
func NewFile(kind Kind, title string, date time.Time, ex ExampleChart) (string, []byte, error) {
	title = strings.TrimSpace(title)
	if title == "" || strings.ContainsAny(title, "\r\n") {
		return "", nil, fmt.Errorf("the title must be one line of text, such as \"Small caps and rates\"")
	}
	if strings.Contains(title, "{{") {
		// As Parse refuses it: front matter is not computed.
		return "", nil, fmt.Errorf("title %q holds {{, which front matter does not compute, so the braces would be published as written: write the number itself, or say it in the article's text, where {{ }} makes a figure from the data", title)
	}
	slug := cutSlug(Slugify(title), maxNewSlug)
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
		b.WriteString(articleSkeleton(ex))
	} else {
		b.WriteString("Write the page here.\n")
	}
	return p, []byte(b.String()), nil
}

// maxNewSlug is the longest slug, in bytes, that NewFile makes of a
// title: a longer one is cut at a dash, so a title of many words (or of
// letters of several bytes each) still makes a folder name and a URL.
const maxNewSlug = 80

// cutSlug returns slug cut to at most n bytes: at its last dash within
// them, else at the last whole letter.
func cutSlug(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	if i := strings.LastIndexByte(slug[:n+1], '-'); i > 0 {
		return slug[:i]
	}
	for n > 0 && !utf8.RuneStart(slug[n]) {
		n--
	}
	return slug[:n]
}

// articleSkeleton is the body of a new article, its example chart drawing ex.
func articleSkeleton(ex ExampleChart) string {
	where := "A chart drawn at build time from a dataset of site.yaml, or a CSV file in\n" +
		"content/data/ or beside this file. Remove the comment markers around the\n" +
		"block to show it."
	if ex.Data == "" {
		ex = ExampleChart{Data: "prices.csv", Column: "close"}
		where = "A chart drawn at build time from prices.csv, a CSV file to put beside this\n" +
			"file with a date column and a column close (or name a dataset of site.yaml,\n" +
			"or a CSV file in content/data/). Remove the comment markers around the\n" +
			"block to show it."
	}
	yq := func(v string) string { return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"` }
	return `The opening paragraph: it is the summary in lists and feeds.

<!--more-->

## The data

Write the argument here. Remove "draft: true" above to publish.

<!--
` + where + `

` + "```chart" + `
data: ` + yq(ex.Data) + `
series:
  - column: ` + yq(ex.Column) + `
    label: ` + yq(ex.Column) + `
range: 10y
title: ` + yq("The last ten years of "+ex.Column) + `
` + "```" + `
-->
`
}
