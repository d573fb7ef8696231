package build

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/config"
	"golang.org/x/net/html"
)

// TestDataIndexFacts: each entry of /data/ gives its dataset's license,
// as the page's lede promises ("where each comes from, its license, and
// the articles that use it"), and its first and last dates as the
// dataset's own page says them ("2023" for annual data, "September 2023"
// for monthly), not a month of its own making.
func TestDataIndexFacts(t *testing.T) {
	fsys := exampleFS(t)
	cfg, err := config.Load(bytes.NewReader(fsys["site.yaml"].Data), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	index := parseHTML(t, "data/index.html", mustGet(t, mem, "data/index.html"))
	items := findAll(index, func(n *html.Node) bool { return hasClass(n, "data-index__item") })
	names := cfg.DatasetNames()
	if len(items) != len(names) {
		t.Fatalf("/data/ lists %d datasets, want %d", len(items), len(names))
	}
	for i, name := range names {
		lic := cfg.Datasets[name].License
		if txt := text(items[i]); lic == "" || !strings.Contains(txt, "License: "+lic) {
			t.Errorf("/data/ entry of %s: %q lacks its license %q", name, txt, lic)
		}
		// The dataset's page: its dates, by datetime.
		page := parseHTML(t, name, mustGet(t, mem, "data/"+name+"/index.html"))
		said := map[string]string{}
		for _, tm := range findAll(page, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "time" }) {
			said[attr(tm, "datetime")] = text(tm)
		}
		times := elements(items[i], "time")
		if len(times) != 2 {
			t.Errorf("/data/ entry of %s: %d dates, want its first and last", name, len(times))
		}
		for _, tm := range times {
			if want, ok := said[attr(tm, "datetime")]; !ok || text(tm) != want {
				t.Errorf("/data/ entry of %s: date %s reads %q, want %q as its page says it", name, attr(tm, "datetime"), text(tm), want)
			}
		}
	}
}
