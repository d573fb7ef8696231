package search

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzIndex indexes two articles of any title, tags, summary and text:
// every file of the index is valid JSON, the manifest names its shards and
// article lists, each shard holds its first term, and an Indexer that
// indexed the first article alone gives the bytes of a fresh Index of both.
func FuzzIndex(f *testing.F) {
	f.Add("CAPE and the 10-year yield", "valuation,monetary policy", "Since 1960, high yields went with low multiples.", "Two series, one chart", "The chart below plots the CAPE and the 10-year yield\u2009—\u00a0on separate axes.")
	f.Add("\"<script>\"", "a\x00b,\ufffd", "", "", "\xff\xfe \u0130stanbul İ ß ﬁ ǅ")
	f.Add("", "", "x", "h", strings.Repeat("word ", 2000))
	f.Fuzz(func(t *testing.T, title, tags, summary, heading, text string) {
		if len(title)+len(tags)+len(summary)+len(heading)+len(text) > 1<<16 {
			return
		}
		a := Prepare(Doc{URL: "/a/", Title: title, Date: "2024-01-01", Tags: strings.Split(tags, ","), Summary: summary,
			Sections: []Section{{Text: text}, {Anchor: "h", Heading: heading, Text: summary}}})
		b := Prepare(Doc{URL: "/b/", Title: text, Date: "2024-01-02", Tags: []string{heading}, Sections: []Section{{Text: title}}})
		files := Index([]*Prepared{a, b})
		byName := map[string][]byte{}
		for _, fl := range files {
			if !json.Valid(fl.Data) || !utf8.Valid(fl.Data) {
				t.Fatalf("%s is not valid JSON: %q", fl.Name, fl.Data)
			}
			byName[fl.Name] = fl.Data
		}
		var man struct{ First, Shards, Lists []string }
		if err := json.Unmarshal(byName["index.json"], &man); err != nil {
			t.Fatal(err)
		}
		if len(man.First) != len(man.Shards) {
			t.Fatalf("%d first terms, %d shards", len(man.First), len(man.Shards))
		}
		for i, name := range append(man.Shards, man.Lists...) {
			data, ok := byName[name]
			if !ok {
				t.Fatalf("the manifest names %s, which the index lacks", name)
			}
			if i >= len(man.Shards) {
				continue
			}
			var shard map[string]json.RawMessage
			if err := json.Unmarshal(data, &shard); err != nil {
				t.Fatal(err)
			}
			if _, ok := shard[man.First[i]]; !ok {
				t.Errorf("shard %d lacks its first term %q", i, man.First[i])
			}
		}
		var ix Indexer
		ix.Index([]*Prepared{a})
		again := ix.Index([]*Prepared{a, b})
		if len(again) != len(files) {
			t.Fatalf("the Indexer made %d files, Index %d", len(again), len(files))
		}
		for i := range files {
			if again[i].Name != files[i].Name || string(again[i].Data) != string(files[i].Data) {
				t.Fatalf("the Indexer's %s differs from Index's %s", again[i].Name, files[i].Name)
			}
		}
	})
}
