// Package search makes a site's full-text search index: the text of every
// article split into sections (Sections), weighed and written as small
// files that js/search.js fetches on demand.
//
// The index is a folder (search/ under the output) of JSON files:
//
//	index.json       the manifest: the number of articles, the first term of
//	                 each term shard and the names of the shards and of the
//	                 article lists
//	t/HASH.json      a term shard: {"term": [[article, score, section…]…]…} for
//	                 a run of terms in sorted order, about 48 KB at most
//	                 (a term whose postings are larger has a shard of its own)
//	d/HASH.json      articles 256 at a time: [[url, title, date, fragment]…]
//	f/HASH.json      an article's fragment: {"url": …, "terms": [tag…], "sections": [[anchor, heading, text]…]}
//	                 (terms: its tags and other terms, authors, tickers…, as Doc.Tags; left out when none)
//
// HASH is a digest of the file's bytes, so a file whose content is the same
// keeps its name from build to build and caches for ever. A query fetches
// the manifest, the shards holding its words, the article lists of the best
// results and their fragments: at 10,000 articles well under 500 KB.
//
// A term is a word (Words: a run of letters or a run of digits, folded)
// or a pair of words side by side that Joined says is kept together: a
// single letter beside a word of at most two characters or a number,
// written "s p" and "p 500" for "S&P 500" (or "S&P500"). A query of the
// pieces of an abbreviation or a ticker looks up its pairs too, so the
// articles found have them together, not an "s" of "U.S." here and a
// "500" there. Pairs are few: about 1 in 40 postings of a generated
// corpus.
//
// Scores: a word in the title counts 100, in a tag 20, in a heading or chart
// title 10 each (at most 5), in the text 1 each (at most 30). Sections are
// listed best first (a heading match, then the most occurrences), at most 3.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Doc is an article as the index sees it. URL is under the site's base path.
type Doc struct {
	URL, Title, Date string
	Tags             []string // tags and other terms (authors, tickers…): weighed as tags, listed in the fragment
	Summary          string   // the front matter's summary or first paragraph
	Sections         []Section
}

// Prepared is one article made ready for Index: its fragment file and its
// words weighed. It depends only on the Doc, so a build can keep it while
// the article is unchanged.
type Prepared struct {
	meta  []byte // [url, title, date, fragment] as JSON
	frag  File
	terms []hit // sorted by term
}

// hit is one word of one article, kept small: an article has hundreds,
// and a build keeps every article's until it writes the index (32 bytes a
// hit, where an int32 score made 40).
type hit struct {
	term  string
	score int16 // at most maxScore
	nsecs int8
	secs  [sectionsKept]int32 // sections, best first; nsecs of them
}

// File is one file of the index; Name is relative to the index folder.
type File struct {
	Name string
	Data []byte
}

// Score weights; see the package comment.
const (
	titleScore   = 100
	tagScore     = 20
	headScore    = 10
	headMax      = 5
	textMax      = 30
	sectionsKept = 3
	// maxScore is the most a word scores in an article, which a hit's
	// int16 holds (the constant does not compile otherwise).
	maxScore int16 = headMax*headScore + textMax + titleScore + tagScore
	// ShardBytes is the size a term shard grows to before the next term
	// starts another.
	ShardBytes = 48 << 10
	// DocsPerList is the number of articles in each d/ file.
	DocsPerList = 256
)

// Prepare weighs the words of d and makes its fragment.
func Prepare(d Doc) *Prepared {
	secs := d.Sections
	if d.Summary != "" {
		secs = append([]Section{{Text: d.Summary}}, secs...)
	}
	var w weigher
	w.byWord = map[string]int32{}
	w.each(d.Title, func(a *acc) { a.title = true })
	for _, t := range d.Tags {
		w.each(t, func(a *acc) { a.tag = true })
	}
	for i, s := range secs {
		w.each(s.Heading, func(a *acc) {
			a.head++
			w.at(a, i).head++
		})
		w.each(s.Text, func(a *acc) {
			a.text++
			w.at(a, i).text++
		})
	}
	p := &Prepared{terms: make([]hit, 0, len(w.byWord))}
	var per []count // a word's counts, reused
	for term, k := range w.byWord {
		a := &w.accs[k]
		h := hit{term: term, score: int16(min(a.head, headMax)*headScore + min(a.text, textMax))}
		if a.title {
			h.score += titleScore
		}
		if a.tag {
			h.score += tagScore
		}
		per = per[:0]
		for c := a.first; c >= 0; c = w.counts[c].next {
			per = append(per, w.counts[c])
		}
		// No two counts are of one section: the order is total.
		slices.SortFunc(per, func(x, y count) int {
			if (x.head > 0) != (y.head > 0) {
				if x.head > 0 {
					return -1
				}
				return 1
			}
			if n := (y.head + y.text) - (x.head + x.text); n != 0 {
				return int(n)
			}
			return int(x.sec - y.sec)
		})
		for _, c := range per[:min(len(per), sectionsKept)] {
			h.secs[h.nsecs] = c.sec
			h.nsecs++
		}
		p.terms = append(p.terms, h)
	}
	slices.SortFunc(p.terms, func(x, y hit) int { return strings.Compare(x.term, y.term) })

	rows := make([][3]string, len(secs))
	for i, s := range secs {
		rows[i] = [3]string{s.Anchor, s.Heading, s.Text}
	}
	// The URL makes each article's fragment its own file. Its terms (tags,
	// authors, tickers…) let a result found by one of them say so.
	frag := mustJSON(struct {
		URL      string      `json:"url"`
		Terms    []string    `json:"terms,omitempty"`
		Sections [][3]string `json:"sections"`
	}{d.URL, d.Tags, rows})
	p.frag = File{Name: "f/" + digest(frag) + ".json", Data: frag}
	p.meta = mustJSON([4]string{d.URL, d.Title, d.Date, p.frag.Name})
	return p
}

// TakeFragment returns the article's fragment file and lets go of its
// bytes: Index then leaves it out, as the caller writes it.
func (p *Prepared) TakeFragment() File {
	f := p.frag
	p.frag.Data = nil
	return f
}

// Index makes the files of the index of docs, in the order given (the
// order results with equal scores keep), with the fragments not taken
// (TakeFragment). Its output is a function of its input: the same docs
// give the same bytes.
func Index(docs []*Prepared) []File {
	var ix Indexer
	return ix.Index(docs)
}

// Indexer is Index with a memory: when most docs are those of its last
// call, in the same places, it encodes again only the terms of the docs
// that changed, and keeps the shards and article lists they do not touch.
// Its output is Index's. The zero Indexer is ready to use; it is not safe
// for concurrent use.
type Indexer struct {
	docs    []*Prepared
	byTerm  map[string][]posting // each term's postings, in the order of the docs
	entries map[string][]byte    // each term's encoded entry, "term":[[doc,score,sec…]…]
	offs    map[string][]int32   // where each posting of a term's entry starts
	terms   []string             // sorted
	shards  map[string]shardRec  // by first term
	lists   []listRec
	// frags are the fragment files of the docs, sorted by name, one per
	// name; fragOf is the one each doc added ("" for none) and fragUsers
	// the number of docs that added each.
	frags     []File
	fragOf    []string
	fragUsers map[string]int
}

type posting struct {
	doc int
	hit *hit
}

type shardRec struct {
	last  string
	count int
	file  File
}

type listRec struct {
	docs []*Prepared
	file File
}

// maxChanged is the most changed docs Indexer updates in place; beyond
// it indexes from scratch.
const maxChanged = 64

// Index returns the files of the index of docs; see the package Index.
func (ix *Indexer) Index(docs []*Prepared) []File {
	// dirty holds the terms whose entries change: each with the one doc
	// whose posting alone changed, in place, or -1 to encode it again.
	dirty := map[string]int{}
	if changed, ok := ix.changed(docs); ok {
		for _, k := range changed {
			ix.dropFrag(k)
			ix.addFrag(k, docs[k].frag)
		}
		for _, k := range changed {
			// Both term lists are sorted: walk them side by side. A
			// term whose posting is the same only points to the new hit.
			old, cur := ix.docs[k].terms, docs[k].terms
			for len(old) > 0 || len(cur) > 0 {
				switch {
				case len(cur) == 0 || len(old) > 0 && old[0].term < cur[0].term:
					ix.remove(k, old[0].term, dirty)
					old = old[1:]
				case len(old) == 0 || cur[0].term < old[0].term:
					ix.insert(k, &cur[0], dirty)
					cur = cur[1:]
				default:
					if old[0].score != cur[0].score || old[0].nsecs != cur[0].nsecs || old[0].secs != cur[0].secs {
						if d, ok := dirty[cur[0].term]; !ok {
							dirty[cur[0].term] = k
						} else if d != k {
							dirty[cur[0].term] = -1
						}
					}
					ps := ix.byTerm[cur[0].term]
					if i, ok := slices.BinarySearchFunc(ps, k, func(p posting, k int) int { return p.doc - k }); ok {
						ps[i].hit = &cur[0]
					}
					old, cur = old[1:], cur[1:]
				}
			}
		}
		for t, k := range dirty {
			ps, ok := ix.byTerm[t]
			switch {
			case !ok:
				delete(ix.entries, t)
				delete(ix.offs, t)
			case k >= 0:
				ix.splice(t, ps, k)
			default:
				ix.entries[t], ix.offs[t] = encodeEntry(t, ps)
			}
		}
	} else {
		ix.byTerm = map[string][]posting{}
		for i, d := range docs {
			for k := range d.terms {
				h := &d.terms[k]
				ix.byTerm[h.term] = append(ix.byTerm[h.term], posting{i, h})
			}
		}
		ix.terms = make([]string, 0, len(ix.byTerm))
		ix.entries = make(map[string][]byte, len(ix.byTerm))
		ix.offs = make(map[string][]int32, len(ix.byTerm))
		for t, ps := range ix.byTerm {
			ix.terms = append(ix.terms, t)
			ix.entries[t], ix.offs[t] = encodeEntry(t, ps)
		}
		slices.Sort(ix.terms)
		ix.shards, ix.lists = nil, nil
		ix.frags, ix.fragOf, ix.fragUsers = nil, make([]string, len(docs)), map[string]int{}
		for k, d := range docs {
			if d.frag.Data != nil {
				ix.fragOf[k] = d.frag.Name
				if ix.fragUsers[d.frag.Name]++; ix.fragUsers[d.frag.Name] == 1 {
					ix.frags = append(ix.frags, d.frag)
				}
			}
		}
		slices.SortFunc(ix.frags, func(x, y File) int { return strings.Compare(x.Name, y.Name) })
	}
	ix.docs = slices.Clone(docs)

	// The files, sorted by name: the lists (d/), the fragments (f/),
	// index.json and the shards (t/), each sorted.
	var shardFiles []File
	var firsts, shardNames []string
	shards := make(map[string]shardRec, len(ix.shards))
	for a := 0; a < len(ix.terms); {
		// The run of terms of this shard: at least one, then while it
		// stays within ShardBytes (the braces and commas included).
		size := 1 + len(ix.entries[ix.terms[a]])
		b := a + 1
		for b < len(ix.terms) {
			n := 1 + len(ix.entries[ix.terms[b]]) // one lookup: a site has 100,000s of terms
			if size+n > ShardBytes {
				break
			}
			size += n
			b++
		}
		first, last := ix.terms[a], ix.terms[b-1]
		rec, ok := ix.shards[first]
		if !ok || rec.last != last || rec.count != b-a || slices.ContainsFunc(ix.terms[a:b], func(t string) bool { _, d := dirty[t]; return d }) {
			data := make([]byte, 0, size+2)
			data = append(data, '{')
			for i, t := range ix.terms[a:b] {
				if i > 0 {
					data = append(data, ',')
				}
				data = append(data, ix.entries[t]...)
			}
			data = append(data, '}', '\n')
			rec = shardRec{last: last, count: b - a, file: File{Name: "t/" + digest(data) + ".json", Data: data}}
		}
		shards[first] = rec
		shardFiles = append(shardFiles, rec.file)
		firsts = append(firsts, first)
		shardNames = append(shardNames, rec.file.Name)
		a = b
	}
	ix.shards = shards

	var listNames []string
	var lists []listRec
	var listFiles []File
	for start, n := 0, 0; start < len(docs); start, n = start+DocsPerList, n+1 {
		chunk := docs[start:min(start+DocsPerList, len(docs))]
		var rec listRec
		if n < len(ix.lists) && slices.Equal(ix.lists[n].docs, chunk) {
			rec = ix.lists[n]
		} else {
			var b bytes.Buffer
			b.WriteByte('[')
			for i, d := range chunk {
				if i > 0 {
					b.WriteByte(',')
				}
				b.Write(d.meta)
			}
			b.WriteString("]\n")
			rec = listRec{docs: slices.Clone(chunk), file: File{Name: "d/" + digest(b.Bytes()) + ".json", Data: b.Bytes()}}
		}
		lists = append(lists, rec)
		listFiles = append(listFiles, rec.file)
		listNames = append(listNames, rec.file.Name)
	}
	ix.lists = lists

	manifest := struct {
		Version int      `json:"version"`
		Docs    int      `json:"docs"`
		PerList int      `json:"perList"`
		First   []string `json:"first"`
		Shards  []string `json:"shards"`
		Lists   []string `json:"lists"`
	}{1, len(docs), DocsPerList, nonNil(firsts), nonNil(shardNames), nonNil(listNames)}
	byName := func(x, y File) int { return strings.Compare(x.Name, y.Name) }
	slices.SortFunc(listFiles, byName)
	slices.SortFunc(shardFiles, byName)
	files := make([]File, 0, len(listFiles)+len(ix.frags)+1+len(shardFiles))
	files = append(append(files, listFiles...), ix.frags...)
	files = append(files, File{Name: "index.json", Data: append(mustJSON(manifest), '\n')})
	return append(files, shardFiles...)
}

// dropFrag takes away the fragment doc k added, from the last call's docs.
func (ix *Indexer) dropFrag(k int) {
	name := ix.fragOf[k]
	if name == "" {
		return
	}
	ix.fragOf[k] = ""
	if ix.fragUsers[name]--; ix.fragUsers[name] > 0 {
		return
	}
	delete(ix.fragUsers, name)
	if i, ok := slices.BinarySearchFunc(ix.frags, name, func(f File, name string) int { return strings.Compare(f.Name, name) }); ok {
		ix.frags = slices.Delete(ix.frags, i, i+1)
	}
}

// addFrag adds f, the fragment of doc k, unless it has been taken.
func (ix *Indexer) addFrag(k int, f File) {
	if f.Data == nil {
		return
	}
	ix.fragOf[k] = f.Name
	if ix.fragUsers[f.Name]++; ix.fragUsers[f.Name] > 1 {
		return
	}
	i, _ := slices.BinarySearchFunc(ix.frags, f.Name, func(g File, name string) int { return strings.Compare(g.Name, name) })
	ix.frags = slices.Insert(ix.frags, i, f)
}

// changed returns the places where docs differ from the last call's, when
// they are few and the number of docs is the same.
func (ix *Indexer) changed(docs []*Prepared) ([]int, bool) {
	if ix.byTerm == nil || len(docs) != len(ix.docs) {
		return nil, false
	}
	var out []int
	for i, d := range docs {
		// A doc whose fragment was taken since (TakeFragment) changed too.
		if d != ix.docs[i] || (ix.fragOf[i] != "") != (d.frag.Data != nil) {
			if out = append(out, i); len(out) > maxChanged {
				return nil, false
			}
		}
	}
	return out, true
}

// remove drops doc k's posting of term t.
func (ix *Indexer) remove(k int, t string, dirty map[string]int) {
	ps := ix.byTerm[t]
	i, found := slices.BinarySearchFunc(ps, k, func(p posting, k int) int { return p.doc - k })
	if !found {
		return
	}
	dirty[t] = -1
	if ps = slices.Delete(ps, i, i+1); len(ps) > 0 {
		ix.byTerm[t] = ps
		return
	}
	delete(ix.byTerm, t)
	if j, ok := slices.BinarySearch(ix.terms, t); ok {
		ix.terms = slices.Delete(ix.terms, j, j+1)
	}
}

// insert adds doc k's posting h.
func (ix *Indexer) insert(k int, h *hit, dirty map[string]int) {
	ps, had := ix.byTerm[h.term]
	if !had {
		j, _ := slices.BinarySearch(ix.terms, h.term)
		ix.terms = slices.Insert(ix.terms, j, h.term)
	}
	i, _ := slices.BinarySearchFunc(ps, k, func(p posting, k int) int { return p.doc - k })
	ix.byTerm[h.term] = slices.Insert(slices.Clip(ps), i, posting{k, h})
	dirty[h.term] = -1
}

// encodeEntry encodes term t's postings, "t":[[doc,score,sec…]…], and
// returns where each posting starts.
func encodeEntry(t string, ps []posting) ([]byte, []int32) {
	entry := append(mustJSON(t), ':', '[')
	offs := make([]int32, len(ps))
	for j, p := range ps {
		if j > 0 {
			entry = append(entry, ',')
		}
		offs[j] = int32(len(entry))
		entry = appendPosting(entry, p)
	}
	return append(entry, ']'), offs
}

// appendPosting appends [doc,score,sec…].
func appendPosting(b []byte, p posting) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(p.doc), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(p.hit.score), 10)
	for _, s := range p.hit.secs[:p.hit.nsecs] {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(s), 10)
	}
	return append(b, ']')
}

// splice encodes again only doc k's posting in term t's entry (ps its
// postings), which is all that changed: a common term's entry holds a
// posting for most docs, and an edit changes one.
func (ix *Indexer) splice(t string, ps []posting, k int) {
	i, ok := slices.BinarySearchFunc(ps, k, func(p posting, k int) int { return p.doc - k })
	entry, offs := ix.entries[t], ix.offs[t]
	if !ok || len(offs) != len(ps) {
		ix.entries[t], ix.offs[t] = encodeEntry(t, ps)
		return
	}
	start, end := int(offs[i]), len(entry)-1 // end: the list's ']'
	if i+1 < len(offs) {
		end = int(offs[i+1]) - 1 // the ',' before the next
	}
	var arr [64]byte
	p := appendPosting(arr[:0], ps[i])
	if len(p) == end-start {
		copy(entry[start:end], p) // no one else holds entry: see Index
		return
	}
	next := make([]byte, 0, len(entry)+len(p)-(end-start))
	next = append(append(append(next, entry[:start]...), p...), entry[end:]...)
	ix.entries[t] = next
	for j := i + 1; j < len(offs); j++ {
		offs[j] += int32(len(p) - (end - start))
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// mustJSON encodes v, which is made of strings, ints and slices of them:
// encoding/json cannot fail on those. It escapes <, > and &.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("search: " + err.Error())
	}
	return b
}

// digest names a file by its content: 16 hex digits of its SHA-256.
func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:8])
}
