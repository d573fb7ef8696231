package build

import (
	"context"
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/output"
)

// TestSitemapSplit: a site with more URLs than one sitemap may hold gets a
// sitemap index at sitemap.xml, which robots.txt names as before, naming
// sitemap-1.xml, sitemap-2.xml… beside it; they list every URL of the
// single sitemap, in order, none over the limit, and every other file is
// as it was.
func TestSitemapSplit(t *testing.T) {
	fsys := exampleFS(t)
	whole, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := sitemapLocs(t, whole)
	limit := (len(want) + 2) / 3
	split, _, err := buildMem(t, fsys, Options{sitemapURLs: limit})
	if err != nil {
		t.Fatal(err)
	}
	robots := string(mustGet(t, split, "robots.txt"))
	if robots != string(mustGet(t, whole, "robots.txt")) || !strings.Contains(robots, "Sitemap: https://tearsheet.github.io/tearsheet/sitemap.xml\n") {
		t.Errorf("robots.txt of the split sitemap:\n%s", robots)
	}
	parts := sitemapIndex(t, split)
	var got []string
	for k, loc := range parts {
		name := fmt.Sprintf("sitemap-%d.xml", k+1)
		if loc != "https://tearsheet.github.io/tearsheet/"+name {
			t.Errorf("the index names %s as sitemap %d, want %s", loc, k+1, name)
		}
		locs := sitemapLocs(t, onlyFile(t, split, name))
		if len(locs) == 0 || len(locs) > limit {
			t.Errorf("%s lists %d URLs, want 1 to %d", name, len(locs), limit)
		}
		got = append(got, locs...)
	}
	if len(parts) != 3 || !slices.Equal(got, want) {
		t.Errorf("%d sitemaps list %d URLs, want 3 listing the %d of the single sitemap, in order", len(parts), len(got), len(want))
	}
	for _, name := range whole.Names() {
		if a, b := mustGet(t, whole, name), mustGet(t, split, name); name != "sitemap.xml" && string(a) != string(b) {
			t.Errorf("%s differs once the sitemap is split", name)
		}
	}
	if n := split.Len() - whole.Len(); n != 3 {
		t.Errorf("the split site has %d files more, want the 3 sitemaps", n)
	}
}

// TestSitemapSplitSession: a Session whose quick builds take a chart out of
// an article, leaving one URL fewer than the limit, then put it back, has
// the files a fresh build has each time: the sitemaps go, then come back.
func TestSitemapSplitSession(t *testing.T) {
	fsys := exampleFS(t)
	whole, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: fixedNow, sitemapURLs: len(sitemapLocs(t, whole)) - 1}
	s := NewSession(fsys, opts)
	if _, _, err := s.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	const post = "content/posts/cape-through-150-years.md"
	src := fsys[post].Data
	charts := regexp.MustCompile("(?s)\n```chart\n.*?\n```\n").FindAllIndex(src, -1)
	last := charts[len(charts)-1]
	without := slices.Concat(src[:last[0]], src[last[1]:])
	for _, step := range []struct {
		what  string
		data  []byte
		parts int
	}{{"a chart taken out", without, 0}, {"the chart put back", src, 2}} {
		fsys[post] = &fstest.MapFile{Data: step.data}
		_, got, err := s.Build(context.Background(), []string{post})
		if err != nil {
			t.Fatalf("%s: %v", step.what, err)
		}
		if !s.quick {
			t.Errorf("%s: the build was not quick", step.what)
		}
		fresh, _, err := buildMem(t, fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		sameOutput(t, step.what, got, fresh)
		n := 0
		for _, name := range got.Names() {
			if strings.HasPrefix(name, "sitemap-") {
				n++
			}
		}
		if n != step.parts {
			t.Errorf("%s: %d sitemaps beside sitemap.xml, want %d", step.what, n, step.parts)
		}
	}
}

// sitemapIndex returns the addresses of the sitemaps sitemap.xml names as
// a sitemap index, in order.
func sitemapIndex(t *testing.T, mem *output.Memory) []string {
	t.Helper()
	var idx struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(mustGet(t, mem, "sitemap.xml"), &idx); err != nil {
		t.Fatalf("sitemap.xml is no sitemap index: %v", err)
	}
	var locs []string
	for _, s := range idx.Sitemaps {
		locs = append(locs, s.Loc)
	}
	return locs
}

// onlyFile returns a Memory that holds the file name of mem as sitemap.xml,
// for sitemapLocs.
func onlyFile(t *testing.T, mem *output.Memory, name string) *output.Memory {
	t.Helper()
	m := output.NewMemory()
	if err := m.WriteFile("sitemap.xml", mustGet(t, mem, name)); err != nil {
		t.Fatal(err)
	}
	return m
}
