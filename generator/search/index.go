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
//	f/HASH.json      an article's fragment: {"url": …, "sections": [[anchor, heading, text]…]}
//
// HASH is a digest of the file's bytes, so a file whose content is the same
// keeps its name from build to build and caches for ever. A query fetches
// the manifest, the shards holding its words, the article lists of the best
// results and their fragments: at 10,000 articles well under 500 KB.
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
	Tags             []string
	Summary          string // the front matter's summary or first paragraph
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

// hit is one word of one article, kept small: an article has hundreds.
type hit struct {
	term  string
	score int32
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
	// count is a word's occurrences in one section; a word's counts are
	// in the order of the sections, as they are visited in order.
	type count struct {
		sec, head, text int
	}
	type acc struct {
		title, tag bool
		head, text int
		per        []count
	}
	words := map[string]*acc{}
	get := func(w string) *acc {
		a := words[w]
		if a == nil {
			a = &acc{}
			words[w] = a
		}
		return a
	}
	eachWord(d.Title, func(w string) { get(w).title = true })
	for _, t := range d.Tags {
		eachWord(t, func(w string) { get(w).tag = true })
	}
	at := func(a *acc, i int) *count {
		if n := len(a.per); n == 0 || a.per[n-1].sec != i {
			a.per = append(a.per, count{sec: i})
		}
		return &a.per[len(a.per)-1]
	}
	for i, s := range secs {
		eachWord(s.Heading, func(w string) {
			a := get(w)
			a.head++
			at(a, i).head++
		})
		eachWord(s.Text, func(w string) {
			a := get(w)
			a.text++
			at(a, i).text++
		})
	}
	p := &Prepared{terms: make([]hit, 0, len(words))}
	for w, a := range words {
		// A clone: w is part of the folded text, which it would keep.
		h := hit{term: strings.Clone(w), score: int32(min(a.head, headMax)*headScore + min(a.text, textMax))}
		if a.title {
			h.score += titleScore
		}
		if a.tag {
			h.score += tagScore
		}
		slices.SortFunc(a.per, func(x, y count) int {
			if (x.head > 0) != (y.head > 0) {
				if x.head > 0 {
					return -1
				}
				return 1
			}
			if n := (y.head + y.text) - (x.head + x.text); n != 0 {
				return n
			}
			return x.sec - y.sec
		})
		for _, c := range a.per[:min(len(a.per), sectionsKept)] {
			h.secs[h.nsecs] = int32(c.sec)
			h.nsecs++
		}
		p.terms = append(p.terms, h)
	}
	slices.SortFunc(p.terms, func(x, y hit) int { return strings.Compare(x.term, y.term) })

	rows := make([][3]string, len(secs))
	for i, s := range secs {
		rows[i] = [3]string{s.Anchor, s.Heading, s.Text}
	}
	// The URL makes each article's fragment its own file.
	frag := mustJSON(struct {
		URL      string      `json:"url"`
		Sections [][3]string `json:"sections"`
	}{d.URL, rows})
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
// (TakeFragment). Its output is a function of its
// input: the same docs give the same bytes.
func Index(docs []*Prepared) []File {
	type posting struct {
		doc int
		hit *hit
	}
	// Each term's postings, in the order of the docs; then the terms in
	// order. (Sorting every posting would cost a second at 10,000
	// articles; there are far fewer terms.)
	byTerm := map[string][]posting{}
	for i, d := range docs {
		for k := range d.terms {
			h := &d.terms[k]
			byTerm[h.term] = append(byTerm[h.term], posting{i, h})
		}
	}
	terms := make([]string, 0, len(byTerm))
	for t := range byTerm {
		terms = append(terms, t)
	}
	slices.Sort(terms)

	var files []File
	var firsts, shards []string
	var shard, entry []byte
	closeShard := func() {
		if len(shard) == 0 {
			return
		}
		shard = append(shard, '}', '\n')
		name := "t/" + digest(shard) + ".json"
		files = append(files, File{Name: name, Data: shard})
		shards = append(shards, name)
		shard = nil
	}
	for _, term := range terms {
		entry = append(entry[:0], mustJSON(term)...)
		entry = append(entry, ':', '[')
		for j, p := range byTerm[term] {
			if j > 0 {
				entry = append(entry, ',')
			}
			entry = append(entry, '[')
			entry = strconv.AppendInt(entry, int64(p.doc), 10)
			entry = append(entry, ',')
			entry = strconv.AppendInt(entry, int64(p.hit.score), 10)
			for _, s := range p.hit.secs[:p.hit.nsecs] {
				entry = append(entry, ',')
				entry = strconv.AppendInt(entry, int64(s), 10)
			}
			entry = append(entry, ']')
		}
		entry = append(entry, ']')
		if len(shard) > 0 && len(shard)+len(entry) > ShardBytes {
			closeShard()
		}
		if len(shard) == 0 {
			shard = append(shard, '{')
			firsts = append(firsts, term)
		} else {
			shard = append(shard, ',')
		}
		shard = append(shard, entry...)
	}
	closeShard()

	var lists []string
	seen := map[string]bool{}
	for start := 0; start < len(docs); start += DocsPerList {
		var b bytes.Buffer
		b.WriteByte('[')
		for i, d := range docs[start:min(start+DocsPerList, len(docs))] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(d.meta)
			if d.frag.Data != nil && !seen[d.frag.Name] {
				seen[d.frag.Name] = true
				files = append(files, d.frag)
			}
		}
		b.WriteString("]\n")
		name := "d/" + digest(b.Bytes()) + ".json"
		files = append(files, File{Name: name, Data: b.Bytes()})
		lists = append(lists, name)
	}

	manifest := struct {
		Version int      `json:"version"`
		Docs    int      `json:"docs"`
		PerList int      `json:"perList"`
		First   []string `json:"first"`
		Shards  []string `json:"shards"`
		Lists   []string `json:"lists"`
	}{1, len(docs), DocsPerList, nonNil(firsts), nonNil(shards), nonNil(lists)}
	files = append(files, File{Name: "index.json", Data: append(mustJSON(manifest), '\n')})
	slices.SortFunc(files, func(x, y File) int { return strings.Compare(x.Name, y.Name) })
	return files
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
