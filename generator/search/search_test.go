package search

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestSections(t *testing.T) {
	body := `<p>The <em>Russell</em>&nbsp;2000 lagged &amp; more.</p>
<h2 id="why">Why <code>rates</code> bite</h2><p>Floating-rate<br>debt.</p>
<figure class="figure" id="chart-1" aria-labelledby="chart-1-title">
  <figcaption class="figure__head"><p class="figure__title" id="chart-1-title">Small versus large</p>
  <p class="figure__subtitle">Index levels</p></figcaption>
  <div class="figure__chart"><svg viewBox="0 0 10 10"><title>drawn text</title><text>1.0</text></svg></div>
  <span class="figure__meta">Source: FRED. <span class="figure__links" data-nosearch><span class="keep"><a href="/x/chart-1.csv" download>Download the data (CSV)</a>&nbsp;·</span> <span class="keep"><a href="/x/chart-1.png">Image (PNG)</a>&nbsp;·</span> <a href="/x/charts/chart-1/">Chart page</a></span></span>
  <details><summary>Summary and data table</summary>
  <p class="figure__summary">Line chart of 2 series.</p>
  <div class="figure__table"><table><tr><td>109.6</td></tr></table></div></details>
</figure>
<!-- a comment <h2 id="no">x</h2> -->
<h3 id="a&amp;b" class="x">Nested <span>heading</span></h3><p>1 < 2</p>`
	got := Sections(body)
	want := []Section{
		{Text: "The Russell 2000 lagged & more."},
		{Anchor: "why", Heading: "Why rates bite", Text: "Floating-rate debt."},
		{Anchor: "chart-1", Heading: "Small versus large", Text: "Index levels Source: FRED. Line chart of 2 series."},
		{Anchor: "a&b", Heading: "Nested heading", Text: "1 < 2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sections:\n got %q\nwant %q", got, want)
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"Résumé: S&P-500, Volcker's ÉTÉ": {"resume", "s", "p", "500", "volcker", "s", "ete"},
		// Letters and digits side by side are two words, so that
		// "S&P500" and "S&P 500" are the same words.
		"S&P500 and S&P 500":    {"s", "p", "500", "and", "s", "p", "500"},
		"Q3 2024, 10y, COVID19": {"q", "3", "2024", "10", "y", "covid", "19"},
		"Ñandú2020 é3":          {"nandu", "2020", "e", "3"},
	} {
		if got := Words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPairs reads the index of articles that write S&P 500 with and
// without the space, one with an s, a p and a 500 apart (a dataset
// package's "s-and-p-500", the Fed's, a P/E), and one with none: the
// pairs "s p" and "p 500" are indexed for the first two only, so a query
// of S&P 500 (its words and its pairs, as js/search.js looks them up)
// finds those two and not the third, and pairs are indexed only where a
// single letter stands beside a short word or a number.
func TestPairs(t *testing.T) {
	docs := []*Prepared{
		Prepare(Doc{URL: "/spaced/", Title: "Breadth", Sections: []Section{{Text: "The S&P 500 rose."}}}),
		Prepare(Doc{URL: "/joined/", Title: "Breadth", Sections: []Section{{Text: "The S&P500 rose."}}}),
		Prepare(Doc{URL: "/apart/", Title: "Rates", Sections: []Section{{Text: "From the s-and-p-500 data package, the Fed's data and a P/E of 20."}}}),
		Prepare(Doc{URL: "/none/", Title: "Credit", Tags: []string{"Spreads"}, Sections: []Section{{Text: "Spreads widened in a week."}}}),
	}
	shard := map[string][][]int{}
	byName := map[string][]byte{}
	for _, f := range Index(docs) {
		byName[f.Name] = f.Data
	}
	var man struct{ Shards []string }
	if err := json.Unmarshal(byName["index.json"], &man); err != nil {
		t.Fatal(err)
	}
	for _, name := range man.Shards {
		if err := json.Unmarshal(byName[name], &shard); err != nil {
			t.Fatal(err)
		}
	}
	docsOf := func(term string) []int {
		var out []int
		for _, p := range shard[term] {
			out = append(out, p[0])
		}
		return out
	}
	// A query's lookups: every word and every pair.
	found := func(q string) []int {
		ws := Words(q)
		terms := slices.Clone(ws)
		for i := 1; i < len(ws); i++ {
			if Joined([]byte(ws[i-1]), []byte(ws[i])) {
				terms = append(terms, ws[i-1]+" "+ws[i])
			}
		}
		var out []int
	doc:
		for d := range docs {
			for _, term := range terms {
				if !slices.Contains(docsOf(term), d) {
					continue doc
				}
			}
			out = append(out, d)
		}
		return out
	}
	for _, q := range []string{"S&P 500", "S&P500", "s&p 500"} {
		if got := found(q); !slices.Equal(got, []int{0, 1}) {
			t.Errorf("%q finds docs %v, want [0 1] (the S&P 500 written with and without the space)", q, got)
		}
	}
	if got := docsOf("s"); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("s is in docs %v, want [0 1 2]", got)
	}
	// Pairs are few: a single letter beside a short word or a number.
	var pairs []string
	for term := range shard {
		if strings.Contains(term, " ") {
			pairs = append(pairs, term)
		}
	}
	slices.Sort(pairs)
	if want := []string{"a p", "e of", "in a", "p 500", "p e", "s p"}; !slices.Equal(pairs, want) {
		t.Errorf("pairs indexed: %q, want %q", pairs, want)
	}
}

// TestIndex reads the files Index makes: a title match outranks many
// body matches, postings name the sections best first, and the files
// parse.
func TestIndex(t *testing.T) {
	body := strings.Repeat("volcker ", 40)
	docs := []*Prepared{
		Prepare(Doc{URL: "/a/", Title: "Rates", Date: "2024-01-02", Sections: []Section{{Text: "intro"}, {Anchor: "h", Heading: "Volcker", Text: body}}}),
		Prepare(Doc{URL: "/b/", Title: "Volcker's disinflation", Date: "2024-01-01", Tags: []string{"Fed"}}),
	}
	files := Index(docs)
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	var man struct {
		Docs          int
		First, Shards []string
		Lists         []string
	}
	if err := json.Unmarshal(byName["index.json"], &man); err != nil || man.Docs != 2 || len(man.Shards) != 1 || len(man.Lists) != 1 {
		t.Fatalf("manifest %s: %v", byName["index.json"], err)
	}
	var shard map[string][][]int
	if err := json.Unmarshal(byName[man.Shards[0]], &shard); err != nil {
		t.Fatal(err)
	}
	v := shard["volcker"]
	if len(v) != 2 || v[0][0] != 0 || v[1][0] != 1 {
		t.Fatalf("volcker: %v", v)
	}
	// Doc 0: heading 10 + text capped at 30; doc 1: title 100.
	if v[0][1] != headScore+textMax || v[1][1] != titleScore || len(v[0]) != 3 || v[0][2] != 1 || len(v[1]) != 2 {
		t.Errorf("volcker postings: %v", v)
	}
	if f := shard["fed"]; len(f) != 1 || f[0][1] != tagScore {
		t.Errorf("fed (a tag): %v", f)
	}
	var list [][4]string
	if err := json.Unmarshal(byName[man.Lists[0]], &list); err != nil || list[1][1] != "Volcker's disinflation" {
		t.Fatalf("list %s: %v", byName[man.Lists[0]], err)
	}
	type fragment struct {
		URL      string
		Terms    []string
		Sections [][3]string
	}
	var frag fragment
	if err := json.Unmarshal(byName[list[0][3]], &frag); err != nil || frag.URL != "/a/" || frag.Sections[1][0] != "h" || frag.Terms != nil {
		t.Errorf("fragment %s: %v", byName[list[0][3]], err)
	}
	// A fragment lists the article's terms, so a result found by a tag
	// alone can show it.
	var tagged fragment
	if err := json.Unmarshal(byName[list[1][3]], &tagged); err != nil || !slices.Equal(tagged.Terms, []string{"Fed"}) {
		t.Errorf("fragment %s: %v; want its terms [Fed]", byName[list[1][3]], err)
	}
	// The same docs give the same bytes.
	if again := Index(docs); !reflect.DeepEqual(again, files) {
		t.Error("Index is not deterministic")
	}
}

// TestShards: terms are split into shards in order, each starting with
// the term the manifest names.
func TestShards(t *testing.T) {
	var docs []*Prepared
	for i := range 300 {
		var b strings.Builder
		for k := range 200 {
			b.WriteString("w")
			b.WriteString(strings.Repeat("x", k%7))
			b.WriteString(string(rune('a' + (i+k)%26)))
			b.WriteString(string(rune('a' + k%26)))
			b.WriteString(" ")
		}
		docs = append(docs, Prepare(Doc{URL: "/", Title: "t", Sections: []Section{{Text: b.String()}}}))
	}
	files := Index(docs)
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	var man struct{ First, Shards, Lists []string }
	if err := json.Unmarshal(byName["index.json"], &man); err != nil {
		t.Fatal(err)
	}
	if len(man.Shards) < 3 || len(man.Lists) != 2 {
		t.Fatalf("%d shards, %d lists", len(man.Shards), len(man.Lists))
	}
	prev := ""
	for i, name := range man.Shards {
		data := byName[name]
		if len(data) > ShardBytes+2 {
			t.Errorf("%s: %d bytes", name, len(data))
		}
		var shard map[string]json.RawMessage
		if err := json.Unmarshal(data, &shard); err != nil {
			t.Fatal(err)
		}
		for term := range shard {
			if term < man.First[i] || term <= prev || (i+1 < len(man.First) && term >= man.First[i+1]) {
				t.Errorf("term %q in shard %d (first %q)", term, i, man.First[i])
			}
		}
		if _, ok := shard[man.First[i]]; !ok {
			t.Errorf("shard %d lacks its first term %q", i, man.First[i])
		}
		prev = man.First[i]
	}
}

func FuzzSections(f *testing.F) {
	f.Add(`<p>a<h2 id="x">b</h2><svg><svg></svg></svg>c<table`)
	f.Add(`<a href='x>y'>t</a><!-- <`)
	f.Fuzz(func(t *testing.T, s string) {
		for _, sec := range Sections(s) {
			_ = Prepare(Doc{Sections: []Section{sec}})
		}
	})
}

// TestIndexer: after each change (some articles edited, then one added),
// an Indexer that indexed the earlier docs gives the bytes of a fresh
// Index.
func TestIndexer(t *testing.T) {
	vocab := strings.Fields("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega")
	doc := func(i, rev int) *Prepared {
		var b strings.Builder
		for k := range 400 {
			b.WriteString(vocab[(i*7+k*k+rev*3)%len(vocab)])
			fmt.Fprintf(&b, "%d ", (i+k+rev)%97)
		}
		if rev == 6 {
			// Its words of revision 5, and a tail of one of them: the same
			// terms, scored otherwise.
			b.Reset()
			for k := range 400 {
				b.WriteString(vocab[(i*7+k*k+5*3)%len(vocab)])
				fmt.Fprintf(&b, "%d ", (i+k+5)%97)
			}
			b.WriteString(strings.Repeat(vocab[(i*7+5*3)%len(vocab)]+fmt.Sprint((i+5)%97)+" ", 300))
		}
		return Prepare(Doc{URL: fmt.Sprintf("/%d/", i), Title: vocab[(i+rev)%len(vocab)], Sections: []Section{{Text: b.String()}, {Anchor: "h", Heading: vocab[rev%len(vocab)]}}})
	}
	docs := make([]*Prepared, 600)
	for i := range docs {
		docs[i] = doc(i, 0)
	}
	var ix Indexer
	ix.Index(docs)
	for rev := 1; rev <= 6; rev++ {
		docs = slices.Clone(docs)
		// Three docs, then one (revisions 5 and 6): a term only it
		// changes has its entry spliced rather than encoded again.
		changed := []int{rev * 5, rev * 131, 599 - rev}
		if rev > 4 {
			changed = []int{250}
		}
		for _, i := range changed {
			docs[i] = doc(i, rev)
		}
		if rev == 4 {
			docs = append(docs, doc(600, 0))
		}
		got, want := ix.Index(docs), Index(docs)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("revision %d: the Indexer's %d files differ from Index's %d", rev, len(got), len(want))
		}
	}
}

// TestIndexerSplice changes one doc at a time, each time the score of a
// term every doc has, so that the Indexer splices that term's entry again
// and again, at postings after one whose length changed.
func TestIndexerSplice(t *testing.T) {
	doc := func(i, times int) *Prepared {
		text := strings.Repeat("common ", times) + fmt.Sprintf("own%d plain words here", i)
		return Prepare(Doc{URL: fmt.Sprintf("/%d/", i), Title: fmt.Sprint("Doc ", i), Sections: []Section{{Text: text}}})
	}
	docs := make([]*Prepared, 8)
	for i := range docs {
		docs[i] = doc(i, 1)
	}
	var ix Indexer
	ix.Index(docs)
	for step, c := range []struct{ i, times int }{{2, 40}, {3, 2}, {5, 90}, {2, 1}, {6, 7}, {7, 300}, {3, 1}} {
		docs = slices.Clone(docs)
		docs[c.i] = doc(c.i, c.times)
		got, want := ix.Index(docs), Index(docs)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d (doc %d): the Indexer's files differ from Index's", step, c.i)
		}
	}
}

// TestIndexerFragments checks the Indexer's fragment files against
// Index's as docs change, as two docs share one fragment (the same URL
// and text) and one of them changes, and as a fragment is taken after an
// index was made (TakeFragment).
func TestIndexerFragments(t *testing.T) {
	doc := func(url, text string) *Prepared {
		return Prepare(Doc{URL: url, Title: "T", Sections: []Section{{Text: text}}})
	}
	docs := []*Prepared{doc("/a/", "one two"), doc("/b/", "two three"), doc("/b/", "two three"), doc("/c/", "three four"), doc("/d/", "four five")}
	var ix Indexer
	ix.Index(docs)
	steps := []func(){
		func() { docs[2] = doc("/b2/", "two three more") }, // /b/'s fragment stays: docs[1] has it
		func() { docs[1] = doc("/b/", "two three again") }, // now it goes
		func() { docs[3].TakeFragment() },                  // taken: left out
		func() { docs[0] = doc("/a/", "one two") },         // the same fragment again, from a new doc
	}
	for i, step := range steps {
		docs = slices.Clone(docs)
		step()
		got, want := ix.Index(docs), Index(docs)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: the Indexer's files differ from Index's:\n%v\n%v", i, names(got), names(want))
		}
	}
}

func names(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}
