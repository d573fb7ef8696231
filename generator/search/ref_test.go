package search

import (
	"html"
	"slices"
	"strings"
	"unicode"
)

// refPrepare, refSections and the functions after them are Prepare and
// Sections as they were before they kept their words in slices and
// collapsed white space as they read (see TestPrepareSameAsBefore);
// refPrepare weighs the words only.

// Prepare weighs the words of d and makes its fragment.
func refPrepare(d Doc) *Prepared {
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
	refEachWord(d.Title, func(w string) { get(w).title = true })
	for _, t := range d.Tags {
		refEachWord(t, func(w string) { get(w).tag = true })
	}
	at := func(a *acc, i int) *count {
		if n := len(a.per); n == 0 || a.per[n-1].sec != i {
			a.per = append(a.per, count{sec: i})
		}
		return &a.per[len(a.per)-1]
	}
	for i, s := range secs {
		refEachWord(s.Heading, func(w string) {
			a := get(w)
			a.head++
			at(a, i).head++
		})
		refEachWord(s.Text, func(w string) {
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

	// (The fragment and metadata, made after the words, are left out:
	// Prepare makes them as it did, and they may change on their own.)
	return p
}

// Sections splits an article body, as HTML the generator made, into its
// sections: a new one starts at each h2–h6 and each figure with an id. A
// figure's heading is the text of its element of class figure__title.
// The text of SVG drawings, tables, scripts, styles, summary toggles,
// links to a chart's CSV or PNG file and elements with the attribute
// data-nosearch is left out, and entities are
// decoded. It never fails: text it cannot read as a tag is
// text.
func refSections(body string) []Section {
	var (
		out     []Section
		cur     Section
		head    strings.Builder // the current heading's text
		text    strings.Builder
		inHead  string // the element name whose text is the heading, "" outside
		headLvl int    // depth of that element among same-named ones
		skip    string // the skipped element being passed over
		skipLvl int
	)
	flush := func() {
		cur.Heading = refCollapse(head.String())
		cur.Text = refCollapse(text.String())
		if cur.Anchor != "" || cur.Heading != "" || cur.Text != "" {
			out = append(out, cur)
		}
		cur = Section{}
		head.Reset()
		text.Reset()
	}
	addText := func(s string) {
		if inHead != "" {
			head.WriteString(s)
		} else {
			text.WriteString(s)
		}
	}
	for i := 0; i < len(body); {
		lt := strings.IndexByte(body[i:], '<')
		if lt < 0 {
			if skip == "" {
				addText(html.UnescapeString(body[i:]))
			}
			break
		}
		if lt > 0 && skip == "" {
			addText(html.UnescapeString(body[i : i+lt]))
		}
		i += lt
		if strings.HasPrefix(body[i:], "<!--") {
			end := strings.Index(body[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		t, n := readTag(body[i:])
		if n == 0 { // not a tag: a lone <
			if skip == "" {
				addText("<")
			}
			i++
			continue
		}
		i += n
		if skip != "" {
			switch {
			case t.name == skip && t.end:
				skipLvl--
				if skipLvl == 0 {
					skip = ""
				}
			case t.name == skip && !t.selfClosing:
				skipLvl++
			}
			continue
		}
		if (skipped[t.name] || t.file || t.nosearch) && !t.end {
			if !t.selfClosing {
				skip, skipLvl = t.name, 1
			}
			continue
		}
		if !inline[t.name] {
			addText(" ")
		}
		if t.end {
			if t.name == inHead {
				headLvl--
				if headLvl == 0 {
					inHead = ""
				}
			}
			continue
		}
		if t.selfClosing {
			continue
		}
		isHeading := len(t.name) == 2 && t.name[0] == 'h' && t.name[1] >= '2' && t.name[1] <= '6'
		switch {
		case t.id != "" && (isHeading || t.name == "figure"):
			flush()
			cur.Anchor = t.id
			if isHeading {
				inHead, headLvl = t.name, 1
			}
		case inHead == "" && hasClass(t.class, "figure__title"):
			inHead, headLvl = t.name, 1
		case t.name == inHead:
			headLvl++
		}
	}
	flush()
	return out
}

// collapse trims s and turns each run of white space into one space, in
// a new string.
func refCollapse(s string) string { return strings.Clone(strings.Join(strings.Fields(s), " ")) }

// eachWord calls f with each word of s, as Words returns them.
func refEachWord(s string, f func(w string)) {
	s = Fold(s)
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(s[start:])
	}
}
