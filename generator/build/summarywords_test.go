package build

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// TestSummaryWords checks site.yaml's summaryWords on the built pages: a
// summary the markdown makes (the first paragraph) is cut to that many
// words in the meta description, og:description, twitter:description and
// the JSON-LD description, while a summary the front matter gives is kept
// whole, and 0 is no limit.
func TestSummaryWords(t *testing.T) {
	long := "One two three four five six seven eight nine ten eleven twelve."
	base := withArticles(researchFS(t), "small-caps")
	base["content/posts/long-lead.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Long lead\ndate: 2024-03-01\n---\n" + long + "\n\nMore text.\n")}
	base["content/posts/given.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Given\ndate: 2024-03-02\nsummary: \"" + long + "\"\n---\nBody text.\n")}
	base["content/method.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Method\n---\n" + long + "\n")}
	mem, _, err := buildMem(t, withConfig(base, "summaryWords: 5\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	cut := "One two three four five…"
	for _, tc := range []struct {
		page, want string
		ld         bool
	}{
		{"2024/03/long-lead/index.html", cut, true},
		{"2024/03/given/index.html", long, true},
		{"method/index.html", cut, false},
	} {
		doc := parseHTML(t, tc.page, mustGet(t, mem, tc.page))
		got := map[string]string{}
		for _, m := range elements(doc, "meta") {
			if k := attr(m, "name") + attr(m, "property"); strings.HasSuffix(k, "description") {
				got[k] = attr(m, "content")
			}
		}
		for _, k := range []string{"description", "og:description", "twitter:description"} {
			if got[k] != tc.want {
				t.Errorf("%s: %s = %q, want %q", tc.page, k, got[k], tc.want)
			}
		}
		if !tc.ld {
			continue
		}
		var ld struct{ Description string }
		for _, s := range elements(doc, "script") {
			if attr(s, "type") == "application/ld+json" && s.FirstChild != nil && s.FirstChild.Type == html.TextNode {
				if err := json.Unmarshal([]byte(s.FirstChild.Data), &ld); err != nil {
					t.Fatal(err)
				}
			}
		}
		if ld.Description != tc.want {
			t.Errorf("%s: JSON-LD description = %q, want %q", tc.page, ld.Description, tc.want)
		}
	}
	// 0 turns the limit off.
	mem, _, err = buildMem(t, withConfig(base, "summaryWords: 0\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(mustGet(t, mem, "2024/03/long-lead/index.html"))
	mustContain(t, "summaryWords: 0", page, `<meta name="description" content="`+long+`">`)
}
