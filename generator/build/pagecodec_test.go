package build

import (
	"reflect"
	"testing"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/markdown"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/search"
)

// TestPageEntryCodec checks that a page cache entry reads back as it was
// written, field for field. Every exported field is set, so a field added
// to pageEntry without its encoding fails here; the unexported id is made
// from the others once read.
func TestPageEntryCodec(t *testing.T) {
	e := &pageEntry{
		Out:   "2024/01/a/index.html",
		Key:   key{1, 2, 3},
		Uses:  []dataUse{{"spx", "content/data/spx.csv", "abc"}, {lockUse, "figures.lock", "def"}},
		Files: []output.Kept{{Name: "2024/01/a/index.html", Sum: [32]byte{9}, Size: 1234}, {Name: "2024/01/a/chart-1.png", Size: 5}},
		Doc: markdown.Doc{SummaryHTML: []byte("<p>Sum</p>"), SummaryText: "Sum",
			TOC: []markdown.Heading{{Level: 2, ID: "a", Text: "A"}, {Level: 3, ID: "b", Text: "B"}}, Words: 120, Charts: 2, Inlines: 3},
		FirstPNG:     "/2024/01/a/chart-1.png",
		FirstPNGSize: 4321,
		FirstAlt:     "A line chart of one series.",
		FirstPNGDims: figure.PNGDims{Width: 720, Height: 408, NarrowWidth: 320, NarrowHeight: 386},
		Charts:       []string{"chart-1", "spread"},
		ChartUses:    []figure.ChartUse{{ID: "chart-1", Title: "One", Datasets: []string{"spx"}, Sum: "5eb3"}, {ID: "spread", Datasets: []string{"rut", "spx"}, Sum: "77aa"}},
		Inline:       []string{"rut"},
		Exprs:        []string{"rut.close | last", "rut.close | ytd"},
		Card:         "<article>card</article>",
		Item:         "<li>item</li>",
		Entry:        "<li>entry</li>",
		Feed:         "<p>feed</p>",
		Find:         taken(search.Prepare(search.Doc{URL: "/2024/01/a/", Title: "A title", Tags: []string{"rates"}, Sections: []search.Section{{Heading: "Intro", Text: "text text"}, {Anchor: "b", Heading: "B", Text: "more text"}}})),
		Tickers:      []figure.TickerChart{{ID: "chart-1", Title: "One", Tickers: []string{"SPY", "IWM"}, Line: 12}},
		Cached:       []string{"0123abcd.chart", "0123abcd.png"},
	}
	e.id = e.makeID()
	v := reflect.ValueOf(e).Elem()
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() && v.Field(i).IsZero() {
			t.Fatalf("pageEntry.%s is not set in this test", v.Type().Field(i).Name)
		}
	}
	r := binenc.NewReader(e.encode(nil))
	got := decodeEntry(r)
	if !r.Done() {
		t.Fatal("decodeEntry left bytes, or read too many")
	}
	got.id = got.makeID()
	if !reflect.DeepEqual(got, e) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, e)
	}
	// The index made of the entry read back is the index made of the
	// article prepared afresh.
	fresh := taken(search.Prepare(search.Doc{URL: "/2024/01/a/", Title: "A title", Tags: []string{"rates"}, Sections: []search.Section{{Heading: "Intro", Text: "text text"}, {Anchor: "b", Heading: "B", Text: "more text"}}}))
	if !reflect.DeepEqual(search.Index([]*search.Prepared{got.Find}), search.Index([]*search.Prepared{fresh})) {
		t.Error("the index of the decoded entry differs from the index of the article prepared again")
	}
	// A Prepared cut short is refused, not read as garbage.
	b := e.Find.AppendBinary(nil)
	r = binenc.NewReader(b[:len(b)-1])
	if p := search.ReadPrepared(r); p != nil || !r.Bad() {
		t.Error("a truncated Prepared was read")
	}
}

// taken is p with its fragment taken, as a build keeps it.
func taken(p *search.Prepared) *search.Prepared {
	p.TakeFragment()
	return p
}
