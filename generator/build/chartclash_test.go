package build

import (
	"strings"
	"testing"
)

// TestChartFilesClash: two charts that would write one file (with a
// permalink ending in .html a chart's files are SLUG-ID.csv beside the
// page, so the chart b-c of article a and the chart c of article a-b
// both make a-b-c.csv), or a chart and a file of static/, are an error
// naming both at their lines and saying what to change, not the
// writer's "output: … written twice", which named neither.
func TestChartFilesClash(t *testing.T) {
	chart := func(id string) string {
		return "\n```chart\ndata: policy\nid: " + id + "\ntitle: T\nseries:\n  - column: rate\n```\n"
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"two charts", map[string]string{
			"content/posts/a.md":   "---\ntitle: A\ndate: 2024-02-01\n---\nText.\n" + chart("b-c"),
			"content/posts/a-b.md": "---\ntitle: AB\ndate: 2024-02-02\n---\nText.\n" + chart("c"),
		}, "content/posts/a-b.md:7: chart: output 2024/02/a-b-c.csv is also written by the chart at content/posts/a.md:7: give one of the charts another id"},
		{"static file", map[string]string{
			"content/posts/a.md":     "---\ntitle: A\ndate: 2024-02-01\n---\nText.\n" + chart("b"),
			"static/2024/02/a-b.csv": "x\n",
		}, "static/2024/02/a-b.csv: output 2024/02/a-b.csv is also written by the chart at content/posts/a.md:7: rename or move the file, or give the chart another id"},
		// Two articles at one URL: the layout's error, naming the slug
		// to change, and not one of each of their charts too.
		{"one URL", map[string]string{
			"content/posts/a.md": "---\ntitle: A\ndate: 2024-02-01\n---\nText.\n" + chart("b"),
			"content/posts/z.md": "---\ntitle: Z\ndate: 2024-02-01\nslug: a\n---\nText.\n" + chart("b"),
		}, "content/posts/z.md:4: output 2024/02/a.html is also written by content/posts/a.md:3: give one of them another slug or date, or change the alias"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := buildMem(t, bundleSite(t, "permalink: /:year/:month/:slug.html\n", tc.files), Options{})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			var got []string
			for _, e := range appendLeaves(nil, err) {
				got = append(got, e.Error())
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}
