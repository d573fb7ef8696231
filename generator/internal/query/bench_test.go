package query

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// siteKinds are queries shaped like a site's: front is a file's first
// line (its front matter), layout every front of the folder, doc the rest
// of a file, page an article's page (its doc and the layout).
func siteKinds() (defs []Definition, layout, page *Kind[string]) {
	str := func(v string) []byte { return []byte(v) }
	dec := func(_ *Ctx, _ string, b []byte) (string, error) { return string(b), nil }
	front := &Kind[string]{Name: "front", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		b, err := c.Read(arg)
		head, _, _ := strings.Cut(string(b), "\n")
		return head, err
	}}
	layout = &Kind[string]{Name: "layout", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		list, err := c.List(arg)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		for _, e := range list {
			f, err := Get(c, front, arg+"/"+e.Name)
			if err != nil {
				return "", err
			}
			b.WriteString(e.Name + " " + f + "\n")
		}
		return b.String(), nil
	}}
	doc := &Kind[string]{Name: "doc", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		b, err := c.Read(arg)
		_, body, _ := strings.Cut(string(b), "\n")
		return strings.ToUpper(body), err
	}}
	page = &Kind[string]{Name: "page", Encode: str, Decode: dec, Compute: func(c *Ctx, arg string) (string, error) {
		if _, err := Get(c, layout, "posts"); err != nil {
			return "", err
		}
		d, err := Get(c, doc, arg)
		return "<main>" + d + "</main>", err
	}}
	return []Definition{front, layout, doc, page}, layout, page
}

// benchSite is a store of a site of n articles made by siteKinds, and
// build, which builds it: the layout, then every article's page.
func benchSite(b *testing.B, n int) (fsys fstest.MapFS, s *Store, build func(changed []string)) {
	fsys = fstest.MapFS{}
	for i := range n {
		fsys[fmt.Sprintf("posts/%05d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("title: Note %d\nSome text of note %d.", i, i))}
	}
	defs, layout, page := siteKinds()
	s = NewStore(fsys, defs...)
	build = func(changed []string) {
		c := s.Begin(changed)
		lay, err := Get(c, layout, "posts")
		if err != nil {
			b.Fatal(err)
		}
		for line := range strings.Lines(lay) {
			name, _, _ := strings.Cut(line, " ")
			if _, err := Get(c, page, "posts/"+name); err != nil {
				b.Fatal(err)
			}
		}
		s.End(true)
	}
	build(nil)
	return fsys, s, build
}

// BenchmarkStoreEdit10k measures a build of a site of 10,000 articles
// after one article's text changed, in a store kept from build to build:
// every page is checked (its reads: the layout, checked once, and its doc,
// whose file the watcher did not name), one doc and one page run again,
// and the layout's front runs again with the same sum (early cutoff).
func BenchmarkStoreEdit10k(b *testing.B) {
	fsys, s, build := benchSite(b, 10000)
	b.ResetTimer()
	for i := range b.N {
		p := "posts/00007.md"
		fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprintf("title: Note 7\nEdit %d.", i))}
		build([]string{p})
		if s.Runs("page") != 1 || s.Runs("layout") != 0 {
			b.Fatalf("ran %d pages, %d layouts", s.Runs("page"), s.Runs("layout"))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(s.Len()), "results")
	b.ReportMetric(float64(len(s.Save("v"))), "saved-bytes")
}

// BenchmarkStoreSaveLoad10k measures saving the store of a site of 10,000
// articles after a build, and loading it back, as tearsheet build would
// around a build.
func BenchmarkStoreSaveLoad10k(b *testing.B) {
	fsys, s, _ := benchSite(b, 10000)
	defs, _, _ := siteKinds()
	b.ResetTimer()
	for b.Loop() {
		if err := NewStore(fsys, defs...).Load(s.Save("v"), "v"); err != nil {
			b.Fatal(err)
		}
	}
}
