package search

// weigher counts the words of one article (Prepare): each word's acc,
// in the order of first sight, and its counts per section, a list
// through counts.
type weigher struct {
	byWord map[string]int32 // each word's index in accs
	accs   []acc
	counts []count
	buf    []byte // the word being folded
	prev   []byte // the word before it in the same text when short, else ""
	pair   []byte // the pair of the two, "prev word"
}

// acc is one word's weight in an article.
type acc struct {
	title, tag  bool
	head, text  int
	first, last int32 // its counts, in the order of the sections; -1 for none
}

// count is a word's occurrences in one section; next is the word's
// count in a later section, -1 for none.
type count struct {
	sec, next, head, text int32
}

// each calls f with the acc of each word of s, and of each pair of
// words side by side that Joined says is indexed ("s p", "p 500").
func (w *weigher) each(s string, f func(a *acc)) {
	w.prev = w.prev[:0]
	w.buf = appendWords(w.buf[:0], s, func(word []byte) {
		f(w.acc(word))
		// Both words of a pair are short: only a short word is kept.
		if !short(word) {
			w.prev = w.prev[:0]
			return
		}
		if len(w.prev) > 0 && Joined(w.prev, word) {
			w.pair = append(append(append(w.pair[:0], w.prev...), ' '), word...)
			f(w.acc(w.pair))
		}
		w.prev = append(w.prev[:0], word...)
	})
}

// acc returns the acc of term, new when it is the first time.
func (w *weigher) acc(term []byte) *acc {
	k, ok := w.byWord[string(term)]
	if !ok {
		k = int32(len(w.accs))
		w.accs = append(w.accs, acc{first: -1, last: -1})
		w.byWord[string(term)] = k
	}
	return &w.accs[k]
}

// at returns a's count in section i, the last one it has or a new one.
func (w *weigher) at(a *acc, i int) *count {
	if a.last < 0 || w.counts[a.last].sec != int32(i) {
		k := int32(len(w.counts))
		w.counts = append(w.counts, count{sec: int32(i), next: -1})
		if a.last < 0 {
			a.first = k
		} else {
			w.counts[a.last].next = k
		}
		a.last = k
	}
	return &w.counts[a.last]
}
