package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The inline work budget. goldmark parses blocks first, then the inline
// text of each paragraph, heading and table cell; several of its inline
// parsers search forward or back from every opener, so some inputs take
// time that grows with the square of their size (a paragraph of "[a](b"
// repeated, "*a_ " repeated, a backslash and two backticks repeated, "<a "
// repeated; footnote references each search the list of footnotes). An article is converted
// only when an upper bound of that work, counted on the parsed blocks
// before any inline parsing, is within these budgets, taken as shares of
// one (half of one and half of another is the most): each is about half a
// second of work or less and far above what prose needs, so any article
// converts in bounded time.
const (
	// budgetDelimiters bounds the sum over blocks of the square of their
	// runs of *, _ and ~ (goldmark matches each closer against the openers
	// before it), plus the squares of the runs' lengths: one paragraph of
	// 10,000 runs, or 10,000 of 100.
	budgetDelimiters = 100_000_000
	// budgetBrackets bounds the sum over blocks of the square of their "[".
	budgetBrackets = 25_000_000
	// budgetScan bounds the bytes scanned forward from openers that may
	// not close: a link destination "](" (to the next space), "](<" (to
	// the next ">"), a backtick run (to the next run of its length), a
	// raw HTML tag "<x" (to the next ">"), and "<!", "<?" (to the end of
	// the block).
	budgetScan = 200_000_000
	// budgetFootnotes bounds footnote references times footnotes.
	budgetFootnotes = 50_000_000
)

// guard is an inline parser that runs first for every character that
// starts any inline parser's work. At its first call for a document every
// block is parsed and no inline text is, so it counts the work the whole
// document needs (costs) and, when a budget is exceeded, records the error
// and makes every later call consume its line whole, so the rest of the
// conversion is linear. It also ends the conversion once Options.Stop is
// closed.
type guard struct{}

func (guard) Trigger() []byte {
	t := []byte{' '}
	for c := byte('!'); c <= '~'; c++ {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			t = append(t, c)
		}
	}
	return t
}

func (guard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st, _ := pc.Get(docKey).(*docState)
	if st == nil {
		return nil
	}
	if !st.budgeted {
		st.budgeted = true
		if doc := parent.OwnerDocument(); doc != nil {
			if err := st.checkBudget(doc, block.Source()); err != nil {
				st.errs = append(st.errs, err)
				st.overBudget = true
			}
		}
	}
	if !st.overBudget && st.stop != nil {
		select {
		case <-st.stop:
			st.errs = append(st.errs, fmt.Errorf("%s: %w", st.file, ErrStopped))
			st.overBudget = true
		default:
		}
	}
	if !st.overBudget {
		return nil
	}
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	block.Advance(len(line))
	return ast.NewTextSegment(seg)
}

// cost is the counted work of one kind, and the block that holds most of it.
type cost struct {
	total, worst int
	worstAt      int // byte offset of the worst block
}

func (c *cost) add(n, at int) {
	c.total += n
	if n > c.worst {
		c.worst, c.worstAt = n, at
	}
}

// checkBudget counts the inline work of every block of doc that goldmark
// will parse inline and returns an error naming the block that holds most
// of the first budget exceeded.
func (st *docState) checkBudget(doc ast.Node, src []byte) error {
	var delims, brackets, scan cost
	refs, footnotes, firstRef := 0, 0, -1
	var buf []byte
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if n.Kind() == east.KindFootnote {
			footnotes++
		}
		if n.IsRaw() || n.Lines().Len() == 0 {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		buf = buf[:0]
		for i := range lines.Len() {
			seg := lines.At(i)
			buf = append(buf, seg.Value(src)...)
		}
		at := lines.At(0).Start
		b := blockCost(buf)
		delims.add(b.delims*b.delims+b.delimChars, at)
		brackets.add(b.brackets*b.brackets, at)
		scan.add(b.scan, at)
		if b.refs > 0 && firstRef < 0 {
			firstRef = at
		}
		refs += b.refs
		return ast.WalkContinue, nil
	})
	// The budgets are shares of one: an article may spend all of one, or
	// parts of several, so the kinds together stay bounded too.
	kinds := []struct {
		c         cost
		budget    int
		what, fix string
	}{
		{delims, budgetDelimiters, "runs of emphasis markers (*, _ and ~)", "escape the markers as \\*, \\_ and \\~, or split the paragraph"},
		{brackets, budgetBrackets, "link brackets ([)", "escape the brackets as \\[, or split the paragraph"},
		{scan, budgetScan, "openers that do not close (link destinations \"](\" without \")\", backticks, raw HTML \"<\")", "close them, or escape them as \\`, \\<, \\("},
		{cost{total: refs * footnotes, worst: refs * footnotes, worstAt: max(firstRef, 0)}, budgetFootnotes, "footnote references times footnotes", "use fewer footnotes, or refer to each fewer times"},
	}
	share, most, mostShare := 0.0, 0, 0.0
	for i, k := range kinds {
		f := float64(k.c.total) / float64(k.budget)
		share += f
		if f > mostShare {
			most, mostShare = i, f
		}
	}
	if share <= 1 {
		return nil
	}
	k := kinds[most]
	return fmt.Errorf("%s:%d: this paragraph, with the rest of the article, holds too many %s to convert in bounded time: %s",
		st.file, st.lineBase+st.lineAt(k.c.worstAt)-1, k.what, k.fix)
}

// inlineCost is what one block's text costs to parse inline.
type inlineCost struct {
	delims int // runs of *, _ and ~, not escaped
	// delimChars is the sum of the squares of the runs' lengths: a run
	// of n markers nests up to n/2 emphasis elements, matched one by one.
	delimChars int
	brackets   int // "[" not escaped
	refs       int // footnote references "[^"
	scan       int // bytes scanned from openers (see budgetScan)
}

// blockCost counts t, the text of one block, in two passes: forward for
// runs and escapes, backward for the distance from each opener to what
// would close it.
func blockCost(t []byte) inlineCost {
	var c inlineCost
	type run struct{ at, n, opener int }
	var ticks []run
	escaped := false
	for i := 0; i < len(t); i++ {
		ch := t[i]
		if ch == '`' {
			j := i
			for j < len(t) && t[j] == '`' {
				j++
			}
			n := j - i
			opener := n
			if escaped {
				opener--
			}
			ticks = append(ticks, run{i, n, opener})
			escaped = false
			i = j - 1
			continue
		}
		if escaped {
			escaped = false
			continue
		}
		switch ch {
		case '\\':
			escaped = true
		case '*', '_', '~':
			j := i
			for j < len(t) && t[j] == ch {
				j++
			}
			c.delims++
			c.delimChars += (j - i) * (j - i)
			i = j - 1
		case '[':
			c.brackets++
			if i+1 < len(t) && t[i+1] == '^' {
				c.refs++
			}
		}
	}
	// Backward: the nearest space, newline, ">" and quote at or after i.
	n := len(t)
	nextSpace, nextNL, nextGT, nextQuote := n, n, n, n
	for i := n - 1; i >= 0; i-- {
		switch t[i] {
		case ' ', '\t', '\n', '\r':
			nextSpace = i
			if t[i] == '\n' {
				nextNL = i
			}
		case '>':
			nextGT = i
		case '"', '\'':
			nextQuote = i
		case ']':
			if i+2 < n && t[i+1] == '(' {
				if t[i+2] == '<' {
					c.scan += min(nextGT, nextNL) - i
				} else {
					c.scan += nextSpace - i
				}
			}
		case '<':
			if i+1 < n {
				switch d := t[i+1]; {
				case d == '!' || d == '?':
					c.scan += n - i
				case d == '/' || 'a' <= d && d <= 'z' || 'A' <= d && d <= 'Z':
					if nextQuote < nextGT {
						c.scan += n - i
					} else {
						c.scan += nextGT - i
					}
				}
			}
		}
	}
	// A backtick run searches forward for a run of its own length.
	next := map[int]int{}
	for k := len(ticks) - 1; k >= 0; k-- {
		r := ticks[k]
		if r.opener > 0 {
			end, ok := next[r.opener]
			if !ok {
				end = n
			}
			c.scan += end - r.at
		}
		next[r.n] = r.at
	}
	return c
}
